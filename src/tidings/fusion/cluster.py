"""Grouping events into happenings.

Within one key, reports that give a date (a dated event, an undated report of something
done) are grouped by overlapping windows: sorted by start, each run of overlaps is one
group (a sweep, not a comparison of all pairs). Reports whose window is only a guess from
their publication date (an undated plan, allegation or denial) join the dated group nearest
their report day among those their window overlaps; they never bridge two dated groups, so
a busy pair's separate meetings do not chain into one. Guessed windows that overlap no
dated group are grouped among themselves by overlap (a repeated allegation of ongoing
activity is one happening). An event with several keys joins the groups of each.

The result depends only on the set of events, never on the order they arrived in, which
is what makes an incremental update equal to one run over everything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from tidings.fusion.graph import DisjointSets
from tidings.fusion.keys import KeyRow


def components(rows: Iterable[KeyRow], tolerance_days: int) -> list[list[str]]:
    """Event ids grouped into happenings.

    Example:
        >>> import datetime as dt
        >>> d = dt.date
        >>> rows = [KeyRow("e1", "a1", "CONSULT|PRK|RUS", d(2024, 6, 17), d(2024, 6, 23)),
        ...         KeyRow("e2", "a2", "CONSULT|PRK|RUS", d(2024, 6, 19), d(2024, 6, 19)),
        ...         KeyRow("e3", "a3", "CONSULT|PRK|RUS", d(2024, 9, 1), d(2024, 9, 1))]
        >>> sorted(map(sorted, components(rows, 1)))
        [['e1', 'e2'], ['e3']]
    """
    sets: DisjointSets[str] = DisjointSets()
    by_key: dict[str, list[KeyRow]] = {}
    for row in rows:
        sets.add(row.event_id)
        if row.key and row.lo is not None and row.hi is not None:
            by_key.setdefault(row.key, []).append(row)
    gap = dt.timedelta(days=tolerance_days)
    for key_rows in by_key.values():
        hard = [r for r in key_rows if not r.soft]
        spans = _sweep(hard, gap, sets)
        loose: list[KeyRow] = []
        for r in key_rows:
            if not r.soft:
                continue
            best = _nearest(r, spans, gap)
            if best is None:
                loose.append(r)
            else:
                sets.union(best, r.event_id)
        _sweep(loose, gap, sets)
    return sets.groups()


@dataclass(slots=True)
class _Span:
    lo: dt.date
    hi: dt.date
    first: str
    directions: set[str]


def _sweep(rows: list[KeyRow], gap: dt.timedelta, sets: DisjointSets[str]) -> list[_Span]:
    """Join runs of overlapping windows; returns each run's span, first event and the visit
    directions in it."""
    rows.sort(key=lambda r: (r.lo, r.hi, r.event_id))
    spans: list[_Span] = []
    for r in rows:
        assert r.lo is not None and r.hi is not None
        if spans and _within(r.lo, spans[-1].hi, gap):
            span = spans[-1]
            sets.union(span.first, r.event_id)
            span.hi = max(span.hi, r.hi)
        else:
            span = _Span(r.lo, r.hi, r.event_id, set())
            spans.append(span)
        if r.direction:
            span.directions.add(r.direction)
    return spans


def _nearest(row: KeyRow, spans: list[_Span], gap: dt.timedelta) -> str | None:
    """The dated group a guessed window belongs to, among those it overlaps.

    A plan (a window from its report day forward) takes the earliest group from its report
    day on; an allegation of what went before (a window ending at its report day) the latest
    group up to it; a denial (both ways) the nearest. A visit never joins a group of visits
    the other way round.
    """
    assert row.lo is not None and row.hi is not None
    anchor = row.anchor or row.lo
    forward = row.lo >= anchor
    backward = row.hi <= anchor
    best: tuple[int, dt.date, str] | None = None
    for span in spans:
        if not (_within(span.lo, row.hi, gap) and _within(row.lo, span.hi, gap)):
            continue
        if row.direction and span.directions and row.direction not in span.directions:
            continue
        if span.lo <= anchor <= span.hi:
            distance = 0
        elif forward:
            distance = (span.lo - anchor).days if span.lo > anchor else 10**6
        elif backward:
            distance = (anchor - span.hi).days if span.hi < anchor else 10**6
        else:
            distance = min(abs((anchor - span.lo).days), abs((anchor - span.hi).days))
        candidate = (distance, span.lo, span.first)
        if best is None or candidate < best:
            best = candidate
    return best[2] if best else None


def _within(lo: dt.date, reach: dt.date, gap: dt.timedelta) -> bool:
    try:
        return lo <= reach + gap
    except OverflowError:
        return True
