"""Event status, attribution chains and claims for one parsed sentence.

Attribution of an event in the article's own voice is the empty list ``[]``: the kind
``author`` is never produced for it, so "who says so" is empty exactly when the article
itself says so.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Callable

from spacy.tokens import Token

from tidings.claims.attribution import AttributionRelation, find_attributions
from tidings.claims.lexicon import CueLexicon, load_lexicon
from tidings.claims.refer import (
    BackReference,
    antecedent_event,
    find_happenings,
    referred,
    speaker_sides,
    with_sides,
)
from tidings.claims.sources import (
    article_offsets,
    previous_speaker,
    resolve_source,
    source_kind,
)
from tidings.claims.status import TokenFacts, decide_status, read_facts
from tidings.coding.quantities import quantities_in
from tidings.context import SentenceContext
from tidings.ids import record_id
from tidings.records import Actor, Attribution, Claim, Event, Evidence, Quantity, Span

logger = logging.getLogger(__name__)

#: Claim kind of each cue class (``belief`` gives no claim).
CLAIM_KIND: dict[str, str] = {
    "statement": "statement",
    "report": "report",
    "allegation": "allegation",
    "denial": "denial",
    "confirmation": "confirmation",
}
_QUOTES = re.compile(r"[\"“”]")
_SELF_WORDS = frozenset({"we", "us", "our", "i", "it", "its", "they", "their", "he", "she"})


@dataclasses.dataclass(slots=True)
class _Act:
    """One attribution act resolved to actors: the relation and its attributions."""

    relation: AttributionRelation
    attributions: list[Attribution]


def trigger_token(ctx: SentenceContext, event: Event) -> Token | None:
    """The token of ``ctx.doc`` holding the event's trigger (its syntactic head)."""
    trig = event.evidence.trigger
    if trig is None:
        return None
    start, end = trig.start - ctx.offset, trig.end - ctx.offset
    if start < 0 or end > len(ctx.doc.text):
        return None
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def _cue_record(ctx: SentenceContext, rel: AttributionRelation) -> Span:
    start, end = article_offsets(ctx, rel.cue)
    return Span(text=rel.cue.text, start=start, end=end)


def _resolve_act(ctx: SentenceContext, rel: AttributionRelation, lex: CueLexicon) -> _Act:
    """The attributions of one relation: one per source, cited sources relayed via them."""
    cue = _cue_record(ctx, rel)
    speakers: list[tuple[Actor, str]] = []
    spans = rel.sources or ([rel.source] if rel.source is not None else [])
    for span in spans:
        speakers.extend(resolve_source(ctx, span, lex))
    cited: list[tuple[Actor, str]] = []
    for span in rel.cited:
        cited.extend(resolve_source(ctx, span, lex))
    attributions: list[Attribution] = []
    if cited:
        relays = [a for a, _k in speakers[:1]]
        for actor, kind in cited:
            attributions.append(Attribution(source=actor, kind=kind, via=list(relays), cue=cue))
        for actor, kind in speakers[1:]:
            attributions.append(Attribution(source=actor, kind=kind, cue=cue))
    else:
        for actor, kind in speakers:
            attributions.append(Attribution(source=actor, kind=kind, cue=cue))
    return _Act(rel, attributions)


def _governs(rel: AttributionRelation, tok: Token) -> bool:
    """Whether ``tok`` lies in the relation's content (and not in its source or cue)."""
    if rel.source is not None and rel.source.start <= tok.i < rel.source.end:
        return False
    return any(span.start <= tok.i < span.end for span in rel.content)


def _content_size(rel: AttributionRelation) -> int:
    return sum(len(s) for s in rel.content)


def _chain(acts: list[_Act], tok: Token) -> list[_Act]:
    """Acts whose content holds ``tok``, innermost (smallest content) first."""
    return sorted(
        (a for a in acts if _governs(a.relation, tok)), key=lambda a: _content_size(a.relation)
    )


def _attribution_chain(chain: list[_Act]) -> list[Attribution]:
    """The event's attributions: the innermost act's sources, relayed via the outer ones."""
    chain = [act for act in chain if act.attributions]  # "is expected to" names nobody
    if not chain:
        return []
    inner = chain[0]
    outer_sources = [a.source for act in chain[1:] for a in act.attributions]
    out = []
    for att in inner.attributions:
        out.append(dataclasses.replace(att, via=[*att.via, *outer_sources]))
    return out


def _quoted_context(ctx: SentenceContext) -> bool:
    """Whether the sentence continues a quotation opened earlier in its paragraph."""
    text = ctx.article.text
    para_start = text.rfind("\n\n", 0, ctx.offset)
    before = text[para_start + 1 if para_start >= 0 else 0 : ctx.offset]
    opened = len(_QUOTES.findall(before)) % 2 == 1
    starts_quoted = ctx.doc.text.lstrip().startswith(('"', "“"))
    return opened or starts_quoted


def _own_act(event: Event, speaker: Actor, tok: Token | None = None) -> bool:
    """Whether the speaker speaks of its own act (the event's source is the speaker).

    The event's source actors are compared with the speaker; without them, a pronoun
    subject of the trigger ("it destroyed", "our troops struck") counts as the speaker.
    """
    if tok is not None:
        subj = next((c for c in tok.children if c.dep_ in {"nsubj", "agent"}), None)
        if subj is not None and (
            subj.lower_ in _SELF_WORDS
            or any(c.dep_ == "poss" and c.lower_ in _SELF_WORDS for c in subj.children)
        ):
            return True
    for src in event.source:
        if src.text.lower() in _SELF_WORDS:
            return True
        if speaker.kb_id and src.kb_id == speaker.kb_id:
            return True
        if (
            speaker.country
            and src.country == speaker.country
            and speaker.sector
            and src.sector in {speaker.sector, "government", "military"}
            and speaker.sector in {"government", "military"}
        ):
            return True  # "the defense ministry said its forces struck": one state
        if src.start < speaker.end and speaker.start < src.end:
            return True
    return False


def _own_outlet_speech(
    event: Event, attributions: list[Attribution], tok: Token, lex: CueLexicon
) -> bool:
    """A country's own (state) outlet reporting what its leader or officials said.

    "Kim praised the ties, the state news agency reported": the public speech act is
    on record, so the event is ``asserted`` (attributed to the outlet), not ``reported``.
    """
    if not attributions or lex.cue_class(tok.lemma_, include_belief=False) != "statement":
        return False
    countries = {a.country for a in event.source if a.country}
    return bool(countries) and all(
        a.kind == "media" and not a.via and a.source.country in countries for a in attributions
    )


def _refine_status(
    status: str,
    facts: TokenFacts,
    chain: list[_Act],
    attributions: list[Attribution],
    event: Event,
    lex: CueLexicon,
) -> tuple[str, str]:
    """Adjust a plain (``asserted``) status by who says so."""
    if status != "asserted" or not chain:
        return status, ""
    rel = chain[0].relation
    if rel.negated:
        return "speculative", "cue-negated"
    if rel.cue_class == "denial":
        return "denied", "cue:denial"
    if rel.cue_class == "confirmation":
        return "confirmed", "cue:confirmation"
    if rel.cue_class == "allegation":
        return "alleged", "cue:allegation"
    if rel.cue_class == "belief":
        return "speculative", "cue:belief"
    if rel.cue_class == "report" and _own_outlet_speech(event, attributions, facts.token, lex):
        return "asserted", "outlet-reports-own-side-speech"
    if rel.cue_class == "report":
        return "reported", "cue:report"
    kinds = {a.kind for a in attributions}
    if kinds & {"media", "anonymous"} or any(a.via for a in attributions):
        return "reported", "source:" + "/".join(sorted(kinds))
    if attributions and all(_own_act(event, a.source, facts.token) for a in attributions):
        return "asserted", "speaker-own-act"
    return "reported", "speaker-other"


def _governed_event(rel: AttributionRelation, tokens: dict[str, Token]) -> str | None:
    """The id of the event the cue governs: the one nearest the content's head."""
    best: tuple[int, int, str] | None = None
    for event_id, tok in tokens.items():
        if not _governs(rel, tok):
            continue
        depth = 0
        cur = tok
        while cur.head.i != cur.i and (rel.content_head is None or cur.i != rel.content_head.i):
            cur = cur.head
            depth += 1
        key = (depth, tok.i, event_id)
        if best is None or key < best:
            best = key
    return best[2] if best else None


def _conjoined_events(
    rel: AttributionRelation, tokens: dict[str, Token], main: str | None
) -> list[str]:
    """Events of the content coordinated with the governed one ("shipped ... and received")."""
    if main is None:
        return []
    head = tokens[main]
    out = []
    for event_id, tok in tokens.items():
        if event_id == main or not _governs(rel, tok):
            continue
        cur = tok
        while cur.dep_ == "conj" and cur.head.i != cur.i and cur.i != head.i:
            cur = cur.head
        if cur.i == head.i:
            out.append(event_id)
    return out


def _region(tok: Token) -> tuple[int, int]:
    """Sentence character range of a conjunct: its subtree without its own conjuncts."""
    conj = [c for c in tok.children if c.dep_ in {"conj", "cc"}]
    end = min((c.left_edge.idx for c in conj), default=tok.right_edge.idx + len(tok.right_edge))
    return tok.left_edge.idx, end


def _inside_region(ctx: SentenceContext, tok: Token) -> Callable[[Quantity], bool]:
    start, end = _region(tok)
    return lambda q: ctx.offset + start <= q.start < ctx.offset + end


def _outside(ctx: SentenceContext, toks: list[Token]) -> Callable[[Quantity], bool]:
    regions = [_region(t) for t in toks]
    return lambda q: not any(ctx.offset + a <= q.start < ctx.offset + b for a, b in regions)


def _claimant_key(actor: Actor) -> str:
    """What tells claimants apart in a claim id: KB id, else the text as written."""
    if actor.rule.startswith("claims:both"):
        return f"{actor.country}:{actor.text}"
    if actor.kb_id and actor.name:
        return actor.kb_id
    return actor.text


def _claims_for(
    ctx: SentenceContext,
    act: _Act,
    event_id: str | None,
    evidence: Evidence,
    *,
    kind: str | None = None,
    why: str = "",
    keep: Callable[[Quantity], bool] | None = None,
) -> list[Claim]:
    rel = act.relation
    kind = kind or CLAIM_KIND.get(rel.cue_class)
    if kind is None or rel.negated:
        return []
    quantities = []
    for span in rel.content:
        quantities.extend(quantities_in(span, ctx.offset, ctx.times))
    if keep is not None:
        quantities = [q for q in quantities if keep(q)]
    claims: list[Claim] = []
    cue_start = evidence.trigger.start if evidence.trigger else -1
    # "it was reported that ...": one claim by an unnamed claimant
    attributions: list[Attribution | None] = list(act.attributions) or [None]
    for att in attributions:
        claim_kind = kind
        if kind == "statement" and att is not None and att.kind in {"media", "anonymous"}:
            claim_kind = "report"
        who = _claimant_key(att.source) if att is not None else ""
        claims.append(
            Claim(
                id=record_id("c", ctx.article.id, cue_start, who, event_id, claim_kind),
                article_id=ctx.article.id,
                kind=claim_kind,
                claimant=att.source if att is not None else None,
                event_id=event_id,
                evidence=evidence,
                via=list(att.via) if att is not None else [],
                quantities=list(quantities),
                rule=f"claims:{rel.rule}{why}",
            )
        )
    return claims


def _assess_event(
    ctx: SentenceContext, event: Event, tok: Token, acts: list[_Act], lex: CueLexicon
) -> Event:
    """A copy of ``event`` with its status and attribution chain set."""
    facts = read_facts(tok, lex)
    status, rule = decide_status(facts)
    chain = _chain(acts, tok)
    attributions = _attribution_chain(chain)
    why = ""
    if not chain and _quoted_context(ctx):
        # a quotation going on from an earlier sentence: the last named speaker says so
        speaker = previous_speaker(ctx, ctx.offset + tok.idx)
        if speaker is not None:
            attributions = [
                Attribution(source=speaker, kind=source_kind(speaker, None, lex), cue=None)
            ]
            if status == "asserted" and not _own_act(event, speaker, tok):
                status, why = "reported", "quote-continuation"
    else:
        status, why = _refine_status(status, facts, chain, attributions, event, lex)
    if why:
        rule = f"{rule};{why}" if rule != "plain" else why
    logger.debug("event %s: %s (%s)", event.id, status, rule)
    return dataclasses.replace(event, status=status, attribution=attributions)


def _source_offsets(ctx: SentenceContext, rel: AttributionRelation) -> list[tuple[int, int]]:
    """Article offsets of every source span of a relation (speakers and cited sources)."""
    spans = [*rel.sources, *rel.cited]
    if rel.source is not None:
        spans.append(rel.source)
    return [article_offsets(ctx, span) for span in spans]


def _fix_sides(
    ctx: SentenceContext,
    event: Event,
    tok: Token | None,
    acts: list[_Act],
    refs: dict[int, BackReference],
    lex: CueLexicon,
) -> Event:
    """Give a noun event without sides of its own the sides of the event it refers to.

    "denied the allegations of arms transfers" takes the sides of the alleged supply; "NHK
    reported the planned trip" those of the trip announced before. When the only actors the
    coder found are the speakers of a report and nothing earlier fits, they are dropped: an
    outlet reporting a trip is no party to it.
    """
    if tok is None or tok.pos_ not in {"NOUN", "PROPN"}:
        return event
    governing = [(n, act) for n, act in enumerate(acts) if _governs(act.relation, tok)]
    governing.sort(key=lambda pair: _content_size(pair[1].relation))
    speakers = bool(governing) and speaker_sides(
        event, _source_offsets(ctx, governing[0][1].relation)
    )
    if (event.source or event.target) and not speakers:
        return event
    donor: Event | None = None
    for n, _act in governing:
        ref = refs.get(n)
        if ref is not None:
            donor = next((e for e in ref.events if e.source or e.target), None)
            break
    same = None
    if donor is None:
        donor = same = antecedent_event(ctx, tok, event, lex)
    if donor is not None:
        logger.debug("event %s takes the sides of %s", event.id, donor.id)
        out = with_sides(event, donor.source, donor.target)
        if same is not None and out.date is None:
            out.date = same.date  # "the planned trip" is the trip announced before
        out.rule = f"{event.rule};claims:sides-from-earlier" if event.rule else "claims:sides"
        return out
    if speakers and governing[0][1].relation.cue_class in {"report", "statement"}:
        logger.debug("event %s: the reporting source is no side of it", event.id)
        return with_sides(event, [], [])
    return event


def _happening_claims(
    ctx: SentenceContext, acts: list[_Act], lex: CueLexicon, sentence_end: int
) -> tuple[list[Claim], set[int]]:
    """Confirmation claims for earlier events this sentence says took place.

    Returns:
        The claims, and the indices (in ``acts``) of the acts that made them.
    """
    claims: list[Claim] = []
    owners: set[int] = set()
    for found in find_happenings(ctx, lex):
        cue_tok = found.cue[0]
        owner = next(
            (a for a in acts if a.relation.cue.start <= cue_tok.i < a.relation.cue.end), None
        ) or next(iter(_chain(acts, cue_tok)), None)
        if owner is not None:
            owners.add(acts.index(owner))
        start, end = article_offsets(ctx, found.cue)
        evidence = Evidence(
            sentence=ctx.doc.text,
            start=ctx.offset,
            end=sentence_end,
            trigger=Span(text=found.cue.text, start=start, end=end),
        )
        attributions: list[Attribution | None] = (
            list(owner.attributions) if owner is not None and owner.attributions else [None]
        )
        for att in attributions:
            who = _claimant_key(att.source) if att is not None else ""
            claims.append(
                Claim(
                    id=record_id("c", ctx.article.id, start, who, found.event.id, "confirmation"),
                    article_id=ctx.article.id,
                    kind="confirmation",
                    claimant=att.source if att is not None else None,
                    event_id=found.event.id,
                    evidence=evidence,
                    via=list(att.via) if att is not None else [],
                    rule=f"claims:happened:{found.cue.root.lemma_}",
                )
            )
    return claims, owners


def assess(ctx: SentenceContext, events: list[Event]) -> tuple[list[Event], list[Claim]]:
    """Set each event's status and attribution, and find the claims of the sentence.

    Args:
        ctx: The sentence (``ctx.doc`` parsed by the full model) with its actors.
        events: Events coded in the sentence (triggers in article offsets).

    Returns:
        The events with ``status`` and ``attribution`` set (new records; the inputs are
        not changed) and one :class:`~tidings.records.Claim` per claimant and attribution
        act (statement, report, allegation, denial, confirmation).

    Example:
        >>> events, claims = assess(ctx, events)  # doctest: +SKIP
        >>> events[0].status, claims[0].kind  # doctest: +SKIP
        ('alleged', 'denial')
    """
    lex = load_lexicon()
    doc = ctx.doc
    relations = [rel for rel in find_attributions(doc, lex) if rel.is_claim]
    acts = [_resolve_act(ctx, rel, lex) for rel in relations]
    sentence_end = ctx.offset + len(doc.text)
    tokens: dict[str, Token] = {}
    for event in events:
        tok = trigger_token(ctx, event)
        if tok is not None:
            tokens[event.id] = tok
    refs: dict[int, BackReference] = {}
    for n, act in enumerate(acts):
        own = {e.type for e in events if e.id in tokens and _governs(act.relation, tokens[e.id])}
        ref = referred(ctx, act.relation, lex, own)
        if ref is not None:
            refs[n] = ref
    out_events: list[Event] = []
    for event in events:
        tok = tokens.get(event.id)
        if tok is None:
            logger.debug("event %s has no trigger in its sentence; status kept", event.id)
            out_events.append(event)
            continue
        event = _fix_sides(ctx, event, tok, acts, refs, lex)
        out_events.append(_assess_event(ctx, event, tok, acts, lex))
    happened, owners = _happening_claims(ctx, acts, lex, sentence_end)
    claims: list[Claim] = []
    for n, act in enumerate(acts):
        event_id = _governed_event(act.relation, tokens)
        cue = _cue_record(ctx, act.relation)
        evidence = Evidence(sentence=doc.text, start=ctx.offset, end=sentence_end, trigger=cue)
        ref = refs.get(n)
        pointed = (ref is not None and bool(ref.events)) or n in owners
        conjoined = _conjoined_events(act.relation, tokens, event_id)
        if event_id is not None or not pointed:
            keep = _outside(ctx, [tokens[e] for e in conjoined]) if conjoined else None
            claims.extend(_claims_for(ctx, act, event_id, evidence, keep=keep))
        for other in conjoined:
            # "claimed the North had shipped X and had received Y": both are claimed
            keep = _inside_region(ctx, tokens[other])
            claims.extend(_claims_for(ctx, act, other, evidence, why=";conjunct", keep=keep))
        for earlier in ref.events if ref is not None else []:
            if earlier.id != event_id:
                claims.extend(_claims_for(ctx, act, earlier.id, evidence, why=";back-reference"))
    claims.extend(happened)
    unique: dict[str, Claim] = {}
    for claim in claims:
        unique.setdefault(claim.id, claim)
    for event in out_events:
        for att in event.attribution:
            att.via = [v for v in att.via if not _same_actor(v, att.source)]
    claims = list(unique.values())
    for claim in claims:
        if claim.claimant is not None:
            claim.via = [v for v in claim.via if not _same_actor(v, claim.claimant)]
    return out_events, claims


def _same_actor(a: Actor, b: Actor) -> bool:
    """Whether two actor records name the same thing (a source never relays itself)."""
    if a.kb_id and a.kb_id == b.kb_id:
        return True
    return a.text.strip().lower() == b.text.strip().lower()
