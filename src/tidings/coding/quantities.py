"""Numbers attached to events: "about 7,000 containers", "more than 9,000", "12 missiles"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span, Token

from tidings.coding.triggers import Trigger
from tidings.context import SentenceContext
from tidings.records import Event, Quantity

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a": 1,
    "an": 1,
}
_SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "dozen": 12,
}
_PLURAL_SCALES = {
    "hundreds": 100,
    "thousands": 1_000,
    "millions": 1_000_000,
    "billions": 1_000_000_000,
    "dozens": 12,
    "tens": 10,
    "scores": 20,
}
#: Words before a number that make it approximate (single words and two-word phrases).
_APPROX_1 = frozenset(
    {
        "about",
        "around",
        "approximately",
        "roughly",
        "nearly",
        "almost",
        "some",
        "over",
        "estimated",
        "circa",
        "~",
        "upwards",
        "under",
    }
)
_APPROX_2 = frozenset(
    {
        ("more", "than"),
        ("less", "than"),
        ("fewer", "than"),
        ("up", "to"),
        ("at", "least"),
        ("at", "most"),
        ("close", "to"),
        ("as", "many"),
        ("as", "much"),
        ("in", "excess"),
    }
)
_SKIP_ENTS = frozenset({"DATE", "TIME", "ORDINAL"})
#: Words next to which a number is part of a date or a time ("12 March", "March 12", "10 pm").
_DATE_WORDS = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.",
     "sep.", "sept.", "oct.", "nov.", "dec.", "a.m.", "p.m.", "am", "pm", "gmt", "utc",
     "o'clock", "bc", "ad"}
)  # fmt: skip
_NUMERIC = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$")


@dataclass(slots=True)
class _Found:
    quantity: Quantity
    anchor: int  # token index the quantity hangs from (its unit, else its last number)


def _is_number(tok: Token) -> bool:
    low = tok.lower_
    if _NUMERIC.match(tok.text):
        return True
    if low in _SCALES or low in _PLURAL_SCALES:
        return True
    parts = low.split("-")
    return low not in ("a", "an") and all(p in _UNITS for p in parts)


def _value(tokens: list[Token]) -> tuple[float, bool] | None:
    """Numeric value of a run of number tokens and whether it is vague ("tens of thousands")."""
    total = 0.0
    current = 0.0
    vague = False
    seen = False
    for tok in tokens:
        low = tok.lower_
        if _NUMERIC.match(tok.text):
            current += float(tok.text.replace(",", ""))
            seen = True
        elif low in _SCALES:
            scale = _SCALES[low]
            current = (current or 1.0) * scale
            if scale >= 1_000:
                total += current
                current = 0.0
            seen = True
        elif low in _PLURAL_SCALES:
            current = (current or 1.0) * _PLURAL_SCALES[low]
            vague = True
            seen = True
        elif low == "of":
            continue
        else:
            parts = low.split("-")
            if not all(p in _UNITS for p in parts):
                return None
            current += sum(_UNITS[p] for p in parts)
            seen = True
    if not seen:
        return None
    return total + current, vague


def _unit(last: Token) -> Token | None:
    head = last.head
    if (
        last.dep_ in ("nummod", "quantmod", "compound")
        and head.pos_ in ("NOUN", "PROPN")
        and head.i > last.i
    ):
        return head
    doc = last.doc
    for j in range(last.i + 1, min(last.i + 4, len(doc))):
        tok = doc[j]
        if tok.pos_ in ("NOUN",) or tok.lower_ in ("percent", "%"):
            return tok
        if tok.pos_ not in ("ADJ", "ADP", "NUM") and tok.lower_ != "of":
            break
    return None


def _in_date(doc: Doc, run: list[Token], offset: int, times: list[Any]) -> bool:
    """Whether a number run is part of a date or time ("12 March", "March 12", a time
    expression the temporal stage found), which no entity recogniser marked."""
    before = doc[run[0].i - 1] if run[0].i > 0 else None
    after = doc[run[-1].i + 1] if run[-1].i + 1 < len(doc) else None
    if (before is not None and before.lower_ in _DATE_WORDS) or (
        after is not None and after.lower_ in _DATE_WORDS
    ):
        return True
    start = offset + run[0].idx
    return any(getattr(t, "span_start", -1) <= start < getattr(t, "span_end", -1) for t in times)


def _scan(doc: Doc, offset: int, times: list[Any] | None = None) -> list[_Found]:
    times = times or []
    out: list[_Found] = []
    i = 0
    n = len(doc)
    while i < n:
        tok = doc[i]
        if (
            not _is_number(tok)
            or tok.ent_type_ in _SKIP_ENTS
            or (tok.lower_ in _PLURAL_SCALES and (i + 1 >= n or doc[i + 1].lower_ != "of"))
        ):
            i += 1
            continue
        j = i
        run = [tok]
        while j + 1 < n and (
            _is_number(doc[j + 1])
            or (doc[j + 1].lower_ == "of" and j + 2 < n and doc[j + 2].lower_ in _PLURAL_SCALES)
            or (
                doc[j].lower_ in _PLURAL_SCALES
                and doc[j + 1].lower_ == "of"
                and j + 2 < n
                and _is_number(doc[j + 2])
            )
        ):
            j += 1
            run.append(doc[j])
        i = j + 1
        number_tokens = [t for t in run if t.lower_ != "of"]
        parsed = _value(number_tokens)
        if parsed is None:
            continue
        value, vague = parsed
        if len(run) == 1 and re.fullmatch(r"(1[89]|20)\d\d", tok.text):
            continue  # a year
        if _in_date(doc, run, offset, times):
            continue
        first = run[0].i
        approximate = vague
        if first >= 1 and doc[first - 1].lower_ in _APPROX_1:
            approximate, first = True, first - 1
            if first >= 1 and doc[first - 1].lower_ in ("an", "some"):
                first -= 1
        elif first >= 2 and (doc[first - 2].lower_, doc[first - 1].lower_) in _APPROX_2:
            approximate, first = True, first - 2
        unit_tok = _unit(run[-1])
        if unit_tok is not None and unit_tok.i > run[-1].i + 3:
            unit_tok = None
        if unit_tok is not None:
            mods = [c for c in unit_tok.lefts if c.dep_ == "compound" and c.i > run[-1].i]
            unit_start = mods[0].i if mods else unit_tok.i
            unit = doc[unit_start : unit_tok.i + 1].text.lower()
            last = unit_tok.i
        else:
            unit = None
            last = run[-1].i
        span = doc[first : last + 1]
        out.append(
            _Found(
                Quantity(
                    value=value,
                    unit=unit,
                    approximate=approximate,
                    text=span.text,
                    start=offset + span.start_char,
                    end=offset + span.end_char,
                ),
                anchor=last,
            )
        )
        if unit_tok is not None:
            i = max(i, unit_tok.i + 1)
    return out


def _scan_once(doc: Doc, offset: int, times: list[Any] | None) -> list[_Found]:
    """:func:`_scan`, kept on the parsed sentence so the coder and the claims stage, which
    both need the sentence's figures, read it once."""
    key = f"tidings.quantities@{offset}"
    found: list[_Found] | None = doc.user_data.get(key)
    if found is None:
        found = doc.user_data[key] = _scan(doc, offset, times)
    return found


def find_quantities(ctx: SentenceContext) -> list[Quantity]:
    """Numbers in the sentence with their unit and whether they are approximate.

    Dates, times and ordinals are skipped, as are bare years.

    Args:
        ctx: A :class:`tidings.context.SentenceContext` with a parsed ``doc``.

    Returns:
        Quantities with article offsets, in text order.

    Example:
        >>> [(q.value, q.unit, q.approximate) for q in find_quantities(ctx)]  # doctest: +SKIP
        [(7000.0, 'containers', True)]
    """
    return [f.quantity for f in _scan_once(ctx.doc, ctx.offset, getattr(ctx, "times", None))]


def quantities_in(span: Span, offset: int, times: list[Any] | None = None) -> list[Quantity]:
    """Quantities inside ``span`` (e.g. the content of a claim), offsets shifted by ``offset``.

    Args:
        span: Part of a parsed sentence.
        offset: Article offset of the sentence's first character.
        times: Time expressions of the sentence (article offsets), never read as quantities.

    Example:
        >>> [q.value for q in quantities_in(doc[4:], offset=0)]  # doctest: +SKIP
        [7000.0]
    """
    lo, hi = offset + span.start_char, offset + span.end_char
    return [
        f.quantity
        for f in _scan_once(span.doc, offset, times)
        if lo <= f.quantity.start and f.quantity.end <= hi
    ]


def attach_quantities(events: list[Event], triggers: list[Trigger], ctx: SentenceContext) -> None:
    """Find the sentence's quantities and attach each to the event whose trigger governs it,
    else to the nearest one.

    ``events[i]`` must be the event of ``triggers[i]``.
    """
    if not events:
        return
    found = _scan_once(ctx.doc, ctx.offset, getattr(ctx, "times", None))
    heads = {t.head.i: k for k, t in enumerate(triggers)}
    for item in found:
        tok = ctx.doc[item.anchor]
        target: int | None = None
        for _ in range(20):
            if tok.i in heads:
                target = heads[tok.i]
                break
            if tok.head == tok:
                break
            tok = tok.head
        if target is None:
            target = min(range(len(triggers)), key=lambda k: abs(triggers[k].head.i - item.anchor))
        events[target].quantities.append(item.quantity)
