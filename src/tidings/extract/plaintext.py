"""Cleaning scraped plain text: recover title, byline, date and dateline; drop page chrome.

Scraped pages carry leftovers of the page around the article: the headline (often twice),
an ``author-image`` placeholder followed by the author's name, ``Updated On`` stamps,
``Share``/``Advertisement`` labels, one-word image captions, ``Follow us on ...`` prompts
and a trailing "Key Takeaways" list. Chrome is recognised by its shape (short lines without
sentence punctuation, repeats of the title, date stamps) and by a small vocabulary kept as
data in ``tidings/data/extract/chrome.yaml``.
"""

from __future__ import annotations

import functools
import html
import logging
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from tidings.errors import ConfigError
from tidings.extract.dates import DATE_SHAPE, looks_like_date_line, normalise_date

logger = logging.getLogger(__name__)

_SENTENCE_END = (".", "!", "?", '"', "”", "’", "'", ":", ";", ")")
_BULLET = re.compile(r"^\s*(?:[-–•*·▪►‣◦✓]|\d{1,2}[.)])\s+")
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")
_INLINE_CREDIT = re.compile(
    r"\s*[\(\[]\s*(?:file\s+)?(?:photo|image|picture|photograph|illustration|video)s?"
    r"\s*(?:credit)?\s*[:/|][^)\]]{0,80}[\)\]]",
    re.I,
)
_NAME_PARTICLES = frozenset(
    ["de", "da", "del", "der", "van", "von", "bin", "al", "el", "la", "le", "du", "dos", "di"]
)
_BYLINE = re.compile(r"^(?:by|written by|words by|reported by)\s*[:\-]?\s+(?P<rest>.+)$", re.I)
#: Lines scrapers leave where an author's photo was; the author's name follows
#: (``author-image`` then ``Ana Lima``), on the next line or the same one.
_AVATAR = re.compile(
    r"^(?:author[\s_-]*(?:image|img|photo|picture|avatar|thumbnail)|avatar|profile[\s_-]*"
    r"(?:image|picture|photo))\b[\s:|-]*",
    re.I,
)
#: Where a date stamp starts on a byline line (``Ana Lima Updated On May 2, 2024``).
_STAMP = re.compile(r"\s+(?:[|·•]\s*)?(?=(?:updated|published|posted|last updated)\b)", re.I)
_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}"
_DATELINE_CAPS = re.compile(
    rf"^(?P<city>[A-Z][A-Z'’./\-]+(?:\s+[A-Z][A-Z'’./\-]+){{0,3}})"
    rf"(?:,\s*(?!{_MONTHS})(?P<region>[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){{0,2}}))?"
    rf"(?:,\s*(?P<date>{_MONTHS}))?"
    r"\s*(?:\((?P<agency>[^()]{2,40})\))?\s*(?:—|–|--|-|:)\s+"
)
_DATELINE_AGENCY = re.compile(
    rf"^(?P<city>[A-Z][A-Za-z'’.\-]+(?:\s+[A-Z][A-Za-z'’.\-]+){{0,3}})"
    rf"(?:,\s*(?!{_MONTHS})(?P<region>[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){{0,2}}))?"
    rf"(?:,\s*(?P<date>{_MONTHS}))?"
    r"\s*\((?P<agency>[^()]{2,40})\)\s*(?:—|–|--|-|:)\s+"
)


@dataclass(frozen=True, slots=True)
class ChromeLexicon:
    """Vocabulary of page chrome (see ``tidings/data/extract/chrome.yaml``).

    Attributes:
        lines: Lower-cased whole lines that are chrome.
        prefixes: Pattern matching the start of chrome lines.
        summary_headers: Lower-cased headers of key-takeaway lists.
        agencies: Lower-cased agency name mapped to its written form.
        social: Words of share bars (``Facebook Twitter Email``): a short line made only
            of them is chrome.
    """

    lines: frozenset[str]
    prefixes: re.Pattern[str]
    summary_headers: frozenset[str]
    agencies: dict[str, str] = field(default_factory=dict)
    social: frozenset[str] = frozenset()


def load_chrome_lexicon(path: str | Path | None = None) -> ChromeLexicon:
    """Load the chrome vocabulary from ``path`` (the packaged file when ``None``).

    Raises:
        ConfigError: When the file cannot be read or lacks a section.
    """
    try:
        if path is None:
            ref = resources.files("tidings") / "data" / "extract" / "chrome.yaml"
            raw = yaml.safe_load(ref.read_text(encoding="utf-8"))
        else:
            raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        lines = frozenset(_key(str(x)) for x in raw["lines"])
        prefixes = re.compile("|".join(f"(?:{p})" for p in raw["prefixes"]), re.I)
        headers = frozenset(_key(str(x)) for x in raw["summary_headers"])
        agencies = {str(a).lower(): str(a) for a in raw["agencies"]}
        social = frozenset(str(w).lower() for w in raw.get("social") or [])
    except (OSError, KeyError, TypeError, yaml.YAMLError, re.error) as exc:
        raise ConfigError(
            f"cannot load the chrome vocabulary from {path or 'the package'} ({exc}); "
            "reinstall tidings or fix the file"
        ) from exc
    return ChromeLexicon(
        lines=lines,
        prefixes=prefixes,
        summary_headers=headers,
        agencies=agencies,
        social=social,
    )


@functools.cache
def default_lexicon() -> ChromeLexicon:
    """The packaged vocabulary, loaded once per process on first use (read-only)."""
    return load_chrome_lexicon()


@dataclass(slots=True)
class ScrapedText:
    """What :func:`parse_scraped_text` recovers.

    Attributes:
        title: Headline, when found.
        author: Author name(s), when found.
        published: Publication date as written (normalise with ``normalise_date``).
        source: Outlet or agency named in a byline or dateline.
        dateline: City of the dateline (``SEOUL``), when found.
        paragraphs: Clean body paragraphs.
        summary: Items of a key-takeaways list.
    """

    title: str | None = None
    author: str | None = None
    published: str | None = None
    source: str | None = None
    dateline: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)


def _key(line: str) -> str:
    """Comparison key: lower case, single spaces, no surrounding punctuation."""
    return " ".join(line.lower().split()).strip(" .:|-–—•*>»#")


def clean_inline(text: str) -> str:
    """Unescape entities, drop stray tags and inline photo credits, normalise spaces.

    Example:
        >>> clean_inline("Kim&nbsp;Jong Un &amp; aides <b>met</b> (Photo: KCNA)  today")
        'Kim Jong Un & aides met today'
    """
    for _ in range(2):  # double-escaped entities (&amp;amp;) are common in feeds
        unescaped = html.unescape(text)
        if unescaped == text:
            break
        text = unescaped
    text = _TAG.sub("", text)
    text = _INLINE_CREDIT.sub("", text)
    return " ".join(text.split())


def _is_wrapped(lines: list[str], lexicon: ChromeLexicon) -> bool:
    """True when a block's lines are one hard-wrapped paragraph rather than separate lines.

    Wrapped lines are of similar length (a fixed width), mostly end mid-sentence, and none
    of them is a bullet or a chrome line.
    """
    inner = lines[:-1]
    if len(inner) < 2 or any(_BULLET.match(line) or is_chrome(line, lexicon) for line in lines):
        return False
    widest = max(len(line) for line in inner)
    if widest > 120 or not all(len(line) >= max(40, 0.6 * widest) for line in inner):
        return False
    open_ends = sum(1 for line in inner if not line.endswith(_SENTENCE_END))
    return open_ends * 2 >= len(inner)


def split_units(text: str, lexicon: ChromeLexicon | None = None) -> list[str]:
    """Split text into units: paragraphs (hard-wrapped lines joined) or single lines.

    Blocks are separated by blank lines. Inside a block, chrome, bullet and date lines
    stand alone; the runs of lines between them are joined when they look hard-wrapped
    (similar widths, open line ends) or when a line continues the previous one in lower
    case.
    """
    lex = lexicon or default_lexicon()
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    units: list[str] = []
    for block in re.split(r"\n[ \t\u00a0]*\n", text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        for line in _join_runs(lines, lex):
            cleaned = clean_inline(line)
            if cleaned:
                units.append(cleaned)
    return units


def _stands_alone(line: str, lexicon: ChromeLexicon) -> bool:
    """Lines never joined to their neighbours: bullets, chrome, date stamps, bylines."""
    if _BULLET.match(line) or is_chrome(line, lexicon) or looks_like_date_line(line):
        return True
    return len(line.split()) <= 12 and _parse_byline(line, lexicon) is not None


def _join_runs(lines: list[str], lexicon: ChromeLexicon) -> list[str]:
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if len(run) > 1 and _is_wrapped(run, lexicon):
            out.append(" ".join(run))
        else:
            for line in run:
                prev = out[-1] if out else ""
                if (
                    len(prev) >= 40
                    and not prev.endswith(_SENTENCE_END)
                    and line[:1].islower()
                    and not _stands_alone(prev, lexicon)
                ):
                    out[-1] = f"{prev} {line}"
                else:
                    out.append(line)
        run.clear()

    for line in lines:
        if _stands_alone(line, lexicon):
            flush()
            out.append(line)
        else:
            run.append(line)
    flush()
    return out


def is_chrome(line: str, lexicon: ChromeLexicon) -> bool:
    """True when ``line`` is page chrome by vocabulary or shape.

    Example:
        >>> lex = default_lexicon()
        >>> is_chrome("Follow us on Telegram for more updates", lex)
        True
        >>> is_chrome("The minister said the talks had gone well.", lex)
        False
    """
    key = _key(line)
    if not key or not any(ch.isalnum() for ch in key):
        return True
    if key in lexicon.lines or lexicon.prefixes.match(key) or lexicon.prefixes.match(line):
        return True
    words = re.findall(r"[\w'-]+", key)
    return bool(words) and len(words) <= 8 and all(w in lexicon.social for w in words)


def _is_sentence_like(line: str) -> bool:
    words = line.split()
    return len(words) >= 10 and (line.endswith(_SENTENCE_END) or ". " in line)


def _is_headline_shaped(line: str) -> bool:
    """A first line that reads as a headline: at most 25 words, not ending in a period."""
    return 2 <= len(line.split()) <= 25 and not line.endswith(".")


def _is_minor(line: str) -> bool:
    """A very short line without sentence punctuation (caption, label, section name)."""
    return len(line.split()) <= 3 and not line.endswith((".", "!", "?", '"', "”"))


def looks_like_name(text: str) -> bool:
    """True for 2–5 capitalised words without digits (``Lee Min-ji``, ``Anna de Vries``).

    Example:
        >>> looks_like_name("Park Ji-won")
        True
        >>> looks_like_name("Updated on June 12")
        False
    """
    words = text.replace(",", " ").split()
    if not 2 <= len(words) <= 5 or len(text) > 50 or any(ch.isdigit() for ch in text):
        return False
    capitalised = [w for w in words if w[:1].isupper()]
    others = [w for w in words if not w[:1].isupper()]
    lower_ok = all(w.lower() in _NAME_PARTICLES or w.lower() == "and" for w in others)
    return len(capitalised) >= 2 and lower_ok and not text.endswith(_SENTENCE_END[:3])


def _agency(text: str, lexicon: ChromeLexicon) -> str | None:
    return lexicon.agencies.get(text.strip(" .()").lower())


def _parse_byline(line: str, lexicon: ChromeLexicon) -> tuple[str | None, str | None] | None:
    """``(author, source)`` from a byline line, or ``None`` when it is not one."""
    match = _BYLINE.match(line)
    if match:
        rest = match.group("rest").strip()
        source = None
        for sep in (" | ", ", ", " - ", " – ", " / "):
            if sep in rest:
                head, tail = rest.split(sep, 1)
                short = len(tail.split()) <= 4 and not looks_like_date_line(tail)
                if _agency(tail, lexicon) or short:
                    rest, source = head.strip(), tail.strip()
                    break
                if looks_like_date_line(tail):
                    rest = head.strip()
                    break
        return (rest if looks_like_name(rest) or len(rest.split()) <= 6 else None), (
            _agency(source, lexicon) or source if source else None
        )
    for sep in (" | ", " / "):
        if sep in line:
            head, tail = (part.strip() for part in line.split(sep, 1))
            if looks_like_name(head) and (_agency(tail, lexicon) or len(tail.split()) <= 3):
                if looks_like_date_line(tail):
                    return head, None
                return head, _agency(tail, lexicon) or tail
    return None


def _take_summary(units: list[str], lexicon: ChromeLexicon) -> tuple[list[str], list[str]]:
    """Split off a key-takeaways list; returns ``(remaining units, summary items)``."""
    for i, unit in enumerate(units):
        if _key(unit) not in lexicon.summary_headers:
            continue
        after = units[i + 1 :]
        trailing = i >= len(units) // 2
        items: list[str] = []
        consumed = 0
        for item in after:
            if is_chrome(item, lexicon):
                consumed += 1
                if not trailing:
                    break
                continue
            if not trailing and not _BULLET.match(item):
                break
            consumed += 1
            items.append(_BULLET.sub("", item).strip())
        if trailing:
            return units[:i], [x for x in items if x]
        return units[:i] + after[consumed:], [x for x in items if x]
    return units, []


def _strip_dateline(paragraph: str) -> tuple[str, str | None, str | None]:
    """Remove a dateline (``SEOUL, June 12 (Yonhap) —``): ``(text, city, agency)``."""
    for pattern in (_DATELINE_CAPS, _DATELINE_AGENCY):
        match = pattern.match(paragraph)
        if not match:
            continue
        city = match.group("city")
        if pattern is _DATELINE_CAPS and not match.group("agency") and len(city) < 3:
            continue
        if pattern is _DATELINE_CAPS and not city.isupper():
            continue
        rest = paragraph[match.end() :].lstrip()
        if len(rest.split()) < 4:
            continue
        return rest[:1].upper() + rest[1:], city, match.group("agency")
    return paragraph, None, None


def _avatar_name(line: str, lex: ChromeLexicon) -> tuple[str, str | None] | None:
    """``(author, date stamp or None)`` from the line after an avatar marker, or ``None``.

    Takes ``Ana Lima``, ``By Ana Lima | Reuters``, ``Ana Lima | May 2, 2024``,
    ``Ana Lima Updated On May 2, 2024`` and ``Ana Lima, Senior Correspondent``.
    """
    head, stamp = line.strip(), None
    parts = _STAMP.split(head, maxsplit=1)
    if len(parts) == 2 and looks_like_date_line(parts[1]):
        head, stamp = parts[0].strip(), parts[1].strip()
    for sep in (" | ", " · ", " • "):
        if sep in head:
            first, rest = (part.strip() for part in head.split(sep, 1))
            if looks_like_date_line(rest):
                head, stamp = first, stamp or rest
            break
    byline = _parse_byline(head, lex)
    if byline is not None and byline[0] and looks_like_name(byline[0]):
        return byline[0], stamp
    name = head.split(",", 1)[0].strip() if "," in head else head
    return (name, stamp) if looks_like_name(name) else None


def _take_avatar_bylines(units: list[str], out: ScrapedText, lex: ChromeLexicon) -> list[str]:
    """Remove avatar markers and the author's name after them, wherever they are (before
    the body or after a standfirst), recording the author and any date stamp with it."""
    kept: list[str] = []
    i = 0
    while i < len(units):
        unit = units[i]
        marker = _AVATAR.match(unit.strip())
        if marker is None:
            kept.append(unit)
            i += 1
            continue
        rest = unit.strip()[marker.end() :].strip()
        candidates = [rest] if rest else []
        # the name may follow a chrome label (``author-image`` / ``Share`` / ``Ana Lima``)
        j = i + 1
        while not rest and j < len(units) and is_chrome(units[j], lex) and j - i <= 2:
            j += 1
        if not rest and j < len(units):
            candidates.append(units[j])
        found = next((f for f in (_avatar_name(c, lex) for c in candidates) if f), None)
        if found is None:
            if rest:
                kept.append(unit)  # a line that merely starts with "Avatar ...": not a marker
            i += 1
            continue
        out.author = out.author or found[0]
        if found[1]:
            out.published = out.published or _date_text(found[1])
        i = i + 1 if rest else j + 1
    return kept


def parse_scraped_text(
    text: str,
    lexicon: ChromeLexicon | None = None,
    *,
    known_title: str | None = None,
    extracted: bool = False,
) -> ScrapedText:
    """Recover title, byline, date and a clean body from scraped text.

    Args:
        text: The scraped text.
        lexicon: Chrome vocabulary; the packaged one when ``None``.
        known_title: A title already known (from the container); its repeats are dropped.
        extracted: The text is the body an extractor (trafilatura) already chose from a page:
            only metadata lines (bylines, date stamps, title repeats) and chrome named in the
            vocabulary are removed, never body text by its shape (short lines before the first
            long sentence, one- to three-word lines such as subheadings).

    Example:
        >>> page = ("Talks Resume in Geneva\\nShare\\nBy Ana Lima | Reuters\\n"
        ...         "Updated On Jun 3, 2024\\nDelegates from both sides met on Monday for the "
        ...         "first time in months, officials said.")
        >>> out = parse_scraped_text(page)
        >>> (out.title, out.author, out.source, out.published)
        ('Talks Resume in Geneva', 'Ana Lima', 'Reuters', 'Jun 3, 2024')
        >>> out.paragraphs
        ['Delegates from both sides met on Monday for the first time in months, officials said.']
    """
    lex = lexicon or default_lexicon()
    out = ScrapedText(title=known_title)
    units, out.summary = _take_summary(split_units(text, lex), lex)
    units = _take_avatar_bylines(units, out, lex)
    first = 1 if units and _is_headline_shaped(units[0]) else 0
    body_start = next(
        (
            i
            for i, unit in enumerate(units)
            if i >= first
            and _is_sentence_like(unit)
            and not is_chrome(unit, lex)
            and not looks_like_date_line(unit)
            and _parse_byline(unit, lex) is None
        ),
        len(units),
    )
    if body_start == len(units):
        # a brief with no long sentence: its first short sentence starts the body
        body_start = next(
            (
                i
                for i, unit in enumerate(units)
                if i >= first
                and len(unit.split()) >= 4
                and unit.endswith(_SENTENCE_END)
                and not is_chrome(unit, lex)
                and not looks_like_date_line(unit)
                and _parse_byline(unit, lex) is None
            ),
            len(units),
        )
    kept_header = _parse_header(units[:body_start], out, lex, keep_short=extracted)
    title_key = _key(out.title) if out.title else None
    body: list[str] = []
    for unit in kept_header + units[body_start:]:
        if is_chrome(unit, lex) or (title_key and _key(unit) == title_key):
            continue
        if looks_like_date_line(unit):
            out.published = out.published or _date_text(unit)
            continue
        byline = _parse_byline(unit, lex) if len(unit.split()) <= 12 else None
        # a byline names a person (or an agency); "By then, the delegates had left." does not
        if byline is not None and (
            (byline[0] and looks_like_name(byline[0])) or (not extracted and byline[1])
        ):
            out.author = out.author or byline[0]
            out.source = out.source or byline[1]
            continue
        if _is_minor(unit) and not extracted:
            continue
        body.append(unit)
    if body:
        lead, city, agency = _strip_dateline(body[0])
        body[0] = lead
        out.dateline = city
        if agency and not out.source:
            out.source = _agency(agency, lex) or agency
    out.paragraphs = body
    return out


def _date_text(line: str) -> str:
    match = DATE_SHAPE.search(line)
    return match.group(0) if match else line


def _parse_header(
    header: list[str], out: ScrapedText, lex: ChromeLexicon, *, keep_short: bool = False
) -> list[str]:
    """Read title, author and date from the lines before the body; return lines to keep
    (with ``keep_short``, every line that is not metadata or chrome, else only long ones)."""
    keep: list[str] = []
    expect_author = False
    for i, unit in enumerate(header):
        key = _key(unit)
        if key in {"author-image", "author image", "author", "author photo", "written by"}:
            expect_author = True
            continue
        if expect_author:
            expect_author = False
            if looks_like_name(unit) or _parse_byline(unit, lex):
                byline = _parse_byline(unit, lex)
                out.author = out.author or (byline[0] if byline else unit)
                if byline and byline[1]:
                    out.source = out.source or byline[1]
                continue
        if is_chrome(unit, lex):
            continue
        if looks_like_date_line(unit):
            if out.published is None or unit.lower().startswith(("published", "posted")):
                out.published = _date_text(unit)
            continue
        byline = _parse_byline(unit, lex)
        if byline is not None and byline[0]:
            out.author = out.author or byline[0]
            out.source = out.source or byline[1]
            continue
        if out.title is None and len(unit.split()) >= 2:
            out.title = unit.rstrip(" .")
            continue
        if out.title is not None and _key(unit) == _key(out.title):
            continue
        nxt = header[i + 1] if i + 1 < len(header) else ""
        if looks_like_name(unit) and out.author is None and looks_like_date_line(nxt):
            out.author = unit
            continue
        if keep_short or len(unit.split()) >= 8:
            keep.append(unit)
    return keep


def scraped_date(parsed: ScrapedText) -> str | None:
    """The scraped publication date normalised to ISO 8601."""
    return normalise_date(parsed.published)
