"""The demo corpus reads cleanly: every format, two rejects, articles in the brief's bounds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tidings.config import Config
from tidings.demo import build_warc
from tidings.extract import extract_article
from tidings.ingest import iter_documents
from tidings.records import RawDocument, Reject

CORPUS = Path(build_warc.__file__).resolve().parent / "corpus"


def test_demo_corpus_yields_articles_in_every_format_and_two_rejects() -> None:
    items = list(iter_documents([str(CORPUS)], Config()))
    docs = [i for i in items if isinstance(i, RawDocument)]
    rejects = [i for i in items if isinstance(i, Reject)]

    assert 25 <= len(docs) <= 35
    assert {d.format for d in docs} == {"html", "text", "json", "feed", "warc"}
    assert sorted(r.reason for r in rejects) == ["empty", "malformed-json"]
    assert all(r.origin.startswith(str(CORPUS / "bad")) for r in rejects)
    assert len({d.id for d in docs}) == len(docs)

    dates = set()
    for raw in docs:
        article = extract_article(raw, Config())
        words = len(article.text.split())
        assert 120 <= words <= 400, (raw.origin, words)
        assert article.title and article.published and article.language == "en", raw.origin
        day = dt.date.fromisoformat(article.published[:10])
        assert dt.date(2024, 5, 1) <= day <= dt.date(2024, 7, 10), raw.origin
        dates.add(day)
    assert len(dates) >= len(docs) - 3  # nearly every article has its own day


def test_demo_warc_is_reproducible_from_its_pages() -> None:
    assert build_warc.build() == build_warc.OUTPUT.read_bytes()
