"""Analysing a single article without a database (``tidings analyze``)."""

from __future__ import annotations

from typing import BinaryIO

from tidings.config import Config
from tidings.errors import InputError
from tidings.pipeline import Resources, analyze_articles, extract_batch
from tidings.records import ArticleResult, RawDocument, Reject


def analyze_file(
    location: str,
    config: Config,
    *,
    published: str | None = None,
    stdin: BinaryIO | None = None,
    resources: Resources | None = None,
) -> ArticleResult:
    """Read one article (file, URL or ``-``), analyse it and return the result.

    Args:
        location: Path, URL or ``-``.
        config: Configuration (the model is taken from it).
        published: ``YYYY-MM-DD`` that overrides the article's own date.
        stdin: Stream read for ``-``.
        resources: Pre-loaded resources.

    Raises:
        InputError: When the input yields no article; the message gives the reason.
    """
    from tidings.ingest import iter_documents

    first: RawDocument | Reject | None = None
    for item in iter_documents([location], config, stdin=stdin):
        first = item
        if isinstance(item, RawDocument):
            break
    if first is None:
        raise InputError(f"{location}: no document found; give a file with an article in it")
    articles, rejects = extract_batch([first], config)
    if rejects:
        r = rejects[0]
        raise InputError(f"{r.origin}: [{r.reason}] {r.detail}")
    article = articles[0]
    if published:
        article.published = published
    res = resources or Resources.load(config)
    return analyze_articles([article], res)[0]
