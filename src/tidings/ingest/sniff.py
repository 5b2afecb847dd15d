"""Format sniffing and byte decoding.

The extension of a file gives a first guess of its format; the first bytes confirm or
correct it (a ``.txt`` file that is really an HTML page is read as HTML). Decoding tries
the declared charset, then UTF-8, then a guess by ``charset-normalizer``.
"""

from __future__ import annotations

import codecs
import re
import zlib

from tidings.errors import RejectedInput
from tidings.ingest.inflate import inflate_bytes

#: How many leading bytes are looked at to sniff a format.
HEAD_BYTES = 8192

_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "a PNG image"),
    (b"%PDF", "a PDF document"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\x7fELF", "an executable"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ", "an xz archive"),
    (b"\x28\xb5\x2f\xfd", "a zstd archive"),
)
_TEXT_CONTROLS = frozenset(b"\t\n\r\x0c\x1b")
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_HTML_TAGS = re.compile(
    rb"<(?:p|div|article|section|h[1-6]|span|br|a|meta|title|script|table|ul|li)\b[^>]*>", re.I
)
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)


def binary_kind(head: bytes) -> str | None:
    """Say what binary thing ``head`` starts with, or ``None`` when it looks like text.

    Text with a UTF-16/32 byte-order mark is text; otherwise NUL bytes mean binary.

    Example:
        >>> binary_kind(b"%PDF-1.7 ...")
        'a PDF document'
        >>> binary_kind(b"<p>Hello</p>") is None
        True
    """
    for magic, what in _BINARY_MAGIC:
        if head.startswith(magic):
            return what
    if wide_codec(head):
        return None
    if b"\x00" in head:
        return "binary data (NUL bytes)"
    controls = sum(1 for b in head if b < 0x20 and b not in _TEXT_CONTROLS)
    if head and controls / len(head) > 0.05:
        return "binary data (control bytes)"
    return None


def utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when ``head`` reads as UTF-16 text that has no BOM.

    UTF-16 text puts a zero byte beside every ASCII character, always on the same side
    (odd offsets in little-endian, even in big-endian); binary data has zeros anywhere.
    The guess is kept only when the decoded sample is almost all printable text.

    Example:
        >>> utf16_without_bom("Flood warning lifted.".encode("utf-16-le"))
        'utf-16-le'
        >>> utf16_without_bom(bytes([0, 1, 2, 0, 0, 7])) is None
        True
    """
    sample = head[: min(len(head), 4096) // 2 * 2]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if even and odd:
        return None
    codec = "utf-16-le" if odd else "utf-16-be"
    try:
        text = sample.decode(codec)
    except UnicodeDecodeError:
        # The sample may end inside a surrogate pair: drop its last unit and retry.
        try:
            text = sample[:-2].decode(codec)
        except UnicodeDecodeError:
            return None
    if not text:
        return None
    readable = sum(1 for ch in text if ch.isprintable() or ch in "\t\n\r\x0c")
    return codec if readable / len(text) >= 0.95 else None


def wide_codec(head: bytes) -> str | None:
    """The codec of UTF-16/32 text (with a BOM, or UTF-16 without one), else ``None``.

    Example:
        >>> wide_codec("\ufeffHello".encode("utf-16-be"))
        'utf-16'
        >>> wide_codec(b"<p>Hello</p>") is None
        True
    """
    for bom, name in _BOMS:
        if head.startswith(bom) and name != "utf-8-sig":
            return name
    return utf16_without_bom(head)


def is_gzip(head: bytes) -> bool:
    """True when ``head`` starts with the gzip magic number."""
    return head.startswith(b"\x1f\x8b")


def gunzip_head(head: bytes) -> bytes:
    """Decompress as much of a gzip stream's head as possible (for sniffing only)."""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, HEAD_BYTES)
    except zlib.error:
        return b""


def gunzip_all(data: bytes, limit: int) -> bytes:
    """Decompress a whole gzip payload (all members), refusing to inflate past ``limit`` bytes.

    Raises:
        RejectedInput: ``truncated`` when the stream is cut off or corrupt, ``too-large``
            when it inflates past ``limit``.

    Example:
        >>> import gzip
        >>> gunzip_all(gzip.compress(b"a") + gzip.compress(b"b"), 10)
        b'ab'
    """
    return inflate_bytes(data, "gzip", limit)


def looks_like_html(text: str | bytes) -> bool:
    """True when the start of ``text`` looks like an HTML page or fragment.

    Example:
        >>> looks_like_html("<html><body><p>Hi</p></body></html>")
        True
        >>> looks_like_html("Seoul said on Monday that talks would resume.")
        False
    """
    data = text.encode("utf-8", "replace") if isinstance(text, str) else text
    head = data[:HEAD_BYTES]
    if _HTML_START.match(head):
        return True
    return len(_HTML_TAGS.findall(head)) >= 2


def looks_like_feed(head: bytes) -> bool:
    """True when ``head`` starts an RSS, Atom or RDF feed."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not stripped.startswith(b"<"):
        return False
    return bool(_FEED_ROOT.search(head[:2048]))


def looks_like_warc(head: bytes) -> bool:
    """True when ``head`` (already decompressed) starts a WARC record."""
    return head.lstrip(b"\r\n").startswith(b"WARC/")


def sniff_kind(head: bytes, hint: str) -> str:
    """Decide the format of a document from its first bytes and a hint.

    Args:
        head: The first bytes (decompressed when gzip).
        hint: The kind guessed from the file name (``auto`` when none).

    Returns:
        One of ``html``, ``text``, ``json``, ``jsonl``, ``warc``, ``feed``.

    Example:
        >>> sniff_kind(b"<!DOCTYPE html><html>...", "text")
        'html'
        >>> sniff_kind(b'{"title": "x"}\\n{"title": "y"}\\n', "auto")
        'jsonl'
    """
    if looks_like_warc(head):
        return "warc"
    if hint in {"json", "jsonl", "warc"}:
        return hint
    if looks_like_feed(head):
        return "feed"
    if looks_like_html(head):
        return "html"
    if hint in {"html", "feed"}:
        # Declared markup without recognisable tags: read it as plain text.
        return "text" if b"<" not in head[:2048] else hint
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if hint == "auto" and stripped[:1] in {b"{", b"["}:
        first_line = stripped.split(b"\n", 1)[0].strip()
        if stripped[:1] == b"{" and first_line.endswith(b"}") and b"\n{" in stripped:
            return "jsonl"
        return "json"
    return "text"


def declared_charset(head: bytes) -> str | None:
    """The charset a document declares in a BOM, ``<meta>`` tag or XML declaration."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    for pattern in (_XML_ENCODING, _META_CHARSET):
        match = pattern.search(head[:4096])
        if match:
            return match.group(1).decode("ascii", "ignore").lower()
    return None


def _valid_codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode ``data`` with the declared charset, else UTF-8, else a detected charset.

    Args:
        data: The raw bytes.
        declared: Charset from an HTTP header or the container, if any; a charset declared
            inside the document (BOM, ``<meta>``, XML declaration) is used when absent.

    Returns:
        The text, with a leading BOM removed.

    Raises:
        RejectedInput: ``encoding`` when no charset gives readable text.

    Example:
        >>> decode_bytes("Café".encode("latin-1"), "iso-8859-1")
        'Café'
    """
    head = data[:HEAD_BYTES]
    candidates = [
        _valid_codec(declared),
        _valid_codec(declared_charset(head)),
        utf16_without_bom(head),  # before UTF-8: UTF-16 English is valid UTF-8 too
    ]
    for codec in [c for c in candidates if c] + ["utf-8"]:
        try:
            return data.decode(codec).lstrip("\ufeff")
        except (UnicodeDecodeError, LookupError):
            continue
    ascii_share = sum(1 for b in data[:HEAD_BYTES] if b < 0x80) / max(1, len(data[:HEAD_BYTES]))
    if ascii_share >= 0.95:
        # Mostly ASCII with a few stray bytes: the web's usual fallback is windows-1252.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > 0.2:
        raise RejectedInput(
            "encoding",
            "the bytes are not valid UTF-8 and no other character encoding fits; "
            "convert the file to UTF-8 or declare its charset",
        )
    return str(best).lstrip("\ufeff")


def charset_from_content_type(content_type: str | None) -> str | None:
    """The ``charset=`` parameter of a Content-Type header value.

    Example:
        >>> charset_from_content_type("text/html; charset=ISO-8859-1")
        'iso-8859-1'
    """
    if not content_type:
        return None
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type, re.I)
    return match.group(1).lower() if match else None
