"""Across articles: near-duplicate articles, stories, happenings (one real-world happening
however many times it is reported), their claim ledgers and the outcome of plans.

The rules are documented in ``docs/fusion.md``; thresholds are configuration
(:class:`FusionSettings`).
"""

from tidings.fusion.settings import FusionSettings
from tidings.fusion.update import FusionStats, ensure_tables, rebuild, update

__all__ = ["FusionSettings", "FusionStats", "ensure_tables", "rebuild", "update"]
