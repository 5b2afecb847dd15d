"""The quality gate: accuracy floors on the development data, checked in CI.

The floors live in ``baseline.json`` beside this module. Each kind names its gold data
(relative to the gold data folder) and, per metric, a ``min`` (higher is better) or a
``max`` (lower is better, e.g. MAE). Raising a floor is a deliberate commit.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tidings.config import Config
from tidings.errors import EvalError
from tidings.evaluation.base import EvalReport

BASELINE = Path(__file__).with_name("baseline.json")


@dataclass(slots=True)
class Check:
    """One metric compared with its floor (or ceiling)."""

    kind: str
    metric: str
    value: float
    bound: float
    direction: str  # "min" or "max"

    @property
    def passed(self) -> bool:
        """Whether the value respects its bound."""
        return self.value >= self.bound if self.direction == "min" else self.value <= self.bound

    def describe(self) -> str:
        """One line, naming the kind and the drop when it fails."""
        op = ">=" if self.direction == "min" else "<="
        if self.passed:
            return f"ok    {self.kind} {self.metric} = {self.value:.3f} ({op} {self.bound:.3f})"
        drop = abs(self.value - self.bound)
        return (
            f"FAIL  {self.kind} {self.metric} = {self.value:.3f}, floor {op} {self.bound:.3f}: "
            f"dropped by {drop:.3f}"
        )


@dataclass(slots=True)
class GateOutcome:
    """All checks of a gate run, or the reason it was skipped."""

    checks: list[Check] = field(default_factory=list)
    skipped: str = ""

    @property
    def passed(self) -> bool:
        """True when every check passed (a skipped gate passes)."""
        return all(c.passed for c in self.checks)

    def describe(self) -> str:
        """Readable lines, failures first."""
        if self.skipped:
            return f"quality gate skipped: {self.skipped}"
        lines = [c.describe() for c in sorted(self.checks, key=lambda c: c.passed)]
        verdict = "passed" if self.passed else "FAILED"
        return "\n".join([*lines, f"quality gate {verdict}"])

    def to_json(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "passed": self.passed,
            "skipped": self.skipped,
            "checks": [
                {
                    "kind": c.kind,
                    "metric": c.metric,
                    "value": c.value,
                    "bound": c.bound,
                    "direction": c.direction,
                    "passed": c.passed,
                }
                for c in self.checks
            ],
        }


def load_baseline(path: Path | None = None) -> dict[str, Any]:
    """Read the floors file."""
    file = path or BASELINE
    try:
        data: dict[str, Any] = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise EvalError(f"cannot read baseline {file}: {exc}") from exc
    return data


def find_data_dir(data_dir: Path | None = None) -> Path | None:
    """The gold data folder: the argument, ``$TIDINGS_GOLD_DATA``, or ``../shared/data``."""
    if data_dir is not None:
        return data_dir if data_dir.is_dir() else None
    env = os.environ.get("TIDINGS_GOLD_DATA")
    if env:
        return Path(env) if Path(env).is_dir() else None
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        candidate = folder.parent / "shared" / "data"
        if candidate.is_dir():
            return candidate
    return None


def check_report(report: EvalReport, floors: dict[str, dict[str, float]]) -> list[Check]:
    """Compare a report's metrics with the floors of its kind.

    Raises:
        EvalError: When a floor names a metric the report lacks.
    """
    checks = []
    for metric, bound in floors.items():
        if metric not in report.metrics:
            raise EvalError(
                f"baseline names {report.kind}.{metric}, which the evaluation does not report; "
                f"known: {', '.join(report.metrics)}"
            )
        direction, value = next(iter(bound.items()))
        checks.append(
            Check(report.kind, metric, float(report.metrics[metric]), float(value), direction)
        )
    return checks


def run_gate(
    *,
    baseline: Path | None = None,
    data_dir: Path | None = None,
    kinds: tuple[str, ...] | None = None,
    config: Config | None = None,
) -> GateOutcome:
    """Evaluate every kind in the baseline and compare with its floors."""
    from tidings.evaluation.runner import evaluate

    spec = load_baseline(baseline)
    root = find_data_dir(data_dir)
    if root is None:
        return GateOutcome(
            skipped="gold data folder not found (give --data or set TIDINGS_GOLD_DATA; "
            "a fresh clone has no ../shared/data)"
        )
    outcome = GateOutcome()
    cfg = config or Config()
    res = None
    for kind, entry in spec["kinds"].items():
        if kinds and kind not in kinds:
            continue
        if res is None and kind != "timeml":
            from tidings.pipeline import Resources

            res = Resources.load(cfg)
        report = evaluate(kind, root / entry["path"], cfg, limit=entry.get("limit"), resources=res)
        outcome.checks.extend(check_report(report, entry["floors"]))
    return outcome
