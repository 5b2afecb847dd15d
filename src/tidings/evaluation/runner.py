"""Dispatching ``tidings eval KIND PATH`` to the evaluation of that kind."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING

from tidings.config import Config
from tidings.errors import EvalError
from tidings.evaluation.base import EvalReport

if TYPE_CHECKING:
    from tidings.pipeline import Resources

#: Evaluation kinds and the module that implements each.
KINDS: dict[str, str] = {
    "plover": "tidings.evaluation.plover",
    "petrarch": "tidings.evaluation.petrarch",
    "timeml": "tidings.evaluation.timeml",
    "factuality": "tidings.evaluation.factuality",
    "attribution": "tidings.evaluation.attribution",
}

#: Kinds that need no spaCy model.
_MODEL_FREE = {"timeml"}


def evaluate(
    kind: str,
    path: Path,
    config: Config,
    *,
    limit: int | None = None,
    resources: Resources | None = None,
) -> EvalReport:
    """Run the evaluation ``kind`` on the gold data at ``path``.

    Args:
        kind: One of :data:`KINDS`.
        path: Gold file or folder.
        config: Configuration (model choice).
        limit: Evaluate at most this many items.
        resources: Pre-loaded pipeline resources (loaded when needed and not given).

    Raises:
        EvalError: Unknown kind or unreadable data.
    """
    if kind not in KINDS:
        raise EvalError(f"unknown evaluation kind {kind!r}; choose one of {', '.join(KINDS)}")
    if not path.exists():
        raise EvalError(f"gold data not found at {path}; give a file or folder of {kind} data")
    module = importlib.import_module(KINDS[kind])
    if kind in _MODEL_FREE:
        report: EvalReport = module.evaluate(path, None, limit=limit)
    else:
        from tidings.pipeline import Resources

        res = resources or Resources.load(config)
        report = module.evaluate(path, res, limit=limit)
    report.path = str(path)
    return report


def format_report(report: EvalReport) -> str:
    """A readable table of the metrics, per-class scores and top confusions."""
    lines = [f"{report.kind} evaluation of {report.path}", ""]
    width = max((len(k) for k in report.metrics), default=10)
    for key, value in report.metrics.items():
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        lines.append(f"  {key:<{width}}  {shown}")
    if report.per_class:
        lines += ["", f"  {'class':<16} {'prec':>6} {'rec':>6} {'f1':>6} {'n':>5}"]
        for label, s in sorted(report.per_class.items()):
            lines.append(
                f"  {label:<16} {s.get('precision', 0):6.3f} {s.get('recall', 0):6.3f} "
                f"{s.get('f1', 0):6.3f} {int(s.get('support', 0)):5d}"
            )
    if report.confusion:
        lines += ["", "  most frequent confusions (gold → predicted: count)"]
        lines += [f"    {g} → {p}: {n}" for g, p, n in report.confusion]
    return "\n".join(lines)
