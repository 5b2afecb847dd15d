"""Event status, attribution chains and claims for one parsed sentence.

Attribution of an event in the article's own voice is the empty list ``[]``: the kind
``author`` is never produced for it, so "who says so" is empty exactly when the article
itself says so.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from typing import TYPE_CHECKING

from spacy.tokens import Token

from tidings.claims.attribution import AttributionRelation, find_attributions
from tidings.claims.lexicon import CueLexicon, load_lexicon
from tidings.claims.quantities import find_quantities
from tidings.claims.sources import (
    article_offsets,
    previous_speaker,
    resolve_source,
    source_kind,
)
from tidings.claims.status import TokenFacts, decide_status, read_facts
from tidings.ids import record_id
from tidings.records import Actor, Attribution, Claim, Event, Evidence, Span

if TYPE_CHECKING:
    from tidings.pipeline import SentenceContext

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


def _refine_status(
    status: str,
    facts: TokenFacts,
    chain: list[_Act],
    attributions: list[Attribution],
    event: Event,
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


def _claims_for(
    ctx: SentenceContext, act: _Act, event_id: str | None, evidence: Evidence
) -> list[Claim]:
    rel = act.relation
    kind = CLAIM_KIND.get(rel.cue_class)
    if kind is None or rel.negated:
        return []
    quantities = []
    for span in rel.content:
        quantities.extend(find_quantities(span, ctx.offset))
    claims: list[Claim] = []
    cue_start = evidence.trigger.start if evidence.trigger else -1
    # "it was reported that ...": one claim by an unnamed claimant
    attributions: list[Attribution | None] = list(act.attributions) or [None]
    for att in attributions:
        claim_kind = kind
        if kind == "statement" and att is not None and att.kind in {"media", "anonymous"}:
            claim_kind = "report"
        who = ""
        if att is not None:
            who = att.source.kb_id or att.source.text
            if att.source.rule.startswith("claims:both"):
                who = f"{att.source.country}:{att.source.text}"
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
                rule=f"claims:{rel.rule}",
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
        status, why = _refine_status(status, facts, chain, attributions, event)
    if why:
        rule = f"{rule};{why}" if rule != "plain" else why
    logger.debug("event %s: %s (%s)", event.id, status, rule)
    return dataclasses.replace(event, status=status, attribution=attributions)


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
    out_events: list[Event] = []
    for event in events:
        tok = trigger_token(ctx, event)
        if tok is None:
            logger.debug("event %s has no trigger in its sentence; status kept", event.id)
            out_events.append(event)
            continue
        tokens[event.id] = tok
        out_events.append(_assess_event(ctx, event, tok, acts, lex))
    claims: list[Claim] = []
    for act in acts:
        event_id = _governed_event(act.relation, tokens)
        cue = _cue_record(ctx, act.relation)
        evidence = Evidence(sentence=doc.text, start=ctx.offset, end=sentence_end, trigger=cue)
        claims.extend(_claims_for(ctx, act, event_id, evidence))
    return out_events, claims
