"""Handlers of durations, frequencies, clock times and reference words.

"three weeks", "the past two years", "for years" (DURATION); "every week", "daily" (SET);
"10:30 a.m.", "noon Friday" (TIME); "now", "recently", "the future" (PRESENT_REF, PAST_REF,
FUTURE_REF).
"""

from __future__ import annotations

import datetime as dt
import re

from tidings.temporal import calendar as cal
from tidings.temporal.resolution import Context, HandlerBase, Resolution, word_before

#: Words before a bare plural unit ("for years") that make it a duration.
_PLURAL_CUES = frozenset(
    ["for", "within", "over", "in", "after", "lasting", "took", "spent", "taking"]
)
#: Words after "daily", "weekly"... that show an adverb of frequency, not an adjective.
_ADVERB_FOLLOWERS = frozenset(
    ["and", "or", "to", "in", "on", "at", "for", "from", "by", "with", "since", "until",
     "basis", "through", "during", "but", "as"]
)  # fmt: skip
#: The end of an amount before "a year", "a week": then it is a rate ("$5 million a year",
#: "four flights a week"), which news annotation leaves untagged.
_AMOUNT_BEFORE = re.compile(
    r"(?:\d(?:[\d,.]*\d)?(?:\s*(?:%|percent|million|billion|trillion|thousand))?"
    r"|(?:\d(?:[\d,.]*\d)?|one|two|three|four|five|six|seven|eight|nine|ten|dozen|hundred|"
    r"several|few)\s+[a-z]+s|cents|dollars|times|once|twice)\s+$",
    re.IGNORECASE,
)


#: A weekday after an aside that follows a clock time: "at 9 a.m. (0700 GMT) Friday".
_DAY_AFTER_ASIDE = re.compile(
    r"\s*\([^()]{1,25}\)\s*,?\s*(?:on\s+)?(?P<wd>(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b",
    re.IGNORECASE,
)


class AmountHandlers(HandlerBase):
    """Handlers of the rules for durations, frequencies, clock times and reference words."""

    def _h_duration(self, m: re.Match[str], ctx: Context) -> Resolution | None:
        unit = self._unit_key(m["unit"])
        numword = m["num"].lower()
        if unit not in self.lex.units:
            return None
        if unit == "second" and numword in ("a", "an"):
            return None
        rel = (m["rel"] or "").lower()
        n = self._number(numword)
        if m["half"] and n is not None:
            n += 0.5  # "a year and a half"
        if n is not None and n > 5000:
            return None
        if unit == "quarter" and numword in ("a", "an", "one") and not rel:
            return None
        if unit == "quarter" and re.search(r"\w-quarters?\b", m.group(0), re.IGNORECASE):
            return None  # "three-quarters of its food": a fraction
        if (
            ctx.recheck
            and re.match(r"(?:a|an|per)\s", m.group(0), re.IGNORECASE)
            and _AMOUNT_BEFORE.search(m.string, max(0, m.start() - 40), m.start())
        ):
            return None  # "$2 million a year": a rate
        res = Resolution("DURATION", self._duration_value(n, unit), mod=self._mod(m, "amod"))
        gran = cal.UNIT_GRANULARITY.get(unit)
        if ctx.anchor is not None and gran and isinstance(n, int) and rel in (
            "past", "last", "previous", "recent", "latest", "next", "coming", "following",
        ):  # fmt: skip
            a = ctx.anchor
            if rel in ("next", "coming", "following"):
                res.interval = (a, cal.add(a, unit, n))
            else:
                res.interval = (cal.add(a, unit, -n), a)
        return res

    def _h_fuzzy_plural(self, m: re.Match[str], ctx: Context) -> Resolution | None:
        unit = self._unit_key(m["unit"])
        rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
        if not rel and word_before(m.string, m.start()) not in _PLURAL_CUES:
            return None
        if rel == "recent" and unit == "year":
            return Resolution("DATE", "PAST_REF")
        return Resolution("DURATION", self._duration_value(None, unit))

    def _h_reference(self, m: re.Match[str], ctx: Context) -> Resolution | None:
        word = re.sub(r"\s+", " ", m["w"].lower())
        ref = self.lex.references[word]
        if word in ("current", "recent") and not re.match(
            r"\s+[a-z]", m.string[m.end() : m.end() + 3]
        ):
            return None
        p = cal.day(ctx.anchor) if ref == "PRESENT_REF" and ctx.anchor else None
        return Resolution("DATE", ref, p)

    def _h_clock(self, m: re.Match[str], ctx: Context) -> Resolution | None:
        groups = m.groupdict()
        if groups.get("nt"):
            nt = groups["nt"].lower().replace("-", "")
            hh, mi = {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}.get(nt, (-1, 0))
            code = "AF" if "afternoon" in nt else "MO" if "morning" in nt else None
        else:
            hh, mi = int(groups["h"]), int(groups["mi"] or 0)
            if hh > 12 or hh == 0:
                return None
            ampm = groups["ampm"].lower()
            if ampm.startswith("o"):  # "four o'clock": the hour as written
                pm = False
            elif ampm.startswith(("in", "at")):  # "4 in the morning", "10 at night"
                pm = "morning" not in ampm and not ("night" in ampm and hh < 5)
            else:
                pm = ampm.startswith("p")
            hh = (hh % 12) + (12 if pm else 0)
            code = None
        d = ctx.anchor
        dayword = groups.get("day") or groups.get("day0")
        wdword = groups.get("wd2") or groups.get("wd0")
        if d is not None and dayword:
            w = dayword.lower()
            if wdword:
                wd = self.weekday_number(wdword)
                if ctx.direction == "future":
                    d = d + dt.timedelta(days=(wd - d.isoweekday()) % 7)
                else:
                    d = d - dt.timedelta(days=(d.isoweekday() - wd) % 7)
            else:
                d = d + dt.timedelta(days={"yesterday": -1, "tomorrow": 1}.get(w, 0))
        if groups.get("cmon") and d is not None:
            try:
                day_number = int(re.sub(r"\D", "", groups["cd"]))
                d = dt.date(d.year, self.month_number(groups["cmon"]), day_number)
            except ValueError:
                return None
        uses_ref = False
        if d is not None and not dayword and not groups.get("cmon"):
            later = _DAY_AFTER_ASIDE.match(m.string, m.end())
            if later is not None:  # "at 9 a.m. (0700 GMT) Friday"
                wd = self.weekday_number(later["wd"])
                if ctx.direction == "future":
                    d = d + dt.timedelta(days=(wd - d.isoweekday()) % 7)
                else:
                    d = d - dt.timedelta(days=(d.isoweekday() - wd) % 7)
            elif ctx.ref is not None and ctx.ref.gran == "day":
                d, uses_ref = ctx.ref.start, True  # "On May 2 ... at 10 p.m.": that day
        day_value = d.isoformat() if d else "XXXX-XX-XX"
        time_value = code if code else f"{hh:02d}:{mi:02d}"
        return Resolution(
            "TIME", f"{day_value}T{time_value}", cal.day(d) if d else None,
            mod=self._mod(m, "amod"), directional=bool(wdword), uses_ref=uses_ref,
        )  # fmt: skip

    def _h_set(self, m: re.Match[str], ctx: Context) -> Resolution | None:
        groups = m.groupdict()
        if groups.get("adv"):
            after = re.match(r"\s+([a-z]+)", m.string[m.end() : m.end() + 20])
            if after and after.group(1) not in _ADVERB_FOLLOWERS:
                return None  # "a daily newspaper": an adjective, not a frequency
            code = {
                "daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y",
                "yearly": "P1Y", "quarterly": "P3M", "hourly": "PT1H", "nightly": "P1D",
                "biweekly": "P2W", "semiannually": "P6M", "bimonthly": "P2M",
            }[groups["adv"].lower()]  # fmt: skip
            return Resolution("SET", code)
        if groups.get("wdp"):
            return Resolution("SET", f"XXXX-WXX-{self.weekday_number(groups['wdp'])}")
        if groups.get("wd"):
            return Resolution("SET", f"XXXX-WXX-{self.weekday_number(groups['wd'])}")
        if groups.get("mon"):
            if groups["mon"][0].islower():
                return None
            return Resolution("SET", f"XXXX-{self.month_number(groups['mon']):02d}")
        word = groups["unit"].lower()
        if word in self.lex.parts_of_day:
            return Resolution("SET", f"XXXX-XX-XXT{self.lex.parts_of_day[word]}")
        unit = "week" if word == "weekend" else word
        n = 1
        if groups.get("other"):
            n = 2 if groups["other"].lower() == "other" else 1
        if groups.get("n"):
            n = int(self._number(groups["n"]) or 1)
        value = self._duration_value(n, unit)
        if word == "weekend":
            value = "XXXX-WXX-WE"
        return Resolution("SET", value)
