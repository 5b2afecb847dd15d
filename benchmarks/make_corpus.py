"""Generate a synthetic corpus of short news articles for tests and benchmarks.

The articles are built from templates written for tidings: a headline and three to six
paragraphs about states, leaders and international organisations meeting, agreeing,
accusing, threatening, sanctioning or attacking one another, with varied actors, verbs,
attributions ("according to ...", "officials said"), dates ("on Tuesday", "last month",
"on 12 March") and statuses (denials, plans, allegations). Every fact is invented.

Most articles go into JSON Lines files (``articles-NNN.jsonl``, one object per line with
``title``, ``text``, ``published``, ``source``, ``url``); the others are single ``.txt``
and ``.html`` files. A few extra files exercise the edges of a run: an empty file (a
reject), a French article (stored but not coded) and a copy of an earlier article under
another name (skipped as already seen).

Usage:
    python benchmarks/make_corpus.py OUT_FOLDER [--n 600] [--seed 0]

Example:
    >>> import tempfile
    >>> paths = make_corpus(Path(tempfile.mkdtemp()), 20, seed=1)
    >>> sum(p.suffix == ".jsonl" for p in paths) >= 1
    True
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import random
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class _Country:
    name: str
    adjective: str
    capital: str
    leader_title: str


_COUNTRIES: tuple[_Country, ...] = (
    _Country("Japan", "Japanese", "Tokyo", "Prime Minister"),
    _Country("South Korea", "South Korean", "Seoul", "President"),
    _Country("North Korea", "North Korean", "Pyongyang", "leader"),
    _Country("China", "Chinese", "Beijing", "President"),
    _Country("Russia", "Russian", "Moscow", "President"),
    _Country("Ukraine", "Ukrainian", "Kyiv", "President"),
    _Country("France", "French", "Paris", "President"),
    _Country("Germany", "German", "Berlin", "Chancellor"),
    _Country("India", "Indian", "New Delhi", "Prime Minister"),
    _Country("Pakistan", "Pakistani", "Islamabad", "Prime Minister"),
    _Country("Iran", "Iranian", "Tehran", "President"),
    _Country("Israel", "Israeli", "Jerusalem", "Prime Minister"),
    _Country("Turkey", "Turkish", "Ankara", "President"),
    _Country("Brazil", "Brazilian", "Brasilia", "President"),
    _Country("Kenya", "Kenyan", "Nairobi", "President"),
    _Country("Nigeria", "Nigerian", "Abuja", "President"),
    _Country("Egypt", "Egyptian", "Cairo", "President"),
    _Country("Vietnam", "Vietnamese", "Hanoi", "Prime Minister"),
    _Country("Philippines", "Philippine", "Manila", "President"),
    _Country("Poland", "Polish", "Warsaw", "Prime Minister"),
    _Country("Canada", "Canadian", "Ottawa", "Prime Minister"),
    _Country("Mexico", "Mexican", "Mexico City", "President"),
    _Country("Australia", "Australian", "Canberra", "Prime Minister"),
    _Country("Indonesia", "Indonesian", "Jakarta", "President"),
)

_ORGS: tuple[str, ...] = (
    "the United Nations",
    "the UN Security Council",
    "the European Union",
    "NATO",
    "the African Union",
    "the International Atomic Energy Agency",
    "the World Food Programme",
)

_OUTLETS: tuple[str, ...] = (
    "Reuters",
    "the Associated Press",
    "Yonhap",
    "Kyodo News",
    "Agence France-Presse",
    "Xinhua",
    "Al Jazeera",
)

_OFFICES: tuple[str, ...] = (
    "foreign minister",
    "defense minister",
    "trade minister",
    "foreign ministry spokesperson",
    "national security adviser",
    "ambassador to the United Nations",
)

_SURNAMES: tuple[str, ...] = (
    "Tanaka",
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Haddad",
    "Kowalski",
    "Santos",
    "Petrov",
    "Nguyen",
    "Mensah",
    "Ibrahim",
    "Reyes",
    "Schneider",
    "Costa",
    "Varga",
    "Demir",
)
_GIVEN: tuple[str, ...] = (
    "Amira",
    "Daniel",
    "Elena",
    "Farid",
    "Grace",
    "Hiroshi",
    "Ines",
    "Jonas",
    "Kofi",
    "Leila",
    "Marco",
    "Nadia",
    "Omar",
    "Priya",
    "Rafael",
    "Sofia",
)

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Event sentences: {a} and {b} are actor phrases, {when} a time expression.
_EVENTS: tuple[str, ...] = (
    "{a} met {b} {when} to discuss trade and security.",
    "{a} held talks with {b} {when} in {city}.",
    "{a} visited {city} {when} for two days of meetings with {b}.",
    "{a} signed a cooperation agreement with {b} {when}.",
    "{a} agreed {when} to resume direct flights to {bcountry}.",
    "{a} pledged $%(money)s million in humanitarian aid to {bcountry} {when}.",
    "{a} accused {b} {when} of violating the ceasefire near the border.",
    "{a} condemned {b} {when} over the detention of journalists.",
    "{a} threatened {when} to impose new sanctions on {bcountry}.",
    "{a} imposed sanctions on {n} {badj} companies {when}.",
    "{a} expelled {n} {badj} diplomats {when}, citing espionage.",
    "{a} fired {n} ballistic missiles into the sea {when}.",
    "{a} deployed about %(troops)s troops to the border with {bcountry} {when}.",
    "{a} praised {b} {when} for its role in the prisoner exchange.",
    "{a} urged {b} {when} to return to negotiations.",
    "{a} demanded that {b} release the detained sailors {when}.",
    "{a} recalled its ambassador from {bcity} {when}.",
    "{a} offered to mediate between {bcountry} and its neighbours {when}.",
    "{a} shelled positions held by {badj} forces {when}.",
    "{a} seized a {badj} cargo ship in disputed waters {when}.",
)

# Wrappers that add attribution, status and sources around an event clause.
_FRAMES: tuple[str, ...] = (
    "{clause}",
    "{clause_nodot}, according to {outlet}.",
    "{clause_nodot}, {outlet} reported.",
    "{clause_nodot}, officials said.",
    "{speaker} said {clause_lower}",
    "Two people familiar with the matter said {clause_lower}",
    "{bspeaker} denied reports that {clause_lower}",
    "{clause_nodot}, the {adj} foreign ministry said in a statement.",
)

_PLANNED: tuple[str, ...] = (
    "{a} plans to visit {bcity} {next_when} for a summit with {b}.",
    "{a} will host {b} {next_when} for talks on energy supplies.",
    "{a} is expected to sign a defence pact with {b} {next_when}.",
)

_FILLERS: tuple[str, ...] = (
    "The two governments have disagreed for years over fishing rights and tariffs.",
    "Analysts said the move was likely to raise tensions in the region.",
    "Markets in {city} were little changed after the announcement.",
    "The talks are the first at this level since the election of the new government.",
    "Rights groups have called for an independent investigation.",
    "A joint statement is due to be published at the end of the week.",
    "{n} people were injured, local health authorities said.",
    "The ministry did not respond to a request for comment.",
)

_HEADLINES: tuple[str, ...] = (
    "{A} and {B} hold talks as tensions rise",
    "{A} steps up pressure on {B}",
    "{A} signals new approach to {B}",
    "Talks between {A} and {B} end without deal",
    "{A} and {B} agree on next steps",
    "{A} warns {B} over border incidents",
)

_FRENCH = (
    "Le ministre des affaires étrangères a rencontré mardi son homologue à Paris pour "
    "discuter de la sécurité régionale et du commerce. Les deux pays ont convenu de "
    "poursuivre les négociations le mois prochain, selon un communiqué publié à l'issue de "
    "la réunion."
)


def _person(rng: random.Random) -> str:
    return f"{rng.choice(_GIVEN)} {rng.choice(_SURNAMES)}"


def _actor(rng: random.Random, c: _Country) -> str:
    """A phrase naming an actor of country ``c``: the state, its capital, a leader or office."""
    form = rng.randrange(6)
    if form == 0:
        return c.name
    if form == 1:
        return f"the {c.adjective} government"
    if form == 2:
        return f"{c.adjective} {c.leader_title} {_person(rng)}"
    if form == 3:
        return f"{c.adjective} {rng.choice(_OFFICES)} {_person(rng)}"
    if form == 4:
        return f"{c.capital}"
    return f"the {c.adjective} military"


def _when(rng: random.Random, published: dt.date) -> str:
    form = rng.randrange(6)
    if form == 0:
        return f"on {_WEEKDAYS[(published.weekday() - rng.randint(1, 5)) % 7]}"
    if form == 1:
        return "last week"
    if form == 2:
        day = published - dt.timedelta(days=rng.randint(1, 40))
        return f"on {day.day} {day.strftime('%B')}"
    if form == 3:
        return "earlier this month"
    if form == 4:
        return "on Friday"
    return "yesterday"


def _next_when(rng: random.Random, published: dt.date) -> str:
    form = rng.randrange(3)
    if form == 0:
        return "next month"
    if form == 1:
        day = published + dt.timedelta(days=rng.randint(5, 60))
        return f"on {day.day} {day.strftime('%B')}"
    return "next week"


def _fill(rng: random.Random, template: str, a: _Country, b: _Country, published: dt.date) -> str:
    text = (
        template
        % {
            "money": rng.choice((5, 12, 30, 45, 150, 250)),
            "troops": rng.choice(("2,000", "5,000", "10,000", "700")),
        }
        if "%(" in template
        else template
    )
    return text.format(
        a=_actor(rng, a) if rng.random() < 0.8 else rng.choice(_ORGS),
        b=_actor(rng, b),
        bcountry=b.name,
        badj=b.adjective,
        bcity=b.capital,
        city=rng.choice((a.capital, b.capital)),
        when=_when(rng, published),
        next_when=_next_when(rng, published),
        n=rng.choice(("two", "three", "four", "five", "12", "seven")),
    )


def _sentence(rng: random.Random, a: _Country, b: _Country, published: dt.date) -> str:
    if rng.random() < 0.15:
        return _capital_first(_fill(rng, rng.choice(_PLANNED), a, b, published))
    clause = _capital_first(_fill(rng, rng.choice(_EVENTS), a, b, published))
    frame = rng.choice(_FRAMES)
    return frame.format(
        clause=clause,
        clause_nodot=clause.rstrip("."),
        clause_lower=clause[0].lower() + clause[1:] if clause[:3] in {"The", "the"} else clause,
        outlet=rng.choice(_OUTLETS),
        speaker=f"{a.adjective} {rng.choice(_OFFICES)} {_person(rng)}",
        bspeaker=f"{b.adjective} {rng.choice(_OFFICES)} {_person(rng)}",
        adj=rng.choice((a.adjective, b.adjective)),
    )


def _capital_first(text: str) -> str:
    return text[0].upper() + text[1:]


def make_article(rng: random.Random, index: int) -> dict[str, str]:
    """One invented article as a JSON-ready record (title, text, published, source, url)."""
    a, b = rng.sample(_COUNTRIES, 2)
    published = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(0, 3 * 365))
    paragraphs = []
    for _ in range(rng.randint(3, 6)):
        sentences = [_sentence(rng, a, b, published) for _ in range(rng.randint(1, 2))]
        if rng.random() < 0.4:
            sentences.append(
                rng.choice(_FILLERS).format(
                    city=rng.choice((a.capital, b.capital)), n=rng.randint(2, 40)
                )
            )
        paragraphs.append(" ".join(sentences))
    outlet = rng.choice(_OUTLETS).removeprefix("the ")
    title = rng.choice(_HEADLINES).format(A=a.name, B=b.name)
    return {
        "title": title,
        "text": "\n\n".join(paragraphs),
        "published": published.isoformat(),
        "source": outlet,
        "url": f"https://news.example.org/{published:%Y/%m/%d}/story-{index:05d}",
    }


def html_page(record: dict[str, str]) -> str:
    """A simple news page (navigation, article, footer) for a generated record."""
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in record["text"].split("\n\n"))
    title = html.escape(record["title"])
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{title}</title>"
        f'<meta property="article:published_time" content="{record["published"]}">'
        f'<link rel="canonical" href="{record["url"]}"></head>\n'
        '<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>\n'
        f"<article><h1>{title}</h1>\n{body}\n</article>\n"
        "<footer>Copyright Example News</footer></body></html>\n"
    )


def make_corpus(folder: Path, n: int, seed: int = 0, *, extras: bool = True) -> list[Path]:
    """Write ``n`` invented news articles under ``folder`` and return the files, sorted.

    About 80 % of the articles go into JSON Lines files of up to 100 records; the rest are
    single ``.txt`` files (title, blank line, body) or ``.html`` pages. The same ``seed``
    always gives the same files.

    Args:
        folder: Output folder (created when missing).
        n: Number of distinct articles.
        seed: Random seed.
        extras: Also write ``edge-empty.txt`` (empty: a reject), ``edge-french.txt`` (not
            English: stored, not coded) and ``edge-copy.txt`` (the text of the first single
            text article again: skipped as a duplicate).

    Returns:
        The paths written, in sorted order.
    """
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    lines: list[str] = []
    first_text: str | None = None

    def flush() -> None:
        if lines:
            path = folder / f"articles-{len([p for p in paths if p.suffix == '.jsonl']):03d}.jsonl"
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            paths.append(path)
            lines.clear()

    for i in range(n):
        record = make_article(rng, i)
        roll = rng.random()
        if roll < 0.8:
            lines.append(json.dumps(record, ensure_ascii=False))
            if len(lines) >= 100:
                flush()
        elif roll < 0.92:
            path = folder / f"story-{i:05d}.txt"
            content = f"{record['title']}\n\n{record['text']}\n"
            path.write_text(content, encoding="utf-8")
            first_text = first_text or content
            paths.append(path)
        else:
            path = folder / f"page-{i:05d}.html"
            path.write_text(html_page(record), encoding="utf-8")
            paths.append(path)
    flush()
    if extras:
        extra = {
            "edge-empty.txt": "",
            "edge-french.txt": "Rencontre à Paris\n\n" + _FRENCH + "\n",
        }
        if first_text is not None:
            extra["edge-copy.txt"] = first_text
        for name, content in extra.items():
            path = folder / name
            path.write_text(content, encoding="utf-8")
            paths.append(path)
    return sorted(paths)


def make_warc_corpus(folder: Path, n: int, seed: int = 0, *, per_file: int = 20) -> list[Path]:
    """Write ``n`` generated articles as CC-NEWS-style ``.warc.gz`` archives of HTML pages.

    Each archive opens with a ``warcinfo`` record and holds, per article, a ``request`` and
    a ``response`` record, each its own gzip member, as crawlers write them.

    Args:
        folder: Output folder (created when missing).
        n: Number of articles.
        seed: Random seed.
        per_file: Articles per archive.

    Returns:
        The archives written, in sorted order.
    """
    from tidings.demo.build_warc import pack, request_record, response_record, warcinfo_record

    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for first in range(0, n, per_file):
        name = f"CC-NEWS-{first // per_file:05d}.warc.gz"
        records = [warcinfo_record(name, "2024-06-01T00:00:00Z")]
        for i in range(first, min(n, first + per_file)):
            record = make_article(rng, i)
            date = f"{record['published']}T12:00:00Z"
            records.append(request_record(record["url"], date))
            records.append(response_record(record["url"], date, html_page(record).encode()))
        path = folder / name
        path.write_bytes(pack(records))
        paths.append(path)
    return paths


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description="Write a synthetic news corpus.")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--n", type=int, default=600, help="articles (default 600)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    paths = make_corpus(args.folder, args.n, args.seed)
    print(f"{len(paths)} files, {args.n} articles in {args.folder}")


if __name__ == "__main__":
    main()
