"""Text from the input never acts on the terminal: titles, outlets, file names, sentences and
reject details holding escape sequences are printed visibly by every human-readable command;
JSON stays exact; CSV exports neutralise spreadsheet formulas (#11)."""

from __future__ import annotations

import csv
import dataclasses
import json
import logging
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tidings.cli import _PrintableFormatter, main
from tidings.config import Config
from tidings.output import csv_safe, printable
from tidings.runner import run

TITLE = "Leaders meet\x1b]0;owned\x07 in Seoul\x1b[2J"
OUTLET = "Harbour\x08\x08\x08Post\x9b31m"
RAW = ("\x1b", "\x07", "\x08", "\x9b")

ARTICLES = [
    {
        "url": "https://harbour.example/1",
        "title": TITLE,
        "published": "2025-03-03",
        "source": OUTLET,
        "text": "South Korea's president met Japan's prime minister in Seoul on Monday.\n\n"
        "The two leaders discussed trade and security in the region.",
    },
    {
        "url": "https://harbour.example/2",
        "title": "=HYPERLINK(\"http://evil.example\",\"click\")",
        "published": "2025-03-04",
        "source": "@Coastline Herald",
        "text": "Japan's prime minister visited Seoul on Tuesday for talks with South "
        "Korea's president.\n\nThey agreed to meet again next year.",
    },
]


def test_printable_shows_controls_and_keeps_text() -> None:
    assert printable("a\x1b[2Jb\x07c\x08d") == "a\\x1b[2Jb\\x07c\\x08d"
    assert printable("line\nnext\rtab\t") == "line\\nnext\\rtab\\t"
    assert printable("csi\x9b1m del\x7f") == "csi\\x9b1m del\\x7f"
    assert printable("evil\u202etxt.exe") == "evil\\u202etxt.exe"
    assert printable("Café Séoul 북한 Москва — “quoted”") == "Café Séoul 북한 Москва — “quoted”"
    assert printable(None) == ""


def test_csv_safe_follows_the_owasp_rule() -> None:
    for cell in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert csv_safe(cell) == "'" + cell
    assert csv_safe("Seoul") == "Seoul"
    assert csv_safe(-2.5) == -2.5 and csv_safe(None) is None


def test_log_lines_show_controls_visibly() -> None:
    record = logging.LogRecord("x", logging.WARNING, "f", 1, "read %s", ("a\x1b[2J",), None)
    assert _PrintableFormatter("%(message)s").format(record) == "read a\\x1b[2J"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory, resources: Any) -> tuple[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    data = folder / "in"
    data.mkdir()
    (data / "news.jsonl").write_text(
        "\n".join(json.dumps(a) for a in ARTICLES) + "\n", encoding="utf-8"
    )
    (data / "bad\x1b[2J\x07.txt").write_bytes(b"")  # rejected as empty: the name is printed
    config = Config(db=str(folder / "h.duckdb"))
    run([str(data)], config, resources=dataclasses.replace(resources, config=config))
    return config.db, data


def _clean(output: str) -> None:
    for ch in RAW:
        assert ch not in output, repr(output)


def test_human_commands_print_input_visibly(hostile: tuple[str, Path]) -> None:
    db, _ = hostile
    runner = CliRunner()
    outputs = []
    for args in (
        ["summary", "--db", db],
        ["events", "--db", db],
        ["happenings", "--db", db],
        ["stories", "--db", db],
    ):
        result = runner.invoke(main, args)
        assert result.exit_code == 0, result.output
        _clean(result.output)
        outputs.append(result.output)
    assert "\\x1b[2J" in outputs[0] and "bad\\x1b[2J\\x07.txt" in outputs[0]
    happenings = json.loads(runner.invoke(main, ["happenings", "--db", db, "--json"]).output)
    ledger = runner.invoke(main, ["ledger", happenings[0]["id"], "--db", db])
    assert ledger.exit_code == 0, ledger.output
    _clean(ledger.output)


def test_run_summary_and_rejects_print_visibly(
    hostile: tuple[str, Path], tmp_path: Path
) -> None:
    _, data = hostile
    result = CliRunner().invoke(
        main, ["run", str(data / "bad\x1b[2J\x07.txt"), "--db", str(tmp_path / "r.duckdb"), "-q"]
    )
    assert result.exit_code == 3, result.output
    _clean(result.output)
    assert "bad\\x1b[2J\\x07.txt" in result.output


def test_analyze_prints_title_and_outlet_visibly(tmp_path: Path) -> None:
    page = tmp_path / "a.json"
    page.write_text(json.dumps(ARTICLES[0]), encoding="utf-8")
    result = CliRunner().invoke(main, ["analyze", str(page)])
    assert result.exit_code == 0, result.output
    _clean(result.output)
    assert "Leaders meet\\x1b]0;owned\\x07 in Seoul" in result.output
    assert "Harbour\\x08\\x08\\x08Post" in result.output
    exact = json.loads(CliRunner().invoke(main, ["analyze", str(page), "--json"]).output)
    assert exact["article"]["title"] == TITLE and exact["article"]["source"] == OUTLET


def test_error_messages_quoting_input_are_visible(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["events", "--db", str(tmp_path / "no\x1b[2J.duckdb")])
    assert result.exit_code == 1
    _clean(result.output)
    assert "no\\x1b[2J.duckdb" in result.output


def test_json_output_stays_exact(hostile: tuple[str, Path]) -> None:
    db, _ = hostile
    data = json.loads(CliRunner().invoke(main, ["summary", "--db", db, "--json"]).output)
    assert any(r["origin"].endswith("bad\x1b[2J\x07.txt") for r in data["rejects"])


def test_csv_export_neutralises_formulas(hostile: tuple[str, Path], tmp_path: Path) -> None:
    db, _ = hostile
    out = tmp_path / "articles.csv"
    result = CliRunner().invoke(
        main, ["export", "articles", "--db", db, "--format", "csv", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    titles = {r["title"] for r in rows}
    assert "'=HYPERLINK(\"http://evil.example\",\"click\")" in titles
    assert "'@Coastline Herald" in {r["source"] for r in rows}
    assert all(not (r["title"] or "x").startswith(("=", "+", "-", "@")) for r in rows)
    raw = tmp_path / "raw.csv"
    result = CliRunner().invoke(
        main, ["export", "articles", "--db", db, "--format", "csv", "-o", str(raw), "--raw-csv"]
    )
    assert result.exit_code == 0, result.output
    titles = {r["title"] for r in csv.DictReader(raw.open(encoding="utf-8"))}
    assert "=HYPERLINK(\"http://evil.example\",\"click\")" in titles
