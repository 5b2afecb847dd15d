"""Property tests: extraction never fails on odd input except with a ``RejectedInput``."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tidings.config import Config
from tidings.errors import RejectedInput
from tidings.extract import extract_article
from tidings.records import RawDocument

TAGS = ["<p>", "</p>", "<div>", "</div>", "<br>", "<h1>", "</h1>", "<script>", "<!--", "&amp;"]
markup = st.lists(st.one_of(st.sampled_from(TAGS), st.text(max_size=30)), max_size=30).map("".join)


def _check(content: str, fmt: str) -> None:
    raw = RawDocument(id="a1", origin="prop", format=fmt, content=content)
    try:
        article = extract_article(raw, Config())
    except RejectedInput as exc:
        assert exc.reason == "no-text"
        return
    assert article.text.strip()
    assert all(p and p == p.strip() and "\n" not in p for p in article.text.split("\n\n"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_plain_text_gives_clean_paragraphs_or_no_text(content: str) -> None:
    _check(content, "text")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markup)
def test_any_markup_gives_clean_paragraphs_or_no_text(content: str) -> None:
    _check(content, "html")
