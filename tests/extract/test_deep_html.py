"""HTML nested past libxml2's depth limit is still extracted, with no stray warning."""

from __future__ import annotations

import logging

import pytest

from tidings.config import Config
from tidings.extract import extract_article
from tidings.extract.deep import LXML_DEPTH, markup_depth, stdlib_text
from tidings.records import RawDocument

BODY = (
    "The regional water board lifted the boil-water notice on Wednesday after three days "
    "of clean samples, a spokesperson said. Schools in the district reopened their kitchens."
)


def _nested(depth: int, tag: str = "div") -> str:
    return (
        "<html><head><title>Notice lifted</title></head><body>"
        + f"<{tag}>" * depth
        + f"<p>{BODY}</p>"
        + f"</{tag}>" * depth
        + "</body></html>"
    )


@pytest.mark.parametrize("depth", [300, 1000, 5000])
def test_deeply_nested_page_is_extracted_without_warnings(
    depth: int, caplog: pytest.LogCaptureFixture
) -> None:
    raw = RawDocument(id="d1", origin="deep.html", format="html", content=_nested(depth))
    with caplog.at_level(logging.WARNING):
        article = extract_article(raw, Config())
    assert "boil-water notice" in article.text
    assert article.title == "Notice lifted"
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_markup_depth_ignores_void_and_self_closing_elements() -> None:
    ordinary = "<div>" + "<p>para<br><img src=x>" * 500 + "</div>"
    assert markup_depth(ordinary) == 1
    assert markup_depth(_nested(400, "section")) > LXML_DEPTH


def test_stdlib_text_skips_scripts_and_keeps_blocks() -> None:
    text, title = stdlib_text(
        "<title>T</title><script>var x = 1;</script><div>One</div><div>Two</div>"
    )
    assert title == "T"
    assert [p for p in text.split("\n\n") if p.strip()] == ["One", "Two"]
