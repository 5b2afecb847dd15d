"""Cost of incremental fusion as the store grows, on a synthetic store of >= 100k events.

No NLP pipeline runs: the script generates, seeded and deterministic, what the pipeline
would have written (rows of ``articles``, ``events`` and ``claims``) and writes them batch
by batch through :meth:`tidings.store.Store.write_tables`, so fusion (near-duplicates,
happenings, ledgers, plans, stories) runs incrementally inside each write, exactly as in a
real run. The same batches are also written into a second store opened without fusion: the
baseline, measured in the same run, is the cost of the write alone.

The synthetic data:

* articles published over about two years by ~30 outlets; the texts are short paragraphs of
  words drawn from a seeded made-up vocabulary; about 10 % of the articles are near-copies
  of a recent earlier one (another outlet, a rewritten headline, one to three words of the
  body changed, the same events) — the planted duplicates;
* about 5 events per article between ~40 countries (each article has a main pair; skewed
  toward a few busy countries, as news is), PLOVER types, statuses mixed (planned with an
  open end 9999-12-31, alleged, denied, ...), dated by the publication date for about half
  of them, day precision mostly;
* a few claims per article (statements, denials, confirmations, ...) about its events.

Printed: at every tenth of the run, the events in the store and the milliseconds per new
event of the write with fusion, of the write without it, and of fusion's own steps; the
event keys fusion regrouped per new event (the new events' and those of every happening they
may join) and the largest happening and story so far, which tell whether the work of an
update stays bounded or grows with the store; the
totals (happenings, stories, duplicates), the recall of the planted near-copies, peak RSS;
then whether ``rebuild`` (one run over everything) on a copy of the store gives the rows
the incremental run gave (happenings, ledger, stories, ``duplicate_of``): PASS or FAIL.

Usage:
    python benchmarks/fusion_scale.py [--events 100000] [--batch 200] [--db PATH]
        [--seed 7] [--skew 0.8] [--json out.json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import shutil
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from tidings.fusion import FusionSettings, rebuild
from tidings.fusion import update as fusion_update
from tidings.ids import record_id
from tidings.store import Store
from tidings.store.rows import to_arrow

#: PLOVER types with a rough share of news events and their modes.
TYPES: tuple[tuple[str, int, tuple[str, ...]], ...] = (
    ("CONSULT", 20, ("visit", "phone", "multilateral", "")),
    ("AGREE", 8, ("",)),
    ("SUPPORT", 6, ("",)),
    ("COOPERATE", 7, ("",)),
    ("AID", 6, ("",)),
    ("CONCEDE", 2, ("",)),
    ("RETREAT", 3, ("withdraw", "release", "")),
    ("REQUEST", 8, ("",)),
    ("ACCUSE", 9, ("",)),
    ("REJECT", 5, ("",)),
    ("THREATEN", 5, ("",)),
    ("PROTEST", 3, ("",)),
    ("SANCTION", 4, ("",)),
    ("MOBILIZE", 3, ("",)),
    ("COERCE", 4, ("",)),
    ("ASSAULT", 7, ("",)),
)
QUAD = {
    "CONSULT": 1, "AGREE": 1, "SUPPORT": 1, "COOPERATE": 2, "AID": 2, "CONCEDE": 2,
    "RETREAT": 2, "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 3,
    "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}  # fmt: skip
#: Forty country codes, busiest first (weights fall off with rank).
COUNTRIES: tuple[str, ...] = (
    "USA", "CHN", "RUS", "UKR", "ISR", "IRN", "PRK", "KOR", "JPN", "GBR",
    "FRA", "DEU", "IND", "PAK", "TUR", "SYR", "SAU", "EGY", "AFG", "IRQ",
    "BLR", "POL", "TWN", "VNM", "PHL", "IDN", "BRA", "MEX", "VEN", "CUB",
    "NGA", "ETH", "SDN", "ZAF", "KEN", "LBN", "YEM", "QAT", "ARE", "IGO",
)  # fmt: skip
STATUSES: tuple[tuple[str, int], ...] = (
    ("asserted", 38),
    ("reported", 14),
    ("confirmed", 5),
    ("alleged", 10),
    ("planned", 13),
    ("denied", 6),
    ("negated", 3),
    ("speculative", 6),
    ("hypothetical", 5),
)
CLAIM_KINDS: tuple[tuple[str, int], ...] = (
    ("statement", 35),
    ("report", 20),
    ("allegation", 15),
    ("denial", 12),
    ("confirmation", 10),
    ("unconfirmed", 8),
)
OUTLETS: tuple[str, ...] = tuple(f"Outlet {chr(65 + i // 10)}{i % 10}" for i in range(30))
FIRST_DAY = dt.date(2023, 1, 1)
SPAN_DAYS = 730
OPEN_END = "9999-12-31"
#: Fusion's steps, timed by wrapping the functions :func:`tidings.fusion.update.update` calls.
STEPS: tuple[str, ...] = (
    "_update_duplicates",
    "_update_happenings",
    "_refresh_plans",
    "_update_stories",
)
#: Tables (and the columns) compared between the incremental run and the rebuild.
COMPARED: tuple[tuple[str, str], ...] = (
    ("happenings", "*"),
    ("ledger", "*"),
    ("stories", "*"),
    ("articles", "id, duplicate_of, story_id"),
    ("events", "id, happening_id"),
)


def _pick(rng: random.Random, table: Sequence[tuple[Any, int]]) -> Any:
    return rng.choices([t[0] for t in table], weights=[t[1] for t in table])[0]


@dataclass(slots=True)
class Batch:
    """Rows of one write and the near-copies planted in it (copy id -> original id)."""

    articles: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    copies: dict[str, str] = field(default_factory=dict)

    def tables(self) -> dict[str, Any]:
        """The batch as Arrow tables for :meth:`Store.write_tables`."""
        return {
            "articles": to_arrow("articles", self.articles),
            "events": to_arrow("events", self.events),
            "claims": to_arrow("claims", self.claims),
        }


class Generator:
    """Seeded synthetic articles with their events and claims."""

    def __init__(
        self, n_events: int, seed: int, copy_share: float = 0.10, skew: float = 0.8
    ) -> None:
        self.rng = random.Random(seed)
        self.n_articles = max(1, round(n_events / 5))
        self.copy_share = copy_share
        syllables = [
            c + v for c in "bcdfghklmnprstvz" for v in ("a", "e", "i", "o", "u", "ai", "ou")
        ]
        words: set[str] = set()
        while len(words) < 12_000:
            words.add("".join(self.rng.choices(syllables, k=self.rng.randint(2, 4))))
        self.words = sorted(words)
        # a country's share of the news falls off as rank ** -skew (0: all equally busy)
        self.country_weights = [1 / (rank + 1) ** skew for rank in range(len(COUNTRIES))]
        # recent originals a copy can be made of: (article row, its events, its claims)
        self.recent: deque[tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]] = (
            deque(maxlen=400)
        )

    # -- pieces ----------------------------------------------------------------------------

    def _country(self, exclude: str = "") -> str:
        while True:
            c = self.rng.choices(COUNTRIES, weights=self.country_weights)[0]
            if c != exclude:
                return c

    def _sentence(self, n: int) -> list[str]:
        return self.rng.choices(self.words, k=n)

    def _text(self) -> str:
        sentences = []
        for _ in range(self.rng.randint(6, 10)):
            words = self._sentence(self.rng.randint(10, 18))
            sentences.append(" ".join(words).capitalize() + ".")
        return " ".join(sentences)

    def _published(self, index: int) -> dt.datetime:
        day = FIRST_DAY + dt.timedelta(days=int(index / self.n_articles * SPAN_DAYS))
        return dt.datetime(day.year, day.month, day.day, self.rng.randint(0, 23),
                           self.rng.randint(0, 59), tzinfo=dt.UTC)  # fmt: skip

    def _article(
        self, aid: str, title: str, text: str, outlet: str, published: str
    ) -> dict[str, Any]:
        return {
            "id": aid,
            "url": f"https://{outlet.lower().replace(' ', '')}.example/{aid}",
            "title": title,
            "published": published,
            "source": outlet,
            "language": "en",
            "text": text,
            "summary": [],
            "origin": f"synthetic:{aid}",
            "format": "json",
            "extractor": "synthetic",
            "coded": True,
        }

    def _date(self, status: str, pub: dt.date) -> tuple[str, str, str, str, str]:
        """(start, end, precision, text, rule) of an event reported on ``pub``."""
        rng = self.rng
        if status == "planned":
            if rng.random() < 0.6:
                return pub.isoformat(), OPEN_END, "unknown", "", "publication-date:planned"
            day = pub + dt.timedelta(days=rng.randint(1, 30))
            return day.isoformat(), day.isoformat(), "day", "next week", "timex"
        if rng.random() < 0.5:
            return pub.isoformat(), pub.isoformat(), "day", "", "publication-date"
        r = rng.random()
        if r < 0.80:
            day = pub - dt.timedelta(days=rng.randint(0, 6))
            return day.isoformat(), day.isoformat(), "day", "on Tuesday", "timex"
        if r < 0.88:
            start = pub - dt.timedelta(days=pub.weekday() + 7)
            end = start + dt.timedelta(days=6)
            return start.isoformat(), end.isoformat(), "week", "last week", "timex"
        if r < 0.96:
            first = pub.replace(day=1) - dt.timedelta(days=1)
            start = first.replace(day=1)
            return start.isoformat(), first.isoformat(), "month", "last month", "timex"
        year = pub.year - 1
        return f"{year}-01-01", f"{year}-12-31", "year", "last year", "timex"

    def _events(self, aid: str, pub: dt.date) -> list[dict[str, Any]]:
        rng = self.rng
        main_src = self._country()
        main_tgt = self._country(main_src)
        out = []
        for k in range(rng.randint(3, 7)):
            if rng.random() < 0.7:
                src, tgt = (main_src, main_tgt) if rng.random() < 0.8 else (main_tgt, main_src)
            else:
                src = self._country()
                tgt = self._country(src)
            event_type, _, modes = TYPES[
                rng.choices(range(len(TYPES)), weights=[t[1] for t in TYPES])[0]
            ]
            status = _pick(rng, STATUSES)
            start, end, precision, text, rule = self._date(status, pub)
            sentence = " ".join(self._sentence(12)).capitalize() + "."
            attribution: list[dict[str, Any]] = []
            if status in ("reported", "alleged") and rng.random() < 0.6:
                attribution = [
                    {
                        "source": {"text": "officials", "country": src},
                        "kind": "anonymous",
                        "via": [],
                        "cue": None,
                    }
                ]
            out.append(
                {
                    "id": record_id("e", aid, k),
                    "article_id": aid,
                    "type": event_type,
                    "mode": rng.choice(modes),
                    "cameo": "040",
                    "quad_class": QUAD[event_type],
                    "goldstein": round(rng.uniform(-10, 10), 1),
                    "status": status,
                    "source_countries": [src],
                    "target_countries": [] if rng.random() < 0.08 else [tgt],
                    "date_start": start,
                    "date_end": end,
                    "date_precision": precision,
                    "date_text": text,
                    "date_rule": rule,
                    "sentence": sentence,
                    "sentence_start": 40 * k,
                    "sentence_end": 40 * k + len(sentence),
                    "trigger": "met",
                    "attribution": json.dumps(attribution),
                    "places": "[]",
                    "quantities": "[]",
                    "date": "{}",
                    "rule": "synthetic",
                    "confidence": 0.9,
                }
            )
        return out

    def _claims(self, aid: str, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
        rng = self.rng
        out = []
        for k in range(rng.randint(0, 3)):
            e = rng.choice(events)
            kind = _pick(rng, CLAIM_KINDS)
            sides = e["source_countries"] + e["target_countries"]
            country = rng.choice(sides) if rng.random() < 0.6 else self._country()
            named = rng.random() < 0.7
            name = f"Foreign Ministry of {country}" if named else None
            text = name or "a senior official"
            out.append(
                {
                    "id": record_id("c", aid, k),
                    "article_id": aid,
                    "kind": kind,
                    "event_id": e["id"],
                    "claimant_text": text,
                    "claimant_name": name,
                    "claimant_country": country,
                    "claimant_sector": "government",
                    "claimant": json.dumps({"text": text, "name": name, "country": country}),
                    "via": "[]",
                    "quantities": "[]",
                    "sentence": e["sentence"],
                    "sentence_start": e["sentence_start"],
                    "sentence_end": e["sentence_end"],
                    "cue": "said",
                    "cue_start": e["sentence_start"],
                    "cue_end": e["sentence_start"] + 4,
                    "rule": "synthetic",
                }
            )
        return out

    def _copy(
        self, aid: str, copies: dict[str, str]
    ) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
        """A near-copy of a recent original: another outlet, a new headline, 1-3 words changed."""
        rng = self.rng
        art, events, claims = rng.choice(self.recent)
        words = art["text"].split(" ")
        for _ in range(rng.randint(1, 3)):
            i = rng.randrange(len(words))
            words[i] = rng.choice(self.words) + ("." if words[i].endswith(".") else "")
        published = dt.datetime.fromisoformat(art["published"]) + dt.timedelta(
            hours=rng.randint(1, 72)
        )
        pub_iso = published.isoformat()
        outlet = rng.choice([o for o in OUTLETS if o != art["source"]])
        title = " ".join(self._sentence(7)).capitalize()
        row = self._article(aid, title, " ".join(words), outlet, pub_iso)
        new_events = []
        ids = {}
        for k, e in enumerate(events):
            ne = dict(e, id=record_id("e", aid, k), article_id=aid)
            if e["date_rule"].startswith("publication-date"):
                ne["date_start"] = published.date().isoformat()
                if e["date_end"] != OPEN_END:
                    ne["date_end"] = ne["date_start"]
            ids[e["id"]] = ne["id"]
            new_events.append(ne)
        new_claims = [
            dict(c, id=record_id("c", aid, k), article_id=aid, event_id=ids[c["event_id"]])
            for k, c in enumerate(claims)
        ]
        copies[aid] = art["id"]
        return row, new_events, new_claims

    # -- batches ---------------------------------------------------------------------------

    def batches(self, size: int) -> Iterator[Batch]:
        """The articles in publication order, ``size`` per batch."""
        batch = Batch()
        for i in range(self.n_articles):
            aid = record_id("a", "synthetic", i)
            when = self._published(i)
            if self.recent and self.rng.random() < self.copy_share:
                art, events, claims = self._copy(aid, batch.copies)
            else:
                pub_iso = when.isoformat()
                art = self._article(
                    aid,
                    " ".join(self._sentence(8)).capitalize(),
                    self._text(),
                    self.rng.choice(OUTLETS),
                    pub_iso,
                )
                events = self._events(aid, when.date())
                claims = self._claims(aid, events)
                self.recent.append((art, events, claims))
            art["n_events"], art["n_claims"] = len(events), len(claims)
            batch.articles.append(art)
            batch.events.extend(events)
            batch.claims.extend(claims)
            if len(batch.articles) >= size:
                yield batch
                batch = Batch()
        if batch.articles:
            yield batch


# -- measuring ---------------------------------------------------------------------------------


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class StepTimer:
    """Wraps fusion's step functions to add up the time spent in each, and counts the event
    keys regrouped."""

    def __init__(self) -> None:
        self.seconds = dict.fromkeys(STEPS, 0.0)
        #: Event keys regrouped into happenings (the new events' and those of the happenings
        #: they may join): the work of an update, which should not grow with the store.
        self.regrouped = 0
        self._saved: dict[str, Callable[..., Any]] = {}

    def __enter__(self) -> StepTimer:
        module = sys.modules[fusion_update.__module__]
        for name in STEPS:
            original = getattr(module, name)
            self._saved[name] = original
            setattr(module, name, self._wrap(name, original))
        grouping = getattr(module, "components")  # noqa: B009
        self._saved["components"] = grouping

        def counted(rows: Any, *args: Any) -> Any:
            rows = list(rows)
            self.regrouped += len(rows)
            return grouping(rows, *args)

        setattr(module, "components", counted)  # noqa: B010
        return self

    def _wrap(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds[name] += time.perf_counter() - t0

        return timed

    def __exit__(self, *exc: object) -> None:
        module = sys.modules[fusion_update.__module__]
        for name, fn in self._saved.items():
            setattr(module, name, fn)

    def take(self) -> tuple[dict[str, float], int]:
        """The seconds per step and the keys regrouped since the last call, and reset."""
        out = dict(self.seconds), self.regrouped
        self.seconds = dict.fromkeys(STEPS, 0.0)
        self.regrouped = 0
        return out


def compare(incremental: Path, rebuilt: Path) -> dict[str, int]:
    """Rows that differ between the two stores, per compared table (0 everywhere = equal)."""
    con = duckdb.connect(str(rebuilt), read_only=True)
    try:
        con.execute(f"ATTACH '{incremental}' AS inc (READ_ONLY)")
        diffs = {}
        for table, cols in COMPARED:
            a = f"SELECT {cols} FROM inc.{table}"
            b = f"SELECT {cols} FROM {table}"
            n = con.execute(
                f"SELECT (SELECT count(*) FROM ({a} EXCEPT ALL {b})) "
                f"+ (SELECT count(*) FROM ({b} EXCEPT ALL {a}))"
            ).fetchall()[0][0]
            diffs[table] = int(n)
        return diffs
    finally:
        con.close()


def run(n_events: int, batch_size: int, db: Path, seed: int, skew: float = 0.8) -> dict[str, Any]:
    """Write the synthetic store with and without fusion, then check against a rebuild."""
    plain_db = db.with_name(db.stem + "-nofusion.duckdb")
    for path in (db, plain_db):
        if path.exists():
            raise SystemExit(f"{path} exists: remove it or give another --db")
    settings = FusionSettings()
    gen = Generator(n_events, seed, skew=skew)
    n_batches = -(-gen.n_articles // batch_size)
    marks = sorted({max(1, round(n_batches * k / 10)) for k in range(1, 11)})
    fused = Store(db, fusion=settings)
    plain = Store(plain_db)
    copies: dict[str, str] = {}
    rows: list[dict[str, Any]] = []
    acc = {"events": 0, "fused": 0.0, "plain": 0.0, "batches": 0, "worst": 0.0}
    total_events = 0
    t_start = time.perf_counter()
    header = (
        f"{'batches':>7} {'events':>8} {'ms/event fused':>15} {'ms/event plain':>15} "
        f"{'fusion ms/event':>16} {'dup':>5} {'happ':>6} {'plans':>6} {'stories':>7} "
        f"{'worst batch s':>13} {'regrouped/event':>15} {'max happening':>13} {'max story':>9}"
    )
    print(header)
    with StepTimer() as steps:
        for i, batch in enumerate(gen.batches(batch_size), start=1):
            tables = batch.tables()
            copies.update(batch.copies)
            t0 = time.perf_counter()
            plain.write_tables(tables)
            t1 = time.perf_counter()
            fused.write_tables(tables)
            t2 = time.perf_counter()
            n = len(batch.events)
            total_events += n
            acc["events"] += n
            acc["plain"] += t1 - t0
            acc["fused"] += t2 - t1
            acc["batches"] += 1
            acc["worst"] = max(acc["worst"], t2 - t1)
            if i in marks:
                step, regrouped = steps.take()
                biggest = fused.con.execute(
                    "SELECT (SELECT coalesce(max(n_events), 0) FROM happenings), "
                    "(SELECT coalesce(max(n_articles), 0) FROM stories)"
                ).fetchall()[0]
                ev = max(1, int(acc["events"]))
                row: dict[str, Any] = {
                    "batches": i,
                    "events_in_store": total_events,
                    "ms_per_event_fused": 1000 * acc["fused"] / ev,
                    "ms_per_event_plain": 1000 * acc["plain"] / ev,
                    "ms_per_event_fusion": 1000 * sum(step.values()) / ev,
                    "ms_per_event_steps": {k.strip("_"): 1000 * v / ev for k, v in step.items()},
                    "worst_batch_s": acc["worst"],
                    "keys_regrouped_per_event": regrouped / ev,
                    "largest_happening_events": int(biggest[0]),
                    "largest_story_articles": int(biggest[1]),
                }
                rows.append(row)
                s = row["ms_per_event_steps"]
                print(
                    f"{i:>7} {total_events:>8} {row['ms_per_event_fused']:>15.3f} "
                    f"{row['ms_per_event_plain']:>15.3f} {row['ms_per_event_fusion']:>16.3f} "
                    f"{s['update_duplicates']:>5.2f} {s['update_happenings']:>6.2f} "
                    f"{s['refresh_plans']:>6.2f} {s['update_stories']:>7.2f} "
                    f"{acc['worst']:>13.2f} {regrouped / ev:>15.2f} {biggest[0]:>13} "
                    f"{biggest[1]:>9}",
                    flush=True,
                )
                acc = {"events": 0, "fused": 0.0, "plain": 0.0, "batches": 0, "worst": 0.0}
    elapsed = time.perf_counter() - t_start
    plain.close()
    con = fused.con
    one = lambda sql: con.execute(sql).fetchall()[0][0]  # noqa: E731
    totals = {
        "articles": int(one("SELECT count(*) FROM articles")),
        "events": int(one("SELECT count(*) FROM events")),
        "claims": int(one("SELECT count(*) FROM claims")),
        "happenings": int(one("SELECT count(*) FROM happenings")),
        "largest_happening_events": int(one("SELECT coalesce(max(n_events), 0) FROM happenings")),
        "ledger_rows": int(one("SELECT count(*) FROM ledger")),
        "stories": int(one("SELECT count(*) FROM stories")),
        "largest_story_articles": int(one("SELECT coalesce(max(n_articles), 0) FROM stories")),
        "duplicates": int(one("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL")),
        "plans": dict(con.execute(
            "SELECT plan_outcome, count(*) FROM happenings WHERE plan_outcome IS NOT NULL "
            "GROUP BY 1 ORDER BY 1"
        ).fetchall()),
    }  # fmt: skip
    found = dict(con.execute("SELECT id, duplicate_of FROM articles").fetchall())
    planted = len(copies)
    recalled = sum(1 for c, orig in copies.items() if found.get(c) == orig)
    false_dups = sum(1 for a, d in found.items() if d is not None and a not in copies)
    fused.close()

    copy_db = db.with_name(db.stem + "-rebuild.duckdb")
    shutil.copyfile(db, copy_db)
    con = duckdb.connect(str(copy_db))
    t0 = time.perf_counter()
    con.begin()
    rebuild(con, settings)
    con.commit()
    rebuild_s = time.perf_counter() - t0
    con.close()
    diffs = compare(db, copy_db)
    verdict = "PASS" if not any(diffs.values()) else "FAIL"
    return {
        "events_requested": n_events,
        "batch": batch_size,
        "seed": seed,
        "skew": skew,
        "checkpoints": rows,
        "totals": totals,
        "planted_copies": planted,
        "copies_found": recalled,
        "duplicate_recall": recalled / planted if planted else 1.0,
        "false_duplicates": false_dups,
        "incremental_seconds": elapsed,
        "rebuild_seconds": rebuild_s,
        "differences": diffs,
        "equality": verdict,
        "peak_rss_mb": _peak_mb(),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; returns 0 when the rebuild equals the incremental run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--events", type=int, default=100_000, help="events to generate")
    parser.add_argument("--batch", type=int, default=200, help="articles per write")
    parser.add_argument("--db", type=Path, help="store to write (default: a temporary file)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--skew",
        type=float,
        default=0.8,
        help="a country's share of events falls off as rank**-skew; 0 makes all 40 equal",
    )
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    tmp = None
    if args.db is None:
        tmp = Path(tempfile.mkdtemp(prefix="fusion-scale-"))
        db = tmp / "fused.duckdb"
    else:
        db = args.db
    try:
        result = run(args.events, args.batch, db, args.seed, args.skew)
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    t = result["totals"]
    print(
        f"\n{t['articles']} articles, {t['events']} events, {t['claims']} claims in "
        f"{result['incremental_seconds']:.1f} s (batches of {args.batch} articles)"
    )
    print(
        f"happenings {t['happenings']} (largest {t['largest_happening_events']} events), "
        f"ledger rows {t['ledger_rows']}, stories {t['stories']} "
        f"(largest {t['largest_story_articles']} articles), duplicates {t['duplicates']}, "
        f"plans {t['plans']}"
    )
    print(
        f"planted near-copies {result['planted_copies']}, found {result['copies_found']} "
        f"(recall {result['duplicate_recall']:.3f}), other articles marked duplicate "
        f"{result['false_duplicates']}"
    )
    print(f"rebuild of the whole store: {result['rebuild_seconds']:.1f} s")
    print(f"peak RSS {result['peak_rss_mb']:.0f} MB")
    print(
        f"rebuild equals incremental: {result['equality']} "
        f"(rows differing: {result['differences']})"
    )
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, default=str), encoding="utf-8")
    return 0 if result["equality"] == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
