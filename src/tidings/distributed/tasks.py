"""Units of cluster work: planning tasks from sources, running them on a worker, and the
Parquet partitions they leave behind.

A :class:`Task` is either a stretch of lines of a JSON Lines file (the driver cuts large
files at line boundaries into stretches of a few batches, so one big dump keeps every
worker busy), one other large container (a WARC or compressed file, read on the worker),
a group of up to ``batch_size`` small files, or one batch of documents read by the driver
(standard input). The worker cuts what it reads into batches of
``config.batch_size`` documents; every batch becomes one partition,
``<run_dir>/<task key>-<batch index>/``, holding one Parquet file per table and a
``_SUCCESS`` marker written last. Task keys depend only on the source locations (with the
file's size and modification time, so an edited file is read afresh) or, for standard input,
on the documents: the same inputs always give the same partition ids.
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import re
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from tidings.config import Config
from tidings.ids import record_id
from tidings.ingest import Source, read_source
from tidings.ingest.formats import read_jsonl
from tidings.ingest.inflate import bounded_lines
from tidings.ingest.sniff import HEAD_BYTES, binary_kind, is_gzip, looks_like_warc, sniff_kind
from tidings.records import RawDocument, Reject
from tidings.runner import batched, filter_new
from tidings.store import DATA_TABLES, batch_rows, to_arrow

logger = logging.getLogger(__name__)

#: Marker file written last in a finished partition.
SUCCESS = "_SUCCESS"
#: Source kinds that hold many documents and are read on the worker as a task of their own.
CONTAINER_KINDS = frozenset({"jsonl", "warc"})
#: Files larger than this get a task of their own whatever their kind.
LARGE_FILE_BYTES = 1_000_000
#: Batches per stretch of a JSON Lines file.
BATCHES_PER_SPLIT = 2
#: Smallest stretch of a JSON Lines file, in bytes.
MIN_SPLIT_BYTES = 64 * 1024

_ID_RE = re.compile(r"a[0-9a-f]{16}")

Item = RawDocument | Reject


@dataclass(frozen=True, slots=True)
class Task:
    """One unit of work sent to a worker.

    Attributes:
        key: Deterministic id; partition ids are ``<key>-<batch index>``.
        seq: Position of the task in the run (partitions are merged in this order).
        sources: Sources the worker reads, in order.
        items: Documents read by the driver (standard input), shipped with the task.
        start, end: Byte range of a JSON Lines stretch (``end`` is -1 for whole sources).
        first_line: Line number of the first line of the stretch (1-based).
    """

    key: str
    seq: int
    sources: tuple[Source, ...] = ()
    items: tuple[Item, ...] = ()
    start: int = 0
    end: int = -1
    first_line: int = 1


@dataclass(slots=True)
class PartitionReport:
    """What a task did with one batch.

    Attributes:
        id: Partition id (``<task key>-<batch index>``).
        documents: Raw documents in the batch.
        skipped: Documents dropped on the worker (already stored, or repeated in the batch).
        written: Whether the partition is on disk to be merged (``False`` when it had been
            merged by an earlier run and was not processed again).
    """

    id: str
    documents: int
    skipped: int
    written: bool = True


@dataclass(slots=True)
class TaskReport:
    """The outcome of one task: its partitions in batch order."""

    key: str
    seq: int
    partitions: list[PartitionReport] = field(default_factory=list)

    @property
    def documents(self) -> int:
        """Raw documents the task read."""
        return sum(p.documents for p in self.partitions)


def partition_id(task_key: str, index: int) -> str:
    """Id of the ``index``-th batch of a task.

    Example:
        >>> partition_id("t0123456789abcdef", 3)
        't0123456789abcdef-00003'
    """
    return f"{task_key}-{index:05d}"


def task_of(partition: str) -> str:
    """The task key of a partition id.

    Example:
        >>> task_of("t0123456789abcdef-00003")
        't0123456789abcdef'
    """
    return partition.rsplit("-", 1)[0]


def _stamp(source: Source) -> str:
    """Location plus size and modification time, so a changed file gets new partitions."""
    if source.kind in {"url", "invalid", "stdin"}:
        return f"{source.kind}:{source.location}"
    try:
        st = os.stat(source.location)
    except OSError:
        return f"{source.kind}:{source.location}"
    return f"{source.kind}:{source.location}:{st.st_size}:{st.st_mtime_ns}"


def _source_key(sources: Iterable[Source]) -> str:
    return record_id("t", *(_stamp(s) for s in sources))


def _is_large(source: Source) -> bool:
    if source.kind in CONTAINER_KINDS:
        return True
    if source.kind in {"url", "invalid", "stdin"}:
        return False
    try:
        return os.path.getsize(source.location) > LARGE_FILE_BYTES
    except OSError:
        return False


def _plain_jsonl(source: Source) -> bool:
    """True for an uncompressed JSON Lines file, read exactly as :func:`read_source` would."""
    if source.kind in {"url", "invalid", "stdin"}:
        return False
    try:
        with open(source.location, "rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError:
        return False
    if not head or is_gzip(head) or looks_like_warc(head) or binary_kind(head):
        return False
    return sniff_kind(head, source.kind) == "jsonl"


def jsonl_splits(path: str, split_bytes: int) -> Iterator[tuple[int, int, int]]:
    """Cut a JSON Lines file into stretches of about ``split_bytes`` at line boundaries.

    Yields:
        ``(start, end, first_line)``: a byte range holding whole lines and the number of its
        first line.
    """
    size = os.path.getsize(path)
    start, line = 0, 1
    with open(path, "rb") as handle:
        while start < size:
            target = start + split_bytes
            if target >= size:
                yield start, size, line
                return
            handle.seek(start)
            newlines, left = 0, target - start
            while left > 0:
                chunk = handle.read(min(1 << 20, left))
                if not chunk:
                    break
                newlines += chunk.count(b"\n")
                left -= len(chunk)
            end = size
            offset = target
            while chunk := handle.read(1 << 16):
                found = chunk.find(b"\n")
                if found >= 0:
                    end = offset + found + 1
                    newlines += 1
                    break
                offset += len(chunk)
            yield start, end, line
            line += newlines
            start = end


def _split_bytes(path: str, config: Config) -> int:
    """Bytes per stretch: about ``BATCHES_PER_SPLIT`` batches of lines as long as the first."""
    with open(path, "rb") as handle:
        head = handle.read(1 << 16)
    mean = len(head) / max(1, head.count(b"\n"))
    return max(MIN_SPLIT_BYTES, int(mean * config.batch_size * BATCHES_PER_SPLIT))


def plan_tasks(
    sources: Iterable[Source], config: Config, *, stdin: BinaryIO | None = None
) -> Iterator[Task]:
    """Turn sources into tasks, lazily and in a fixed order.

    Large containers get one task each; small files and URLs are grouped, up to
    ``config.batch_size`` per task, in listing order; standard input is read here, on the
    driver, and shipped as one task per batch.

    Args:
        sources: Sources as listed by :func:`tidings.ingest.list_sources`.
        config: Run configuration (``batch_size``).
        stdin: Stream read for the ``-`` source.

    Yields:
        Tasks with consecutive ``seq`` numbers from 0.
    """
    seq = 0
    group: list[Source] = []

    def flush() -> Iterator[Task]:
        nonlocal seq
        if group:
            yield Task(key=_source_key(group), seq=seq, sources=tuple(group))
            seq += 1
            group.clear()

    for source in sources:
        if source.kind == "stdin":
            yield from flush()
            for index, batch in enumerate(
                batched(read_source(source, config, stdin=stdin), config.batch_size)
            ):
                ids = [item.id for item in batch]
                key = record_id("t", "-", index, *ids)
                yield Task(key=key, seq=seq, items=tuple(batch))
                seq += 1
        elif _is_large(source):
            yield from flush()
            if _plain_jsonl(source):
                stamp = _source_key([source])
                size = _split_bytes(source.location, config)
                for start, end, line in jsonl_splits(source.location, size):
                    key = record_id("t", stamp, start)
                    yield Task(key, seq, (source,), start=start, end=end, first_line=line)
                    seq += 1
            else:
                yield Task(key=_source_key([source]), seq=seq, sources=(source,))
                seq += 1
        else:
            group.append(source)
            if len(group) >= config.batch_size:
                yield from flush()
    yield from flush()


# -- known article ids -----------------------------------------------------------------------


def id_key(article_id: str) -> int | None:
    """The 64-bit number inside a content-based article id, or ``None`` for other ids.

    Example:
        >>> id_key("a00000000000000ff")
        255
    """
    if _ID_RE.fullmatch(article_id):
        return int(article_id[1:], 16)
    return None


def known_array(ids: Iterable[str]) -> np.ndarray:
    """Sorted ``uint64`` array of article ids, 8 bytes per stored article."""
    keys = [k for k in (id_key(i) for i in ids) if k is not None]
    return np.unique(np.array(keys, dtype=np.uint64))


def _is_known(article_id: str, known: np.ndarray) -> bool:
    key = id_key(article_id)
    if key is None or not len(known):
        return False
    pos = int(np.searchsorted(known, np.uint64(key)))
    return pos < len(known) and int(known[pos]) == key


# -- worker side -----------------------------------------------------------------------------


def _join(*parts: str) -> str:
    return "/".join(p.rstrip("/") for p in parts)


def _write_atomic(fs: Any, path: str, data: bytes) -> None:
    """Write ``data`` under a temporary name, then move it into place."""
    tmp = f"{path}.tmp-{uuid.uuid4().hex}"
    with fs.open(tmp, "wb") as handle:
        handle.write(data)
    fs.mv(tmp, path)


def _parquet_bytes(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    return bytes(sink.getvalue().to_pybytes())


def write_partition(
    fs: Any, folder: str, tables: dict[str, pa.Table], stats: dict[str, int]
) -> None:
    """Write one partition: a Parquet file per table, then ``_SUCCESS`` (JSON counts)."""
    fs.makedirs(folder, exist_ok=True)
    for name, table in tables.items():
        _write_atomic(fs, _join(folder, f"{name}.parquet"), _parquet_bytes(table))
    _write_atomic(fs, _join(folder, SUCCESS), json.dumps(stats, sort_keys=True).encode())


def read_partition(fs: Any, folder: str) -> dict[str, pa.Table]:
    """The tables of a finished partition."""
    tables: dict[str, pa.Table] = {}
    for name in DATA_TABLES:
        path = _join(folder, f"{name}.parquet")
        if fs.exists(path):
            with fs.open(path, "rb") as handle:
                tables[name] = pq.read_table(handle)
    return tables


def read_success(fs: Any, folder: str) -> dict[str, int] | None:
    """The counts in a partition's ``_SUCCESS`` marker, or ``None`` when unfinished."""
    path = _join(folder, SUCCESS)
    try:
        with fs.open(path, "rb") as handle:
            data: dict[str, int] = json.loads(handle.read())
    except FileNotFoundError:
        return None
    return data


def _drop_known(batch: list[Item], known: np.ndarray, *, force: bool) -> tuple[list[Item], int]:
    """Drop documents repeated in the batch and, unless ``force``, those already stored."""
    todo, skipped = filter_new(batch, None, force=force)
    if force or not len(known):
        return todo, skipped
    out: list[Item] = []
    for item in todo:
        if isinstance(item, RawDocument) and _is_known(item.id, known):
            skipped += 1
            continue
        out.append(item)
    return out, skipped


def _lines(path: str, start: int, end: int, limit: int) -> Iterator[bytes | int]:
    with open(path, "rb") as handle:
        handle.seek(start)
        pos = start
        for raw in bounded_lines(handle, limit):
            if pos >= end:
                return
            pos += raw if isinstance(raw, int) else len(raw)
            yield raw


def read_stretch(task: Task, config: Config) -> Iterator[Item]:
    """Documents of a stretch of a JSON Lines file, with the origins (``file:LINE``) a whole
    read of the file gives."""
    path = task.sources[0].location
    # Blank lines are counted but skipped by the reader: they carry the line numbering.
    blanks = itertools.repeat(b"", task.first_line - 1)
    lines = itertools.chain(blanks, _lines(path, task.start, task.end, config.max_bytes))
    yield from read_jsonl(lines, origin=path, config=config)


def run_task(
    task: Task,
    config: Config,
    run_dir: str,
    known_path: str | None,
    merged: frozenset[str],
    force: bool = False,
) -> TaskReport:
    """Run one task on a worker: read, process batch by batch, write partitions.

    Batches whose partition was merged by an earlier run are read but not processed;
    batches whose partition is already finished on disk are not processed again (a task
    retried after a lost worker only redoes the batches it had not finished).

    Args:
        task: What to read.
        config: Run configuration.
        run_dir: Folder (local path or fsspec URL) of this run's partitions.
        known_path: ``.npy`` file of the article ids stored before the run, or ``None``.
        merged: Partition ids of this task merged by an earlier run.
        force: Process documents even when already stored.

    Returns:
        One :class:`PartitionReport` per batch, in order.
    """
    from fsspec.core import url_to_fs

    from tidings.distributed.plugin import current_plugin
    from tidings.pipeline import process_batch

    plugin = current_plugin()
    res = plugin.resources(config)
    fs, root = url_to_fs(run_dir)
    known = plugin.known_ids(known_path, fs)
    report = TaskReport(key=task.key, seq=task.seq)

    def items() -> Iterator[Item]:
        if task.items:
            yield from task.items
        elif task.end >= 0:
            yield from read_stretch(task, config)
        else:
            for source in task.sources:
                yield from read_source(source, config)

    for index, batch in enumerate(batched(items(), config.batch_size)):
        pid = partition_id(task.key, index)
        documents = sum(isinstance(item, RawDocument) for item in batch)
        if pid in merged:
            report.partitions.append(PartitionReport(pid, documents, documents, written=False))
            continue
        folder = _join(root, pid)
        done = read_success(fs, folder)
        if done is not None:
            report.partitions.append(PartitionReport(pid, documents, done.get("skipped", 0)))
            continue
        todo, skipped = _drop_known(batch, known, force=force)
        result = process_batch(todo, res)
        rows = batch_rows(result, config.languages)
        tables = {name: to_arrow(name, rows[name]) for name in DATA_TABLES}
        stats = {"documents": documents, "skipped": skipped}
        stats.update({name: len(rows[name]) for name in DATA_TABLES})
        write_partition(fs, folder, tables, stats)
        report.partitions.append(PartitionReport(pid, documents, skipped))
    logger.debug("task %s: %d partitions", task.key, len(report.partitions))
    return report
