"""What the handlers of the time grammar share: the context and result records, the number
words and the helpers that read numbers, units and modifiers.

A handler takes a match of its rule (see :mod:`tidings.temporal.grammar`) and a
:class:`Context` (anchor, direction, reference period) and returns a :class:`Resolution`, or
``None`` when the match is not a time expression after all ("may" the verb, "the fall of the
city"). The handlers live by theme in :mod:`~tidings.temporal.dates` (calendar dates),
:mod:`~tidings.temporal.relative` (dates relative to the anchor or to the last date) and
:mod:`~tidings.temporal.amounts` (durations, frequencies, clock times, reference words).
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


def words_before(text: str, pos: int, n: int = 2) -> list[str]:
    """The ``n`` words before ``pos``, nearest last."""
    return [w.lower() for w in re.findall(r"[\w']+", text[max(0, pos - 60) : pos])[-n:]]


def word_before(text: str, pos: int) -> str:
    """The word (or comma, bracket) just before ``pos``, lower-cased."""
    m = re.search(r"([\w,(]+)\W*$", text[max(0, pos - 30) : pos])
    return m.group(1).lower() if m else ""


def year_of(token: str) -> int | None:
    """The year of a figure ("98" -> 1998, "2024" -> 2024); ``None`` when not a figure."""
    token = token.strip().lstrip("'’")
    if not token.isdigit():
        return None
    value = int(token)
    if len(token) == 2:
        return 1900 + value if value >= 30 else 2000 + value
    return value


class HandlerBase:
    """Helpers shared by the handlers; subclasses add the ``_h_*`` handlers by theme."""

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
        if w.endswith(" and a half"):
            whole = self._number(w[: -len(" and a half")])
            return None if whole is None else whole + 0.5
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
                if info.get("time"):  # minutes and hours split into time units
                    finer.update({"M": ("S", 60), "S": ("S", 1)})
                if code in finer and code != "S":
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

    def _day_with_part(self, d: dt.date, part: str | None, mod: str | None) -> Resolution:
        if part:
            code = self.lex.parts_of_day[part.lower()]
            return Resolution("TIME", f"{d.isoformat()}T{code}", cal.day(d), mod=mod)
        return Resolution("DATE", d.isoformat(), cal.day(d), mod=mod)
