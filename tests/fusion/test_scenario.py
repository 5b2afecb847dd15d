"""Happenings, ledgers, plan outcomes, copies and stories on articles written for the tests,
as a careful reader would record them; and the same rows however the articles arrive."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from tidings.config import Config
from tidings.runner import run
from tidings.store import HappeningFilter, Store
from tidings.store.duck import FUSION_TABLES

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "fusion"
FIRST = FIXTURES / "visit-and-talks.jsonl"
LATER = FIXTURES / "later.jsonl"


def _run(inputs: list[Path], tmp: Path, name: str, resources: Any, **settings: Any) -> str:
    config = Config(db=str(tmp / f"{name}.duckdb"), **settings)
    res = dataclasses.replace(resources, config=config)
    for path in inputs:
        run([str(path)], config, resources=res)
    return config.db


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory, resources: Any) -> str:
    return _run([FIRST, LATER], tmp_path_factory.mktemp("fusion"), "one", resources)


def _happening(db: str, **flt: Any) -> dict[str, Any]:
    with Store(db, read_only=True) as store:
        rows = store.happenings(HappeningFilter(**flt))
    assert len(rows) == 1, [(r["type"], r["source_countries"], r["target_countries"]) for r in rows]
    return rows[0]


def _article(db: str, url_end: str) -> dict[str, Any]:
    with Store(db, read_only=True) as store:
        rows = store.rows("SELECT * FROM articles WHERE url LIKE ?", [f"%{url_end}"])
    assert len(rows) == 1
    return rows[0]


def test_the_visit_is_one_happening_with_its_ledger_in_order(store_path: str) -> None:
    h = _happening(store_path, dyad="IND-BRA", type="CONSULT")
    assert h["mode"] == "visit"
    assert (h["date_start"], h["date_end"], h["date_precision"]) == (
        "2025-03-12",
        "2025-03-12",
        "day",
    )
    # the outlets say it happened; the visitor's ministry confirmed the plan
    assert h["status"] == "asserted"
    assert h["party_confirmed"] and not h["party_denied"] and not h["contested"]
    steps = [(e["date"], e["outlet"], e["kind"], e["status"]) for e in h["history"]]
    assert steps == [
        ("2025-03-03", "The Harbour Post", "report", "planned"),
        ("2025-03-04", "Coastline Herald", "unconfirmed", "planned"),
        ("2025-03-05", "Meridian Wire", "confirmation", "planned"),
        ("2025-03-12", "Meridian Wire", "narration", "asserted"),
        ("2025-03-12", "Southern Courier", "narration", "asserted"),
    ]
    first, host, visitor = h["history"][:3]
    assert first["anonymous"] and not first["party"]
    assert host["claimant_country"] == "BRA" and host["party"]
    assert visitor["claimant_country"] == "IND" and visitor["party"]


def test_first_report_copies_and_independent_sources(store_path: str) -> None:
    h = _happening(store_path, dyad="IND-BRA", type="CONSULT")
    assert (h["first_reported_date"], h["first_reported_outlet"]) == (
        "2025-03-03",
        "The Harbour Post",
    )
    # five articles, one of them a copy: four reports
    assert h["reports"] == 4
    assert h["outlets"] == [
        "The Harbour Post",
        "Coastline Herald",
        "Meridian Wire",
        "Southern Courier",
    ]
    # the Harbour Post (anonymous officials, once) and the Meridian Wire support it; the
    # Coastline Herald reports only a refusal to confirm; the Southern Courier copied
    assert h["independent_sources"] == 2
    original = _article(store_path, "india-arrives")
    copy = _article(store_path, "modi-brasilia")
    assert copy["duplicate_of"] == original["id"]
    assert original["duplicate_of"] is None
    with Store(store_path, read_only=True) as store:
        copies = store.rows("SELECT count(*) AS n FROM articles WHERE duplicate_of IS NOT NULL")
    assert copies[0]["n"] == 1


def test_the_announced_visit_is_fulfilled_with_its_lead_time(store_path: str) -> None:
    h = _happening(store_path, dyad="IND-BRA", type="CONSULT")
    assert h["plan_outcome"] == "fulfilled"
    assert h["plan_fulfilled_by"] == h["id"]
    assert h["plan_announced"] == "2025-03-03"
    assert h["plan_lead_days"] == 9


def test_the_denied_accusation_is_contested(store_path: str) -> None:
    h = _happening(store_path, dyad="IRN-VEN", type="AID")
    assert h["status"] == "contested" and h["contested"] and h["party_denied"]
    kinds = [
        (e["date"], e["kind"], e["claimant_country"])
        for e in h["history"]
        if e["party"] or e["kind"] == "allegation"
    ]
    assert kinds == [
        ("2025-04-02", "allegation", "USA"),
        ("2025-04-05", "denial", "IRN"),
        ("2025-04-20", "denial", "IRN"),
    ]
    assert h["reports"] == 3
    # only the accusing article supports it
    assert h["independent_sources"] == 1
    assert h["plan_outcome"] is None


def test_talks_never_reported_again_are_unobserved(store_path: str) -> None:
    h = _happening(store_path, actor="ARG", type="CONSULT")
    assert h["status"] == "planned"
    assert h["plan_outcome"] == "unobserved"
    assert (h["plan_window_start"], h["plan_window_end"]) == ("2025-02-01", "2025-02-28")


def test_a_postponed_visit_is_cancelled(store_path: str) -> None:
    h = _happening(store_path, dyad="JPN-AUS")
    assert h["plan_outcome"] == "cancelled"
    assert h["status"] == "cancelled"
    assert h["reports"] == 2


def test_talks_are_pending_while_the_store_has_not_passed_their_month(
    tmp_path: Path, resources: Any
) -> None:
    db = _run([FIRST], tmp_path, "first", resources)
    h = _happening(db, actor="ARG", type="CONSULT")
    # the newest article (2025-03-12) is past February: unobserved already
    assert h["plan_outcome"] == "unobserved"
    with Store(db, read_only=True) as store:
        early = store.rows(
            "SELECT count(*) AS n FROM ledger l JOIN happenings h ON h.id = l.happening_id "
            "WHERE h.plan_outcome = 'pending'"
        )
    assert early[0]["n"] == 0


def test_stories_group_the_visit_articles(store_path: str) -> None:
    with Store(store_path, read_only=True) as store:
        stories = store.stories()
        visit = _happening(store_path, dyad="IND-BRA", type="CONSULT")
    by_size = sorted(stories, key=lambda s: -s["n_articles"])
    assert by_size[0]["n_articles"] == 5
    assert by_size[0]["title"] == "Indian leader to visit Brazil next week, officials say"
    assert visit["id"] in by_size[0]["happening_ids"]
    # every article is in at most one story
    members = [a for s in stories for a in s["article_ids"]]
    assert len(members) == len(set(members))


def _fusion_content(db: str) -> dict[str, list[dict[str, Any]]]:
    with Store(db, read_only=True) as store:
        out = {t: store.rows(f"SELECT * FROM {t} ORDER BY id") for t in FUSION_TABLES}
        out["articles"] = store.rows("SELECT id, duplicate_of, story_id FROM articles ORDER BY id")
        out["events"] = store.rows("SELECT id, happening_id FROM events ORDER BY id")
    return out


def test_two_batches_in_either_order_give_the_rows_of_one_run(
    store_path: str, tmp_path: Path, resources: Any
) -> None:
    want = _fusion_content(store_path)
    assert want["happenings"] and want["ledger"] and want["stories"]
    later_first = _run([LATER, FIRST], tmp_path, "reversed", resources)
    assert _fusion_content(later_first) == want
    small_batches = _run([FIRST, LATER], tmp_path, "small", resources, batch_size=2)
    assert _fusion_content(small_batches) == want


def test_fuse_rebuilds_the_same_rows(store_path: str, tmp_path: Path) -> None:
    import shutil

    from tidings.fusion import FusionSettings

    copy = tmp_path / "copy.duckdb"
    shutil.copy(store_path, copy)
    with Store(copy, fusion=None) as store:
        stats = store.fuse(FusionSettings())
    assert stats.happenings == len(_fusion_content(store_path)["happenings"])
    assert _fusion_content(str(copy)) == _fusion_content(store_path)
