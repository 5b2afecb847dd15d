"""Typed records passed between pipeline stages.

The data flows ``RawDocument -> Article -> (spaCy Doc) -> Mention -> Event/Claim``.
Every record is a plain slotted dataclass: cheap to build, picklable (so a batch can
travel to a Dask worker) and convertible to JSON-ready dictionaries with :func:`to_dict`.

Offsets (``start``/``end``) always refer to characters of :attr:`Article.text`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

#: Event status values, from most to least certain that the event took place.
STATUSES: tuple[str, ...] = (
    "confirmed",
    "asserted",
    "reported",
    "alleged",
    "denied",
    "planned",
    "speculative",
    "hypothetical",
    "negated",
)
Status = Literal[
    "confirmed",
    "asserted",
    "reported",
    "alleged",
    "denied",
    "planned",
    "speculative",
    "hypothetical",
    "negated",
]

#: Claim kinds: what a claimant does with respect to an event.
CLAIM_KINDS: tuple[str, ...] = (
    "statement",
    "report",
    "allegation",
    "denial",
    "confirmation",
    "unconfirmed",
)

#: Kinds of attribution source.
SOURCE_KINDS: tuple[str, ...] = (
    "official",
    "media",
    "anonymous",
    "document",
    "expert",
    "organization",
    "person",
    "author",
)


@dataclass(slots=True)
class RawDocument:
    """One input document before text extraction.

    Attributes:
        id: Stable content-based id (see :func:`tidings.ids.document_id`).
        origin: Where it came from: a path, URL or ``<stdin>``, with a record locator
            such as ``feed.xml#3`` or ``dump.jsonl:12`` when one file holds many.
        format: ``html``, ``text``, ``json`` (already split into fields), ``warc`` or ``feed``.
        content: Raw HTML or text (decoded to ``str``).
        url: Canonical URL when known.
        title, author, published, source: Metadata supplied by the container (JSON fields,
            feed entry, WARC headers); extraction may fill or override them.
        fetched_at: ISO timestamp when fetched from the web, else ``None``.
    """

    id: str
    origin: str
    format: str
    content: str
    url: str | None = None
    title: str | None = None
    author: str | None = None
    published: str | None = None
    source: str | None = None
    fetched_at: str | None = None


@dataclass(slots=True)
class Reject:
    """An input that could not be processed, with a one-line reason.

    Attributes:
        id: Stable id (hash of origin, stage and reason).
        origin: Where the input came from.
        stage: ``ingest``, ``extract``, ``nlp`` or ``store``.
        reason: Short machine-friendly code, e.g. ``empty``, ``binary``, ``too-large``.
        detail: One human line saying what happened and how to fix it.
        document_id: Id of the raw document when one was built.
    """

    id: str
    origin: str
    stage: str
    reason: str
    detail: str
    document_id: str | None = None


@dataclass(slots=True)
class Article:
    """Clean text and metadata of one document.

    Attributes:
        id: Same as the id of the :class:`RawDocument` it came from.
        text: The clean body; paragraphs separated by a blank line (``"\\n\\n"``).
        summary: Trailing summary/key-takeaways list, kept apart from the body.
        published: Publication date ``YYYY-MM-DD`` (or full ISO timestamp) when known.
        language: ISO 639-1 code; articles not in English are stored but not coded.
        extractor: Which extractor produced the text (``trafilatura``, ``plaintext``...).
    """

    id: str
    url: str | None
    title: str | None
    author: str | None
    published: str | None
    source: str | None
    language: str | None
    text: str
    summary: list[str] = field(default_factory=list)
    origin: str = ""
    format: str = ""
    extractor: str = ""


@dataclass(slots=True)
class Span:
    """A stretch of the article text."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Actor:
    """A resolved actor mention.

    Attributes:
        text: Surface text as written.
        name: Canonical name from the knowledge base (or built from title + nationality).
        country: ISO 3166 alpha-3 code (or a KB code for international bodies, e.g. ``IGO``).
        sector: ``government``, ``military``, ``media``, ``igo``, ``rebel``, ...
        role: Role word, e.g. ``defense minister``, ``leader``, ``spokesperson``.
        kb_id: Knowledge-base id when resolved through the KB.
        start, end: Offsets into the article text.
        rule: What produced the resolution (``kb:alias``, ``title+nationality``...).
    """

    text: str
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    kb_id: str | None = None
    start: int = -1
    end: int = -1
    rule: str = ""


@dataclass(slots=True)
class Evidence:
    """The sentence supporting a record, with offsets into the article text."""

    sentence: str
    start: int
    end: int
    trigger: Span | None = None


@dataclass(slots=True)
class DateInfo:
    """A resolved date or interval.

    Attributes:
        start, end: ISO 8601 dates (``YYYY-MM-DD``), inclusive.
        precision: ``day``, ``week``, ``month``, ``quarter``, ``season``, ``year``, ``decade``
            or ``unknown``. A planned event with no time expression runs from the
            publication day to ``9999-12-31`` (open end), precision ``unknown``.
        text: The expression it came from (``"last September"``), or ``""`` when the
            publication date was used.
        span_start, span_end: Offsets of the expression in the article text (-1 if none).
        anchor: The date the expression was resolved against.
        rule: Which rule resolved it.
    """

    start: str
    end: str
    precision: str
    text: str = ""
    span_start: int = -1
    span_end: int = -1
    anchor: str | None = None
    rule: str = ""


@dataclass(slots=True)
class Quantity:
    """A number attached to an event ("about 7,000 containers")."""

    value: float
    unit: str | None
    approximate: bool
    text: str
    start: int = -1
    end: int = -1


@dataclass(slots=True)
class Place:
    """A place named in the event's sentence."""

    name: str
    country: str | None
    text: str
    start: int = -1
    end: int = -1
    kb_id: str | None = None


@dataclass(slots=True)
class Attribution:
    """One link in the chain of who says so.

    Attributes:
        source: The speaker or source as an :class:`Actor` (``text`` may be e.g.
            "unidentified diplomatic sources").
        kind: One of :data:`SOURCE_KINDS`.
        via: Relaying outlets or speakers, nearest first ("unidentified diplomatic sources"
            via NHK).
        cue: The attribution cue ("said", "according to", "citing").
    """

    source: Actor
    kind: str
    via: list[Actor] = field(default_factory=list)
    cue: Span | None = None


@dataclass(slots=True)
class Event:
    """One coded event.

    Attributes:
        id: Stable id (article id + trigger offsets + type).
        article_id: The article it was found in.
        type: PLOVER event type (e.g. ``CONSULT``).
        mode: PLOVER mode (e.g. ``visit``) or ``""``.
        cameo: CAMEO code from the crosswalk.
        quad_class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
            4 material conflict.
        goldstein: Goldstein score of the CAMEO code.
        source, target: Actors; either list may be empty.
        status: One of :data:`STATUSES`.
        attribution: Chain of sources for the event.
        date: Resolved date, or ``None`` when the article has no date.
        places, quantities: Attached places and quantities.
        evidence: Supporting sentence and trigger.
        rule: The rule or model that produced the event.
        confidence: Score in [0, 1].
    """

    id: str
    article_id: str
    type: str
    mode: str
    cameo: str | None
    quad_class: int | None
    goldstein: float | None
    source: list[Actor]
    target: list[Actor]
    status: str
    evidence: Evidence
    attribution: list[Attribution] = field(default_factory=list)
    date: DateInfo | None = None
    places: list[Place] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    rule: str = ""
    confidence: float = 1.0


@dataclass(slots=True)
class Claim:
    """A statement, report, allegation, denial or confirmation about an event.

    Attributes:
        id: Stable id.
        article_id: The article it was found in.
        kind: One of :data:`CLAIM_KINDS`.
        claimant: Who makes the claim, or ``None`` when unnamed.
        event_id: The event the claim is about.
        evidence: Supporting sentence, with the cue as trigger.
        via: Relaying outlets ("unidentified diplomatic sources" via NHK).
        quantities: Figures the claim states.
        rule: The rule or model that produced it.
    """

    id: str
    article_id: str
    kind: str
    claimant: Actor | None
    event_id: str | None
    evidence: Evidence
    via: list[Actor] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    rule: str = ""


@dataclass(slots=True)
class ArticleResult:
    """Everything the pipeline found in one article."""

    article: Article
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


@dataclass(slots=True)
class BatchResult:
    """Output of one batch: results plus rejects, ready for the store."""

    results: list[ArticleResult] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)


def to_dict(record: Any) -> Any:
    """Convert a record (or list of records) to JSON-ready builtins.

    Example:
        >>> to_dict(Span(text="said", start=3, end=7))
        {'text': 'said', 'start': 3, 'end': 7}
    """
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_dict(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, list | tuple):
        return [to_dict(r) for r in record]
    if isinstance(record, dict):
        return {k: to_dict(v) for k, v in record.items()}
    return record
