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
    load_baseline,
    run_gate,
)
from tidings.evaluation.runner import KINDS


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


def test_gate_fails_on_broken_floor_with_real_evaluation(
    tmp_path: Path, shared_data: Path
) -> None:
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
    assert set(spec["kinds"]) == set(KINDS)
    for entry in spec["kinds"].values():
        assert entry["floors"], "every kind needs at least one floor"
