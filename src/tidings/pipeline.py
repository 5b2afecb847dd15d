"""The pipeline: composes the stages over a batch of documents.

Only this module (and the distributed runner that calls it) knows the order of the
stages. Everything heavy lives in :class:`Resources`, built once per process or per Dask
worker and passed in; :func:`process_batch` is a pure function of its inputs.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from tidings.coding.ontology import Ontology
from tidings.config import Config
from tidings.context import SentenceContext, parse_anchor
from tidings.errors import RejectedInput
from tidings.ids import record_id
from tidings.records import (
    Actor,
    Article,
    ArticleResult,
    BatchResult,
    RawDocument,
    Reject,
)
from tidings.resolve.kb import ActorKB

__all__ = [
    "ActorFinder",
    "Resources",
    "SentenceContext",
    "analyze_articles",
    "analyze_text",
    "extract_batch",
    "parse_anchor",
    "process_batch",
    "text_article",
]

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class Resources:
    """Heavy objects a batch needs; built once per process or worker.

    Attributes:
        config: The run configuration.
        nlp: Full spaCy pipeline.
        segmenter: Light tokenizer + sentencizer pipeline.
        kb: The actor knowledge base.
        ontology: PLOVER/CAMEO tables and the trigger lexicon.
    """

    config: Config
    nlp: Language
    segmenter: Language
    kb: ActorKB
    ontology: Ontology

    @classmethod
    def load(cls, config: Config) -> Resources:
        """Load the spaCy pipelines, the actor knowledge base and the ontology."""
        from tidings.nlp import load_nlp, load_segmenter

        kb = ActorKB.load(phoenix=config.phoenix_actors)
        return cls(
            config=config,
            nlp=load_nlp(config),
            segmenter=load_segmenter(),
            kb=kb,
            ontology=Ontology.load(kb=kb, verb_switches=config.cameo_verbs),
        )


def extract_batch(
    raws: Iterable[RawDocument | Reject], config: Config
) -> tuple[list[Article], list[Reject]]:
    """Extract clean articles from raw documents; failures become rejects."""
    from tidings.extract import extract_article

    articles: list[Article] = []
    rejects: list[Reject] = []
    for raw in raws:
        if isinstance(raw, Reject):
            rejects.append(raw)
            continue
        try:
            articles.append(extract_article(raw, config))
        except RejectedInput as exc:
            rejects.append(
                Reject(
                    id=record_id("r", raw.origin, "extract", exc.reason),
                    origin=raw.origin,
                    stage="extract",
                    reason=exc.reason,
                    detail=exc.detail,
                    document_id=raw.id,
                )
            )
    return articles, rejects


#: Finds the actors of a whole article: ``(light doc, knowledge base, as_of) -> actors``.
ActorFinder = Callable[[Doc, ActorKB, "dt.date | None"], list[Actor]]


def analyze_articles(
    articles: Sequence[Article], res: Resources, *, actor_finder: ActorFinder | None = None
) -> list[ArticleResult]:
    """Find events and claims in ``articles``.

    The whole text goes through the light segmenter and the actor matcher; only sentences
    that hold an event trigger and an actor are parsed by the full model.

    Args:
        articles: Clean articles.
        res: Loaded resources.
        actor_finder: Replaces :func:`tidings.resolve.find_actors`, e.g. to code with
            another actor dictionary (the PETRARCH evaluation's toy actors).
    """
    from tidings.claims import assess
    from tidings.coding import code_sentence, is_candidate
    from tidings.nlp import sentence_spans
    from tidings.resolve import find_actors
    from tidings.temporal import date_events, find_timexes
    from tidings.temporal.timex import to_date_info

    results: list[ArticleResult] = []
    jobs: list[tuple[int, int, SentenceContext]] = []  # (article index, sentence index, ctx)
    texts: list[str] = []
    codable = [a.language in res.config.languages or a.language is None for a in articles]
    light_docs = res.segmenter.pipe(
        [a.text if ok else "" for a, ok in zip(articles, codable, strict=True)],
        batch_size=res.config.nlp_batch_size,
    )
    for i, (article, light) in enumerate(zip(articles, light_docs, strict=True)):
        results.append(ArticleResult(article=article))
        if not codable[i]:
            continue
        anchor = parse_anchor(article.published)
        actors = (actor_finder or find_actors)(light, res.kb, anchor)
        timexes = find_timexes(article.text, anchor)
        times = [info for info in map(to_date_info, timexes) if info is not None]
        for s_index, sent in enumerate(sentence_spans(light)):
            sent_actors = [
                a for a in actors if a.start >= sent.start_char and a.end <= sent.end_char
            ]
            if not is_candidate(sent, sent_actors, res.ontology) and not (
                jobs and jobs[-1][0] == i and _confirms_earlier(sent)
            ):
                continue
            ctx = SentenceContext(
                article=article,
                doc=Doc(res.nlp.vocab),  # replaced by the parse below
                offset=sent.start_char,
                actors=sent_actors,
                doc_actors=actors,
                times=[
                    t
                    for t in times
                    if t.span_start >= sent.start_char and t.span_end <= sent.end_char
                ],
                timexes=[
                    t for t in timexes if t.start >= sent.start_char and t.end <= sent.end_char
                ],
                anchor=anchor,
                index=s_index,
            )
            jobs.append((i, s_index, ctx))
            texts.append(sent.text)

    parsed = res.nlp.pipe(
        texts, batch_size=res.config.nlp_batch_size, n_process=res.config.n_process
    )
    for (i, _s, ctx), doc in zip(jobs, parsed, strict=True):
        ctx.doc = doc
        ctx.prior_events = list(results[i].events)
        ctx.prior_claims = list(results[i].claims)
        events = code_sentence(ctx, res.ontology)
        if res.config.learned_sides:
            from tidings.coding.learned import revise_sides

            events = revise_sides(ctx, events)
        events, claims = assess(ctx, events)
        events = date_events(ctx, events)
        results[i].events.extend(events)
        results[i].claims.extend(claims)
    for result in results:
        _dedupe(result)
    return results


#: Words with which a sentence that names no actor may still confirm or deny an event of an
#: earlier sentence ("The visit took place on Friday.", "Both countries have denied the
#: allegations."). Written here: a handful of forms, no library has them.
_BACK_REFERRING = frozenset(
    {
        "place", "ahead", "happened", "occurred",
        "confirmed", "confirms", "confirm", "confirming",
        "denied", "denies", "deny", "denying", "denial", "denials",
        "rejected", "rejects", "dismissed", "dismisses",
    }
)  # fmt: skip


def _confirms_earlier(sent: Span) -> bool:
    """Whether a sentence without actors may confirm or deny an earlier sentence's event."""
    return any(t.lower_ in _BACK_REFERRING for t in sent)


def _dedupe(result: ArticleResult) -> None:
    """Drop repeated ids (the same trigger coded twice) keeping the first."""
    seen: set[str] = set()
    events = []
    for event in result.events:
        if event.id not in seen:
            seen.add(event.id)
            events.append(event)
    result.events = events
    seen = set()
    claims = []
    for claim in result.claims:
        if claim.id not in seen:
            seen.add(claim.id)
            claims.append(claim)
    result.claims = claims


def process_batch(raws: Iterable[RawDocument | Reject], res: Resources) -> BatchResult:
    """Run every stage on one batch: the unit of work in-process and on Dask workers.

    Never raises for a bad document: it becomes a :class:`Reject` and the batch goes on.
    """
    articles, rejects = extract_batch(raws, res.config)
    try:
        results = analyze_articles(articles, res)
    except Exception:  # one faulty article must not sink its batch
        logger.warning("analysis failed on a batch; retrying its articles one by one")
        results = []
        for article in articles:
            try:
                results.extend(analyze_articles([article], res))
            except Exception as exc:  # kept as a reject, with its reason
                logger.exception("analysis failed on %s", article.origin)
                rejects.append(
                    Reject(
                        id=record_id("r", article.origin, "nlp", "analysis-error"),
                        origin=article.origin,
                        stage="nlp",
                        reason="analysis-error",
                        detail=(
                            f"analysis failed ({type(exc).__name__}: {exc}); the text is kept "
                            "out of the store: please report it with this file"
                        ),
                        document_id=article.id,
                    )
                )
    return BatchResult(results=results, rejects=rejects)


def text_article(
    text: str,
    *,
    published: str | None = None,
    title: str | None = None,
    url: str | None = None,
    origin: str = "<text>",
) -> Article:
    """An English :class:`Article` for a plain text, with no extraction.

    Example:
        >>> text_article("Seoul protested.", published="2024-06-12").language
        'en'
    """
    from tidings.ids import document_id

    return Article(
        id=document_id(text),
        url=url,
        title=title,
        author=None,
        published=published,
        source=None,
        language="en",
        text=text,
        origin=origin,
        format="text",
        extractor="none",
    )


def analyze_text(
    text: str,
    res: Resources,
    *,
    published: str | None = None,
    title: str | None = None,
    url: str | None = None,
) -> ArticleResult:
    """Analyse one plain text (no extraction, no store): handy for tests and evaluation.

    Example:
        >>> res = Resources.load(Config())  # doctest: +SKIP
        >>> analyze_text("Russia and China signed a treaty.", res).events[0].type  # doctest: +SKIP
        'AGREE'
    """
    article = text_article(text, published=published, title=title, url=url)
    return analyze_articles([article], res)[0]
