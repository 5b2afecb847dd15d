"""The pipeline composition: languages, rejects, and a faulty article."""

from __future__ import annotations

from typing import Any

import pytest

from tidings.ids import document_id
from tidings.pipeline import process_batch, text_article
from tidings.records import RawDocument, Reject


def _raw(text: str, origin: str) -> RawDocument:
    return RawDocument(id=document_id(text), origin=origin, format="text", content=text)


GOOD = "Talks in Geneva\n\nRussia and Ukraine held talks in Geneva on Monday, officials said.\n"
GERMAN = (
    "Gespräche in Genf\n\nRussland und die Ukraine haben am Montag in Genf Gespräche "
    "geführt, wie Regierungsvertreter mitteilten. Die Gespräche sollen fortgesetzt werden.\n"
)


def test_pipeline_codes_english_and_stores_other_languages_uncoded(resources: Any) -> None:
    batch = process_batch([_raw(GOOD, "en.txt"), _raw(GERMAN, "de.txt")], resources)
    by_origin = {r.article.origin: r for r in batch.results}
    assert by_origin["en.txt"].events
    assert by_origin["de.txt"].article.language == "de"
    assert by_origin["de.txt"].events == []


def test_pipeline_passes_ingest_rejects_through(resources: Any) -> None:
    reject = Reject(id="r1", origin="x.bin", stage="ingest", reason="binary", detail="d")
    batch = process_batch([reject, _raw(GOOD, "en.txt")], resources)
    assert batch.rejects == [reject]
    assert len(batch.results) == 1


def test_pipeline_turns_an_analysis_failure_into_a_reject(
    resources: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tidings.coding

    real = tidings.coding.code_sentence

    def flaky(ctx: Any, ontology: Any) -> Any:
        if "Ukraine" in ctx.doc.text:
            raise RuntimeError("boom")
        return real(ctx, ontology)

    monkeypatch.setattr(tidings.coding, "code_sentence", flaky)
    other = "Tariffs\n\nChina and Japan signed a trade agreement in Tokyo on Friday.\n"
    batch = process_batch([_raw(GOOD, "bad.txt"), _raw(other, "ok.txt")], resources)
    assert [r.article.origin for r in batch.results] == ["ok.txt"]
    assert batch.results[0].events
    [reject] = batch.rejects
    assert reject.origin == "bad.txt" and reject.reason == "analysis-error"
    assert "RuntimeError: boom" in reject.detail


def test_text_article_is_english_with_stable_id() -> None:
    a, b = text_article("Seoul protested."), text_article("Seoul protested.")
    assert a.id == b.id and a.language == "en" and a.origin == "<text>"
