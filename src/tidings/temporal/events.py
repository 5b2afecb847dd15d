"""Dating events: which time expression an event happened at, resolved with its tense.

For each event, :func:`date_events` looks for a time expression in this order:

1. one attached to the event's trigger in the dependency parse: the expression's head is
   governed by the trigger, or by the noun or verb the trigger heads ("signed the deal on
   Friday", "the talks on Friday");
2. else the nearest expression in the trigger's clause;
3. else the publication day (precision ``day``, empty ``text``, rule ``publication-date``)
   for events that took place or are reported as past.

A planned event (status ``planned``, or a future tense) without an expression does not get
the publication day, which would be a wrong day: it gets the open interval from the
publication day on, ``start`` = publication day and ``end`` = :data:`OPEN_END`, with
precision ``unknown`` and rule ``publication-date:planned``.

Names without a direction ("on Wednesday", "in March", "in late May") are resolved again
with the direction of the event: ``future`` for planned events or a future tense ("will",
"going to"), ``past`` for a past tense; otherwise the guess made from the words of the
sentence stands. When there is no anchor, only absolute dates ("12 June 2024") date events.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging

from spacy.tokens import Doc, Token

from tidings.context import SentenceContext
from tidings.records import DateInfo, Event
from tidings.temporal.timex import Timex, find_timexes, resolve, to_date_info

logger = logging.getLogger(__name__)

#: End of the open interval given to planned events without a time expression.
OPEN_END = "9999-12-31"

#: Dependencies that open a clause of their own.
_CLAUSE_DEPS = frozenset(
    {"ROOT", "ccomp", "xcomp", "advcl", "relcl", "conj", "csubj", "parataxis", "acl", "pcomp"}
)
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_FUTURE_STATUSES = frozenset({"planned"})
_PAST_TAGS = frozenset({"VBD", "VBN"})


def _tokens_in(doc: Doc, start: int, end: int) -> list[Token]:
    """Tokens of ``doc`` overlapping the character span ``start:end`` (sentence offsets)."""
    return [t for t in doc if t.idx < end and t.idx + len(t.text) > start]


def _head_of(tokens: list[Token]) -> Token | None:
    """The token of ``tokens`` whose head lies outside them (the syntactic head)."""
    if not tokens:
        return None
    ids = {t.i for t in tokens}
    for tok in tokens:
        if tok.head.i not in ids or tok.head.i == tok.i:
            return tok
    return tokens[-1]


def _clause_head(tok: Token) -> Token:
    """The verb (or root) heading the clause ``tok`` belongs to."""
    cur = tok
    for _ in range(50):
        if (cur.dep_ in _CLAUSE_DEPS and cur.pos_ in ("VERB", "AUX")) or cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


def _governor(tok: Token) -> Token:
    """The nearest verb (or root) above a time expression's head, through prepositions."""
    cur = tok.head
    for _ in range(50):
        content = cur.pos_ in ("VERB", "AUX", "NOUN", "PROPN") and cur.dep_ != "pobj"
        if content or cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


def _attached(time_head: Token, trigger: Token) -> bool:
    """Whether the time expression hangs from the trigger (or the phrase the trigger heads)."""
    gov = _governor(time_head)
    if gov.i == trigger.i:
        return True
    # "signed the deal on Friday" with the trigger "deal"; "the talks, held on Friday".
    if trigger.head.i == gov.i and trigger.dep_ in ("dobj", "nsubjpass", "nsubj", "attr"):
        return True
    return gov.head.i == trigger.i and gov.dep_ in ("acl", "relcl", "xcomp")


def direction_of(trigger: Token | None, status: str) -> str | None:
    """``future``, ``past`` or ``None`` for an event, from its status and tense.

    Example:
        >>> direction_of(None, "planned")
        'future'
    """
    if status in _FUTURE_STATUSES:
        return "future"
    if trigger is None:
        return None
    verb = trigger
    for _ in range(5):  # a noun trigger takes the tense of its verb ("held talks")
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    chain = [verb]
    if verb.dep_ == "xcomp":  # "plans to visit": the tense of "plans"
        chain.append(verb.head)
    for v in chain:
        for child in v.children:
            if child.dep_ in ("aux", "auxpass") and child.lower_ in _FUTURE_AUX:
                return "future"
            if child.lower_ == "going" and any(c.lower_ == "to" for c in v.children):
                return "future"
    if verb.tag_ in _PAST_TAGS or "Past" in verb.morph.get("Tense", []):
        return "past"
    if any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children):
        return "past"
    return None


def _sentence_timexes(ctx: SentenceContext) -> list[tuple[Timex | None, DateInfo]]:
    """The sentence's time expressions, as (Timex when found, DateInfo), article offsets.

    The pipeline finds the article's expressions once and hands the sentence's share in
    ``ctx.timexes``; a context built by hand without them is searched here.
    """
    if ctx.timexes is not None:
        by_span = {(t.start, t.end): t for t in ctx.timexes}
        return [(by_span.get((i.span_start, i.span_end)), i) for i in ctx.times]
    timexes = find_timexes(ctx.doc.text, ctx.anchor)
    by_span = {(t.start + ctx.offset, t.end + ctx.offset): t for t in timexes}
    pairs: list[tuple[Timex | None, DateInfo]] = []
    if ctx.times:
        for info in ctx.times:
            pairs.append((by_span.get((info.span_start, info.span_end)), info))
        return pairs
    for t in timexes:
        found = to_date_info(t, ctx.offset)
        if found is not None:
            pairs.append((t, found))
    return pairs


def _choose(
    ctx: SentenceContext,
    trigger: Token | None,
    trig_span: tuple[int, int] | None,
    times: list[tuple[Timex | None, DateInfo]],
) -> tuple[Timex | None, DateInfo, str] | None:
    """The time expression of an event and how it was chosen (``parse`` or ``clause``)."""
    if not times:
        return None
    best: tuple[float, int] | None = None
    for index, (_timex, info) in enumerate(times):
        toks = _tokens_in(ctx.doc, info.span_start - ctx.offset, info.span_end - ctx.offset)
        head = _head_of(toks)
        if head is None:
            continue
        if trigger is not None and _attached(head, trigger):
            score = 0.0
        elif trigger is not None and _clause_head(head).i == _clause_head(trigger).i:
            score = 1.0
        else:
            continue
        if trig_span is not None:
            distance = min(abs(info.span_start - trig_span[1]), abs(trig_span[0] - info.span_end))
            score += distance / 10_000
        if best is None or score < best[0]:
            best = (score, index)
    if best is None:
        return None
    timex, info = times[best[1]]
    return timex, info, "parse" if best[0] < 1 else "clause"


def _publication(anchor: dt.date, planned: bool) -> DateInfo:
    if planned:
        return DateInfo(
            start=anchor.isoformat(),
            end=OPEN_END,
            precision="unknown",
            anchor=anchor.isoformat(),
            rule="publication-date:planned",
        )
    return DateInfo(
        start=anchor.isoformat(),
        end=anchor.isoformat(),
        precision="day",
        anchor=anchor.isoformat(),
        rule="publication-date",
    )


def date_events(ctx: SentenceContext, events: list[Event]) -> list[Event]:
    """Set ``event.date`` for every event of one sentence.

    Args:
        ctx: The sentence: parse (``ctx.doc``), article offset, time expressions
            (``ctx.times``, article offsets) and publication date (``ctx.anchor``).
        events: Events of the sentence, with ``status`` already set.

    Returns:
        The same events, dated (``date`` stays ``None`` when nothing dates them).

    Example:
        >>> events = date_events(ctx, events)  # doctest: +SKIP
        >>> events[0].date.start, events[0].date.rule  # doctest: +SKIP
        ('2024-06-10', 'weekday')
    """
    times = _sentence_timexes(ctx)
    for event in events:
        trigger: Token | None = None
        trig_span: tuple[int, int] | None = None
        if event.evidence.trigger is not None:
            span = event.evidence.trigger
            trig_span = (span.start, span.end)
            trigger = _head_of(_tokens_in(ctx.doc, span.start - ctx.offset, span.end - ctx.offset))
        direction = direction_of(trigger, event.status)
        choice = _choose(ctx, trigger, trig_span, times)
        if choice is not None:
            timex, info, how = choice
            redo = timex is not None and timex.directional and direction is not None
            if redo and timex is not None and direction != timex.direction:
                redone = to_date_info(resolve(timex, direction), ctx.offset)
                if redone is not None:
                    info = dataclasses.replace(redone, rule=f"{redone.rule}:{direction}")
            event.date = dataclasses.replace(info, rule=f"{info.rule}@{how}")
            continue
        if event.date is not None:
            continue  # dated earlier, e.g. "the planned trip" takes the date of the trip it names
        if ctx.anchor is None:
            event.date = None
            continue
        event.date = _publication(ctx.anchor, planned=direction == "future")
    return events
