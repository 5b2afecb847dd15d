"""The actor knowledge base: countries, metonyms, international bodies, media, roles, people.

Everything is read from versioned CSV files under ``tidings/data/actors`` by
:meth:`ActorKB.load`; nothing is loaded at import time. The KB is a plain, picklable
object (matchers built for a spaCy vocabulary are cached on it but left out of pickles),
so it travels to Dask workers like any other resource.
"""

from __future__ import annotations

import csv
import datetime as dt
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tidings.errors import TidingsError

logger = logging.getLogger(__name__)

#: Folder of the data files shipped with the package.
DEFAULT_PATH = Path(__file__).resolve().parents[1] / "data" / "actors"

#: Entry kinds, in the order they win when one surface form has several.
KINDS: tuple[str, ...] = ("person", "igo", "media", "metonym", "country", "demonym", "role")

#: Parts of the compiled Phoenix data (``phoenix_*.csv``): ``people`` (people and their dated
#: roles), ``groups`` (institutions, international and non-state organisations), ``agents``
#: (sector words).
PHOENIX_PARTS: frozenset[str] = frozenset({"people", "groups", "agents"})

#: The parts loaded by default. ``agents`` adds about 15,000 surface forms (case and number
#: variants of 2,650 sector words), which doubles the phrase matcher's build time in every
#: process for one more correct target on the check half of the VOA gold; load it explicitly.
DEFAULT_PHOENIX: frozenset[str] = frozenset({"people", "groups"})

_SMALL_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "de", "d'"})


class KnowledgeBaseError(TidingsError):
    """The actor knowledge base files are missing or malformed."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One meaning of a surface form.

    Attributes:
        kind: One of :data:`KINDS`.
        kb_id: Stable id (``country:PRK``, ``igo:un``, ``media:kcna``, ``person:kim-jong-un``,
            ``role:foreign minister``...).
        name: Canonical name.
        country: ISO3 code, ``IGO``/``NGO`` for international bodies, ``None`` for roles.
        sector: Sector label, ``None`` when the entry alone says nothing about it.
        role: Role label (roles, metonyms, people), else ``None``.
        office: For roles, ``True`` when one person holds the office at a time.
        state: For media, ``True`` when state-owned or state-controlled.
    """

    kind: str
    kb_id: str
    name: str
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    office: bool = False
    state: bool = False


@dataclass(frozen=True, slots=True)
class Words:
    """Small word lists of ``words.yaml`` that guide the mention finder (see that file)."""

    honorifics: frozenset[str]
    modifiers: frozenset[str]
    former: frozenset[str]
    deputy: frozenset[str]
    adjectival_roles: frozenset[str]
    openers: frozenset[str]
    calendar: frozenset[str]
    name_particles: frozenset[str]
    titles_alone: frozenset[str]
    plural_roles: frozenset[str]
    directions: frozenset[str]
    group_nouns: frozenset[str]
    north_south: tuple[tuple[frozenset[str], dict[str, str]], ...]


@dataclass(frozen=True, slots=True)
class Term:
    """A dated term of office.

    Attributes:
        person: ``kb_id`` of the officeholder.
        country: ISO3 code of the office (``IGO`` for international posts).
        role: Canonical role label (``president``, ``foreign minister``...).
        sector: Sector of the office.
        start, end: First and last day; ``None`` when unknown or ongoing.
        leader: ``True`` when the office is the country's leading post (what "the leader" of
            the country means at that time).
    """

    person: str
    country: str
    role: str
    sector: str
    start: dt.date | None
    end: dt.date | None
    leader: bool = False

    def covers(self, day: dt.date) -> bool:
        """Whether ``day`` falls inside the term."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Person:
    """A person of the knowledge base.

    Attributes:
        kb_id: ``person:<slug>``.
        name: Canonical name.
        country: ISO3 code of the person's country.
        aliases: Forms that identify the person on their own.
        short: Forms (usually the surname) that refer to the person only after a full mention.
    """

    kb_id: str
    name: str
    country: str
    aliases: tuple[str, ...]
    short: tuple[str, ...]


@dataclass(slots=True)
class ActorKB:
    """The actor knowledge base.

    Build it with :meth:`load`; look things up with the methods below. Matchers for a
    spaCy vocabulary are built on first use by :func:`tidings.resolve.find_actors` and
    cached here.

    Attributes:
        version: Version string of the data files.
        path: Folder the data was read from.
        aliases: Surface form (case-sensitive) to its meanings.
        countries: ISO3 to canonical country name.
        official: ISO3 to official name.
        places: Lower-cased place name to ISO3.
        people: Person ``kb_id`` to :class:`Person`.
        terms: Person ``kb_id`` to their terms, oldest first.
        offices: ``(country, role)`` to terms of that office, oldest first; the role
            ``leader`` collects the leading posts.
        words: Word lists that guide the mention finder.
        short: Short form (surname) to the ``kb_id`` of the people it may refer to.
        ambiguous_places: Lower-cased place name to every country that has a place of that
            name ("tripoli": Libya and Lebanon); ``places`` holds the usual reading.
    """

    version: str
    path: Path
    aliases: dict[str, tuple[Entry, ...]]
    countries: dict[str, str]
    official: dict[str, str]
    places: dict[str, str]
    people: dict[str, Person]
    terms: dict[str, tuple[Term, ...]]
    offices: dict[tuple[str, str], tuple[Term, ...]]
    words: Words
    short: dict[str, tuple[str, ...]] = field(default_factory=dict)
    ambiguous_places: dict[str, frozenset[str]] = field(default_factory=dict)
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    # -- loading -----------------------------------------------------------------------

    @classmethod
    def load(cls, path: Path | None = None, *, phoenix: Iterable[str] | None = None) -> ActorKB:
        """Read the knowledge base from the CSV files in ``path``.

        Args:
            path: Folder holding ``VERSION`` and the CSV files; defaults to the data shipped
                with tidings.
            phoenix: Parts of the compiled Phoenix files to load beside the hand-written ones
                (see :data:`PHOENIX_PARTS`; default :data:`DEFAULT_PHOENIX`); hand-written
                entries win over them.

        Raises:
            KnowledgeBaseError: When a file is missing or a row is malformed.

        Example:
            >>> kb = ActorKB.load()
            >>> kb.country_name("PRK")
            'North Korea'
        """
        folder = Path(path) if path is not None else DEFAULT_PATH
        if not (folder / "VERSION").is_file():
            raise KnowledgeBaseError(
                f"no actor knowledge base at {folder} (VERSION file missing); pass the folder "
                "that holds countries.csv, people.csv ... or reinstall tidings"
            )
        version = (folder / "VERSION").read_text(encoding="utf-8").strip()
        builder = _Builder()
        builder.read_countries(_rows(folder / "countries.csv"))
        builder.read_metonyms(_rows(folder / "metonyms.csv"))
        builder.read_orgs(_rows(folder / "igos.csv"), kind="igo")
        builder.read_orgs(_rows(folder / "media.csv"), kind="media")
        builder.read_roles(_rows(folder / "roles.csv"))
        builder.read_people(_rows(folder / "people.csv"), _rows(folder / "terms.csv"))
        builder.read_places(_rows(folder / "places.csv"))
        builder.read_phoenix(folder, DEFAULT_PHOENIX if phoenix is None else frozenset(phoenix))
        kb = cls(
            version=version,
            path=folder,
            aliases={k: tuple(v) for k, v in builder.aliases.items()},
            countries=builder.countries,
            official=builder.official,
            places=builder.places,
            people=builder.people,
            terms={k: tuple(sorted(v, key=_term_key)) for k, v in builder.terms.items()},
            offices={k: tuple(sorted(v, key=_term_key)) for k, v in builder.offices.items()},
            words=_words(folder / "words.yaml"),
            short={k: tuple(v) for k, v in builder.short.items()},
            ambiguous_places={k: frozenset(v) for k, v in builder.ambiguous.items()},
        )
        logger.debug(
            "actor KB %s: %d surface forms, %d people", version, len(kb.aliases), len(kb.people)
        )
        return kb

    def __getstate__(self) -> dict[str, Any]:
        state = {name: getattr(self, name) for name in self.__slots__ if name != "_cache"}
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)
        object.__setattr__(self, "_cache", {})

    # -- lookups -----------------------------------------------------------------------

    def country_name(self, code: str) -> str | None:
        """Common English name of an ISO3 code (or ``IGO``), or ``None`` when unknown.

        Example:
            >>> ActorKB.load().country_name("KOR")
            'South Korea'
        """
        if code == "IGO":
            return "International organisation"
        return self.countries.get(code.upper())

    def country_for_place(self, name: str) -> str | None:
        """ISO3 code of a country, capital, metonym, city or region name, or ``None``.

        Example:
            >>> ActorKB.load().country_for_place("Vladivostok")
            'RUS'
        """
        key = _place_key(name)
        if not key:
            return None
        if key in self.places:
            return self.places[key]
        for entry in self.aliases.get(name.strip(), ()):
            if entry.kind in ("country", "metonym") and entry.country:
                return entry.country
        return None

    def lookup(self, text: str) -> tuple[Entry, ...]:
        """All meanings of an exact surface form (case-sensitive)."""
        return self.aliases.get(text, ())

    def person_terms(self, kb_id: str) -> tuple[Term, ...]:
        """Terms of office of a person, oldest first."""
        return self.terms.get(kb_id, ())

    def term_on(self, kb_id: str, as_of: dt.date | None) -> Term | None:
        """The person's term on ``as_of`` (the latest one when ``as_of`` is ``None``).

        When several terms overlap (a president who is also party leader) the one listed
        first in the data wins, except that a leading post is preferred.
        """
        terms = self.terms.get(kb_id, ())
        if not terms:
            return None
        if as_of is None:
            current = [t for t in terms if t.end is None]
            pool = current or [max(terms, key=lambda t: t.end or dt.date.max)]
        else:
            pool = [t for t in terms if t.covers(as_of)]
        if not pool:
            return None
        leaders = [t for t in pool if t.leader]
        return (leaders or pool)[0]

    def holder(self, country: str, role: str, as_of: dt.date | None) -> Person | None:
        """Who held ``role`` in ``country`` on ``as_of``; ``None`` without a date or a match.

        ``role`` ``leader`` means the country's leading post at that time.

        Example:
            >>> kb = ActorKB.load()
            >>> kb.holder("KOR", "president", dt.date(2019, 5, 1)).name
            'Moon Jae-in'
        """
        if as_of is None:
            return None
        for term in reversed(self.offices.get((country, role), ())):
            if term.covers(as_of):
                return self.people.get(term.person)
        return None

    def titled_person(
        self, name: str, role: str | None, country: str | None, as_of: dt.date | None
    ) -> Person | None:
        """The person a title and a (partial) name refer to: "President Bush", "Chancellor Merkel".

        ``name`` is matched as a full alias first, then by its last word (or its first,
        for family-name-first names) against the people's short forms. Candidates must
        match ``country`` when given and have held ``role`` (on ``as_of`` when given); when
        several remain, the one whose term is nearest ``as_of`` (or the latest) wins.

        Example:
            >>> kb = ActorKB.load()
            >>> kb.titled_person("Bush", "president", "USA", dt.date(2003, 3, 20)).name
            'George W. Bush'
        """
        ids: list[str] = [e.kb_id for e in self.aliases.get(name, ()) if e.kind == "person"]
        if not ids:
            words = name.split()
            keys = [words[-1], words[0]] if len(words) > 1 else words
            for key in keys:
                ids.extend(i for i in self.short.get(key, ()) if i not in ids)
            if not ids and role is not None:
                ids = [i for key in self.near_short_forms(words[-1]) for i in self.short[key]]
        best: tuple[dt.date, Person] | None = None
        nearest: tuple[int, Person] | None = None  # no term covers as_of: the closest one
        for kb_id in ids:
            person = self.people.get(kb_id)
            if person is None:
                continue
            terms = [
                t
                for t in self.terms.get(kb_id, ())
                if (role is None or t.role == role or (role == "leader" and t.leader))
                and (country is None or t.country == country)
            ]
            if not terms and role is None and (country is None or person.country == country):
                terms = list(self.terms.get(kb_id, ()))
                if not terms:
                    return person
            if as_of is not None and terms:
                gap = min(_distance(t, as_of) for t in terms)
                if role is not None and (nearest is None or gap < nearest[0]):
                    nearest = (gap, person)
                terms = [t for t in terms if t.covers(as_of)]
            if not terms:
                continue
            latest = max(t.start or dt.date.min for t in terms)
            if best is None or latest > best[0]:
                best = (latest, person)
        if best is None and nearest is not None and nearest[0] <= MAX_TITLE_GAP_DAYS:
            return nearest[1]  # "President Bush" in a text dated between two terms
        return best[1] if best else None

    def near_short_forms(self, word: str) -> list[str]:
        """Short forms one edit away from ``word`` (a misspelt surname), for words of 5+ letters.

        Example:
            >>> ActorKB.load().near_short_forms("Bouteflicka")
            ['Bouteflika']
        """
        if len(word) < 5 or not word[:1].isupper():
            return []
        return [
            key
            for key in self.short
            if key[:1] == word[:1] and abs(len(key) - len(word)) <= 1 and one_edit(key, word)
        ]

    def iter_entries(self) -> Iterator[tuple[str, tuple[Entry, ...]]]:
        """Every surface form with its meanings."""
        yield from self.aliases.items()


# -- building ----------------------------------------------------------------------------


#: How far (days) outside a term a title + surname still names that officeholder when no
#: one of that name held the title on the date (dates of texts are often approximate).
MAX_TITLE_GAP_DAYS = 3 * 366


def _distance(term: Term, day: dt.date) -> int:
    """Days between ``day`` and the nearest day of ``term`` (0 inside it)."""
    if term.start is not None and day < term.start:
        return (term.start - day).days
    if term.end is not None and day > term.end:
        return (day - term.end).days
    return 0


def _term_key(term: Term) -> tuple[dt.date, dt.date]:
    return (term.start or dt.date.min, term.end or dt.date.max)


def one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by at most one insertion, deletion or substitution."""
    if a == b:
        return True
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) > 1:
        return False
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]


def _rows(path: Path) -> list[dict[str, str]]:
    """Rows of a CSV file whose leading ``#`` lines are comments."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            lines = [line for line in handle if not line.startswith("#")]
    except OSError as exc:
        raise KnowledgeBaseError(
            f"cannot read {path}: {exc}; reinstall tidings or pass a complete KB folder"
        ) from exc
    reader = csv.DictReader(lines)
    rows = []
    for number, row in enumerate(reader, start=2):
        if None in row or any(v is None for v in row.values()):
            raise KnowledgeBaseError(
                f"{path.name}: row {number} has the wrong number of fields; expected "
                f"{', '.join(reader.fieldnames or [])}"
            )
        rows.append({k: (v or "").strip() for k, v in row.items()})
    return rows


def _words(path: Path) -> Words:
    """Read ``words.yaml``."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeBaseError(
            f"cannot read {path}: {exc}; reinstall tidings or pass a complete KB folder"
        ) from exc
    names = [f for f in Words.__dataclass_fields__ if f != "north_south"]
    missing = [n for n in [*names, "north_south"] if n not in (data or {})]
    if missing:
        raise KnowledgeBaseError(f"{path.name} lacks {', '.join(missing)}")
    pairs = tuple(
        (frozenset(d.values()), {str(k): str(v) for k, v in d.items()}) for d in data["north_south"]
    )
    return Words(
        **{n: frozenset(str(w) for w in data[n]) for n in names},
        north_south=pairs,
    )


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


def _date(value: str, where: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise KnowledgeBaseError(f"{where}: {value!r} is not a YYYY-MM-DD date") from exc


def _place_key(name: str) -> str:
    text = name.strip().lower().replace("\u2019", "'")
    text = re.sub(r"^the\s+", "", text)
    return re.sub(r"\s+", " ", text)


def _title(phrase: str) -> str:
    words = phrase.split(" ")
    out = []
    for i, word in enumerate(words):
        if i > 0 and word in _SMALL_WORDS:
            out.append(word)
        else:
            out.append("-".join(p[:1].upper() + p[1:] for p in word.split("-")))
    return " ".join(out)


def case_variants(phrase: str) -> set[str]:
    """Forms of a lower-case role phrase to match: as written, capitalised, title case.

    Example:
        >>> sorted(case_variants("foreign minister"))
        ['Foreign Minister', 'Foreign minister', 'foreign minister']
    """
    return {phrase, phrase[:1].upper() + phrase[1:], _title(phrase)}


def name_variants(name: str) -> set[str]:
    """Spellings of a person's name: hyphens kept, dropped, or replaced by a space.

    Example:
        >>> sorted(name_variants("Shin Won-sik"))
        ['Shin Won Sik', 'Shin Won-Sik', 'Shin Won-sik', 'Shin Wonsik']
    """
    out = {name}
    if "-" in name:
        words = name.split(" ")
        spaced, joined, capped = [], [], []
        for word in words:
            parts = word.split("-")
            if len(parts) > 1 and all(p[:1].isalpha() for p in parts) and parts[0][:1].isupper():
                spaced.append(" ".join(p[:1].upper() + p[1:] for p in parts))
                joined.append(parts[0] + "".join(p.lower() for p in parts[1:]))
                capped.append("-".join(p[:1].upper() + p[1:] for p in parts))
            else:
                spaced.append(word)
                joined.append(word)
                capped.append(word)
        out.update({" ".join(spaced), " ".join(joined), " ".join(capped)})
    return out


class _Builder:
    """Collects entries while the CSV files are read."""

    def __init__(self) -> None:
        self.aliases: dict[str, list[Entry]] = {}
        self.countries: dict[str, str] = {}
        self.official: dict[str, str] = {}
        self.places: dict[str, str] = {}
        self.ambiguous: dict[str, set[str]] = {}
        self.people: dict[str, Person] = {}
        self.terms: dict[str, list[Term]] = {}
        self.offices: dict[tuple[str, str], list[Term]] = {}
        self.short: dict[str, list[str]] = {}

    def add(self, surface: str, entry: Entry) -> None:
        surface = surface.strip()
        if not surface:
            return
        bucket = self.aliases.setdefault(surface, [])
        if entry not in bucket:
            bucket.append(entry)
        if "\u2019" not in surface and "'" in surface:
            self.add(surface.replace("'", "\u2019"), entry)
        if surface.startswith("the "):
            self.add("The " + surface[4:], entry)

    def read_countries(self, rows: list[dict[str, str]]) -> None:
        for row in rows:
            code, name = row["iso3"], row["name"]
            self.countries[code] = name
            self.official[code] = row["official"] or name
            entry = Entry("country", f"country:{code}", name, country=code)
            names = [name, row["official"], *_split(row["aliases"])]
            for alias in names:
                self.add(alias, entry)
                self.places.setdefault(_place_key(alias), code)
            for demonym in _split(row["demonyms"]):
                self.add(demonym, Entry("demonym", f"country:{code}", name, country=code))
            for capital in _split(row["capital"]):
                plain = capital.lstrip("~")
                self.places.setdefault(_place_key(plain), code)
                if not capital.startswith("~"):
                    self.add(
                        plain,
                        Entry(
                            "metonym",
                            f"capital:{code}",
                            plain,
                            country=code,
                            sector="government",
                            role="government",
                        ),
                    )

    def read_metonyms(self, rows: list[dict[str, str]]) -> None:
        for row in rows:
            name = row["name"]
            slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
            entry = Entry(
                "metonym",
                f"metonym:{row['country'].lower()}:{slug}",
                name,
                country=row["country"],
                sector=row["sector"] or None,
                role=row["role"] or None,
            )
            self.add(row["alias"], entry)
            self.places.setdefault(_place_key(row["alias"]), row["country"])

    def read_orgs(self, rows: list[dict[str, str]], kind: str) -> None:
        for row in rows:
            if kind == "media":
                entry = Entry(
                    "media",
                    row["kb_id"],
                    row["name"],
                    country=row["country"],
                    sector="media",
                    role="media",
                    state=row["state"].lower() == "true",
                )
            else:
                entry = Entry(
                    "igo",
                    row["kb_id"],
                    row["name"],
                    country=row["country"],
                    sector=row["sector"] or "igo",
                )
            for alias in [row["name"], *_split(row["aliases"])]:
                self.add(alias, entry)

    def read_roles(self, rows: list[dict[str, str]]) -> None:
        for row in rows:
            phrase = row["phrase"]
            entry = Entry(
                "role",
                f"role:{row['role']}",
                row["role"],
                sector=row["sector"] or None,
                role=row["role"],
                office=row["office"].lower() == "yes",
            )
            forms = case_variants(phrase) if phrase == phrase.lower() else {phrase}
            for form in forms:
                self.add(form, entry)

    def read_people(self, people: list[dict[str, str]], terms: list[dict[str, str]]) -> None:
        for row in people:
            kb_id = row["kb_id"]
            aliases: set[str] = set()
            for alias in [row["name"], *_split(row["aliases"])]:
                aliases.update(name_variants(alias))
            person = Person(
                kb_id=kb_id,
                name=row["name"],
                country=row["country"],
                aliases=tuple(sorted(aliases)),
                short=tuple(_split(row["short"])),
            )
            if kb_id in self.people:
                raise KnowledgeBaseError(f"people.csv: {kb_id} is listed twice")
            self.people[kb_id] = person
            entry = Entry("person", kb_id, person.name, country=person.country)
            for form in person.short:
                self.short.setdefault(form, []).append(kb_id)
            for alias in aliases:
                self.add(alias, entry)
        for number, row in enumerate(terms, start=2):
            where = f"terms.csv row {number}"
            if row["person"] not in self.people:
                raise KnowledgeBaseError(f"{where}: unknown person {row['person']!r}")
            term = Term(
                person=row["person"],
                country=row["country"],
                role=row["role"],
                sector=row["sector"] or "government",
                start=_date(row["start"], where),
                end=_date(row["end"], where),
                leader=row["leader"].lower() == "yes",
            )
            self.terms.setdefault(term.person, []).append(term)
            self.offices.setdefault((term.country, term.role), []).append(term)
            if term.leader:
                self.offices.setdefault((term.country, "leader"), []).append(term)

    def read_places(self, rows: list[dict[str, str]]) -> None:
        for row in rows:
            for name in [row["name"], *_split(row["aliases"])]:
                key = _place_key(name)
                usual = self.places.setdefault(key, row["country"])
                if usual != row["country"]:  # a second place of that name: the first stays usual
                    self.ambiguous.setdefault(key, {usual}).add(row["country"])

    def read_phoenix(self, folder: Path, parts: frozenset[str]) -> None:
        """Add the compiled Phoenix files of ``parts``; surface forms already known are kept
        as they are (the hand-written entries win) and counted as conflicts."""
        unknown = parts - PHOENIX_PARTS
        if unknown:
            raise KnowledgeBaseError(
                f"unknown Phoenix part(s) {', '.join(sorted(unknown))}; choose from "
                f"{', '.join(sorted(PHOENIX_PARTS))}"
            )
        conflicts = 0
        if "people" in parts and (folder / "phoenix_people.csv").is_file():
            conflicts += self._phoenix_people(
                _rows(folder / "phoenix_people.csv"), _rows(folder / "phoenix_terms.csv")
            )
        if "groups" in parts and (folder / "phoenix_groups.csv").is_file():
            conflicts += self._phoenix_groups(_rows(folder / "phoenix_groups.csv"))
        if "agents" in parts and (folder / "phoenix_agents.csv").is_file():
            conflicts += self._phoenix_agents(_rows(folder / "phoenix_agents.csv"))
        if parts:
            logger.debug("Phoenix entries: %d surface forms left to the hand-written KB", conflicts)

    def _new(self, surface: str) -> bool:
        return surface.strip() not in self.aliases

    def _phoenix_people(self, people: list[dict[str, str]], terms: list[dict[str, str]]) -> int:
        conflicts = 0
        for row in people:
            kb_id = row["kb_id"]
            if kb_id in self.people:
                conflicts += 1
                continue
            forms: set[str] = set()
            for alias in [row["name"], *_split(row["aliases"])]:
                forms.update(name_variants(alias))
            fresh = {f for f in forms if self._new(f)}
            conflicts += len(forms) - len(fresh)
            if not fresh:
                continue
            person = Person(kb_id, row["name"], row["country"], tuple(sorted(fresh)), ())
            self.people[kb_id] = person
            entry = Entry("person", kb_id, person.name, country=person.country)
            for form in fresh:
                self.add(form, entry)
        for number, row in enumerate(terms, start=2):
            if row["person"] not in self.people:
                continue
            where = f"phoenix_terms.csv row {number}"
            term = Term(
                person=row["person"],
                country=row["country"],
                role=row["sector"] or "government",
                sector=row["sector"] or "government",
                start=_date(row["start"], where),
                end=_date(row["end"], where),
            )
            self.terms.setdefault(term.person, []).append(term)
        return conflicts

    def _phoenix_groups(self, rows: list[dict[str, str]]) -> int:
        conflicts = 0
        for row in rows:
            country = row["country"]
            if country in ("", "IMG"):
                continue  # a region's or a transnational group: no country to code it by
            sector = row["sector"] or None
            if country in ("IGO", "NGO"):
                entry = Entry("igo", row["kb_id"], row["name"], country=country, sector=sector)
            else:
                entry = Entry(
                    "metonym",
                    row["kb_id"],
                    row["name"],
                    country=country,
                    sector=sector,
                    role=sector,
                )
            for alias in [row["name"], *_split(row["aliases"])]:
                if self._new(alias):
                    self.add(alias, entry)
                else:
                    conflicts += 1
        return conflicts

    def _phoenix_agents(self, rows: list[dict[str, str]]) -> int:
        conflicts = 0
        for row in rows:
            phrase = row["phrase"]
            entry = Entry("role", f"role:{phrase}", phrase, sector=row["sector"], role=phrase)
            plural = row["plural"] or (phrase + "s" if phrase[-1:].isalpha() else "")
            forms = case_variants(phrase) | (case_variants(plural) if plural else set())
            for form in forms:
                if self._new(form):
                    self.add(form, entry)
                else:
                    conflicts += 1
        return conflicts
