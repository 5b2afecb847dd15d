"""The quality gate: accuracy floors on the development data, checked in CI.

The floors live in ``baseline.json`` beside this module. Each entry (keyed by a name) names
its evaluation ``kind`` (default: the name, so one kind can be gated on two gold sets), its gold
data ``path`` (relative to the gold data folder), the ``split`` it is evaluated on (default
``check``: the gate reads the check half, which nobody tunes on) and, per metric, a ``min``
(higher is better) or a ``max`` (lower is better, e.g. MAE). Raising a floor is a deliberate
commit.
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


#: The half the gate evaluates when an entry names none.
DEFAULT_SPLIT = "check"


def check_report(
    report: EvalReport, floors: dict[str, dict[str, float]], name: str | None = None
) -> list[Check]:
    """Compare a report's metrics with the floors of its entry.

    Args:
        report: The evaluation.
        floors: ``{metric: {"min"|"max": bound}}``.
        name: The entry's name in the baseline (default: the report's kind).

    Raises:
        EvalError: When a floor names a metric the report lacks.

    Example:
        >>> [c.passed for c in check_report(EvalReport("timeml", {"f1": 0.9}),
        ...                                 {"f1": {"min": 0.8}})]
        [True]
    """
    label = name or report.kind
    checks = []
    for metric, bound in floors.items():
        if metric not in report.metrics:
            raise EvalError(
                f"baseline names {label}.{metric}, which the evaluation does not report; "
                f"known: {', '.join(report.metrics)}"
            )
        direction, value = next(iter(bound.items()))
        checks.append(Check(label, metric, float(report.metrics[metric]), float(value), direction))
    return checks


def entry_kind(name: str, entry: dict[str, Any]) -> str:
    """The evaluation kind of a baseline entry (``kind``, else its name).

    Example:
        >>> entry_kind("voa", {"kind": "plover"}), entry_kind("timeml", {})
        ('plover', 'timeml')
    """
    return str(entry.get("kind", name))


def entry_split(entry: dict[str, Any]) -> str:
    """The half a baseline entry is evaluated on (``split``, else ``check``).

    Example:
        >>> entry_split({}), entry_split({"split": "all"})
        ('check', 'all')
    """
    return str(entry.get("split", DEFAULT_SPLIT))


def run_gate(
    *,
    baseline: Path | None = None,
    data_dir: Path | None = None,
    kinds: tuple[str, ...] | None = None,
    config: Config | None = None,
) -> GateOutcome:
    """Evaluate every entry of the baseline on its split and compare with its floors.

    Args:
        baseline: Floors file (default :data:`BASELINE`).
        data_dir: Gold data folder (default: see :func:`find_data_dir`).
        kinds: Only the entries with these names or kinds.
        config: Configuration (model choice).

    Example:
        >>> run_gate(data_dir=Path("/nonexistent")).skipped != ""
        True
    """
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
    for name, entry in spec["kinds"].items():
        kind = entry_kind(name, entry)
        if kinds and name not in kinds and kind not in kinds:
            continue
        if res is None and kind != "timeml":
            from tidings.pipeline import Resources

            res = Resources.load(cfg)
        report = evaluate(
            kind,
            root / entry["path"],
            cfg,
            limit=entry.get("limit"),
            resources=res,
            split=entry_split(entry),
        )
        outcome.checks.extend(check_report(report, entry["floors"], name))
    return outcome
