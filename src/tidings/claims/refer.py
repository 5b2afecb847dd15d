"""Claims and events that point back at earlier sentences of the same article.

Three patterns, all read off the parse and the article's earlier records
(:attr:`~tidings.context.SentenceContext.prior_claims` and ``prior_events``):

- a claim about "the allegations", "the reports" or "it" is about the events of the most
  recent matching claims ("Both capitals denied the allegations of arms transfers" points
  at the supply alleged one sentence before);
- a noun event with no sides of its own ("arms transfers", "the planned trip") takes the
  sides of the event it refers back to;
- a later sentence saying that an earlier planned or reported event took place ("the
  visit took place", "officials confirmed the trip") is a confirmation of that event.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from tidings.claims.attribution import AttributionRelation
from tidings.claims.lexicon import CueLexicon
from tidings.context import SentenceContext
from tidings.records import Actor, Claim, Event

logger = logging.getLogger(__name__)

#: How far back (in characters of the article) a back-reference may reach.
MAX_BACK_CHARS = 1500
#: How far back a pronoun ("denied it") may reach: the sentence or two before.
MAX_PRONOUN_CHARS = 400
#: Claim kinds looked for, in order, for each group of back-reference words.
_KIND_ORDER: dict[str, tuple[str, ...]] = {
    "allegation": ("allegation", "report", "statement"),
    "report": ("report", "statement", "allegation"),
    "any": ("allegation", "report", "statement", "confirmation"),
}
#: Statuses of an earlier event that a later sentence can confirm.
CONFIRMABLE: frozenset[str] = frozenset(
    {"planned", "reported", "alleged", "speculative", "asserted"}
)
_DEFINITE: frozenset[str] = frozenset({"the", "this", "that", "these", "those", "such"})
_SAME: frozenset[str] = frozenset({"similar", "same", "identical", "such"})


@dataclass(slots=True)
class BackReference:
    """What one attribution act refers back to.

    Attributes:
        claims: The earlier claims it points at (all from one earlier sentence).
        events: The events of those claims, in the order first met.
    """

    claims: list[Claim]
    events: list[Event]


def _back_group(tok: Token, lex: CueLexicon) -> str | None:
    """The back-reference group of the content head, or ``None`` when it is new content.

    "the allegations (of arms transfers)", "allegations", "a similar report" and "it" point
    back; "a report that rebels took the town" and "an allegation" bring their own content.
    """
    low, lemma = tok.lower_, tok.lemma_.lower()
    group = next(
        (
            name
            for name, words in lex.back_references.items()
            if low in words or (tok.pos_ == "NOUN" and lemma in words)
        ),
        None,
    )
    if group is None:
        return None
    verb = tok.head
    if tok.dep_ == "dobj" and any(
        c.dep_ == "prep" and c.lower_ in {"of", "for", "over", "with"} for c in verb.children
    ):
        return None  # "accused it of arming the rebels": "it" is the accused, not a claim
    if tok.pos_ == "PRON" or group == "any":
        return group if tok.pos_ in {"PRON", "DET", "ADV"} else None
    if any(c.dep_ in {"acl", "ccomp", "relcl"} for c in tok.children):
        return None  # "the report that ...": the content follows
    dets = {c.lower_ for c in tok.children if c.dep_ in {"det", "poss"}}
    mods = {c.lower_ for c in tok.children if c.dep_ in {"amod", "det"}}
    if dets & {"a", "an"} and not mods & _SAME:
        return None
    if (
        dets & _DEFINITE
        or mods & _SAME
        or tok.tag_ == "NNS"
        or any(c.dep_ == "poss" for c in tok.children)
    ):
        return group
    return None


def _event_type(events: dict[str, Event], event_id: str | None) -> str | None:
    event = events.get(event_id or "")
    return event.type if event is not None else None


def referred(
    ctx: SentenceContext,
    rel: AttributionRelation,
    lex: CueLexicon,
    own_types: set[str],
) -> BackReference | None:
    """The earlier claims and events an attribution act points back at.

    Args:
        ctx: The sentence, with the article's earlier claims and events.
        rel: An attribution act of the sentence whose content is a noun phrase or pronoun.
        lex: The cue lexicon.
        own_types: Types of the sentence's own events inside the content ("arms
            transfers"); earlier claims about events of these types are preferred.

    Returns:
        The claims of the most recent earlier sentence with matching claims, or ``None``.
    """
    head = rel.content_head
    if head is None or rel.how not in {"object", "phrase"} or not ctx.prior_claims:
        return None
    group = _back_group(head, lex)
    if group is None:
        return None
    events = {e.id: e for e in ctx.prior_events}
    reach = MAX_PRONOUN_CHARS if head.pos_ == "PRON" else MAX_BACK_CHARS
    earliest = ctx.offset - reach
    pool = [c for c in ctx.prior_claims if earliest <= c.evidence.start < ctx.offset]
    if own_types:
        typed = [c for c in pool if _event_type(events, c.event_id) in own_types]
        pool = typed or pool
    for kind in _KIND_ORDER[group]:
        matching = [c for c in pool if c.kind == kind]
        if not matching:
            continue
        last = max(c.evidence.start for c in matching)
        chosen = [c for c in matching if c.evidence.start == last and c.event_id in events]
        if not chosen:
            return None  # the latest such claims are about something not coded
        seen: dict[str, Event] = {}
        for claim in chosen:
            if claim.event_id is not None and claim.event_id not in seen:
                seen[claim.event_id] = events[claim.event_id]
        logger.debug("%r refers back to %d claims", head.text, len(chosen))
        return BackReference(claims=chosen, events=list(seen.values()))
    return None


def _inside(actor: Actor, spans: list[tuple[int, int]]) -> bool:
    return any(start <= actor.start and actor.end <= end for start, end in spans)


def speaker_sides(event: Event, source_spans: list[tuple[int, int]]) -> bool:
    """Whether the event's only actors are the speakers of the act governing it.

    "Moscow and Pyongyang denied the allegations of arms transfers": a coder may give the
    transfers the deniers as sides; they are the claimants, not the parties.
    """
    actors = event.source + event.target
    return bool(actors) and all(_inside(a, source_spans) for a in actors)


def antecedent_event(
    ctx: SentenceContext, tok: Token, event: Event, lex: CueLexicon
) -> Event | None:
    """The earlier event a definite event noun ("the planned trip") names again.

    The most recent earlier event of the same type and mode whose trigger is the same kind
    of event word (see ``event_synonyms`` in the cue lexicon) and that has sides.
    """
    if tok.pos_ != "NOUN" or not _is_definite(tok):
        return None
    for prior in reversed(ctx.prior_events):
        if prior.evidence.start < ctx.offset - MAX_BACK_CHARS:
            break
        if prior.type != event.type or (prior.mode or "") != (event.mode or ""):
            continue
        if not (prior.source or prior.target):
            continue
        if _trigger_lemma_matches(ctx, prior, tok, lex):
            return prior
    return None


def _is_definite(tok: Token) -> bool:
    return any(
        (c.dep_ == "det" and c.lower_ in _DEFINITE) or c.dep_ == "poss" for c in tok.children
    ) or any(c.dep_ == "amod" and c.lower_ in _SAME for c in tok.children)


def _trigger_lemma_matches(ctx: SentenceContext, prior: Event, tok: Token, lex: CueLexicon) -> bool:
    trig = prior.evidence.trigger
    if trig is None:
        return False
    words = [w.strip(".,").lower() for w in trig.text.split()]
    lemma = tok.lemma_.lower()
    return any(lex.same_event_word(lemma, w) or lex.same_event_word(tok.lower_, w) for w in words)


def with_sides(event: Event, source: list[Actor], target: list[Actor]) -> Event:
    """A copy of ``event`` with new sides."""
    from dataclasses import replace

    return replace(event, source=list(source), target=list(target))


@dataclass(slots=True)
class Happening:
    """A sentence saying that an earlier event took place.

    Attributes:
        cue: The words saying so ("took place", "confirmed").
        noun: The event noun ("the visit").
        event: The earlier event it confirms.
    """

    cue: SpacySpan
    noun: Token
    event: Event


def _happen_cue(verb: Token, lex: CueLexicon) -> SpacySpan | None:
    """ "took place", "went ahead", "happened", "occurred": the cue span, else ``None``."""
    lemma = verb.lemma_.lower()
    if verb.pos_ not in {"VERB", "AUX"} or lemma not in lex.happen_verbs:
        return None
    if any(c.dep_ == "neg" for c in verb.children):
        return None
    if verb.tag_ == "VB" and any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children):
        return None  # "the visit will take place": still a plan
    doc = verb.doc
    if lemma == "take":
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.lower_ == "place"), None)
        return doc[verb.i : obj.i + 1] if obj is not None else None
    if lemma == "go":
        ahead = next((c for c in verb.children if c.lower_ == "ahead"), None)
        return doc[verb.i : ahead.i + 1] if ahead is not None else None
    return doc[verb.i : verb.i + 1]


def find_happenings(ctx: SentenceContext, lex: CueLexicon) -> list[Happening]:
    """Earlier planned or reported events that this sentence says took place.

    "The visit took place on Friday", "the trip went ahead", and a confirmation cue over a
    definite event noun ("officials confirmed the trip", "confirmed that the visit will
    happen") whose event was earlier planned, reported or alleged.
    """
    out: list[Happening] = []
    for verb in ctx.doc:
        cue = _happen_cue(verb, lex)
        nouns: list[Token] = []
        if cue is not None:
            nouns = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        elif verb.pos_ == "VERB" and lex.cue_class(verb.lemma_) == "confirmation":
            if any(c.dep_ == "neg" for c in verb.children):
                continue
            cue = ctx.doc[verb.i : verb.i + 1]
            nouns = [c for c in verb.children if c.dep_ == "dobj"]
            for clause in (c for c in verb.children if c.dep_ == "ccomp"):
                nouns += [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
        for noun in nouns:
            if cue is None or noun.pos_ != "NOUN" or not _is_definite(noun):
                continue
            event = _earlier_event(ctx, noun, lex)
            if event is not None and all(h.event.id != event.id for h in out):
                # "confirmed that the visit took place": one confirmation, by the outer cue
                out.append(Happening(cue=cue, noun=noun, event=event))
    return out


def _earlier_event(ctx: SentenceContext, noun: Token, lex: CueLexicon) -> Event | None:
    for prior in reversed(ctx.prior_events):
        if prior.evidence.start < ctx.offset - MAX_BACK_CHARS:
            break
        if prior.status in CONFIRMABLE and _trigger_lemma_matches(ctx, prior, noun, lex):
            if prior.status == "asserted" and not prior.attribution:
                continue  # the article already said it happened
            return prior
    return None
