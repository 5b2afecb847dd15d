"""The factuality model's training run: its fit settings and what it records."""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

import pytest

from tidings.claims.train import file_sha256, fit, training_command


def test_train_file_sha256_matches_hashlib(tmp_path: Path) -> None:
    path = tmp_path / "train.conll"
    path.write_bytes(b"0\tThe\t_\tDT\t1\tdet\tthe\n" * 5000)
    assert file_sha256(path) == hashlib.sha256(path.read_bytes()).hexdigest()


def test_train_command_names_every_setting() -> None:
    ns = argparse.Namespace(
        data=Path("uw"), trees=200, depth=3, alpha=0.9, min_leaf=30, top_governors=20,
        top_events=0,
    )  # fmt: skip
    cmd = training_command(ns)
    assert cmd.startswith("python -m tidings.claims.train --data uw ")
    for part in ("--trees 200", "--depth 3", "--alpha 0.9", "--min-leaf 30",
                 "--top-governors 20", "--top-events 0"):  # fmt: skip
        assert part in cmd


def test_train_min_samples_leaf_keeps_small_groups_out_of_leaves() -> None:
    pytest.importorskip("sklearn")
    # Two features; the second marks three rows whose value differs from the rest.
    xs = [[float(i % 2), 1.0 if i < 3 else 0.0] for i in range(60)]
    ys = [-3.0 if i < 3 else 3.0 for i in range(60)]
    loose, strict = (
        fit(xs, ys, ["a", "b"], n_estimators=5, max_depth=2, loss="squared_error",
            min_samples_leaf=leaf)
        for leaf in (1, 10)
    )  # fmt: skip
    assert strict["params"]["min_samples_leaf"] == 10
    # A leaf must hold 10 rows, so no split may set the three marked rows apart.
    assert any(1 in tree["feature"] for tree in loose["trees"])
    assert not any(1 in tree["feature"] for tree in strict["trees"])
