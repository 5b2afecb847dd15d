"""Readers for each container format: one document, JSON/JSONL records, WARC, feeds.

Every reader yields :class:`~tidings.records.RawDocument` or
:class:`~tidings.records.Reject`, one at a time, and never raises for bad input.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import re
import zlib
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, BinaryIO

from tidings.config import Config
from tidings.errors import RejectedInput
from tidings.ids import document_id, record_id
from tidings.ingest.inflate import inflate_bytes
from tidings.ingest.sniff import (
    HEAD_BYTES,
    binary_kind,
    charset_from_content_type,
    decode_bytes,
)
from tidings.records import RawDocument, Reject

logger = logging.getLogger(__name__)

Item = RawDocument | Reject

#: JSON field names read for each metadata slot, in order of preference.
JSON_FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "article", "maintext", "content_text", "full_text"),
    "html": ("html", "content", "raw_html", "content_html", "description"),
    "url": ("url", "link", "href", "uri", "canonical_url"),
    "title": ("title", "headline", "name"),
    "published": (
        "published",
        "date",
        "published_at",
        "publish_date",
        "pubDate",
        "date_publish",
        "datetime",
        "created_at",
    ),
    "source": ("source", "sitename", "site", "publisher", "outlet", "domain"),
    "author": ("author", "authors", "byline", "creator"),
}
_COLLECTION_KEYS = ("articles", "items", "documents", "records", "data", "results", "entries")
_TOO_DEEP = (
    "the JSON nests arrays or objects too deeply to read (thousands of levels); "
    "an article record needs only a few"
)
_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def make_reject(origin: str, reason: str, detail: str, document_id: str | None = None) -> Reject:
    """Build an ingest-stage reject with a stable id; line breaks in ``detail`` (from a file
    name or URL) are shown as ``\\n`` so the detail stays one line.

    Example:
        >>> make_reject("a.txt", "empty", "the file is empty").stage
        'ingest'
    """
    return Reject(
        id=record_id("r", origin, "ingest", reason),
        origin=origin,
        stage="ingest",
        reason=reason,
        detail=detail.replace("\r", "\\r").replace("\n", "\\n"),
        document_id=document_id,
    )


def normalise_newlines(text: str) -> str:
    """Unify line endings to ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def single_document(
    content: str,
    *,
    origin: str,
    fmt: str,
    url: str | None = None,
    fetched_at: str | None = None,
) -> Item:
    """Wrap one decoded HTML or text document; its id depends on the content only.

    The same page read from a file, a URL or a WARC record therefore gets the same id.
    """
    content = normalise_newlines(content)
    if not content.strip():
        return make_reject(
            origin, "empty", "the document holds only whitespace; remove it from the inputs"
        )
    return RawDocument(
        id=document_id(content.strip()),
        origin=origin,
        format=fmt,
        content=content,
        url=url,
        fetched_at=fetched_at,
    )


def _field(obj: Mapping[str, Any], slot: str) -> str | None:
    for key in JSON_FIELDS[slot]:
        value = obj.get(key)
        if value is None or value == "" or value == []:
            continue
        if isinstance(value, Mapping):
            value = value.get("name") or value.get("title") or value.get("url")
        elif isinstance(value, list):
            parts = [str(v.get("name", "")) if isinstance(v, Mapping) else str(v) for v in value]
            value = ", ".join(p for p in parts if p)
        if value is None:
            continue
        text = str(value).strip()
        if text:
            return text
    return None


#: Characters of a body escaped and hashed at a time by :func:`record_key_id`.
_KEY_CHUNK = 1 << 20


def record_key_id(body: str, title: str | None, url: str | None) -> str:
    """The id of a record: :func:`tidings.ids.document_id` of the compact, key-sorted JSON
    ``{"body", "title", "url"}``, hashed piece by piece so a 50 MB body costs time in
    proportion to its length and no second copy of it.

    Example:
        >>> import json
        >>> key = json.dumps({"body": "B", "title": "T", "url": None}, sort_keys=True,
        ...                  ensure_ascii=False, separators=(",", ":"))
        >>> record_key_id("B", "T", None) == document_id(key)
        True
    """
    digest = hashlib.sha256(b'{"body":"')
    for start in range(0, len(body), _KEY_CHUNK):
        # JSON escapes each character on its own, so escaping pieces equals escaping the whole
        escaped = json.dumps(body[start : start + _KEY_CHUNK], ensure_ascii=False)[1:-1]
        digest.update(escaped.encode("utf-8", "surrogatepass"))
    title_json = json.dumps(title, ensure_ascii=False)
    url_json = json.dumps(url, ensure_ascii=False)
    tail = f'","title":{title_json},"url":{url_json}}}'
    digest.update(tail.encode("utf-8", "surrogatepass"))
    return "a" + digest.hexdigest()[:16]


def record_document(obj: Mapping[str, Any], *, origin: str, fmt: str = "json") -> Item:
    """Turn one JSON-like record into a document; unknown fields are ignored.

    The id is computed from the body (``text`` or HTML field), ``url`` and ``title``,
    serialised canonically, so the same record always gets the same id.

    Example:
        >>> doc = record_document({"title": "T", "text": "Body."}, origin="x.jsonl:1")
        >>> (doc.title, doc.content, doc.format)
        ('T', 'Body.', 'json')
    """
    text = _field(obj, "text")
    body = text if text is not None else _field(obj, "html")
    if body is None or not body.strip():
        names = ", ".join(JSON_FIELDS["text"][:3] + JSON_FIELDS["html"][:2])
        return make_reject(
            origin, "no-text", f"the record has no text; give the article in one of: {names}"
        )
    body = normalise_newlines(body)
    url, title = _field(obj, "url"), _field(obj, "title")
    return RawDocument(
        id=record_key_id(body.strip(), title, url),
        origin=origin,
        format=fmt,
        content=body,
        url=url,
        title=title,
        author=_field(obj, "author"),
        published=_field(obj, "published"),
        source=_field(obj, "source"),
    )


def read_json(data: bytes, *, origin: str) -> Iterator[Item]:
    """Read a JSON document: one article object, an array of them, or an object holding an
    array under ``articles``/``items``/``documents``/... (origins ``file.json#N``, 1-based)."""
    try:
        parsed = json.loads(decode_bytes(data))
    except RejectedInput as exc:
        yield make_reject(origin, exc.reason, exc.detail)
        return
    except json.JSONDecodeError as exc:
        yield make_reject(
            origin,
            "malformed-json",
            f"not valid JSON ({exc.msg}: line {exc.lineno}, column {exc.colno}); fix the file "
            "or use JSON Lines with one article per line",
        )
        return
    except RecursionError:
        yield make_reject(origin, "malformed-json", _TOO_DEEP)
        return
    items: list[Any] | None = None
    if isinstance(parsed, list):
        items = parsed
    elif isinstance(parsed, dict):
        if _field(parsed, "text") is None and _field(parsed, "html") is None:
            for key in _COLLECTION_KEYS:
                if isinstance(parsed.get(key), list):
                    items = parsed[key]
                    break
        if items is None:
            yield record_document(parsed, origin=origin)
            return
    else:
        yield make_reject(
            origin, "malformed-json", "the JSON holds neither an object nor an array of objects"
        )
        return
    for i, item in enumerate(items, start=1):
        where = f"{origin}#{i}"
        if isinstance(item, dict):
            yield record_document(item, origin=where)
        else:
            yield make_reject(
                where, "malformed-json", f"item {i} is a {type(item).__name__}, not an object"
            )


def read_jsonl(lines: Iterable[bytes | int], *, origin: str, config: Config) -> Iterator[Item]:
    """Read JSON Lines one line at a time (origins ``file.jsonl:LINE``); a bad line becomes a
    reject and the next lines are still read.

    ``lines`` come from :func:`~tidings.ingest.inflate.bounded_lines`: a line too long to
    hold is given as its length (an ``int``) and becomes a ``too-large`` reject.
    """
    lineno = 0
    try:
        for lineno, raw in enumerate(lines, start=1):
            where = f"{origin}:{lineno}"
            size = raw if isinstance(raw, int) else len(raw)
            if isinstance(raw, int) or size > config.max_bytes:
                yield make_reject(
                    where,
                    "too-large",
                    f"line {lineno} has {size:,} bytes, over the {config.max_bytes:,}-byte "
                    "limit; raise max_bytes or split the record",
                )
                continue
            line = raw.strip()
            if not line:
                continue
            try:
                obj = json.loads(decode_bytes(line))
            except RejectedInput as exc:
                yield make_reject(where, exc.reason, exc.detail)
                continue
            except json.JSONDecodeError as exc:
                cut = "" if raw.endswith(b"\n") else " (the line looks cut off)"
                yield make_reject(
                    where,
                    "malformed-json",
                    f"line {lineno} is not valid JSON{cut}: {exc.msg} (column {exc.colno}); "
                    "fix or remove that line",
                )
                continue
            except RecursionError:
                yield make_reject(where, "malformed-json", f"line {lineno}: {_TOO_DEEP}")
                continue
            if not isinstance(obj, dict):
                yield make_reject(
                    where,
                    "malformed-json",
                    f"line {lineno} is a JSON {type(obj).__name__}, not an object; "
                    "write one article object per line",
                )
                continue
            yield record_document(obj, origin=where)
    except (EOFError, OSError, zlib.error) as exc:
        yield make_reject(
            f"{origin}:{lineno + 1}",
            "truncated",
            f"the file cannot be read past line {lineno} ({exc}); copy it again",
        )


def _entry_content(entry: Any) -> str | None:
    contents = entry.get("content") or []
    for content in contents:
        value = content.get("value")
        if value and value.strip():
            return str(value)
    for key in ("summary", "description"):
        value = entry.get(key)
        if value and str(value).strip():
            return str(value)
    return None


def _entry_author(entry: Any) -> str | None:
    """The entry's author name (RSS writes ``email (Name)``; keep the name)."""
    author = entry.get("author")
    if author and "@" in author:
        match = re.search(r"\(([^()]+)\)\s*$", author)
        if match:
            return match.group(1).strip()
    detail = entry.get("author_detail") or {}
    name = detail.get("name") or author
    return str(name) if name and "@" not in str(name) else None


def read_feed(data: bytes, *, origin: str) -> Iterator[Item]:
    """Read an RSS/Atom feed: one document per entry (origins ``feed.xml#N``, 1-based)."""
    import feedparser  # imported here: feedparser is only needed for feeds

    parsed = feedparser.parse(data)
    entries = list(parsed.get("entries") or [])
    if not entries:
        if parsed.get("bozo"):
            problem = str(parsed.get("bozo_exception", "unreadable XML"))
            yield make_reject(
                origin,
                "malformed-feed",
                f"the feed cannot be parsed ({problem}); check that it is a complete RSS/Atom file",
            )
        else:
            yield make_reject(origin, "no-text", "the feed has no entries; nothing to read")
        return
    if parsed.get("bozo"):
        logger.info("%s: feed has XML errors, read %d entries anyway", origin, len(entries))
    feed_title = (parsed.get("feed") or {}).get("title")
    for i, entry in enumerate(entries, start=1):
        where = f"{origin}#{i}"
        content = _entry_content(entry)
        record = {
            "html": content,
            "url": entry.get("link"),
            "title": entry.get("title"),
            "author": _entry_author(entry),
            "published": entry.get("published") or entry.get("updated"),
            "source": feed_title,
        }
        doc = record_document(record, origin=where, fmt="feed")
        if isinstance(doc, Reject):
            doc = make_reject(
                where, "no-text", f"feed entry {i} has no content or summary; nothing to read"
            )
        yield doc


def _split_http(block: bytes) -> tuple[int, dict[str, str], bytes] | None:
    """Split an HTTP response block into status, lower-cased headers and body."""
    for sep in (b"\r\n\r\n", b"\n\n"):
        head, found, body = block.partition(sep)
        if found:
            break
    else:
        return None
    lines = head.decode("latin-1").splitlines()
    if not lines or not lines[0].upper().startswith("HTTP/"):
        return None
    try:
        status = int(lines[0].split()[1])
    except (IndexError, ValueError):
        return None
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return status, headers, body


def _dechunk(body: bytes) -> bytes:
    out = bytearray()
    stream = io.BytesIO(body)
    while True:
        size_line = stream.readline()
        if not size_line:
            break
        try:
            size = int(size_line.split(b";")[0].strip() or b"0", 16)
        except ValueError:
            return body
        if size == 0:
            break
        out += stream.read(size)
        stream.readline()
    return bytes(out)


def decode_http_body(headers: Mapping[str, str], body: bytes, limit: int) -> bytes:
    """Undo chunked transfer and content encodings of a stored response, inflating at most
    ``limit`` bytes (see :mod:`tidings.ingest.inflate`).

    Raises:
        RejectedInput: ``too-large``, ``truncated`` or ``unsupported-encoding``.

    Example:
        >>> import gzip
        >>> decode_http_body({"content-encoding": "gzip"}, gzip.compress(b"<p>Hi</p>"), 100)
        b'<p>Hi</p>'
    """
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = _dechunk(body)
    return inflate_bytes(body, headers.get("content-encoding", ""), limit)


def read_warc(stream: str | BinaryIO, *, origin: str, config: Config) -> Iterator[Item]:
    """Read the HTML/text ``response`` records of a WARC (or WARC.gz) file, one at a time.

    HTTP headers are stripped; the target URI becomes ``url`` and the WARC date
    ``fetched_at``. Other record types, non-2xx responses and non-text payloads are skipped.
    Origins are ``file.warc.gz#N`` (N counts response records, 1-based).
    """
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    seen = 0  # records of any type
    count = 0  # response records
    documents = 0
    try:
        for record in ArchiveIterator(stream, parse_http=False):
            if not record.headers.get("WARC-Type"):
                yield make_reject(
                    origin if seen == 0 else f"{origin}#{count + 1}",
                    "malformed-warc",
                    f"record {seen + 1} has no valid WARC header; "
                    "check that the file is WARC 1.0/1.1, plain or gzip",
                )
                return
            seen += 1
            if record.record_type != WarcRecordType.response:
                continue
            count += 1
            where = f"{origin}#{count}"
            declared = int(record.headers.get("Content-Length") or record.content_length or 0)
            if declared > config.max_bytes:
                yield make_reject(
                    where,
                    "too-large",
                    f"record {count} has {declared:,} bytes, over the {config.max_bytes:,}-byte "
                    "limit; raise max_bytes to read it",
                )
                continue
            block = record.reader.read()
            if len(block) < declared:
                yield make_reject(
                    where,
                    "truncated",
                    f"record {count} is cut off ({len(block):,} of {declared:,} bytes); "
                    "the WARC file is incomplete, fetch or copy it again",
                )
                return
            split = _split_http(block)
            if split is None:
                yield make_reject(
                    where,
                    "malformed-warc",
                    f"record {count} holds no readable HTTP response; the WARC may be damaged",
                )
                continue
            status, headers, body = split
            content_type = headers.get("content-type", "").lower()
            if not 200 <= status < 300 or not content_type.startswith(_TEXT_TYPES):
                logger.debug("%s: skipped (HTTP %s, %s)", where, status, content_type or "?")
                continue
            uri = record.headers.get("WARC-Target-URI")
            fetched = record.headers.get("WARC-Date")
            try:
                payload = decode_http_body(headers, body, config.max_bytes)
                what = binary_kind(payload[:HEAD_BYTES])
                if what:
                    raise RejectedInput(
                        "binary",
                        f"record {count} is labelled {content_type or 'text'} but holds {what}; "
                        "nothing to read",
                    )
                text = decode_bytes(payload, charset_from_content_type(content_type))
            except RejectedInput as exc:
                yield make_reject(where, exc.reason, exc.detail)
                continue
            doc = single_document(
                text,
                origin=where,
                fmt="warc",
                url=uri.strip("<>") if uri else None,
                fetched_at=fetched,
            )
            documents += 1
            yield doc
    except (OSError, ValueError, RuntimeError) as exc:
        if seen == 0:
            yield make_reject(
                origin,
                "malformed-warc",
                f"not a readable WARC file ({exc}); check that it is WARC 1.0/1.1, plain or gzip",
            )
        else:
            yield make_reject(
                f"{origin}#{count + 1}",
                "truncated",
                f"the WARC file breaks off after {seen} records ({exc}); copy it again",
            )
        return
    if seen == 0:
        yield make_reject(
            origin,
            "malformed-warc",
            "no WARC record could be read; check that the file is WARC 1.0/1.1, plain or gzip",
        )
    elif count == 0:
        yield make_reject(
            origin,
            "no-text",
            "the WARC file holds no HTTP response records; nothing to read",
        )
    elif documents == 0:
        logger.info("%s: no HTML or text responses among %d records", origin, count)
