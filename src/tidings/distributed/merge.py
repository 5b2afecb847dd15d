"""The driver's side of the store: merging partitions, one writer, in task order.

Partitions are merged strictly in task order, so when the same document appears in two
sources the first one in listing order wins, exactly as in the in-process run. Articles
already in the store are left as they are (with their events and claims) unless the run
is forced. Every merged partition, and every task whose partitions are all merged, is
recorded in the ``cluster_partitions`` ledger table of the database; a run started again
skips them without reading their inputs.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from tidings.records import Reject
from tidings.store import Store

logger = logging.getLogger(__name__)

#: Ledger of merged partitions and tasks, kept in the database being written.
LEDGER = "cluster_partitions"

_CHILD_TABLES = ("events", "event_actors", "claims")


@dataclass(slots=True)
class MergeStats:
    """Rows one merge added to the store."""

    articles: int = 0
    events: int = 0
    claims: int = 0
    skipped: int = 0
    rejects: list[Reject] = field(default_factory=list)


def ensure_ledger(store: Store) -> None:
    """Create the ledger table when missing."""
    store.con.execute(
        f"CREATE TABLE IF NOT EXISTS {LEDGER} ("
        "id VARCHAR PRIMARY KEY, run_key VARCHAR, kind VARCHAR, merged_at VARCHAR, "
        "n_documents INTEGER)"
    )


def merged_ids(store: Store, run_key: str) -> dict[str, int]:
    """Ids of partitions and tasks of ``run_key`` already merged, with their document counts."""
    rows = store.con.execute(
        f"SELECT id, n_documents FROM {LEDGER} WHERE run_key = ?", [run_key]
    ).fetchall()
    return {str(r[0]): int(r[1] or 0) for r in rows}


def record_merged(store: Store, run_key: str, entries: Sequence[tuple[str, str, int]]) -> None:
    """Note in the ledger that partitions or tasks were merged.

    Args:
        store: The store being written.
        run_key: The run they belong to.
        entries: ``(id, kind, documents)`` with kind ``partition`` or ``task``.
    """
    if not entries:
        return
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    store.con.executemany(
        f"INSERT OR REPLACE INTO {LEDGER} VALUES (?, ?, ?, ?, ?)",
        [[ident, run_key, kind, now, documents] for ident, kind, documents in entries],
    )


def forget_run(store: Store, run_key: str) -> None:
    """Drop the ledger rows of a run (after it finished, so a later run starts afresh)."""
    store.con.execute(f"DELETE FROM {LEDGER} WHERE run_key = ?", [run_key])


def _without(table: pa.Table, column: str, values: set[str]) -> pa.Table:
    if not values or not table.num_rows:
        return table
    mask = pc.invert(pc.is_in(table[column], value_set=pa.array(sorted(values), pa.string())))
    return table.filter(mask)


def filter_stored(
    store: Store, tables: dict[str, pa.Table], *, force: bool
) -> tuple[dict[str, pa.Table], int]:
    """Drop articles already in the store, with their events, actors and claims.

    Returns:
        The remaining tables and the number of articles dropped.
    """
    articles = tables.get("articles")
    if force or articles is None or not articles.num_rows:
        return tables, 0
    ids = [str(i) for i in articles["id"].to_pylist()]
    known = store.known_ids(ids)
    if not known:
        return tables, 0
    out = dict(tables)
    out["articles"] = _without(articles, "id", known)
    for name in _CHILD_TABLES:
        if name in out:
            out[name] = _without(out[name], "article_id", known)
    return out, len(known)


def _first_rows(table: pa.Table) -> pa.Table:
    """Keep the first row of each id."""
    ids = table["id"].to_pylist()
    if len(set(ids)) == len(ids):
        return table
    seen: set[str] = set()
    keep = []
    for i, ident in enumerate(ids):
        if ident not in seen:
            seen.add(ident)
            keep.append(i)
    return table.take(pa.array(keep, pa.int64()))


def merge_many(
    store: Store, partitions: Sequence[dict[str, pa.Table]], *, force: bool
) -> MergeStats:
    """Write several partitions, in order, in one transaction.

    The outcome is that of merging them one after the other with :func:`merge_tables`:
    without ``force`` an article already stored, or found in an earlier partition, is
    dropped with its events, actors and claims; with ``force`` the last copy of an article
    replaces the earlier ones.
    """
    if not partitions:
        return MergeStats()
    ids = [
        [str(i) for i in p["articles"]["id"].to_pylist()] if "articles" in p else []
        for p in partitions
    ]
    drops: list[set[str]] = []
    if force:
        later: set[str] = set()
        for part_ids in reversed(ids):
            drops.append({i for i in part_ids if i in later})
            later.update(part_ids)
        drops.reverse()
        skipped = 0
    else:
        seen = store.known_ids([i for part in ids for i in part])
        for part_ids in ids:
            drops.append({i for i in part_ids if i in seen})
            seen.update(part_ids)
        skipped = sum(len(d) for d in drops)
    combined: dict[str, list[pa.Table]] = {}
    for tables, drop in zip(partitions, drops, strict=True):
        for name, table in tables.items():
            if name == "articles":
                table = _without(table, "id", drop)
            elif name in _CHILD_TABLES:
                table = _without(table, "article_id", drop)
            combined.setdefault(name, []).append(table)
    merged = {name: _first_rows(pa.concat_tables(parts)) for name, parts in combined.items()}
    stats = _write(store, merged)
    stats.skipped = skipped
    return stats


def merge_tables(store: Store, tables: dict[str, pa.Table], *, force: bool) -> MergeStats:
    """Write one partition's tables to the store (idempotent) and count what was added."""
    kept, skipped = filter_stored(store, tables, force=force)
    stats = _write(store, kept)
    stats.skipped = skipped
    return stats


def _write(store: Store, kept: dict[str, pa.Table]) -> MergeStats:
    store.write_tables(kept)
    stats = MergeStats()
    for name, attr in (("articles", "articles"), ("events", "events"), ("claims", "claims")):
        table = kept.get(name)
        setattr(stats, attr, table.num_rows if table is not None else 0)
    rejects = kept.get("rejects")
    if rejects is not None:
        stats.rejects = [_reject(row) for row in rejects.to_pylist()]
    return stats


def _reject(row: dict[str, Any]) -> Reject:
    return Reject(
        id=row["id"],
        origin=row["origin"],
        stage=row["stage"],
        reason=row["reason"],
        detail=row["detail"],
        document_id=row.get("document_id"),
    )
