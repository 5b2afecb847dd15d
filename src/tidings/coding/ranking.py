"""Which triggers are one happening, and in what order a sentence's events come.

Triggers that describe the same happening ("a state visit to X, his first trip abroad") are
merged into one; the survivors are ranked (the main event of the sentence first) and each
rank gets a confidence.

Its helpers keep their leading underscore: they are private to the coding package and
used only by :mod:`tidings.coding.coder` and its sibling stage modules.
"""

from __future__ import annotations

from spacy.tokens import Token

from tidings.coding.triggers import Trigger

_COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"})

#: Links by which one trigger only describes the happening another names: "a state visit to
#: X, his first trip abroad" (apposition), "the treaty signed by X and Y" (a participle or
#: relative clause of the noun).
_DESCRIBING_DEPS = frozenset({"appos", "acl", "relcl"})


def _merge_same_happening(kept: list[Trigger]) -> list[Trigger]:
    """One happening named twice in one sentence is one event: of a noun and the verb or
    noun that describes it, the verbal one stays (or, of two nouns, the first), keeps its own
    sides and takes the other's only where it has none."""
    by_head = {t.head.i: t for t in kept}
    dropped: set[int] = set()
    for trig in kept:
        head = trig.head
        if head.dep_ not in _DESCRIBING_DEPS and head.dep_ != "npadvmod":
            continue
        other = by_head.get(head.head.i) or _apposed_twin(trig, kept)
        if other is None or other.head.i in dropped or not _same_happening(trig, other):
            continue
        keep, drop = (trig, other) if trig.is_verbal and not other.is_verbal else (other, trig)
        if drop.is_verbal and keep.is_verbal:
            continue
        if not keep.source:
            keep.source = list(drop.source)
        if not keep.target:
            spans = {(a.start, a.end) for a in keep.source}
            keep.target = [a for a in drop.target if (a.start, a.end) not in spans]
        drop.merged_into = keep
        keep.rule += f"+same:{drop.entry.text}"
        dropped.add(drop.head.i)
    return [t for t in kept if t.head.i not in dropped]


def _apposed_twin(trig: Trigger, kept: list[Trigger]) -> Trigger | None:
    """An earlier noun of the same type and mode in the clause of an apposition the parser
    hung on another word or read as an adverbial after a comma ("X was on a visit to Y, his
    first trip abroad": "trip" on "X" or on "was")."""
    head = trig.head
    if trig.is_verbal or not (
        head.dep_ == "appos"
        or (
            head.dep_ == "npadvmod"
            and head.left_edge.i > 0
            and head.doc[head.left_edge.i - 1].text == ","
        )
    ):
        return None
    clause = _clause_verb(trig.head)
    for other in kept:
        if (
            other is not trig
            and not other.is_verbal
            and other.head.i < trig.head.i
            and (other.type, other.mode) == (trig.type, trig.mode)
            and _clause_verb(other.head) == clause
        ):
            return other
    return None


def _clause_verb(tok: Token) -> Token | None:
    return next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)


def _same_happening(a: Trigger, b: Trigger) -> bool:
    """Whether two linked triggers can name one happening: the same type, or two
    cooperative acts ("the treaty signed", "an invitation to visit")."""
    return a.type == b.type or (a.type in _COOPERATIVE and b.type in _COOPERATIVE)


def _rank_key(trig: Trigger) -> tuple[float, float, int]:
    return (trig.depth, -trig.entry.weight, trig.head.i)


def _confidence(trig: Trigger, rank: int) -> float:
    score = 0.45 + 0.2 * min(trig.entry.weight, 2.0) - 0.08 * trig.depth - 0.05 * rank
    if trig.source:
        score += 0.05
    return round(max(0.05, min(0.99, score)), 3)
