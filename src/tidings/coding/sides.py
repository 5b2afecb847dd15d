"""Who did it and to whom: the source and target actors of each trigger.

Built on :class:`tidings.coding.arguments.ActorMapper` and the tree helpers of
:mod:`tidings.coding.arguments`: subjects and their stand-ins (authorities, moving forces,
domestic sources), targets through objects, prepositions and complements (venues and news
outlets that are no targets: :mod:`tidings.coding.venues`), and targets of acts done in
response to an earlier one.

Its helpers keep their leading underscore: they are private to the coding package and
used only by :mod:`tidings.coding.coder` and its sibling stage modules.
"""

from __future__ import annotations

import itertools

from spacy.tokens import Token

from tidings.coding.arguments import (
    LOCATIVE_PREPS,
    PRONOUNS,
    RELATIVE,
    ActorMapper,
    is_passive,
    reporting_speaker,
    subject_of,
    target_heads,
)
from tidings.coding.frames import _SOURCE_MODIFIERS, _governing_verb
from tidings.coding.ontology import Ontology
from tidings.coding.ranking import _COOPERATIVE
from tidings.coding.roles import (
    aimed_at,
    inside_tokens,
    instrument_origins,
    listed_apposition,
    relation_parties,
    relation_target,
    without_purposes,
)
from tidings.coding.triggers import Trigger
from tidings.coding.venues import _clause_venue, _outer_venue, _venue, _without_outlets
from tidings.records import Actor

_POSSESSIVES = frozenset({"its", "their", "his", "her", "our"})

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
    found = _dedupe(mapper.phrase_actors(subj) + listed_apposition(subj, mapper))
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
    groups = ontology.words("domestic_sources")
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
    if trig.head.lemma_.lower() not in ontology.words("actor_subject_verbs"):
        return True
    subj = subject_of(trig.head)
    if subj is None or subj.lower_ in PRONOUNS or subj.lower_ in RELATIVE:
        return False
    if any(t.head == subj for t in triggers):
        return False  # an act as subject: "any cooperation that helps X violates ..."
    if mapper.phrase_actors(subj, deep=False):
        return True
    # "a newspaper based in Beirut": a deeper name counts when the subject is an actor word
    words = ontology.words("domestic_targets") | ontology.words("domestic_sources")
    actor_word = subj.pos_ == "PROPN" or subj.lemma_.lower() in words | PERSON_NOUNS
    return actor_word and bool(mapper.phrase_actors(subj))


def _own_target(head: Token, mapper: ActorMapper, ontology: Ontology) -> bool:
    """Whether a noun event names an actor in a phrase of its own ("the attack on Y",
    "talks between X and Y", "a visit to Y"); "in" names where it happened, not a side."""
    preps = ontology.words("noun_argument_preps")
    for child in head.children:
        if child.dep_ != "prep" or child.lower_ not in preps:
            continue
        for pobj in child.children:
            if pobj.dep_ == "pobj" and mapper.phrase_actors(pobj, deep=False, places=True):
                return True
    return False


def _find_arguments(
    trig: Trigger, triggers: list[Trigger], mapper: ActorMapper, ontology: Ontology
) -> None:
    """Fill ``trig.source`` and ``trig.target`` from the parse."""
    head = trig.head
    frame_types = ontology.words("frame_types")
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
    if trig.type in ontology.words("venue_types"):
        # where a statement was made or a treaty signed ("warned in Hanoi", "signed the
        # treaty in Pyongyang") is a place, never a side of the act
        nouns = ontology.words("venue_nouns")
        homes = ontology.words("residence_verbs")
        source = [a for a in source if not _clause_venue(a, head.doc, mapper.offset, nouns, homes)]
        target = [a for a in target if not _clause_venue(a, head.doc, mapper.offset, nouns, homes)]
    source, target = _without_outlets(
        trig.type, trig.is_verbal, source, target, head.doc, mapper.offset, ontology
    )
    # where another clause's act happened ("X warned in Hanoi that supplying arms to Y ...")
    # is no side of this one, whatever its type
    own = {head.i} | ({verb.i} if verb is not None else set())
    if head.dep_ == "nsubj" and head.lemma_.lower() in ontology.words("mover_nouns"):
        own.add(head.head.i)  # "the deployment of X troops arrived in Y": Y is where they went
    source = [a for a in source if not _outer_venue(a, head, mapper.offset, own)]
    target = [a for a in target if not _outer_venue(a, head, mapper.offset, own)]
    source, target = without_purposes(verb, source, target, mapper)
    if verb is not None and trig.is_verbal and trig.type == "ASSAULT":
        origins = instrument_origins(verb, mapper, ontology)
        if origins:
            target = [a for a in target if not inside_tokens(a, origins, mapper)]
            target = target or aimed_at(verb, mapper)
    if trig.is_verbal and trig.type in _RELATION_TYPES:
        parties = relation_parties(head, mapper, ontology)
        if parties is not None:
            target = relation_target(parties, source)
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
    if head.lemma_.lower() not in ontology.words("mover_nouns"):
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
    lemmas = ontology.words("state_agent_lemmas")
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
#: Types whose object may be a relation between parties ("praised the ties between A and B").
_RELATION_TYPES = frozenset({"SUPPORT", "ACCUSE", "AGREE", "COOPERATE", "REJECT"})


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
    words = ontology.words("domestic_targets") | ontology.words("domestic_sources")
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
