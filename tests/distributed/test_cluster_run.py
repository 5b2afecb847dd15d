"""Cluster runs give exactly the rows of in-process runs: on the demo corpus, on a generated
corpus of 500+ articles, on a folder of WARC archives, on standard input, after a worker is
killed, after an interrupted run is resumed, through a scheduler address and from the
command line."""

from __future__ import annotations

import dataclasses
import io
import json
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from distributed import Client, LocalCluster

from tidings.config import Config
from tidings.distributed import run_cluster
from tidings.runner import RunSummary, run
from tidings.store import DATA_TABLES, Store
from tidings.store.duck import FUSION_TABLES

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "src" / "tidings" / "demo" / "corpus"
sys.path.insert(0, str(ROOT / "benchmarks"))
from make_corpus import make_corpus, make_warc_corpus  # type: ignore[import-not-found]  # noqa: E402

pytestmark = pytest.mark.cluster

BATCH = 16


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    """Two single-threaded worker processes, shared by the tests of this module."""
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as local:
        yield local


@pytest.fixture(scope="module")
def client(cluster: LocalCluster) -> Iterator[Client]:
    """A client of the shared cluster."""
    with Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """520 generated articles in JSONL, text and HTML files, plus edge files."""
    folder = tmp_path_factory.mktemp("big")
    make_corpus(folder, 520, seed=3)
    return folder


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """140 generated articles: enough tasks to interrupt or lose a worker part-way."""
    folder = tmp_path_factory.mktemp("small")
    make_corpus(folder, 140, seed=11)
    return folder


@pytest.fixture(scope="module")
def demo_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped demo corpus, or a small generated one while it has no articles."""
    if DEMO.is_dir() and any(p.is_file() for p in DEMO.rglob("*") if p.suffix != ".md"):
        return DEMO
    folder = tmp_path_factory.mktemp("demo")
    make_corpus(folder, 30, seed=5)
    return folder


def _config(tmp: Path, name: str) -> Config:
    return Config(
        db=str(tmp / f"{name}.duckdb"), batch_size=BATCH, work_dir=str(tmp / f"{name}-work")
    )


def _content(db: str) -> dict[str, list[dict[str, Any]]]:
    """Every row of every data table, sorted by id."""
    with Store(db, read_only=True) as store:
        tables = (*DATA_TABLES, *FUSION_TABLES)
        return {table: store.rows(f"SELECT * FROM {table} ORDER BY id") for table in tables}


def _in_process(
    inputs: list[str], config: Config, resources: Any, stdin: bytes | None = None
) -> RunSummary:
    res = dataclasses.replace(resources, config=config)
    return run(
        inputs,
        config,
        resources=res,
        stdin=io.BytesIO(stdin) if stdin is not None else None,
    )


@pytest.fixture(scope="module")
def big_reference(
    big_corpus: Path, tmp_path_factory: pytest.TempPathFactory, resources: Any
) -> tuple[dict[str, list[dict[str, Any]]], RunSummary]:
    """The in-process run of the generated corpus."""
    config = _config(tmp_path_factory.mktemp("ref-big"), "ref")
    summary = _in_process([str(big_corpus)], config, resources)
    return _content(config.db), summary


@pytest.fixture(scope="module")
def small_reference(
    small_corpus: Path, tmp_path_factory: pytest.TempPathFactory, resources: Any
) -> dict[str, list[dict[str, Any]]]:
    """The in-process run of the small corpus."""
    config = _config(tmp_path_factory.mktemp("ref-small"), "ref")
    _in_process([str(small_corpus)], config, resources)
    return _content(config.db)


def _assert_same(actual: dict[str, list[Any]], expected: dict[str, list[Any]]) -> None:
    for table in (*DATA_TABLES, *FUSION_TABLES):
        assert [r["id"] for r in actual[table]] == [r["id"] for r in expected[table]], table
        for got, want in zip(actual[table], expected[table], strict=True):
            differ = {k: (got[k], want[k]) for k in want if got[k] != want[k]}
            assert not differ, f"{table} row {want['id']} differs: {differ}"


def test_generated_corpus_gives_the_rows_of_the_in_process_run(
    client: Client, big_corpus: Path, big_reference: Any, tmp_path: Path
) -> None:
    expected, ref_summary = big_reference
    config = _config(tmp_path, "cluster")
    summary = run_cluster([str(big_corpus)], config, client=client, progress=False)
    assert len(expected["articles"]) >= 500
    assert expected["events"] and expected["claims"] and expected["rejects"]
    _assert_same(_content(config.db), expected)
    assert summary.status == ref_summary.status
    assert (summary.documents, summary.articles, summary.events, summary.claims) == (
        ref_summary.documents,
        ref_summary.articles,
        ref_summary.events,
        ref_summary.claims,
    )
    assert sorted(r.id for r in summary.rejects) == sorted(r.id for r in ref_summary.rejects)
    with Store(config.db, read_only=True) as store:
        runs = store.rows("SELECT status, n_articles FROM runs")
    assert runs == [{"status": summary.status, "n_articles": summary.articles}]
    assert not any(Path(config.work_dir).iterdir()), "partitions are removed once merged"


def test_second_cluster_run_skips_stored_documents(
    client: Client, small_corpus: Path, small_reference: Any, tmp_path: Path
) -> None:
    config = _config(tmp_path, "again")
    first = run_cluster([str(small_corpus)], config, client=client, progress=False)
    second = run_cluster([str(small_corpus)], config, client=client, progress=False)
    assert first.articles > 0
    assert second.articles == 0 and second.events == 0
    assert second.skipped == second.documents == first.documents
    _assert_same(_content(config.db), small_reference)


def test_each_worker_loads_the_model_once(
    client: Client, tmp_path: Path, demo_corpus: Path
) -> None:
    def _model_ids(dask_worker: Any) -> int:  # runs on the workers, shipped by value
        from tidings.config import Config
        from tidings.distributed.plugin import PLUGIN_NAME

        return id(dask_worker.plugins[PLUGIN_NAME].resources(Config()).nlp)

    config = _config(tmp_path, "once")
    run_cluster([str(demo_corpus)], config, client=client, progress=False)
    before = client.run(_model_ids)
    run_cluster([str(demo_corpus)], config, client=client, progress=False, force=True)
    assert client.run(_model_ids) == before
    assert len(set(before.values())) == len(before) == 2


def test_demo_corpus_gives_the_rows_of_the_in_process_run(
    client: Client, demo_corpus: Path, tmp_path: Path, resources: Any
) -> None:
    ref = _config(tmp_path, "ref")
    _in_process([str(demo_corpus)], ref, resources)
    config = _config(tmp_path, "cluster")
    run_cluster([str(demo_corpus)], config, client=client, progress=False)
    _assert_same(_content(config.db), _content(ref.db))


def test_folder_of_warc_archives_gives_the_rows_of_the_in_process_run(
    client: Client, tmp_path: Path, resources: Any
) -> None:
    archives = make_warc_corpus(tmp_path / "cc-news", 45, seed=2, per_file=15)
    assert len(archives) == 3
    ref = _config(tmp_path, "ref")
    _in_process([str(tmp_path / "cc-news")], ref, resources)
    config = _config(tmp_path, "cluster")
    summary = run_cluster([str(tmp_path / "cc-news")], config, client=client, progress=False)
    assert summary.articles == 45
    _assert_same(_content(config.db), _content(ref.db))


def test_stdin_is_shipped_to_the_workers(
    client: Client, small_corpus: Path, tmp_path: Path, resources: Any
) -> None:
    data = b"".join(p.read_bytes() for p in sorted(small_corpus.glob("*.jsonl")))
    ref = _config(tmp_path, "ref")
    _in_process(["-"], ref, resources, stdin=data)
    config = _config(tmp_path, "cluster")
    summary = run_cluster(["-"], config, client=client, progress=False, stdin=io.BytesIO(data))
    assert summary.articles > BATCH
    _assert_same(_content(config.db), _content(ref.db))


def test_run_completes_with_the_same_rows_when_a_worker_is_killed(
    client: Client, small_corpus: Path, small_reference: Any, tmp_path: Path
) -> None:
    pids: dict[str, int] = client.run(os.getpid)
    killed: list[int] = []

    def kill_a_busy_worker(_partition: str) -> None:
        if killed:
            return
        busy = [w for w, tasks in client.processing().items() if tasks] or list(pids)
        pid = pids[busy[0]]
        os.kill(pid, signal.SIGKILL)
        killed.append(pid)

    config = _config(tmp_path, "killed")
    summary = run_cluster(
        [str(small_corpus)], config, client=client, progress=False, on_merge=kill_a_busy_worker
    )
    assert killed, "the run merged at least one partition before finishing"
    client.wait_for_workers(2, timeout=120)
    assert killed[0] not in client.run(os.getpid).values()
    assert summary.status in {"finished", "finished-with-rejects"}
    _assert_same(_content(config.db), small_reference)


def test_interrupted_run_resumes_without_duplicates(
    client: Client,
    small_corpus: Path,
    small_reference: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tidings.distributed import driver

    monkeypatch.setattr(driver, "MERGE_GROUP", 1)  # one partition per transaction
    config = _config(tmp_path, "resumed")
    merged: list[str] = []

    def stop_after_three(partition: str) -> None:
        merged.append(partition)
        if len(merged) == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_cluster(
            [str(small_corpus)], config, client=client, progress=False, on_merge=stop_after_three
        )
    partial = _content(config.db)
    assert 0 < len(partial["articles"]) < len(small_reference["articles"])

    again: list[str] = []
    summary = run_cluster(
        [str(small_corpus)], config, client=client, progress=False, on_merge=again.append
    )
    assert not set(merged) & set(again), "merged partitions are not merged twice"
    assert summary.skipped >= len(partial["articles"])
    _assert_same(_content(config.db), small_reference)
    assert summary.status.startswith("finished")


def test_scheduler_address_is_accepted_as_cluster(
    cluster: LocalCluster,
    client: Client,
    small_corpus: Path,
    small_reference: Any,
    tmp_path: Path,
) -> None:
    address = cluster.scheduler_address
    assert address.startswith("tcp://")
    config = dataclasses.replace(_config(tmp_path, "tcp"), cluster=address)
    summary = run_cluster([str(small_corpus)], config, progress=False)
    assert summary.articles == len(small_reference["articles"])
    _assert_same(_content(config.db), small_reference)


def test_command_line_starts_a_local_cluster(
    tmp_path: Path, small_corpus: Path, small_reference: Any
) -> None:
    from click.testing import CliRunner

    from tidings.cli import EXIT_REJECTS, main

    db = tmp_path / "cli.duckdb"
    args = ["run", str(small_corpus), "--db", str(db), "--batch-size", str(BATCH)]
    args += ["--cluster", "local:1", "--work-dir", str(tmp_path / "work"), "--json", "-q"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == EXIT_REJECTS, result.output  # the corpus holds an empty file
    out = json.loads(result.output[result.output.index("{") :])
    assert out["articles"] == len(small_reference["articles"])
    _assert_same(_content(str(db)), small_reference)


def test_missing_model_on_the_workers_fails_the_run_with_its_reason(
    client: Client, tmp_path: Path, demo_corpus: Path
) -> None:
    from tidings.errors import TidingsError

    config = dataclasses.replace(_config(tmp_path, "nomodel"), model="no_such_model_pkg")
    with pytest.raises(TidingsError, match="no_such_model_pkg"):
        run_cluster([str(demo_corpus)], config, client=client, progress=False)
    with Store(config.db, read_only=True) as store:
        assert [r["status"] for r in store.rows("SELECT status FROM runs")] == ["failed"]
