"""Phrases whose actors play another part than source or target of the act.

Three general patterns, applied after the argument finder has chosen the sides
(:func:`tidings.coding.sides._find_arguments`):

* **Purpose and reason phrases.** "supplied shells to Russia *for its war in Ukraine*",
  "sanctioned X *for its role in* Y": an actor named inside a ``for`` phrase whose object is an
  act or a purpose ("war", "use", "role") describes why the act was done; it is no side of it.
  "sent aid *for Ukraine*", where the ``for`` object is the actor itself, keeps it.
* **The origin of an instrument.** "fired *North Korean* missiles at Ukrainian cities": in an
  act of force, an actor that only modifies the weapon used says where the weapon came from,
  not whom it struck; the target is then looked for where the weapon went ("at", "on",
  "against", "into").
* **Relations between parties.** "praised the relationship *between Japan and India*", "hailed
  ties *with* Russia": the parties of the relationship are the target, except the speaker's own
  country, which is the source ("Japan's prime minister hailed the ties between Japan and
  India" is Japan supporting India). With no known source, every party is a target.

Two more patterns decide the code of an act by who takes part in it
(:func:`retype_by_participants`):

* **Force against civilians.** "police fired tear gas at demonstrators", "soldiers stormed a
  village": conventional force (CAMEO 19x, PLOVER 0.5 FIGHT) is fighting between armed parties;
  aimed at civilians it is unconventional violence (CAMEO 180, PLOVER 0.5 ASSAULT).
* **What protesters demand.** "protesters demanded his resignation": a demand made by a crowd
  in the street is the protest itself (CAMEO 14x), not an appeal between parties.

The word lists (instrument, relation, civilian and protester nouns) are data in
``data/plover/modality.yaml``.
"""

from __future__ import annotations

from spacy.tokens import Token

from tidings.coding.arguments import ActorMapper
from tidings.coding.ontology import Ontology
from tidings.coding.triggers import Trigger
from tidings.records import Actor

#: Prepositions that say where a weapon went: the struck party sits in their object.
_AIM_PREPS = frozenset({"at", "on", "against", "into", "toward", "towards"})
#: Prepositions that join the parties of a relation noun.
_RELATION_PREPS = frozenset({"between", "with"})


def inside_tokens(actor: Actor, tokens: list[Token], mapper: ActorMapper) -> bool:
    """Whether ``actor`` overlaps any of ``tokens``."""
    spans = [mapper.token_span(t) for t in tokens]
    return any(actor.start < end and start < actor.end for start, end in spans)


def purpose_tokens(verb: Token, mapper: ActorMapper) -> list[Token]:
    """Tokens naming the arena of a purpose: the prepositional phrases (other than "of")
    of a possessed act ("its war in X") inside a ``for`` phrase of ``verb`` whose object is
    not itself an actor.

    "shipped drones to Russia for its war in Ukraine" gives the tokens of "in Ukraine"; "sent
    aid for Ukraine" gives none (the object of "for" is the actor), and neither does "sent
    troops for the defence of Kuwait": an "of" phrase names whom the purpose serves.
    """
    out: list[Token] = []
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "for":
            continue
        for pobj in prep.children:
            if pobj.dep_ not in {"pobj", "pcomp"}:
                continue
            if pobj.pos_ in {"PROPN"} or mapper.actors_of_tokens([pobj]):
                continue  # "for Ukraine", "for the Ukrainian army": the beneficiary
            for inner in pobj.subtree:
                if (
                    inner.dep_ == "prep"
                    and inner.lower_ != "of"
                    and inner.i != prep.i
                    and any(c.dep_ == "poss" for c in inner.head.children)
                ):
                    out += list(inner.subtree)  # "its war in X", "their campaign against X"
    return out


def without_purposes(
    verb: Token | None, source: list[Actor], target: list[Actor], mapper: ActorMapper
) -> tuple[list[Actor], list[Actor]]:
    """The sides without actors named only in a purpose or reason phrase of ``verb``."""
    if verb is None:
        return source, target
    inside = purpose_tokens(verb, mapper)
    if not inside:
        return source, target
    return (
        [a for a in source if not inside_tokens(a, inside, mapper)],
        [a for a in target if not inside_tokens(a, inside, mapper)],
    )


def instrument_origins(verb: Token, mapper: ActorMapper, ontology: Ontology) -> list[Token]:
    """Modifier tokens of the weapon ``verb`` acts with ("North Korean" in "fired North Korean
    missiles"), when its direct object is an instrument noun."""
    instruments = ontology.words("instrument_nouns")
    out: list[Token] = []
    for obj in verb.children:
        if obj.dep_ != "dobj" or obj.lemma_.lower() not in instruments:
            continue
        for mod in obj.children:
            if mod.dep_ in {"amod", "compound", "nmod", "poss"}:
                out += list(mod.subtree)
    return out


def aimed_at(verb: Token, mapper: ActorMapper) -> list[Actor]:
    """Actors where an act of force was aimed: "at Ukrainian cities", "on Kyiv"."""
    found: list[Actor] = []
    heads = [verb, *(c for c in verb.children if c.dep_ == "dobj")]  # "drones at X" too
    for prep in (c for h in heads for c in h.children):
        if prep.dep_ == "prep" and prep.lower_ in _AIM_PREPS:
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    found += mapper.phrase_actors(pobj, deep=False, places=True)
    return found


def relation_parties(head: Token, mapper: ActorMapper, ontology: Ontology) -> list[Actor] | None:
    """The parties of a relation noun that is the object of ``head``, or ``None``.

    "praised the relationship between France and Brazil" gives France and Brazil; "hailed
    growing ties with Russia" gives Russia.
    """
    relations = ontology.words("relation_nouns")
    objects = [c for c in head.children if c.dep_ in {"dobj", "nsubjpass"}]
    for prep in (c for c in head.children if c.dep_ == "prep"):
        objects += [c for c in prep.children if c.dep_ == "pobj"]
    for obj in objects:
        if obj.lemma_.lower() not in relations:
            continue
        for prep in obj.children:
            if prep.dep_ == "prep" and prep.lower_ in _RELATION_PREPS:
                parties = mapper.actors_of_tokens(list(prep.subtree))
                if parties:
                    return parties
    return None


def relation_target(parties: list[Actor], source: list[Actor]) -> list[Actor]:
    """The target among the parties of a relation: every party but the source's countries.

    Example:
        >>> jp, india = Actor("Japan", country="JPN"), Actor("India", country="IND")
        >>> [a.country for a in relation_target([jp, india], [Actor("Kishida", country="JPN")])]
        ['IND']
        >>> [a.country for a in relation_target([jp, india], [])]
        ['JPN', 'IND']
    """
    own = {a.country for a in source if a.country}
    others = [a for a in parties if a.country not in own]
    return others if others else parties


def _victim_heads(verb: Token) -> list[Token]:
    """Head nouns of what an act of force hit: its object, or where it was aimed."""
    heads = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in _AIM_PREPS:
            heads += [c for c in prep.children if c.dep_ == "pobj"]
    for obj in [c for c in verb.children if c.dep_ == "dobj"]:  # "fired gas at X"
        for prep in obj.children:
            if prep.dep_ == "prep" and prep.lower_ in _AIM_PREPS:
                heads += [c for c in prep.children if c.dep_ == "pobj"]
    return heads


def retype_by_participants(trig: Trigger, ontology: Ontology) -> None:
    """Recode an act by who takes part in it: force against civilians, protesters' demands.

    Changes ``trig`` in place and notes the rule on it.
    """
    head = trig.head
    if not trig.is_verbal:
        return
    if trig.type == "ASSAULT" and (trig.cameo or "").startswith("19"):
        civilians = ontology.words("civilian_nouns")
        if any(t.lemma_.lower() in civilians for t in _victim_heads(head)):
            trig.cameo = "180"
            trig.rule += "+against-civilians"
    elif trig.type == "REQUEST":
        crowds = ontology.words("protester_nouns")
        subjects = [c for c in head.children if c.dep_ == "nsubj"]
        if any(s.lemma_.lower() in crowds for s in subjects):
            trig.type, trig.mode, trig.cameo = "PROTEST", "demo", "141"
            trig.rule += "+by-protesters"


def listed_apposition(head: Token, mapper: ActorMapper) -> list[Actor]:
    """Actors listed in an apposition to ``head``: "three countries, France, Brazil and Chile",
    "Council members Greece, Panama and South Korea".

    An apposition that is a name followed by conjuncts is a list of the parties the phrase
    stands for; a description ("Pakistan, a key ally") has no conjuncts and adds nothing.
    """
    out: list[Actor] = []
    for appos in head.children:
        if appos.dep_ != "appos" or appos.pos_ != "PROPN":
            continue
        members = [appos, *(c for c in appos.children if c.dep_ == "conj")]
        if len(members) < 2:
            continue
        tokens = [t for m in members for t in m.subtree if t.dep_ != "appos" or t is m]
        out += mapper.actors_of_tokens(tokens)
    return out
