"""Fetching one URL with a timeout, a redirect limit, a size cap and a content-type check."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

import httpx

from tidings.config import Config
from tidings.errors import RejectedInput

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


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched response body.

    Attributes:
        url: Final URL after redirects.
        kind: Reader to use (``html``, ``text``, ``json``, ``jsonl``, ``feed``).
        content_type: The Content-Type header value.
        data: The body bytes.
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


def fetch_url(url: str, config: Config, *, client: httpx.Client | None = None) -> Fetched:
    """Download ``url``, stopping as soon as the body exceeds ``config.max_bytes``.

    Args:
        url: An ``http://`` or ``https://`` address.
        config: Supplies ``http_timeout``, ``http_max_redirects`` and ``max_bytes``.
        client: An existing client to reuse; a short-lived one is made when ``None``.

    Raises:
        RejectedInput: ``unreachable``, ``http-status``, ``too-many-redirects``,
            ``content-type``, ``too-large`` or ``unsupported``, with a one-line detail.
    """
    own = client is None
    http = client or httpx.Client(
        timeout=config.http_timeout,
        follow_redirects=True,
        max_redirects=config.http_max_redirects,
        headers={"User-Agent": USER_AGENT},
    )
    try:
        with http.stream("GET", url) as response:
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
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > config.max_bytes:
                raise RejectedInput(
                    "too-large",
                    f"the page has {int(declared):,} bytes, over the {config.max_bytes:,}-byte "
                    "limit; raise max_bytes to read it",
                )
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > config.max_bytes:
                    raise RejectedInput(
                        "too-large",
                        f"the page is over the {config.max_bytes:,}-byte limit; "
                        "raise max_bytes to read it",
                    )
            return Fetched(
                url=str(response.url),
                kind=kind,
                content_type=content_type,
                data=bytes(body),
                fetched_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            )
    except httpx.TooManyRedirects as exc:
        raise RejectedInput(
            "too-many-redirects",
            f"more than {config.http_max_redirects} redirects (a redirect loop?); "
            "open the URL in a browser to find the final address",
        ) from exc
    except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
        raise RejectedInput("unsupported", f"cannot fetch {url!r}: {exc}") from exc
    except httpx.TimeoutException as exc:
        raise RejectedInput(
            "unreachable",
            f"no answer within {config.http_timeout:g} s; retry later or raise http_timeout",
        ) from exc
    except httpx.HTTPError as exc:
        raise RejectedInput(
            "unreachable",
            f"cannot connect ({exc.__class__.__name__}: {exc}); check the address and network",
        ) from exc
    finally:
        if own:
            http.close()
