"""Compile the Phoenix/PETRARCH-2 actor and agent dictionaries into the actor knowledge base.

The Phoenix dictionaries (Open Event Data Alliance, MIT licence) list actors in blocks: a
primary name line, ``+alias`` lines and code lines, each code optionally dated::

    JANE_EXAMPLE_            # a person
    +J._EXAMPLE_
        [FRAGOV 020101-071231]
        [FRAELI]

Dates are ``YYMMDD`` (years up to 30 read as 20xx) or ``YYYYMMDD``: ``A-B`` is a range,
``>A`` from A on, ``<B`` up to B; an undated code holds outside the dated ones. Names are upper
case with ``_`` for spaces. The agents file maps words to sector codes (``POLICE [~COP]``,
``{PLURAL}`` giving an irregular plural, ``!MACRO!`` standing for listed words).

:func:`compile_actors` turns them into small CSV files under ``tidings/data/actors``:
``phoenix_people.csv`` and ``phoenix_terms.csv`` (people and their dated roles),
``phoenix_groups.csv`` (national institutions, international and non-state organisations,
coded by country, ``IGO``, ``NGO`` or ``IMG``) and ``phoenix_agents.csv`` (sector words). Aliases
that are ordinary English words, shorter than three letters, shared by two different actors, or
already in the hand-written KB files are left out (the hand entries win) and counted.

Run it as ``python -m tidings.build.actors DIR [--out DIR]``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

logger = logging.getLogger(__name__)

#: Dictionary files read from the source folder.
COUNTRIES_FILE = "Phoenix.Countries.actors.txt"
INTERNATIONAL_FILE = "Phoenix.International.actors.txt"
NONSTATE_FILE = "Phoenix.MilNonState.actors.txt"
AGENTS_FILE = "Phoenix.agents.txt"

#: Header line naming the source and licence of every compiled file.
SOURCE_NOTE = (
    "# Compiled by tidings.build.actors from the Phoenix/PETRARCH-2 dictionaries "
    "(github.com/openeventdata/petrarch2, Open Event Data Alliance, MIT licence); facts only."
)

#: CAMEO sector codes and the tidings sector label they map to.
SECTORS: dict[str, str] = {
    "GOV": "government",
    "MIL": "military",
    "REB": "rebel",
    "UAF": "rebel",
    "INS": "rebel",
    "OPP": "opposition",
    "COP": "police",
    "JUD": "judiciary",
    "LEG": "legislature",
    "MED": "media",
    "BUS": "business",
    "SPY": "intelligence",
    "CVL": "civilian",
    "IGO": "igo",
    "NGO": "ngo",
    "ELI": "elite",
}

#: Further three-letter sector and issue codes that may follow a country code in a person's code.
_OTHER_SECTORS = frozenset(
    {"AGR", "BUD", "CHR", "CRM", "DEV", "EDU", "ENV", "HIN", "HLH", "HRI", "JEW", "LAB", "MOD"}
    | {"MUS", "PPL", "PTY", "RAD", "REF", "REL", "SHI", "SUN", "CTH", "PRO", "ORT", "ITH"}
    | {"JAN", "CON", "SEC", "RES", "HUM", "BIO"}
)

#: People whose roles all ended before this day are left out (see the README of the KB).
PEOPLE_SINCE = dt.date(2010, 1, 1)

#: Words written in lower case inside a name ("Union of the Comoros", "Bashar al-Assad").
_PARTICLES = frozenset(
    {"of", "the", "and", "for", "in", "on", "de", "del", "der", "van", "von", "du"}
    | {"al", "bin", "ibn"}
)
_CODE = re.compile(r"\[([^\]]*)\]")
_DATE = re.compile(r"^\d{6}$|^\d{8}$")
_NAME_CHARS = re.compile(r"^[A-Z0-9 .'&/-]+$")


@dataclass(frozen=True, slots=True)
class Code:
    """One code of an actor, with the days it holds (``None``: open)."""

    code: str
    start: dt.date | None = None
    end: dt.date | None = None
    dated: bool = False

    @property
    def country(self) -> str:
        """The first three letters: a country code, ``IGO``, ``NGO``, ``IMG``, a region..."""
        return self.code[:3]

    @property
    def sectors(self) -> tuple[str, ...]:
        """The three-letter groups after the country part."""
        rest = self.code[3:]
        return tuple(rest[i : i + 3] for i in range(0, len(rest), 3))


@dataclass(slots=True)
class Block:
    """One actor block: its names (primary names first, then ``+`` aliases) and codes."""

    names: list[str] = field(default_factory=list)
    codes: list[Code] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Agent:
    """An agent word: ``phrase`` (and its plural) stands for the sector ``code``."""

    phrase: str
    plural: str
    code: str


@dataclass(slots=True)
class CompileStats:
    """Counts of one compilation (all written to the log, and returned)."""

    people: int = 0
    terms: int = 0
    groups: int = 0
    agents: int = 0
    aliases: int = 0
    conflicts: int = 0
    noise: int = 0
    shared: int = 0
    old_people: int = 0
    skipped_codes: int = 0
    skipped: Counter[str] = field(default_factory=Counter)


# -- parsing ------------------------------------------------------------------------------


def parse_date(text: str) -> dt.date | None:
    """A Phoenix date: ``YYMMDD`` (``00``-``30`` read as 20xx) or ``YYYYMMDD``.

    Raises:
        ValueError: When ``text`` is not such a date.

    Example:
        >>> parse_date("090120"), parse_date("19930120")
        (datetime.date(2009, 1, 20), datetime.date(1993, 1, 20))
    """
    if not _DATE.match(text):
        raise ValueError(f"{text!r} is not a YYMMDD or YYYYMMDD date")
    if len(text) == 6:
        year = int(text[:2])
        year += 2000 if year <= 30 else 1900
        return dt.date(year, int(text[2:4]), int(text[4:6]))
    return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))


def parse_code(text: str) -> Code | None:
    """A bracketed code without its brackets: ``USAGOV``, ``USAGOV >090120``, ``IGO 0101-...``.

    Returns ``None`` for codes whose date cannot be read; the empty code ``---`` is kept (it
    closes a block that names nothing to code).

    Example:
        >>> found = parse_code("USAGOV 090120-170120")
        >>> found.country, found.sectors, found.start, found.end
        ('USA', ('GOV',), datetime.date(2009, 1, 20), datetime.date(2017, 1, 20))
    """
    parts = text.split(None, 1)
    if parts[:1] == ["---"]:
        return Code("---")  # explicitly no code: the block names nothing to code
    if not parts or not re.fullmatch(r"~?[A-Z]{3,}", parts[0]):
        return None
    code = parts[0]
    if len(parts) == 1:
        return Code(code)
    when = parts[1].replace(" ", "")
    try:
        if when.startswith(">"):
            return Code(code, parse_date(when[1:]), None, True)
        if when.startswith("<"):
            return Code(code, None, parse_date(when[1:]), True)
        first, _, last = when.partition("-")
        start, end = parse_date(first), parse_date(last)
    except ValueError:
        return None
    if start is not None and end is not None and end < start:
        return None
    return Code(code, start, end, True)


def parse_actors(lines: Iterable[str]) -> Iterator[Block]:
    """Actor blocks of a Phoenix ``.actors.txt`` file.

    A primary name line starts a block once the previous one has its codes (primary names
    without codes in between are synonyms of the next coded block); ``+`` lines add
    aliases; bracketed codes may follow a name on its line or stand on their own lines.

    Example:
        >>> text = ["JANE_DOE_ [FRAGOV 020101-071231]", "+J._DOE_", "\\t[FRAELI]"]
        >>> [(b.names, [c.code for c in b.codes]) for b in parse_actors(text)]
        [(['JANE_DOE_', 'J._DOE_'], ['FRAGOV', 'FRAELI'])]
    """
    block = Block()
    for raw in lines:
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        codes = [c for c in (parse_code(m.strip()) for m in _CODE.findall(line)) if c]
        bare = _CODE.sub(" ", line).strip()
        if line[:1] in (" ", "\t", "["):
            block.codes.extend(codes)
            continue
        if line.startswith("+"):
            if bare[1:].strip():
                block.names.append(bare[1:].strip())
            block.codes.extend(codes)
            continue
        if block.codes:
            yield block
            block = Block()
        if bare:
            block.names.append(bare)
        block.codes.extend(codes)
    if block.codes:
        yield block


def parse_agents(lines: Iterable[str]) -> list[Agent]:
    """Agent words of a Phoenix ``agents.txt`` file, with macros expanded.

    Example:
        >>> found = parse_agents(["!P! = MAN, MEN", "POLICE!P! [~COP]", "ARMY {ARMIES} [~MIL]"])
        >>> [(a.phrase, a.plural, a.code) for a in found]
        [('POLICEMAN', '', 'COP'), ('POLICEMEN', '', 'COP'), ('ARMY', 'ARMIES', 'MIL')]
    """
    macros: dict[str, list[str]] = {}
    agents: list[Agent] = []
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        macro = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line)
        if macro:
            macros[macro.group(1)] = [w.strip() for w in macro.group(2).split(",") if w.strip()]
            continue
        found = re.search(r"\[~([A-Z]+)\]", line)
        if not found:
            continue
        head = line[: found.start()]
        plural = ""
        braces = re.search(r"\{([^}]*)\}", head)
        if braces:
            plural = braces.group(1).strip()
            head = head[: braces.start()]
        head = head.strip()
        forms = [head]
        for name, words in macros.items():
            if name in head:
                forms = [f.replace(name, w) for f in forms for w in words]
                plural = ""
        for form in forms:
            if _NAME_CHARS.match(form.replace("_", " ")):
                agents.append(Agent(form, plural, found.group(1)))
    return agents


# -- names --------------------------------------------------------------------------------


def _word_case(word: str, first: bool) -> str:
    if "." in word and len(word) <= 6:
        return word  # initials and abbreviations: "U.N.", "J."
    if word.isalpha() and not re.search(r"[AEIOUY]", word):
        return word  # an acronym: "PKK"
    low = word.lower()
    if not first and low in _PARTICLES:
        return low
    parts = []
    for i, part in enumerate(word.split("-")):
        if i == 0 and part == "AL" and "-" in word:
            parts.append("al" if not first else "Al")
            continue
        cased = part[:1] + part[1:].lower()
        cased = re.sub(r"^(Mc)([a-z])", lambda m: m.group(1) + m.group(2).upper(), cased)
        cased = re.sub(r"^(O')([a-z])", lambda m: m.group(1) + m.group(2).upper(), cased)
        parts.append(cased)
    return "-".join(parts)


def display_name(raw: str, *, person: bool = False) -> str:
    """A readable form of a Phoenix name: ``BASHAR_AL-ASSAD_`` -> ``Bashar al-Assad``.

    Short single words (up to four letters) and words without vowels stay in capitals
    (acronyms), and so do two-letter words of an organisation's name ("US Army"); ``Mc`` and
    ``O'`` names keep their inner capital.

    Example:
        >>> display_name("UNION_OF_THE_COMOROS_"), display_name("PKK"), display_name("JOHN_MCCAIN")
        ('Union of the Comoros', 'PKK', 'John McCain')
    """
    text = re.sub(r"\s+", " ", raw.upper().replace("_", " ")).strip()
    words = text.split(" ")
    if len(words) == 1 and len(text) <= 4 and text.isalpha():
        return text
    return " ".join(
        w if not person and len(w) == 2 and w.lower() not in _PARTICLES else _word_case(w, i == 0)
        for i, w in enumerate(words)
    )


def hyphen_variants(name: str) -> list[str]:
    """Other casings of hyphenated parts: ``Ki-Moon`` is also written ``Ki-moon``.

    Example:
        >>> hyphen_variants("Ban Ki-Moon")
        ['Ban Ki-moon']
    """
    lowered = re.sub(r"(?<=[A-Za-z])-([A-Z])(?=[a-z])", lambda m: "-" + m.group(1).lower(), name)
    return [lowered] if lowered != name else []


def _names(raw_names: Iterable[str], *, person: bool = False) -> list[str]:
    """Display forms of raw names (parenthesised acronyms become aliases of their own)."""
    out: list[str] = []
    for raw in raw_names:
        text = raw.upper().replace("_", " ")
        inner = re.findall(r"\(([A-Z0-9-]+)\)", text)
        text = re.sub(r"\([^)]*\)", " ", text)
        for piece in [text, *inner]:
            piece = re.sub(r"\s+", " ", piece).strip(" -")
            if piece and _NAME_CHARS.match(piece):
                shown = display_name(piece, person=person)
                for form in [shown, *hyphen_variants(shown)]:
                    if form not in out:
                        out.append(form)
    return out


# -- noise --------------------------------------------------------------------------------


def ordinary_words() -> frozenset[str]:
    """Lower-case English words: spaCy's stop words and, when an English model is installed,
    the lemmas of its lemmatizer tables (nouns, verbs, adjectives, adverbs of WordNet).

    Example:
        >>> "the" in ordinary_words()
        True
    """
    from spacy.lang.en.stop_words import STOP_WORDS

    words = set(STOP_WORDS)
    try:
        import spacy

        from tidings.nlp.models import AUTO_MODELS

        for name in AUTO_MODELS:
            try:
                nlp = spacy.load(name, exclude=["tok2vec", "tagger", "parser", "ner"])
            except OSError:
                continue
            lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
            if lookups is None:
                continue
            if "lemma_index" in lookups.tables:
                for lemmas in lookups.get_table("lemma_index").values():
                    words.update(w.lower() for w in lemmas if "_" not in w)
            break
        else:
            logger.warning("no English spaCy model: ordinary words are stop words only")
    except ImportError:  # pragma: no cover - spaCy is a dependency
        pass
    return frozenset(words)


def is_noise(alias: str, ordinary: frozenset[str], specific: frozenset[str]) -> bool:
    """Whether an alias is too short or too ordinary to name one actor.

    An alias is noise when it has fewer than three letters, or when all its words (at most
    three, leaving out small words such as "of") are ordinary English words: "Angry",
    "Action Committee". A word in ``specific`` (country names and demonyms) makes the alias
    specific ("Free Syrian Army" stays). Acronyms in capitals are kept unless they spell an
    ordinary word.

    Example:
        >>> words = frozenset({"angry", "brigade", "free", "army", "aim"})
        >>> none = frozenset()
        >>> is_noise("Angry Brigade", words, none), is_noise("Free Elbonian Army", words, none)
        (True, False)
        >>> is_noise("AIM", words, frozenset()), is_noise("PKK", words, frozenset())
        (True, False)
    """
    if sum(c.isalpha() for c in alias) < 3:
        return True
    words = [w for w in re.split(r"[ \-]+", alias) if w]
    content = [w for w in words if w.lower() not in _PARTICLES]
    if not content or len(content) > 3:
        return False
    if any(w in specific for w in content):
        return False
    return all(w.lower().strip(".'") in ordinary for w in content)


# -- compiling ----------------------------------------------------------------------------


def _key(name: str) -> str:
    """A name without case, spaces, dots or hyphens: "Bashar al-Assad" ~ "BASHAR AL ASSAD"."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _is_person(block: Block, countries: frozenset[str]) -> bool:
    """People have dated codes or the elite code, each of a country, IGO or NGO and sectors."""
    if not any(c.dated or c.code.endswith("ELI") for c in block.codes):
        return False
    known = set(SECTORS) | _OTHER_SECTORS
    for code in block.codes:
        if code.code == "ELI":
            continue
        if code.country not in countries and code.country not in ("IGO", "NGO"):
            return False
        if not code.sectors or not all(s in known or code.country == "IGO" for s in code.sectors):
            return False
    return True


def _sector(code: Code) -> str:
    if code.country in ("IGO", "NGO"):
        return SECTORS[code.country]
    for part in code.sectors:
        if part in SECTORS:
            return SECTORS[part]
    if code.country == "IMG":
        return "rebel"  # an international militarised group
    return "elite" if not code.sectors else "civilian"


def _group_country(code: Code, countries: frozenset[str]) -> str:
    """Country of a group: its country code, IGO or NGO, IMG for transnational armed
    groups, empty for groups of a region or of no country. An NGO of one country
    (``NGOUSA...``) is coded by that country: the gold convention keeps ``NGO`` for
    international non-governmental organisations."""
    if code.country == "NGO" and code.sectors and code.sectors[0] in countries:
        return code.sectors[0]
    if code.country in countries or code.country in ("IGO", "NGO", "IMG"):
        return code.country
    return ""


@dataclass(slots=True)
class _Actor:
    kind: str  # person | group
    name: str
    aliases: list[str]
    codes: list[Code]
    origin: str


def _read_blocks(source_dir: Path, stats: CompileStats, countries: frozenset[str]) -> list[_Actor]:
    actors: list[_Actor] = []
    for filename in (COUNTRIES_FILE, INTERNATIONAL_FILE, NONSTATE_FILE):
        text = (source_dir / filename).read_text(encoding="utf-8", errors="replace")
        for block in parse_actors(io.StringIO(text)):
            codes = [c for c in block.codes if not c.code.startswith(("~", "-"))]
            if not codes:
                continue
            block.codes = codes
            person = _is_person(block, countries)
            names = _names(block.names, person=person)
            if not names:
                continue
            if person:
                actors.append(_Actor("person", names[0], names, codes, filename))
                continue
            first = codes[0]
            if filename == COUNTRIES_FILE and len(first.code) == 3:
                stats.skipped["country block"] += 1
                continue
            if first.country == "MNC":
                stats.skipped["company (MNC)"] += 1
                continue
            known = first.country in countries or first.country in ("IGO", "NGO", "IMG")
            if not known and filename != NONSTATE_FILE:
                stats.skipped["other code"] += 1
                continue
            actors.append(_Actor("group", names[0], names, codes, filename))
    return actors


def _hand_surfaces(kb_path: Path | None) -> tuple[frozenset[str], frozenset[str]]:
    """Surface forms of the hand-written KB and its country codes (the KB without Phoenix)."""
    from tidings.resolve.kb import ActorKB

    kb = ActorKB.load(kb_path, phoenix=())
    return frozenset(kb.aliases), frozenset(kb.countries)


def compile_actors(
    source_dir: Path,
    out_dir: Path,
    *,
    kb_path: Path | None = None,
    since: dt.date = PEOPLE_SINCE,
) -> CompileStats:
    """Compile the Phoenix dictionaries in ``source_dir`` into CSV files in ``out_dir``.

    Args:
        source_dir: Folder holding the four Phoenix files (see the module docstring).
        out_dir: Folder to write ``phoenix_*.csv`` into (usually ``tidings/data/actors``).
        kb_path: The hand-written KB whose entries win over Phoenix ones (default: shipped).
        since: People whose dated roles all ended before this day are left out.

    Returns:
        The counts of what was written and left out.

    Example:
        >>> stats = compile_actors(Path("phoenix"), Path("out"))  # doctest: +SKIP
        >>> stats.people > 0  # doctest: +SKIP
        True
    """
    stats = CompileStats()
    hand, countries = _hand_surfaces(kb_path)
    filt = _Filter(
        hand=hand,
        hand_keys=frozenset(_key(s) for s in hand),
        ordinary=ordinary_words(),
        specific=frozenset(
            w
            for s in hand
            if s[:1].isupper() and len(s) > 3
            for w in s.split()
            if w.lower() not in _PARTICLES
        ),
    )
    actors = _merge(_select(_read_blocks(source_dir, stats, countries), filt, since, stats))
    owners: dict[str, set[tuple[str, str]]] = {}
    for key, actor in actors.items():
        for alias in actor.aliases:
            owners.setdefault(alias, set()).add(key)

    people: list[list[str]] = []
    terms: list[list[str]] = []
    groups: list[list[str]] = []
    for _, actor in sorted(actors.items()):
        aliases = _clean_aliases(actor, owners, filt, stats)
        if actor.name not in aliases:
            continue
        stats.aliases += len(aliases)
        others = "|".join(sorted(a for a in aliases if a != actor.name))
        kb_id = f"phoenix:{_slug(actor.name)}"
        if actor.kind == "person":
            dated = sorted((c for c in actor.codes if c.dated), key=_code_key)
            undated = [c for c in actor.codes if not c.dated and c.code != "ELI"]
            home = undated[0] if undated else dated[-1]
            people.append([kb_id, actor.name, home.country, others])
            terms.extend(
                [
                    kb_id,
                    code.country,
                    code.code,
                    _sector(code),
                    code.start.isoformat() if code.start else "",
                    code.end.isoformat() if code.end else "",
                ]
                for code in dated
            )
        else:
            code = actor.codes[0]
            sector = _sector(code) if code.sectors or code.country in ("IGO", "NGO") else ""
            groups.append(
                [kb_id, actor.name, others, _group_country(code, countries), sector, code.code]
            )
    stats.people, stats.terms, stats.groups = len(people), len(terms), len(groups)
    agents = _compile_agents(source_dir / AGENTS_FILE, hand, stats)
    _write_all(out_dir, people, terms, groups, agents)
    logger.info(
        "Phoenix: %d people, %d terms, %d groups, %d agents, %d aliases; left out: %d conflicts "
        "with hand entries, %d noise, %d shared aliases, %d people before %s, other %s",
        stats.people,
        stats.terms,
        stats.groups,
        stats.agents,
        stats.aliases,
        stats.conflicts,
        stats.noise,
        stats.shared,
        stats.old_people,
        since,
        dict(stats.skipped),
    )
    return stats


@dataclass(frozen=True, slots=True)
class _Filter:
    hand: frozenset[str]
    hand_keys: frozenset[str]
    ordinary: frozenset[str]
    specific: frozenset[str]


def _select(
    actors: list[_Actor], filt: _Filter, since: dt.date, stats: CompileStats
) -> Iterator[_Actor]:
    """Leave out people of the past, people without dates and actors the hand KB has."""
    for actor in actors:
        if actor.kind == "person":
            dated = [c for c in actor.codes if c.dated]
            if not dated:
                stats.skipped["person without dated role"] += 1
                continue
            if all(c.end is not None and c.end < since for c in dated):
                stats.old_people += 1
                continue
        if actor.name in filt.hand or _key(actor.name) in filt.hand_keys:
            stats.conflicts += 1
            logger.debug("hand KB already has %r; Phoenix entry left out", actor.name)
            continue
        yield actor


def _merge(actors: Iterable[_Actor]) -> dict[tuple[str, str], _Actor]:
    """Blocks of one name (up to case and punctuation) merged into one actor."""
    merged: dict[tuple[str, str], _Actor] = {}
    for actor in actors:
        key = (actor.kind, _slug(actor.name))
        old = merged.get(key)
        if old is None:
            merged[key] = actor
            continue
        old.aliases.extend(a for a in actor.aliases if a not in old.aliases)
        old.codes.extend(c for c in actor.codes if c not in old.codes)
    return merged


def _clean_aliases(
    actor: _Actor,
    owners: dict[str, set[tuple[str, str]]],
    filt: _Filter,
    stats: CompileStats,
) -> list[str]:
    """The actor's aliases without hand-KB forms, forms shared with another actor and noise."""
    kept = []
    for alias in actor.aliases:
        if alias in filt.hand or (actor.kind == "person" and _key(alias) in filt.hand_keys):
            stats.conflicts += 1
        elif len(owners[alias]) > 1:
            stats.shared += 1
        elif is_noise(alias, filt.ordinary, filt.specific):
            stats.noise += 1
        else:
            kept.append(alias)
    return kept


def _write_all(
    out_dir: Path,
    people: list[list[str]],
    terms: list[list[str]],
    groups: list[list[str]],
    agents: list[list[str]],
) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    _write(
        out_dir / "phoenix_people.csv",
        "people with dated roles (Phoenix.Countries/International.actors.txt)",
        "Columns: kb_id, name, country (ISO3 or IGO: the person's country outside the dated "
        "roles), aliases (|).",
        ["kb_id", "name", "country", "aliases"],
        people,
    )
    _write(
        out_dir / "phoenix_terms.csv",
        "dated roles of the people of phoenix_people.csv",
        "Columns: person, country (ISO3 or IGO), code (CAMEO actor code), sector, start, end "
        "(YYYY-MM-DD, inclusive; empty = open).",
        ["person", "country", "code", "sector", "start", "end"],
        terms,
    )
    _write(
        out_dir / "phoenix_groups.csv",
        "national institutions, international and non-state organisations "
        "(Phoenix.Countries/International/MilNonState.actors.txt)",
        "Columns: kb_id, name, aliases (|), country (ISO3 where the group operates, IGO, NGO, "
        "IMG for transnational armed groups, empty for none), sector, code (CAMEO).",
        ["kb_id", "name", "aliases", "country", "sector", "code"],
        groups,
    )
    _write(
        out_dir / "phoenix_agents.csv",
        "sector words (Phoenix.agents.txt)",
        "Columns: phrase (lower case), plural, code (CAMEO agent code), sector.",
        ["phrase", "plural", "code", "sector"],
        agents,
    )


def _code_key(code: Code) -> tuple[dt.date, dt.date]:
    return (code.start or dt.date.min, code.end or dt.date.max)


def _compile_agents(path: Path, hand: frozenset[str], stats: CompileStats) -> list[list[str]]:
    rows: dict[str, list[str]] = {}
    for agent in parse_agents(io.StringIO(path.read_text(encoding="utf-8", errors="replace"))):
        sector = SECTORS.get(agent.code[:3])
        if sector is None or sector in ("elite", "igo", "ngo"):
            stats.skipped["agent of another sector"] += 1
            continue
        phrase = agent.phrase.replace("_", " ").lower().strip()
        plural = agent.plural.replace("_", " ").lower().strip()
        if len(phrase) < 3:
            continue
        if phrase in hand or phrase[:1].upper() + phrase[1:] in hand:
            stats.conflicts += 1
            continue
        rows.setdefault(phrase, [phrase, plural, agent.code, sector])
    stats.agents = len(rows)
    return [rows[k] for k in sorted(rows)]


def _write(path: Path, what: str, columns: str, header: list[str], rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    buffer.write(f"# tidings actor knowledge base: {what}.\n{SOURCE_NOTE}\n# {columns}\n")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m tidings.build.actors DIR [--out DIR]``."""
    from tidings.resolve.kb import DEFAULT_PATH

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("source", type=Path, help="folder of the Phoenix dictionary files")
    parser.add_argument("--out", type=Path, default=DEFAULT_PATH, help="output folder")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    compile_actors(args.source, args.out)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
