"""Task planning, partition files and merge filtering: the parts of a cluster run that need
no cluster."""

from __future__ import annotations

import io
import itertools
import json
from pathlib import Path

import numpy as np
import pytest
from fsspec.implementations.local import LocalFileSystem

from tidings.config import Config
from tidings.distributed import connect, run_key
from tidings.distributed import tasks as tasks_module
from tidings.distributed.merge import (
    ensure_ledger,
    merge_many,
    merge_tables,
    merged_ids,
    record_merged,
)
from tidings.distributed.tasks import (
    SUCCESS,
    _drop_known,
    id_key,
    jsonl_splits,
    known_array,
    partition_id,
    plan_tasks,
    read_partition,
    read_stretch,
    read_success,
    task_of,
    write_partition,
)
from tidings.errors import ConfigError
from tidings.ids import document_id
from tidings.ingest import Source, list_sources, read_source
from tidings.records import (
    Article,
    ArticleResult,
    BatchResult,
    Event,
    Evidence,
    RawDocument,
    Reject,
)
from tidings.store import DATA_TABLES, Store, batch_rows, to_arrow


def _files(folder: Path, n: int, *, big: bool = False) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"note-{i:02d}.txt").write_text(f"Note {i}: the council met.\n", "utf-8")
    if big:
        lines = [json.dumps({"title": f"T{i}", "text": f"Body {i}."}) for i in range(30)]
        (folder / "dump.jsonl").write_text("\n".join(lines) + "\n", "utf-8")


def _raw(text: str, origin: str) -> RawDocument:
    return RawDocument(id=document_id(text), origin=origin, format="text", content=text)


def _result(article_id: str, text: str) -> ArticleResult:
    article = Article(
        id=article_id,
        url=None,
        title=None,
        author=None,
        published="2024-03-01",
        source=None,
        language="en",
        text=text,
        origin="x.txt",
        format="text",
        extractor="plaintext",
    )
    event = Event(
        id="e" + article_id[1:],
        article_id=article_id,
        type="CONSULT",
        mode="",
        cameo="040",
        quad_class=1,
        goldstein=1.0,
        source=[],
        target=[],
        status="asserted",
        evidence=Evidence(sentence=text, start=0, end=len(text)),
    )
    return ArticleResult(article=article, events=[event])


def _tables(batch: BatchResult) -> dict:
    rows = batch_rows(batch)
    return {t: to_arrow(t, rows[t]) for t in DATA_TABLES}


def test_small_files_are_grouped_and_containers_get_their_own_task(tmp_path: Path) -> None:
    _files(tmp_path, 7, big=True)
    config = Config(batch_size=3)
    tasks = list(plan_tasks(list_sources([str(tmp_path)], config), config))
    sizes = [len(t.sources) for t in tasks]
    assert [t.seq for t in tasks] == list(range(len(tasks)))
    assert sum(sizes) == 8
    container = [t for t in tasks if t.sources[0].kind == "jsonl"]
    assert len(container) == 1 and len(container[0].sources) == 1
    assert max(sizes) <= 3


def test_task_keys_are_deterministic_and_change_when_a_file_changes(tmp_path: Path) -> None:
    _files(tmp_path, 4)
    config = Config(batch_size=2)
    first = [t.key for t in plan_tasks(list_sources([str(tmp_path)], config), config)]
    again = [t.key for t in plan_tasks(list_sources([str(tmp_path)], config), config)]
    assert first == again
    (tmp_path / "note-00.txt").write_text("Note 0 was rewritten at length.\n", "utf-8")
    changed = [t.key for t in plan_tasks(list_sources([str(tmp_path)], config), config)]
    assert changed[0] != first[0]
    assert changed[1] == first[1]


def _dump(path: Path, n: int) -> None:
    lines = []
    for i in range(n):
        if i % 7 == 3:
            lines.append("")  # blank lines count for the line numbers
        if i % 11 == 5:
            lines.append('{"title": "cut off')  # a malformed line becomes a reject
        body = f"Body of story {i}. " * (i % 5 + 1)
        lines.append(json.dumps({"title": f"Story {i}", "text": body}))
    path.write_text("\n".join(lines), "utf-8")  # no newline after the last line


@pytest.mark.parametrize("split_bytes", [1, 200, 1000, 10**6])
def test_jsonl_stretches_cover_every_line_once(tmp_path: Path, split_bytes: int) -> None:
    path = tmp_path / "dump.jsonl"
    _dump(path, 40)
    splits = list(jsonl_splits(str(path), split_bytes))
    assert splits[0][0] == 0 and splits[-1][1] == path.stat().st_size
    assert all(a[1] == b[0] for a, b in itertools.pairwise(splits))
    data = path.read_bytes()
    for start, _end, line in splits:
        assert data[:start].count(b"\n") + 1 == line


def test_jsonl_stretches_read_like_the_whole_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tasks_module, "MIN_SPLIT_BYTES", 256)
    path = tmp_path / "dump.jsonl"
    _dump(path, 60)
    config = Config(batch_size=4)
    whole = list(read_source(Source(str(path), "jsonl"), config))
    tasks = list(plan_tasks([Source(str(path), "jsonl")], config))
    assert len(tasks) > 1
    pieces = [item for task in tasks for item in read_stretch(task, config)]
    assert pieces == whole
    assert any(isinstance(item, Reject) for item in whole)


def test_stdin_is_read_by_the_driver_and_shipped_in_batches() -> None:
    lines = b"".join(
        json.dumps({"title": f"T{i}", "text": f"Story number {i}."}).encode() + b"\n"
        for i in range(5)
    )
    config = Config(batch_size=2)
    tasks = list(plan_tasks([Source("-", "stdin")], config, stdin=io.BytesIO(lines)))
    assert [len(t.items) for t in tasks] == [2, 2, 1]
    assert all(not t.sources for t in tasks)
    again = list(plan_tasks([Source("-", "stdin")], config, stdin=io.BytesIO(lines)))
    assert [t.key for t in tasks] == [t.key for t in again]


def test_partition_ids_name_their_task() -> None:
    pid = partition_id("tabc", 12)
    assert task_of(pid) == "tabc"
    assert partition_id("tabc", 1) < partition_id("tabc", 2)


def test_known_ids_are_matched_by_their_64_bit_key() -> None:
    a, b = _raw("First story.", "a.txt"), _raw("Second story.", "b.txt")
    known = known_array([a.id, "not-an-id"])
    assert id_key(a.id) in known.tolist()
    todo, skipped = _drop_known([a, b, b], known, force=False)
    assert [d.id for d in todo if isinstance(d, RawDocument)] == [b.id]
    assert skipped == 2
    todo, skipped = _drop_known([a, b], known, force=True)
    assert len(todo) == 2 and skipped == 0


def test_rejects_pass_the_known_filter() -> None:
    reject = Reject(id="r1", origin="x", stage="ingest", reason="empty", detail="empty")
    todo, skipped = _drop_known([reject], np.empty(0, dtype=np.uint64), force=False)
    assert todo == [reject] and skipped == 0


def test_partition_round_trip_keeps_every_row(tmp_path: Path) -> None:
    fs = LocalFileSystem()
    batch = BatchResult(results=[_result("a" + "1" * 16, "Japan met China.")])
    folder = str(tmp_path / "p-00000")
    write_partition(fs, folder, _tables(batch), {"documents": 1, "skipped": 0})
    assert read_success(fs, folder) == {"documents": 1, "skipped": 0}
    tables = read_partition(fs, folder)
    assert set(tables) == set(DATA_TABLES)
    assert tables["articles"].num_rows == 1 and tables["events"].num_rows == 1
    assert not [p for p in Path(folder).iterdir() if ".tmp-" in p.name]


def test_unfinished_partition_has_no_success_marker(tmp_path: Path) -> None:
    fs = LocalFileSystem()
    (tmp_path / "p-00001").mkdir()
    (tmp_path / "p-00001" / "articles.parquet").write_bytes(b"partial")
    assert read_success(fs, str(tmp_path / "p-00001")) is None
    assert SUCCESS == "_SUCCESS"


def test_merge_keeps_stored_articles_and_drops_their_events(tmp_path: Path) -> None:
    first = BatchResult(results=[_result("a" + "2" * 16, "Old text.")])
    second = BatchResult(
        results=[_result("a" + "2" * 16, "New text."), _result("a" + "3" * 16, "Other.")]
    )
    with Store(tmp_path / "m.duckdb") as store:
        merge_tables(store, _tables(first), force=False)
        stats = merge_tables(store, _tables(second), force=False)
        texts = {r["id"]: r["text"] for r in store.rows("SELECT id, text FROM articles")}
        assert texts["a" + "2" * 16] == "Old text."
        assert stats.articles == 1 and stats.skipped == 1
        assert store.count("events") == 2
        forced = merge_tables(store, _tables(second), force=True)
        assert forced.articles == 2
        assert (
            store.rows("SELECT text FROM articles WHERE id = ?", ["a" + "2" * 16])[0]["text"]
            == "New text."
        )


def _rows(db: Path) -> dict[str, list[dict]]:
    with Store(db, read_only=True) as store:
        return {t: store.rows(f"SELECT * FROM {t} ORDER BY id") for t in DATA_TABLES}


@pytest.mark.parametrize("force", [False, True])
def test_merging_a_group_equals_merging_one_by_one(tmp_path: Path, force: bool) -> None:
    a, b, c = "a" + "4" * 16, "a" + "5" * 16, "a" + "6" * 16
    stored = BatchResult(results=[_result(a, "Stored first.")])
    dup = Reject(id="r9", origin="x", stage="ingest", reason="empty", detail="-")
    parts = [
        BatchResult(results=[_result(a, "Again."), _result(b, "First copy.")]),
        BatchResult(
            results=[_result(b, "Second copy."), _result(c, "Only.")],
            rejects=[dup],
        ),
        BatchResult(rejects=[dup]),
    ]
    with Store(tmp_path / "one.duckdb") as one, Store(tmp_path / "group.duckdb") as group:
        for store in (one, group):
            merge_tables(store, _tables(stored), force=False)
        for part in parts:
            merge_tables(one, _tables(part), force=force)
        stats = merge_many(group, [_tables(p) for p in parts], force=force)
    assert _rows(tmp_path / "one.duckdb") == _rows(tmp_path / "group.duckdb")
    assert stats.articles == (3 if force else 2)


def test_ledger_records_merged_partitions_per_run(tmp_path: Path) -> None:
    with Store(tmp_path / "l.duckdb") as store:
        ensure_ledger(store)
        record_merged(store, "k1", [("t1-00000", "partition", 4)])
        record_merged(store, "k1", [("t1-00000", "partition", 4)])
        record_merged(store, "k2", [("t9", "task", 2)])
        assert merged_ids(store, "k1") == {"t1-00000": 4}
        assert merged_ids(store, "k2") == {"t9": 2}


def test_run_key_depends_on_database_and_inputs(tmp_path: Path) -> None:
    a = Config(db=str(tmp_path / "a.duckdb"))
    b = Config(db=str(tmp_path / "b.duckdb"))
    assert run_key(["x"], a, force=False) == run_key(["x"], a, force=False)
    assert run_key(["x"], a, force=False) != run_key(["x"], b, force=False)
    assert run_key(["x"], a, force=False) != run_key(["y"], a, force=False)


@pytest.mark.parametrize("spec", ["local:0", "local:two", "cluster-one"])
def test_bad_cluster_setting_says_what_to_write(spec: str) -> None:
    with pytest.raises(ConfigError, match=r"local:"), connect(Config(cluster=spec)):
        pass


def test_worker_check_names_what_it_cannot_see(tmp_path: Path) -> None:
    from tidings.distributed.driver import _visible

    present = tmp_path / "in.txt"
    present.write_text("x", "utf-8")
    assert _visible(str(tmp_path), [str(present)]) == []
    missing = _visible(str(tmp_path / "work"), [str(present), str(tmp_path / "gone.txt")])
    assert missing == [str(tmp_path / "work"), str(tmp_path / "gone.txt")]
