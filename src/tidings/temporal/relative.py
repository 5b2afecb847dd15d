"""Handlers of relative dates: "yesterday", "last week", "on Friday", "two days ago".

They are resolved against the anchor (the publication date), the direction (past or future)
for names without one ("on Friday") and the reference period (the last date mentioned) for
anaphoric ones ("that day", "a week later").
"""

from __future__ import annotations

import datetime as dt
import re

from tidings.temporal import calendar as cal
from tidings.temporal.resolution import Context, HandlerBase, Resolution, words_before

#: Words before "of the year" that make it the current year ("the first months of the year").
_PART_OF_YEAR = frozenset(
    ["months", "weeks", "days", "part", "rest", "remainder", "balance", "start", "beginning",
     "middle", "half", "quarter", "quarters", "course"]
)  # fmt: skip
#: Words after "the year" that make it anaphoric or a noun ("the year before", "the year of").
_YEAR_NOT_AFTER = re.compile(
    r"\s+(?:before|after|earlier|later|ago|since|that|when|in\s+which|of|to|ahead|behind|"
    r"in\s+review|round|around|and|or)\b"
)


class RelativeHandlers(HandlerBase):
    """Handlers of the rules for dates relative to the anchor or to the last date."""

    def _h_day_relative(self, m: re.Match[str], ctx: Context) -> Resolution | None:
        word = re.sub(r"\s+", " ", m["word"].lower())
        offset = {
            "today": 0,
            "tonight": 0,
            "yesterday": -1,
            "tomorrow": 1,
            "the day before yesterday": -2,
            "the day after tomorrow": 2,
            "overnight": -1,
            "last night": -1,
        }[word]
        if word == "today" and m.string[m.end() : m.end() + 2] in ("'s", "’s"):
            return None  # "today's youth": the present in general
        part = m["pod"] or ("night" if word in ("tonight", "overnight", "last night") else None)
        mod = self._mod(m)
        if ctx.anchor is None:
            return Resolution("TIME" if part else "DATE", "XXXX-XX-XX", mod=mod)
        d = ctx.anchor + dt.timedelta(days=offset)
        return self._day_with_part(d, part, mod)

    def _h_this_pod(self, m: re.Match[str], ctx: Context) -> Resolution | None:
        base = ctx.anchor
        if re.search(r"\bthat\b", m.group(0), re.IGNORECASE):
            base = ctx.ref.start if ctx.ref is not None and ctx.ref.gran == "day" else None
            if base is None:
                return None
        if base is None:
            return Resolution("TIME", "XXXX-XX-XX")
        res = self._day_with_part(base, m["pod"], None)
        res.uses_ref = base is not ctx.anchor
        return res

    def _h_unit_relative(self, m: re.Match[str], ctx: Context) -> Resolution | None:
        rel = re.sub(r"\s+", " ", m["rel"].lower())
        unit = m["unit"].lower()
        pre = (m["pre"] or "").lower()
        mod = self._mod(m)
        bare = rel in ("the", "that") and not (pre or mod) and unit != "weekend"
        if bare and (rel == "the" or unit not in ("day", "year", "week", "month")):
            return None  # "the year" alone is too vague
        if unit == "day" and rel not in ("the same", "that", "the following", "the previous",
                                          "the next"):  # fmt: skip
            return None
        gran = "week" if unit == "weekend" else unit
        uses_ref = rel in ("that", "the same", "the following", "the previous", "the next")
        base_day = ctx.anchor
        if uses_ref:
            if ctx.ref is None:
                if rel in ("the next", "the following") or (rel == "that" and unit != "day"):
                    if ctx.anchor is None:
                        return None
                else:
                    return None
            else:
                base_day = ctx.ref.start
        if base_day is None:
            return Resolution("DATE", "XXXX", mod=mod)
        offsets = {
            "last": -1, "the past": -1, "the previous": -1, "this past": -1, "the last": -1,
            "next": 1, "the coming": 1, "the following": 1, "this coming": 1, "the next": 1,
        }  # fmt: skip
        n = offsets.get(rel, 0)
        p = cal.shift(cal.of(gran, base_day), gran, n)
        if unit == "weekend":
            sat = p.start + dt.timedelta(days=5)
            if rel == "the" and ctx.direction != "future" and sat > base_day:
                sat -= dt.timedelta(days=7)  # "over the weekend": the one just past
                p = cal.week(sat)
            return Resolution(
                "DATE", f"{p.value}-WE", p, mod=mod, interval=(sat, sat + dt.timedelta(days=1)),
                uses_ref=uses_ref,
            )  # fmt: skip
        interval = None
        if pre == "earlier" and n == 0 and ctx.anchor is not None and not uses_ref:
            interval = (p.start, min(p.end, ctx.anchor))
        elif pre == "later" and n == 0 and ctx.anchor is not None and not uses_ref:
            interval = (max(p.start, ctx.anchor), p.end)
        return Resolution("DATE", p.value, p, mod=mod, interval=interval, uses_ref=uses_ref)

    def _h_the_year(self, m: re.Match[str], ctx: Context) -> Resolution | None:
        """ "the year" alone: the current year after "for", "during", "months of"; the span
        of a reported year before "ended"/"ending" (a duration); else nothing ("the year
        before", "player of the year")."""
        if ctx.recheck:
            after = m.string[m.end() : m.end() + 20]
            if re.match(r"\s+end(?:ed|ing)\b", after):
                return Resolution("DURATION", "P1Y")
            if _YEAR_NOT_AFTER.match(after):
                return None
            before = words_before(m.string, m.start())
            cue = before[-1:] in (["for"], ["during"], ["throughout"], ["over"])
            if not cue and not (before[-1:] == ["of"] and before[0] in _PART_OF_YEAR):
                return None
        if ctx.anchor is None:
            return Resolution("DATE", "XXXX")
        p = cal.year(ctx.anchor.year)
        return Resolution("DATE", p.value, p)

    def _h_year_end(self, m: re.Match[str], ctx: Context) -> Resolution | None:
        if ctx.anchor is None:
            return Resolution("DATE", "XXXX", mod="END")
        p = cal.year(ctx.anchor.year)
        return Resolution("DATE", p.value, p, mod="END")

    def _h_year_adjective(self, m: re.Match[str], ctx: Context) -> Resolution | None:
        if ctx.ref is not None and ctx.ref.gran in ("quarter", "month", "half"):
            p = cal.shift(ctx.ref, "year", -1)
            return Resolution("DATE", p.value, p, uses_ref=True)
        if ctx.anchor is None:
            return Resolution("DATE", "XXXX")
        p = cal.year(ctx.anchor.year - 1)
        return Resolution("DATE", p.value, p)

    def _h_pod_relative(self, m: re.Match[str], ctx: Context) -> Resolution | None:
        """ "the next morning", "the same evening", "later in the day": a part of the day
        (or the day itself) of the last day mentioned, else of the publication day."""
        rel = (m["rel"] or "").lower()
        what = (m["pod"] or m["what"]).lower()
        base, uses_ref = ctx.anchor, False
        if ctx.ref is not None and ctx.ref.gran == "day":
            base, uses_ref = ctx.ref.start, True
        elif rel in ("next", "following", "previous") and ctx.ref is not None:
            return None  # "the next morning" after a month: no day to count from
        part = None if what == "day" else what
        if base is None:
            return Resolution("TIME" if part else "DATE", "XXXX-XX-XX")
        offset = {"next": 1, "following": 1, "previous": -1}.get(rel, 0)
        res = self._day_with_part(base + dt.timedelta(days=offset), part, None)
        res.uses_ref = uses_ref
        return res

    def _h_someday(self, m: re.Match[str], ctx: Context) -> Resolution | None:
        """ "will one day", "could some day", "someday": an unspecified future."""
        return Resolution("DATE", "FUTURE_REF")

    def _h_weekday(self, m: re.Match[str], ctx: Context) -> Resolution | None:
        wd = self.weekday_number(m["wd"])
        rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
        mod = self._mod(m)
        part = m["pod"]
        base = ctx.anchor
        uses_ref = False
        anaphoric = rel in ("that", "the previous", "the following")
        if anaphoric and ctx.ref is not None and ctx.ref.gran == "day":
            base, uses_ref = ctx.ref.start, True
        if base is None:
            value = f"XXXX-WXX-{wd}"
            return Resolution("TIME" if part else "DATE", value, mod=mod, directional=not rel)
        delta_back = (base.isoweekday() - wd) % 7
        delta_fwd = (wd - base.isoweekday()) % 7
        directional = False
        if rel in ("last", "this past", "the previous", "past"):
            d = base - dt.timedelta(days=delta_back or 7)
        elif rel in ("next", "the following", "this coming", "coming"):
            d = base + dt.timedelta(days=delta_fwd or 7)
        elif rel == "this":
            d = base + dt.timedelta(days=wd - base.isoweekday())
        else:
            directional = True
            if ctx.direction == "future":
                d = base + dt.timedelta(days=delta_fwd)
            else:
                d = base - dt.timedelta(days=delta_back)
        res = self._day_with_part(d, part, mod)
        res.directional = directional
        res.uses_ref = uses_ref
        return res

    def _h_ago(self, m: re.Match[str], ctx: Context) -> Resolution | None:
        unit = self._unit_key(m["unit"])
        n = self._number(m["num"])
        direction = re.sub(r"\s+", " ", m["dir"].lower())
        if unit == "second" and m["num"].lower() in ("a", "an"):
            return None
        if direction in ("before", "after"):
            tail = m.string[m.end() : m.end() + 3]
            if not re.match(r"\s*(?:[.,;:)]|$)", tail):
                return None  # "two days before the vote": a duration, handled elsewhere
        backward = direction in ("ago", "earlier", "before", "back")
        uses_ref = direction in ("earlier", "later", "before", "after")
        amod = self._mod(m, "amod")
        base = ctx.ref if uses_ref and ctx.ref is not None else None
        if base is None and unit == "year" and ctx.ref is not None and ctx.ref.gran == "quarter":
            base, uses_ref = ctx.ref, True  # "a year ago" beside a quarter: that quarter
        if base is None:
            if ctx.anchor is None:
                return Resolution("DATE", "XXXX", mod=amod)
            base = cal.day(ctx.anchor)
            uses_ref = False
        gran = cal.UNIT_GRANULARITY.get(unit)
        if gran is None:  # hours, minutes
            return Resolution("TIME" if ctx.anchor else "DATE", "PAST_REF" if backward else
                              "FUTURE_REF", mod=amod)  # fmt: skip
        if n is None or isinstance(n, float):
            value = "PAST_REF" if backward else "FUTURE_REF"
            return Resolution("DATE", value, None, mod=amod)
        step = -n if backward else n
        if uses_ref and cal.GRANULARITIES.index(base.gran) <= cal.GRANULARITIES.index(gran):
            p = cal.shift(base, unit, step)  # "a week later" than a day is a day
        else:
            p = cal.of(gran, cal.add(base.start, unit, step))  # "three weeks ago": a week
        return Resolution("DATE", p.value, p, mod=amod, uses_ref=uses_ref)
