"""Handlers of the time grammar: from a regex match to a TIMEX3 value and a period.

Each handler of :class:`Handlers` takes a match of its rule (see
:mod:`tidings.temporal.grammar`) and a :class:`Context` (anchor, direction, reference period)
and returns a :class:`Resolution`, or ``None`` when the match is not a time expression after
all ("may" the verb, "the fall of the city").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from tidings.temporal import calendar as cal
from tidings.temporal.calendar import Period
from tidings.temporal.lexicon import Lexicon


@dataclass(frozen=True, slots=True)
class Context:
    """What an expression is resolved against.

    Attributes:
        anchor: The publication date (``None`` when unknown).
        direction: ``past``, ``future`` or ``None`` (unknown) for names without a direction.
        ref: The period of the last date mentioned before the expression, if any.
        recheck: Whether to check the words around the match (``False`` when resolving
            again an expression already found, whose surroundings are gone).
    """

    anchor: dt.date | None
    direction: str | None = None
    ref: Period | None = None
    recheck: bool = True


@dataclass(slots=True)
class Resolution:
    """What a rule made of a match.

    Attributes:
        type: TIMEX3 type (DATE, TIME, DURATION, SET).
        value: TIMEX3 value.
        period: The calendar period covered, when resolvable.
        mod: TIMEX3 mod (START, MID, END, APPROX, ...).
        interval: Days kept when narrower than the (narrowed) period ("earlier this week").
        directional: Whether the value depends on the direction (past or future).
        uses_ref: Whether the value was computed from the reference period.
    """

    type: str
    value: str
    period: Period | None = None
    mod: str | None = None
    interval: tuple[dt.date, dt.date] | None = None
    directional: bool = False
    uses_ref: bool = False


DECADE_WORDS = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}
CENTURY_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
}  # fmt: skip
TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen")  # fmt: skip
#: Words after which a capitalised "May"/"March" is a month.
_MONTH_CUES = frozenset(
    ["in", "since", "until", "till", "by", "during", "through", "from", "before", "after", "of",
     "early", "late", "mid", "last", "next", "this", "that", "each", "every", "to", "and",
     "between", "around", "or", ",", "("]
)  # fmt: skip
#: Words before a bare plural unit ("for years") that make it a duration.
_PLURAL_CUES = frozenset(
    ["for", "within", "over", "in", "after", "lasting", "took", "spent", "taking"]
)
#: Words after "daily", "weekly"... that show an adverb of frequency, not an adjective.
_ADVERB_FOLLOWERS = frozenset(
    ["and", "or", "to", "in", "on", "at", "for", "from", "by", "with", "since", "until",
     "basis", "through", "during", "but", "as"]
)  # fmt: skip
#: Words before a bare season that make it a date.
_SEASON_CUES = frozenset(
    ["in", "during", "this", "last", "next", "by", "until", "since", "over", "the", "early",
     "late", "mid"]
)  # fmt: skip


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


#: The end of an amount before "a year", "a week": then it is a rate ("$5 million a year",
#: "four flights a week"), which news annotation leaves untagged.
_AMOUNT_BEFORE = re.compile(
    r"(?:\d(?:[\d,.]*\d)?(?:\s*(?:%|percent|million|billion|trillion|thousand))?"
    r"|(?:\d(?:[\d,.]*\d)?|one|two|three|four|five|six|seven|eight|nine|ten|dozen|hundred|"
    r"several|few)\s+[a-z]+s|cents|dollars|times|once|twice)\s+$",
    re.IGNORECASE,
)


def _words_before(text: str, pos: int, n: int = 2) -> list[str]:
    """The ``n`` words before ``pos``, nearest last."""
    return [w.lower() for w in re.findall(r"[\w']+", text[max(0, pos - 60) : pos])[-n:]]


def _word_before(text: str, pos: int) -> str:
    m = re.search(r"([\w,(]+)\W*$", text[max(0, pos - 30) : pos])
    return m.group(1).lower() if m else ""


def _year_of(token: str) -> int | None:
    token = token.strip().lstrip("'’")
    if not token.isdigit():
        return None
    value = int(token)
    if len(token) == 2:
        return 1900 + value if value >= 30 else 2000 + value
    return value


class Handlers:
    """The handlers and their helpers; :class:`~tidings.temporal.grammar.Grammar` adds the
    rules that call them."""

    lex: Lexicon

    def month_number(self, word: str) -> int:
        """The month number of a month word ("Sept." -> 9)."""
        return self.lex.months[word.lower().rstrip(".")]

    def weekday_number(self, word: str) -> int:
        """ISO weekday of a weekday word ("Wed." -> 3)."""
        return self.lex.weekdays[word.lower().rstrip(".")]

    def year_number(self, token: str) -> int:
        """The year written in figures or in words ("nineteen oh five" -> 1905).

        Example:
            >>> from tidings.temporal.grammar import Grammar
            >>> Grammar(Lexicon.load()).year_number("two thousand and one")
            2001
        """
        token = token.strip()
        if token.isdigit():
            return int(token)
        words = [w for w in re.split(r"[-\s]+", token.lower()) if w not in ("and", "oh", "o")]
        if words[:2] == ["two", "thousand"]:
            return 2000 + sum(self.lex.numbers[w] for w in words[2:])
        return 100 * self.lex.numbers[words[0]] + sum(self.lex.numbers[w] for w in words[1:])

    def _mod(self, m: re.Match[str], group: str = "mod") -> str | None:
        try:
            word = m.group(group)
        except IndexError:
            return None
        if not word:
            return None
        key = re.sub(r"\s+", " ", word.lower()).replace("very ", "")
        return self.lex.modifiers.get(key)

    def _number(self, word: str) -> int | float | None:
        """The value of a number word or figure; ``None`` for vague amounts ("several")."""
        w = re.sub(r"\s+", " ", word.lower())
        if w.endswith(" 1/2"):
            return float(w[:-4]) + 0.5
        if re.fullmatch(r"\d+(?:\.\d+)?", w):
            return float(w) if "." in w else int(w)
        parts = re.split(r"[- ]", w)
        if len(parts) == 2 and parts[0] in TENS and parts[1] in ONES:
            return self.lex.numbers[parts[0]] + self.lex.numbers[parts[1]]
        return self.lex.numbers.get(w)

    def _unit_key(self, word: str) -> str:
        w = word.lower()
        if w in self.lex.units:
            return w
        if w == "centuries":
            return "century"
        if w.endswith("es") and w[:-2] in self.lex.units:
            return w[:-2]
        return w[:-1]

    def _duration_value(self, n: int | float | None, unit: str) -> str:
        info = self.lex.units[unit]
        code = str(info["code"])
        count: str
        if n is None:
            count = "X"
        else:
            n = n * int(info.get("factor", 1))
            if code == "DE" and n == int(n):
                code, n = "Y", 10 * n
            elif code == "CE" and n == int(n):
                code, n = "Y", 100 * n
            elif isinstance(n, float) and n != int(n):
                whole, rest = int(n), n - int(n)
                finer = {"Y": ("M", 12), "H": ("M", 60), "D": ("H", 24), "M": ("D", 30)}
                if code in finer:
                    small, factor = finer[code]
                    sep = "T" if code == "D" else ""
                    tail = f"{sep}{round(rest * factor)}{small}"
                    head = f"{whole}{code}" if whole else ""
                    return f"PT{head}{tail}" if info.get("time") else f"P{head}{tail}"
            count = str(int(n)) if n == int(n) else str(n)
        return f"PT{count}{code}" if info.get("time") else f"P{count}{code}"

    def _month_period(self, mon: int, ctx: Context) -> Period | None:
        a = ctx.anchor
        if a is None:
            return None
        y = a.year
        if ctx.direction == "past" and mon > a.month + 1:
            y -= 1
        elif ctx.direction == "future" and mon < a.month:
            y += 1
        elif ctx.direction == "past" and mon == a.month + 1:
            pass  # next month named in a past clause: a reported plan
        if ctx.direction is None:
            # News speaks more of the past: a month ahead counts double in the distance.
            ahead = (mon - a.month) % 12
            behind = (a.month - mon) % 12
            y = (
                a.year + (1 if mon < a.month else 0)
                if 2 * ahead < behind
                else a.year - (1 if mon > a.month else 0)
            )
        return cal.month(y, mon)

    # ------------------------------------------------------------------ handlers
    def _h_iso(self, m: re.Match[str], ctx: Context) -> Resolution | None:
        try:
            d = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            return None
        return Resolution("DATE", d.isoformat(), cal.day(d))

    def _h_numeric(self, m: re.Match[str], ctx: Context) -> Resolution | None:
        year = _year_of(m["y"])
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
        mon = self.month_number(word)
        da = int(re.sub(r"\D", "", m["d"]))
        explicit = m["y"]
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
                before = _word_before(m.string, m.start())
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
            before = _word_before(m.string, m.start())
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
        before = _word_before(m.string, m.start()) if ctx.recheck else "in"
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

    def _day_with_part(self, d: dt.date, part: str | None, mod: str | None) -> Resolution:
        if part:
            code = self.lex.parts_of_day[part.lower()]
            return Resolution("TIME", f"{d.isoformat()}T{code}", cal.day(d), mod=mod)
        return Resolution("DATE", d.isoformat(), cal.day(d), mod=mod)

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
            before = _words_before(m.string, m.start())
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
            d = days[0]
            return Resolution("DATE", d.isoformat(), cal.day(d))
        a = ctx.anchor
        direction = {"last": "past", "next": "future"}.get(rel, ctx.direction)
        if direction == "past":
            d = max(x for x in days if x <= a)
        elif direction == "future":
            d = min(x for x in days if x >= a)
        else:
            d = days[1]
        return Resolution("DATE", d.isoformat(), cal.day(d), directional=not rel)

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

    def _h_duration(self, m: re.Match[str], ctx: Context) -> Resolution | None:
        unit = self._unit_key(m["unit"])
        numword = m["num"].lower()
        if unit not in self.lex.units:
            return None
        if unit == "second" and numword in ("a", "an"):
            return None
        rel = (m["rel"] or "").lower()
        n = self._number(numword)
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
        if not rel and _word_before(m.string, m.start()) not in _PLURAL_CUES:
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
            pm = groups["ampm"].lower().startswith("p")
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
        day_value = d.isoformat() if d else "XXXX-XX-XX"
        time_value = code if code else f"{hh:02d}:{mi:02d}"
        return Resolution(
            "TIME", f"{day_value}T{time_value}", cal.day(d) if d else None,
            mod=self._mod(m, "amod"), directional=bool(wdword),
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
