"""Load on the web workspace: a store of >= 100k generated events, `tidings serve` in its own
process on 127.0.0.1, and N concurrent clients for a bounded time; prints p50/p95 latency per
page.

    PYTHONPATH=src .venv/bin/python benchmarks/web_load.py --events 100000 --clients 20 --seconds 30

The store is generated without the NLP pipeline by `fusion_scale.Generator` (seeded) and
written batch by batch with fusion, as a run would; `--db` keeps it for the next time.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fusion_scale import Generator

from tidings.fusion import FusionSettings
from tidings.store import Store


def build(db: Path, n_events: int, seed: int) -> int:
    """Generate the store (unless it exists); returns its number of events."""
    if not db.exists():
        started = time.perf_counter()
        with Store(db, fusion=FusionSettings()) as store:
            for batch in Generator(n_events, seed).batches(500):
                store.write_tables(batch.tables())
        print(f"generated {db} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    with Store(db, read_only=True) as store:
        return store.count("events")


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _targets(base: str) -> dict[str, list[str]]:
    """URLs per page kind, taken from the store through the API."""
    with httpx.Client(base_url=base, timeout=120) as c:
        overview = c.get("/overview.json").json()
        dyads = [f"/dyad/{d['source']}-{d['target']}" for d in overview["dyads"]][:8]
        happenings = [f"/happening/{h['id']}" for h in c.get("/happenings.json?limit=200").json()]
        search = c.get("/search.json?per_page=200").json()["rows"]
    types = sorted({r["type"] for r in search})
    outlets = sorted({r["outlet"] for r in search if r["outlet"]})
    searches = ["/search"]
    searches += [f"/search?type={t}" for t in types[:6]]
    searches += [f"/search?status={s}" for s in ("asserted", "alleged", "planned")]
    searches += [f"/search?dyad={d.split('/')[-1]}" for d in dyads[:4]]
    searches += [f"/search?outlet={o}&page=2" for o in outlets[:3]]
    searches += ["/search?q=ba&since=2024-01-01"]
    return {
        "overview": ["/overview"],
        "overview.json": ["/overview.json"],
        "dyad": dyads,
        "search": searches,
        "search.json": [s.replace("/search", "/search.json", 1) for s in searches],
        "happening": happenings[:100],
    }


async def _client(
    base: str, targets: dict[str, list[str]], until: float, seed: int, out: dict[str, list[float]]
) -> None:
    rng = random.Random(seed)
    kinds = sorted(targets)
    async with httpx.AsyncClient(base_url=base, timeout=60) as c:
        while time.monotonic() < until:
            kind = rng.choice(kinds)
            url = rng.choice(targets[kind])
            t0 = time.perf_counter()
            response = await c.get(url)
            elapsed = time.perf_counter() - t0
            if response.status_code != 200:
                out.setdefault("errors", []).append(elapsed)
                continue
            out.setdefault(kind, []).append(elapsed)


def load(base: str, clients: int, seconds: float) -> dict[str, list[float]]:
    targets = _targets(base)
    out: dict[str, list[float]] = {}

    async def main() -> None:
        # every page once, one at a time: the first view of each (computed, not cached)
        async with httpx.AsyncClient(base_url=base, timeout=120) as c:
            for kind, urls in targets.items():
                for url in urls:
                    t0 = time.perf_counter()
                    await c.get(url)
                    out.setdefault(f"first:{kind}", []).append(time.perf_counter() - t0)
        until = time.monotonic() + seconds
        await asyncio.gather(*(_client(base, targets, until, i, out) for i in range(clients)))

    asyncio.run(main())
    return out


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--db", type=Path, default=Path("web-load.duckdb"))
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    n = build(args.db, args.events, args.seed)
    port = _port()
    server = subprocess.Popen(
        [sys.executable, "-m", "tidings.cli", "serve", "--db", str(args.db), "--port", str(port)],
        env={**os.environ},
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{base}/overview.json", timeout=60)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        results = load(base, args.clients, args.seconds)
    finally:
        server.terminate()
        server.wait(timeout=30)
    total = sum(len(v) for k, v in results.items() if k != "errors" and ":" not in k)
    print(
        f"{n} events, {args.clients} clients, {args.seconds:.0f} s, {total} requests "
        f"({total / args.seconds:.0f}/s), {len(results.get('errors', []))} errors"
    )
    print("| page | requests | p50 ms | p95 ms | first view (computed): pages, p50 ms, p95 ms |")
    print("|---|---|---|---|---|")
    for kind in sorted(k for k in results if k != "errors" and ":" not in k):
        values = results[kind]
        first = results.get(f"first:{kind}", [])
        cold = (
            f"{len(first)}, {statistics.median(first) * 1000:.0f}, {_pct(first, 95):.0f}"
            if first
            else "-"
        )
        print(
            f"| {kind} | {len(values)} | {statistics.median(values) * 1000:.0f} | "
            f"{_pct(values, 95):.0f} | {cold} |"
        )
    return 0 if not results.get("errors") else 1


if __name__ == "__main__":
    raise SystemExit(main())
