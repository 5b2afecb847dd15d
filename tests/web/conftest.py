"""A store of articles written for the tests (the fusion scenario plus one hostile article),
and a live server over it."""

from __future__ import annotations

import dataclasses
import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tidings.config import Config
from tidings.runner import run

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

#: Everything in it is attacker-controlled text.
HOSTILE = {
    "url": "javascript:alert(2)",
    "title": "<script>alert(1)</script> Talks in Beijing",
    "source": "<img src=x onerror=alert(3)>Evil Outlet",
    "author": '" onmouseover="alert(4)',
    "published": "2025-03-20",
    "text": (
        '=HYPERLINK("http://example.com") Japan and China held talks in Beijing on Monday, '
        "officials said.\n\n<script>alert(5)</script> The two sides agreed to meet again."
    ),
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory, resources: Any) -> str:
    folder = tmp_path_factory.mktemp("web")
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    config = Config(db=str(folder / "web.duckdb"))
    res = dataclasses.replace(resources, config=config)
    run([str(FIXTURES / "fusion"), str(hostile)], config, resources=res)
    return config.db


class LiveServer:
    """uvicorn serving an app in a thread."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def live(web_db: str) -> Iterator[LiveServer]:
    from tidings.web import create_app

    with LiveServer(create_app(web_db)) as server:
        yield server
