"""Accuracy evaluation against public gold standards (``tidings eval``)."""

from tidings.evaluation.base import EvalReport, f1

__all__ = ["EvalReport", "f1"]
