"""The rule grammar that finds and normalises time expressions.

dateparser alone misses most news expressions ("last September", "September last year",
"in late May", "earlier this week", "as early as next week"), copies the base date's day for
"in March" and its ``search_dates`` gives false hits on "a second" or "may". So tidings finds
expressions with the compiled rules below (in the spirit of HeidelTime) and resolves them
itself against the anchor (the publication date), the direction (past or future) and the
reference period (the last date mentioned, for "a week later").

Each :class:`Rule` is one compiled regular expression and a handler turning a match into a
:class:`Resolution`. The same rule is re-run on an expression's text to resolve it again with
another direction (see :func:`tidings.temporal.resolve`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from tidings.temporal.handlers import (
    CENTURY_ORDINALS,
    DECADE_WORDS,
    ONES,
    TEENS,
    TENS,
    Context,
    Handlers,
    Resolution,
)
from tidings.temporal.lexicon import Lexicon, alternation

__all__ = ["Context", "Grammar", "Handler", "Resolution", "Rule"]

Handler = Callable[[re.Match[str], Context], Resolution | None]


@dataclass(frozen=True, slots=True)
class Rule:
    """One pattern of the grammar and its handler."""

    name: str
    pattern: re.Pattern[str]
    handler: Handler
    gate: re.Pattern[str] | None = None

    def finditer(
        self, text: str, gates: dict[re.Pattern[str], bool] | None = None
    ) -> Iterator[re.Match[str]]:
        """The matches of the rule in ``text``; none at all when its gate is absent.

        Args:
            text: The text searched.
            gates: Gate results already known for ``text`` (filled in; rules share gates).
        """
        if self.gate is not None:
            known = gates if gates is not None else {}
            if self.gate not in known:
                known[self.gate] = self.gate.search(text) is not None
            if not known[self.gate]:
                return iter(())
        return self.pattern.finditer(text)


_MONTHS = r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
#: A cheap pattern each match of a rule must contain (with its lookbehind): the rule is skipped
#: for a text without it (a speed-up only, so a gate must hold for every match of its rule).
_GATES: dict[str, str] = {
    "iso-date": r"\d-[01]\d-",
    "numeric-date": r"\d/\d",
    "month-day": _MONTHS,
    "day-month": _MONTHS,
    "week-of": r"week\s+of",
    "second-day": r"(?:and|or|,)\s\d",
    "month-year": _MONTHS,
    "month-rel-year": r"year",
    "rel-month": _MONTHS,
    "month": _MONTHS,
    "decade": r"0'?s|(?:twen|thir|for|fif|six|seven|eigh|nine)ties",
    "century": r"century",
    "season": r"spring|summer|fall|autumn|winter",
    "half": r"half",
    "quarter": r"quarter|period",
    "quarter-code": r"q[1-4]",
    "day-relative": r"today|tonight|yesterday|tomorrow|night",
    "this-part-of-day": r"morning|afternoon|evening|night",
    "pod-relative": (
        r"(?:next|following|previous|same|in\s+the)\s+(?:morning|afternoon|evening|night|day)"
    ),
    "unit-relative": r"week|month|year|decade|century|day",
    "the-year": r"year",
    "year-end": r"year",
    "year-adjective": r"year",
    "weekday": r"mon|tue|wed|thu|fri|sat|sun",
    "someday": r"(?:ll|ld|ht|ay|an)\s(?:one|some)\s+day|someday",
    "ago": r"ago|earlier|later|before|after|now|hence|back",
    "fuzzy-plural": r"days|weeks|months|years|decades|centuries|hours|minutes",
    "clock": r"[ap]\.?m|o'clock|\d\s+(?:in\s+the\s+(?:morning|afternoon|evening)|at\s+night)",
    "named-time": r"noon|midnight|midday|afternoon|morning",
    "set-every": r"every|each|per",
    "set-adverb": r"ly\b",
    "set-times": r"once|twice|times",
    "set-plural-weekday": r"days",
}

#: Rules whose match may start with a non-word character ("'90s").
_NO_LEADING_BOUNDARY = frozenset({"decade"})


class Grammar(Handlers):
    """The compiled rules over a :class:`Lexicon`; build once and reuse (it is immutable).

    Example:
        >>> g = Grammar(Lexicon.load())
        >>> len(g.rules) > 10
        True
    """

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.rules: tuple[Rule, ...] = tuple(self._build())
        self.by_name: dict[str, Rule] = {r.name: r for r in self.rules}

    # ------------------------------------------------------------------ building blocks
    def _mon(self, name: str = "mon") -> str:
        full = [w for w in self.lex.months if len(w) > 4 or w in ("may", "june", "july")]
        abbr = [w for w in self.lex.months if w not in full]
        return rf"(?P<{name}>\b(?:{alternation(full)})\b|\b(?:{alternation(abbr)})(?:\b\.|\b))"

    def _wd(self, name: str = "wd") -> str:
        full = [w for w in self.lex.weekdays if w not in self.lex.weekday_abbreviations]
        abbr = alternation(self.lex.weekday_abbreviations)
        return rf"(?P<{name}>\b(?:{alternation(full)})\b|\b(?:{abbr})\.)"

    def _num(self, name: str = "num") -> str:
        compound = rf"(?:{'|'.join(TENS)})[-\s](?:{'|'.join(ONES)})"
        words = alternation([*self.lex.numbers, *self.lex.vague_numbers])
        half = r"(?:\s+and\s+a\s+half)?"  # "two and a half years"
        return rf"(?P<{name}>(?:\d+(?:\.\d+)?(?:\s+1/2)?|{compound}|(?:{words})){half})"

    def _unit(self, name: str = "unit") -> str:
        return rf"(?P<{name}>(?:{alternation(self.lex.units)})(?:s|es)?)\b"

    _YEAR = r"(?:1[6-9]\d\d|20\d\d)"

    @staticmethod
    def _spelled_year() -> str:
        """Years in words, as read out on air: "nineteen ninety-six", "nineteen oh five",
        "twenty twelve", "two thousand (and) one"."""
        ones, teens, tens = "|".join(ONES), "|".join(TEENS), "|".join(TENS)
        below_100 = rf"(?:(?:{tens})(?:[-\s](?:{ones}))?|{teens}|{ones})"
        tail = rf"(?:(?:{tens})(?:[-\s](?:{ones}))?|{teens}|o(?:h)?[-\s](?:{ones}))"
        return (
            rf"(?:(?:eighteen|nineteen|twenty)\s+{tail}(?![-\w])"
            rf"|two\s+thousand(?:\s+(?:and\s+)?{below_100}(?![-\w]))?)"
        )

    _DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
    _MOD = (
        r"(?:(?P<mod>early|mid|late|the\s+(?:very\s+)?(?:beginning|start|middle|end|close)\s+of"
        r"|the\s+(?:early|latter|late|middle)\s+part\s+of)(?:-|\s+))?"
    )
    _APPROX = (
        r"(?:(?P<amod>about|around|roughly|approximately|nearly|almost|some|just\s+over|"
        r"just\s+under|more\s+than|less\s+than|over(?!\s+the\b)|under(?!\s+the\b)|at\s+least|up\s+to|no\s+more\s+than|"
        r"at\s+most)\s+)?"
    )

    def _build(self) -> list[Rule]:
        mon, wd, num, unit = self._mon(), self._wd(), self._num(), self._unit()
        y, d, mod, approx = self._YEAR, self._DAY, self._MOD, self._APPROX
        yw = rf"(?:{y}|{self._spelled_year()})"  # a year in figures or in words
        pod = rf"(?P<pod>{alternation(self.lex.parts_of_day)})"
        refs = alternation(self.lex.references)
        holidays = alternation([*self.lex.fixed_holidays, "thanksgiving", "thanksgiving day",
                                "easter", "easter sunday", "election day"])  # fmt: skip
        clock = (
            r"(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*"
            r"(?P<ampm>a\.m\.|p\.m\.|a\.m\b|p\.m\b|am\b|pm\b"
            r"|o'clock\b|at\s+night\b|in\s+the\s+(?:morning|afternoon|evening)\b"
            r"(?!\s+(?!on\b|of\b|at\b|and\b|when\b|local\b|until\b|before\b|after\b)[a-z]))"
        )
        tz = r"(?:\s+(?P<tz>EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|BST|CET|ET|local\s+time))?"
        dayword = rf"(?:today|tonight|yesterday|tomorrow|{wd.replace('?P<wd>', '?P<wd2>')})"
        spec: list[tuple[str, str, Handler]] = [
            ("iso-date", rf"\b(?P<y>{y})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b", self._h_iso),
            ("numeric-date", r"\b(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>(?:19|20)?\d\d)\b",
             self._h_numeric),
            ("month-day",
             rf"(?:{wd},?\s+)?{mod}(?P<mid>{self._mon()}\s+(?:the\s+)?(?P<d>{d})\b)"
             rf"(?:,?\s+(?P<y>{yw})\b)?", self._h_month_day),
            ("day-month",
             rf"(?:{wd},?\s+)?(?:the\s+)?\b(?P<d>{d})\s+(?:of\s+)?{mon}(?:,?\s+(?P<y>{y})\b)?",
             self._h_month_day),
            ("second-day",
             r"(?:(?<=\band\s)|(?<=\bor\s)|(?<=,\s)(?=\d\d?(?:st|nd|rd|th)?"
             r"(?:\s*,\s*|,?\s+(?:and|or)\s+)\d))"
             r"(?P<d>[12]\d|3[01]|[1-9])(?:st|nd|rd|th)?\b(?![-,.]?\d|\s*%|\s+percent)",
             self._h_second_day),
            ("week-of",
             rf"(?:the\s+)?week\s+of\s+{mon}\s+(?:the\s+)?(?P<d>{d})\b(?:,?\s+(?P<y>{yw})\b)?",
             self._h_week_of),
            ("month-year", rf"{mod}{mon},?\s+(?:of\s+)?(?P<y>{yw})\b", self._h_month),
            ("month-rel-year", rf"{mod}{mon}\s+(?:of\s+)?(?P<rel>last|this|next)\s+year\b",
             self._h_month),
            ("rel-month", rf"{mod}(?P<rel>last|this|next|this\s+past|this\s+coming)\s+{mon}",
             self._h_month),
            ("month", rf"{mod}{mon}", self._h_month),
            ("decade",
             rf"(?:the\s+)?{mod}(?:(?P<dec>(?:1[6-9]|20)\d0)'?s\b|'(?P<dec2>\d0)s\b|"
             rf"(?P<decw>{alternation(DECADE_WORDS)})\b)", self._h_decade),
            ("century",
             rf"(?:the\s+)?{mod}(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|{alternation(CENTURY_ORDINALS)})"
             r"[-\s]+century\b", self._h_century),
            ("year",
             rf"(?<![\$£€\d.,/-])(?:the\s+(?={y}\s+period\b))?{mod}(?P<ty>the\s+year\s+)?"
             rf"(?:(?P<fy>fiscal(?:\s+year)?|FY)\s*)?(?P<y>{yw})\b"
             r"(?![%,.]?\d|-\d|\s*%|\s+percent)(?P<per>\s+period\b)?", self._h_year),
            ("season",
             rf"{mod}(?:(?P<rel>last|this|next|this\s+past|this\s+coming|the)\s+)?"
             r"(?P<season>spring|summer|fall|autumn|winter)\b"
             rf"(?:\s+(?:of\s+)?(?P<y>{yw})\b)?", self._h_season),
            ("half",
             r"(?:the\s+)?(?P<h>first|second|last|latter)\s+half\s+of\s+"
             rf"(?:(?P<y>{y})\b|(?P<rel>this|last|next|the)\s+year\b)", self._h_half),
            ("quarter",
             r"(?:the\s+(?!(?:first|second|third|fourth)-quarter))?(?:(?P<qrel>latest|last|current|this|next|previous|past|"
             r"same|comparable|recent|year-earlier|year-ago|corresponding)\s+)?"
             rf"(?:(?P<y1>{y})\s+|(?P<yrel>this|last|next)\s+year's\s+)?(?:fiscal[-\s]+)?"
             r"(?:(?P<qord>first|second|third|fourth|1st|2nd|3rd|4th)[-\s]*)?"
             r"(?:fiscal\s+)?(?:quarter|(?<=latest\s)period|(?<=comparable\s)period)\b"
             r"(?!\s+(?:of\s+a|century|mile|point|percent|inch))"
             rf"(?:\s+(?:of\s+)?(?:(?P<y2>{y})\b|(?P<yrel2>this|last|next)\s+year\b|"
             r"(?P<ago>a\s+year\s+(?:ago|earlier)))|"
             r"(?P<lastyear>\s+(?:of\s+)?last\s+year))?", self._h_quarter),
            ("quarter-code", rf"\b(?P<q>Q[1-4])(?:\s+(?P<y>{y})\b)?", self._h_quarter_code),
            ("day-relative",
             rf"(?:(?P<pre>earlier|later)\s+)?{mod}(?P<word>the\s+day\s+before\s+yesterday|"
             r"the\s+day\s+after\s+tomorrow|today|tonight|yesterday|tomorrow|overnight|"
             rf"last\s+night)(?:\s+{pod})?\b", self._h_day_relative),
            ("this-part-of-day", rf"(?:(?P<pre>earlier|later)\s+)?(?:this|that)\s+{pod}\b",
             self._h_this_pod),
            ("pod-relative",
             r"the\s+(?P<rel>next|following|previous|same)\s+(?P<pod>morning|afternoon|evening|night)\b"
             r"|(?P<pre>earlier|later)\s+in\s+the\s+(?P<what>day|morning|afternoon|evening)\b",
             self._h_pod_relative),
            ("unit-relative",
             rf"(?:(?P<pre>earlier|later)\s+(?:in\s+)?)?{mod}"
             r"(?P<rel>last|this|next|the\s+past|the\s+previous|the\s+coming|the\s+following|"
             r"the\s+current|the\s+latest|the\s+same|that|the|this\s+past|this\s+coming|"
             r"the\s+next|the\s+last)\s+(?:(?:fiscal|calendar)\s+)?"
             r"(?P<unit>week|month|year|weekend|decade|century|day)"
             r"\b(?!-)", self._h_unit_relative),
            ("the-year", r"the\s+(?:(?:full|fiscal|entire|whole|calendar)\s+)?year\b(?![-'’])",
             self._h_the_year),
            ("year-end", r"(?:the\s+)?(?P<w>year[-\s]end|year's\s+end|end\s+of\s+the\s+year)\b",
             self._h_year_end),
            ("year-adjective",
             r"(?:the\s+(?:comparable\s+)?)?\b(?P<w>year-earlier|year-ago|prior-year|last-year)"
             r"(?:\s+period)?\b|the\s+(?:corresponding|comparable|same)\s+period\s+"
             r"(?:of\s+)?(?:a\s+year\s+(?:ago|earlier)|last\s+year|the\s+previous\s+year)",
             self._h_year_adjective),
            ("weekday",
             rf"{mod}(?:(?P<rel>last|next|this|this\s+coming|"
             r"this\s+past|the\s+previous|the\s+following|that|coming|past)\s+)?"
             rf"{wd}(?:\s+{pod}\b)?", self._h_weekday),
            ("holiday",
             rf"(?:(?P<rel>last|next|this)\s+)?(?P<hol>{holidays})\b(?P<wk>\s+week\b)?"
             rf"(?:\s+(?P<y>{y})\b)?",
             self._h_holiday),
            ("someday",
             r"(?:(?<=\bwill\s)|(?<=\bcould\s)|(?<=\bwould\s)|(?<=\bmight\s)|(?<=\bmay\s)"
             r"|(?<=\bcan\s)|(?<=\bshall\s))(?:one|some)\s+day\b|someday\b", self._h_someday),
            ("ago",
             rf"{approx}{num}[-\s]+(?:{unit})\s+(?:or\s+so\s+)?"
             r"(?P<dir>ago|earlier|later|before|after|from\s+now|hence|back)\b", self._h_ago),
            ("duration",
             rf"{approx}(?:(?:the|another|a|an)\s+(?!\S+-(?:{alternation(self.lex.units)})))?"
             r"(?:(?P<rel>past|last|next|previous|coming|"
             r"first|final|following|recent|latest|further|additional|remaining)\s+)?"
             rf"{num}[-\s]+(?:more\s+|full\s+|straight\s+|consecutive\s+|trading\s+|"
             rf"business\s+|working\s+)?{unit}(?P<half>\s+and\s+a\s+half\b)?(?!-old|\s+old\b)"
             r"(?:\s+or\s+so)?", self._h_duration),
            ("fuzzy-plural",
             r"(?:(?P<rel>recent|coming|past|the\s+past|the\s+last|the\s+next|the\s+coming|"
             r"the\s+previous)\s+)?"
             r"(?P<unit>days|weeks|months|years|decades|centuries|hours|minutes)\b"
             r"(?!\s+(?:ago|old|later|earlier))", self._h_fuzzy_plural),
            ("reference", rf"\b(?P<w>{refs})\b", self._h_reference),
            ("clock",
             rf"{approx}(?:(?P<day0>{dayword.replace('wd2', 'wd0')})\s+(?:at\s+)?)?{clock}{tz}"
             rf"(?:,?\s+(?:on\s+)?(?:(?P<day>{dayword})|{self._mon('cmon')}\s+(?P<cd>{d})\b))?",
             self._h_clock),
            ("named-time",
             rf"{approx}(?:(?P<day0>{dayword.replace('wd2', 'wd0')})\s+(?:at\s+)?)?"
             r"(?P<nt>noon|midnight|midday|mid-?afternoon|mid-?morning)\b"
             rf"(?:,?\s+(?:on\s+)?(?P<day>{dayword}))?", self._h_clock),
            ("set-every",
             r"(?:every|each|per)\s+(?:(?P<other>other|single)\s+)?"
             rf"(?:(?P<n>\d+|{'|'.join(ONES)})\s+)?"
             rf"(?:(?P<unit>day|week|month|year|quarter|hour|minute|weekend|night|morning|"
             rf"afternoon|evening)s?|{wd}|{mon})\b", self._h_set),
            ("set-adverb",
             r"\b(?P<adv>daily|weekly|monthly|annually|yearly|quarterly|hourly|nightly|"
             r"biweekly|semiannually|bimonthly)\b", self._h_set),
            ("set-times",
             r"(?P<times>once|twice|three\s+times|four\s+times|\d+\s+times)\s+(?:a|per|each)\s+"
             r"(?P<unit>day|week|month|year|quarter|hour|decade)\b", self._h_set),
            ("set-plural-weekday", rf"(?<=\bon\s)(?P<wdp>{alternation(self._full_weekdays())})s\b",
             self._h_set),
        ]  # fmt: skip
        rules = []
        gates: dict[str, re.Pattern[str]] = {}
        for name, pattern, handler in spec:
            if name not in _NO_LEADING_BOUNDARY:
                pattern = rf"\b(?:{pattern})"  # fail fast inside words
            gate = _GATES.get(name)
            if name == "holiday":
                gate = alternation({h.split()[0] for h in self.lex.fixed_holidays} | {
                    "thanksgiving", "easter", "election"})  # fmt: skip
            if gate and gate not in gates:
                gates[gate] = re.compile(gate, re.IGNORECASE)  # one search per text and gate
            rules.append(
                Rule(name, re.compile(pattern, re.IGNORECASE), handler, gates.get(gate or ""))
            )
        return rules

    def _full_weekdays(self) -> list[str]:
        return [w for w in self.lex.weekdays if w not in self.lex.weekday_abbreviations]
