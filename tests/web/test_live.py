"""`tidings serve` and `tidings run` on the same database at once: the run succeeds, the
server keeps answering with valid data, and shows the new rows soon after."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from tests.web.conftest import LiveServer

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "src" / "tidings" / "demo" / "corpus"
FIXTURES = ROOT / "tests" / "fixtures" / "fusion"


@pytest.mark.slow
def test_run_writes_while_the_server_answers(tmp_path: Path) -> None:
    from tidings.web import create_app

    db = str(tmp_path / "live.duckdb")
    env = {**os.environ, "TIDINGS_LOCK_TIMEOUT": "120"}
    first = subprocess.run(
        [sys.executable, "-m", "tidings.cli", "run", str(FIXTURES), "--db", db, "-q"],
        env=env,
        capture_output=True,
        check=False,
    )
    assert first.returncode == 0, first.stderr.decode()
    with (
        LiveServer(create_app(db, lock_timeout=120)) as server,
        httpx.Client(base_url=server.url, timeout=120) as client,
    ):
        before = client.get("/overview.json").json()["counts"]["articles"]
        run = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tidings.cli",
                "run",
                str(DEMO),
                "--db",
                db,
                "-q",
                "--batch-size",
                "4",
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        answers, seen = 0, set()
        paths = [
            "/overview.json",
            "/search.json?per_page=5",
            "/happenings.json?limit=5",
            "/overview",
        ]
        while run.poll() is None:
            for path in paths:
                response = client.get(path)
                assert response.status_code == 200, (path, response.text[:300])
                if path.endswith(".json") or ".json?" in path:
                    data = response.json()
                    if path == "/overview.json":
                        seen.add(data["counts"]["articles"])
                answers += 1
        _out, err = run.communicate()
        assert run.returncode == 3, err.decode()  # finished; the demo holds two bad files
        assert "lock" not in err.decode().lower()
        deadline = time.monotonic() + 5
        while True:
            after = client.get("/overview.json").json()["counts"]["articles"]
            if after == before + 27 or time.monotonic() > deadline:
                break
            time.sleep(0.2)
    assert after == before + 27
    assert answers >= 10
    # the server showed the store growing while the run wrote it
    assert len(seen) >= 2, seen
