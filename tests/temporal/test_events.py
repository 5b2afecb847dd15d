"""Dating events from the parse: attached expression, clause, publication day."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy
from spacy.tokens import Doc

from tidings.pipeline import SentenceContext
from tidings.records import Article, Event, Evidence, Span
from tidings.temporal import date_events, find_times
from tidings.temporal.events import OPEN_END, direction_of

ANCHOR = dt.date(2024, 6, 12)  # a Wednesday


@pytest.fixture(scope="module")
def vocab():  # type: ignore[no-untyped-def]
    """A blank English vocabulary: the parses below are written by hand."""
    return spacy.blank("en").vocab


def parsed(vocab, rows: str) -> Doc:  # type: ignore[no-untyped-def]
    """A Doc from lines ``word head dep pos tag`` (head = index of the head token)."""
    cols = [line.split() for line in rows.strip().splitlines()]
    words = [c[0] for c in cols]
    spaces = [i + 1 < len(words) and words[i + 1] not in ".," for i in range(len(words))]
    return Doc(
        vocab,
        words=words,
        spaces=spaces,
        heads=[int(c[1]) for c in cols],
        deps=[c[2] for c in cols],
        pos=[c[3] for c in cols],
        tags=[c[4] for c in cols],
    )


def context(doc: Doc, *, prefix: str = "", anchor: dt.date | None = ANCHOR) -> SentenceContext:
    text = prefix + doc.text
    article = Article(
        id="a1",
        url=None,
        title=None,
        author=None,
        published=anchor.isoformat() if anchor else None,
        source=None,
        language="en",
        text=text,
    )
    times = [t for t in find_times(text, anchor) if t.span_start >= len(prefix)]
    return SentenceContext(article=article, doc=doc, offset=len(prefix), times=times, anchor=anchor)


def event(ctx: SentenceContext, trigger: str, status: str = "asserted") -> Event:
    start = ctx.article.text.index(trigger, ctx.offset)
    return Event(
        id=f"e-{trigger}",
        article_id="a1",
        type="CONSULT",
        mode="",
        cameo=None,
        quad_class=None,
        goldstein=None,
        source=[],
        target=[],
        status=status,
        evidence=Evidence(
            sentence=ctx.doc.text,
            start=ctx.offset,
            end=ctx.offset + len(ctx.doc.text),
            trigger=Span(text=trigger, start=start, end=start + len(trigger)),
        ),
    )


MET_WEDNESDAY = """
The 1 det DET DT
ministers 2 nsubj NOUN NNS
met 2 ROOT VERB VBD
on 2 prep ADP IN
Wednesday 3 pobj PROPN NNP
. 2 punct PUNCT .
"""

MEET_FRIDAY = """
The 1 det DET DT
ministers 2 nsubj NOUN NNS
meet 2 ROOT VERB VBP
on 2 prep ADP IN
Friday 3 pobj PROPN NNP
. 2 punct PUNCT .
"""

SAID_TUESDAY = """
Officials 1 nsubj NOUN NNS
said 1 ROOT VERB VBD
on 1 prep ADP IN
Tuesday 2 pobj PROPN NNP
that 6 mark SCONJ IN
troops 6 nsubj NOUN NNS
shelled 1 ccomp VERB VBD
the 8 det DET DT
town 6 dobj NOUN NN
. 1 punct PUNCT .
"""

MET_AND_SIGNED = """
The 1 det DET DT
envoys 2 nsubj NOUN NNS
met 2 ROOT VERB VBD
on 2 prep ADP IN
Monday 3 pobj PROPN NNP
and 2 cc CCONJ CC
signed 2 conj VERB VBD
the 8 det DET DT
deal 6 dobj NOUN NN
on 6 prep ADP IN
Friday 9 pobj PROPN NNP
. 2 punct PUNCT .
"""

VOTE_IN_MARCH = """
The 1 det DET DT
vote 2 nsubj NOUN NN
is 2 ROOT AUX VBZ
in 2 prep ADP IN
March 3 pobj PROPN NNP
. 2 punct PUNCT .
"""

POLICE_ARRESTED = """
Police 1 nsubj NOUN NNS
arrested 1 ROOT VERB VBD
protesters 1 dobj NOUN NNS
. 1 punct PUNCT .
"""


def test_date_events_uses_expression_attached_to_trigger(vocab) -> None:  # type: ignore[no-untyped-def]
    ctx = context(parsed(vocab, MET_WEDNESDAY))
    [ev] = date_events(ctx, [event(ctx, "met")])
    assert ev.date is not None
    assert (ev.date.start, ev.date.end, ev.date.precision) == ("2024-06-12", "2024-06-12", "day")
    assert ev.date.text == "Wednesday"
    assert ev.date.rule.endswith("@parse")


def test_date_events_planned_status_resolves_weekday_forward(vocab) -> None:  # type: ignore[no-untyped-def]
    ctx = context(parsed(vocab, MEET_FRIDAY))
    [ev] = date_events(ctx, [event(ctx, "meet", status="planned")])
    assert ev.date is not None and ev.date.start == "2024-06-14"
    assert ":future" in ev.date.rule


def test_date_events_past_reading_of_same_weekday(vocab) -> None:  # type: ignore[no-untyped-def]
    ctx = context(parsed(vocab, MEET_FRIDAY))
    [ev] = date_events(ctx, [event(ctx, "meet", status="asserted")])
    assert ev.date is not None and ev.date.start == "2024-06-07"


def test_date_events_planned_month_goes_to_next_year(vocab) -> None:  # type: ignore[no-untyped-def]
    ctx = context(parsed(vocab, VOTE_IN_MARCH))
    [ev] = date_events(ctx, [event(ctx, "vote", status="planned")])
    assert ev.date is not None
    assert (ev.date.start, ev.date.end, ev.date.precision) == ("2025-03-01", "2025-03-31", "month")


def test_date_events_ignores_time_of_reporting_clause(vocab) -> None:  # type: ignore[no-untyped-def]
    ctx = context(parsed(vocab, SAID_TUESDAY))
    shelled, said = date_events(ctx, [event(ctx, "shelled"), event(ctx, "said")])
    assert shelled.date is not None and shelled.date.rule == "publication-date"
    assert shelled.date.text == "" and shelled.date.start == "2024-06-12"
    assert said.date is not None and said.date.start == "2024-06-11"


def test_date_events_each_conjunct_gets_its_own_day(vocab) -> None:  # type: ignore[no-untyped-def]
    ctx = context(parsed(vocab, MET_AND_SIGNED))
    met, deal = date_events(ctx, [event(ctx, "met"), event(ctx, "deal")])
    assert met.date is not None and met.date.start == "2024-06-10"
    assert deal.date is not None and deal.date.start == "2024-06-07"


def test_date_events_offsets_are_article_offsets(vocab) -> None:  # type: ignore[no-untyped-def]
    ctx = context(parsed(vocab, MET_AND_SIGNED), prefix="Markets were calm. ")
    [deal] = date_events(ctx, [event(ctx, "deal")])
    assert deal.date is not None
    assert ctx.article.text[deal.date.span_start : deal.date.span_end] == "Friday"


def test_date_events_falls_back_to_publication_day(vocab) -> None:  # type: ignore[no-untyped-def]
    ctx = context(parsed(vocab, POLICE_ARRESTED))
    [ev] = date_events(ctx, [event(ctx, "arrested")])
    assert ev.date is not None
    assert (ev.date.start, ev.date.end, ev.date.precision, ev.date.text) == (
        "2024-06-12",
        "2024-06-12",
        "day",
        "",
    )
    assert ev.date.rule == "publication-date" and ev.date.anchor == "2024-06-12"


def test_date_events_planned_without_expression_is_open_interval(vocab) -> None:  # type: ignore[no-untyped-def]
    ctx = context(parsed(vocab, POLICE_ARRESTED))
    [ev] = date_events(ctx, [event(ctx, "arrested", status="planned")])
    assert ev.date is not None
    assert (ev.date.start, ev.date.end, ev.date.precision) == ("2024-06-12", OPEN_END, "unknown")


def test_date_events_without_anchor_leaves_relative_events_undated(vocab) -> None:  # type: ignore[no-untyped-def]
    ctx = context(parsed(vocab, MET_WEDNESDAY), anchor=None)
    [ev] = date_events(ctx, [event(ctx, "met")])
    assert ev.date is None


def test_direction_of_reads_future_auxiliary(vocab) -> None:  # type: ignore[no-untyped-def]
    doc = parsed(
        vocab,
        """
        Talks 2 nsubj NOUN NNS
        will 2 aux AUX MD
        resume 2 ROOT VERB VB
        . 2 punct PUNCT .
        """,
    )
    assert direction_of(doc[2], "asserted") == "future"
    assert direction_of(doc[2], "planned") == "future"
    assert direction_of(None, "asserted") is None


def test_date_events_with_model_parse(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("The two leaders will sign the accord in March.")
    ctx = context(doc)
    [ev] = date_events(ctx, [event(ctx, "sign", status="planned")])
    assert ev.date is not None and ev.date.start == "2025-03-01"
