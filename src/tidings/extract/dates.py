"""Normalising publication dates to ISO 8601."""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
import re

logger = logging.getLogger(__name__)

_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
#: A string that holds a full calendar date: a month name with a day and a year, or digits.
DATE_SHAPE = re.compile(
    rf"\b(?:(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?,?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{4}/\d{1,2}/\d{1,2}|\d{1,2}/\d{1,2}/\d{4})(?![\w])",
    re.I,
)
_PREFIX = re.compile(
    r"^\s*(?:last\s+)?(?:updated|published|posted|first published|modified|date)"
    r"(?:\s+(?:on|at))?\s*[:|-]?\s*",
    re.I,
)
_DATEPARSER_SETTINGS = {
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
    "REQUIRE_PARTS": ["year", "month", "day"],
    "DATE_ORDER": "MDY",
}


def normalise_date(value: str | None) -> str | None:
    """Normalise a publication date to ISO 8601.

    ISO timestamps keep their time and offset; RFC 2822 dates (feeds, HTTP) become ISO
    timestamps in their own offset; free-form dates (``Updated On Jun 12, 2024 10:30 AM``)
    become ``YYYY-MM-DD``. Unreadable values give ``None``.

    Example:
        >>> normalise_date("Updated On Jun 12, 2024 10:30 AM IST")
        '2024-06-12'
        >>> normalise_date("Wed, 12 Jun 2024 08:00:00 +0900")
        '2024-06-12T08:00:00+09:00'
        >>> normalise_date("2024-06-12")
        '2024-06-12'
    """
    if not value:
        return None
    text = " ".join(str(value).split())
    if not text:
        return None
    iso = _from_iso(text)
    if iso is not None:
        return iso
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None:
        return parsed.isoformat() if parsed.tzinfo else parsed.date().isoformat()
    text = _PREFIX.sub("", text)
    iso = _from_iso(text)
    if iso is not None:
        return iso
    if not DATE_SHAPE.search(text):
        return None
    import dateparser  # slow to import; only needed for free-form dates

    found = dateparser.parse(text, languages=["en"], settings=_DATEPARSER_SETTINGS)
    if found is None:
        match = DATE_SHAPE.search(text)
        if match:
            found = dateparser.parse(
                match.group(0),
                languages=["en"],
                settings=_DATEPARSER_SETTINGS,
            )
    return found.date().isoformat() if found else None


def _from_iso(text: str) -> str | None:
    candidate = text.replace("Z", "+00:00") if text.endswith("Z") else text
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", candidate):
        try:
            return dt.date.fromisoformat(candidate).isoformat()
        except ValueError:
            return None
    if re.match(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", candidate):
        try:
            stamp = dt.datetime.fromisoformat(candidate)
        except ValueError:
            return None
        return stamp.isoformat() if stamp.tzinfo else stamp.isoformat(timespec="seconds")
    return None


def looks_like_date_line(line: str) -> bool:
    """True when a short line is a date stamp (``Updated On Jun 12, 2024``, ``12 June 2024``).

    Example:
        >>> looks_like_date_line("Published: June 12, 2024, 09:10 KST")
        True
        >>> looks_like_date_line("Talks resumed on June 12, 2024 in Seoul after a long pause.")
        False
    """
    words = line.split()
    if not words or len(words) > 10:
        return False
    if _PREFIX.match(line) and (DATE_SHAPE.search(line) or len(words) <= 2):
        return True
    match = DATE_SHAPE.search(line)
    if not match:
        return False
    rest = (line[: match.start()] + line[match.end() :]).strip(" ,|-–—:")
    rest_words = [w for w in re.split(r"[\s,|]+", rest) if w]
    return len(rest_words) <= 4 and not line.rstrip().endswith(".")
