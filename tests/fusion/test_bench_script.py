"""The fusion scale benchmark runs end to end at a tiny size and its equality check passes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from fusion_scale import Generator, main  # type: ignore[import-not-found]  # noqa: E402


def test_generator_is_seeded_and_plants_near_copies() -> None:
    first = [b.articles for b in Generator(1000, seed=3).batches(50)]
    again = [b.articles for b in Generator(1000, seed=3).batches(50)]
    assert first == again
    batches = list(Generator(1000, seed=3).batches(50))
    copies = {c: o for b in batches for c, o in b.copies.items()}
    articles = {a["id"]: a for b in batches for a in b.articles}
    assert 0 < len(copies) < len(articles) // 4
    for copy, original in copies.items():
        assert articles[copy]["source"] != articles[original]["source"]
        assert articles[copy]["published"] > articles[original]["published"]
        changed = sum(
            x != y
            for x, y in zip(
                articles[copy]["text"].split(), articles[original]["text"].split(), strict=True
            )
        )
        assert 1 <= changed <= 3
    statuses = {e["status"] for b in batches for e in b.events}
    assert {"planned", "alleged", "denied"} <= statuses
    assert any(e["date_end"] == "9999-12-31" for b in batches for e in b.events)


@pytest.mark.slow  # 6-8 s on an idle 2-core machine, about 20 s under load
def test_benchmark_rebuild_equals_incremental_at_small_size(tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    code = main(["--events", "2000", "--batch", "50", "--db", str(tmp_path / "f.duckdb"),
                 "--json", str(out)])  # fmt: skip
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["equality"] == "PASS", figures["differences"]
    assert code == 0
    assert figures["totals"]["events"] >= 1900
    assert figures["planted_copies"] > 0
    assert figures["duplicate_recall"] >= 0.9
    assert len(figures["checkpoints"]) >= 5
