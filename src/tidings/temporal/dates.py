"""Handlers of calendar dates: days, months, years, seasons, quarters, decades, holidays.

"June 19", "19 June 2024", "2024-06-19", "in March", "April 2019", "last September",
"the 1990s", "the third quarter", "summer", "Christmas": a date named on the calendar,
possibly without its year, which then comes from the anchor and the direction.
"""

from __future__ import annotations

import datetime as dt
import re

from tidings.temporal import calendar as cal
from tidings.temporal.calendar import Period
from tidings.temporal.lexicon import Lexicon
from tidings.temporal.resolution import (
    CENTURY_ORDINALS,
    DECADE_WORDS,
    Context,
    HandlerBase,
    Resolution,
    word_before,
    year_of,
)

#: Words after which a capitalised "May"/"March" is a month.
_MONTH_CUES = frozenset(
    ["in", "since", "until", "till", "by", "during", "through", "from", "before", "after", "of",
     "early", "late", "mid", "last", "next", "this", "that", "each", "every", "to", "and",
     "between", "around", "or", ",", "("]
)  # fmt: skip
#: Words before a bare season that make it a date.
_SEASON_CUES = frozenset(
    ["in", "during", "this", "last", "next", "by", "until", "since", "over", "the", "early",
     "late", "mid"]
)  # fmt: skip
#: "April 24 and" before a second day of the same month ("April 24 and 25").
#: A holiday this close to the publication date (in days) is the one meant, in any tense.
_HOLIDAY_NEAR_DAYS = 10
_DAY_LIST_BEFORE = re.compile(
    r"\b(?P<mon>[A-Za-z]{3,9})\.?\s+\d{1,2}(?:st|nd|rd|th)?"
    r"(?:\s*,\s*\d{1,2}(?:st|nd|rd|th)?)*(?:,?\s+(?:and|or)\s+|\s*,\s+)$"
)


class DateHandlers(HandlerBase):
    """Handlers of the rules that name calendar dates."""

    def _h_iso(self, m: re.Match[str], ctx: Context) -> Resolution | None:
        try:
            d = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            return None
        return Resolution("DATE", d.isoformat(), cal.day(d))

    def _h_numeric(self, m: re.Match[str], ctx: Context) -> Resolution | None:
        year = year_of(m["y"])
        mo, da = int(m["m"]), int(m["d"])
        if mo > 12:
            mo, da = da, mo
        try:
            d = dt.date(year or 0, mo, da)
        except ValueError:
            return None
        return Resolution("DATE", d.isoformat(), cal.day(d))

    def _h_month_day(self, m: re.Match[str], ctx: Context) -> Resolution | None:
        word = m["mon"]
        if word.lower().rstrip(".") in self.lex.ambiguous_months and word[0].islower():
            return None
        return self._day_of_month(
            self.month_number(word), int(re.sub(r"\D", "", m["d"])), m["y"], ctx
        )

    def _h_second_day(self, m: re.Match[str], ctx: Context) -> Resolution | None:
        """The second day of "April 24 and 25": that day of the month named just before."""
        before = _DAY_LIST_BEFORE.search(m.string, max(0, m.start() - 40), m.start())
        if before is None or not ctx.recheck:
            return None
        word = before["mon"]
        if word.lower().rstrip(".") in self.lex.ambiguous_months and word[0].islower():
            return None
        if word.lower().rstrip(".") not in self.lex.months:
            return None
        return self._day_of_month(self.month_number(word), int(m["d"]), None, ctx)

    def _day_of_month(
        self, mon: int, da: int, explicit: str | None, ctx: Context
    ) -> Resolution | None:
        """Day ``da`` of month ``mon``, in the year written or the one nearest the anchor."""
        if explicit:
            try:
                d = dt.date(self.year_number(explicit), mon, da)
            except ValueError:
                return None
            return Resolution("DATE", d.isoformat(), cal.day(d))
        if ctx.anchor is None:
            return Resolution("DATE", f"XXXX-{mon:02d}-{da:02d}", directional=True)
        options = []
        for yy in (ctx.anchor.year - 1, ctx.anchor.year, ctx.anchor.year + 1):
            try:
                options.append(dt.date(yy, mon, da))
            except ValueError:
                continue
        if not options:
            return None
        a = ctx.anchor
        # A day named without a year is near the anchor: a past clause reaches back up to a
        # year but a day less than two months ahead is still that day (a reported plan).
        nearest = min(options, key=lambda o: abs((o - a).days) * (2 if o > a else 1))
        if ctx.direction == "past":
            before = [o for o in options if o <= a]
            d = max(before) if before else nearest
            if (nearest - a).days <= 60:
                d = nearest
        elif ctx.direction == "future":
            after = [o for o in options if o >= a]
            d = min(after) if after else nearest
            if (a - nearest).days <= 14:
                d = nearest
        else:
            d = nearest
        return Resolution("DATE", d.isoformat(), cal.day(d), directional=True)

    def _h_week_of(self, m: re.Match[str], ctx: Context) -> Resolution | None:
        """ "the week of March 6": the ISO week holding that day."""
        res = self._h_month_day(m, ctx)
        if res is None or res.period is None:
            return None if res is None else Resolution("DATE", "XXXX-WXX", directional=True)
        p = cal.week(res.period.start)
        return Resolution("DATE", p.value, p, directional=res.directional)

    def _h_month(self, m: re.Match[str], ctx: Context) -> Resolution | None:
        word = m["mon"]
        key = word.lower().rstrip(".")
        groups = m.groupdict()
        has_year = bool(groups.get("y")) or bool(groups.get("rel"))
        if key in self.lex.ambiguous_months:
            if word[0].islower() or (
                len(key) == 3 and key != "may" and not word.endswith(".") and not has_year
            ):
                return None
            if key in ("may", "march") and not has_year and not m["mod"] and ctx.recheck:
                before = word_before(m.string, m.start())
                if before not in _MONTH_CUES:
                    return None
        mon = self.month_number(word)
        mod = self._mod(m)
        if groups.get("y"):
            p: Period | None = cal.month(self.year_number(groups["y"]), mon)
            return Resolution("DATE", p.value if p else "", p, mod=mod)
        rel = (groups.get("rel") or "").lower()
        if rel and ctx.anchor is None:
            return Resolution("DATE", f"XXXX-{mon:02d}", mod=mod)
        a = ctx.anchor
        if rel and a is not None:
            if m.re.pattern.find("year") >= 0 and m["rel"] and "year" in m.group(0).lower():
                yy = a.year + {"last": -1, "this": 0, "next": 1}[rel]
            elif rel in ("last", "this past"):
                yy = a.year if mon < a.month else a.year - 1
            elif rel in ("next", "this coming"):
                yy = a.year if mon > a.month else a.year + 1
            else:
                yy = a.year
            p = cal.month(yy, mon)
            return Resolution("DATE", p.value, p, mod=mod)
        p = self._month_period(mon, ctx)
        value = p.value if p else f"XXXX-{mon:02d}"
        return Resolution("DATE", value, p, mod=mod, directional=True)

    def _h_decade(self, m: re.Match[str], ctx: Context) -> Resolution | None:
        if m["dec"]:
            first = int(m["dec"])
        elif m["dec2"]:
            first = 1900 + int(m["dec2"]) if int(m["dec2"]) >= 30 else 2000 + int(m["dec2"])
        else:
            first = 1900 + 10 * DECADE_WORDS[m["decw"].lower()]
            if not m.group(0).lower().startswith("the"):
                return None
        p = cal.decade(first)
        return Resolution("DATE", p.value, p, mod=self._mod(m))

    def _h_century(self, m: re.Match[str], ctx: Context) -> Resolution | None:
        word = m["ord"].lower()
        c = int(re.sub(r"\D", "", word)) if word[0].isdigit() else CENTURY_ORDINALS[word]
        if not 1 <= c <= 22:
            return None
        p = cal.century(c)
        return Resolution("DATE", p.value, p, mod=self._mod(m))

    def _h_year(self, m: re.Match[str], ctx: Context) -> Resolution | None:
        yy = self.year_number(m["y"])
        if not m["y"][0].isdigit() and "thousand" in m["y"].lower() and not m["ty"]:
            return None  # "two thousand" alone is a number
        if not (m["fy"] or m["mod"] or m["ty"]):
            before = word_before(m.string, m.start())
            if not 1900 <= yy <= 2099 and before not in _MONTH_CUES:
                return None
            after = m.string[m.end() : m.end() + 12].lower()
            if re.match(r"\s+(?:to|and|or)\s+\d", after) and not re.match(
                r"\s+(?:to|and|or)\s+(?:1[6-9]|20)\d\d\b", after
            ):
                return None
        if m["per"] and ctx.ref is not None and ctx.ref.gran == "quarter":
            q = cal.quarter(yy, int(ctx.ref.value[-1]))  # "the 1988 period" beside a quarter
            return Resolution("DATE", q.value, q, uses_ref=True)
        p = cal.year(yy)
        return Resolution("DATE", p.value, p, mod=self._mod(m))

    def _h_season(self, m: re.Match[str], ctx: Context) -> Resolution | None:
        code = self.lex.seasons[m["season"].lower()]
        rel = (m["rel"] or "").lower()
        mod = self._mod(m)
        before = word_before(m.string, m.start()) if ctx.recheck else "in"
        if not (rel or m["y"] or mod) and (before not in _SEASON_CUES or code in ("SP", "FA")):
            return None  # a bare "spring" or "fall" is rarely a season
        bare_the = rel == "the" and not m["y"] and code in ("SP", "FA")
        if bare_the and before not in ("in", "during", "by", "until", "since"):
            return None  # "the fall of the city"
        if m["y"]:
            p = cal.season(self.year_number(m["y"]), code)
            return Resolution("DATE", p.value, p, mod=mod)
        a = ctx.anchor
        if a is None:
            return Resolution("DATE", f"XXXX-{code}", mod=mod, directional=not rel)
        current = cal.of("season", a)
        this_year = cal.season(a.year if code != "WI" or a.month > 2 else a.year - 1, code)
        if rel in ("last", "this past"):
            p = this_year if this_year.end < current.start else cal.shift(this_year, "year", -1)
            return Resolution("DATE", p.value, p, mod=mod)
        if rel in ("next", "this coming"):
            p = this_year if this_year.start > current.end else cal.shift(this_year, "year", 1)
            return Resolution("DATE", p.value, p, mod=mod)
        if rel == "this":
            return Resolution("DATE", this_year.value, this_year, mod=mod)
        p = this_year
        if ctx.direction == "past" and p.start > a:
            p = cal.shift(p, "year", -1)
        elif ctx.direction == "future" and p.end < a:
            p = cal.shift(p, "year", 1)
        return Resolution("DATE", p.value, p, mod=mod, directional=True)

    def _h_half(self, m: re.Match[str], ctx: Context) -> Resolution | None:
        h = 1 if m["h"].lower() == "first" else 2
        if m["y"]:
            yy = int(m["y"])
        elif ctx.anchor is None:
            return Resolution("DATE", f"XXXX-H{h}")
        else:
            yy = ctx.anchor.year + {"last": -1, "next": 1}.get(m["rel"].lower(), 0)
        p = cal.half(yy, h)
        return Resolution("DATE", p.value, p)

    def _h_quarter(self, m: re.Match[str], ctx: Context) -> Resolution | None:
        text = m.group(0).lower()
        qrel = (m["qrel"] or "").lower()
        qord = (m["qord"] or "").lower()
        explicit_year = m["y1"] or m["y2"]
        if not (qord or qrel or explicit_year or m["yrel"] or text.startswith(("the", "its"))):
            return None
        if text.startswith("its") and not qord and not qrel:
            return None
        q = self.lex.ordinals.get(qord) if qord else None
        a = ctx.anchor
        current = cal.of("quarter", a) if a else None
        if explicit_year:
            if q is None and ctx.ref is not None and ctx.ref.gran == "quarter":
                q = int(ctx.ref.value[-1])  # "the 1988 quarter" beside the third quarter
            if q is None:
                return Resolution("DATE", f"{int(explicit_year):04d}-QX")
            p = cal.quarter(int(explicit_year), q)
        elif a is None or current is None:
            return Resolution("DATE", f"XXXX-Q{q or 'X'}")
        elif q is not None:
            yrel = (m["yrel"] or m["yrel2"] or "").lower()
            if yrel:
                p = cal.quarter(a.year + {"last": -1, "this": 0, "next": 1}[yrel], q)
            elif m["lastyear"]:
                p = cal.quarter(a.year - 1, q)
            else:
                p = cal.quarter(a.year, q)
                if ctx.direction == "past" and p.start > a:
                    p = cal.shift(p, "year", -1)
                elif ctx.direction == "future" and p.end < cal.shift(current, "quarter", -1).start:
                    p = cal.shift(p, "year", 1)
                if qrel in ("year-earlier", "year-ago", "comparable", "corresponding"):
                    p = cal.shift(p, "year", -1)
        elif qrel in ("current", "this"):
            p = current
        elif qrel == "next":
            p = cal.shift(current, "quarter", 1)
        elif qrel in ("year-earlier", "year-ago", "comparable", "corresponding", "same"):
            base = ctx.ref if ctx.ref is not None and ctx.ref.gran == "quarter" else None
            base = base or cal.shift(current, "quarter", -1)
            p = cal.shift(base, "year", -1) if qrel != "same" else base
        else:  # "the quarter", "the latest quarter", "last quarter": the last one reported
            p = cal.shift(current, "quarter", -1)
            if qrel == "" and ctx.ref is not None and ctx.ref.gran == "quarter":
                p = ctx.ref
        if m["ago"]:
            p = cal.shift(p, "year", -1)
        return Resolution("DATE", p.value, p, directional=q is not None and not explicit_year)

    def _h_quarter_code(self, m: re.Match[str], ctx: Context) -> Resolution | None:
        q = int(m["q"][1])
        if m["y"]:
            p = cal.quarter(int(m["y"]), q)
        elif ctx.anchor is not None:
            p = cal.quarter(ctx.anchor.year, q)
        else:
            return Resolution("DATE", f"XXXX-Q{q}")
        return Resolution("DATE", p.value, p, directional=not m["y"])

    def _h_holiday(self, m: re.Match[str], ctx: Context) -> Resolution | None:
        name = re.sub(r"\s+", " ", m["hol"].lower())
        rel = (m["rel"] or "").lower()
        if m["y"]:
            years = [int(m["y"])]
        elif ctx.anchor is None:
            return Resolution("DATE", "XXXX-XX-XX", directional=True)
        else:
            years = [ctx.anchor.year - 1, ctx.anchor.year, ctx.anchor.year + 1]
        days = [_holiday(name, yy, self.lex) for yy in years]
        if len(days) == 1 or ctx.anchor is None:
            return self._holiday_resolution(days[0], m, False)
        a = ctx.anchor
        direction = {"last": "past", "next": "future"}.get(rel, ctx.direction)
        near = [x for x in days if abs((x - a).days) <= _HOLIDAY_NEAR_DAYS]
        if near and not rel:
            d = near[0]  # a holiday within days of publication is that one, whatever the tense
        elif direction == "past":
            d = max(x for x in days if x <= a)
        elif direction == "future":
            d = min(x for x in days if x >= a)
        else:
            d = days[1]
        return self._holiday_resolution(d, m, not rel)

    @staticmethod
    def _holiday_resolution(d: dt.date, m: re.Match[str], directional: bool) -> Resolution:
        """The day of a holiday, or its week ("Easter week", "Christmas week")."""
        if m["wk"]:
            p = cal.week(d)
            return Resolution("DATE", p.value, p, directional=directional)
        return Resolution("DATE", d.isoformat(), cal.day(d), directional=directional)


def _easter(y: int) -> dt.date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ll = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ll) // 451
    month_, day_ = divmod(h + ll - 7 * m + 114, 31)
    return dt.date(y, month_, day_ + 1)


def _holiday(name: str, y: int, lex: Lexicon) -> dt.date:
    """The day of a named holiday in year ``y``."""
    if name in lex.fixed_holidays:
        mo, da = lex.fixed_holidays[name]
        return dt.date(y, mo, da)
    if name.startswith("thanksgiving"):  # fourth Thursday of November (United States)
        first = dt.date(y, 11, 1)
        return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    if name.startswith("easter"):
        return _easter(y)
    # election day (United States): the Tuesday after the first Monday of November
    first = dt.date(y, 11, 1)
    monday = first + dt.timedelta(days=(0 - first.weekday()) % 7)
    return monday + dt.timedelta(days=1)
