"""End to end through the command line: the demo corpus, re-runs, stdin and a killed run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from tidings.cli import EXIT_OK, EXIT_REJECTS, main
from tidings.store import Store

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "src" / "tidings" / "demo" / "corpus"
TIDINGS = Path(sys.executable).with_name("tidings")

PLACES = ["Seoul", "Pyongyang", "Moscow", "Beijing", "Tokyo", "Washington", "Kyiv", "Tehran"]
PAIRS = [
    ("Russia", "North Korea"),
    ("China", "Japan"),
    ("South Korea", "the United States"),
    ("Iran", "Israel"),
    ("Ukraine", "Poland"),
]


def _write_corpus(folder: Path, n: int) -> None:
    """Small varied articles, one text file each."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        a, b = PAIRS[i % len(PAIRS)]
        place = PLACES[i % len(PLACES)]
        day = 1 + i % 27
        (folder / f"story-{i:03d}.txt").write_text(
            f"Talks in {place} number {i}\n\n"
            f"{place}, June {day}, 2024 — Officials from {a} met their counterparts from {b} "
            f"on Tuesday to discuss trade and security, the foreign ministry said.\n\n"
            f"{a} accused {b} of violating an earlier agreement, and {b} rejected the "
            f"accusation. The two sides agreed to meet again next month in {place}.\n",
            encoding="utf-8",
        )


def _ids(db: Path) -> dict[str, set[str]]:
    with Store(db, read_only=True) as store:
        return {
            t: {r["id"] for r in store.rows(f"SELECT id FROM {t}")}
            for t in ("articles", "events", "event_actors", "claims", "rejects")
        }


@pytest.mark.slow
def test_demo_corpus_runs_and_a_second_run_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "demo.duckdb"
    runner = CliRunner()
    first = runner.invoke(main, ["run", str(DEMO), "--db", str(db), "--json", "-q"])
    assert first.exit_code == EXIT_REJECTS, first.output  # the corpus holds bad inputs on purpose
    summary = json.loads(first.output)
    assert summary["articles"] >= 20
    assert summary["events"] > 0 and summary["claims"] > 0
    assert all(r["reason"] and r["detail"] for r in summary["rejected"])
    before = _ids(db)

    second = runner.invoke(main, ["run", str(DEMO), "--db", str(db), "--json", "-q"])
    again = json.loads(second.output)
    assert again["articles"] == 0 and again["skipped"] == summary["documents"]
    assert _ids(db) == before

    shown = runner.invoke(main, ["summary", "--db", str(db)])
    assert shown.exit_code == EXIT_OK
    assert "Top country pairs" in shown.output and "Recent happenings" in shown.output
    assert "counted in happenings" in shown.output and "9999" not in shown.output

    # the Putin visit: one happening, announced in May, reported by several outlets, fulfilled
    visits = runner.invoke(
        main, ["happenings", "--db", str(db), "--dyad", "RUS-PRK", "--type", "CONSULT", "--json"]
    )
    recent = [h for h in json.loads(visits.output) if h["date"]["start"] >= "2024-01-01"]
    assert len(recent) == 1, recent
    visit = recent[0]
    assert visit["mode"] == "visit" and visit["date"]["start"] == "2024-06-19"
    assert visit["plan"]["outcome"] == "fulfilled" and visit["plan"]["lead_days"] > 0
    assert visit["reports"] >= 5 and visit["first_reported"]["date"] == "2024-05-24"
    assert len(visit["history"]) >= visit["reports"]


@pytest.mark.slow
def test_run_reads_stdin(tmp_path: Path) -> None:
    db = tmp_path / "stdin.duckdb"
    text = "Quiet talks\n\nJapan and China held talks in Beijing on Monday, officials said.\n"
    result = subprocess.run(
        [str(TIDINGS), "run", "-", "--db", str(db), "--json", "-q"],
        input=text.encode(),
        capture_output=True,
        check=False,
    )
    assert result.returncode == EXIT_OK, result.stderr.decode()
    assert json.loads(result.stdout)["articles"] == 1


@pytest.mark.slow
def test_run_killed_part_way_resumes_without_duplicates(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _write_corpus(corpus, 40)
    clean_db, killed_db = tmp_path / "clean.duckdb", tmp_path / "killed.duckdb"
    args = ["run", str(corpus), "--batch-size", "4"]

    subprocess.run([str(TIDINGS), *args, "--db", str(clean_db), "-q"], check=True)

    proc = subprocess.Popen(
        [str(TIDINGS), *args, "--db", str(killed_db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "COLUMNS": "200"},
    )
    assert proc.stderr is not None
    seen = b""
    deadline = time.monotonic() + 300
    while b"docs=8" not in seen and b"docs=12" not in seen and proc.poll() is None:
        seen += os.read(proc.stderr.fileno(), 256)
        assert time.monotonic() < deadline, "no progress reported"
    killed_early = proc.poll() is None
    proc.send_signal(signal.SIGKILL)
    proc.wait()

    subprocess.run([str(TIDINGS), *args, "--db", str(killed_db), "-q"], check=True)
    assert _ids(killed_db) == _ids(clean_db)
    with Store(killed_db, read_only=True) as store:
        assert store.count("articles") == 40
        runs = store.rows("SELECT status FROM runs ORDER BY started_at")
    if killed_early:
        # the killed run never finished; the next run found its process gone (#11)
        assert runs[0]["status"] == "interrupted"
    assert runs[-1]["status"] == "finished"
