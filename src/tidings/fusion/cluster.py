"""Grouping events into happenings.

Within one key, reports that give a date (a dated event, an undated report of something
done) are grouped by overlapping windows: sorted by start, each run of overlaps is one
group (a sweep, not a comparison of all pairs). Reports whose window is only a guess from
their publication date (an undated plan, allegation or denial) join the group of one dated
report their window overlaps, the one nearest their report day in the direction they look;
they never bridge two dated groups, so a busy pair's separate meetings do not chain into
one. Guessed windows that overlap no
dated group are grouped among themselves by overlap (a repeated allegation of ongoing
activity is one happening). An event with several keys joins the groups of each.

The result depends only on the set of events, never on the order they arrived in, which
is what makes an incremental update equal to one run over everything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

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
        hard = sorted((r for r in key_rows if not r.soft), key=lambda r: (r.lo, r.hi, r.event_id))
        _sweep(hard, gap, sets)
        loose: list[KeyRow] = []
        for r in key_rows:
            if not r.soft:
                continue
            best = _nearest(r, hard, gap)
            if best is None:
                loose.append(r)
            else:
                sets.union(best, r.event_id)
        _sweep(loose, gap, sets)
    return sets.groups()


def _sweep(rows: list[KeyRow], gap: dt.timedelta, sets: DisjointSets[str]) -> None:
    """Join runs of overlapping windows."""
    rows.sort(key=lambda r: (r.lo, r.hi, r.event_id))
    first: str | None = None
    reach: dt.date | None = None
    for r in rows:
        assert r.lo is not None and r.hi is not None
        if first is not None and reach is not None and _within(r.lo, reach, gap):
            sets.union(first, r.event_id)
            reach = max(reach, r.hi)
        else:
            first, reach = r.event_id, r.hi


def _nearest(row: KeyRow, hard: list[KeyRow], gap: dt.timedelta) -> str | None:
    """The dated report a guessed window belongs with, among those it overlaps.

    A plan (a window from its report day forward) takes the earliest dated report from its
    report day on; an allegation of what went before (a window ending at its report day) the
    latest up to it; a denial (both ways) the nearest. A visit never goes with a visit the
    other way round. The choice depends only on the dated reports the window overlaps, so a
    new report can change it only when it falls inside the window.
    """
    assert row.lo is not None and row.hi is not None
    anchor = row.anchor or row.lo
    forward = row.lo >= anchor
    backward = row.hi <= anchor
    best: tuple[int, dt.date, str] | None = None
    for h in hard:
        assert h.lo is not None and h.hi is not None
        if not _within(row.lo, h.hi, gap):
            continue
        if not _within(h.lo, row.hi, gap):
            break  # sorted by start: every later report starts after the window
        if row.direction and h.direction and row.direction != h.direction:
            continue
        if h.lo <= anchor <= h.hi:
            distance = 0
        elif forward:
            distance = (h.lo - anchor).days if h.lo > anchor else 10**6
        elif backward:
            distance = (anchor - h.hi).days if h.hi < anchor else 10**6
        else:
            distance = min(abs((anchor - h.lo).days), abs((anchor - h.hi).days))
        candidate = (distance, h.lo, h.event_id)
        if best is None or candidate < best:
            best = candidate
    return best[2] if best else None


def _within(lo: dt.date, reach: dt.date, gap: dt.timedelta) -> bool:
    try:
        return lo <= reach + gap
    except OverflowError:
        return True
