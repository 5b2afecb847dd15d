"""The quality gate on the development data (runs in CI, where ../shared/data exists)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.evaluation.gate import run_gate


@pytest.mark.eval
@pytest.mark.slow
def test_quality_gate_holds_on_dev_data(shared_data: Path) -> None:
    outcome = run_gate(data_dir=shared_data)
    assert not outcome.skipped
    assert outcome.passed, outcome.describe()
