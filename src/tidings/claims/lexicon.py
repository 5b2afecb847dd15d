"""Cue lexicons for status and attribution, loaded from ``tidings/data/claims/cues.yaml``.

The lexicon is plain data: word lists keyed by what they signal. It is read once per
process by :func:`load_lexicon` (the result is immutable, so sharing it is safe).
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from tidings.errors import TidingsError

#: Claim kinds a cue verb class produces, in the order they are tried.
CUE_CLASSES: tuple[str, ...] = (
    "denial",
    "confirmation",
    "allegation",
    "report",
    "statement",
    "belief",
)


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """Word lists that signal event status and attribution.

    Attributes:
        cue_verbs: Claim class (``statement``, ``report``, ``allegation``, ``denial``,
            ``confirmation``, ``belief``) to the verb lemmas that signal it.
        plan_verbs, negative_verbs, uncertain_verbs, factive_verbs: Verbs that govern an
            event and make it planned, not happened, uncertain or factual.
        modals: ``future``/``possible``/``conditional``/``obligation`` modal words.
        adverbs: ``reported``/``alleged``/``speculative``/``negation``/``confirmed`` adverbs.
        nouns: ``plan``/``allegation``/``denial``/``hypothetical`` nouns.
        adjectives: ``planned``/``speculative``/``negated`` modifiers.
        future_time: Words that place an event in the future.
        conditional_marks: Subordinators of conditional or open questions.
        sources: Head nouns and modifiers that type a source.
        back_references: Words that point back at earlier claims ("denied the
            allegations", "confirmed it"), keyed by the claim kinds they prefer
            (``allegation``, ``report``, ``any``).
        happen_verbs: Verbs saying that an event took place ("the visit took place").
        event_synonyms: Groups of event words that name the same kind of event
            ("visit", "trip", "travel").
    """

    cue_verbs: dict[str, frozenset[str]]
    plan_verbs: frozenset[str]
    negative_verbs: frozenset[str]
    uncertain_verbs: frozenset[str]
    factive_verbs: frozenset[str]
    modals: dict[str, frozenset[str]]
    adverbs: dict[str, frozenset[str]]
    nouns: dict[str, frozenset[str]]
    adjectives: dict[str, frozenset[str]]
    future_time: frozenset[str]
    conditional_marks: frozenset[str]
    sources: dict[str, frozenset[str]]
    back_references: dict[str, frozenset[str]] = dataclasses.field(default_factory=dict)
    happen_verbs: frozenset[str] = frozenset()
    event_synonyms: tuple[frozenset[str], ...] = ()

    def same_event_word(self, a: str, b: str) -> bool:
        """Whether two event words (lemmas) name the same kind of event.

        Example:
            >>> load_lexicon().same_event_word("trip", "visit")
            True
        """
        a, b = a.lower(), b.lower()
        return a == b or any(a in group and b in group for group in self.event_synonyms)

    def cue_class(self, lemma: str, *, include_belief: bool = True) -> str | None:
        """The cue class of a verb lemma, or ``None`` when it is no attribution cue.

        Example:
            >>> load_lexicon().cue_class("deny")
            'denial'
        """
        for name in CUE_CLASSES:
            if name == "belief" and not include_belief:
                continue
            if lemma in self.cue_verbs.get(name, frozenset()):
                return name
        return None

    def modal_class(self, word: str) -> str | None:
        """``future``, ``possible``, ``conditional``, ``obligation`` or ``None``."""
        for name, words in self.modals.items():
            if word in words:
                return name
        return None

    def adverb_class(self, word: str) -> str | None:
        """The status an adverb signals, or ``None``."""
        for name, words in self.adverbs.items():
            if word in words:
                return name
        return None


def _words(value: Any, where: str) -> frozenset[str]:
    if not isinstance(value, list):
        raise TidingsError(f"cue lexicon entry {where!r} must be a list of words; fix cues.yaml")
    return frozenset(str(v).lower() for v in value)


def _groups(data: dict[str, Any], key: str) -> dict[str, frozenset[str]]:
    value = data.get(key) or {}
    if not isinstance(value, dict):
        raise TidingsError(f"cue lexicon entry {key!r} must be a mapping; fix cues.yaml")
    return {name: _words(words, f"{key}.{name}") for name, words in value.items()}


def parse_lexicon(data: dict[str, Any]) -> CueLexicon:
    """Build a :class:`CueLexicon` from the parsed YAML mapping.

    Raises:
        TidingsError: When an entry has the wrong shape.
    """
    return CueLexicon(
        cue_verbs=_groups(data, "cue_verbs"),
        plan_verbs=_words(data.get("plan_verbs", []), "plan_verbs"),
        negative_verbs=_words(data.get("negative_verbs", []), "negative_verbs"),
        uncertain_verbs=_words(data.get("uncertain_verbs", []), "uncertain_verbs"),
        factive_verbs=_words(data.get("factive_verbs", []), "factive_verbs"),
        modals=_groups(data, "modals"),
        adverbs=_groups(data, "adverbs"),
        nouns=_groups(data, "nouns"),
        adjectives=_groups(data, "adjectives"),
        future_time=_words(data.get("future_time", []), "future_time"),
        conditional_marks=_words(data.get("conditional_marks", []), "conditional_marks"),
        sources=_groups(data, "sources"),
        back_references=_groups(data, "back_references"),
        happen_verbs=_words(data.get("happen_verbs", []), "happen_verbs"),
        event_synonyms=tuple(
            _words(group, f"event_synonyms[{i}]")
            for i, group in enumerate(data.get("event_synonyms") or [])
        ),
    )


@functools.lru_cache(maxsize=1)
def load_lexicon() -> CueLexicon:
    """Read the packaged cue lexicon (once per process; the result is immutable).

    Raises:
        TidingsError: When the packaged file is missing or malformed (reinstall tidings).
    """
    try:
        text = (
            resources.files("tidings").joinpath("data/claims/cues.yaml").read_text(encoding="utf-8")
        )
        data = yaml.safe_load(text)
    except (OSError, yaml.YAMLError) as exc:
        raise TidingsError(
            f"cannot read the packaged cue lexicon data/claims/cues.yaml: {exc}; reinstall tidings"
        ) from exc
    if not isinstance(data, dict):
        raise TidingsError("data/claims/cues.yaml is not a mapping; reinstall tidings")
    return parse_lexicon(data)
