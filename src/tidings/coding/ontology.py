"""PLOVER/CAMEO tables and the trigger lexicon, loaded once and passed around.

Everything here is read from versioned data files under ``tidings/data/plover/``; see the
README there for sources and licences.
"""

from __future__ import annotations

import csv
import logging
from collections import defaultdict
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from tidings.coding.lexicon import (
    Companions,
    TriggerEntry,
    build_form_index,
    candidate_index,
    head_forms,
    load_irregular,
    load_triggers,
    skip_comments,
    verb_forms,
)
from tidings.errors import ConfigError
from tidings.resolve.kb import ActorKB

logger = logging.getLogger(__name__)

#: The PLOVER version the tables follow.
PLOVER_VERSION = "0.8"


def data_dir() -> Path:
    """Folder of the PLOVER data files shipped with the package."""
    return Path(str(resources.files("tidings") / "data" / "plover"))


def quad_class_of(cameo: str | None) -> int | None:
    """CAMEO quad class from the root of ``cameo``.

    Example:
        >>> quad_class_of("0872"), quad_class_of("190"), quad_class_of(None)
        (2, 4, None)
    """
    if not cameo or len(cameo) < 2 or not cameo[:2].isdigit():
        return None
    root = int(cameo[:2])
    if root <= 0 or root > 20:
        return None
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


@dataclass(frozen=True, slots=True)
class CameoRow:
    """One CAMEO code with its PLOVER type, Goldstein score and quad class."""

    cameo: str
    plover_type: str
    plover_mode: str
    goldstein: float | None
    quad_class: int | None
    label: str


@dataclass(slots=True)
class Ontology:
    """PLOVER event types and modes, the CAMEO crosswalk, Goldstein scores and the lexicon.

    Build it with :meth:`load`; it is read-only afterwards and safe to share between threads.

    Attributes:
        version: PLOVER version of the tables.
        types: PLOVER type -> definition (``description``, ``quad_class``, ``default_cameo``,
            ``modes``).
        cameo: CAMEO code -> :class:`CameoRow`.
        triggers: Lexicon entries, grouped by head lemma.
        forms: Inflected form -> lemma for every lexicon word.
        heads: Inflected forms of every head word.
        alone_heads: Inflected forms of heads that are triggers on their own.
        phrase_heads: Inflected head form -> the companion words (as inflected forms, per
            position) that one of its phrases needs; only heads not in ``alone_heads``.
        modality: The frame table of ``modality.yaml``.
        kb: The actor knowledge base used to resolve mentions the actor finder missed and to
            give places a country (``None`` disables both).
    """

    version: str
    types: dict[str, dict[str, Any]]
    cameo: dict[str, CameoRow]
    triggers: dict[str, list[TriggerEntry]]
    forms: dict[str, str]
    heads: frozenset[str]
    modality: dict[str, Any]
    kb: ActorKB | None = None
    reporting: frozenset[str] = field(default_factory=frozenset)
    alone_heads: frozenset[str] = field(default_factory=frozenset)
    phrase_heads: dict[str, tuple[Companions, ...]] = field(default_factory=dict)
    reporting_forms: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def load(cls, path: Path | None = None, *, kb: ActorKB | None = None) -> Ontology:
        """Read the tables from ``path`` (default: the package data folder).

        Args:
            path: Folder holding ``types.yaml``, ``cameo.csv``, ``triggers.csv``,
                ``modality.yaml`` and ``irregular_verbs.csv``.
            kb: Optional actor knowledge base (see :attr:`kb`).

        Raises:
            ConfigError: When a file is missing or malformed.

        Example:
            >>> onto = Ontology.load()
            >>> onto.goldstein("190"), onto.quad_class("190")
            (-10.0, 4)
        """
        folder = path or data_dir()
        try:
            types_doc = yaml.safe_load((folder / "types.yaml").read_text(encoding="utf-8"))
            modality = yaml.safe_load((folder / "modality.yaml").read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise ConfigError(f"cannot read PLOVER tables in {folder}: {exc}") from exc
        cameo: dict[str, CameoRow] = {}
        try:
            with (folder / "cameo.csv").open(encoding="utf-8", newline="") as fh:
                for row in csv.DictReader(skip_comments(fh)):
                    gs = row["goldstein"].strip()
                    cameo[row["cameo"]] = CameoRow(
                        cameo=row["cameo"],
                        plover_type=row["plover_type"].strip(),
                        plover_mode=row["plover_mode"].strip(),
                        goldstein=float(gs) if gs else None,
                        quad_class=int(row["quad_class"]) if row["quad_class"] else None,
                        label=row["label"],
                    )
        except (OSError, KeyError, ValueError) as exc:
            raise ConfigError(f"cannot read {folder / 'cameo.csv'}: {exc}") from exc
        irregular = load_irregular(folder / "irregular_verbs.csv")
        entries = load_triggers(folder / "triggers.csv")
        types = dict(types_doc["types"])
        for entry in entries:
            if entry.type not in types:
                raise ConfigError(
                    f"trigger {entry.text!r} has unknown PLOVER type {entry.type!r}; "
                    f"valid types: {', '.join(types)}"
                )
        grouped: dict[str, list[TriggerEntry]] = defaultdict(list)
        for entry in entries:
            for head in entry.words[0]:
                grouped[head].append(entry)
        for group in grouped.values():
            group.sort(key=lambda e: (-len(e.words), -e.weight))
        alone, phrases = candidate_index(entries, irregular)
        onto = cls(
            version=str(types_doc.get("plover_version", PLOVER_VERSION)),
            types=types,
            cameo=cameo,
            triggers=dict(grouped),
            forms=build_form_index(entries, irregular),
            heads=frozenset(head_forms(entries, irregular)),
            modality=modality,
            kb=kb,
            reporting=frozenset(modality.get("reporting_verbs", [])),
            alone_heads=alone,
            phrase_heads=phrases,
            reporting_forms=frozenset(
                f for v in modality.get("reporting_verbs", []) for f in verb_forms(v, irregular)
            ),
        )
        logger.debug(
            "loaded PLOVER %s: %d triggers, %d CAMEO codes", onto.version, len(entries), len(cameo)
        )
        return onto

    def with_kb(self, kb: ActorKB | None) -> Ontology:
        """A copy of the ontology that resolves mentions and places with ``kb``."""
        return replace(self, kb=kb)

    def _row(self, cameo: str | None) -> CameoRow | None:
        code = cameo or ""
        while code:
            row = self.cameo.get(code)
            if row is not None and (row.goldstein is not None or len(code) <= 3):
                return row
            if len(code) == 2:
                return self.cameo.get(code + "0")
            code = code[:-1]
        return None

    def goldstein(self, cameo: str | None) -> float | None:
        """Goldstein score of a CAMEO code (falling back to its parent code)."""
        row = self._row(cameo)
        return row.goldstein if row else None

    def quad_class(self, cameo: str | None) -> int | None:
        """Quad class of a CAMEO code (1–4), or ``None`` for an unknown code."""
        return quad_class_of(cameo)

    def plover_of(self, cameo: str) -> tuple[str, str]:
        """PLOVER (type, mode) of a CAMEO code by the crosswalk; ``("", "")`` when unmapped.

        Example:
            >>> Ontology.load().plover_of("042")
            ('CONSULT', 'visit')
        """
        row = self._row(cameo)
        return (row.plover_type, row.plover_mode) if row else ("", "")

    def default_cameo(self, event_type: str) -> str | None:
        """CAMEO code used for a PLOVER type when a rule names none."""
        spec = self.types.get(event_type)
        return str(spec["default_cameo"]) if spec else None

    def type_quad_class(self, event_type: str) -> int | None:
        """Default quad class of a PLOVER type."""
        spec = self.types.get(event_type)
        return int(spec["quad_class"]) if spec else None
