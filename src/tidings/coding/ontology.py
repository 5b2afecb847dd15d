"""PLOVER/CAMEO tables and the trigger lexicon, loaded once and passed around.

Everything here is read from versioned data files under ``tidings/data/plover/``; see the
README there for sources and licences.
"""

from __future__ import annotations

import csv
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from spacy.lang.en.stop_words import STOP_WORDS

from tidings.coding.lexicon import (
    Companions,
    TriggerEntry,
    build_form_index,
    candidate_index,
    head_forms,
    load_irregular,
    load_triggers,
    noun_forms,
    skip_comments,
    verb_forms,
)
from tidings.coding.verbdict import VerbDictionary
from tidings.errors import ConfigError
from tidings.resolve.kb import ActorKB

logger = logging.getLogger(__name__)

#: The PLOVER version the tables follow.
PLOVER_VERSION = "0.8"
#: Uses of the CAMEO verb dictionary (``cameo_verbs.tsv``), each a switch:
#: ``context``: a lexicon verb's object or prepositional phrase picks a more specific reading
#: ("rush aid" AID, "rush troops to the border" MOBILIZE); ``breadth``: a verb the lexicon
#: lacks is a trigger when one of its patterns matches; ``defaults``: such a verb is a trigger
#: on its bare default code when no pattern matches.
VERB_SWITCHES: tuple[str, ...] = ("context", "breadth", "defaults")
#: The switches on unless the caller says otherwise: none, as in :class:`tidings.config.Config`
#: (no use raised the check halves; see ``docs/accuracy.md``).
DEFAULT_VERB_SWITCHES: tuple[str, ...] = ()


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
        verbs: The CAMEO verb dictionary (``None`` when no switch uses it).
        verb_switches: Which uses of it are on (see :data:`VERB_SWITCHES`).
        verb_heads: Inflected forms of the dictionary verbs that may start a trigger the
            lexicon lacks (``breadth``/``defaults``) -> the noun forms (no stop words) one of
            which must follow the verb (empty: none needed, a bare default code); the cheap
            candidate test looks them up.
        lexicon_verbs: Lemmas that are verb triggers of the lexicon on their own (a ``VERB``
            or ``ANY`` entry of one word); the dictionary does not add triggers for them.
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
    verbs: VerbDictionary | None = None
    verb_switches: frozenset[str] = field(default_factory=frozenset)
    verb_heads: dict[str, frozenset[str]] = field(default_factory=dict)
    lexicon_verbs: frozenset[str] = field(default_factory=frozenset)
    word_sets: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def load(
        cls,
        path: Path | None = None,
        *,
        kb: ActorKB | None = None,
        verb_switches: Iterable[str] | None = None,
    ) -> Ontology:
        """Read the tables from ``path`` (default: the package data folder).

        Args:
            path: Folder holding ``types.yaml``, ``cameo.csv``, ``triggers.csv``,
                ``modality.yaml``, ``irregular_verbs.csv`` and ``cameo_verbs.tsv``.
            kb: Optional actor knowledge base (see :attr:`kb`).
            verb_switches: Uses of the CAMEO verb dictionary (:data:`VERB_SWITCHES`);
                ``None`` means :data:`DEFAULT_VERB_SWITCHES`, empty turns it off.

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
        switches = frozenset(DEFAULT_VERB_SWITCHES if verb_switches is None else verb_switches)
        unknown = switches - set(VERB_SWITCHES)
        if unknown:
            raise ConfigError(
                f"unknown CAMEO verb switch(es) {', '.join(sorted(unknown))}; "
                f"valid: {', '.join(VERB_SWITCHES)}"
            )
        lexicon_verbs = frozenset(
            head
            for head, group in grouped.items()
            if any(e.pos != "NOUN" and len(e.words) == 1 for e in group)
        )
        reporting = frozenset(modality.get("reporting_verbs", []))
        verbs = VerbDictionary.load(folder / "cameo_verbs.tsv", irregular) if switches else None
        verb_heads: dict[str, frozenset[str]] = {}
        if verbs is not None and switches & {"breadth", "defaults"}:
            needs: dict[str, frozenset[str] | None] = {}
            for form, verb in verbs.forms.items():
                if verb in lexicon_verbs or verb in reporting:
                    continue
                if verb not in needs:
                    named = verbs.pattern_nouns(verb) if "breadth" in switches else set()
                    if "defaults" in switches and verbs.may_code(verb, defaults=True):
                        needs[verb] = frozenset()
                    elif named - STOP_WORDS:
                        needs[verb] = (
                            frozenset(f for n in named - STOP_WORDS for f in noun_forms(n))
                            - STOP_WORDS
                        )
                    else:
                        needs[verb] = None
                need = needs[verb]
                if need is not None:
                    verb_heads[form] = need
        onto = cls(
            version=str(types_doc.get("plover_version", PLOVER_VERSION)),
            types=types,
            cameo=cameo,
            triggers=dict(grouped),
            forms=build_form_index(entries, irregular),
            heads=frozenset(head_forms(entries, irregular)),
            modality=modality,
            kb=kb,
            reporting=reporting,
            alone_heads=alone,
            phrase_heads=phrases,
            reporting_forms=frozenset(
                f for v in modality.get("reporting_verbs", []) for f in verb_forms(v, irregular)
            ),
            verbs=verbs,
            verb_switches=switches,
            verb_heads=verb_heads,
            lexicon_verbs=lexicon_verbs,
            word_sets={
                key: frozenset(str(w) for w in value)
                for key, value in modality.items()
                if isinstance(value, list)
            },
        )
        logger.debug(
            "loaded PLOVER %s: %d triggers, %d CAMEO codes", onto.version, len(entries), len(cameo)
        )
        return onto

    def words(self, name: str) -> frozenset[str]:
        """A word list of ``modality.yaml`` as a set, built once at load (empty if absent).

        Example:
            >>> "will" in Ontology.load().words("intent_aux")
            True
        """
        return self.word_sets.get(name, frozenset())

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
