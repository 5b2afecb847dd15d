"""PLOVER GSR evaluation: label mapping, reading, scoring."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tidings.errors import EvalError
from tidings.evaluation.plover import evaluate, gold_codes, legacy_label, main_event, read_gsr
from tidings.pipeline import Resources
from tidings.records import Event, Evidence


def _event(etype: str, mode: str = "", cameo: str = "", confidence: float = 1.0) -> Event:
    return Event(
        id="e1",
        article_id="a1",
        type=etype,
        mode=mode,
        cameo=cameo,
        quad_class=None,
        goldstein=None,
        source=[],
        target=[],
        status="asserted",
        evidence=Evidence("", 0, 0),
        confidence=confidence,
    )


@pytest.mark.parametrize(
    ("etype", "mode", "cameo", "label"),
    [
        ("REQUEST", "", "100", "DEMAND"),
        ("ACCUSE", "disapprove", "111", "DISAPPROVE"),
        ("ACCUSE", "allege", "112", "DISAPPROVE"),
        ("ACCUSE", "investigate", "090", "INVESTIGATE"),
        ("ASSAULT", "heavy-weapons", "194", "FIGHT"),
        ("ASSAULT", "abduct", "181", "COERCE"),
        ("ASSAULT", "", "1823", "ASSAULT"),
        ("CONSULT", "visit", "042", "CONSULT"),
    ],
)
def test_legacy_label_maps_plover_08_onto_gsr_labels(
    etype: str, mode: str, cameo: str, label: str
) -> None:
    assert legacy_label(_event(etype, mode, cameo)) == label


def test_no_event_is_labelled_none() -> None:
    assert legacy_label(None) == "NONE"


def test_main_event_is_the_most_confident() -> None:
    low, high = _event("AGREE", confidence=0.3), _event("CONSULT", confidence=0.8)
    assert main_event([low, high]) is high
    assert main_event([]) is None


def test_gold_codes_treat_empty_and_missing_sides_alike() -> None:
    assert gold_codes("") == gold_codes(None) == set()
    assert gold_codes([{"actorText": "Ruritania", "code": "RURGOV"}]) == {"RUR"}


def _write_gsr(path: Path) -> Path:
    records = [
        {"id": "DOC", "event": "DOCUMENT", "eventText": "header"},
        {
            "id": "T1",
            "event": "SANCTION",
            "text": "Germany expelled two Russian diplomats.",
            "source": [{"actorText": "Germany", "code": "DEU"}],
            "target": [{"actorText": "Russian", "code": "RUS"}],
        },
        {
            "id": "T2",
            "event": "CONSULT",
            "text": "Japan's foreign minister visited India.",
            "source": [{"actorText": "Japan", "code": "JPN"}],
            "target": [{"actorText": "India", "code": "IND"}],
        },
        {
            "id": "T3",
            "event": "PROTEST",
            "text": "France signed a trade treaty with Chile.",
            "source": [{"actorText": "France", "code": "FRA"}],
            "target": "",
        },
    ]
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


def test_read_gsr_skips_document_records(tmp_path: Path) -> None:
    records = list(read_gsr(_write_gsr(tmp_path / "gsr.json")))
    assert [r["id"] for r in records] == ["T1", "T2", "T3"]


def test_read_gsr_rejects_non_array(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"event": "AGREE"}', encoding="utf-8")
    with pytest.raises(EvalError):
        list(read_gsr(bad))


def test_evaluate_scores_records_and_lists_misses(tmp_path: Path, resources: Resources) -> None:
    report = evaluate(_write_gsr(tmp_path / "gsr.json"), resources)
    assert report.kind == "plover"
    assert report.metrics["n"] == 3
    # the third record's gold type is deliberately wrong: it must be a miss
    assert [e["id"] for e in report.errors if "type" in e["miss"]] == ["T3"]
    assert report.metrics["event_type_accuracy"] == pytest.approx(2 / 3)
    assert report.errors[-1]["predicted"]["type"] == "SUPPORT"
    assert set(report.per_class) >= {"SANCTION", "CONSULT", "PROTEST", "SUPPORT"}


@pytest.mark.eval
def test_plover_eval_smoke_on_shared_gold(shared_data: Path, resources: Resources) -> None:
    path = shared_data / "plover-gsr" / "PLOVER_GSR_CAMEO.dev.json"
    report = evaluate(path, resources, limit=30)
    assert report.metrics["n"] == 30
    for key in ("event_type_accuracy", "event_type_macro_f1", "source_accuracy", "target_accuracy"):
        assert 0.0 <= report.metrics[key] <= 1.0
    assert report.metrics["event_type_accuracy"] > 0.5
    assert len(report.errors) <= 30
