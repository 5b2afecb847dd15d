"""Finding and resolving time expressions in plain text.

:func:`find_timexes` runs every rule of the grammar over the text, keeps the longest
non-overlapping matches and resolves them in text order against the publication date, so
that "a week later" can be resolved against the last date mentioned before it. Names without
a direction ("on Friday", "in March") are resolved with a guess from the words of their
sentence (a future cue such as "will" nearby means future, anything else past);
:func:`tidings.temporal.date_events` resolves them again with the tense of the parse.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from tidings.records import DateInfo
from tidings.temporal import calendar as cal
from tidings.temporal.calendar import Period
from tidings.temporal.grammar import Context, Grammar, Resolution
from tidings.temporal.lexicon import Lexicon

#: Words that announce the future in a sentence ("will meet on Friday").
_FUTURE_CUES = re.compile(
    r"\b(?:will|won't|shall|going\s+to|plans?\s+to|planned|planning|scheduled|expected|"
    r"expects?|intended|slated|proposed|is\s+to|are\s+to|set\s+to|would|upcoming|"
    r"intends?\s+to|aims?\s+to|hopes?\s+to|supposed\s+to|meets|begins|starts|opens|visits|"
    r"travels|arrives|leaves|returns|resumes|hosts|convenes|heads\s+to|payable|effective|as\s+(?:soon|early)\s+as|ahead\s+of|to\s+be)\b|'ll\b",
    re.IGNORECASE,
)
#: Words that mark a past clause.
_PAST_CUES = re.compile(
    r"\b(?:(?:had|was|were|previously|originally)\s+(?:been\s+)?"
    r"(?:scheduled|due|expected|set|planned|supposed)|(?-i:[a-z]\w{2,}ed)|was|were|had|did|said|told|met|held|took|made|went|came|gave|left|began|saw|"
    r"spoke|won|lost|fell|rose|sent|brought|struck|hit|fought|shot|ran|led|paid|sold|bought|"
    r"became|got|agreed|announced|ago|last)\b",
    re.IGNORECASE,
)
#: Participles of a plan: a future cue before the expression ("scheduled to close Monday"),
#: a past one after it ("on Friday the government planned to pay").
_PLAN_WORDS = re.compile(r"(?:schedul|plann|expect|intend|slat|propos)ed", re.IGNORECASE)
_BE_BEFORE = re.compile(r"\bbe\s+$", re.IGNORECASE)
#: A deferral just before the expression points to the future, whatever the tense of the
#: verb: "postponed the vote until Tuesday", "extended the deadline to Friday".
_DEFERRAL_BEFORE = re.compile(
    r"\b(?:postpon|delay|adjourn|extend|defer|push|put\s+off|suspend|reschedul|given|grant)"
    r"\w*\b[^.;:!?]{0,70}?\b(?:until|till|to|through)\s+(?:(?:on|at)\s+)?$",
    re.IGNORECASE,
)
#: Words before a possessive date that make it a coming one ("ahead of Friday's vote").
_AHEAD_BEFORE = re.compile(
    r"\b(?:ahead\s+of|until|till|upcoming|awaiting|await|expected)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_POSSESSIVE_AFTER = re.compile(r"['’]s\b")
_SENTENCE_END = re.compile(r"[.!?;]\s+(?=[A-Z\"'“])|\n\s*\n")


@dataclass(slots=True)
class Timex:
    """A time expression (TimeML TIMEX3) found in a text.

    Attributes:
        text: The expression as written ("late May").
        start, end: Character offsets in the text searched.
        type: ``DATE``, ``TIME``, ``DURATION`` or ``SET``.
        value: TIMEX3 value (``2024-05``, ``2024-W25``, ``P3Y``, ``PAST_REF``, ``XXXX-WXX-1``).
        start_date, end_date: The days covered (ISO, inclusive) when resolvable, else ``None``;
            narrowed by START/MID/END modifiers ("late May" is 21-31 May).
        precision: ``day``, ``week``, ``month``, ``quarter``, ``season``, ``year``, ``decade``
            or ``unknown``.
        mod: TIMEX3 mod (``START``, ``MID``, ``END``, ``APPROX``, ``LESS_THAN``...) or ``None``.
        rule: The grammar rule that found it.
        directional: ``True`` when the value depends on whether the text speaks of the past
            or the future ("on Friday", "in March"); see :func:`resolve`.
        direction: The direction used (``past``, ``future``) when ``directional``.
        anchor: The date it was resolved against.
        ref: The period of the date mentioned before it, when it was used ("a week later").
    """

    text: str
    start: int
    end: int
    type: str
    value: str
    start_date: str | None = None
    end_date: str | None = None
    precision: str = "unknown"
    mod: str | None = None
    rule: str = ""
    directional: bool = False
    direction: str | None = None
    anchor: dt.date | None = None
    ref: Period | None = None


@functools.lru_cache(maxsize=1)
def load_grammar() -> Grammar:
    """The grammar built from the shipped lexicon, compiled on first use and then reused.

    The grammar is immutable, so sharing one instance is safe in threads and workers.
    """
    return Grammar(Lexicon.load())


def guess_direction(text: str, start: int, end: int, reach: int = 60) -> str | None:
    """Past or future for an expression at ``start:end``, from cue words of its sentence.

    The nearest cue within ``reach`` characters wins: a future cue ("will", "plans to",
    "expected") or a past one (a verb in -ed, "said", "was"). ``None`` when there is none.

    Example:
        >>> s = "The ministers will meet on Friday."
        >>> guess_direction(s, s.index("Friday"), s.index("Friday") + 6)
        'future'
    """
    before = text[max(0, start - 80) : start]
    if _DEFERRAL_BEFORE.search(before):
        return "future"
    if _POSSESSIVE_AFTER.match(text, end):  # "Wednesday's ruling": mostly a past event
        return "future" if _AHEAD_BEFORE.search(before) else "past"
    lo = max(0, start - reach - 40)
    for m in _SENTENCE_END.finditer(text, lo, start):
        lo = m.end()
    hi_m = _SENTENCE_END.search(text, end, min(len(text), end + reach + 40))
    hi = hi_m.start() + 1 if hi_m else min(len(text), end + reach + 40)
    best: tuple[int, str] | None = None
    # "had been scheduled": a past plan; its participle is no future cue
    past_spans = [(m.start(), m.end()) for m in _PAST_CUES.finditer(text, lo, hi) if " " in m[0]]
    for pattern, label in ((_PAST_CUES, "past"), (_FUTURE_CUES, "future")):
        for m in pattern.finditer(text, lo, hi):
            if start <= m.start() < end:
                continue
            if _PLAN_WORDS.fullmatch(m[0]) and (label == "past") == (m.end() <= start):
                continue
            if label == "past" and _BE_BEFORE.search(text, max(0, m.start() - 4), m.start()):
                continue  # "will be held": a participle after "be" is no past tense
            if label == "future" and any(a <= m.start() < b for a, b in past_spans):
                continue
            distance = start - m.end() if m.end() <= start else m.start() - end
            if distance > reach:
                continue
            weight = distance + (0 if m.end() <= start else 30)  # the verb usually precedes
            if best is None or weight < best[0]:
                best = (weight, label)
    return best[1] if best else None


def _to_timex(text: str, start: int, end: int, rule: str, res: Resolution, ctx: Context) -> Timex:
    timex = Timex(
        text=text,
        start=start,
        end=end,
        type=res.type,
        value=res.value,
        mod=res.mod,
        rule=rule,
        directional=res.directional,
        direction=ctx.direction if res.directional else None,
        anchor=ctx.anchor,
        ref=ctx.ref if res.uses_ref else None,
    )
    if res.period is not None:
        lo, hi = res.interval or cal.narrow(res.period, res.mod)
        timex.start_date, timex.end_date = lo.isoformat(), hi.isoformat()
        timex.precision = res.period.precision
    elif res.interval is not None:
        timex.start_date, timex.end_date = res.interval[0].isoformat(), res.interval[1].isoformat()
    return timex


def resolve(timex: Timex, direction: str | None, anchor: dt.date | None = None) -> Timex:
    """Resolve ``timex`` again with another direction (and optionally another anchor).

    Args:
        timex: An expression from :func:`find_timexes`.
        direction: ``past``, ``future`` or ``None``.
        anchor: Defaults to the anchor the expression was resolved against.

    Returns:
        A new :class:`Timex`; the same object when the rule no longer applies.

    Example:
        >>> t = find_timexes("They meet on Friday.", dt.date(2024, 6, 12))[0]
        >>> resolve(t, "future").value
        '2024-06-14'
    """
    grammar = load_grammar()
    rule = grammar.by_name.get(timex.rule)
    if rule is None:
        return timex
    m = rule.pattern.fullmatch(timex.text)
    if m is None:
        return timex
    ctx = Context(anchor=anchor or timex.anchor, direction=direction, ref=timex.ref, recheck=False)
    res = rule.handler(m, ctx)
    if res is None:
        return timex
    return _to_timex(timex.text, timex.start, timex.end, timex.rule, res, ctx)


def find_timexes(text: str, anchor: dt.date | None) -> list[Timex]:
    """Find and normalise the time expressions of ``text`` (TimeML TIMEX3 style).

    Args:
        text: Any text (an article, a sentence).
        anchor: The publication date relative expressions are resolved against; ``None``
            leaves them unresolved (values with ``X``).

    Returns:
        The expressions in text order.

    Example:
        >>> [(t.text, t.value) for t in find_timexes(
        ...     "Talks ended last September and resume next week.", dt.date(2024, 6, 12))]
        [('last September', '2023-09'), ('next week', '2024-W25')]
    """
    grammar = load_grammar()
    chosen: list[tuple[int, int, int]] = []
    taken: list[tuple[int, int]] = []
    matches: dict[tuple[int, int, int], re.Match[str]] = {}
    gates: dict[re.Pattern[str], bool] = {}
    for index, rule in enumerate(grammar.rules):
        for m in rule.finditer(text, gates):
            if m.end() > m.start():
                matches[(m.start(), m.end(), index)] = m
    order = sorted(matches, key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    out: list[Timex] = []
    # Resolve in text order so the reference period is the last date before; accept a
    # longer candidate first, and fall back to shorter ones when a handler rejects it.
    # The probe has a stand-in reference so that anaphoric rules ("that day") are not
    # rejected here; they are resolved with the real reference below.
    stand_in = cal.day(anchor or dt.date(2000, 1, 1))
    probe = Context(anchor=anchor, direction="past", ref=stand_in)
    for key in order:
        s, e, index = key
        if any(s < te and ts < e for ts, te in taken):
            continue
        if grammar.rules[index].handler(matches[key], probe) is None:
            continue
        chosen.append(key)
        taken.append((s, e))
    chosen.sort()
    ref: Period | None = None
    for s, e, index in chosen:
        rule = grammar.rules[index]
        m = matches[(s, e, index)]
        ctx = Context(anchor=anchor, direction=None, ref=ref)
        res = rule.handler(m, ctx)
        if res is not None and res.directional:
            ctx = Context(anchor=anchor, direction=guess_direction(text, s, e), ref=ref)
            res = rule.handler(m, ctx) or res
        if res is None:
            continue
        out.append(_to_timex(text[s:e], s, e, rule.name, res, ctx))
        if res.period is not None and res.type in ("DATE", "TIME") and not res.uses_ref:
            ref = res.period  # anaphoric dates ("a year earlier") do not become references
    return out


def to_date_info(timex: Timex, offset: int = 0) -> DateInfo | None:
    """The :class:`DateInfo` of a resolved DATE/TIME expression, else ``None``.

    Args:
        timex: The expression.
        offset: Added to the offsets (when ``timex`` was found in a part of the article).
    """
    if timex.type not in ("DATE", "TIME") or timex.start_date is None or timex.end_date is None:
        return None
    return DateInfo(
        start=timex.start_date,
        end=timex.end_date,
        precision=timex.precision,
        text=timex.text,
        span_start=timex.start + offset,
        span_end=timex.end + offset,
        anchor=timex.anchor.isoformat() if timex.anchor else None,
        rule=timex.rule,
    )


def find_times(text: str, anchor: dt.date | None) -> list[DateInfo]:
    """The resolved DATE and TIME expressions of ``text`` as :class:`DateInfo` records.

    Example:
        >>> [d.start for d in find_times("She arrived yesterday.", dt.date(2024, 6, 12))]
        ['2024-06-11']
    """
    infos = (to_date_info(t) for t in find_timexes(text, anchor))
    return [i for i in infos if i is not None]
