"""Fuzzing ingest and extraction: random bytes, truncated and mutated inputs of every format
and random URLs never raise; every input ends stored (a document) or rejected.

Budgets are fixed (``max_examples``) so the whole module runs in well under a minute; no
test touches the network (host names resolve through a stub to a test-only address).
"""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tidings.config import Config
from tidings.demo.build_warc import pack, request_record, response_record, warcinfo_record
from tidings.errors import RejectedInput
from tidings.extract import extract_article
from tidings.ingest import iter_documents, read_bytes, urlsafety
from tidings.records import RawDocument, Reject

PAGE = (
    "<!DOCTYPE html><html><head><title>Library reopens</title>"
    '<meta name="author" content="Desk Writer"></head><body><article><h1>Library reopens</h1>'
    "<p>The town library reopened on Monday after a year of repairs, the council said.</p>"
    "<p>Readers queued outside before the doors opened at nine.</p></article></body></html>"
)
TEXT = "Library reopens\n\nThe town library reopened on Monday after a year of repairs.\n"
RECORDS = [
    {
        "title": "Library reopens",
        "text": "The town library reopened on Monday.",
        "url": "https://a.example/1",
    },
    {
        "title": "Pool closes",
        "html": "<p>The pool closed for the winter.</p>",
        "date": "2024-05-02",
    },
]
FEED = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Town Wire</title><item>'
    "<title>Library reopens</title><link>https://wire.example/l</link><description>The town "
    "library reopened on Monday.</description></item></channel></rss>"
)
ATOM = (
    '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><entry>'
    "<title>Pool closes</title><link href='https://wire.example/p'/><summary>The pool closed."
    "</summary></entry></feed>"
)
_WARC_RECORDS = [
    warcinfo_record("f.warc.gz", "2024-05-01T00:00:00Z"),
    request_record("https://a.example/", "2024-05-01T00:00:00Z"),
    response_record("https://a.example/", "2024-05-01T00:00:01Z", PAGE.encode()),
    response_record(
        "https://b.example/",
        "2024-05-01T00:00:02Z",
        gzip.compress(PAGE.encode(), mtime=0),
        extra_http=[("Content-Encoding", "gzip")],
    ),
]
#: One sample of every supported format: (file name, bytes).
SEEDS: list[tuple[str, bytes]] = [
    ("page.html", PAGE.encode()),
    ("page.html.gz", gzip.compress(PAGE.encode(), mtime=0)),
    ("note.txt", TEXT.encode()),
    ("wide.txt", TEXT.encode("utf-16-le")),
    ("one.json", json.dumps(RECORDS[0]).encode()),
    ("many.json", json.dumps({"articles": RECORDS}).encode()),
    ("lines.jsonl", b"".join(json.dumps(r).encode() + b"\n" for r in RECORDS)),
    ("lines.jsonl.gz", gzip.compress(b"".join(json.dumps(r).encode() + b"\n" for r in RECORDS))),
    ("crawl.warc", pack(_WARC_RECORDS, compress=False)),
    ("crawl.warc.gz", pack(_WARC_RECORDS)),
    ("wire.rss", FEED.encode()),
    ("wire.atom", ATOM.encode()),
]
KINDS = ["auto", "html", "text", "json", "jsonl", "warc", "feed"]
FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def _settle(items: list[RawDocument | Reject]) -> None:
    """Check the outcome of one input, then extract every document it gave."""
    assert items, "an input must end stored or rejected"
    for item in items:
        assert isinstance(item, RawDocument | Reject)
        if isinstance(item, Reject):
            assert item.reason and item.detail and "\n" not in item.detail
            continue
        try:
            article = extract_article(item, Config())
        except RejectedInput as exc:
            assert exc.reason and exc.detail
        else:
            assert article.text.strip()


@st.composite
def damaged(draw: st.DrawFn) -> tuple[str, bytes]:
    """A seed, maybe truncated, with a few bytes changed, inserted or deleted."""
    name, data = draw(st.sampled_from(SEEDS))
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    buffer = bytearray(data)
    for _ in range(draw(st.integers(0, 6))):
        if not buffer:
            break
        where = draw(st.integers(0, len(buffer) - 1))
        action = draw(st.sampled_from(["flip", "insert", "delete"]))
        if action == "flip":
            buffer[where] = draw(st.integers(0, 255))
        elif action == "insert":
            buffer[where:where] = draw(st.binary(min_size=1, max_size=8))
        else:
            del buffer[where]
    return name, bytes(buffer)


@FUZZ
@given(sample=damaged())
def test_damaged_files_of_every_format_end_stored_or_rejected(
    tmp_path: Path, sample: tuple[str, bytes]
) -> None:
    name, data = sample
    path = tmp_path / name
    path.write_bytes(data)
    _settle(list(iter_documents([str(path)], Config(max_bytes=200_000))))


@FUZZ
@given(sample=damaged(), kind=st.sampled_from(KINDS))
def test_damaged_bytes_from_stdin_or_memory_end_stored_or_rejected(
    sample: tuple[str, bytes], kind: str
) -> None:
    _, data = sample
    _settle(list(iter_documents(["-"], Config(max_bytes=200_000), stdin=io.BytesIO(data))))
    _settle(list(read_bytes(data, origin="fuzz", kind=kind, config=Config(max_bytes=200_000))))


@FUZZ
@given(data=st.binary(max_size=3000), name=st.sampled_from([n for n, _ in SEEDS] + ["blob"]))
def test_random_bytes_under_any_name_end_stored_or_rejected(
    tmp_path: Path, data: bytes, name: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    _settle(list(iter_documents([str(path)], Config())))


_HOST_CHARS = st.sampled_from([*"abcxyz019-._~%:@[]/?#&=+ ", "é", "ß", "\u200b", "ﬀ", "\x00", "\t"])


@FUZZ
@given(
    scheme=st.sampled_from(["http://", "https://", "HTTP://", "http:/", "ftp://"]),
    host=st.one_of(st.text(_HOST_CHARS, max_size=80), st.text(max_size=40)),
    rest=st.text(max_size=30),
)
def test_random_urls_are_rejected_cleanly_and_offline(scheme: str, host: str, rest: str) -> None:
    def offline(name: str, port: int) -> list[str]:
        return ["192.0.2.10"]  # TEST-NET-1: never routed, refused by the policy

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(urlsafety, "resolve", offline)
        items = list(iter_documents([scheme + host + rest], Config(http_timeout=2.0)))
    _settle(items)
    assert all(isinstance(i, Reject) for i in items)


@pytest.mark.parametrize(
    ("kind", "data"),
    [
        ("json", b"[" * 200_000 + b"]" * 200_000),
        ("json", b'{"a":' * 200_000 + b"1" + b"}" * 200_000),
        ("jsonl", b'{"text": "Ok."}\n' + b"[" * 200_000 + b"]" * 200_000 + b'\n{"text": "Ok."}\n'),
    ],
)
def test_json_nested_past_the_recursion_limit_is_a_reject(kind: str, data: bytes) -> None:
    items = list(read_bytes(data, origin="deep", kind=kind, config=Config(max_bytes=10_000_000)))
    assert "malformed-json" in [getattr(i, "reason", "") for i in items]
    _settle(items)
