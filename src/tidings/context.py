"""What every understanding stage sees of one sentence.

:class:`SentenceContext` is built by :mod:`tidings.pipeline` and read by the coder
(:mod:`tidings.coding`), the claims stage (:mod:`tidings.claims`) and the dating of events
(:mod:`tidings.temporal`). It lives here, below all of them, so that no stage imports the
pipeline that calls it. This module imports only :mod:`tidings.records` and spaCy at run time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from tidings.records import Actor, Article, Claim, DateInfo, Event

if TYPE_CHECKING:  # annotation only: the temporal stage reads SentenceContext too
    from tidings.temporal.timex import Timex


@dataclass(slots=True)
class SentenceContext:
    """What the understanding stages see of one sentence.

    Attributes:
        article: The article the sentence belongs to.
        doc: The sentence parsed by the full spaCy pipeline.
        offset: Character offset of ``doc.text`` in ``article.text``.
        actors: Actor mentions inside the sentence (article offsets).
        doc_actors: Every actor mention of the article, in text order.
        times: Time expressions inside the sentence.
        timexes: The same expressions with their TimeML detail (``tidings.temporal.Timex``,
            article offsets), or ``None`` when the context was built without them.
        anchor: Publication date the times are resolved against, if known.
        index: Position of the sentence in the article (0-based).
        prior_events: Events already found in earlier sentences of the article, in order
            (lets a claim such as "both deny the allegations" point back at them).
        prior_claims: Claims already found in earlier sentences of the article.

    Example:
        >>> import spacy
        >>> from tidings.pipeline import text_article
        >>> nlp = spacy.blank("en")
        >>> ctx = SentenceContext(text_article("Seoul protested."), nlp("Seoul protested."), 0)
        >>> ctx.offset, ctx.actors
        (0, [])
    """

    article: Article
    doc: Doc
    offset: int
    actors: list[Actor] = field(default_factory=list)
    doc_actors: list[Actor] = field(default_factory=list)
    times: list[DateInfo] = field(default_factory=list)
    timexes: list[Timex] | None = None
    anchor: dt.date | None = None
    index: int = 0
    prior_events: list[Event] = field(default_factory=list)
    prior_claims: list[Claim] = field(default_factory=list)


def parse_anchor(published: str | None) -> dt.date | None:
    """The publication date as a ``date``, or ``None`` when absent or unreadable: the anchor
    the times of an article are resolved against.

    Example:
        >>> parse_anchor("2024-06-12T08:00:00+09:00")
        datetime.date(2024, 6, 12)
    """
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None
