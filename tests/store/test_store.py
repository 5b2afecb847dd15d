"""The DuckDB store: idempotent writes, filters, exports and the codebook."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tidings.errors import StoreError
from tidings.fusion.ledger import HAPPENING_STATUSES, PLAN_OUTCOMES
from tidings.records import (
    CLAIM_KINDS,
    SOURCE_KINDS,
    STATUSES,
    Actor,
    Article,
    ArticleResult,
    Attribution,
    BatchResult,
    Claim,
    DateInfo,
    Event,
    Evidence,
    Reject,
    Span,
)
from tidings.store import TABLES, EventFilter, Store
from tidings.store.codebook import (
    CLAIM_DOCS,
    HAPPENING_DOCS,
    PLAN_DOCS,
    SOURCE_KIND_DOCS,
    STATUS_DOCS,
    render,
)

ROOT = Path(__file__).resolve().parents[2]


def _article(aid: str = "a1", text: str = "Russia and China held talks in Beijing.") -> Article:
    return Article(
        id=aid,
        url=f"https://news.example/{aid}",
        title="Talks",
        author="A. Writer",
        published="2024-06-12",
        source="Example News",
        language="en",
        text=text,
        summary=["Point one"],
    )


def _event(aid: str, eid: str, src: str, tgt: str, status: str = "asserted") -> Event:
    return Event(
        id=eid,
        article_id=aid,
        type="CONSULT",
        mode="meet",
        cameo="040",
        quad_class=1,
        goldstein=1.0,
        source=[Actor(text=src, name=src, country=src, sector="government", start=0, end=6)],
        target=[Actor(text=tgt, name=tgt, country=tgt, start=11, end=16)],
        status=status,
        evidence=Evidence(sentence="s", start=0, end=39, trigger=Span("held talks", 17, 27)),
        attribution=[
            Attribution(
                source=Actor(text="unnamed officials"),
                kind="anonymous",
                via=[Actor(text="NHK", name="NHK", country="JPN", sector="media")],
            )
        ],
        date=DateInfo(start="2024-06-12", end="2024-06-12", precision="day"),
    )


def _batch() -> BatchResult:
    e1 = _event("a1", "e1", "RUS", "CHN")
    e2 = _event("a1", "e2", "PRK", "RUS", status="alleged")
    claim = Claim(
        id="c1",
        article_id="a1",
        kind="allegation",
        claimant=Actor(text="Seoul", country="KOR"),
        event_id="e2",
        evidence=Evidence(sentence="s", start=0, end=39, trigger=Span("claimed", 0, 7)),
    )
    return BatchResult(
        results=[ArticleResult(article=_article(), events=[e1, e2], claims=[claim])],
        rejects=[Reject(id="r1", origin="bad.json", stage="ingest", reason="empty", detail="x")],
    )


def _counts(store: Store) -> dict[str, int]:
    return {t: store.count(t) for t in ("articles", "events", "event_actors", "claims", "rejects")}


def test_store_write_twice_changes_nothing() -> None:
    with Store(":memory:") as store:
        store.write(_batch())
        first = _counts(store)
        store.write(_batch())
        assert (
            _counts(store)
            == first
            == {
                "articles": 1,
                "events": 2,
                "event_actors": 4,
                "claims": 1,
                "rejects": 1,
            }
        )


def test_store_rewriting_an_article_replaces_its_events() -> None:
    with Store(":memory:") as store:
        store.write(_batch())
        smaller = BatchResult(
            results=[ArticleResult(article=_article(), events=[_event("a1", "e9", "USA", "KOR")])]
        )
        store.write(smaller)
        ids = [r["id"] for r in store.rows("SELECT id FROM events")]
        assert ids == ["e9"]
        assert store.count("claims") == 0


def test_store_filters_by_dyad_status_actor_and_date() -> None:
    with Store(":memory:") as store:
        store.write(_batch())
        assert [e["id"] for e in store.events(EventFilter(dyad="PRK-RUS"))] == ["e2"]
        assert store.events(EventFilter(dyad="RUS-PRK")) == []
        assert [e["id"] for e in store.events(EventFilter(dyad="RUS-PRK", undirected=True))] == [
            "e2"
        ]
        assert [e["id"] for e in store.events(EventFilter(status="alleged"))] == ["e2"]
        assert {e["id"] for e in store.events(EventFilter(actor="chn"))} == {"e1"}
        assert store.events(EventFilter(since="2024-07-01")) == []
        row = store.events(EventFilter(type="consult", limit=1))[0]
        assert row["attribution"][0]["via"][0]["name"] == "NHK"
        assert row["source"][0]["side"] == "source"


def test_store_rejects_bad_dyad() -> None:
    with Store(":memory:") as store, pytest.raises(StoreError, match="PRK-RUS"):
        store.events(EventFilter(dyad="PRK"))


def test_store_dyads_counts_pairs() -> None:
    with Store(":memory:") as store:
        store.write(_batch())
        pairs = {(d["source"], d["target"]): d["events"] for d in store.dyads()}
        assert pairs == {("RUS", "CHN"): 1, ("PRK", "RUS"): 1}


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_store_exports_every_format(tmp_path: Path, fmt: str) -> None:
    with Store(":memory:") as store:
        store.write(_batch())
        out = tmp_path / f"events.{fmt}"
        assert store.export("events", out) == 2
    reader = {
        "jsonl": "read_json_auto",
        "csv": "read_csv_auto",
        "parquet": "read_parquet",
    }[fmt]
    rows = duckdb.sql(f"SELECT id, type FROM {reader}('{out}') ORDER BY id").fetchall()
    assert rows == [("e1", "CONSULT"), ("e2", "CONSULT")]


def test_store_export_names_valid_formats(tmp_path: Path) -> None:
    with Store(":memory:") as store, pytest.raises(StoreError, match="jsonl, csv, parquet"):
        store.export("events", tmp_path / "x.xlsx")


def test_store_persists_and_reopens(tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    with Store(db) as store:
        store.write(_batch())
    with Store(db, read_only=True) as store:
        assert store.count("articles") == 1
        assert store.known_ids(["a1", "zz"]) == {"a1"}


def test_store_records_runs(tmp_path: Path) -> None:
    with Store(":memory:") as store:
        run_id = store.start_run(["x.html"], {"db": "x"}, "0.1.0")
        store.finish_run(run_id, "finished", {"documents": 3, "articles": 2})
        row = store.rows("SELECT * FROM runs")[0]
        assert row["status"] == "finished" and row["n_articles"] == 2
        assert json.loads(row["inputs"]) == ["x.html"]


texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)


@settings(max_examples=25, deadline=None)
@given(title=texts, text=texts, summary=st.lists(texts, max_size=3))
def test_store_round_trips_article_text(title: str, text: str, summary: list[str]) -> None:
    article = Article(
        id="a1",
        url=None,
        title=title,
        author=None,
        published=None,
        source=None,
        language="en",
        text=text,
        summary=summary,
    )
    with Store(":memory:") as store:
        store.write(BatchResult(results=[ArticleResult(article=article)]))
        row = store.rows("SELECT title, text, summary FROM articles")[0]
    assert (row["title"], row["text"], row["summary"]) == (title, text, summary)


def test_codebook_is_up_to_date_and_complete() -> None:
    committed = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    assert committed == render(), "run: python -m tidings.store.codebook > docs/schema.md"
    for columns in TABLES.values():
        for column in columns:
            assert f"`{column.name}`" in committed
    assert set(STATUS_DOCS) == set(STATUSES)
    assert set(CLAIM_DOCS) == set(CLAIM_KINDS)
    assert set(SOURCE_KIND_DOCS) == set(SOURCE_KINDS)
    assert tuple(HAPPENING_DOCS) == HAPPENING_STATUSES
    assert tuple(PLAN_DOCS) == PLAN_OUTCOMES


def test_a_store_from_an_earlier_schema_gains_the_new_columns(tmp_path: Path) -> None:
    import duckdb

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE articles (id VARCHAR PRIMARY KEY, title VARCHAR)")
    con.execute("INSERT INTO articles VALUES ('a1', 'Old')")
    con.close()
    with Store(path) as store:
        row = store.rows("SELECT id, title, duplicate_of, story_id FROM articles")[0]
        assert row == {"id": "a1", "title": "Old", "duplicate_of": None, "story_id": None}
        assert store.count("happenings") == 0
