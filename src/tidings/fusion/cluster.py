"""Grouping events into happenings: connected components of the compatibility relation.

Within one key, windows sorted by start overlap in runs; each run is connected (a sweep,
not a comparison of all pairs). An event with several keys joins the components of each.
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
        key_rows.sort(key=lambda r: (r.lo, r.hi, r.event_id))
        first: str | None = None
        reach: dt.date | None = None
        for r in key_rows:
            assert r.lo is not None and r.hi is not None
            if first is not None and reach is not None and _within(r.lo, reach, gap):
                sets.union(first, r.event_id)
                reach = max(reach, r.hi)
            else:
                first, reach = r.event_id, r.hi
    return sets.groups()


def _within(lo: dt.date, reach: dt.date, gap: dt.timedelta) -> bool:
    try:
        return lo <= reach + gap
    except OverflowError:
        return True
