"""Running the pipeline over inputs, in-process, batch by batch, into the store.

A run streams: documents are read lazily, processed a batch at a time and each batch is
written in one transaction. Documents already in the store are skipped, so a run that was
killed part-way and started again finishes with nothing duplicated and nothing lost.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import BinaryIO

from tidings.config import Config
from tidings.fusion import FusionSettings
from tidings.pipeline import Resources, process_batch
from tidings.records import RawDocument, Reject
from tidings.store import Store, WriteStats

logger = logging.getLogger(__name__)

#: Progress callback: called with (documents read so far, sources finished, sources total).
Progress = Callable[[int, int, int | None], None]


@dataclass(slots=True)
class RunSummary:
    """Counts and rejects of a finished run."""

    run_id: str = ""
    documents: int = 0
    skipped: int = 0
    articles: int = 0
    events: int = 0
    claims: int = 0
    rejects: list[Reject] = field(default_factory=list)
    status: str = "running"
    seconds: float = 0.0

    def counts(self) -> dict[str, int]:
        """The counts as a dictionary (for the ``runs`` table and JSON output)."""
        return {
            "documents": self.documents,
            "skipped": self.skipped,
            "articles": self.articles,
            "events": self.events,
            "claims": self.claims,
            "rejects": len(self.rejects),
        }


def batched(
    items: Iterable[RawDocument | Reject], size: int
) -> Iterator[list[RawDocument | Reject]]:
    """Group ``items`` into lists of at most ``size``."""
    batch: list[RawDocument | Reject] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def filter_new(
    batch: list[RawDocument | Reject], store: Store | None, *, force: bool = False
) -> tuple[list[RawDocument | Reject], int]:
    """Drop documents already stored or repeated within the batch.

    Returns:
        The remaining items and how many documents were skipped.
    """
    docs = [d for d in batch if isinstance(d, RawDocument)]
    known = set() if force or store is None else store.known_ids([d.id for d in docs])
    seen: set[str] = set()
    out: list[RawDocument | Reject] = []
    skipped = 0
    for item in batch:
        if isinstance(item, RawDocument):
            if item.id in known or item.id in seen:
                skipped += 1
                continue
            seen.add(item.id)
        out.append(item)
    return out, skipped


@contextmanager
def recorded_run(
    store: Store, inputs: Sequence[str], config: Config, summary: RunSummary
) -> Iterator[RunSummary]:
    """Record a run in the ``runs`` table around the work done in the ``with`` block.

    The run's status ends as ``finished``, ``finished-with-rejects``, ``interrupted`` or
    ``failed``; its counts are taken from ``summary`` when the block ends, however it ends.
    """
    from tidings import __version__

    started = time.perf_counter()
    summary.run_id = store.start_run(inputs, dataclasses.asdict(config), __version__)
    try:
        yield summary
        summary.status = "finished-with-rejects" if summary.rejects else "finished"
    except KeyboardInterrupt:
        summary.status = "interrupted"
        raise
    except BaseException:
        summary.status = "failed"
        raise
    finally:
        summary.seconds = time.perf_counter() - started
        store.finish_run(summary.run_id, summary.status, summary.counts())


def run(
    inputs: Sequence[str],
    config: Config,
    *,
    resources: Resources | None = None,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
    force: bool = False,
) -> RunSummary:
    """Ingest ``inputs``, analyse them and write everything to ``config.db``.

    Args:
        inputs: Paths, folders, ``-`` for stdin, URLs, or ``@listfile``.
        config: Run configuration.
        resources: Pre-loaded resources (loaded from ``config`` when ``None``).
        stdin: Binary stream read for ``-``.
        progress: Called after each batch.
        force: Re-process documents already in the store.

    Returns:
        The run summary; rejects are listed with their reasons.
    """
    from tidings.ingest import list_sources, read_source

    res = resources or Resources.load(config)
    summary = RunSummary()
    sources = list(list_sources(inputs, config))
    total = len(sources)
    # the file is held only while the run checks or writes a batch: `tidings serve` and
    # other readers take their turns in between (tidings.store.lock)
    store = Store(
        config.db,
        fusion=FusionSettings.from_config(config),
        hold=False,
        lock_timeout=config.lock_timeout,
    )
    with store, recorded_run(store, inputs, config, summary):
        store.release()
        done = 0

        def documents() -> Iterator[RawDocument | Reject]:
            nonlocal done
            for source in sources:
                yield from read_source(source, config, stdin=stdin)
                done += 1

        for batch in batched(documents(), config.batch_size):
            summary.documents += sum(isinstance(d, RawDocument) for d in batch)
            todo, skipped = filter_new(batch, store, force=force)
            store.release()
            summary.skipped += skipped
            result = process_batch(todo, res)
            stats: WriteStats = store.write(result, languages=config.languages)
            store.release()
            summary.articles += stats.articles
            summary.events += stats.events
            summary.claims += stats.claims
            summary.rejects.extend(result.rejects)
            if progress:
                progress(summary.documents, done, total)
    return summary
