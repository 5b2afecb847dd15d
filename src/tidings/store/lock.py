"""Sharing one DuckDB file between a writer and readers in other processes.

DuckDB lets one process open a database file for writing and then locks every other
process out, readers included; it has no way to wait for the file. tidings processes
therefore take turns on an advisory lock beside the database (``FILE.lock``): a writer
holds it exclusively only while it writes a batch, readers hold it shared only while they
read, and each waits (up to ``timeout`` seconds) instead of failing. A second file
(``FILE.intent``) gives a waiting writer precedence, so a stream of readers (a web server
under load) cannot starve ``tidings run``.

Hand-written because neither DuckDB nor a well-kept library offers cross-process
reader/writer turns with writer preference; it is built on ``fcntl.flock``. On systems
without ``fcntl`` the locks are no-ops and DuckDB's own lock error is the fallback.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

try:  # pragma: no cover - Windows has no fcntl
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

from tidings.errors import StoreError

#: Seconds a process waits for its turn before giving up with a clear error.
DEFAULT_TIMEOUT = 60.0
_POLL = 0.01


def _flock(fd: int, mode: int, deadline: float, path: str, what: str) -> None:
    assert fcntl is not None
    while True:
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise StoreError(
                    f"waited too long to {what} {path}: another tidings process is using it; "
                    "try again when it finishes, or raise TIDINGS_LOCK_TIMEOUT"
                ) from None
            time.sleep(_POLL)


def _open(path: str) -> int:
    return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)


class Turn:
    """A held turn on a database file; :meth:`release` gives it back."""

    def __init__(self, db: str, *, write: bool, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.db = db
        self.write = write
        self._fds: tuple[int, int] | None = None
        if fcntl is None or db == ":memory:" or not db:
            return
        Path(db).parent.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + timeout
        intent = _open(db + ".intent")
        main = _open(db + ".lock")
        try:
            mode = fcntl.LOCK_EX if write else fcntl.LOCK_SH
            what = "write to" if write else "read"
            # a writer announces itself first: new readers wait behind it
            _flock(intent, mode, deadline, db, what)
            try:
                _flock(main, mode, deadline, db, what)
            finally:
                fcntl.flock(intent, fcntl.LOCK_UN)
        except BaseException:
            os.close(intent)
            os.close(main)
            raise
        self._fds = (intent, main)

    def release(self) -> None:
        """Give the turn back (idempotent)."""
        if self._fds is None:
            return
        intent, main = self._fds
        self._fds = None
        assert fcntl is not None
        fcntl.flock(main, fcntl.LOCK_UN)
        os.close(intent)
        os.close(main)


def writer_waiting(db: str) -> bool:
    """Whether a writer is waiting for its turn on ``db`` (a reader holding the file should
    let go soon)."""
    if fcntl is None or db == ":memory:" or not db or not os.path.exists(db + ".intent"):
        return False
    fd = _open(db + ".intent")
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # closing drops the probe lock
    return False


@contextlib.contextmanager
def turn(db: str, *, write: bool, timeout: float = DEFAULT_TIMEOUT) -> Iterator[None]:
    """Hold the database's turn while the ``with`` block runs.

    Args:
        db: Database file (``:memory:`` needs no lock).
        write: Exclusive (a writer) or shared (a reader).
        timeout: Seconds to wait for the turn.

    Raises:
        StoreError: When the turn does not come within ``timeout`` seconds.

    Example:
        >>> with turn(":memory:", write=True):
        ...     pass
    """
    held = Turn(db, write=write, timeout=timeout)
    try:
        yield
    finally:
        held.release()
