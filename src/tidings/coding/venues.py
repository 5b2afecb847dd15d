"""Venues and news outlets: actors named beside an act that are not its target.

"met in Beijing" names where a meeting happened, "told state media" who carried a statement:
neither is who the act was aimed at. Used by :mod:`tidings.coding.sides`.

Its helpers keep their leading underscore: they are private to the coding package and
used only by :mod:`tidings.coding.coder` and its sibling stage modules.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from tidings.coding.arguments import LOCATIVE_PREPS, is_clause_locative
from tidings.coding.ontology import Ontology
from tidings.records import Actor
from tidings.resolve.kb import ActorKB


def _venue(
    actor: Actor,
    doc: Doc,
    offset: int,
    anchors: set[int],
    preps: frozenset[str] = LOCATIVE_PREPS,
) -> bool:
    """Whether the actor's phrase is the object of a locative preposition ("in Quebec"; or
    of one of ``preps``) that hangs from one of the ``anchors`` (the trigger or its verb)."""
    tok = _object_of_preposition(actor, doc, offset, ("compound", "amod", "poss", "conj", "appos"))
    return tok is not None and tok.head.lower_ in preps and tok.head.head.i in anchors


def _clause_venue(
    actor: Actor, doc: Doc, offset: int, nouns: frozenset[str], homes: frozenset[str]
) -> bool:
    """Whether the actor's phrase is the object of a locative preposition that hangs from a
    verb ("met in Seoul", "the treaty signed in Pyongyang") or from one of ``nouns``, words
    for acts and texts ("signed the accord in Geneva"). A verb of ``homes`` places an actor,
    not an act: "a newspaper based in Beirut" is no venue."""
    tok = _object_of_preposition(actor, doc, offset, ("compound", "amod", "conj", "appos"))
    if tok is None:
        return False
    prep = tok.head
    if prep.head.lemma_.lower() in homes:
        return False
    return is_clause_locative(tok) or (
        prep.lower_ in LOCATIVE_PREPS and prep.head.lemma_.lower() in nouns
    )


def _object_of_preposition(
    actor: Actor, doc: Doc, offset: int, climb: tuple[str, ...]
) -> Token | None:
    """The object of a preposition that the actor's phrase is, or is inside of (climbing at
    most two ``climb`` links: "the port of *Busan* in ..."); ``None`` when it is none."""
    span = doc.char_span(actor.start - offset, actor.end - offset, alignment_mode="expand")
    if span is None:
        return None
    tok = span.root
    for _ in range(3):
        if tok.dep_ == "pobj":
            return tok
        if tok.dep_ not in climb or tok.head == tok:
            return None
        tok = tok.head
    return None


def _without_outlets(
    kind: str,
    verbal: bool,
    source: list[Actor],
    target: list[Actor],
    doc: Doc,
    offset: int,
    ontology: Ontology,
) -> tuple[list[Actor], list[Actor]]:
    """A media outlet is a source of information, not a party: it is no source of an act
    (save a state-run outlet's own verbal act, "KCNA urged ...", not a noun's: "VOA requests
    for comment"), and a target only of acts done to it
    ("arrested a journalist of X", "banned X"), never as the one told ("told X")."""
    acted_on = ontology.words("media_target_types")
    voiced = ontology.words("state_media_types")
    source = [
        a
        for a in source
        if a.sector != "media"
        or (verbal and kind in voiced and _state_outlet(a, doc, offset, ontology.kb))
    ]
    target = [
        a
        for a in target
        if a.sector != "media"
        or (kind in acted_on and not _addressee(a, doc, offset, ontology.reporting))
    ]
    return source, target


#: Words that mark an outlet as an organ of its state ("an official Syrian newspaper").
_STATE_WORDS = frozenset({"state", "official", "state-run", "state-owned", "government-run"})


def _state_outlet(actor: Actor, doc: Doc, offset: int, kb: ActorKB | None) -> bool:
    """Whether an outlet is owned or run by its state (said so, or so in the knowledge base):
    its editorials speak for that state."""
    span = doc.char_span(actor.start - offset, actor.end - offset, alignment_mode="expand")
    words = {t.lower_ for t in span.root.subtree} if span is not None else set()
    if (words | {w.lower() for w in actor.text.split()}) & _STATE_WORDS:
        return True
    if kb is None or not actor.kb_id:
        return False
    return any(
        getattr(e, "kb_id", None) == actor.kb_id and getattr(e, "state", False)
        for e in kb.lookup(actor.text)
    )


def _addressee(actor: Actor, doc: Doc, offset: int, reporting: frozenset[str]) -> bool:
    """Whether the actor is the one a reporting verb speaks to ("told VOA", "said to X")."""
    span = doc.char_span(actor.start - offset, actor.end - offset, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    if tok.dep_ == "pobj" and tok.head.lower_ == "to":
        tok = tok.head
    return tok.dep_ in ("dobj", "dative", "prep") and tok.head.lemma_.lower() in reporting


def _outer_venue(actor: Actor, head: Token, offset: int, own: set[int]) -> bool:
    """Whether the actor's phrase is a locative of a verb that governs ``head`` from
    outside its clause ("warned in Hanoi that supplying weapons ..."), not of the trigger's
    own verb."""
    span = head.doc.char_span(actor.start - offset, actor.end - offset, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    while tok.dep_ in ("compound", "amod", "conj", "appos") and tok.head != tok:
        tok = tok.head
    if not is_clause_locative(tok):
        return False
    verb = tok.head.head
    return verb.i not in own and verb in head.ancestors
