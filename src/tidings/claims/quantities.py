"""Figures stated in a claim ("about 7,000 containers of munitions")."""

from __future__ import annotations

from spacy.tokens import Span, Token

from tidings.records import Quantity

_WORD_NUMBERS: dict[str, float] = {
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
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "dozen": 12,
    "dozens": 24,
    "hundreds": 200,
    "thousands": 2000,
}
_SCALES: dict[str, float] = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
}
_MONTHS: frozenset[str] = frozenset(
    {
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    }
)
_APPROX: frozenset[str] = frozenset(
    {
        "about",
        "around",
        "some",
        "nearly",
        "almost",
        "approximately",
        "roughly",
        "over",
        "more",
        "up",
        "estimated",
        "close",
        "under",
        "less",
        "fewer",
        "least",
        "dozens",
        "hundreds",
        "thousands",
    }
)


def parse_number(text: str) -> float | None:
    """A number from its written form ("7,000", "3.5", "two"), or ``None``.

    Example:
        >>> parse_number("7,000"), parse_number("two")
        (7000.0, 2.0)
    """
    low = text.lower().replace(",", "")
    try:
        return float(low)
    except ValueError:
        value = _WORD_NUMBERS.get(low)
        return float(value) if value is not None else None


def _quantity(tok: Token, offset: int) -> Quantity | None:
    """The quantity whose number token is ``tok`` (the first of a number phrase)."""
    value = parse_number(tok.text)
    if value is None:
        return None
    start, end = tok.i, tok.i + 1
    doc = tok.doc
    while end < len(doc) and doc[end].lower_ in _SCALES:
        value *= _SCALES[doc[end].lower_]
        end += 1
    last = doc[end - 1]
    head = last.head
    unit: str | None = None
    if (
        last.dep_ in {"nummod", "quantmod", "compound"}
        and head.i != last.i
        and head.pos_ in {"NOUN", "PROPN"}
    ):
        unit = head.lower_ if head.i >= end else None  # as written, like the event coder
        end = max(end, head.i + 1) if unit else end
    approximate = False
    for prev in (doc[start - 1] if start > 0 else None, doc[start - 2] if start > 1 else None):
        if prev is not None and prev.lower_ in _APPROX:
            approximate = True
            start = prev.i
            break
    if tok.lower_ in _APPROX:
        approximate = True
    span = doc[start:end]
    return Quantity(
        value=value,
        unit=unit,
        approximate=approximate,
        text=span.text,
        start=offset + span.start_char,
        end=offset + span.end_char,
    )


def _is_date_part(tok: Token) -> bool:
    """A day or year of a date ("4 May", "May 4", "in 1999"), found without NER."""
    doc = tok.doc
    near = [doc[i].lower_.rstrip(".") for i in (tok.i - 1, tok.i + 1) if 0 <= i < len(doc)]
    if any(w in _MONTHS for w in near) or tok.head.lower_.rstrip(".") in _MONTHS:
        return True
    if tok.ent_type_ in {"DATE", "TIME", "ORDINAL"}:
        return True
    text = tok.text.replace(",", "")
    if len(text) == 4 and text.isdigit() and 1800 <= int(text) <= 2100:
        # a year unless it counts something ("1999 soldiers")
        return not (tok.dep_ == "nummod" and tok.head.pos_ == "NOUN" and tok.head.i > tok.i)
    return False


def find_quantities(span: Span, offset: int) -> list[Quantity]:
    """The quantities stated in ``span``; offsets are shifted by ``offset``.

    Years and dates ("in 2024", "March 3") are skipped.
    """
    out: list[Quantity] = []
    used: set[int] = set()
    for tok in span:
        if tok.i in used or not (tok.like_num or tok.lower_ in _WORD_NUMBERS):
            continue
        if _is_date_part(tok) or tok.lower_ in {"one"}:
            continue
        if tok.i > 0 and tok.doc[tok.i - 1].like_num:
            continue
        q = _quantity(tok, offset)
        if q is not None:
            out.append(q)
            used.update(range(tok.i, tok.i + 3))
    return out
