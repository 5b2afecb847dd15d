"""The trigger lexicon: words and phrases that signal PLOVER events, with their inflections.

The lexicon lives in ``tidings/data/plover/triggers.csv``. Each entry is a lemma sequence whose
first word is the head; inflected forms of the head are derived by the rules below (plus a
small table of irregular verbs) so that :func:`tidings.coding.is_candidate` can test raw,
unlemmatised tokens with one set lookup.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tidings.errors import ConfigError

_VOWELS = set("aeiou")
_SIBILANT_ENDINGS = ("s", "x", "z", "ch", "sh")


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    """One lexicon entry.

    Attributes:
        words: Lemma alternatives per position; ``words[0]`` holds the head lemma(s).
        pos: ``VERB``, ``NOUN`` or ``ANY``: part of speech of the head.
        type: PLOVER event type.
        mode: PLOVER mode or ``""``.
        cameo: CAMEO code coded for a match.
        weight: Ranking weight (phrases and specific words outrank generic ones).
        text: The entry as written in the file, used in ``Event.rule``.
    """

    words: tuple[frozenset[str], ...]
    pos: str
    type: str
    mode: str
    cameo: str
    weight: float
    text: str


def skip_comments(lines: Iterable[str]) -> Iterator[str]:
    for line in lines:
        if line.strip() and not line.lstrip().startswith("#"):
            yield line


def load_triggers(path: Path) -> list[TriggerEntry]:
    """Read the trigger lexicon CSV.

    Raises:
        ConfigError: When the file is missing or a row is malformed.
    """
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(skip_comments(fh)))
    except OSError as exc:
        raise ConfigError(f"cannot read trigger lexicon {path}: {exc}; reinstall tidings") from exc
    entries: list[TriggerEntry] = []
    for n, row in enumerate(rows, start=2):
        try:
            words = tuple(frozenset(w.split("|")) for w in row["trigger"].split())
            entries.append(
                TriggerEntry(
                    words=words,
                    pos=row["pos"].strip().upper(),
                    type=row["type"].strip(),
                    mode=row["mode"].strip(),
                    cameo=row["cameo"].strip(),
                    weight=float(row["weight"] or 1.0),
                    text=row["trigger"].strip(),
                )
            )
        except (KeyError, ValueError, AttributeError) as exc:
            raise ConfigError(
                f"malformed row {n} in {path}: {row!r} ({exc}); expected columns "
                "trigger,pos,type,mode,cameo,weight"
            ) from exc
    return entries


def load_irregular(path: Path) -> dict[str, tuple[str, ...]]:
    """Read the irregular verb table: base -> extra inflected forms."""
    table: dict[str, tuple[str, ...]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(skip_comments(fh)):
            forms = [row[k].strip() for k in ("past", "participle", "third", "gerund")]
            table[row["base"].strip()] = tuple(f for f in forms if f)
    return table


def _doubles(word: str) -> bool:
    """Whether a final consonant may be doubled before -ed/-ing ("shop" -> "shopped")."""
    return (
        len(word) >= 3
        and word[-1] not in _VOWELS | {"w", "x", "y"}
        and word[-2] in _VOWELS
        and word[-3] not in _VOWELS
    )


def verb_forms(base: str, irregular: dict[str, tuple[str, ...]] | None = None) -> set[str]:
    """Inflected forms of a verb: base, -s, -ed, -ing, plus irregular forms.

    Doubtful doubling produces both spellings; a spelling that never occurs costs nothing.

    Example:
        >>> sorted(verb_forms("shell"))
        ['shell', 'shelled', 'shelling', 'shells']
        >>> "met" in verb_forms("meet", {"meet": ("met", "met")})
        True
    """
    forms = {base}
    if base.endswith(_SIBILANT_ENDINGS):
        forms.add(base + "es")
    elif base.endswith("y") and len(base) > 1 and base[-2] not in _VOWELS:
        forms.add(base[:-1] + "ies")
    else:
        forms.add(base + "s")
    if base.endswith("e"):
        forms.add(base + "d")
        if base.endswith("ie"):
            forms.add(base[:-2] + "ying")
        elif base.endswith("ee"):
            forms.add(base + "ing")
        else:
            forms.add(base[:-1] + "ing")
    elif base.endswith("y") and len(base) > 1 and base[-2] not in _VOWELS:
        forms.update({base[:-1] + "ied", base + "ing"})
    else:
        forms.update({base + "ed", base + "ing"})
        if _doubles(base):
            forms.update({base + base[-1] + "ed", base + base[-1] + "ing"})
    if irregular and base in irregular:
        forms.update(irregular[base])
    return forms


def noun_forms(base: str) -> set[str]:
    """Singular and plural of a noun.

    Example:
        >>> sorted(noun_forms("talks"))
        ['talks']
        >>> sorted(noun_forms("inquiry"))
        ['inquiries', 'inquiry']
    """
    if base.endswith("s") and not base.endswith(("ss", "us")):
        return {base}
    if base.endswith(_SIBILANT_ENDINGS):
        return {base, base + "es"}
    if base.endswith("y") and len(base) > 1 and base[-2] not in _VOWELS:
        return {base, base[:-1] + "ies"}
    return {base, base + "s"}


_WORD = re.compile(r"[a-z][a-z'\-]*")


def forms_of(lemma: str, pos: str, irregular: dict[str, tuple[str, ...]]) -> set[str]:
    """Every surface form of ``lemma`` for part of speech ``pos`` (``ANY`` gives both)."""
    out: set[str] = set()
    if pos in ("VERB", "ANY"):
        out |= verb_forms(lemma, irregular)
    if pos in ("NOUN", "ANY"):
        out |= noun_forms(lemma)
    return out


def build_form_index(
    entries: Iterable[TriggerEntry], irregular: dict[str, tuple[str, ...]]
) -> dict[str, str]:
    """Map every inflected form of every lexicon word (heads and companions) to its lemma."""
    index: dict[str, str] = {}
    for entry in entries:
        for position, alternatives in enumerate(entry.words):
            for lemma in alternatives:
                pos = entry.pos if position == 0 else "ANY"
                for form in forms_of(lemma, pos, irregular):
                    index.setdefault(form, lemma)
    return index


def head_forms(entries: Iterable[TriggerEntry], irregular: dict[str, tuple[str, ...]]) -> set[str]:
    """Inflected forms of every head word: the cheap candidate test looks these up."""
    heads: set[str] = set()
    for entry in entries:
        for lemma in entry.words[0]:
            heads |= forms_of(lemma, entry.pos, irregular)
    return heads


#: Companion words of a phrase, per position, as sets of inflected forms.
Companions = tuple[frozenset[str], ...]


def candidate_index(
    entries: Iterable[TriggerEntry], irregular: dict[str, tuple[str, ...]]
) -> tuple[frozenset[str], dict[str, tuple[Companions, ...]]]:
    """What the cheap candidate test looks up on raw lower-cased tokens.

    Returns:
        The inflected forms of heads that are triggers on their own (single-word entries),
        and for every other head form the companion words its phrases need ("military" is
        a trigger only with "aid", "assistance" or "support" after it).

    Example:
        >>> entries = load_triggers(Path(__file__).parents[1] / "data/plover/triggers.csv")
        >>> alone, phrases = candidate_index(entries, {})
        >>> "shelled" in alone, "military" in alone, "military" in phrases
        (True, False, True)
    """
    entries = list(entries)
    alone: set[str] = set()
    for entry in entries:
        if len(entry.words) == 1:
            for lemma in entry.words[0]:
                alone |= forms_of(lemma, entry.pos, irregular)
    phrases: dict[str, list[Companions]] = {}
    for entry in entries:
        if len(entry.words) == 1:
            continue
        companions = tuple(
            frozenset(f for lemma in alts for f in forms_of(lemma, "ANY", irregular))
            for alts in entry.words[1:]
        )
        for lemma in entry.words[0]:
            for form in forms_of(lemma, entry.pos, irregular):
                if form not in alone:
                    phrases.setdefault(form, []).append(companions)
    return frozenset(alone), {k: tuple(v) for k, v in phrases.items()}
