"""Fetching one URL safely: vetted and pinned addresses, own redirects, one overall deadline.

Each hop (the URL and every redirect) is handled the same way:

1. the host name is checked and put in ASCII form (:func:`~tidings.ingest.urlsafety.ascii_host`);
2. it is resolved once and every address is vetted
   (:func:`~tidings.ingest.urlsafety.vet_addresses`: no loopback, private, link-local,
   multicast, reserved or unspecified address unless ``allow_private_urls``);
3. the request goes to the vetted address itself, with the ``Host`` header and the TLS
   server name (httpx's documented ``sni_hostname`` request extension) set to the host
   name, so certificates are still checked against the name and DNS cannot answer
   differently between the check and the connect.

``http_timeout`` is one deadline for the whole fetch — resolving, connecting, headers,
body and redirects — not a per-read idle timeout: at the deadline the socket is shut down,
so a server trickling a byte at a time cannot hold a run. The body is decoded here
(gzip/deflate/brotli) through :mod:`tidings.ingest.inflate` and capped at ``max_bytes``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import socket
import threading
import time
from dataclasses import dataclass
from typing import Any

import httpx

from tidings.config import Config
from tidings.errors import RejectedInput
from tidings.ingest import urlsafety
from tidings.ingest.inflate import inflate_stream, supported_codings

logger = logging.getLogger(__name__)

#: Content types accepted from the web, mapped to the reader used for them.
ACCEPTED_TYPES: dict[str, str] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "application/json": "json",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/xml": "feed",
    "text/xml": "feed",
}
USER_AGENT = "tidings/0.1 (+https://github.com/tidings-project/tidings)"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_DEFAULT_PORTS = {"http": 80, "https": 443}
#: Addresses of one name tried in turn when a connection is refused.
_MAX_ADDRESSES = 3


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched response body.

    Attributes:
        url: Final URL after redirects.
        kind: Reader to use (``html``, ``text``, ``json``, ``jsonl``, ``feed``).
        content_type: The Content-Type header value.
        data: The body bytes (content coding removed).
        fetched_at: ISO timestamp (UTC) of the fetch.
    """

    url: str
    kind: str
    content_type: str
    data: bytes
    fetched_at: str


def _kind_of(content_type: str) -> str | None:
    mime = content_type.split(";", 1)[0].strip().lower()
    return ACCEPTED_TYPES.get(mime)


class _Deadline:
    """One deadline for a whole fetch; when it passes, every socket opened is shut down."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def reject(self) -> RejectedInput:
        return RejectedInput(
            "unreachable",
            f"no complete answer within {self.seconds:g} s (http_timeout, for the whole "
            "fetch); retry later or raise http_timeout",
        )

    def remaining(self) -> float:
        """Seconds left; raises the timeout reject when none are."""
        left = self.end - time.monotonic()
        if left <= 0 or self.expired:
            raise self.reject()
        return left

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shutdown(sock)

    def trace(self, event: str, info: dict[str, Any]) -> None:
        """httpx ``trace`` extension: remember each connected socket."""
        if event != "connection.connect_tcp.complete":
            return
        stream = info.get("return_value")
        sock = stream.get_extra_info("socket") if stream is not None else None
        if not isinstance(sock, socket.socket):
            return
        with self._lock:
            self._sockets.append(sock)
            expired = self.expired
        if expired:
            _shutdown(sock)


def _shutdown(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed
        sock.shutdown(socket.SHUT_RDWR)


def _resolve_within(host: str, port: int, deadline: _Deadline) -> list[str]:
    """Resolve in a helper thread so a slow resolver cannot outlive the deadline."""
    result: list[list[str] | RejectedInput] = []

    def work() -> None:
        try:
            result.append(urlsafety.resolve(host, port))
        except RejectedInput as exc:
            result.append(exc)
        except Exception as exc:  # any resolver failure is one reject
            result.append(
                RejectedInput("unreachable", f"the host {host!r} cannot be resolved ({exc})")
            )

    worker = threading.Thread(target=work, name="tidings-resolve", daemon=True)
    worker.start()
    worker.join(deadline.remaining())
    if not result:
        raise deadline.reject()
    if isinstance(result[0], RejectedInput):
        raise result[0]
    return result[0]


def _parse(url: str | httpx.URL) -> httpx.URL:
    try:
        parsed = url if isinstance(url, httpx.URL) else httpx.URL(url)
    except (httpx.InvalidURL, UnicodeError, ValueError) as exc:
        raise RejectedInput("bad-url", f"cannot read the URL {str(url)[:80]!r} ({exc})") from exc
    if parsed.scheme not in _DEFAULT_PORTS:
        raise RejectedInput(
            "unsupported",
            f"cannot fetch {str(url)[:80]!r}: only http:// and https:// URLs are fetched",
        )
    if not parsed.host:
        raise RejectedInput("bad-url", f"the URL {str(url)[:80]!r} has no host name")
    return parsed


def _host_header(host: str, port: int, scheme: str) -> str:
    shown = f"[{host}]" if ":" in host else host
    return shown if port == _DEFAULT_PORTS[scheme] else f"{shown}:{port}"


def _is_ip(host: str) -> bool:
    try:
        socket.inet_pton(socket.AF_INET6 if ":" in host else socket.AF_INET, host)
    except OSError:
        return False
    return True


def _accept_encoding() -> str:
    return ", ".join(c for c in supported_codings() if c != "x-gzip")


def _open(
    url: httpx.URL, config: Config, deadline: _Deadline, stack: list[httpx.Client]
) -> httpx.Response:
    """Send one GET for ``url`` to a vetted, pinned address; return the streamed response."""
    host = urlsafety.ascii_host(url.host)
    port = url.port or _DEFAULT_PORTS[url.scheme]
    addresses = urlsafety.vet_addresses(
        host, _resolve_within(host, port, deadline), allow_private=config.allow_private_urls
    )
    extensions: dict[str, Any] = {"trace": deadline.trace}
    if url.scheme == "https" and not _is_ip(host):
        extensions["sni_hostname"] = host
    headers = {
        "Host": _host_header(host, port, url.scheme),
        "User-Agent": USER_AGENT,
        "Accept-Encoding": _accept_encoding(),
    }
    last: httpx.ConnectError | None = None
    for address in addresses[:_MAX_ADDRESSES]:
        client = httpx.Client(timeout=httpx.Timeout(deadline.remaining()), follow_redirects=False)
        stack.append(client)
        request = client.build_request(
            "GET", url.copy_with(host=address), headers=headers, extensions=extensions
        )
        try:
            return client.send(request, stream=True)
        except httpx.ConnectError as exc:
            last = exc
            logger.debug("cannot connect to %s for %s: %s", address, host, exc)
    assert last is not None
    raise last


def _read_body(response: httpx.Response, config: Config, deadline: _Deadline) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > config.max_bytes:
        raise RejectedInput(
            "too-large",
            f"the page has {int(declared):,} bytes, over the {config.max_bytes:,}-byte "
            "limit; raise max_bytes to read it",
        )
    body = bytearray()
    coding = response.headers.get("content-encoding", "")
    for chunk in inflate_stream(response.iter_raw(), coding, config.max_bytes):
        body += chunk
        deadline.remaining()
    return bytes(body)


def _fetch(url: str, config: Config, deadline: _Deadline, stack: list[httpx.Client]) -> Fetched:
    current = _parse(url)
    for _hop in range(config.http_max_redirects + 1):
        response = _open(current, config, deadline, stack)
        if response.status_code in _REDIRECTS and response.headers.get("location"):
            location = response.headers["location"]
            response.close()
            try:
                current = _parse(current.join(location))
            except (httpx.InvalidURL, UnicodeError, ValueError) as exc:
                raise RejectedInput(
                    "bad-url", f"the redirect to {location[:80]!r} is not a valid URL"
                ) from exc
            continue
        if response.status_code >= 400:
            raise RejectedInput(
                "http-status",
                f"the server answered HTTP {response.status_code} "
                f"{response.reason_phrase}; check the URL",
            )
        content_type = response.headers.get("content-type", "")
        kind = _kind_of(content_type)
        if kind is None:
            raise RejectedInput(
                "content-type",
                f"the URL serves {content_type or 'no content type'}, not HTML, text, JSON "
                "or a feed; point to an article page",
            )
        data = _read_body(response, config, deadline)
        return Fetched(
            url=str(current),
            kind=kind,
            content_type=content_type,
            data=data,
            fetched_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        )
    raise RejectedInput(
        "too-many-redirects",
        f"more than {config.http_max_redirects} redirects (a redirect loop?); "
        "open the URL in a browser to find the final address",
    )


def fetch_url(url: str, config: Config) -> Fetched:
    """Download ``url`` under the URL policy, the overall deadline and the size cap.

    Args:
        url: An ``http://`` or ``https://`` address.
        config: Supplies ``http_timeout`` (one deadline for the whole fetch),
            ``http_max_redirects``, ``max_bytes`` and ``allow_private_urls``.

    Raises:
        RejectedInput: ``private-address``, ``bad-url``, ``unreachable``, ``http-status``,
            ``too-many-redirects``, ``content-type``, ``too-large``, ``truncated``,
            ``unsupported-encoding`` or ``unsupported``, with a one-line detail.

    Example:
        >>> try:
        ...     fetch_url("http://127.1/admin", Config())
        ... except RejectedInput as exc:
        ...     print(exc.detail[:52])
        127.1 resolves to 127.0.0.1, a loopback address; tid
    """
    stack: list[httpx.Client] = []
    with _Deadline(config.http_timeout) as deadline:
        try:
            return _fetch(url, config, deadline, stack)
        except RejectedInput:
            raise
        except httpx.TimeoutException as exc:
            raise deadline.reject() from exc
        except httpx.HTTPError as exc:
            if deadline.expired:
                raise deadline.reject() from exc
            raise RejectedInput(
                "unreachable",
                f"cannot connect ({exc.__class__.__name__}: {exc}); check the address and network",
            ) from exc
        except UnicodeError as exc:
            raise RejectedInput(
                "bad-url", f"the URL {url[:80]!r} cannot be encoded ({exc})"
            ) from exc
        finally:
            for client in stack:
                client.close()
