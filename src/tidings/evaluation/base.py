"""Shared pieces of the evaluations: the report record and metric helpers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class EvalReport:
    """Result of one evaluation run.

    Attributes:
        kind: Evaluation kind (``plover``, ``petrarch``, ``timeml``, ``factuality``,
            ``attribution``).
        metrics: Headline figures, keyed as documented for the kind.
        per_class: Per-class figures, e.g. ``{"AGREE": {"precision": .., "recall": ..,
            "f1": .., "support": ..}}``.
        confusion: Most frequent (gold, predicted, count) confusions.
        errors: One JSON-ready dict per miss, written by ``--errors``.
        path: What was evaluated.
        split: The half of the gold set that was read (``tune``, ``check`` or ``all``, see
            :mod:`tidings.evaluation.splits`).
        breakdowns: Further per-class tables by name, e.g. ``{"status": {"planned": {...}}}``.
        breakdown_confusion: Most frequent confusions of each breakdown.
    """

    kind: str
    metrics: dict[str, float]
    per_class: dict[str, dict[str, float]] = field(default_factory=dict)
    confusion: list[tuple[str, str, int]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    path: str = ""
    split: str = "all"
    breakdowns: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)
    breakdown_confusion: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The report as one JSON-ready object (errors are left out)."""
        return {
            "kind": self.kind,
            "path": self.path,
            "split": self.split,
            **self.metrics,
            "per_class": self.per_class,
            "confusion": [list(c) for c in self.confusion],
            **{f"{name}_per_class": table for name, table in self.breakdowns.items()},
            **{
                f"{name}_confusion": [list(c) for c in rows]
                for name, rows in self.breakdown_confusion.items()
            },
        }


def f1(precision: float, recall: float) -> float:
    """Harmonic mean of precision and recall (0 when both are 0).

    Example:
        >>> f1(0.5, 1.0)
        0.6666666666666666
    """
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def per_class_scores(gold: Iterable[str], pred: Iterable[str]) -> dict[str, dict[str, float]]:
    """Precision, recall, F1 and support per label for single-label classification."""
    gold_l, pred_l = list(gold), list(pred)
    labels = sorted(set(gold_l) | set(pred_l))
    out: dict[str, dict[str, float]] = {}
    for label in labels:
        tp = sum(1 for g, p in zip(gold_l, pred_l, strict=True) if g == p == label)
        n_pred = sum(1 for p in pred_l if p == label)
        n_gold = sum(1 for g in gold_l if g == label)
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_gold if n_gold else 0.0
        out[label] = {
            "precision": precision,
            "recall": recall,
            "f1": f1(precision, recall),
            "support": float(n_gold),
        }
    return out


def macro_f1(scores: dict[str, dict[str, float]]) -> float:
    """Mean F1 over the classes that occur in the gold data."""
    gold_classes = [s for s in scores.values() if s["support"] > 0]
    return sum(s["f1"] for s in gold_classes) / len(gold_classes) if gold_classes else 0.0


def confusions(
    gold: Iterable[str], pred: Iterable[str], top: int = 15
) -> list[tuple[str, str, int]]:
    """The ``top`` most frequent (gold, predicted) disagreements."""
    counts = Counter((g, p) for g, p in zip(gold, pred, strict=True) if g != p)
    return [(g, p, n) for (g, p), n in counts.most_common(top)]
