"""The word tables of the time grammar, read from ``tidings/data/temporal/lexicon.yaml``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from tidings.errors import ConfigError

LEXICON_FILE = "lexicon.yaml"


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Calendar vocabulary: months, weekdays, numbers, units, seasons, holidays, modifiers.

    Build it with :meth:`load`; every mapping is keyed by the lower-case word.
    """

    months: dict[str, int]
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]
    weekday_abbreviations: frozenset[str]
    numbers: dict[str, int]
    vague_numbers: tuple[str, ...]
    ordinals: dict[str, int]
    units: dict[str, dict[str, Any]]
    seasons: dict[str, str]
    parts_of_day: dict[str, str]
    fixed_holidays: dict[str, tuple[int, int]]
    references: dict[str, str]
    modifiers: dict[str, str]

    @classmethod
    def load(cls, text: str | None = None) -> Lexicon:
        """Read the lexicon shipped with tidings (or the YAML ``text`` given).

        Raises:
            ConfigError: When the file is missing a table; reinstall tidings or fix the file.

        Example:
            >>> Lexicon.load().months["sept"]
            9
        """
        if text is None:
            text = (
                resources.files("tidings.data")
                .joinpath("temporal")
                .joinpath(LEXICON_FILE)
                .read_text(encoding="utf-8")
            )
        data = yaml.safe_load(text)
        try:
            return cls(
                months={str(k): int(v) for k, v in data["months"].items()},
                ambiguous_months=frozenset(data["ambiguous_months"]),
                weekdays={str(k): int(v) for k, v in data["weekdays"].items()},
                weekday_abbreviations=frozenset(data["weekday_abbreviations"]),
                numbers={str(k): int(v) for k, v in data["numbers"].items()},
                vague_numbers=tuple(data["vague_numbers"]),
                ordinals={str(k): int(v) for k, v in data["ordinals"].items()},
                units={str(k): dict(v) for k, v in data["units"].items()},
                seasons={str(k): str(v) for k, v in data["seasons"].items()},
                parts_of_day={str(k): str(v) for k, v in data["parts_of_day"].items()},
                fixed_holidays={
                    str(k): (int(v[0]), int(v[1])) for k, v in data["fixed_holidays"].items()
                },
                references={
                    str(w).lower(): ref for ref, words in data["references"].items() for w in words
                },
                modifiers={str(k): str(v) for k, v in data["modifiers"].items()},
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ConfigError(
                f"the temporal lexicon is incomplete or malformed ({exc!r}); "
                f"reinstall tidings or repair tidings/data/temporal/{LEXICON_FILE}"
            ) from exc


def alternation(words: object) -> str:
    """A regex alternation of ``words``, longest first, spaces matching any whitespace.

    Example:
        >>> alternation(["a", "a few"])
        'a\\\\s+few|a'
    """
    items = sorted({str(w) for w in words}, key=lambda w: (-len(w), w))  # type: ignore[attr-defined]
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)
