"""Build the demo WARC archive from the pages in ``warc_pages/``, reproducibly.

Run ``python -m tidings.demo.build_warc`` after editing a page; the output
(``corpus/archive/crawl-2024-06.warc.gz``) is committed. Each record is its own gzip member
(as crawlers write them), with fixed record ids, dates and gzip timestamps, so the same
pages always give the same bytes. Besides the article responses the archive holds a
``warcinfo`` record, ``request`` records and a redirect, which readers must skip.

The record helpers are also used by the tests to build small archives.
"""

from __future__ import annotations

import gzip
import logging
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "corpus" / "archive" / "crawl-2024-06.warc.gz"

#: (page file in ``warc_pages/``, target URI, WARC date) of each archived article.
PAGES: tuple[tuple[str, str, str], ...] = (
    (
        "sanctions-monitoring.html",
        "https://www.harbourpost.example/world/2024/06/05/sanctions-monitoring-gap",
        "2024-06-05T14:12:09Z",
    ),
    (
        "beijing-reaction.html",
        "https://www.harbourpost.example/world/2024/06/20/beijing-reaction-treaty",
        "2024-06-20T08:31:44Z",
    ),
    (
        "tokyo-concern.html",
        "https://news.eastwind.example/asia/tokyo-voices-concern-over-pact",
        "2024-06-21T03:05:10Z",
    ),
)


def _record_id(*parts: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, '|'.join(parts))}>"


def warc_record(warc_type: str, headers: Sequence[tuple[str, str]], block: bytes) -> bytes:
    """One uncompressed WARC/1.1 record with the given type, extra headers and block."""
    lines = [b"WARC/1.1", f"WARC-Type: {warc_type}".encode()]
    lines += [f"{name}: {value}".encode() for name, value in headers]
    lines.append(f"Content-Length: {len(block)}".encode())
    return b"\r\n".join(lines) + b"\r\n\r\n" + block + b"\r\n\r\n"


def response_record(
    uri: str,
    date: str,
    body: bytes,
    *,
    content_type: str = "text/html; charset=utf-8",
    status: str = "200 OK",
    extra_http: Sequence[tuple[str, str]] = (),
) -> bytes:
    """A ``response`` record holding an HTTP response with ``body``.

    Example:
        >>> response_record("https://a.example/", "2024-06-01T00:00:00Z", b"<p>x</p>")[:8]
        b'WARC/1.1'
    """
    http_lines = [f"HTTP/1.1 {status}", f"Content-Type: {content_type}"]
    http_lines += [f"{name}: {value}" for name, value in extra_http]
    http_lines.append(f"Content-Length: {len(body)}")
    http = ("\r\n".join(http_lines) + "\r\n\r\n").encode("latin-1") + body
    headers = [
        ("WARC-Record-ID", _record_id("response", uri, date)),
        ("WARC-Date", date),
        ("WARC-Target-URI", uri),
        ("Content-Type", "application/http; msgtype=response"),
    ]
    return warc_record("response", headers, http)


def request_record(uri: str, date: str) -> bytes:
    """A ``request`` record for a GET of ``uri`` (readers skip these)."""
    host = uri.split("/")[2]
    path = "/" + uri.split("/", 3)[3] if uri.count("/") >= 3 else "/"
    http = f"GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: demo-crawler\r\n\r\n".encode()
    headers = [
        ("WARC-Record-ID", _record_id("request", uri, date)),
        ("WARC-Date", date),
        ("WARC-Target-URI", uri),
        ("Content-Type", "application/http; msgtype=request"),
    ]
    return warc_record("request", headers, http)


def warcinfo_record(filename: str, date: str) -> bytes:
    """The ``warcinfo`` record that opens an archive."""
    block = b"software: tidings demo builder\r\nformat: WARC File Format 1.1\r\n"
    headers = [
        ("WARC-Record-ID", _record_id("warcinfo", filename)),
        ("WARC-Date", date),
        ("WARC-Filename", filename),
        ("Content-Type", "application/warc-fields"),
    ]
    return warc_record("warcinfo", headers, block)


def pack(records: Iterable[bytes], *, compress: bool = True) -> bytes:
    """Join records into an archive; with ``compress`` each is its own gzip member."""
    if not compress:
        return b"".join(records)
    return b"".join(gzip.compress(record, mtime=0) for record in records)


def build(pages_dir: Path = HERE / "warc_pages") -> bytes:
    """The bytes of the demo archive."""
    first_date = PAGES[0][2]
    records = [warcinfo_record(OUTPUT.name, first_date)]
    for name, uri, date in PAGES:
        body = (pages_dir / name).read_bytes()
        records.append(request_record(uri, date))
        records.append(response_record(uri, date, body))
    short = "https://www.harbourpost.example/s/treaty"
    records.append(
        response_record(
            short,
            PAGES[1][2],
            b"",
            status="301 Moved Permanently",
            extra_http=[("Location", PAGES[1][1])],
        )
    )
    return pack(records)


def main() -> None:
    """Write the demo archive to :data:`OUTPUT`."""
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    data = build()
    OUTPUT.write_bytes(data)
    logger.info("wrote %s (%d bytes)", OUTPUT, len(data))


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    main()
