"""The URL policy: internal addresses refused in every spelling and on every redirect hop,
addresses pinned between check and connect, one deadline per fetch, odd hosts rejected."""

from __future__ import annotations

import gzip
import ipaddress
import shutil
import ssl
import subprocess
import threading
import time
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import brotli
import pytest
from click.testing import CliRunner

from tidings.cli import main
from tidings.config import Config, load_config
from tidings.errors import RejectedInput
from tidings.ingest import iter_documents, urlsafety
from tidings.ingest.fetch import fetch_url
from tidings.records import RawDocument, Reject

PAGE = (
    b"<html><head><title>Orchard fair</title></head><body><p>The apple growers held their "
    b"autumn fair in the valley town on Saturday, the organisers said.</p></body></html>"
)


def _zeros_gzipped(size: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1 << 20)
    return b"".join([packer.compress(block) for _ in range(size >> 20)] + [packer.flush()])


class _Handler(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, dict[str, str], bytes]]] = {}

    def do_GET(self) -> None:
        if self.path.startswith("/trickle"):
            self._trickle(in_headers=self.path == "/trickle-head")
            return
        if self.path == "/host":
            body = (self.headers.get("Host") or "").encode()
            status, headers = 200, {"Content-Type": "text/plain"}
        else:
            status, headers, body = self.routes.get(self.path, (404, {}, b""))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value.replace("PORT", str(self.server.server_address[1])))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _trickle(self, *, in_headers: bool) -> None:
        """Send a byte every 0.3 s for up to 10 s (a slow-loris server)."""
        try:
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            if not in_headers:
                self.wfile.write(b"Content-Type: text/html\r\nContent-Length: 1000\r\n\r\n")
            self.wfile.flush()
            for _ in range(33):
                time.sleep(0.3)
                self.wfile.write(b"X-Slow: 1\r\n" if in_headers else b"a")
                self.wfile.flush()
        except OSError:
            return

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output quiet."""


_Handler.routes = {
    "/article": (200, {"Content-Type": "text/html; charset=utf-8"}, PAGE),
    "/moved": (302, {"Location": "/article"}, b""),
    "/to-metadata": (302, {"Location": "http://169.254.169.254/latest/meta-data/"}, b""),
    "/to-decimal": (302, {"Location": "http://2130706434:PORT/article"}, b""),
    "/to-mapped": (302, {"Location": "http://[::ffff:127.0.0.2]:PORT/article"}, b""),
    "/to-private-name": (302, {"Location": "http://intranet.test:PORT/article"}, b""),
    "/gzip-bomb": (
        200,
        {"Content-Type": "text/html", "Content-Encoding": "gzip"},
        _zeros_gzipped(50 << 20),
    ),
    "/brotli": (
        200,
        {"Content-Type": "text/html", "Content-Encoding": "br"},
        brotli.compress(PAGE),
    ),
    "/gzip": (200, {"Content-Type": "text/html", "Content-Encoding": "gzip"}, gzip.compress(PAGE)),
}


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def test_server_is_public(monkeypatch: pytest.MonkeyPatch) -> None:
    """Treat exactly 127.0.0.1 (the test server) as public; every other address keeps the
    real policy, so redirects from the server to internal addresses can be tested offline."""
    real = urlsafety.address_problem

    def policy(address: urlsafety.IPAddress) -> str | None:
        return None if str(address) == "127.0.0.1" else real(address)

    monkeypatch.setattr(urlsafety, "address_problem", policy)


def _refusal(url: str, config: Config | None = None) -> RejectedInput:
    with pytest.raises(RejectedInput) as caught:
        fetch_url(url, config or Config(http_timeout=5.0))
    return caught.value


# --- every spelling of an internal address ----------------------------------------------


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1",
        "127.1",  # short form
        "2130706433",  # decimal
        "0x7f000001",  # hexadecimal
        "0.0.0.0",
        "0",
        "localhost",
        "[::1]",
        "[::]",
        "[::ffff:127.0.0.1]",  # IPv4-mapped IPv6
        "[::ffff:a9fe:a9fe]",  # mapped 169.254.169.254
        "[64:ff9b::a00:1]",  # NAT64 of 10.0.0.1
        "[fe80::1]",
        "[fc00::1]",
        "[ff02::1]",
        "169.254.169.254",
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.1",
        "100.64.0.1",  # carrier-grade NAT
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
    ],
)
def test_internal_address_in_any_form_is_refused_with_the_opt_in_named(host: str) -> None:
    refusal = _refusal(f"http://{host}:9/latest/meta-data/")
    assert refusal.reason == "private-address", refusal.detail
    assert "--allow-private-urls" in refusal.detail and "\n" not in refusal.detail


def test_octal_address_is_refused_as_a_bad_url() -> None:
    assert _refusal("http://0177.0.0.1:9/").reason == "bad-url"


@pytest.mark.parametrize("address", ["93.184.215.14", "1.1.1.1", "2606:4700:4700::1111"])
def test_public_addresses_pass_the_policy(address: str) -> None:
    assert urlsafety.address_problem(ipaddress.ip_address(address)) is None


def test_a_name_with_one_internal_address_among_public_ones_is_refused() -> None:
    with pytest.raises(RejectedInput) as caught:
        urlsafety.vet_addresses("mixed.test", ["1.1.1.1", "10.0.0.7"], allow_private=False)
    assert caught.value.reason == "private-address"
    assert "10.0.0.7" in caught.value.detail


@pytest.mark.parametrize(
    "url",
    [
        "http://" + "a" * 70 + ".example/news",  # a label over 63 characters
        "http://" + ".".join(["abcdefghij"] * 26) + "/",  # a name over 253 characters
        "http://exa_mple.example/",
        "http://-leading.example/",
        "http://xn--zz-.example/",  # bad punycode
        "http://[::1/",
        "http://:80/",
    ],
)
def test_odd_hosts_are_a_reject_never_a_traceback(url: str) -> None:
    [item] = list(iter_documents([url], Config(http_timeout=2.0)))
    assert isinstance(item, Reject)
    assert item.reason in {"bad-url", "unsupported"}, item.detail
    assert item.detail and "\n" not in item.detail


# --- the test server on loopback --------------------------------------------------------


def test_local_server_is_refused_by_default_and_fetched_with_the_opt_in(server: str) -> None:
    [refused] = list(iter_documents([f"{server}/article"], Config(http_timeout=5.0)))
    assert isinstance(refused, Reject) and refused.reason == "private-address"
    assert "--allow-private-urls" in refused.detail
    opted_in = Config(http_timeout=5.0, allow_private_urls=True)
    [doc] = list(iter_documents([f"{server}/article"], opted_in))
    assert isinstance(doc, RawDocument) and "apple growers" in doc.content


def test_opt_in_comes_from_the_environment_and_the_command_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert load_config(None).allow_private_urls is False
    monkeypatch.setenv("TIDINGS_ALLOW_PRIVATE_URLS", "1")
    assert load_config(None).allow_private_urls is True
    monkeypatch.delenv("TIDINGS_ALLOW_PRIVATE_URLS")
    assert load_config(None, allow_private_urls=True).allow_private_urls is True
    help_text = CliRunner().invoke(main, ["run", "--help"]).output
    assert "--allow-private-urls" in help_text


@pytest.mark.usefixtures("test_server_is_public")
@pytest.mark.parametrize("path", ["/to-metadata", "/to-decimal", "/to-mapped"])
def test_redirect_from_an_allowed_server_to_an_internal_address_is_refused(
    server: str, path: str
) -> None:
    assert isinstance(fetch_url(f"{server}/moved", Config(http_timeout=5.0)).data, bytes)
    refusal = _refusal(f"{server}{path}")
    assert refusal.reason == "private-address", refusal.detail


@pytest.mark.usefixtures("test_server_is_public")
def test_address_is_resolved_once_per_hop_and_pinned(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = int(server.rsplit(":", 1)[1])
    answers = {"news.test": [["127.0.0.1"], ["10.9.9.9"]], "intranet.test": [["10.1.1.1"]]}
    asked: list[str] = []
    real_resolve = urlsafety.resolve

    def rebinding_resolver(host: str, port: int) -> list[str]:
        if host not in answers:
            return real_resolve(host, port)
        asked.append(host)
        return answers[host].pop(0) if len(answers[host]) > 1 else answers[host][0]

    monkeypatch.setattr(urlsafety, "resolve", rebinding_resolver)
    # news.test is unknown to the system resolver: the fetch works only because the
    # connection goes to the address vetted here; Host names the host, not the address.
    fetched = fetch_url(f"http://news.test:{port}/host", Config(http_timeout=5.0))
    assert fetched.data == f"news.test:{port}".encode()
    assert fetched.url == f"http://news.test:{port}/host"
    assert asked == ["news.test"]
    # the next lookup answers with an internal address: the redirect hop is checked again
    refusal = _refusal(f"http://news.test:{port}/moved")
    assert refusal.reason == "private-address" and "10.9.9.9" in refusal.detail
    refusal = _refusal(f"{server}/to-private-name")
    assert "intranet.test resolves to 10.1.1.1" in refusal.detail


# --- deadline and bodies ----------------------------------------------------------------


@pytest.mark.parametrize("path", ["/trickle", "/trickle-head"])
def test_a_trickling_server_is_given_up_at_the_overall_deadline(server: str, path: str) -> None:
    config = Config(http_timeout=1.5, allow_private_urls=True)
    started = time.monotonic()
    refusal = _refusal(f"{server}{path}", config)
    elapsed = time.monotonic() - started
    assert refusal.reason == "unreachable" and "1.5 s" in refusal.detail
    # each byte comes well within any idle timeout; only an overall deadline stops it
    assert elapsed < config.http_timeout + 1.5


def test_compressed_bodies_are_decoded_and_a_bomb_is_capped(server: str) -> None:
    config = Config(http_timeout=10.0, allow_private_urls=True, max_bytes=1_000_000)
    assert fetch_url(f"{server}/brotli", config).data == PAGE
    assert fetch_url(f"{server}/gzip", config).data == PAGE
    items = list(iter_documents([f"{server}/gzip-bomb", f"{server}/article"], config))
    assert [(type(i).__name__, getattr(i, "reason", "")) for i in items] == [
        ("Reject", "too-large"),
        ("RawDocument", ""),
    ]


# --- HTTPS: the pinned address is verified against the host name ------------------------


def _make_certificates(folder: Path) -> tuple[Path, Path, Path]:
    """A throwaway CA and a certificate for ``news.test`` signed by it (openssl CLI)."""

    def run(*args: str) -> None:
        subprocess.run(["openssl", *args], cwd=folder, check=True, capture_output=True)

    run(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=tidings test CA",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
    )
    run(
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "leaf.key",
        "-out",
        "leaf.csr",
        "-subj",
        "/CN=news.test",
    )
    (folder / "leaf.ext").write_text(
        "subjectAltName=DNS:news.test\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"
    )
    run(
        "x509",
        "-req",
        "-in",
        "leaf.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "leaf.pem",
        "-days",
        "2",
        "-extfile",
        "leaf.ext",
    )
    return folder / "ca.pem", folder / "leaf.pem", folder / "leaf.key"


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command to make test certificates")
    ca, cert, key = _make_certificates(tmp_path_factory.mktemp("tls"))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1], ca
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.usefixtures("test_server_is_public")
def test_https_to_a_pinned_address_checks_the_certificate_against_the_name(
    tls_server: tuple[int, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    port, ca = tls_server
    monkeypatch.setenv("SSL_CERT_FILE", str(ca))  # httpx trusts the test CA through this
    monkeypatch.setattr(urlsafety, "resolve", lambda host, port: ["127.0.0.1"])
    fetched = fetch_url(f"https://news.test:{port}/host", Config(http_timeout=5.0))
    assert fetched.data == f"news.test:{port}".encode()  # SNI and Host carry the name
    refusal = _refusal(f"https://other.test:{port}/host")  # certificate is for news.test only
    assert refusal.reason == "unreachable" and "CERTIFICATE_VERIFY_FAILED" in refusal.detail
