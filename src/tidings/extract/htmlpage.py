"""Main-text and metadata extraction from HTML (trafilatura, htmldate, a small fallback)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from tidings.extract.deep import (
    BLOCK_TAGS,
    DROP_TAGS,
    HUGE_DEPTH,
    LXML_DEPTH,
    huge_tree,
    markup_depth,
    stdlib_text,
)
from tidings.extract.plaintext import ChromeLexicon, clean_inline, parse_scraped_text

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class HtmlText:
    """Text and metadata found in an HTML page.

    Attributes:
        title, author, published, source, url: Page metadata (``published`` as ISO or raw).
        paragraphs: Clean body paragraphs.
        summary: Key-takeaway items found at the end of the text.
        extractor: ``trafilatura``, ``trafilatura-recall`` (the precise pass found nothing)
            or ``html-fallback``.
    """

    title: str | None = None
    author: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    extractor: str = "trafilatura"


def _fallback_text(content: str, depth: int) -> tuple[str, str | None]:
    """Block-aware text of an HTML fragment or a page trafilatura gave up on."""
    import lxml.html
    from lxml import etree

    if depth > HUGE_DEPTH:
        return stdlib_text(content)
    try:
        tree = huge_tree(content) if depth > LXML_DEPTH else lxml.html.fromstring(content)
    except (etree.LxmlError, ValueError):
        return "", None
    if tree is None:
        return "", None
    title_el = tree.find(".//title")
    title = clean_inline(title_el.text_content()) if title_el is not None else None
    for bad in list(tree.iter(*DROP_TAGS, "title", etree.Comment)):
        parent = bad.getparent()
        if parent is not None:
            bad.drop_tree()
    for el in tree.iter(*BLOCK_TAGS):
        el.tail = "\n\n" + (el.tail or "")
        el.text = "\n\n" + (el.text or "")
    for br in tree.iter("br"):
        br.tail = "\n" + (br.tail or "")
    return tree.text_content(), title or None


def extract_html(content: str, url: str | None, lexicon: ChromeLexicon) -> HtmlText:
    """Extract the article of an HTML page, favouring precision.

    Trafilatura finds the main text and metadata (favouring precision, then, when that finds
    nothing, recall; a block-level conversion last); htmldate dates pages without a date in
    their metadata; the text then goes through the scraped-text cleaner, which removes
    bylines, date stamps and chrome named in its vocabulary but no line trafilatura kept as
    body, and splits off a key-takeaways list.
    """
    out = HtmlText(url=url)
    depth = markup_depth(content)
    page: Any = content
    if depth > LXML_DEPTH:
        # Past libxml2's default depth limit: parse without it (trafilatura takes a tree).
        logger.debug("markup nests %d levels deep; parsing with huge_tree", depth)
        page = huge_tree(content) if depth <= HUGE_DEPTH else None
    text = ""
    # the first extractor favours precision; when it finds nothing, the same library again
    # favouring recall (a second algorithm: wider candidate blocks, baseline fallbacks)
    for mode in ("precision", "recall"):
        doc = None if page is None else _trafilatura(page, url, mode)
        if doc is None:
            continue
        if out.title is None:
            out.title = doc.title or None
            out.author = doc.author or None
            out.published = doc.date or None
            out.source = doc.sitename or doc.hostname or None
            out.url = url or doc.url or None
        text = doc.text or ""
        if text.strip():
            out.extractor = "trafilatura" if mode == "precision" else "trafilatura-recall"
            break
    extracted = bool(text.strip())
    if not extracted:
        text, title = _fallback_text(content, depth)
        out.title = out.title or title
        out.extractor = "html-fallback"
    else:
        # trafilatura puts one block per line: make every line its own paragraph.
        text = "\n\n".join(line for line in text.split("\n") if line.strip())
    if out.published is None and text.strip() and depth <= LXML_DEPTH:
        out.published = _htmldate(content, url)
    # the extractor already chose the body: the cleaner removes metadata and named chrome
    # only, never lines trafilatura kept for their shape
    parsed = parse_scraped_text(text, lexicon, known_title=out.title, extracted=extracted)
    out.paragraphs = parsed.paragraphs
    out.summary = parsed.summary
    out.title = out.title or parsed.title
    out.author = out.author or parsed.author
    out.published = out.published or parsed.published
    if out.source is None:
        out.source = parsed.source or _hostname(out.url)
    return out


def _trafilatura(page: Any, url: str | None, mode: str) -> Any:
    """trafilatura's document for ``page`` (``mode`` ``precision`` or ``recall``), or ``None``."""
    import trafilatura
    from lxml.etree import LxmlError

    try:
        doc = trafilatura.bare_extraction(
            page,
            url=url,
            with_metadata=True,
            favor_precision=mode == "precision",
            favor_recall=mode == "recall",
            include_comments=False,
            include_tables=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (LxmlError, ValueError, TypeError, AttributeError) as exc:
        # Pathological markup: the caller falls back to the block-level conversion.
        logger.debug("trafilatura (%s) failed (%s)", mode, exc)
        return None
    return None if doc is None or isinstance(doc, dict) else doc


def _htmldate(content: str, url: str | None) -> str | None:
    from htmldate import find_date

    try:
        found = find_date(content, url=url, extensive_search=True, original_date=True)
    except (ValueError, TypeError) as exc:
        logger.debug("htmldate failed: %s", exc)
        return None
    return str(found) if found else None


def _hostname(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname
    if not host:
        return None
    return host.removeprefix("www.")
