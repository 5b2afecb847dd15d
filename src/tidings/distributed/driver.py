"""The driver of a cluster run: connects, streams tasks to workers, merges their output.

The driver lists the sources, plans tasks lazily and keeps only a bounded number of them in
flight (three per worker thread), submitting the next as earlier ones finish, so memory
stays flat however large the input. Workers write Parquet partitions; the driver, the only
writer of the database, merges them in task order as they arrive. See ``docs/scale-out.md``.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import logging
import os
import sys
import uuid
from collections.abc import Callable, Iterator, Sequence
from typing import Any, BinaryIO

import dask
import numpy as np
from distributed import Client, Future, as_completed

from tidings.config import Config
from tidings.distributed.merge import (
    ensure_ledger,
    forget_run,
    merge_many,
    merged_ids,
    record_merged,
)
from tidings.distributed.plugin import ResourcesPlugin
from tidings.distributed.tasks import (
    PartitionReport,
    Task,
    TaskReport,
    plan_tasks,
    read_partition,
    read_success,
    run_task,
    task_of,
)
from tidings.errors import ConfigError, TidingsError
from tidings.fusion import FusionSettings
from tidings.ids import record_id
from tidings.runner import RunSummary, recorded_run
from tidings.store import Store

logger = logging.getLogger(__name__)

#: Tasks in flight per worker thread.
TASKS_PER_THREAD = 3
#: Finished tasks that may wait for an earlier, slower one before submission pauses.
BACKLOG_PER_THREAD = 16
#: Most partitions merged in one transaction.
MERGE_GROUP = 16
#: Times a task is retried after an error (a lost worker is rescheduled besides).
RETRIES = 3
#: Dask setting unset for ``local:N`` workers (see :func:`connect`).
UNSET_TRIM = "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_"
#: Seconds to wait for the first worker of an existing cluster.
WORKER_WAIT = 120.0

#: Called after each merged partition with its id (tests use it to interrupt a run).
OnMerge = Callable[[str], None]


@contextlib.contextmanager
def _quiet_dask_logs() -> Iterator[None]:
    """Keep Dask's start-up and shutdown chatter out of the terminal unless debugging."""
    log = logging.getLogger("distributed")
    old = log.level
    if logging.getLogger().getEffectiveLevel() > logging.DEBUG:
        log.setLevel(logging.WARNING)
    try:
        yield
    finally:
        log.setLevel(old)


@contextlib.contextmanager
def connect(config: Config) -> Iterator[Client]:
    """A Dask client for ``config.cluster``, closed (with its local cluster) on exit.

    ``local:N`` starts a :class:`distributed.LocalCluster` of ``N`` worker processes with
    ``config.threads_per_worker`` threads and ``config.memory_limit`` each; an address such
    as ``tcp://10.0.0.5:8786`` connects to a running scheduler.

    Raises:
        ConfigError: When ``config.cluster`` is neither form.
        TidingsError: When the scheduler cannot be reached.

    Example:
        >>> with connect(Config(cluster="local:2")) as client:  # doctest: +SKIP
        ...     print(client.dashboard_link)
    """
    with _quiet_dask_logs(), _connect(config) as client:
        yield client


@contextlib.contextmanager
def _connect(config: Config) -> Iterator[Client]:
    spec = config.cluster.strip()
    if spec.startswith("local:"):
        from distributed import LocalCluster

        try:
            n = int(spec.split(":", 1)[1])
        except ValueError:
            n = 0
        if n < 1:
            raise ConfigError(
                f"cluster {spec!r} needs a worker count, e.g. local:2 (one per CPU core)"
            )
        # Dask sets MALLOC_TRIM_THRESHOLD_ for its workers, which also fixes glibc's mmap
        # threshold: spaCy's arrays are then mapped and unmapped on every batch (measured:
        # about 10 % more CPU). The nannies read this once, so restarted workers keep it.
        try:
            with dask.config.set({UNSET_TRIM: None}):
                cluster = LocalCluster(
                    n_workers=n,
                    threads_per_worker=config.threads_per_worker,
                    memory_limit=config.memory_limit,
                    processes=True,
                )
        except (RuntimeError, OSError, ValueError) as exc:
            raise TidingsError(
                f"cannot start a local Dask cluster of {n} workers ({exc}); check "
                "memory_limit and threads_per_worker, and that the script starting it is "
                "guarded by `if __name__ == '__main__':`"
            ) from exc
        with cluster, Client(cluster) as client:
            yield client
        return
    if "://" in spec:
        try:
            client = Client(spec, timeout=30)
        except OSError as exc:
            raise TidingsError(
                f"cannot reach the Dask scheduler at {spec} ({exc}); start one with "
                f"`dask scheduler` and workers with `dask worker {spec}`, or use local:N"
            ) from exc
        with client:
            yield client
        return
    raise ConfigError(
        f"cluster {spec!r} is not understood; use local:N (N worker processes on this "
        "machine) or a scheduler address such as tcp://HOST:8786"
    )


def run_key(inputs: Sequence[str], config: Config, *, force: bool) -> str:
    """Deterministic id of a run: the same inputs into the same database resume each other."""
    return record_id(
        "k",
        os.path.abspath(config.db) if config.db != ":memory:" else config.db,
        os.getcwd(),
        config.batch_size,
        config.model,
        ",".join(config.languages),
        config.max_bytes,
        force,
        *inputs,
    )


def _known_ids(store: Store, fs: Any, run_dir: str) -> str | None:
    """Write the keys of the stored article ids for the workers; ``None`` when there are none."""
    data = store.con.execute(
        "SELECT ('0x' || substr(id, 2))::UBIGINT AS k FROM articles "
        "WHERE regexp_full_match(id, 'a[0-9a-f]{16}') ORDER BY k"
    ).fetchnumpy()
    keys = np.asarray(data["k"], dtype=np.uint64)
    if not len(keys):
        return None
    buffer = io.BytesIO()
    np.save(buffer, keys, allow_pickle=False)
    path = f"{run_dir}/_known-{uuid.uuid4().hex[:12]}.npy"
    with fs.open(path, "wb") as handle:
        handle.write(buffer.getvalue())
    return path


def _dashboard(client: Client) -> str | None:
    try:
        services = client.scheduler_info().get("services", {})
    except Exception:  # the link is a convenience; never fail a run over it
        return None
    if "dashboard" not in services:
        return None
    link = str(client.dashboard_link)
    if importlib.util.find_spec("bokeh") is None:
        link += " (install bokeh>=3.1 to serve the dashboard pages)"
    return link


def run_cluster(
    inputs: list[str],
    config: Config,
    *,
    progress: bool = True,
    force: bool = False,
    client: Client | None = None,
    stdin: BinaryIO | None = None,
    on_merge: OnMerge | None = None,
) -> RunSummary:
    """Run the pipeline on a Dask cluster and merge the results into ``config.db``.

    Gives exactly the rows the in-process :func:`tidings.runner.run` gives for the same
    inputs. A run stopped part-way and started again skips what was merged; documents
    already in the store are skipped unless ``force``.

    Args:
        inputs: Paths, folders, ``-`` for stdin, URLs, or ``@listfile``.
        config: Run configuration; ``cluster`` says where to run (ignored with ``client``).
        progress: Show a progress bar and the dashboard link on stderr.
        force: Re-process documents already in the store.
        client: A connected Dask client to use instead of ``config.cluster``.
        stdin: Binary stream read for ``-`` (default: the process's standard input).
        on_merge: Called with each partition id after it is merged.

    Returns:
        The run summary, as the in-process path returns it.

    Raises:
        TidingsError: When the cluster cannot be reached or a task keeps failing.

    Example:
        >>> run_cluster(["crawl/"], Config(cluster="local:2", db="news.duckdb"))  # doctest: +SKIP
    """
    if client is None:
        with connect(config) as own:
            return run_cluster(
                inputs,
                config,
                progress=progress,
                force=force,
                client=own,
                stdin=stdin,
                on_merge=on_merge,
            )
    if stdin is None and "-" in inputs:
        stdin = sys.stdin.buffer
    summary = RunSummary()
    with (
        Store(
            config.db,
            fusion=FusionSettings.from_config(config),
            hold=False,
            lock_timeout=config.lock_timeout,
        ) as store,
        recorded_run(store, inputs, config, summary),
    ):
        _Driver(inputs, config, client, store, summary, force=force, stdin=stdin).run(
            progress=progress, on_merge=on_merge
        )
    return summary


def _visible(run_url: str, paths: list[str]) -> list[str]:
    """On a worker: which of the work folder and input ``paths`` it cannot see."""
    from fsspec.core import url_to_fs

    fs, root = url_to_fs(run_url)
    missing = [] if fs.exists(root) else [run_url]
    return missing + [p for p in paths if not os.path.exists(p)]


def _check_shared(client: Client, run_url: str, inputs: Sequence[str]) -> None:
    """Fail early, with the fix, when workers cannot see the work folder or the inputs."""
    paths = [
        p
        for p in inputs
        if p != "-" and not p.startswith("@") and "://" not in p and os.path.exists(p)
    ]
    answers: dict[str, list[str]] = client.run(_visible, run_url, paths)
    for worker, missing in answers.items():
        if missing:
            raise TidingsError(
                f"worker {worker} cannot see {', '.join(missing[:3])}; inputs and work_dir "
                "must be on storage every worker shares (give absolute paths on a shared file "
                "system, or set work_dir to a shared folder or an fsspec URL)"
            )


def prepare(client: Client, config: Config, *, timeout: float = WORKER_WAIT) -> int:
    """Wait for a worker and load the resources on every worker; return the thread count.

    Called by :func:`run_cluster`; call it beforehand to keep model loading out of a timing.

    Raises:
        TidingsError: When no worker joins within ``timeout`` seconds, or the workers cannot
            load the pipeline.

    Example:
        >>> with connect(Config(cluster="local:2")) as client:  # doctest: +SKIP
        ...     prepare(client, Config())
        2
    """
    try:
        client.wait_for_workers(1, timeout=timeout)
    except TimeoutError as exc:
        raise TidingsError(
            f"no Dask worker joined the scheduler within {timeout:.0f} s; start workers with "
            f"`dask worker {client.scheduler.address if client.scheduler else 'ADDRESS'}`"
        ) from exc
    try:
        client.register_plugin(ResourcesPlugin(config))
    except TidingsError:
        raise
    except Exception as exc:
        raise TidingsError(
            f"the workers could not load the pipeline ({exc.__class__.__name__}: {exc}); "
            "install the same tidings version and spaCy model on every worker"
        ) from exc
    return max(1, sum(client.nthreads().values()))


class _Driver:
    """State of one cluster run: what is in flight, what waits to be merged."""

    def __init__(
        self,
        inputs: Sequence[str],
        config: Config,
        client: Client,
        store: Store,
        summary: RunSummary,
        *,
        force: bool,
        stdin: BinaryIO | None,
    ) -> None:
        from fsspec.core import url_to_fs

        self.inputs = list(inputs)
        self.config = config
        self.client = client
        self.store = store
        self.summary = summary
        self.force = force
        self.stdin = stdin
        self.key = run_key(inputs, config, force=force)
        self.fs, root = url_to_fs(config.work_dir)
        self.run_dir = f"{root.rstrip('/')}/{self.key}"
        protocol = self.fs.protocol if isinstance(self.fs.protocol, str) else self.fs.protocol[0]
        self.run_url = (
            self.run_dir if protocol in ("file", "local") else f"{protocol}://{self.run_dir}"
        )
        self.in_flight: dict[Future, Task] = {}
        self.finished: dict[int, TaskReport] = {}
        self.next_seq = 0
        self.submitted = 0
        self.resumed: set[int] = set()  # tasks merged by an earlier run

    def run(self, *, progress: bool, on_merge: OnMerge | None) -> None:
        """Stream every task through the cluster and merge the results in order."""
        from tqdm import tqdm

        from tidings.ingest import list_sources

        threads = prepare(self.client, self.config)
        link = _dashboard(self.client)
        logger.info("cluster run %s with %d worker threads; dashboard %s", self.key, threads, link)
        ensure_ledger(self.store)
        done = merged_ids(self.store, self.key)
        merged_parts: dict[str, set[str]] = {}
        for ident in done:
            if "-" in ident:
                merged_parts.setdefault(task_of(ident), set()).add(ident)
        self.fs.makedirs(self.run_dir, exist_ok=True)
        _check_shared(self.client, self.run_url, self.inputs)
        known_path = None if self.force else _known_ids(self.store, self.fs, self.run_dir)
        self.store.release()  # readers take their turns between merges
        if known_path is not None:
            known_path = self._url(known_path)
        tasks = plan_tasks(list_sources(self.inputs, self.config), self.config, stdin=self.stdin)
        if link and progress:
            tqdm.write(f"Dask dashboard: {link}", file=sys.stderr)
        bar = tqdm(
            desc="tidings",
            unit="doc",
            disable=not progress,
            file=sys.stderr,
            dynamic_ncols=True,
        )
        ac = as_completed()
        exhausted = False
        try:

            def fill() -> None:
                nonlocal exhausted
                while (
                    not exhausted
                    and len(self.in_flight) < TASKS_PER_THREAD * threads
                    and self.submitted - self.next_seq < BACKLOG_PER_THREAD * threads
                ):
                    task = next(tasks, None)
                    if task is None:
                        exhausted = True
                        return
                    self.submitted += 1
                    if task.key in done:
                        n = done[task.key]
                        self.summary.documents += n
                        self.summary.skipped += n
                        bar.update(n)
                        self.finished[task.seq] = TaskReport(task.key, task.seq)
                        self.resumed.add(task.seq)
                        self._merge_ready(bar, on_merge)
                        continue
                    future = self.client.submit(
                        run_task,
                        task,
                        self.config,
                        self.run_url,
                        known_path,
                        frozenset(merged_parts.get(task.key, ())),
                        self.force,
                        key=f"tidings-task-{task.seq}-{uuid.uuid4().hex[:8]}",
                        retries=RETRIES,
                        pure=False,
                    )
                    self.in_flight[future] = task
                    ac.add(future)

            fill()
            for future in ac:
                task = self.in_flight.pop(future)
                try:
                    report: TaskReport = future.result()
                except Exception as exc:
                    where = ", ".join(s.location for s in task.sources[:3]) or "standard input"
                    raise TidingsError(
                        f"task {task.seq} ({where}) failed after {RETRIES} retries: {exc}; "
                        "check the worker logs, and raise memory_limit if workers were killed"
                    ) from exc
                future.release()
                self.finished[report.seq] = report
                self._merge_ready(bar, on_merge)
                # Workers may have joined or left (adaptive clusters, a lost worker).
                threads = max(1, sum(self.client.nthreads().values()))
                fill()
            if self.finished or self.next_seq != self.submitted:
                raise TidingsError(
                    f"{self.submitted - self.next_seq} tasks did not finish; run again to resume"
                )
        except BaseException:
            if self.in_flight:
                self.client.cancel(list(self.in_flight))
            raise
        finally:
            bar.close()
        forget_run(self.store, self.key)
        self.fs.rm(self.run_dir, recursive=True)

    def _url(self, path: str) -> str:
        return self.run_url + path[len(self.run_dir) :] if path.startswith(self.run_dir) else path

    def _merge_ready(self, bar: Any, on_merge: OnMerge | None) -> None:
        """Merge the finished tasks that are next in order, up to ``MERGE_GROUP`` partitions
        to a transaction."""
        group: list[PartitionReport] = []
        tasks: list[TaskReport] = []
        while self.next_seq in self.finished:
            report = self.finished.pop(self.next_seq)
            if self.next_seq not in self.resumed:
                tasks.append(report)
            self.next_seq += 1
            for part in report.partitions:
                self.summary.documents += part.documents
                if part.written:
                    group.append(part)
                else:
                    self.summary.skipped += part.documents
                    bar.update(part.documents)
            if len(group) >= MERGE_GROUP:
                self._merge_group(group, tasks, bar, on_merge)
                group, tasks = [], []
        self._merge_group(group, tasks, bar, on_merge)

    def _merge_group(
        self,
        group: list[PartitionReport],
        tasks: list[TaskReport],
        bar: Any,
        on_merge: OnMerge | None,
    ) -> None:
        """Merge partitions in one transaction, then record them and their finished tasks."""
        parts = []
        for part in group:
            folder = f"{self.run_dir}/{part.id}"
            if read_success(self.fs, folder) is None:
                raise TidingsError(
                    f"partition {part.id} is missing from {self.run_dir}; the work folder "
                    "must be shared by the driver and every worker (set work_dir to shared "
                    "storage)"
                )
            parts.append(read_partition(self.fs, folder))
        stats = merge_many(self.store, parts, force=self.force)
        entries = [(p.id, "partition", p.documents) for p in group]
        entries += [(t.key, "task", t.documents) for t in tasks]
        record_merged(self.store, self.key, entries)
        self.store.release()
        s = self.summary
        s.skipped += sum(p.skipped for p in group) + stats.skipped
        s.articles += stats.articles
        s.events += stats.events
        s.claims += stats.claims
        s.rejects.extend(stats.rejects)
        for part in group:
            self.fs.rm(f"{self.run_dir}/{part.id}", recursive=True)
            bar.update(part.documents)
        if group:
            bar.set_postfix(events=s.events, refresh=False)
        if on_merge is not None:
            for part in group:
                on_merge(part.id)
