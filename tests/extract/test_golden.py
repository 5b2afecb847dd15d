"""Golden "must appear / must not appear" checks on scraped text and HTML pages.

Each ``tests/fixtures/extract/NAME.{txt,html}`` has a ``NAME.expected.json`` sidecar with the
metadata to recover, the number of body paragraphs and summary items, and text that must or
must not be in the body.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tidings.config import Config
from tidings.extract import extract_article
from tidings.ingest import iter_documents
from tidings.records import Article, RawDocument

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "extract"
DEMO_SCRAPED = ROOT / "src" / "tidings" / "demo" / "corpus" / "scraped" / "putin-visit-expected.txt"
CASES = sorted(p for p in FIXTURES.iterdir() if p.suffix in {".txt", ".html"})


def _extract(path: Path) -> Article:
    [raw] = list(iter_documents([str(path)], Config()))
    assert isinstance(raw, RawDocument)
    return extract_article(raw, Config())


@pytest.mark.parametrize("path", CASES, ids=[p.name for p in CASES])
def test_golden_fixture_metadata_and_body(path: Path) -> None:
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    article = _extract(path)

    for key in ("title", "author", "published", "source"):
        assert getattr(article, key) == expected[key], key
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == expected["paragraphs"]
    assert len(article.summary) == expected["summary"]
    for text in expected["must_appear"]:
        assert text in article.text, text
    for text in expected["must_not_appear"]:
        assert text not in article.text, text
    assert article.language == "en"


def test_demo_scraped_article_recovers_title_author_date_and_drops_chrome() -> None:
    article = _extract(DEMO_SCRAPED)
    raw_lines = DEMO_SCRAPED.read_text(encoding="utf-8").splitlines()

    assert article.title == raw_lines[0]
    assert article.author == raw_lines[2]
    assert article.published == "2024-06-12"
    assert article.extractor == "plaintext"
    # no chrome line survives, and the headline is not repeated in the body
    for chrome in ("author-image", "Updated On", "New Update", "Share", "Advertisement"):
        assert chrome not in article.text
    assert "Read more" not in article.text and "Follow us" not in article.text
    assert raw_lines[0] not in article.text
    paragraphs = article.text.split("\n\n")
    assert "Pyongyang" not in paragraphs  # the stray one-word caption
    assert paragraphs[0].startswith("North Korean leader Kim Jong Un")
    # the Key Takeaways list is kept apart from the body
    assert len(article.summary) == 3
    assert "Key Takeaways" not in article.text
    assert all(item not in article.text for item in article.summary)
    assert "is in the pipeline" in article.text
    assert "7,000 containers" in article.text
