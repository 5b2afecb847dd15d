"""Calendar periods: a TimeML value together with the interval of days it covers.

A :class:`Period` is what a date expression resolves to: a day, an ISO week, a month, a
quarter, a half year, a season, a year, a decade or a century. Periods can be shifted by
calendar units ("a year earlier" moves a quarter to the same quarter of the previous year)
and narrowed by a modifier ("late May" is the last third of May).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

#: Granularities from finest to coarsest; the index orders them.
GRANULARITIES: tuple[str, ...] = (
    "day",
    "week",
    "month",
    "quarter",
    "season",
    "half",
    "year",
    "decade",
    "century",
)

#: Precision reported for each granularity (``DateInfo.precision``).
PRECISION: dict[str, str] = {
    "day": "day",
    "week": "week",
    "month": "month",
    "quarter": "quarter",
    "season": "season",
    "half": "quarter",
    "year": "year",
    "decade": "decade",
    "century": "unknown",
}

#: Granularity a calendar unit word stands for.
UNIT_GRANULARITY: dict[str, str] = {
    "day": "day",
    "night": "day",
    "week": "week",
    "fortnight": "week",
    "month": "month",
    "quarter": "quarter",
    "year": "year",
    "decade": "decade",
    "century": "century",
}

_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


@dataclass(frozen=True, slots=True)
class Period:
    """A calendar period.

    Attributes:
        gran: One of :data:`GRANULARITIES`.
        value: TimeML value (``2024-06-12``, ``2024-W24``, ``2024-Q2``, ``2024-SU``, ``199``).
        start, end: First and last day, inclusive.
    """

    gran: str
    value: str
    start: dt.date
    end: dt.date

    @property
    def precision(self) -> str:
        """The precision name used in :class:`tidings.records.DateInfo`."""
        return PRECISION[self.gran]


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def day(d: dt.date) -> Period:
    """The period of one day.

    Example:
        >>> day(dt.date(2024, 6, 12)).value
        '2024-06-12'
    """
    return Period("day", d.isoformat(), d, d)


def week(d: dt.date) -> Period:
    """The ISO week (Monday to Sunday) holding ``d``.

    Example:
        >>> week(dt.date(2024, 6, 12)).value
        '2024-W24'
    """
    iso = d.isocalendar()
    monday = d - dt.timedelta(days=d.weekday())
    return Period("week", f"{iso.year}-W{iso.week:02d}", monday, monday + dt.timedelta(days=6))


def month(year: int, m: int) -> Period:
    """The period of one month."""
    return Period(
        "month", f"{year:04d}-{m:02d}", dt.date(year, m, 1), dt.date(year, m, _last_day(year, m))
    )


def quarter(year: int, q: int) -> Period:
    """The period of one quarter (``q`` in 1..4)."""
    first = 3 * (q - 1) + 1
    return Period(
        "quarter",
        f"{year:04d}-Q{q}",
        dt.date(year, first, 1),
        dt.date(year, first + 2, _last_day(year, first + 2)),
    )


def half(year: int, h: int) -> Period:
    """The period of one half year (``h`` in 1..2)."""
    return Period(
        "half",
        f"{year:04d}-H{h}",
        dt.date(year, 1 if h == 1 else 7, 1),
        dt.date(year, 6, 30) if h == 1 else dt.date(year, 12, 31),
    )


def season(year: int, code: str) -> Period:
    """A meteorological season (``SP``, ``SU``, ``FA``, ``WI``); winter runs into next year."""
    first = _SEASON_START[code]
    start = dt.date(year, first, 1)
    end = _add_months(start, 3) - dt.timedelta(days=1)
    return Period("season", f"{year:04d}-{code}", start, end)


def year(y: int) -> Period:
    """The period of one year."""
    return Period("year", f"{y:04d}", dt.date(y, 1, 1), dt.date(y, 12, 31))


def decade(y: int) -> Period:
    """The decade holding year ``y`` (``1990s`` -> value ``199``)."""
    first = y - y % 10
    return Period("decade", f"{first // 10:03d}", dt.date(first, 1, 1), dt.date(first + 9, 12, 31))


def century(c: int) -> Period:
    """The ``c``-th century (1-based: the 20th century is 1901..2000, value ``19``)."""
    first = 100 * (c - 1)
    return Period(
        "century", f"{c - 1:02d}", dt.date(max(first, 1), 1, 1), dt.date(first + 99, 12, 31)
    )


def _add_months(d: dt.date, n: int) -> dt.date:
    index = d.year * 12 + d.month - 1 + n
    y, m = divmod(index, 12)
    return dt.date(y, m + 1, min(d.day, _last_day(y, m + 1)))


def add(d: dt.date, unit: str, n: int) -> dt.date:
    """``d`` moved by ``n`` calendar units (``day``, ``week``, ``month``, ``quarter``...).

    Example:
        >>> add(dt.date(2024, 3, 31), "month", -1)
        datetime.date(2024, 2, 29)
    """
    if unit in ("day", "night"):
        return d + dt.timedelta(days=n)
    if unit == "week":
        return d + dt.timedelta(weeks=n)
    if unit == "fortnight":
        return d + dt.timedelta(weeks=2 * n)
    months = {"month": 1, "quarter": 3, "season": 3, "half": 6, "year": 12, "decade": 120}
    if unit in months:
        return _add_months(d, months[unit] * n)
    if unit == "century":
        return _add_months(d, 1200 * n)
    raise ValueError(f"unknown calendar unit {unit!r}")


def of(gran: str, d: dt.date) -> Period:
    """The period of granularity ``gran`` holding day ``d``."""
    if gran == "day":
        return day(d)
    if gran == "week":
        return week(d)
    if gran == "month":
        return month(d.year, d.month)
    if gran == "quarter":
        return quarter(d.year, (d.month - 1) // 3 + 1)
    if gran == "half":
        return half(d.year, 1 if d.month <= 6 else 2)
    if gran == "season":
        code = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP"}.get(d.month)
        if code is None:
            code = "SU" if d.month <= 8 else "FA"
        return season(d.year - 1 if d.month <= 2 else d.year, code)
    if gran == "year":
        return year(d.year)
    if gran == "decade":
        return decade(d.year)
    if gran == "century":
        return century(d.year // 100 + 1)
    raise ValueError(f"unknown granularity {gran!r}")


def shift(p: Period, unit: str, n: int) -> Period:
    """Move ``p`` by ``n`` units, keeping its granularity when the unit is not finer.

    "A year earlier" than the third quarter of 2024 is the third quarter of 2023; a week
    later than a quarter is only known to the week.

    Example:
        >>> shift(quarter(2024, 3), "year", -1).value
        '2023-Q3'
    """
    gran = UNIT_GRANULARITY.get(unit, unit)
    moved = add(p.start, unit, n)
    if GRANULARITIES.index(gran) < GRANULARITIES.index(p.gran):
        return of(gran, moved)
    return of(p.gran, moved)


def narrow(p: Period, mod: str | None) -> tuple[dt.date, dt.date]:
    """The days of ``p`` a START/MID/END modifier keeps: the first, middle or last third.

    Example:
        >>> narrow(month(2024, 5), "END")
        (datetime.date(2024, 5, 21), datetime.date(2024, 5, 31))
    """
    if mod not in ("START", "MID", "END") or p.gran == "day":
        return p.start, p.end
    if p.gran == "month":
        if mod == "START":
            return p.start, p.start.replace(day=10)
        if mod == "MID":
            return p.start.replace(day=11), p.start.replace(day=20)
        return p.start.replace(day=21), p.end
    length = (p.end - p.start).days + 1
    third = length // 3
    if mod == "START":
        return p.start, p.start + dt.timedelta(days=third - 1)
    if mod == "MID":
        return p.start + dt.timedelta(days=third), p.end - dt.timedelta(days=third)
    return p.end - dt.timedelta(days=third - 1), p.end
