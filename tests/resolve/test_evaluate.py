"""The actor-code evaluation against the PLOVER gold records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tidings.errors import EvalError
from tidings.nlp import load_segmenter
from tidings.resolve import ActorKB
from tidings.resolve.evaluate import (
    evaluate_actor_codes,
    evaluate_sentence_actors,
    load_gold_actors,
)


def _write_gold(folder: Path) -> Path:
    records = [
        {"id": "DOC", "event": "DOCUMENT"},
        {
            "id": "X-1",
            "event": "AGREE",
            "source": [{"actorText": "Peruvian officials", "code": "PER", "sector": "GOV"}],
            "target": [{"actorText": "Chile", "code": "CHL"}],
        },
        {
            "id": "X-2",
            "event": "FIGHT",
            "source": [{"actorText": "a storm", "code": "XXX"}],
            "target": "",
        },
    ]
    path = folder / "gold.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


def test_gold_actor_rows_skip_the_document_record(tmp_path: Path) -> None:
    rows = load_gold_actors(_write_gold(tmp_path))
    assert [r["text"] for r in rows] == ["Peruvian officials", "Chile", "a storm"]


def test_evaluation_counts_matches_and_misses(tmp_path: Path, kb: ActorKB) -> None:
    report = evaluate_actor_codes(_write_gold(tmp_path), kb)
    assert report.metrics["n"] == 3
    assert report.metrics["accuracy"] == pytest.approx(2 / 3)
    assert report.metrics["coverage"] == pytest.approx(2 / 3)
    assert [e["text"] for e in report.errors] == ["a storm"]


def test_unreadable_gold_raises_eval_error(tmp_path: Path, kb: ActorKB) -> None:
    with pytest.raises(EvalError):
        evaluate_actor_codes(tmp_path / "missing.json", kb)


@pytest.mark.eval
def test_plover_gold_actor_codes_resolve(shared_data: Path, kb: ActorKB) -> None:
    report = evaluate_actor_codes(shared_data / "plover-gsr", kb)
    assert report.metrics["n"] > 100
    assert report.metrics["accuracy"] >= 0.8


def test_sentence_evaluation_finds_actors_in_context(tmp_path: Path, kb: ActorKB) -> None:
    records = [
        {
            "id": "Y-1",
            "event": "CONSULT",
            "text": "Peruvian officials met Chile in Lima.",
            "source": [{"actorText": "Peruvian officials", "code": "PER"}],
            "target": [{"actorText": "Chile", "code": "CHL"}, {"actorText": "absent", "code": "X"}],
        }
    ]
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    report = evaluate_sentence_actors(path, kb, load_segmenter())
    assert report.metrics["n"] == 2  # "absent" is not in the sentence
    assert report.metrics["recall"] == 1.0


@pytest.mark.eval
def test_plover_gold_actors_are_found_in_their_sentences(shared_data: Path, kb: ActorKB) -> None:
    report = evaluate_sentence_actors(shared_data / "plover-gsr", kb, load_segmenter())
    assert report.metrics["recall"] >= 0.8
