"""Who did it and to whom: source and target actors from the dependency tree.

Tokens are mapped to the actor mentions the resolver found (``ctx.actors``, article offsets)
by character overlap; when a phrase holds none, named entities and the phrase itself are
looked up with :func:`tidings.resolve.resolve_mention` (if the ontology carries a knowledge
base), and places fall back to the country that holds them.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable

from spacy.tokens import Token

from tidings.context import SentenceContext
from tidings.records import Actor
from tidings.resolve.kb import ActorKB

logger = logging.getLogger(__name__)

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
#: Prepositions whose object is the target of an event, most telling first.
TARGET_PREPS: tuple[str, ...] = (
    "to",
    "with",
    "against",
    "on",
    "upon",
    "into",
    "toward",
    "towards",
    "at",
    "over",
    "from",
    "between",
    "for",
)
#: Dependents that start a new clause: their actors belong to another event.
CLAUSE_DEPS = frozenset({"relcl", "ccomp", "advcl", "parataxis", "csubj", "xcomp", "punct"})
#: How far (in dependency steps) a deep phrase search goes from the phrase head.
MAX_LAYERS = 3
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us"})
RELATIVE = frozenset({"who", "which", "that", "whom"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "we", "us", "our"})
#: Entity labels tried with the knowledge base when no actor covers a phrase.
ACTOR_LABELS = frozenset({"GPE", "NORP", "ORG", "PERSON", "FAC", "LOC"})


class ActorMapper:
    """Maps tokens of a parsed sentence to actors.

    Args:
        ctx: The sentence context (:class:`tidings.context.SentenceContext`).
        kb: Optional knowledge base for mentions the actor finder missed.
        homes: Lemmas of participles that place an actor, not an act ("based in").
        origins: Lemmas of nouns for people whose "from" phrase names where they come from
            ("a teacher from Toronto").
    """

    def __init__(
        self,
        ctx: SentenceContext,
        kb: ActorKB | None = None,
        homes: frozenset[str] = frozenset(),
        origins: frozenset[str] = frozenset(),
    ) -> None:
        self.ctx = ctx
        self.kb = kb
        self.homes = homes
        self.origins = origins
        self.offset: int = ctx.offset
        self.actors: list[Actor] = residence_countries(
            sorted(ctx.actors, key=lambda a: (a.start, -a.end)), ctx.article.text
        )
        self._resolved: dict[tuple[int, int, bool], Actor | None] = {}

    def token_span(self, tok: Token) -> tuple[int, int]:
        """Article offsets of a token."""
        start = self.offset + tok.idx
        return start, start + len(tok.text)

    def actors_of_tokens(self, tokens: Iterable[Token]) -> list[Actor]:
        """Actors overlapping any of ``tokens``, in text order, nested ones dropped."""
        spans = [self.token_span(t) for t in tokens]
        found = [a for a in self.actors if any(a.start < e and s < a.end for s, e in spans)]
        return _outermost(found)

    def phrase_actors(self, head: Token, *, deep: bool = True, places: bool = False) -> list[Actor]:
        """Actors of the noun phrase headed by ``head`` (conjuncts included).

        The core of the phrase (modifiers, possessors, conjuncts; not appositions: "Pakistan,
        a key U.S. ally" is Pakistan) is tried first, then "of" phrases, then (with ``deep``)
        the nearest actors through any preposition. With ``places`` a place named where the
        act happened ("imposed a curfew in <town>") stands for its country; otherwise such a
        locative name is no actor.
        """
        core = list(_phrase_tokens(head, level=0))
        found = self.actors_of_tokens(core) or self._lookup(core, places)
        if found:
            return found
        with_of = list(_phrase_tokens(head, level=1))
        found = self.actors_of_tokens(with_of) or self._lookup(with_of, places)
        if found:
            return found
        found = self.origin_actors(head)
        if found or not deep:
            return found
        for layer in _layers(head)[:MAX_LAYERS]:
            found = self.actors_of_tokens(layer)
            if not places:  # "the treaty signed in Pyongyang": Pyongyang is where, not who
                found = [a for a in found if not self._clause_locative(a, layer)]
            found = found or self._lookup(layer, places)
            if found:
                return found
        return []

    def origin_actors(self, head: Token) -> list[Actor]:
        """The country of a place a person or group comes from ("a teacher from Toronto",
        "workers from Kerala"), when the phrase names no actor of its own."""
        if head.lemma_.lower() not in self.origins and head.lower_ not in self.origins:
            return []
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ != "from":
                continue
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and pobj.pos_ == "PROPN":
                    core = list(_phrase_tokens(pobj, level=0))
                    found = self.actors_of_tokens(core) or self._lookup(core, places=True)
                    if found:
                        return found
        return []

    def _clause_locative(self, actor: Actor, tokens: list[Token]) -> bool:
        """Whether ``actor`` is named by a token of ``tokens`` that is the object of a
        locative preposition of a verb (:func:`is_clause_locative`)."""
        for tok in tokens:
            start, end = self.token_span(tok)
            if actor.start < end and start < actor.end and tok.dep_ in ("pobj", "compound"):
                verb = tok.head.head if tok.dep_ == "pobj" else tok.head.head.head
                return verb.lemma_.lower() not in self.homes and is_clause_locative(tok)
        return False

    def _lookup(self, tokens: list[Token], places: bool = False) -> list[Actor]:
        """Resolve named entities among ``tokens`` with the knowledge base.

        Without NER (the default pipeline) the runs of capitalised words of the phrase
        stand in for entities (:func:`name_runs`); a name that is the object of a locative
        preposition of a verb ("fought in Mosul") is a place, not an actor.
        """
        if self.kb is None or not tokens:
            return []
        doc = tokens[0].doc
        if not doc.has_annotation("ENT_IOB"):
            return self._lookup_names(tokens, places)
        ids = {t.i for t in tokens}
        out: list[Actor] = []
        for ent in doc.ents:
            if ent.label_ not in ACTOR_LABELS or not any(t.i in ids for t in ent):
                continue
            locative = ent.root.dep_ == "pobj"
            actor = self._resolve(
                ent.text, ent.start_char, ent.end_char, ent.label_, locative=locative
            )
            if actor is not None:
                out.append(actor)
        return out

    def _lookup_names(self, tokens: list[Token], places: bool = False) -> list[Actor]:
        out: list[Actor] = []
        for run in name_runs(tokens):
            root = _run_root(run)
            if not places and is_clause_locative(root):
                continue
            text = root.doc[run[0].i : run[-1].i + 1].text
            start = run[0].idx
            label = "GPE" if places else "NAME"  # with places a place stands for its country
            actor = self._resolve(text, start, start + len(text), label, locative=False)
            if actor is not None:
                out.append(actor)
        return out

    def _resolve(
        self, text: str, start: int, end: int, label: str, *, locative: bool = False
    ) -> Actor | None:
        key = (start, end, label in ("GPE", "LOC", "FAC") and not locative)
        if key in self._resolved:
            return self._resolved[key]
        actor: Actor | None = None
        a_start, a_end = self.offset + start, self.offset + end
        try:
            import tidings.resolve as resolve

            resolver = getattr(resolve, "resolve_mention", None)
            if resolver is not None:
                actor = resolver(text, self.kb, self.ctx.anchor)
        except (ImportError, TypeError) as exc:  # resolver not available
            logger.debug("resolve_mention unavailable: %s", exc)
        if actor is not None:
            actor = dataclasses.replace(
                actor, start=a_start, end=a_end, rule=actor.rule or "coding:resolve_mention"
            )
        elif label in ("GPE", "LOC", "FAC") and not locative:
            country = self.place_country(text)
            if country:
                actor = Actor(
                    text=text,
                    name=text,
                    country=country,
                    start=a_start,
                    end=a_end,
                    rule="coding:place-country",
                )
        self._resolved[key] = actor
        return actor

    def place_country(self, name: str) -> str | None:
        """Country of a place name by the knowledge base, or ``None``."""
        if self.kb is None:
            return None
        lookup = getattr(self.kb, "country_for_place", None)
        if lookup is None:
            return None
        try:
            result = lookup(name)
        except (KeyError, ValueError, TypeError):
            return None
        return result if isinstance(result, str) else None

    def preceding_actor(self, tok: Token) -> list[Actor]:
        """The nearest actor mentioned before ``tok`` in the article (pronoun fallback)."""
        start, _ = self.token_span(tok)
        before = [
            a
            for a in self.ctx.doc_actors
            if a.end <= start and (a.country or a.name) and a.text.lower() not in PRONOUNS
        ]
        if not before:
            return []
        if tok.lower_ in PLURAL_PRONOUNS and len(before) > 1:
            # "Kim and Putin met ... They held a summit": a plural pronoun takes the pair
            text = self.ctx.article.text
            first, last = before[-2], before[-1]
            if text[first.end : last.start].strip().lower() in ("and", "&", ","):
                return [first, last]
        return [before[-1]]


#: Verbal locative prepositions: their object is where an act happened, not who took part.
LOCATIVE_PREPS = frozenset(
    {"in", "at", "near", "outside", "inside", "across", "around", "within", "along", "throughout"}
)
#: Lower-case words allowed inside a run of capitalised words ("Bank of Korea").
_NAME_LINKS = frozenset({"of", "-", "'s", "al", "el", "bin", "de", "du", "la", "von", "van"})
_CALENDAR = frozenset(
    {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
     "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December", "I"}
)  # fmt: skip


def _name_token(tok: Token) -> bool:
    return (
        tok.text[:1].isupper()
        and (tok.is_alpha or "." in tok.text or "-" in tok.text)
        and tok.text not in _CALENDAR
    )


def name_runs(tokens: Iterable[Token]) -> list[list[Token]]:
    """Maximal runs of adjacent capitalised tokens (with "of", "al"... inside) among
    ``tokens``: what an entity recogniser would have found, without one."""
    toks = sorted(tokens, key=lambda t: t.i)
    runs: list[list[Token]] = []
    cur: list[Token] = []
    for tok in toks:
        if cur and tok.i != cur[-1].i + 1:
            runs.append(cur)
            cur = []
        starts_name = _name_token(tok) and not (tok.i == tok.sent.start and tok.is_stop)
        if starts_name or (cur and tok.lower_ in _NAME_LINKS and tok.lower_ != "'s"):
            cur.append(tok)
        elif cur:
            runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    out = []
    for run in runs:
        while run and not _name_token(run[-1]):
            run = run[:-1]
        if run:
            out.append(run)
    return out


def _run_root(run: list[Token]) -> Token:
    ids = {t.i for t in run}
    for tok in run:
        if tok.head.i not in ids or tok.head == tok:
            return tok
    return run[-1]


def is_clause_locative(tok: Token) -> bool:
    """Whether ``tok`` (or the noun it is a compound of) is the object of a locative
    preposition that modifies a verb: "clashed in Mosul", "met at the Vostochny spaceport"."""
    while tok.dep_ in ("compound", "amod") and tok.head != tok:
        tok = tok.head
    if tok.dep_ != "pobj" or tok.head.lower_ not in LOCATIVE_PREPS:
        return False
    return tok.head.head.pos_ in ("VERB", "AUX")


#: Words before a demonym that make it an ethnic group rather than a nation's people.
ETHNIC_MARKERS = ("ethnic ",)


def residence_countries(actors: list[Actor], text: str) -> list[Actor]:
    """Code ethnic groups by the country they live in (the CAMEO convention): "ethnic
    Albanians" in a sentence about Macedonia are MKD, not ALB.

    The country of residence is the one the other actors of the sentence name most often;
    without a single most frequent one the group keeps its own country.
    """
    out: list[Actor] = []
    for actor in actors:
        before = text[max(0, actor.start - 8) : actor.start].lower()
        if not actor.country or not before.endswith(ETHNIC_MARKERS):
            out.append(actor)
            continue
        counts: dict[str, int] = {}
        for other in actors:
            if other is not actor and other.country and other.country != actor.country:
                counts[other.country] = counts.get(other.country, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            actor = dataclasses.replace(
                actor, country=ranked[0][0], rule=f"{actor.rule}+residence".lstrip("+")
            )
        out.append(actor)
    return out


def _outermost(actors: list[Actor]) -> list[Actor]:
    out: list[Actor] = []
    for a in actors:
        if any(
            o.start <= a.start and a.end <= o.end and o is not a
            for o in actors
            if (o.start, o.end) != (a.start, a.end)
        ):
            continue
        if any((o.start, o.end) == (a.start, a.end) for o in out):
            continue
        out.append(a)
    return out


def _conjuncts(head: Token) -> list[Token]:
    out: list[Token] = []
    for child in head.children:
        if child.dep_ == "conj":
            out += [child, *_conjuncts(child)]
    return out


def _phrase_tokens(head: Token, *, level: int) -> Iterable[Token]:
    """Tokens of the phrase headed by ``head``.

    ``level`` 0 keeps modifiers, possessors, compounds and conjuncts; 1 adds "of" phrases;
    2 follows every preposition and participial modifier.
    """
    yield head
    for child in head.children:
        if child.dep_ in CLAUSE_DEPS or (child.dep_ == "appos" and level < 2):
            continue
        if child.dep_ == "prep" and (level == 0 or (level == 1 and child.lower_ != "of")):
            continue
        if child.dep_ == "acl" and level < 2:
            continue
        yield from _phrase_tokens(child, level=level)


def _layers(head: Token) -> list[list[Token]]:
    """Tokens of the full phrase grouped by distance from its core (nearest first).

    A preposition and its object count as one step.
    """
    allowed = {t.i for t in _phrase_tokens(head, level=2)}
    core = list(_phrase_tokens(head, level=1))
    seen = {t.i for t in core}
    layers: list[list[Token]] = []
    frontier = core
    while frontier:
        nxt: list[Token] = []
        for tok in frontier:
            for child in tok.children:
                if child.i not in allowed or child.i in seen:
                    continue
                seen.add(child.i)
                nxt.append(child)
                if child.dep_ == "prep":
                    for pobj in child.children:
                        if pobj.i in allowed and pobj.i not in seen:
                            seen.add(pobj.i)
                            nxt.append(pobj)
        if nxt:
            layers.append(nxt)
        frontier = nxt
    return layers


#: Participles that are adjectives after "be": "X is committed to", "X is determined to".
STATIVE_PARTICIPLES = frozenset({"commit", "determine", "prepare", "resolve", "dedicate"})


def is_passive(verb: Token) -> bool:
    """Whether ``verb`` heads a passive clause ("is committed to" is not one)."""
    if verb.lemma_.lower() in STATIVE_PARTICIPLES and not any(
        c.dep_ == "agent" for c in verb.children
    ):
        return False
    return any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children)


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The token standing for the agent of ``verb``.

    Follows passive agents ("by X"), control verbs ("X agreed to meet"), coordinated verbs
    ("X arrested ... and seized ...") and relative clauses ("forces that attacked").
    """
    if depth > 6:
        return None
    if is_passive(verb):
        for child in verb.children:
            if child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return pobj
        return None
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS or child.dep_ in PASSIVE_SUBJECT_DEPS:
            if child.lower_ in RELATIVE and verb.dep_ == "relcl":
                return verb.head
            return child
    if verb.dep_ in ("xcomp", "conj", "advcl", "acomp") and verb.head != verb:
        return subject_of(verb.head, depth + 1)
    if verb.dep_ in ("relcl", "acl") and verb.head != verb:
        return verb.head
    return None


def reporting_speaker(verb: Token, reporting: frozenset[str]) -> Token | None:
    """Subject of the reporting verb ("X said ...") governing ``verb``, if any."""
    tok = verb
    climb = ("ccomp", "xcomp", "conj", "advcl", "parataxis", "acomp")
    for _ in range(6):
        if tok.dep_ not in climb or tok.head == tok:
            return None
        tok = tok.head
        if tok.lemma_.lower() in reporting:
            for child in tok.children:
                if child.dep_ in SUBJECT_DEPS:
                    return child
            return None
    return None


def target_heads(head: Token, *, noun: bool = False) -> list[Token]:
    """Tokens whose phrases may hold the target of the event headed by ``head``.

    Order: indirect object, direct object (or the passive subject), prepositional objects
    of :data:`TARGET_PREPS`, "of" phrases of a noun ("invasion of X"), then "in" phrases.
    """
    out: list[Token] = []
    children = list(head.children)
    for dep in ("dative", "dobj"):
        out += [c for c in children if c.dep_ == dep]
    if head.pos_ in ("VERB", "AUX") and is_passive(head):
        out += [c for c in children if c.dep_ in PASSIVE_SUBJECT_DEPS]
    preps = [c for c in children if c.dep_ in ("prep", "dative")]
    for prt in (c for c in children if c.dep_ == "prt"):
        preps += [c for c in prt.children if c.dep_ == "prep"]
    # "in" comes last: where the act happened stands for whom it touched only when nothing
    # else does ("imposed a curfew in <town>"), as the PLOVER gold data codes it
    for name in (*TARGET_PREPS, *(("of",) if noun else ()), "in"):
        for prep in preps:
            if prep.lower_ == name:
                out += [c for c in prep.children if c.dep_ == "pobj"]
    return out
