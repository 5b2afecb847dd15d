"""Reading one :class:`~tidings.ingest.sources.Source` into raw documents, lazily."""

from __future__ import annotations

import errno
import gzip
import io
import logging
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from tidings.config import Config
from tidings.errors import RejectedInput
from tidings.ingest.fetch import fetch_url
from tidings.ingest.formats import (
    Item,
    make_reject,
    read_feed,
    read_json,
    read_jsonl,
    read_warc,
    single_document,
)
from tidings.ingest.inflate import bounded_lines
from tidings.ingest.sniff import (
    HEAD_BYTES,
    binary_kind,
    charset_from_content_type,
    decode_bytes,
    gunzip_all,
    gunzip_head,
    is_gzip,
    looks_like_warc,
    sniff_kind,
    wide_codec,
)
from tidings.ingest.sources import Source, kind_from_name, list_sources
from tidings.records import RawDocument, Reject

logger = logging.getLogger(__name__)


def _too_large(origin: str, size: int, config: Config) -> Item:
    return make_reject(
        origin,
        "too-large",
        f"{size:,} bytes is over the {config.max_bytes:,}-byte limit; raise max_bytes "
        "(TIDINGS_MAX_BYTES) or split the input",
    )


def read_bytes(
    data: bytes,
    *,
    origin: str,
    kind: str,
    config: Config,
    charset: str | None = None,
    url: str | None = None,
    fetched_at: str | None = None,
) -> Iterator[Item]:
    """Read documents from bytes held in memory (a small file, stdin or a fetched page).

    Args:
        data: The raw bytes.
        origin: Where they came from (path, URL or ``<stdin>``).
        kind: Format guess from the name or Content-Type (``auto`` to sniff only).
        config: Run configuration (``max_bytes``).
        charset: Declared charset, e.g. from an HTTP header.
        url: Final URL when fetched.
        fetched_at: Fetch timestamp when fetched.
    """
    if not data.strip():
        yield make_reject(origin, "empty", "the input is empty; remove it or fix its export")
        return
    if is_gzip(data):
        head = gunzip_head(data[:HEAD_BYTES])
        if looks_like_warc(head):
            yield from read_warc(io.BytesIO(data), origin=origin, config=config)
            return
        try:
            data = gunzip_all(data, config.max_bytes)
        except RejectedInput as exc:
            yield make_reject(origin, exc.reason, exc.detail)
            return
    what = binary_kind(data[:HEAD_BYTES])
    if what:
        yield make_reject(
            origin, "binary", f"this is {what}, not text; give HTML, text, JSON, WARC or feeds"
        )
        return
    if len(data) > config.max_bytes and kind not in {"jsonl", "warc"}:
        yield _too_large(origin, len(data), config)
        return
    wide = wide_codec(data[:HEAD_BYTES])
    if wide:
        # UTF-16/32 text: turn it into UTF-8 first, so sniffing and line splitting work.
        try:
            data = data.decode(wide).lstrip("\ufeff").encode("utf-8")
        except UnicodeDecodeError as exc:
            yield make_reject(
                origin,
                "encoding",
                f"the text looks like {wide} but does not decode ({exc.reason}); "
                "convert it to UTF-8",
            )
            return
        charset = "utf-8"
    kind = sniff_kind(data[:HEAD_BYTES], kind)
    if kind == "warc":
        yield from read_warc(io.BytesIO(data), origin=origin, config=config)
    elif kind == "jsonl":
        yield from read_jsonl(
            bounded_lines(io.BytesIO(data), config.max_bytes), origin=origin, config=config
        )
    elif kind == "json":
        yield from read_json(data, origin=origin)
    elif kind == "feed":
        yield from read_feed(data, origin=origin)
    else:
        try:
            text = decode_bytes(data, charset)
        except RejectedInput as exc:
            yield make_reject(origin, exc.reason, exc.detail)
            return
        yield single_document(text, origin=origin, fmt=kind, url=url, fetched_at=fetched_at)


def _read_file(source: Source, config: Config) -> Iterator[Item]:
    path = source.location
    try:
        size, head = _open_regular(path)
    except OSError as exc:
        reason = "not-found" if exc.errno == errno.ENOENT else "unreadable"
        yield make_reject(
            path, reason, f"cannot open {path} ({exc.strerror}); check path and permissions"
        )
        return
    except RejectedInput as exc:
        yield make_reject(path, exc.reason, exc.detail)
        return
    if size == 0:
        yield make_reject(path, "empty", "the file is empty (0 bytes); remove it or re-export it")
        return
    hint = source.kind
    if is_gzip(head):
        inner = gunzip_head(head)
        if looks_like_warc(inner) or hint == "warc":
            yield from read_warc(path, origin=path, config=config)
            return
        inner_hint = kind_from_name(path[:-3]) if path.lower().endswith(".gz") else "auto"
        if sniff_kind(inner, inner_hint) == "jsonl":
            with gzip.open(path, "rb") as stream:
                yield from read_jsonl(
                    bounded_lines(stream, config.max_bytes), origin=path, config=config
                )
            return
        # Other compressed documents are small: read them whole (size-capped).
        yield from _read_whole(path, size, "auto", config)
        return
    if looks_like_warc(head):
        yield from read_warc(path, origin=path, config=config)
        return
    if wide_codec(head):
        yield from _read_whole(path, size, hint, config)  # re-encoded whole, size-capped
        return
    what = binary_kind(head)
    if what:
        yield make_reject(
            path, "binary", f"this is {what}, not text; give HTML, text, JSON, WARC or feeds"
        )
        return
    if sniff_kind(head, hint) == "jsonl":
        with open(path, "rb") as stream:
            yield from read_jsonl(
                bounded_lines(stream, config.max_bytes), origin=path, config=config
            )
        return
    yield from _read_whole(path, size, hint, config)


def _open_regular(path: str) -> tuple[int, bytes]:
    """Size and first bytes of a regular file, opened without blocking (a named pipe put in
    place of a file must not hang the run).

    Raises:
        OSError: When the file cannot be opened or read.
        RejectedInput: ``unsupported`` when the path is not a regular file.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise RejectedInput(
                "unsupported", f"{path} is not a regular file (a pipe, socket or device); skip it"
            )
        return info.st_size, handle.read(HEAD_BYTES)


def _read_whole(path: str, size: int, hint: str, config: Config) -> Iterator[Item]:
    if size > config.max_bytes:
        yield _too_large(path, size, config)
        return
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        yield make_reject(path, "unreadable", f"cannot read {path} ({exc.strerror})")
        return
    yield from read_bytes(data, origin=path, kind=hint, config=config)


def _read_stdin(stream: BinaryIO, config: Config) -> Iterator[Item]:
    origin = "<stdin>"
    head = _read_up_to(stream, HEAD_BYTES)
    # A first line longer than the sniffed head that opens an object is read as JSON Lines
    # too: streamed line by line, the same records come out and no line is held past the cap.
    long_first = len(head) == HEAD_BYTES and b"\n" not in head and head.lstrip()[:1] == b"{"
    if not is_gzip(head) and (long_first or sniff_kind(head, "auto") == "jsonl"):
        joined = io.BufferedReader(_PrefixedStream(head, stream), buffer_size=1 << 16)
        yield from read_jsonl(bounded_lines(joined, config.max_bytes), origin=origin, config=config)
        return
    data = head + _read_up_to(stream, config.max_bytes + 1 - len(head))
    if len(data) > config.max_bytes and not looks_like_warc(gunzip_head(head) or head):
        yield _too_large(origin, len(data), config)
        return
    yield from read_bytes(data, origin=origin, kind="auto", config=config)


def _read_up_to(stream: BinaryIO, limit: int) -> bytes:
    """Read until ``limit`` bytes or the end of ``stream`` (pipes may return short reads)."""
    chunks: list[bytes] = []
    left = limit
    while left > 0:
        chunk = stream.read(min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


class _PrefixedStream(io.RawIOBase):
    """``head`` (bytes already read for sniffing) followed by the rest of ``stream``.

    Wrapped in :class:`io.BufferedReader`, its ``readline`` runs in time linear in the line
    length (joining chunk by chunk onto one growing buffer was quadratic).
    """

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        super().__init__()
        self._head = memoryview(head)
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        target = memoryview(buffer).cast("B")
        if self._head:
            size = min(len(target), len(self._head))
            target[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        read = getattr(self._stream, "read1", self._stream.read)
        chunk = read(len(target))
        if not chunk:
            return 0
        target[: len(chunk)] = chunk
        return len(chunk)


def _read_url(source: Source, config: Config) -> Iterator[Item]:
    try:
        fetched = fetch_url(source.location, config)
    except RejectedInput as exc:
        yield make_reject(source.location, exc.reason, exc.detail)
        return
    yield from read_bytes(
        fetched.data,
        origin=source.location,
        kind=fetched.kind,
        config=config,
        charset=charset_from_content_type(fetched.content_type),
        url=fetched.url,
        fetched_at=fetched.fetched_at,
    )


def read_source(
    source: Source, config: Config, *, stdin: BinaryIO | None = None
) -> Iterator[RawDocument | Reject]:
    """Read one source lazily: a JSONL or WARC file yields one record at a time.

    Args:
        source: What to read (from :func:`list_sources`).
        config: Run configuration (``max_bytes``, HTTP settings).
        stdin: Stream used for ``-``; defaults to ``sys.stdin.buffer``.

    Yields:
        :class:`~tidings.records.RawDocument` for each readable document and
        :class:`~tidings.records.Reject` (stage ``ingest``) for each bad one; never raises
        for bad input.

    Example:
        >>> from tidings.ingest.sources import Source
        >>> [r.reason for r in read_source(Source("nowhere.txt", "invalid", "not-found",
        ...     "no file"), Config())]
        ['not-found']
    """
    items: Iterator[Item]
    if source.kind == "invalid":
        items = iter([make_reject(source.location, source.problem or "unsupported", source.detail)])
    elif source.kind == "url":
        items = _read_url(source, config)
    elif source.kind == "stdin":
        items = _read_stdin(stdin if stdin is not None else sys.stdin.buffer, config)
    else:
        items = _read_file(source, config)
    produced = False
    for item in items:
        produced = True
        yield item
    if not produced:
        # Every input ends stored or rejected: blank JSON Lines, an empty JSON list, a WARC
        # holding only images or error pages.
        origin = "<stdin>" if source.kind == "stdin" else source.location
        yield make_reject(
            origin,
            "no-text",
            "no article in it (only blank lines, an empty list, or WARC records that are not "
            "HTML or text); check that it is the input you meant",
        )


def iter_documents(
    inputs: Sequence[str], config: Config, *, stdin: BinaryIO | None = None
) -> Iterator[RawDocument | Reject]:
    """Expand ``inputs`` and read every source: :func:`list_sources` + :func:`read_source`.

    Example:
        >>> [r.reason for r in iter_documents(["/no/such/file.html"], Config())]
        ['not-found']
    """
    for source in list_sources(inputs, config):
        logger.debug("reading %s (%s)", source.location, source.kind)
        yield from read_source(source, config, stdin=stdin)
