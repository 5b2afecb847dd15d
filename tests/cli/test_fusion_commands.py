"""`tidings happenings`, `ledger`, `stories`, `fuse`, `summary` and `export` on a store of
articles written for the tests."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import duckdb
import pytest
from click.testing import CliRunner

from tidings.cli import EXIT_OK, main
from tidings.config import Config
from tidings.runner import run

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "fusion"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, resources: Any) -> str:
    config = Config(db=str(tmp_path_factory.mktemp("cli-fusion") / "f.duckdb"))
    res = dataclasses.replace(resources, config=config)
    run([str(FIXTURES)], config, resources=res)
    return config.db


def _invoke(*args: str) -> Any:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == EXIT_OK, result.output
    return result


def test_happenings_json_has_the_documented_shape(db: str) -> None:
    rows = json.loads(_invoke("happenings", "--db", db, "--dyad", "IND-BRA", "--json").output)
    assert len(rows) == 1
    h = rows[0]
    for key in (
        "id",
        "type",
        "mode",
        "source",
        "target",
        "date",
        "status",
        "contested",
        "first_reported",
        "reports",
        "outlets",
        "independent_sources",
        "history",
        "plan",
        "event_ids",
    ):
        assert key in h, key
    assert h["source"] == ["IND"] and h["target"] == ["BRA"]
    assert set(h["date"]) == {"start", "end", "precision"}
    assert set(h["first_reported"]) == {"date", "outlet", "article_id"}
    assert h["plan"]["outcome"] == "fulfilled" and h["plan"]["lead_days"] == 9
    assert {"date", "status", "kind", "claimant", "outlet", "article_id"} <= set(h["history"][0])
    assert h["history"][0]["evidence"]["sentence"].startswith("India's prime minister")


def test_happenings_filters(db: str) -> None:
    contested = json.loads(_invoke("happenings", "--db", db, "--contested", "--json").output)
    assert [h["type"] for h in contested] == ["AID"]
    unobserved = json.loads(
        _invoke("happenings", "--db", db, "--plan-outcome", "unobserved", "--json").output
    )
    assert [h["type"] for h in unobserved] == ["CONSULT"]
    both_ways = json.loads(
        _invoke("happenings", "--db", db, "--dyad", "BRA-IND", "--undirected", "--json").output
    )
    assert len(both_ways) == 1
    none = json.loads(_invoke("happenings", "--db", db, "--dyad", "BRA-IND", "--json").output)
    assert none == []


def test_happenings_rejects_bad_options_with_usage_errors(db: str) -> None:
    for args in (
        ["--status", "happened"],
        ["--since", "June"],
        ["--plan-outcome", "late"],
        ["--dyad", "XX"],
    ):
        result = CliRunner().invoke(main, ["happenings", "--db", db, *args])
        assert result.exit_code == 2, (args, result.output)


def test_ledger_reads_as_a_dated_sequence(db: str) -> None:
    h = json.loads(_invoke("happenings", "--db", db, "--dyad", "IND-BRA", "--json").output)[0]
    out = _invoke("ledger", h["id"], "--db", db).output
    lines = [line for line in out.splitlines() if line[:4] == "  20"]
    assert [line.split()[0] for line in lines] == [
        "2025-03-03",
        "2025-03-04",
        "2025-03-05",
        "2025-03-12",
        "2025-03-12",
    ]
    assert "unconfirmed" in lines[1] and "party" in lines[1]
    assert "copy of" in lines[4]
    assert "fulfilled 9 days after it was announced" in out


def test_ledger_of_an_unknown_happening_names_the_fix(db: str) -> None:
    result = CliRunner().invoke(main, ["ledger", "hnope", "--db", db])
    assert result.exit_code == 1 and "tidings happenings" in result.output


def test_stories_json(db: str) -> None:
    stories = json.loads(_invoke("stories", "--db", db, "--json").output)
    assert stories and all(
        set(s) >= {"id", "title", "article_ids", "first_published", "outlets", "happening_ids"}
        for s in stories
    )
    assert max(len(s["article_ids"]) for s in stories) == 5


def test_summary_counts_happenings_and_never_shows_the_open_end(db: str) -> None:
    out = _invoke("summary", "--db", db).output
    assert "counted in happenings" in out and "happenings" in out
    assert "9999" not in out
    data = json.loads(_invoke("summary", "--db", db, "--json").output)
    assert data["counted_in"] == "happenings"
    assert data["counts"]["duplicate_articles"] == 1


def test_events_show_an_open_plan_as_after(tmp_path: Path, resources: Any) -> None:
    config = Config(db=str(tmp_path / "plan.duckdb"))
    story = tmp_path / "plan.jsonl"
    text = "The Kremlin said on Friday that President Vladimir Putin will visit Mongolia."
    story.write_text(
        json.dumps({"title": "Visit plans", "published": "2024-08-02", "text": text}) + "\n",
        encoding="utf-8",
    )
    run([str(story)], config, resources=dataclasses.replace(resources, config=config))
    out = _invoke("events", "--db", config.db).output
    assert "[planned]" in out and "after 2024-08-02" in out
    assert "9999" not in out


def test_export_covers_the_fusion_tables(db: str, tmp_path: Path) -> None:
    out = _invoke(
        "export", "all", "--db", db, "--format", "jsonl", "-o", str(tmp_path / "x")
    ).output
    for table in ("happenings", "ledger", "stories"):
        assert f"{table}:" in out
        assert (tmp_path / "x" / f"{table}.jsonl").stat().st_size > 0


def test_fuse_recomputes_and_a_store_without_happenings_names_the_fix(
    db: str, tmp_path: Path
) -> None:
    import shutil

    copy = tmp_path / "old.duckdb"
    shutil.copy(db, copy)
    con = duckdb.connect(str(copy))
    con.execute("DELETE FROM happenings")
    con.close()
    result = CliRunner().invoke(main, ["happenings", "--db", str(copy)])
    assert result.exit_code == 1 and f"tidings fuse --db {copy}" in result.output
    out = _invoke("fuse", "--db", str(copy)).output
    assert "happenings" in out
    before = json.loads(_invoke("happenings", "--db", db, "--json", "--limit", "500").output)
    after = json.loads(_invoke("happenings", "--db", str(copy), "--json", "--limit", "500").output)
    assert after == before
