"""Extract: clean article text and metadata from a raw document.

:func:`extract_article` turns a :class:`~tidings.records.RawDocument` into an
:class:`~tidings.records.Article`: HTML goes through trafilatura (plus htmldate and the
scraped-text cleaner), plain text through the scraped-text cleaner alone. Metadata from the
container (JSON fields, feed entry, WARC headers) wins over what is found in the page; the
page fills the gaps.
"""

from __future__ import annotations

import logging
import re

from tidings.config import Config
from tidings.errors import RejectedInput
from tidings.extract.dates import normalise_date
from tidings.extract.htmlpage import extract_html
from tidings.extract.language import detect_language, load_language_identifier
from tidings.extract.plaintext import (
    ChromeLexicon,
    ScrapedText,
    default_lexicon,
    load_chrome_lexicon,
    parse_scraped_text,
)
from tidings.ingest.sniff import looks_like_html
from tidings.records import Article, RawDocument

logger = logging.getLogger(__name__)

__all__ = [
    "ChromeLexicon",
    "ScrapedText",
    "detect_language",
    "extract_article",
    "load_chrome_lexicon",
    "load_language_identifier",
    "normalise_date",
    "parse_scraped_text",
]


def _first(*values: str | None) -> str | None:
    for value in values:
        if value and value.strip():
            return " ".join(value.split())
    return None


#: Control characters that are never text (tab, newline and carriage return are kept).
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _is_html(raw: RawDocument) -> bool:
    if raw.format == "html":
        return True
    if raw.format == "text":
        return False
    return looks_like_html(raw.content)


def extract_article(raw: RawDocument, config: Config) -> Article:
    """Extract the clean text and metadata of one document.

    Args:
        raw: The raw document from ingest.
        config: Run configuration (reserved for extraction options).

    Returns:
        The article; ``text`` holds paragraphs separated by ``"\\n\\n"``, ``summary`` a
        trailing key-takeaways list, ``published`` an ISO 8601 date or timestamp and
        ``language`` an ISO 639-1 code.

    Raises:
        RejectedInput: ``no-text`` when no article text is left after cleaning.

    Example:
        >>> raw = RawDocument(id="a1", origin="x.txt", format="text",
        ...     content="Talks Resume\\nShare\\nDelegates met in Geneva on Monday for the "
        ...             "first time in months, officials said.")
        >>> art = extract_article(raw, Config())
        >>> (art.title, art.language)
        ('Talks Resume', 'en')
        >>> art.text
        'Delegates met in Geneva on Monday for the first time in months, officials said.'
    """
    del config  # no extraction options yet; kept for a stable signature
    lexicon = default_lexicon()
    content = _CONTROLS.sub("", raw.content)
    if _is_html(raw):
        page = extract_html(content, raw.url, lexicon)
        paragraphs, summary, extractor = page.paragraphs, page.summary, page.extractor
        title, author, published, source, url = (
            page.title,
            page.author,
            page.published,
            page.source,
            page.url,
        )
        dateline_source = None
    else:
        scraped = parse_scraped_text(content, lexicon, known_title=raw.title)
        paragraphs, summary, extractor = scraped.paragraphs, scraped.summary, "plaintext"
        title, author, published, source, url = (
            scraped.title,
            scraped.author,
            scraped.published,
            None,
            None,
        )
        dateline_source = scraped.source
    text = "\n\n".join(p for p in paragraphs if p)
    if not text.strip():
        raise RejectedInput(
            "no-text",
            "no article text is left after removing markup and page chrome; "
            "check that the input holds an article body",
        )
    return Article(
        id=raw.id,
        url=_first(raw.url, url),
        title=_first(raw.title, title),
        author=_first(raw.author, author),
        published=normalise_date(raw.published) or normalise_date(published),
        source=_first(raw.source, source, dateline_source),
        language=detect_language(text),
        text=text,
        summary=summary,
        origin=raw.origin,
        format=raw.format,
        extractor=extractor,
    )
