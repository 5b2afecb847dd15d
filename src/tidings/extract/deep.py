"""Deeply nested HTML: measuring the nesting, parsing past lxml's depth limit, and a
depth-free text fallback.

libxml2 (under lxml and trafilatura) stops building the tree at 256 levels of nesting and
silently drops what lies deeper, so a page wrapped in 300 ``<div>`` levels came out empty.
Pages deeper than that are parsed with ``huge_tree`` (about 2,000 levels); deeper still,
:func:`stdlib_text` reads the text with Python's own HTML tokenizer, which keeps no tree.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

#: Nesting at which libxml2's default parser starts dropping content (it stops at 256).
LXML_DEPTH = 250
#: Nesting past which even ``huge_tree`` parsing loses content (libxml2 stops at 2048).
HUGE_DEPTH = 2000

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)\b[^>]*?(/?)>")
#: Elements that never nest content (void) or close themselves implicitly: not counted.
_FLAT = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "p",
        "li",
        "dt",
        "dd",
        "option",
        "optgroup",
        "tr",
        "td",
        "th",
        "thead",
        "tbody",
        "tfoot",
        "colgroup",
        "rb",
        "rt",
        "rp",
    ]
)
#: Elements that end a line of text (shared with :mod:`tidings.extract.htmlpage`).
BLOCK_TAGS: tuple[str, ...] = (
    "p",
    "div",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "section",
    "article",
    "tr",
    "dd",
    "dt",
    "pre",
    "figcaption",
)
#: Elements whose content is never article text.
DROP_TAGS: tuple[str, ...] = (
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "svg",
)
_BLOCKS = frozenset((*BLOCK_TAGS, "br", "table", "ul", "ol", "main"))
_SKIP = frozenset((*DROP_TAGS, "template"))


def markup_depth(content: str, *, stop: int = HUGE_DEPTH + 1) -> int:
    """How deeply the elements of ``content`` nest (an estimate from the tags, in one pass).

    Void and self-closing-by-rule elements (``p``, ``li``, ``td``…) are not counted, so
    ordinary pages stay far below :data:`LXML_DEPTH`; the scan stops at ``stop``.

    Example:
        >>> markup_depth("<div><div><p>x</p></div></div><br>")
        2
    """
    depth = deepest = 0
    for match in _TAG.finditer(content):
        closing, name, self_closing = match.groups()
        if self_closing or name.lower() in _FLAT:
            continue
        if closing:
            depth = max(0, depth - 1)
            continue
        depth += 1
        if depth > deepest:
            deepest = depth
            if deepest >= stop:
                break
    return deepest


def huge_tree(content: str) -> Any:
    """Parse ``content`` with trafilatura's parser settings plus ``huge_tree`` (deep pages).

    Returns:
        An ``lxml.html`` element, or ``None`` when the markup cannot be parsed.

    Example:
        >>> huge_tree("<div>" * 400 + "<p>Deep text.</p>").text_content()
        'Deep text.'
    """
    import lxml.html
    from lxml import etree

    parser = lxml.html.HTMLParser(
        collect_ids=False,
        default_doctype=False,
        remove_comments=True,
        remove_pis=True,
        huge_tree=True,
    )
    try:
        return lxml.html.fromstring(content, parser=parser)
    except (etree.LxmlError, ValueError):
        return None


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._skipping = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skipping += 1
        elif tag == "title":
            self._in_title = True
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag == "title":
            self._in_title = False
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif not self._skipping:
            self.parts.append(data)


def stdlib_text(content: str) -> tuple[str, str | None]:
    """Block-aware text and title of any HTML, however deep (no tree is built).

    Example:
        >>> text, title = stdlib_text("<title>T</title>" + "<div>" * 5000 + "<p>Deep.</p>")
        >>> (text.strip(), title)
        ('Deep.', 'T')
    """
    collector = _TextCollector()
    collector.feed(content)
    collector.close()
    title = " ".join("".join(collector.title).split())
    return "".join(collector.parts), title or None
