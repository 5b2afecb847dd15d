"""PLOVER event coding of one parsed sentence.

The coder matches triggers (:mod:`tidings.coding.triggers`), works out how their grammatical
frame changes them (``modality.yaml``: "will meet" is an offer, "threatened to cut ties" a
threat, "X said Y must ..." a demand), finds source and target actors in the dependency tree
(:mod:`tidings.coding.arguments`), and builds one :class:`~tidings.records.Event` per trigger
that is not part of a larger one, with quantities and places attached.
"""

from __future__ import annotations

import itertools
import logging

from spacy.tokens import Doc, Token

from tidings.coding.arguments import (
    LOCATIVE_PREPS,
    PRONOUNS,
    RELATIVE,
    ActorMapper,
    is_clause_locative,
    is_passive,
    reporting_speaker,
    subject_of,
    target_heads,
)
from tidings.coding.ontology import Ontology
from tidings.coding.places import attach_places
from tidings.coding.quantities import attach_quantities
from tidings.coding.triggers import Trigger, find_triggers
from tidings.context import SentenceContext
from tidings.ids import record_id
from tidings.records import Actor, Event, Evidence, Span
from tidings.resolve.kb import ActorKB

logger = logging.getLogger(__name__)

#: Dependencies that open a clause of its own: a trigger below one is not inside a frame.
_BARRIER_DEPS = frozenset(
    {"nsubj", "nsubjpass", "csubj", "csubjpass", "advcl", "relcl", "parataxis", "conj"}
)
_SOURCE_MODIFIERS = frozenset({"poss", "compound", "amod", "nmod"})
_POSSESSIVES = frozenset({"its", "their", "his", "her", "our"})
_COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"})


def code_sentence(ctx: SentenceContext, ontology: Ontology) -> list[Event]:
    """Code the PLOVER events of one parsed sentence.

    Args:
        ctx: A :class:`tidings.context.SentenceContext`; ``ctx.doc`` is the sentence parsed
            by the full model, ``ctx.offset`` its offset in the article, ``ctx.actors`` the
            actors inside it.
        ontology: The loaded :class:`Ontology` (its ``kb``, when set, resolves mentions the
            actor finder missed and gives places a country).

    Returns:
        Events in rank order (the main event of the sentence first, also carrying the
        highest ``confidence``), with ``status="asserted"``, no attribution and no date.

    Example:
        >>> events = code_sentence(ctx, Ontology.load())  # doctest: +SKIP
        >>> events[0].type, events[0].mode  # doctest: +SKIP
        ('CONSULT', 'visit')
    """
    doc = ctx.doc
    if len(doc) == 0:
        return []
    triggers = find_triggers(doc, ontology)
    if not triggers:
        return []
    mapper = ActorMapper(
        ctx,
        ontology.kb,
        frozenset(ontology.modality.get("residence_verbs", ())),
        frozenset(ontology.modality.get("origin_nouns", ())),
    )
    _adjust_depths(triggers)
    _link_frames(triggers, ontology)
    _merge_objects(triggers)
    for trig in triggers:
        _find_arguments(trig, triggers, mapper, ontology)
    for trig in triggers:
        if trig.embedded_in is None and trig.merged_into is None:
            _apply_modality(trig, ontology)
    _resolve_frames(triggers, ontology)
    _response_targets(triggers)
    kept = [
        t
        for t in triggers
        if t.embedded_in is None
        and t.merged_into is None
        # a bare noun ("a ceasefire") or generic verb ("without giving a date") is no event
        and (t.source or t.target or (t.is_verbal and t.entry.weight >= GENERIC_WEIGHT))
        and (t.is_verbal or t.own_arguments or _act_verb(t.head, ontology))
        and _actor_does_it(t, triggers, mapper, ontology)
    ]
    kept = _merge_same_happening(kept)
    kept.sort(key=_rank_key)
    events = [_to_event(t, ctx, ontology, rank) for rank, t in enumerate(kept)]
    attach_quantities(events, kept, ctx)
    attach_places(events, ctx, mapper)
    return events


#: Verbal triggers below this weight are generic verbs ("give", "help", "return"): with no
#: actor on either side they code nothing.
GENERIC_WEIGHT = 0.6
#: Verbs that make the act they govern an answer to an earlier one ("responded by ...").
RESPONSE_VERBS = frozenset({"respond", "retaliate", "react", "reply", "answer", "counter"})


def _response_targets(triggers: list[Trigger]) -> None:
    """ "A launched balloons toward B, and B responded by resuming broadcasts": an act done
    in response, with no target of its own, is aimed at the actor it answers."""
    for trig in triggers:
        if trig.target or not trig.source:
            continue
        anc = [a for _, a in zip(range(3), trig.head.ancestors, strict=False)]
        if not any(a.lemma_.lower() in RESPONSE_VERBS for a in anc):
            continue
        own = _countries(trig.source)
        for prev in sorted(triggers, key=lambda t: -t.head.i):
            if prev.head.i >= trig.head.i or not prev.source:
                continue
            if _countries(prev.target) & own and not _countries(prev.source) & own:
                trig.target = list(prev.source)
                trig.rule += "+response"
                break


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


def _adjust_depths(triggers: list[Trigger]) -> None:
    """Rank by clause: a noun event object of a plain verb ("staged demonstrations") ranks
    with that verb; purpose and adverbial clauses ("... to demand reforms") rank below the
    clause they modify."""
    heads = {t.head.i for t in triggers}
    for trig in triggers:
        head = trig.head
        if not trig.is_verbal:
            verb = _governing_verb(head)
            if verb is not None and verb.i not in heads:
                trig.depth = _token_depth(verb) + 0.25
        elif head.dep_ == "advcl" or (
            head.dep_ == "xcomp"
            and head.head.i not in heads
            and head.head.pos_ == "VERB"
            and any(c.dep_ == "dobj" for c in head.head.children)
        ):
            trig.depth += 1.0


def _token_depth(tok: Token) -> int:
    depth = 0
    while tok.head != tok and depth < 50:
        tok = tok.head
        depth += 1
    return depth


def _governs(frame: Token, tok: Token) -> bool:
    """Whether ``tok`` sits inside the complement of ``frame`` (no clause barrier between)."""
    cur = tok
    for _ in range(40):
        if cur == frame:
            return True
        if cur.head == cur:
            return False
        if cur.dep_ in _BARRIER_DEPS and cur.dep_ != "advcl" and cur.head != frame:
            return False
        if cur.dep_ in ("nsubj", "nsubjpass", "csubj", "relcl") and cur.head == frame:
            return False
        if cur.dep_ == "advcl" and cur.head == frame:
            # "vowed to fight" is the frame's complement; "... until they win" is not
            return any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children)
        cur = cur.head
    return False


def _link_frames(triggers: list[Trigger], ontology: Ontology) -> None:
    """Mark triggers inside the complement of a frame trigger (demand, threaten, refuse...)."""
    frame_types = set(ontology.modality.get("frame_types", ()))
    frames = [t for t in triggers if t.type in frame_types]
    for trig in triggers:
        best: Trigger | None = None
        for frame in frames:
            if frame is trig or frame.head == trig.head:
                continue
            anchor = frame.head.head if frame.entry.pos == "AUX" else frame.head
            if _governs(anchor, trig.head) and (best is None or frame.depth > best.depth):
                if (
                    frame.entry.pos == "AUX"
                    and trig.head != anchor
                    and not _governs(anchor, trig.head)
                ):
                    continue
                best = frame
        if best is not None and best.depth <= trig.depth:
            trig.embedded_in = best


def _has_own_source(head: Token) -> bool:
    return any(
        c.dep_ in ("poss",)
        or (c.dep_ in _SOURCE_MODIFIERS and c.ent_type_ in ("NORP", "GPE"))
        or (c.dep_ == "prep" and c.lower_ == "by")
        for c in head.children
    )


def _merge_objects(triggers: list[Trigger]) -> None:
    """A noun trigger that is the object of a verb trigger ("signed an agreement") is part
    of the verb's event; a more specific noun lends the verb its mode and CAMEO code."""
    by_head = {t.head.i: t for t in triggers}
    for trig in triggers:
        if trig.is_verbal or trig.embedded_in is not None:
            continue
        head = trig.head
        verb = _governing_verb(head)
        if verb is None or verb.i not in by_head or verb == head:
            continue
        owner = by_head[verb.i]
        if not owner.is_verbal or _has_own_source(head):
            continue
        trig.merged_into = owner
        if owner.type == trig.type and trig.entry.weight > owner.entry.weight:
            owner.mode = trig.mode or owner.mode
            owner.cameo = trig.cameo or owner.cameo
            owner.rule += f"+{trig.entry.text}"
        elif owner.entry.weight < 0.75 and trig.entry.weight > owner.entry.weight:
            # a generic verb ("provide", "give", "hold") takes the noun's event
            owner.type, owner.mode, owner.cameo = trig.type, trig.mode, trig.cameo
            owner.rule += f"+{trig.entry.text}"


def _dedupe(actors: list[Actor]) -> list[Actor]:
    out: list[Actor] = []
    for a in actors:
        if not any((o.start, o.end) == (a.start, a.end) and o.text == a.text for o in out):
            out.append(a)
    return out


def _subject_actors(
    subj: Token | None, verb: Token, mapper: ActorMapper, ontology: Ontology
) -> list[Actor]:
    if subj is None:
        return []
    found = mapper.phrase_actors(subj)
    if found:
        return found
    if verb.dep_ == "acl" and subj == verb.head:
        gov = _governing_verb(subj)  # "issued a declaration demanding ..."
        if gov is not None:
            return _subject_actors(subject_of(gov), gov, mapper, ontology)
    poss = next((c for c in subj.children if c.dep_ == "poss" and c.lower_ in _POSSESSIVES), None)
    if poss is not None:
        subj = poss
    if subj.lower_ in PRONOUNS or subj.lower_ in RELATIVE or subj.lower_ in _POSSESSIVES:
        speaker = reporting_speaker(verb, ontology.reporting)
        if speaker is not None and speaker.lower_ not in PRONOUNS:
            found = _subject_actors(speaker, speaker.head, mapper, ontology)
            if found:
                return found
        if subj.lower_ in PRONOUNS or subj.lower_ in _POSSESSIVES:
            return mapper.preceding_actor(subj)
    return _domestic_source(subj, mapper, ontology)


def _domestic_source(subj: Token, mapper: ActorMapper, ontology: Ontology) -> list[Actor]:
    """An unnamed group ("students", "refugees") in a sentence that names one country only
    is taken to be of that country."""
    groups = set(ontology.modality.get("domestic_sources", ()))
    phrase = list(subj.subtree)
    if not any(t.lemma_.lower() in groups for t in phrase[:8]):
        return []
    countries = {a.country for a in mapper.actors if a.country}
    where = _locative_countries(subj.head, mapper)
    if len(where) == 1:  # "prisoners rioted at a jail in <town>": the town's country
        countries = where
    if len(countries) != 1 or next(iter(countries)) in ("IGO", "NGO"):
        return []
    span = subj.doc[phrase[0].i : phrase[-1].i + 1]
    start = mapper.offset + span.start_char
    return [
        Actor(
            text=span.text,
            country=next(iter(countries)),
            start=start,
            end=start + len(span.text),
            rule="coding:domestic-group",
        )
    ]


def _locative_countries(verb: Token, mapper: ActorMapper) -> set[str]:
    """Countries of the places where ``verb`` happened ("at a jail in <town>", "in <city>")."""
    if verb.pos_ not in ("VERB", "AUX"):
        return set()
    found: list[Actor] = []
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            found += mapper.phrase_actors(pobj, places=True)
    return {a.country for a in found if a.country}


def _actor_does_it(
    trig: Trigger, triggers: list[Trigger], mapper: ActorMapper, ontology: Ontology
) -> bool:
    """Verbs that judge an act against a rule ("violates the resolutions", "breaches the
    embargo") code only with an actor named as their subject; with an act, a pronoun or a
    relative word as subject ("cooperation that violates ...") they describe, not act."""
    if trig.head.lemma_.lower() not in ontology.modality.get("actor_subject_verbs", ()):
        return True
    subj = subject_of(trig.head)
    if subj is None or subj.lower_ in PRONOUNS or subj.lower_ in RELATIVE:
        return False
    if any(t.head == subj for t in triggers):
        return False  # an act as subject: "any cooperation that helps X violates ..."
    if mapper.phrase_actors(subj, deep=False):
        return True
    # "a newspaper based in Beirut": a deeper name counts when the subject is an actor word
    words = set(ontology.modality.get("domestic_targets", ())) | set(
        ontology.modality.get("domestic_sources", ())
    )
    actor_word = subj.pos_ == "PROPN" or subj.lemma_.lower() in words | PERSON_NOUNS
    return actor_word and bool(mapper.phrase_actors(subj))


def _own_target(head: Token, mapper: ActorMapper, ontology: Ontology) -> bool:
    """Whether a noun event names an actor in a phrase of its own ("the attack on Y",
    "talks between X and Y", "a visit to Y"); "in" names where it happened, not a side."""
    preps = frozenset(ontology.modality.get("noun_argument_preps", ()))
    for child in head.children:
        if child.dep_ != "prep" or child.lower_ not in preps:
            continue
        for pobj in child.children:
            if pobj.dep_ == "pobj" and mapper.phrase_actors(pobj, deep=False, places=True):
                return True
    return False


def _act_verb(head: Token, ontology: Ontology) -> bool:
    """Whether a noun event is made an act by the verb that governs it ("held talks",
    "launched an attack", "imposed sanctions"); a noun under any other verb or preposition
    ("under the sanctions", "the treaty ... commits") is a background mention."""
    verb = _governing_verb(head)
    if verb is None:
        return False
    verbs = frozenset(ontology.modality.get("act_verbs", ()))
    if _verb_keys(verb, ontology) & verbs:
        return True
    # "began to impose sanctions", "agreed to hold talks": the open complement's verb counts
    return verb.dep_ == "xcomp" and bool(_verb_keys(verb.head, ontology) & verbs)


def _verb_keys(verb: Token, ontology: Ontology) -> set[str]:
    """Possible base forms of a verb: its lemma, the lexicon's form table, and the word
    without a regular ending (the small model lemmatises "staged" as "stag")."""
    low = verb.lower_
    keys = {verb.lemma_.lower(), low}
    form = ontology.forms.get(low)
    if form:
        keys.add(form)
    for suffix in ("ing", "ed", "es", "d", "s"):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            base = low[: -len(suffix)]
            keys |= {base, base + "e"}
    return keys


def _governing_verb(head: Token) -> Token | None:
    """The verb a noun event hangs from: its object ("launched an offensive"), the object of
    its preposition, or through a measure noun ("provide 25,000 tons of food aid")."""
    if head.dep_ == "conj" and head.head.pos_ in ("NOUN", "PROPN"):
        return _governing_verb(head.head)  # "received technology and economic aid"
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ == "NOUN":
        measure = head.head.head  # "tons of aid", "days of war games"
        if measure.dep_ in ("dobj", "attr", "nsubjpass", "oprd") and measure.head.pos_ in (
            "VERB",
            "AUX",
        ):
            return measure.head
        return None
    if head.dep_ in ("dobj", "attr", "nsubjpass", "oprd"):
        gov = head.head
    elif head.dep_ == "pobj" and head.head.dep_ == "prep":
        gov = head.head.head
    else:
        return None
    return gov if gov.pos_ in ("VERB", "AUX") else None


def _find_arguments(
    trig: Trigger, triggers: list[Trigger], mapper: ActorMapper, ontology: Ontology
) -> None:
    """Fill ``trig.source`` and ``trig.target`` from the parse."""
    head = trig.head
    frame_types = set(ontology.modality.get("frame_types", ()))
    source: list[Actor] = []
    target: list[Actor] = []
    if trig.entry.pos == "AUX":  # "X said Y must ...": source X, target Y
        modal_verb = head.head
        speaker = reporting_speaker(modal_verb, ontology.reporting) or subject_of(modal_verb.head)
        source = _subject_actors(speaker, modal_verb.head, mapper, ontology) if speaker else []
        target = _subject_actors(subject_of(modal_verb), modal_verb, mapper, ontology)
        if not target:
            target = _first_target(modal_verb, mapper, exclude=())
    elif trig.is_verbal:
        subj = subject_of(head)
        if subj is None:
            subj = _controlling_object(head)
        source = _subject_actors(subj, head, mapper, ontology)
        if subj is None and not is_passive(head):
            source = _left_context_actors(head, mapper)
        target = _first_target(head, mapper, exclude=(subj,))
        if not target and trig.type not in _COOPERATIVE:
            target = _complement_target(head, mapper, source)
        if not target and trig.type == "AGREE":  # "agreed to resume exports to X"
            for xcomp in (c for c in head.children if c.dep_ == "xcomp"):
                target = _first_target(xcomp, mapper, exclude=(), deep=False)
                if target:
                    break
        if not target:
            target = _free_relative_target(head, mapper)
        if not target:
            target = _shared_object_target(head, mapper)
        if not target and head.dep_ in ("advcl", "xcomp") and head.head.i != head.i:
            target = _first_target(head.head, mapper, exclude=(subj, head))
    else:
        for child in head.children:
            if child.dep_ == "poss":
                source += _subject_actors(child, head.head, mapper, ontology)
            elif child.dep_ in _SOURCE_MODIFIERS:
                source += mapper.actors_of_tokens([child])
            elif child.dep_ == "prep" and child.lower_ == "by":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        source += mapper.phrase_actors(pobj)
        movers: tuple[Token | None, ...] = ()
        if not source:  # "the withdrawal of Syrian troops": the troops move, they are the source
            source, movers = _moving_forces(head, mapper, ontology)
        target = _first_target(head, mapper, exclude=movers, noun=True)
        trig.own_arguments = bool(source) or _own_target(head, mapper, ontology)
        verb = _governing_verb(head)
        if verb is not None:
            if not source:
                source = _subject_actors(subject_of(verb), verb, mapper, ontology)
            if not target:
                target = _first_target(verb, mapper, exclude=(head, subject_of(verb)))
            if not target and trig.type not in _COOPERATIVE:
                target = _complement_target(verb, mapper, source)
        elif head.dep_ in ("nsubj",) and not target:
            target = _first_target(head.head, mapper, exclude=(head,))
        if not target and trig.type in frame_types:
            target = _complement_target(head, mapper, source)
    verb = head if trig.is_verbal else _governing_verb(head)
    if verb is not None and verb.lemma_.lower() in RECEIVING_VERBS:
        giver = _from_actors(verb, mapper)
        if trig.type == "CONSULT" and trig.is_verbal and not _object_is_actor(verb, mapper):
            # "received 9,000 containers from X" is no visit: X supplied them
            trig.type, trig.mode, trig.cameo = "AID", "", "070"
            trig.rule += "+received-goods"
            if not giver:
                source, target = [], []
        if giver:  # "Y received aid from X": X gave to Y
            source, target = giver, [a for a in source if a.country not in _countries(giver)]
    if not target and source:
        target = _domestic_target(trig, source, mapper, ontology)
    source = _dedupe(source)
    spans = {(a.start, a.end) for a in source}
    target = [a for a in _dedupe(target) if (a.start, a.end) not in spans]
    if trig.type == "CONSULT":
        # a meeting's venue ("talks in Quebec") is where it happened, not a party to it
        anchors = {t.i for t in trig.tokens} | {head.i}
        if verb is not None:
            anchors.add(verb.i)
        target = [a for a in target if not _venue(a, head.doc, mapper.offset, anchors)]
        if len(_countries(source)) > 1:
            # "X and Y negotiators return to Geneva for talks": where several parties go to
            # meet one another is a venue, not a party they visit
            target = [
                a
                for a in target
                if not _venue(a, head.doc, mapper.offset, anchors, preps=frozenset({"to"}))
            ]
    if trig.type in ontology.modality.get("venue_types", ()):
        # where a statement was made or a treaty signed ("warned in Hanoi", "signed the
        # treaty in Pyongyang") is a place, never a side of the act
        nouns = frozenset(ontology.modality.get("venue_nouns", ()))
        homes = frozenset(ontology.modality.get("residence_verbs", ()))
        source = [a for a in source if not _clause_venue(a, head.doc, mapper.offset, nouns, homes)]
        target = [a for a in target if not _clause_venue(a, head.doc, mapper.offset, nouns, homes)]
    source, target = _without_outlets(
        trig.type, trig.is_verbal, source, target, head.doc, mapper.offset, ontology
    )
    # where another clause's act happened ("X warned in Hanoi that supplying arms to Y ...")
    # is no side of this one, whatever its type
    own = {head.i} | ({verb.i} if verb is not None else set())
    if head.dep_ == "nsubj" and head.lemma_.lower() in ontology.modality.get("mover_nouns", ()):
        own.add(head.head.i)  # "the deployment of X troops arrived in Y": Y is where they went
    source = [a for a in source if not _outer_venue(a, head, mapper.offset, own)]
    target = [a for a in target if not _outer_venue(a, head, mapper.offset, own)]
    src_countries = {a.country for a in source if a.country}
    if (
        len(src_countries) > 1
        and target
        and {a.country for a in target} <= src_countries
        and _coordinated(source, mapper.ctx.article.text)
    ):
        target = []  # "A and B failed to agree on B's ...": an act between the two sources
    if not source:
        source = _authority_source(trig, mapper, ontology)
        spans = {(a.start, a.end) for a in source}
        target = [a for a in target if (a.start, a.end) not in spans]
        if source and not target and verb is not None:  # the one held is the passive subject
            target = [
                a
                for a in _first_target(verb, mapper, exclude=(head,))
                if (a.start, a.end) not in spans
            ]
    trig.source, trig.target = source, target


def _moving_forces(
    head: Token, mapper: ActorMapper, ontology: Ontology
) -> tuple[list[Actor], tuple[Token | None, ...]]:
    """The forces a movement noun moves ("the deployment of French troops to Chad"): the
    actors of its "of" phrase, and the tokens heading that phrase."""
    if head.lemma_.lower() not in ontology.modality.get("mover_nouns", ()):
        return [], ()
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            found = mapper.phrase_actors(pobj, deep=False)
            if found:
                return found, (pobj,)
    return [], ()


def _authority_source(trig: Trigger, mapper: ActorMapper, ontology: Ontology) -> list[Actor]:
    """The country where an agentless passive act of the authorities happened ("a French
    journalist was detained in Egypt", "was put under investigation in Spain"): its unnamed
    authorities did it, coded by their country."""
    lemmas = frozenset(ontology.modality.get("state_agent_lemmas", ()))
    head = trig.head
    if head.lemma_.lower() not in lemmas and head.lower_ not in lemmas:
        return []
    verb = head if trig.is_verbal else _governing_verb(head)
    if verb is None or not is_passive(verb):
        return []
    if any(c.dep_ == "agent" for c in verb.children):
        return []
    found: list[Actor] = []
    holders = [verb] if trig.is_verbal else [verb, head]  # "put under investigation in X"
    preps = [c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "in"]
    for prep in preps:
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            found += mapper.phrase_actors(pobj, deep=False, places=True)
    countries = {a.country for a in found if a.country}
    if len(countries) != 1 or countries & {"IGO", "NGO"}:
        return []
    return found[:1]


#: Verbs whose subject gets what the object of "from" gives ("received aid from X").
RECEIVING_VERBS = frozenset({"receive", "get", "obtain", "accept", "acquire", "import", "buy"})


def _countries(actors: list[Actor]) -> set[str]:
    return {a.country for a in actors if a.country}


def _from_actors(verb: Token, mapper: ActorMapper) -> list[Actor]:
    """Actors of a "from" phrase of the verb or of its direct object."""
    holders = [verb] + [c for c in verb.children if c.dep_ == "dobj"]
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ == "from":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        found = mapper.phrase_actors(pobj, deep=False, places=True)
                        if found:
                            return found
    return []


def _object_is_actor(verb: Token, mapper: ActorMapper) -> bool:
    """Whether the direct object names an actor ("received the delegation")."""
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    if not objs:
        return True  # "X received Y's envoy" parsed without an object: keep the visit reading
    return any(mapper.phrase_actors(o, deep=False) or _is_person_word(o) for o in objs)


def _is_person_word(tok: Token) -> bool:
    return tok.pos_ == "PROPN" or tok.lemma_.lower() in PERSON_NOUNS


#: Nouns for people or delegations that can be received as visitors.
PERSON_NOUNS = frozenset(
    {"delegation", "envoy", "minister", "president", "leader", "visitor", "guest", "official",
     "ambassador", "counterpart", "premier", "king", "prince", "team", "mission"}
)  # fmt: skip


def _shared_object_target(head: Token, mapper: ActorMapper) -> list[Actor]:
    """The object a stranded preposition shares with the next coordinated verb ("restored
    relations with and sent an envoy to X": X is the object of "with" too)."""
    holders = [head] + [c for c in head.children if c.dep_ == "dobj"]
    stranded = [
        c
        for h in holders
        for c in h.children
        if c.dep_ == "prep"
        and not any(g.dep_ == "pobj" for g in c.children)
        and c.i + 1 < len(c.doc)
        and c.doc[c.i + 1].dep_ == "cc"
    ]
    if not stranded:
        return []
    for conj in (c for c in head.children if c.dep_ == "conj" and c.i > stranded[0].i):
        for tok in conj.subtree:
            if tok.dep_ == "pobj" and tok.head.dep_ == "prep":
                found = mapper.phrase_actors(tok, deep=False, places=True)
                if found:
                    return found
        break
    return []


def _free_relative_target(head: Token, mapper: ActorMapper) -> list[Actor]:
    """Target inside a free relative object: "praised what he called the deepening
    relationship between his country and Russia" (the actors other than the speaker's own)."""
    for child in head.children:
        if child.dep_ != "ccomp" or not any(
            c.lower_ in ("what", "whatever") and c.dep_ in ("dobj", "nsubj", "attr")
            for c in child.children
        ):
            continue
        for obj in child.children:
            if obj.dep_ in ("oprd", "attr", "dobj") and obj.lower_ not in ("what", "whatever"):
                found = [a for a in mapper.phrase_actors(obj, places=True) if a.sector != "media"]
                if found:
                    return found
    return []


def _venue(
    actor: Actor,
    doc: Doc,
    offset: int,
    anchors: set[int],
    preps: frozenset[str] = LOCATIVE_PREPS,
) -> bool:
    """Whether the actor's phrase is the object of a locative preposition ("in Quebec"; or
    of one of ``preps``) that hangs from one of the ``anchors`` (the trigger or its verb)."""
    span = doc.char_span(actor.start - offset, actor.end - offset, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    for _ in range(3):
        if tok.dep_ == "pobj":
            return tok.head.lower_ in preps and tok.head.head.i in anchors
        if tok.dep_ not in ("compound", "amod", "poss", "conj", "appos") or tok.head == tok:
            return False
        tok = tok.head
    return False


def _clause_venue(
    actor: Actor, doc: Doc, offset: int, nouns: frozenset[str], homes: frozenset[str]
) -> bool:
    """Whether the actor's phrase is the object of a locative preposition that hangs from a
    verb ("met in Seoul", "the treaty signed in Pyongyang") or from one of ``nouns``, words
    for acts and texts ("signed the accord in Geneva"). A verb of ``homes`` places an actor,
    not an act: "a newspaper based in Beirut" is no venue."""
    span = doc.char_span(actor.start - offset, actor.end - offset, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    for _ in range(3):
        if tok.dep_ == "pobj":
            prep = tok.head
            if prep.head.lemma_.lower() in homes:
                return False
            return is_clause_locative(tok) or (
                prep.lower_ in LOCATIVE_PREPS and prep.head.lemma_.lower() in nouns
            )
        if tok.dep_ not in ("compound", "amod", "conj", "appos") or tok.head == tok:
            return False
        tok = tok.head
    return False


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
    acted_on = frozenset(ontology.modality.get("media_target_types", ()))
    voiced = frozenset(ontology.modality.get("state_media_types", ()))
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


def _coordinated(actors: list[Actor], text: str) -> bool:
    """Whether the actors are conjuncts ("Palestinians and Israelis"), not one nested phrase."""
    ordered = sorted(actors, key=lambda a: a.start)
    for first, second in itertools.pairwise(ordered):
        between = text[first.end : second.start].strip().lower()
        if between not in ("and", ",", ", and", "&", "or"):
            return False
    return True


def _controlling_object(head: Token) -> Token | None:
    """The object that does the act of a gerund after a preposition: "accused X of
    supplying", "blamed X for shelling", "thanked X for helping" (X did it, not the
    accusers). Not "with": "threatened X with cutting aid" is the threatener's act."""
    prep = head.head
    if head.dep_ != "pcomp" or prep.dep_ != "prep" or prep.lower_ not in ("of", "for"):
        return None
    verb = prep.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    return next((c for c in verb.children if c.dep_ == "dobj" and c.i < head.i), None)


def _left_context_actors(head: Token, mapper: ActorMapper) -> list[Actor]:
    """Actors just before a verb the parser left without a subject (after the last comma)."""
    start = head.i
    while start > 0 and not (head.doc[start - 1].is_punct and head.doc[start - 1].text in ",;:"):
        start -= 1
    tokens = [t for t in head.doc[start : head.i] if t.pos_ in ("PROPN", "NOUN", "ADJ")]
    return mapper.actors_of_tokens(tokens)


def _first_target(
    head: Token,
    mapper: ActorMapper,
    exclude: tuple[Token | None, ...],
    *,
    noun: bool = False,
    deep: bool = True,
) -> list[Actor]:
    """Actors of the first target phrase that names any: near phrases first, then deep."""
    skip = {t.i for t in exclude if t is not None}
    cands = [c for c in target_heads(head, noun=noun) if c.i not in skip]
    for deep_pass in (False, True) if deep else (False,):
        for cand in cands:
            found = mapper.phrase_actors(cand, deep=deep_pass, places=True)
            if found:
                return found
    return []


def _complement_target(head: Token, mapper: ActorMapper, source: list[Actor]) -> list[Actor]:
    """Target of a frame from its complement: "demanded that X ...", "to disperse X"."""
    spans = {(a.start, a.end) for a in source}
    for child in head.children:
        if child.dep_ not in ("ccomp", "xcomp", "advcl", "acl"):
            continue
        subj = next((c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        found = mapper.phrase_actors(subj) if subj is not None else []
        if not found:
            found = _first_target(child, mapper, exclude=(subj,))
        found = [a for a in found if (a.start, a.end) not in spans]
        if found:
            return found
    return []


def _domestic_target(
    trig: Trigger, source: list[Actor], mapper: ActorMapper, ontology: Ontology
) -> list[Actor]:
    """An unnamed domestic target ("President X", "the opposition", "protesters", a town of
    the source's country) shares the country of the source when the sentence names no
    other country."""
    countries = {a.country for a in source if a.country}
    if len(countries) != 1:
        return []
    country = next(iter(countries))
    if country in ("IGO", "NGO") or any(a.country and a.country != country for a in mapper.actors):
        return []
    words = set(ontology.modality.get("domestic_targets", ())) | set(
        ontology.modality.get("domestic_sources", ())
    )
    head = trig.head
    cands = target_heads(head, noun=not trig.is_verbal)
    gov = _governing_verb(head) if not trig.is_verbal else None
    if gov is not None:
        cands += target_heads(gov)
    for clause in (gov or head).children:
        if clause.dep_ not in ("xcomp", "ccomp", "advcl") or (
            clause.dep_ == "advcl" and not any(c.lower_ == "to" for c in clause.children)
        ):
            continue  # purpose clauses ("to disperse them") count, other adverbials do not
        cands += [c for c in clause.children if c.dep_ in ("nsubj", "dobj")]
        cands += target_heads(clause)
    for cand in cands:
        if cand.i == head.i:
            continue
        phrase = list(cand.subtree)
        named_place = (
            cand.ent_type_ in ("GPE", "LOC")
            and mapper.place_country(cand.doc[cand.left_edge.i : cand.right_edge.i + 1].text)
            == country
        )
        if (
            named_place
            or cand.ent_type_ == "PERSON"
            or any(t.lemma_.lower() in words for t in phrase[:6])
        ):
            span = cand.doc[phrase[0].i : phrase[-1].i + 1]
            start = mapper.offset + span.start_char
            return [
                Actor(
                    text=span.text,
                    country=country,
                    start=start,
                    end=start + len(span.text),
                    rule="coding:domestic",
                )
            ]
    return []


def _intent_markers(head: Token, ontology: Ontology) -> tuple[bool, bool, bool]:
    """(intent, negated, conditional) for the clause of ``head``."""
    intent_aux = set(ontology.modality.get("intent_aux", ()))
    intent_heads = set(ontology.modality.get("intent_heads", ()))
    negations = set(ontology.modality.get("negations", ()))
    verb = head
    if head.pos_ not in ("VERB", "AUX"):
        gov = _governing_verb(head)
        if gov is None:
            return False, False, False
        verb = gov
    kids = list(verb.children)
    intent = any(c.dep_ == "aux" and c.lower_ in intent_aux for c in kids)
    negated = any(c.dep_ == "neg" or (c.lower_ in negations and c.dep_ == "neg") for c in kids)
    if (
        verb.dep_ == "xcomp"
        and verb.head.lemma_.lower() in intent_heads
        and not is_passive(verb.head)  # "is expected to travel": others expect, no intent
    ):
        intent = True
        negated = negated or any(c.dep_ == "neg" for c in verb.head.children)
    if (
        verb.dep_ == "xcomp"
        and verb.head.dep_ == "acomp"
        and (verb.head.lemma_.lower() in intent_heads)
    ):
        intent = True
    for c in verb.head.children if verb.dep_ == "xcomp" else ():
        if c.dep_ == "aux" and c.lower_ in intent_aux:
            intent = True
    conditional = any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children)
        for c in kids
    )
    return intent, negated, conditional


def _apply_modality(trig: Trigger, ontology: Ontology) -> None:
    """Statements of intent become AGREE/THREATEN; refusals to cooperate become REJECT."""
    if trig.entry.pos == "AUX":
        return
    intent, negated, conditional = _intent_markers(trig.head, ontology)
    if not intent:
        return
    table = ontology.modality["refusal" if negated else "intent"]
    if conditional and not negated:
        new = ["THREATEN", "", "130"]
    elif trig.type in table:
        new = table[trig.type]
    else:
        return
    if new[0] == trig.type:
        return
    trig.rule += f"+{'refusal' if negated else 'intent'}"
    trig.type, trig.mode, trig.cameo = new[0], new[1], new[2]


def _resolve_frames(triggers: list[Trigger], ontology: Ontology) -> None:
    """Frames take their mode from the act they are about and borrow its target."""
    mod = ontology.modality
    for frame in triggers:
        inner = [t for t in triggers if t.embedded_in is frame]
        if not inner:
            continue
        act = min(inner, key=_rank_key)
        commands = set(mod.get("command_verbs", ()))
        if (
            frame.type == "REQUEST"
            and frame.head.lemma_.lower() in commands
            and ontology.type_quad_class(act.type) == 4
        ):
            frame.type, frame.mode, frame.cameo = act.type, act.mode, act.cameo
            frame.rule += f"+command:{act.entry.text}"
            if not frame.target:
                frame.target = act.target or act.source
            continue
        if frame.type == "AGREE" and act.type not in _COOPERATIVE and act.type in mod["intent"]:
            frame.type, frame.mode, frame.cameo = mod["intent"][act.type]
            frame.rule += f"+{act.type.lower()}"
        elif frame.type == "AGREE" and act.type in mod["intent"]:
            frame.cameo = mod["intent"][act.type][2]
        else:
            table = {
                "REQUEST": "request_modes",
                "REJECT": "reject_modes",
                "THREATEN": "threaten_modes",
            }.get(frame.type)
            if table is not None:
                modes = mod[table]
                mode, cameo = modes.get(act.type, modes["_default"])
                if frame.entry.cameo[:2] != "02" or frame.type != "REQUEST":
                    frame.cameo = cameo
                frame.mode = mode or frame.mode
        if not frame.target:
            src = {(a.start, a.end) for a in frame.source}
            for cand in (act.target, act.source):
                picked = [a for a in cand if (a.start, a.end) not in src]
                if picked:
                    frame.target = picked
                    break


def _confidence(trig: Trigger, rank: int) -> float:
    score = 0.45 + 0.2 * min(trig.entry.weight, 2.0) - 0.08 * trig.depth - 0.05 * rank
    if trig.source:
        score += 0.05
    return round(max(0.05, min(0.99, score)), 3)


def _to_event(trig: Trigger, ctx: SentenceContext, ontology: Ontology, rank: int) -> Event:
    start = ctx.offset + trig.start
    end = ctx.offset + trig.end
    cameo = trig.cameo or ontology.default_cameo(trig.type)
    quad = ontology.quad_class(cameo) or ontology.type_quad_class(trig.type)
    text = ctx.doc.text
    return Event(
        id=record_id("e", ctx.article.id, start, end, trig.type),
        article_id=ctx.article.id,
        type=trig.type,
        mode=trig.mode,
        cameo=cameo,
        quad_class=quad,
        goldstein=ontology.goldstein(cameo),
        source=list(trig.source),
        target=list(trig.target),
        status="asserted",
        evidence=Evidence(
            sentence=text,
            start=ctx.offset,
            end=ctx.offset + len(text),
            trigger=Span(text=text[trig.start : trig.end], start=start, end=end),
        ),
        rule=trig.rule,
        confidence=_confidence(trig, rank),
    )
