"""Dispatching ``tidings eval KIND PATH`` to the evaluation of that kind."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tidings.config import Config
from tidings.errors import EvalError
from tidings.evaluation.base import EvalReport
from tidings.evaluation.splits import CHECK, SPLITS, TUNE

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
    split: str = "all",
) -> EvalReport:
    """Run the evaluation ``kind`` on the gold data at ``path``.

    Args:
        kind: One of :data:`KINDS`.
        path: Gold file or folder.
        config: Configuration (model choice).
        limit: Evaluate at most this many items.
        resources: Pre-loaded pipeline resources (loaded when needed and not given).
        split: The half to read: ``tune``, ``check`` or ``all`` (see
            :mod:`tidings.evaluation.splits`).

    Raises:
        EvalError: Unknown kind, unknown split or unreadable data.

    Example:
        >>> evaluate("timeml", Path("../shared/data/timebank-tbaq"), Config(),
        ...          split="tune").split  # doctest: +SKIP
        'tune'
    """
    if split not in SPLITS:
        raise EvalError(f"unknown split {split!r}; choose one of {', '.join(SPLITS)}")
    if kind not in KINDS:
        raise EvalError(f"unknown evaluation kind {kind!r}; choose one of {', '.join(KINDS)}")
    if not path.exists():
        raise EvalError(f"gold data not found at {path}; give a file or folder of {kind} data")
    module = importlib.import_module(KINDS[kind])
    if kind in _MODEL_FREE:
        report: EvalReport = module.evaluate(path, None, limit=limit, split=split)
    else:
        from tidings.pipeline import Resources

        res = resources or Resources.load(config)
        report = module.evaluate(path, res, limit=limit, split=split)
    report.path = str(path)
    report.split = split
    return report


def evaluate_halves(
    kind: str,
    path: Path,
    config: Config,
    *,
    limit: int | None = None,
    resources: Resources | None = None,
) -> tuple[EvalReport, EvalReport]:
    """Run the evaluation ``kind`` on the tuning half and on the check half.

    Example:
        >>> tune, check = evaluate_halves("timeml", Path("../shared/data/timebank-tbaq"),
        ...                               Config())  # doctest: +SKIP
        >>> (tune.split, check.split)  # doctest: +SKIP
        ('tune', 'check')
    """
    if resources is None and kind not in _MODEL_FREE:
        from tidings.pipeline import Resources

        resources = Resources.load(config)
    tune = evaluate(kind, path, config, limit=limit, resources=resources, split=TUNE)
    check = evaluate(kind, path, config, limit=limit, resources=resources, split=CHECK)
    return tune, check


def _is_count(metric: str) -> bool:
    """Counts (``n``, ``n_docs``, ``status_n``, ``lost_filter``) get no gap."""
    return metric == "n" or metric.startswith(("n_", "lost_")) or metric.endswith("_n")


def halves_gap(tune: EvalReport, check: EvalReport) -> dict[str, float]:
    """Tune minus check for every score both halves report (counts left out).

    Example:
        >>> tune = EvalReport("x", {"n": 4.0, "f1": 0.9})
        >>> {k: round(v, 3) for k, v in halves_gap(tune, EvalReport("x", {"f1": 0.7})).items()}
        {'f1': 0.2}
    """
    return {
        k: tune.metrics[k] - check.metrics[k]
        for k in tune.metrics
        if k in check.metrics and not _is_count(k)
    }


def halves_to_json(tune: EvalReport, check: EvalReport) -> dict[str, Any]:
    """``{"tune": {...}, "check": {...}, "gap": {...}}`` for ``tidings eval --split both``."""
    return {"tune": tune.to_json(), "check": check.to_json(), "gap": halves_gap(tune, check)}


def format_halves(tune: EvalReport, check: EvalReport) -> str:
    """A table of every metric on the tuning half, the check half and their gap.

    Example:
        >>> print(format_halves(EvalReport("x", {"f1": 0.9}), EvalReport("x", {"f1": 0.7})))
        x evaluation of  (tune / check / gap = tune - check)
        <BLANKLINE>
          metric    tune   check     gap
          f1       0.900   0.700  +0.200
    """
    gap = halves_gap(tune, check)
    keys = list(dict.fromkeys([*tune.metrics, *check.metrics]))
    width = max([len("metric"), *(len(k) for k in keys)])

    def cell(report: EvalReport, key: str) -> str:
        value = report.metrics.get(key)
        if value is None:
            return f"{'-':>7}"
        return f"{int(value):7d}" if _is_count(key) else f"{value:7.3f}"

    lines = [
        f"{tune.kind} evaluation of {tune.path} (tune / check / gap = tune - check)",
        "",
        f"  {'metric':<{width}} {'tune':>7} {'check':>7} {'gap':>7}",
    ]
    for key in keys:
        shown = f"{gap[key]:+7.3f}" if key in gap else f"{'':>7}"
        lines.append(f"  {key:<{width}} {cell(tune, key)} {cell(check, key)} {shown}".rstrip())
    return "\n".join(lines)


def format_report(report: EvalReport) -> str:
    """A readable table of the metrics, per-class scores and top confusions."""
    lines = [f"{report.kind} evaluation of {report.path} (split: {report.split})", ""]
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
    for name, table in report.breakdowns.items():
        lines += ["", f"  {name:<16} {'prec':>6} {'rec':>6} {'f1':>6} {'n':>5}"]
        for label, s in sorted(table.items()):
            lines.append(
                f"  {label:<16} {s.get('precision', 0):6.3f} {s.get('recall', 0):6.3f} "
                f"{s.get('f1', 0):6.3f} {int(s.get('support', 0)):5d}"
            )
        rows = report.breakdown_confusion.get(name)
        if rows:
            lines += ["", f"  most frequent {name} confusions (gold → predicted: count)"]
            lines += [f"    {g} → {p}: {n}" for g, p, n in rows]
    return "\n".join(lines)
