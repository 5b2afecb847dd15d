"""Thresholds of cross-article fusion, read from the configuration."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class FusionSettings:
    """The thresholds of duplicate detection, event fusion and story grouping.

    Every field has a configuration setting of the same meaning (see
    :class:`tidings.config.Config`); ``docs/fusion.md`` says how each one is used.

    Attributes:
        duplicate_threshold: Estimated Jaccard similarity of two articles' word 5-grams at
            and above which the later one is a copy of the earlier one.
        date_tolerance_days: Days two event windows may be apart and still describe the same
            happening (reports of "Tuesday" and "Wednesday" for one overnight meeting).
        plan_horizon_days: How far past its report an undated plan ("is expected to visit")
            may come true.
        undated_days: How far back an undated report of something done ("met", "arrived")
            reaches from its publication date.
        claim_window_days: How far back an undated allegation, report or denial of ongoing
            activity ("has been shipping arms") reaches from its publication date.
        story_window_days: Largest gap in publication dates between two articles of one story
            that share a happening.
    """

    duplicate_threshold: float = 0.6
    date_tolerance_days: int = 1
    plan_horizon_days: int = 60
    undated_days: int = 3
    claim_window_days: int = 60
    story_window_days: int = 14

    @classmethod
    def from_config(cls, config: Any) -> FusionSettings:
        """Settings from a :class:`tidings.config.Config` (or any object with its fields).

        Example:
            >>> from tidings.config import Config
            >>> FusionSettings.from_config(Config()).plan_horizon_days
            60
        """
        return cls(
            duplicate_threshold=float(config.duplicate_threshold),
            date_tolerance_days=int(config.fusion_tolerance_days),
            plan_horizon_days=int(config.plan_horizon_days),
            undated_days=int(config.undated_window_days),
            claim_window_days=int(config.claim_window_days),
            story_window_days=int(config.story_window_days),
        )
