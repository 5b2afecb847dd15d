"""Fetching URLs from a local HTTP server (never the network)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tidings.config import Config
from tidings.ingest import iter_documents
from tidings.records import RawDocument, Reject

PAGE = (
    "<html><head><title>Lighthouse restored</title></head><body><p>Volunteers finished "
    "restoring the old lighthouse on Saturday, the harbour office said.</p></body></html>"
)

#: path -> (status, headers, body)
ROUTES: dict[str, tuple[int, dict[str, str], bytes]] = {
    "/article": (200, {"Content-Type": "text/html; charset=utf-8"}, PAGE.encode()),
    "/latin": (
        200,
        {"Content-Type": "text/html; charset=iso-8859-1"},
        PAGE.replace("restored", "restauré").encode("latin-1"),
    ),
    "/missing": (404, {"Content-Type": "text/html"}, b"<p>not here</p>"),
    "/broken": (500, {"Content-Type": "text/html"}, b"<p>oops</p>"),
    "/image": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n0000"),
    "/loop-a": (302, {"Location": "/loop-b"}, b""),
    "/loop-b": (302, {"Location": "/loop-a"}, b""),
    "/moved": (301, {"Location": "/article"}, b""),
    "/big": (200, {"Content-Type": "text/plain"}, b"word " * 5000),
    "/feed": (
        200,
        {"Content-Type": "application/rss+xml"},
        b"<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title><item>"
        b"<title>Quay works</title><link>https://wire.example/q</link><description>Work on "
        b"the quay began on Monday.</description></item></channel></rss>",
    ),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        status, headers, body = ROUTES.get(self.path, (404, {}, b""))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if "/big" not in self.path:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output quiet."""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


#: The test server listens on loopback: these tests opt in to private addresses.
LOCAL = Config(http_timeout=5.0, allow_private_urls=True)


def _read(url: str, config: Config | None = None) -> list[RawDocument | Reject]:
    return list(iter_documents([url], config or LOCAL))


def test_html_page_is_fetched_with_url_and_fetch_time(server: str) -> None:
    [doc] = _read(f"{server}/moved")
    assert isinstance(doc, RawDocument)
    assert doc.url == f"{server}/article"  # final URL after the redirect
    assert doc.origin == f"{server}/moved"
    assert doc.format == "html" and doc.fetched_at
    assert "lighthouse" in doc.content


def test_page_from_url_and_from_file_share_an_id(server: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "saved.html").write_text(PAGE, encoding="utf-8")
    [from_url] = _read(f"{server}/article")
    [from_file] = _read(str(tmp_path / "saved.html"))
    assert isinstance(from_url, RawDocument) and isinstance(from_file, RawDocument)
    assert from_url.id == from_file.id


def test_charset_from_the_content_type_header_is_used(server: str) -> None:
    [doc] = _read(f"{server}/latin")
    assert isinstance(doc, RawDocument)
    assert "restauré" in doc.content


def test_feed_url_yields_its_entries(server: str) -> None:
    [doc] = _read(f"{server}/feed")
    assert isinstance(doc, RawDocument)
    assert (doc.title, doc.source, doc.format) == ("Quay works", "Wire", "feed")


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing", "http-status"),
        ("/broken", "http-status"),
        ("/image", "content-type"),
        ("/loop-a", "too-many-redirects"),
    ],
)
def test_bad_url_becomes_a_reject_and_the_batch_goes_on(
    server: str, path: str, reason: str
) -> None:
    items = list(iter_documents([f"{server}{path}", f"{server}/article"], LOCAL))
    assert isinstance(items[0], Reject)
    assert (items[0].reason, items[0].stage) == (reason, "ingest")
    assert items[0].detail and "\n" not in items[0].detail
    assert isinstance(items[1], RawDocument)


def test_http_404_detail_names_the_status(server: str) -> None:
    [reject] = _read(f"{server}/missing")
    assert isinstance(reject, Reject)
    assert "404" in reject.detail


def test_body_over_the_size_cap_is_rejected(server: str) -> None:
    [reject] = _read(f"{server}/big", LOCAL.replace(max_bytes=10_000))
    assert isinstance(reject, Reject)
    assert reject.reason == "too-large"


def test_unreachable_host_is_rejected() -> None:
    with socket.socket() as sock:  # find a free port, then close it: nothing listens there
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    [reject] = _read(f"http://127.0.0.1:{port}/article", LOCAL.replace(http_timeout=2.0))
    assert isinstance(reject, Reject)
    assert reject.reason == "unreachable"
