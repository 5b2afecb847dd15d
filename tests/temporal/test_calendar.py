"""Calendar periods: values, intervals, shifts and modifiers."""

from __future__ import annotations

import datetime as dt

from tidings.temporal import calendar as cal


def test_calendar_iso_week_spans_monday_to_sunday() -> None:
    p = cal.week(dt.date(2024, 6, 12))
    assert (p.value, p.start, p.end) == ("2024-W24", dt.date(2024, 6, 10), dt.date(2024, 6, 16))


def test_calendar_iso_week_of_early_january_belongs_to_previous_year() -> None:
    assert cal.week(dt.date(2021, 1, 2)).value == "2020-W53"


def test_calendar_winter_runs_into_next_year() -> None:
    p = cal.season(2023, "WI")
    assert (p.value, p.start, p.end) == ("2023-WI", dt.date(2023, 12, 1), dt.date(2024, 2, 29))


def test_calendar_decade_and_century_values() -> None:
    assert cal.decade(1994).value == "199"
    assert cal.century(20).value == "19"
    assert cal.century(20).start == dt.date(1900, 1, 1)


def test_calendar_shift_keeps_coarser_granularity() -> None:
    assert cal.shift(cal.quarter(2024, 3), "year", -1).value == "2023-Q3"
    assert cal.shift(cal.day(dt.date(2024, 6, 3)), "week", 1).value == "2024-06-10"


def test_calendar_shift_by_finer_unit_takes_that_granularity() -> None:
    assert cal.shift(cal.year(2024), "month", 1).value == "2024-02"


def test_calendar_add_clamps_month_ends() -> None:
    assert cal.add(dt.date(2024, 1, 31), "month", 1) == dt.date(2024, 2, 29)
    assert cal.add(dt.date(2024, 2, 29), "year", -1) == dt.date(2023, 2, 28)


def test_calendar_narrow_month_thirds() -> None:
    may = cal.month(2024, 5)
    assert cal.narrow(may, "START") == (dt.date(2024, 5, 1), dt.date(2024, 5, 10))
    assert cal.narrow(may, "MID") == (dt.date(2024, 5, 11), dt.date(2024, 5, 20))
    assert cal.narrow(may, "END") == (dt.date(2024, 5, 21), dt.date(2024, 5, 31))
    assert cal.narrow(may, "APPROX") == (may.start, may.end)


def test_calendar_precision_names() -> None:
    assert cal.half(2024, 2).precision == "quarter"
    assert cal.season(2024, "SU").precision == "season"
    assert cal.of("quarter", dt.date(2024, 11, 5)).value == "2024-Q4"
