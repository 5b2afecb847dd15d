"""One read-only connection shared by the web server's requests, given up to writers.

Opening a DuckDB file costs tens of milliseconds, too much per request; holding it open
would lock out `tidings run`. The reader keeps one read-only connection while nobody wants
to write, lends each request its own cursor, and closes the connection as soon as a writer
announces itself (:func:`tidings.store.lock.writer_waiting`) and the requests in flight are
done. The next request opens it again after the writer's batch, so reads are at most one
batch write behind.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterator
from typing import Any

import duckdb

from tidings.errors import StoreError
from tidings.store import Store
from tidings.store.lock import Turn, writer_waiting

logger = logging.getLogger(__name__)


class SharedReader:
    """Read access to a store for many threads, yielding to writers in other processes.

    Args:
        db: Database file.
        lock_timeout: Seconds a request waits for a writer to finish its batch.
        poll: Seconds between checks for a waiting writer while idle.
    """

    def __init__(self, db: str, *, lock_timeout: float = 30.0, poll: float = 0.05) -> None:
        self.db = db
        self.lock_timeout = lock_timeout
        self._con: duckdb.DuckDBPyConnection | None = None
        self._turn: Turn | None = None
        self._users = 0
        #: Bumped each time the file is opened again: a new version of the data.
        self.generation = 0
        self._cond = threading.Condition()
        self._stop = threading.Event()
        self._watch = threading.Thread(target=self._watcher, args=(poll,), daemon=True)
        self._watch.start()

    @contextlib.contextmanager
    def store(self) -> Iterator[Store]:
        """A :class:`Store` over a cursor of the shared connection, for one request."""
        with self._cond:
            if self._con is None:
                self._open()
            self._users += 1
            con = self._con
        assert con is not None
        cursor = con.cursor()
        generation = self.generation
        try:
            store = Store.over(cursor, self.db)
            store.generation = generation
            yield store
        finally:
            cursor.close()
            with self._cond:
                self._users -= 1
                if self._users == 0 and writer_waiting(self.db):
                    self._close()

    def current(self) -> int | None:
        """The version of the data requests see now, or ``None`` while the file is given up
        to a writer (the next request opens it again, with a new version)."""
        with self._cond:
            return self.generation if self._con is not None else None

    def _open(self) -> None:
        turn = Turn(self.db, write=False, timeout=self.lock_timeout)
        try:
            self._con = duckdb.connect(self.db, read_only=True)
            self.generation += 1
        except duckdb.Error as exc:
            turn.release()
            raise StoreError(
                f"cannot read {self.db}: {exc}. Is it a tidings database? Create one with "
                f"`tidings run INPUT --db {self.db}`"
            ) from exc
        self._turn = turn

    def _close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None
        if self._turn is not None:
            self._turn.release()
            self._turn = None

    def _watcher(self, poll: float) -> None:
        while not self._stop.wait(poll):
            with self._cond:
                if self._con is not None and self._users == 0 and writer_waiting(self.db):
                    self._close()

    def close(self) -> None:
        """Stop watching and close the connection."""
        self._stop.set()
        with self._cond:
            self._close()


class PageCache:
    """Computed page data, kept per version of the data (:attr:`SharedReader.generation`):
    between two writes the store does not change, so neither does a page."""

    def __init__(self, size: int = 512) -> None:
        from collections import OrderedDict

        self._data: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, store: Store, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        """The cached value of ``key`` for this version of the data, computed when missing."""
        full = (getattr(store, "generation", None), *key)
        with self._lock:
            if full in self._data:
                self._data.move_to_end(full)
                return self._data[full]
        value = compute()
        with self._lock:
            self._data[full] = value
            while len(self._data) > self._size:
                self._data.popitem(last=False)
        return value


class ResponseCache:
    """Whole responses to GET requests, per version of the data (bounded, least recently
    used first out)."""

    def __init__(self, size: int = 256, largest: int = 2_000_000) -> None:
        from collections import OrderedDict

        self._data: OrderedDict[tuple[Any, ...], tuple[int, bytes, list[tuple[str, str]]]] = (
            OrderedDict()
        )
        self._size = size
        self._largest = largest
        self._lock = threading.Lock()

    def get(self, key: tuple[Any, ...]) -> tuple[int, bytes, list[tuple[str, str]]] | None:
        """The stored status, body and headers for ``key``."""
        with self._lock:
            found = self._data.get(key)
            if found is not None:
                self._data.move_to_end(key)
            return found

    def put(
        self, key: tuple[Any, ...], status: int, body: bytes, headers: list[tuple[str, str]]
    ) -> None:
        """Keep a response (unless it is too large)."""
        if len(body) > self._largest:
            return
        with self._lock:
            self._data[key] = (status, body, headers)
            while len(self._data) > self._size:
                self._data.popitem(last=False)
