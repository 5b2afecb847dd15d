"""Blocking keys and time windows: which events may describe the same happening.

Two events are compatible when they share a key and their windows overlap (allowing
``date_tolerance_days``). A key is the PLOVER type and one pair of country codes taken
from the event's sides:

- For CONSULT, COOPERATE and AGREE the pair is unordered (a visit by A to B and "B met A"
  are one meeting); for every other type it is directed (source, target).
- A missing side is written as empty, so "North Korea fired missiles" (no target) matches
  only other reports with no target.
- An event whose date is coarse (a year, a season, a decade) is matched only by events with
  the same interval: "since 2019" background should not absorb every event of 2019.

The window says when the happening can have taken place, given what the report says:

- a dated event (day, week, month): its interval;
- a plan with no date ("is expected to visit"): from its report to ``plan_horizon_days``
  later;
- an undated report of something done ("the leaders met"): the ``undated_days`` before
  publication;
- an undated allegation, report or denial of ongoing activity ("has been shipping
  shells"): the ``claim_window_days`` before publication; a denial or a cancellation may
  also concern a plan, so its window also reaches ``plan_horizon_days`` ahead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from tidings.fusion.settings import FusionSettings

#: Types whose two sides are interchangeable when matching.
SYMMETRIC_TYPES = frozenset({"CONSULT", "COOPERATE", "AGREE"})
#: Date precisions matched only on the same interval.
COARSE = frozenset({"quarter", "season", "half", "year", "decade", "century"})
#: ``date_end`` of an open-ended plan.
OPEN_END = "9999-12-31"
#: Statuses of a report that something was done.
DONE = frozenset({"asserted", "confirmed"})
#: Statuses that may speak of a plan that then did not go ahead.
NOT_DONE = frozenset({"denied", "negated"})


@dataclass(frozen=True, slots=True)
class KeyRow:
    """One (event, key) pair with the event's window."""

    event_id: str
    article_id: str
    key: str
    lo: dt.date | None
    hi: dt.date | None
    #: The window is a guess from the report date (an undated plan or claim), not a date the
    #: report gives: such a row joins the nearest dated happening instead of chaining others.
    soft: bool = False
    #: The report's publication day (where a soft window is measured from).
    anchor: dt.date | None = None
    #: For a visit, ``SRC>TGT`` (who visits whom); empty otherwise.
    direction: str = ""


def to_date(value: Any) -> dt.date | None:
    """The day of an ISO date or timestamp string (``None`` when absent or unreadable).

    Example:
        >>> to_date("2024-06-13T21:15:00+00:00")
        datetime.date(2024, 6, 13)
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _shift(day: dt.date, days: int) -> dt.date:
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def window(
    event: dict[str, Any], published: dt.date | None, s: FusionSettings
) -> tuple[dt.date | None, dt.date | None, bool]:
    """The window of ``event`` (a row of ``events``) and whether its date is coarse."""
    lo, hi, coarse, _ = _window(event, published, s)
    return lo, hi, coarse


def _window(
    event: dict[str, Any], published: dt.date | None, s: FusionSettings
) -> tuple[dt.date | None, dt.date | None, bool, bool]:
    """Window, coarse date, and whether the window is a guess from the report day (soft)."""
    start = to_date(event.get("date_start")) or published
    if start is None:
        return None, None, False, False
    end_text = event.get("date_end")
    if end_text == OPEN_END:
        return start, _shift(start, s.plan_horizon_days), False, True
    end = to_date(end_text) or start
    if (event.get("date_precision") or "") in COARSE:
        return start, end, True, False
    status = event.get("status") or ""
    if str(event.get("date_rule") or "").startswith("publication-date"):
        if status in DONE:
            return _shift(start, -s.undated_days), start, False, False
        if status == "planned":
            return start, _shift(start, s.plan_horizon_days), False, True
        ahead = s.plan_horizon_days if status in NOT_DONE else 0
        return _shift(start, -s.claim_window_days), _shift(start, ahead), False, True
    return start, end, False, False


def pairs(event_type: str, sources: list[str], targets: list[str]) -> list[tuple[str, str]]:
    """The country pairs of an event's key.

    Example:
        >>> pairs("CONSULT", ["RUS"], ["PRK"]) == pairs("CONSULT", ["PRK"], ["RUS"])
        True
        >>> pairs("AID", ["PRK"], [])
        [('PRK', '')]
    """
    src = [c for c in sources if c]
    tgt = [c for c in targets if c]
    if event_type in SYMMETRIC_TYPES:
        parties = sorted(set(src) | set(tgt))
        if len(parties) >= 2:
            return list(combinations(parties, 2))
        return [(parties[0], "")] if parties else []
    out: list[tuple[str, str]] = []
    for s in src or [""]:
        for t in tgt or [""]:
            if s != t and (s or t) and (s, t) not in out:
                out.append((s, t))
    return out


def event_keys(event: dict[str, Any], published: dt.date | None, s: FusionSettings) -> list[KeyRow]:
    """The key rows of one event; one row with an empty key when it can match nothing.

    An event with no country on either side, or with no date at all, is a happening of
    its own.
    """
    lo, hi, coarse, soft = _window(event, published, s)
    anchor = published or lo
    direction = ""
    if event.get("mode") == "visit":
        src = sorted(c for c in (event.get("source_countries") or []) if c)
        tgt = sorted(c for c in (event.get("target_countries") or []) if c)
        if src and tgt:
            direction = f"{src[0]}>{tgt[0]}"
    kinds = pairs(
        str(event.get("type") or ""),
        list(event.get("source_countries") or []),
        list(event.get("target_countries") or []),
    )
    if lo is None or hi is None or not kinds:
        return [KeyRow(event["id"], event["article_id"], "", lo, hi, soft, anchor, direction)]
    suffix = f"|{lo.isoformat()}..{hi.isoformat()}" if coarse else ""
    return [
        KeyRow(
            event["id"],
            event["article_id"],
            f"{event['type']}|{a}|{b}{suffix}",
            lo,
            hi,
            soft,
            anchor,
            direction,
        )
        for a, b in kinds
    ]
