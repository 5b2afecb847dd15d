"""Bounded decompression: every compressed input is inflated in steps, never past a cap.

A few kilobytes of gzip or brotli can inflate to gigabytes (a "decompression bomb").
Everything tidings decompresses — gzip files, JSON Lines inside them, WARC payloads stored
with ``Content-Encoding``, bodies fetched from the web — goes through
:class:`BoundedInflater`, which stops as soon as the output passes the limit (the run's
``max_bytes``), so memory stays near the limit whatever the input claims.

Supported codings: ``gzip`` (also ``x-gzip``, several members), ``deflate`` (zlib-wrapped
or raw) and ``br`` (brotli, when the ``brotli`` package is installed). ``zstd`` and unknown
codings are refused with a reason, never passed on as bytes.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol

from tidings.errors import RejectedInput

#: Codings that mean "not compressed".
IDENTITY = frozenset({"", "identity", "none"})


def _brotli_module() -> Any:
    try:
        import brotli
    except ImportError:  # pragma: no cover - brotli is a dependency of the usual install
        return None
    return brotli


def supported_codings() -> tuple[str, ...]:
    """The content codings this installation can decode.

    Example:
        >>> "gzip" in supported_codings()
        True
    """
    base = ("gzip", "x-gzip", "deflate")
    return base + (("br",) if _brotli_module() is not None else ())


def _too_large(limit: int) -> RejectedInput:
    return RejectedInput(
        "too-large",
        f"the data inflates past the {limit:,}-byte limit (a compression bomb?); "
        "raise max_bytes to read it",
    )


def _corrupt(coding: str, exc: Exception) -> RejectedInput:
    return RejectedInput(
        "truncated", f"the {coding} data is corrupt ({exc}); download or copy it again"
    )


class BoundedInflater:
    """Decode one content coding chunk by chunk, refusing to produce more than ``limit`` bytes.

    Args:
        coding: ``gzip``, ``x-gzip``, ``deflate``, ``br`` or an identity coding.
        limit: Most bytes of output allowed in total.

    Raises:
        RejectedInput: ``unsupported-encoding`` for a coding that cannot be decoded here.

    Example:
        >>> import gzip
        >>> inflater = BoundedInflater("gzip", 100)
        >>> inflater.feed(gzip.compress(b"short text")) + inflater.finish()
        b'short text'
        >>> try:
        ...     BoundedInflater("gzip", 100).feed(gzip.compress(b"0" * 1000))
        ... except RejectedInput as exc:
        ...     print(exc.reason)
        too-large
    """

    def __init__(self, coding: str, limit: int) -> None:
        self.coding = coding.strip().lower()
        self.limit = limit
        self.total = 0
        self._zlib: zlib._Decompress | None = None
        self._brotli: Any = None
        self._pending = b""  # deflate: bytes kept until the wrapper is known
        self._step: Callable[[bytes], list[bytes]]
        if self.coding in IDENTITY:
            self._step = self._identity
        elif self.coding in {"gzip", "x-gzip"}:
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
            self._step = self._inflate
        elif self.coding == "deflate":
            self._step = self._deflate
        elif self.coding == "br" and _brotli_module() is not None:
            module = _brotli_module()
            self._brotli = module.Decompressor()
            self._step = self._unbrotli
        else:
            raise RejectedInput(
                "unsupported-encoding",
                f"content coding {coding!r} cannot be decoded here (supported: "
                f"{', '.join(supported_codings())}); store the data uncompressed or as gzip",
            )

    def _count(self, chunk: bytes) -> bytes:
        self.total += len(chunk)
        if self.total > self.limit:
            raise _too_large(self.limit)
        return chunk

    def _room(self) -> int:
        """How many bytes to ask for: one past the remaining allowance (never 0, which
        zlib reads as "no limit")."""
        return max(1, self.limit - self.total + 1)

    def _identity(self, data: bytes) -> list[bytes]:
        return [self._count(data)]

    def _deflate(self, data: bytes) -> list[bytes]:
        if self._zlib is None:
            self._pending += data
            if len(self._pending) < 2:
                return []
            first, second = self._pending[0], self._pending[1]
            wrapped = first & 0x0F == 8 and ((first << 8) | second) % 31 == 0
            self._zlib = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
            data, self._pending = self._pending, b""
        return self._inflate(data)

    def _inflate(self, data: bytes) -> list[bytes]:
        out: list[bytes] = []
        assert self._zlib is not None
        try:
            while data:
                out.append(self._count(self._zlib.decompress(data, self._room())))
                if self._zlib.eof:
                    rest = self._zlib.unused_data
                    if self.coding != "deflate" and rest.startswith(b"\x1f\x8b"):
                        self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)  # next member
                        data = rest
                        continue
                    break  # trailing bytes after the last member are ignored, as gzip does
                data = self._zlib.unconsumed_tail
        except zlib.error as exc:
            raise _corrupt(self.coding, exc) from exc
        return out

    def _unbrotli(self, data: bytes) -> list[bytes]:
        import brotli

        decoder = self._brotli
        out: list[bytes] = []
        try:
            out.append(self._count(decoder.process(data, output_buffer_limit=self._room())))
            while not decoder.can_accept_more_data():
                out.append(self._count(decoder.process(b"", output_buffer_limit=self._room())))
        except brotli.error as exc:
            raise _corrupt("brotli", exc) from exc
        return out

    def feed(self, data: bytes) -> bytes:
        """Decode the next chunk of input and return the output it gives (maybe empty).

        Raises:
            RejectedInput: ``too-large`` once the output passes the limit, ``truncated``
                when the data is corrupt.
        """
        return b"".join(self._step(data))

    def finish(self) -> bytes:
        """Check that the compressed stream ended properly; return any output left.

        Raises:
            RejectedInput: ``truncated`` when the stream is cut off before its end.
        """
        out = b""
        if self.coding == "deflate" and self._zlib is None and self._pending:
            out = self.feed(b"")  # pragma: no cover - a one-byte deflate stream
        if self._zlib is not None and not self._zlib.eof:
            if self.coding == "deflate":
                # Servers often end raw deflate without a final block: accept the output.
                return out + self._count(self._zlib.flush())
            raise RejectedInput(
                "truncated",
                f"the {self.coding} data is cut off before its end; download or copy it again",
            )
        if self._brotli is not None and not self._brotli.is_finished():
            raise RejectedInput(
                "truncated", "the brotli data is cut off before its end; download or copy it again"
            )
        return out


def split_codings(header: str) -> list[str]:
    """The codings of a ``Content-Encoding`` header, in the order they were applied.

    Example:
        >>> split_codings("gzip, br")
        ['gzip', 'br']
        >>> split_codings("identity")
        []
    """
    return [c.strip().lower() for c in header.split(",") if c.strip().lower() not in IDENTITY]


def inflate_stream(chunks: Iterable[bytes], header: str, limit: int) -> Iterator[bytes]:
    """Decode a stream of chunks encoded with the codings of ``header``, capped at ``limit``.

    Every layer is capped, so neither an inner nor an outer layer can blow up memory.

    Raises:
        RejectedInput: ``too-large``, ``truncated`` or ``unsupported-encoding``.

    Example:
        >>> import gzip
        >>> b"".join(inflate_stream([gzip.compress(b"abc")], "gzip", 10))
        b'abc'
    """
    stream: Iterable[bytes] = chunks
    codings = split_codings(header)
    for coding in reversed(codings):  # the last coding applied comes off first
        stream = _layer(stream, BoundedInflater(coding, limit))
    total = 0
    for chunk in stream:
        total += len(chunk)
        if total > limit:
            if codings:
                raise _too_large(limit)
            raise RejectedInput(
                "too-large",
                f"the data is over the {limit:,}-byte limit; raise max_bytes to read it",
            )
        if chunk:
            yield chunk


def _layer(chunks: Iterable[bytes], inflater: BoundedInflater) -> Iterator[bytes]:
    for chunk in chunks:
        out = inflater.feed(chunk)
        if out:
            yield out
    tail = inflater.finish()
    if tail:
        yield tail


def inflate_bytes(data: bytes, header: str, limit: int) -> bytes:
    """Decode ``data`` held in memory (see :func:`inflate_stream`).

    Example:
        >>> import zlib
        >>> inflate_bytes(zlib.compress(b"hello"), "deflate", 100)
        b'hello'
    """
    return b"".join(inflate_stream(_slices(data), header, limit))


def _slices(data: bytes, size: int = 1 << 16) -> Iterator[bytes]:
    view = memoryview(data)
    for start in range(0, len(data), size):
        yield bytes(view[start : start + size])


class LineSource(Protocol):
    """Anything with a size-limited ``readline`` (files, gzip streams, buffered readers)."""

    def readline(self, size: int = -1, /) -> bytes: ...


def bounded_lines(stream: LineSource, limit: int) -> Iterator[bytes | int]:
    """Lines of ``stream``, never holding more than ``limit`` bytes of one line.

    A line longer than ``limit`` is read past in steps and given as its length (an
    ``int``) instead of its bytes, so the caller can reject it. Works on plain files, gzip
    streams (decompressed a buffer at a time) and anything with ``readline(size)``; the time
    taken grows linearly with the line length.

    Example:
        >>> import io
        >>> list(bounded_lines(io.BytesIO(b"ab\\n" + b"x" * 50 + b"\\ncd"), 10))
        [b'ab\\n', 51, b'cd']
    """
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit:
            yield line
            continue
        size = len(line)
        while not line.endswith(b"\n"):
            line = stream.readline(1 << 16)
            if not line:
                break
            size += len(line)
        yield size
