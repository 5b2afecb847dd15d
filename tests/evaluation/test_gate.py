"""The quality gate: floors from the baseline file, failures name the kind and the drop."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tidings.errors import EvalError
from tidings.evaluation.base import EvalReport
from tidings.evaluation.gate import (
    BASELINE,
    GateOutcome,
    check_report,
    entry_kind,
    load_baseline,
    run_gate,
)
from tidings.evaluation.runner import KINDS, format_halves, halves_gap, halves_to_json


def test_gate_fails_when_a_floor_is_broken() -> None:
    report = EvalReport("plover", {"event_type_accuracy": 0.70, "source_accuracy": 0.9})
    checks = check_report(
        report, {"event_type_accuracy": {"min": 0.80}, "source_accuracy": {"min": 0.85}}
    )
    outcome = GateOutcome(checks=checks)
    assert not outcome.passed
    text = outcome.describe()
    assert "FAIL  plover event_type_accuracy" in text
    assert "dropped by 0.100" in text
    assert text.endswith("quality gate FAILED")


def test_gate_ceiling_for_error_metrics() -> None:
    report = EvalReport("factuality", {"mae": 0.62})
    [check] = check_report(report, {"mae": {"max": 0.55}})
    assert not check.passed and "factuality mae" in check.describe()
    [check] = check_report(EvalReport("factuality", {"mae": 0.40}), {"mae": {"max": 0.55}})
    assert check.passed


def test_gate_rejects_floor_for_unknown_metric() -> None:
    with pytest.raises(EvalError, match="known: n"):
        check_report(EvalReport("timeml", {"n": 3}), {"relaxed_f1": {"min": 0.5}})


def test_gate_skips_without_gold_data(tmp_path: Path) -> None:
    outcome = run_gate(data_dir=tmp_path / "missing")
    assert outcome.passed and "not found" in outcome.skipped


def test_gate_fails_on_broken_floor_with_real_evaluation(tmp_path: Path, shared_data: Path) -> None:
    """End to end: an impossible floor on a cheap kind makes the gate fail."""
    baseline = tmp_path / "baseline.json"
    entry = load_baseline()["kinds"]["timeml"]
    entry["floors"] = {"relaxed_f1": {"min": 1.01}}
    entry["limit"] = 5
    baseline.write_text(json.dumps({"kinds": {"timeml": entry}}))
    outcome = run_gate(baseline=baseline, data_dir=shared_data)
    assert not outcome.passed
    assert "timeml relaxed_f1" in outcome.describe()


def test_baseline_covers_every_kind() -> None:
    spec = json.loads(BASELINE.read_text())
    assert {entry_kind(name, entry) for name, entry in spec["kinds"].items()} == set(KINDS)
    for entry in spec["kinds"].values():
        assert entry["floors"], "every kind needs at least one floor"
        assert entry["path"]


def test_baseline_gates_on_check_halves_and_voa_gold() -> None:
    spec = load_baseline()["kinds"]
    assert all(entry.get("split", "check") == "check" for entry in spec.values())
    assert entry_kind("voa", spec["voa"]) == "plover"
    assert spec["voa"]["path"] == "voa-plover-gold"


def test_gate_evaluates_each_entry_on_its_split(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Entries name their kind and split; the check half is the default."""
    calls: list[tuple[str, str, str]] = []

    def fake_evaluate(kind: str, path: Path, config: object, **kw: object) -> EvalReport:
        calls.append((kind, path.name, str(kw["split"])))
        return EvalReport(kind, {"relaxed_f1": 0.9})

    monkeypatch.setattr("tidings.evaluation.runner.evaluate", fake_evaluate)
    baseline = tmp_path / "baseline.json"
    floors = {"relaxed_f1": {"min": 0.8}}
    baseline.write_text(
        json.dumps(
            {
                "kinds": {
                    "timeml": {"path": "tbaq", "floors": floors},
                    "timeml-all": {
                        "kind": "timeml",
                        "path": "other",
                        "split": "all",
                        "floors": floors,
                    },
                }
            }
        )
    )
    outcome = run_gate(baseline=baseline, data_dir=tmp_path)
    assert calls == [("timeml", "tbaq", "check"), ("timeml", "other", "all")]
    assert outcome.passed
    assert [c.kind for c in outcome.checks] == ["timeml", "timeml-all"]
    # --kind selects by entry name or by kind
    calls.clear()
    run_gate(baseline=baseline, data_dir=tmp_path, kinds=("timeml-all",))
    assert calls == [("timeml", "other", "all")]


def test_halves_table_and_json_give_the_gap() -> None:
    tune = EvalReport("plover", {"n": 10.0, "event_type_accuracy": 0.8}, split="tune")
    check = EvalReport("plover", {"n": 12.0, "event_type_accuracy": 0.7}, split="check")
    assert halves_gap(tune, check) == {"event_type_accuracy": pytest.approx(0.1)}
    table = format_halves(tune, check)
    assert "event_type_accuracy" in table and "+0.100" in table
    data = halves_to_json(tune, check)
    assert set(data) == {"tune", "check", "gap"}
    assert data["check"]["split"] == "check" and data["tune"]["n"] == 10
