"""Run records tell the truth (#11): SIGTERM ends a run like Ctrl-C (recorded as
`interrupted`, a message, exit 143), and a run left `running` by a process that is gone is
marked `interrupted` when the next run starts."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tidings.cli import EXIT_TERMINATED
from tidings.store import Store

ARTICLE = {
    "url": "https://harbour.example/talks",
    "title": "Talks in Hanoi",
    "published": "2025-05-05",
    "source": "Harbour Post",
    "text": "Vietnam's foreign minister met his Thai counterpart in Hanoi on Monday.",
}


def _runs(db: Path) -> list[dict[str, object]]:
    with Store(db, read_only=True) as store:
        return store.rows("SELECT id, status, pid, host, finished_at FROM runs ORDER BY started_at")


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid  # reaped: no process has this id now (reuse within the test is unlikely)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigterm_marks_the_run_interrupted(tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    env.pop("TIDINGS_CONFIG", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "tidings.cli", "run", "-", "--db", str(db), "-q"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=tmp_path,
    )
    assert proc.stdin is not None
    proc.stdin.write((json.dumps(ARTICLE) + "\n").encode())
    proc.stdin.flush()  # stdin stays open: the run waits for more input
    deadline = time.monotonic() + 180
    rows: list[dict[str, object]] = []
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists():
            try:
                rows = _runs(db)
            except Exception:  # the store is still being created
                rows = []
            if rows:
                break
        time.sleep(0.5)
    assert rows and rows[0]["status"] == "running", proc.stderr.read() if proc.stderr else ""
    assert rows[0]["pid"] == proc.pid and rows[0]["host"] == socket.gethostname()
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == EXIT_TERMINATED, err.decode()
    assert b"terminated" in err and b"Traceback" not in err
    assert [r["status"] for r in _runs(db)] == ["interrupted"]


def test_stale_running_row_is_marked_interrupted(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    dead = _dead_pid()
    with Store(db) as store:
        stale = store.start_run(["old/"], {}, "0")
        store.con.execute("UPDATE runs SET pid = ? WHERE id = ?", [dead, stale])
        other_host = store.start_run(["elsewhere/"], {}, "0")
        store.con.execute(
            "UPDATE runs SET pid = ?, host = 'another-machine' WHERE id = ?", [dead, other_host]
        )
        alive = store.start_run(["now/"], {}, "0")  # this process: still alive
        store.close_stale_runs()  # what the next run's start does
        status = {r["id"]: r["status"] for r in store.rows("SELECT id, status FROM runs")}
    assert status[stale] == "interrupted"
    assert status[other_host] == "running"  # another host's process cannot be checked
    assert status[alive] == "running"


def test_next_run_start_closes_stale_runs(tmp_path: Path) -> None:
    db = tmp_path / "n.duckdb"
    with Store(db) as store:
        stale = store.start_run(["old/"], {}, "0")
        store.con.execute("UPDATE runs SET pid = ? WHERE id = ?", [_dead_pid(), stale])
    with Store(db) as store:
        fresh = store.start_run(["new/"], {}, "0")
        status = {r["id"]: r["status"] for r in store.rows("SELECT id, status FROM runs")}
    assert status == {stale: "interrupted", fresh: "running"}
