"""The DuckDB store: idempotent writes, queries and exports."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import socket
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from tidings.errors import StoreError
from tidings.fusion import FusionSettings, FusionStats, ensure_tables, rebuild
from tidings.fusion import update as fuse
from tidings.ids import record_id
from tidings.records import BatchResult
from tidings.store.lock import DEFAULT_TIMEOUT, turn
from tidings.store.rows import DATA_TABLES, batch_rows, to_arrow
from tidings.store.schema import SCHEMA_VERSION, TABLES, ddl

logger = logging.getLogger(__name__)

EXPORT_FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet")
#: Tables fusion derives from the data tables.
FUSION_TABLES: tuple[str, ...] = ("happenings", "ledger", "stories")
ALL_TABLES: tuple[str, ...] = (*DATA_TABLES, *FUSION_TABLES, "runs")


@dataclass(slots=True)
class WriteStats:
    """What one write added (rows present afterwards, per table)."""

    articles: int = 0
    events: int = 0
    claims: int = 0
    rejects: int = 0

    def add(self, other: WriteStats) -> None:
        """Accumulate ``other`` into this object."""
        self.articles += other.articles
        self.events += other.events
        self.claims += other.claims
        self.rejects += other.rejects


@dataclass(slots=True)
class EventFilter:
    """Filters for :meth:`Store.events`.

    Attributes:
        actor: Matches an actor's country code, name, text or kb id (case-insensitive).
        dyad: ``SRC-TGT`` country codes, e.g. ``PRK-RUS``; with ``undirected`` either way.
        type: PLOVER event type.
        status: Event status.
        since, until: Date range (``YYYY-MM-DD``); an event matches when its interval overlaps.
        article: Article id.
        limit: Largest number of rows returned.
    """

    actor: str | None = None
    dyad: str | None = None
    undirected: bool = False
    type: str | None = None
    status: str | None = None
    since: str | None = None
    until: str | None = None
    article: str | None = None
    limit: int = 100

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition on ``events e`` and its parameters (the limit aside)."""
        where: list[str] = ["1=1"]
        params: list[Any] = []
        if self.type:
            where.append("upper(e.type) = upper(?)")
            params.append(self.type)
        if self.status:
            where.append("lower(e.status) = lower(?)")
            params.append(self.status)
        if self.article:
            where.append("e.article_id = ?")
            params.append(self.article)
        if self.since:
            where.append("coalesce(e.date_end, e.date_start) >= ?")
            params.append(self.since)
        if self.until:
            where.append("e.date_start <= ?")
            params.append(self.until)
        if self.actor:
            where.append(
                "EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = e.id AND ("
                "upper(x.country) = upper(?) OR lower(x.name) = lower(?) OR "
                "lower(x.text) = lower(?) OR x.kb_id = ?))"
            )
            params += [self.actor] * 4
        if self.dyad:
            pair, pair_params = pair_condition("e", self.dyad, undirected=self.undirected)
            where.append(pair)
            params += pair_params
        return " AND ".join(where), params


def pair_condition(alias: str, dyad: str, *, undirected: bool) -> tuple[str, list[str]]:
    """SQL condition (and parameters) that rows of ``alias`` (events or happenings) have the
    country pair ``SRC-TGT``, in that direction or, with ``undirected``, either way."""
    src, tgt = _dyad(dyad)
    cond = (
        f"(list_contains({alias}.source_countries, ?) AND "
        f"list_contains({alias}.target_countries, ?))"
    )
    if undirected:
        return f"({cond} OR {cond})", [src, tgt, tgt, src]
    return cond, [src, tgt]


@dataclass(slots=True)
class HappeningFilter:
    """Filters for :meth:`Store.happenings` (as :class:`EventFilter`, plus fusion's own).

    Attributes:
        contested: Only happenings a party denied while others reported them.
        plan_outcome: ``fulfilled``, ``cancelled``, ``pending`` or ``unobserved``.
        story: Only happenings of this story.
        id: One happening.
    """

    actor: str | None = None
    dyad: str | None = None
    undirected: bool = False
    type: str | None = None
    status: str | None = None
    since: str | None = None
    until: str | None = None
    contested: bool = False
    plan_outcome: str | None = None
    story: str | None = None
    id: str | None = None
    limit: int = 100


class Store:
    """A tidings database in one DuckDB file.

    Args:
        path: Database file (created when missing); ``:memory:`` for a throw-away store.
        read_only: Open without write access (several readers may share the file).
        hold: Keep the file open from the start until :meth:`close`; with ``False`` it is
            opened on first use and closed by :meth:`release` (see :mod:`tidings.store.lock`).
        lock_timeout: Seconds to wait for another tidings process to finish with the file.
        fusion: When given, every write also updates duplicates, happenings, ledgers and
            stories (:mod:`tidings.fusion`) in the same transaction.

    Example:
        >>> with Store(":memory:") as store:
        ...     store.count("articles")
        0
    """

    def __init__(
        self,
        path: str | Path,
        *,
        read_only: bool = False,
        fusion: FusionSettings | None = None,
        hold: bool = True,
        lock_timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self.path = str(path)
        self.read_only = read_only
        self.fusion = fusion
        self.hold = hold
        self.lock_timeout = lock_timeout
        self._con: duckdb.DuckDBPyConnection | None = None
        self._turn: contextlib.ExitStack | None = None
        self._created = False
        self._borrowed = False
        #: Version of the data the connection shows (set by the web reader).
        self.generation: int | None = None
        if hold:
            self._connect()

    @classmethod
    def over(cls, con: duckdb.DuckDBPyConnection, path: str) -> Store:
        """A read-only store over an open connection (or cursor) owned by the caller."""
        store = cls(path, read_only=True, hold=False)
        store._con = con
        store._borrowed = True
        return store

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The open connection (opened, after waiting for the file's turn, when released)."""
        if self._con is None:
            self._connect()
        assert self._con is not None
        return self._con

    def _connect(self) -> None:
        stack = contextlib.ExitStack()
        try:
            stack.enter_context(
                turn(self.path, write=not self.read_only, timeout=self.lock_timeout)
            )
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._con = duckdb.connect(self.path, read_only=self.read_only)
        except (duckdb.Error, OSError) as exc:
            stack.close()
            raise StoreError(
                f"cannot open database {self.path}: {exc}. Check the path, or close the other "
                "program using it (DuckDB allows one writer)"
            ) from exc
        except BaseException:
            stack.close()
            raise
        self._turn = stack
        if not self.read_only and not self._created:
            self._create()
            self._created = True

    def release(self) -> None:
        """Close the connection and give the file's turn to other processes.

        The next use opens it again. A long run calls this between batches, so that
        `tidings serve` and other readers can read while it works.
        """
        if self._borrowed:
            return
        if self._con is not None:
            self._con.close()
            self._con = None
        if self._turn is not None:
            self._turn.close()
            self._turn = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection."""
        self.release()

    def _create(self) -> None:
        for table in TABLES:
            self.con.execute(ddl(table))
            for column in TABLES[table]:
                if "PRIMARY KEY" not in column.sql:
                    # stores written by an earlier version gain the new columns
                    self.con.execute(
                        f'ALTER TABLE {table} ADD COLUMN IF NOT EXISTS "{column.name}" {column.sql}'
                    )
        ensure_tables(self.con)
        self.con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        self.con.execute(
            "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)]
        )

    # -- writing -------------------------------------------------------------------------

    def write(self, batch: BatchResult, *, languages: Iterable[str] = ("en",)) -> WriteStats:
        """Write a batch in one transaction; writing the same batch again changes nothing.

        An article written again replaces its earlier events, actors and claims, so a
        re-run never duplicates rows.
        """
        rows = batch_rows(batch, languages)
        tables = {t: to_arrow(t, rows[t]) for t in DATA_TABLES}
        self.write_tables(tables)
        return WriteStats(
            articles=len(rows["articles"]),
            events=len(rows["events"]),
            claims=len(rows["claims"]),
            rejects=len(rows["rejects"]),
        )

    def write_tables(self, tables: dict[str, pa.Table]) -> None:
        """Upsert Arrow tables (as built by :func:`tidings.store.rows.to_arrow`) atomically."""
        try:
            self.con.begin()
            articles = tables.get("articles")
            if articles is not None and articles.num_rows:
                self.con.register("_new_articles", articles)
                for child in ("events", "event_actors", "claims"):
                    self.con.execute(
                        f"DELETE FROM {child} WHERE article_id IN (SELECT id FROM _new_articles)"
                    )
                self.con.unregister("_new_articles")
            for table in DATA_TABLES:
                data = tables.get(table)
                if data is None or not data.num_rows:
                    continue
                self.con.register("_new", data)
                self.con.execute(f"DELETE FROM {table} WHERE id IN (SELECT id FROM _new)")
                cols = ", ".join(f'"{c.name}"' for c in TABLES[table])
                self.con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _new")
                self.con.unregister("_new")
            if self.fusion is not None and articles is not None and articles.num_rows:
                fuse(self.con, [str(i) for i in articles["id"].to_pylist()], self.fusion)
            self.con.commit()
        except duckdb.Error as exc:
            self.con.rollback()
            raise StoreError(f"cannot write to {self.path}: {exc}") from exc

    def merge_parquet(self, folder: str | Path) -> int:
        """Merge Parquet partitions written by cluster workers, one partition at a time.

        ``folder`` holds ``<partition>/<table>.parquet`` files. Merging is idempotent.

        Returns:
            Number of partitions merged.
        """
        root = Path(folder)
        parts = sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []
        for part in parts:
            tables = {
                t: pq.read_table(part / f"{t}.parquet")
                for t in DATA_TABLES
                if (part / f"{t}.parquet").is_file()
            }
            self.write_tables(tables)
        return len(parts)

    def known_ids(self, ids: Sequence[str]) -> set[str]:
        """The subset of article ``ids`` already stored."""
        if not ids:
            return set()
        found = self.con.execute(
            "SELECT id FROM articles WHERE list_contains(?, id)", [list(ids)]
        ).fetchall()
        return {r[0] for r in found}

    def start_run(self, inputs: Sequence[str], config: dict[str, Any], version: str) -> str:
        """Record the start of a run (with this process's id and host) and return its id.

        Runs left ``running`` by a process that is gone are first marked ``interrupted``
        (:meth:`close_stale_runs`).
        """
        self.close_stale_runs()
        now = dt.datetime.now(dt.UTC)
        started = now.isoformat(timespec="seconds")
        run_id = record_id("run", now.isoformat(timespec="microseconds"), *inputs)
        self.con.execute(
            "INSERT OR REPLACE INTO runs (id, started_at, status, inputs, config, version, "
            "pid, host, n_documents, n_skipped, n_articles, n_events, n_claims, n_rejects) "
            "VALUES (?, ?, 'running', ?, ?, ?, ?, ?, 0, 0, 0, 0, 0, 0)",
            [
                run_id,
                started,
                json.dumps(list(inputs)),
                json.dumps(config, default=str),
                version,
                os.getpid(),
                socket.gethostname(),
            ],
        )
        return run_id

    def close_stale_runs(self) -> list[str]:
        """Mark ``interrupted`` the runs recorded as ``running`` on this host whose process
        no longer exists (killed with SIGKILL, or the machine lost power).

        Runs of other hosts, and runs written by a tidings too old to record a process id,
        cannot be checked and are left as they are.

        Returns:
            The ids of the runs marked.

        Example:
            >>> with Store(":memory:") as store:  # doctest: +SKIP
            ...     store.close_stale_runs()
            []
        """
        host = socket.gethostname()
        stale = [
            run_id
            for run_id, pid in self.con.execute(
                "SELECT id, pid FROM runs WHERE status = 'running' AND host = ? "
                "AND pid IS NOT NULL",
                [host],
            ).fetchall()
            if not _process_alive(int(pid))
        ]
        for run_id in stale:
            logger.warning("run %s was left running by a process that is gone: interrupted", run_id)
            self.con.execute("UPDATE runs SET status = 'interrupted' WHERE id = ?", [run_id])
        return stale

    def finish_run(self, run_id: str, status: str, counts: dict[str, int]) -> None:
        """Record the end of a run with its counts."""
        finished = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        self.con.execute(
            "UPDATE runs SET finished_at = ?, status = ?, n_documents = ?, n_skipped = ?, "
            "n_articles = ?, n_events = ?, n_claims = ?, n_rejects = ? WHERE id = ?",
            [
                finished,
                status,
                counts.get("documents", 0),
                counts.get("skipped", 0),
                counts.get("articles", 0),
                counts.get("events", 0),
                counts.get("claims", 0),
                counts.get("rejects", 0),
                run_id,
            ],
        )

    # -- reading -------------------------------------------------------------------------

    def count(self, table: str) -> int:
        """Number of rows in ``table``."""
        _check_table(table)
        row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(row[0]) if row else 0

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run a query and return rows as dictionaries."""
        cur = self.con.execute(sql, list(params))
        names = [d[0] for d in cur.description or []]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    def events(self, flt: EventFilter | None = None) -> list[dict[str, Any]]:
        """Events matching ``flt``, newest first, with their actors and article metadata."""
        flt = flt or EventFilter()
        cond, params = flt.where()
        sql = (
            "SELECT e.*, a.title AS article_title, a.url AS article_url, "
            "a.published AS article_published, a.source AS article_source "
            "FROM events e JOIN articles a ON a.id = e.article_id "
            f"WHERE {cond} "
            "ORDER BY e.date_start DESC NULLS LAST, e.article_id, e.trigger_start LIMIT ?"
        )
        params.append(int(flt.limit))
        events = self.rows(sql, params)
        if not events:
            return events
        actors = self.rows(
            "SELECT * FROM event_actors WHERE list_contains(?, event_id) "
            "ORDER BY event_id, side, position",
            [[e["id"] for e in events]],
        )
        by_event: dict[str, dict[str, list[dict[str, Any]]]] = {}
        for a in actors:
            sides = by_event.setdefault(a["event_id"], {"source": [], "target": []})
            sides[a["side"]].append(a)
        for e in events:
            sides = by_event.get(e["id"], {"source": [], "target": []})
            e["source"], e["target"] = sides["source"], sides["target"]
            for key in ("attribution", "places", "quantities", "date"):
                if isinstance(e.get(key), str):
                    e[key] = json.loads(e[key])
        return events

    def dyads(self, limit: int = 10) -> list[dict[str, Any]]:
        """Most frequent directed country pairs with counts, mean Goldstein and quad classes."""
        return self.rows(
            "WITH pairs AS (SELECT s.country AS source, t.country AS target, e.id, "
            "e.goldstein, e.quad_class, e.status FROM events e "
            "JOIN event_actors s ON s.event_id = e.id AND s.side = 'source' "
            "JOIN event_actors t ON t.event_id = e.id AND t.side = 'target' "
            "WHERE s.country IS NOT NULL AND t.country IS NOT NULL AND s.country <> t.country) "
            "SELECT source, target, count(DISTINCT id) AS events, "
            "round(avg(goldstein), 2) AS mean_goldstein, "
            "count(DISTINCT id) FILTER (WHERE quad_class IN (1, 2)) AS cooperation, "
            "count(DISTINCT id) FILTER (WHERE quad_class IN (3, 4)) AS conflict, "
            "count(DISTINCT id) FILTER (WHERE status IN ('asserted', 'confirmed')) AS happened "
            "FROM pairs GROUP BY source, target ORDER BY events DESC, source, target LIMIT ?",
            [limit],
        )

    # -- happenings, ledgers and stories ----------------------------------------------------

    def happenings(
        self, flt: HappeningFilter | None = None, *, history: bool = True
    ) -> list[dict[str, Any]]:
        """Happenings matching ``flt``, newest first, each with its ledger as ``history``
        (unless ``history`` is false)."""
        flt = flt or HappeningFilter()
        where: list[str] = ["1=1"]
        params: list[Any] = []
        if flt.id:
            where.append("h.id = ?")
            params.append(flt.id)
        if flt.type:
            where.append("upper(h.type) = upper(?)")
            params.append(flt.type)
        if flt.status:
            where.append("lower(h.status) = lower(?)")
            params.append(flt.status)
        if flt.since:
            where.append("coalesce(h.date_end, h.date_start) >= ?")
            params.append(flt.since)
        if flt.until:
            where.append("h.date_start <= ?")
            params.append(flt.until)
        if flt.contested:
            where.append("h.contested")
        if flt.plan_outcome:
            where.append("h.plan_outcome = ?")
            params.append(flt.plan_outcome)
        if flt.story:
            where.append("list_contains((SELECT happening_ids FROM stories WHERE id = ?), h.id)")
            params.append(flt.story)
        if flt.actor:
            where.append(
                "(list_contains(h.source_countries, upper(?)) OR "
                "list_contains(h.target_countries, upper(?)) OR list_contains(h.claimants, ?) OR "
                "EXISTS (SELECT 1 FROM events e JOIN event_actors x ON x.event_id = e.id "
                "WHERE e.happening_id = h.id AND (lower(x.name) = lower(?) OR "
                "lower(x.text) = lower(?) OR x.kb_id = ?)))"
            )
            params += [flt.actor] * 6
        if flt.dyad:
            pair, pair_params = pair_condition("h", flt.dyad, undirected=flt.undirected)
            where.append(pair)
            params += pair_params
        sql = (
            f"SELECT h.* FROM happenings h WHERE {' AND '.join(where)} "
            "ORDER BY h.date_start DESC NULLS LAST, h.id LIMIT ?"
        )
        params.append(int(flt.limit))
        rows = self.rows(sql, params)
        if not rows or not history:
            return rows
        entries = self.rows(
            "SELECT * FROM ledger WHERE list_contains(?, happening_id) "
            "ORDER BY happening_id, position",
            [[r["id"] for r in rows]],
        )
        by_happening: dict[str, list[dict[str, Any]]] = {}
        for en in entries:
            by_happening.setdefault(en["happening_id"], []).append(en)
        for r in rows:
            r["history"] = by_happening.get(r["id"], [])
        return rows

    def stories(self, limit: int = 50, story: str | None = None) -> list[dict[str, Any]]:
        """Stories, newest first (or the one with id ``story``)."""
        if story:
            return self.rows("SELECT * FROM stories WHERE id = ?", [story])
        return self.rows(
            "SELECT * FROM stories ORDER BY last_published DESC NULLS LAST, id LIMIT ?", [limit]
        )

    def happening_dyads(self, limit: int = 10) -> list[dict[str, Any]]:
        """Most frequent directed country pairs counted in happenings (not reports)."""
        return self.rows(
            "WITH pairs AS (SELECT s.source, t.target, h.id, h.goldstein, h.quad_class, "
            "h.status, h.n_events FROM happenings h, unnest(h.source_countries) AS s(source), "
            "unnest(h.target_countries) AS t(target) WHERE s.source <> t.target) "
            "SELECT source, target, count(DISTINCT id) AS happenings, "
            "sum(n_events) AS reports, round(avg(goldstein), 2) AS mean_goldstein, "
            "count(DISTINCT id) FILTER (WHERE quad_class IN (1, 2)) AS cooperation, "
            "count(DISTINCT id) FILTER (WHERE quad_class IN (3, 4)) AS conflict, "
            "count(DISTINCT id) FILTER (WHERE status IN ('asserted', 'confirmed')) AS happened, "
            "count(DISTINCT id) FILTER (WHERE status = 'contested') AS contested, "
            "count(DISTINCT id) FILTER (WHERE status = 'planned') AS planned "
            "FROM pairs GROUP BY source, target "
            "ORDER BY happenings DESC, source, target LIMIT ?",
            [limit],
        )

    def fuse(self, settings: FusionSettings) -> FusionStats:
        """Recompute duplicates, happenings, ledgers and stories for the whole store."""
        try:
            self.con.begin()
            stats = rebuild(self.con, settings)
            self.con.commit()
        except duckdb.Error as exc:
            self.con.rollback()
            raise StoreError(f"cannot update {self.path}: {exc}") from exc
        return stats

    # -- export --------------------------------------------------------------------------

    def export(
        self, table: str, path: str | Path, fmt: str | None = None, *, raw_csv: bool = False
    ) -> int:
        """Export ``table`` to JSONL, CSV or Parquet (format from ``fmt`` or the suffix).

        In CSV, text cells a spreadsheet would run as a formula (starting with ``=``, ``+``,
        ``-``, ``@``, a tab or a carriage return) get a leading apostrophe
        (:func:`tidings.output.csv_safe`) unless ``raw_csv`` is set.

        Returns:
            Number of rows written.
        """
        _check_table(table)
        out = Path(path)
        fmt = (fmt or out.suffix.lstrip(".")).lower()
        fmt = {"json": "jsonl", "ndjson": "jsonl", "pq": "parquet"}.get(fmt, fmt)
        if fmt not in EXPORT_FORMATS:
            raise StoreError(
                f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}"
            )
        out.parent.mkdir(parents=True, exist_ok=True)
        options = {
            "jsonl": "FORMAT json",
            "csv": "FORMAT csv, HEADER true",
            "parquet": "FORMAT parquet",
        }[fmt]
        target = str(out).replace("'", "''")
        select = "*"
        if fmt == "csv" and not raw_csv:
            from tidings.output import csv_safe_sql

            columns = self.con.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_name = ? ORDER BY ordinal_position",
                [table],
            ).fetchall()
            select = ", ".join(
                f"{csv_safe_sql(_quote(name))} AS {_quote(name)}"
                if kind == "VARCHAR"
                else _quote(name)
                for name, kind in columns
            )
        self.con.execute(
            f"COPY (SELECT {select} FROM {table} ORDER BY id) TO '{target}' ({options})"
        )
        return self.count(table)


def _dyad(text: str) -> tuple[str, str]:
    src, _, tgt = text.upper().partition("-")
    if not src or not tgt:
        raise StoreError(f"dyad {text!r} is not SRC-TGT; write e.g. PRK-RUS")
    return src, tgt


def _process_alive(pid: int) -> bool:
    """Whether a process with id ``pid`` exists on this machine."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # exists, owned by someone else (or cannot be told: assume alive)
    return True


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _check_table(table: str) -> None:
    if table not in ALL_TABLES:
        raise StoreError(f"unknown table {table!r}; choose one of {', '.join(ALL_TABLES)}")
