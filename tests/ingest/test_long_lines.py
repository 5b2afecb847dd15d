"""Long JSON Lines records on standard input: read in linear time, never held past the cap."""

from __future__ import annotations

import io
import json
import time
import tracemalloc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tidings.config import Config
from tidings.ingest import iter_documents
from tidings.records import RawDocument, Reject

SHORT = json.dumps({"title": "Tide tables", "text": "New tide tables were printed."}).encode()


def _stdin_with_a_long_line(size: int) -> bytes:
    long_line = json.dumps({"title": "Long", "text": "w" * size}).encode()
    return SHORT + b"\n" + long_line + b"\n" + SHORT + b"\n"


def _read(data: bytes, max_bytes: int) -> list[RawDocument | Reject]:
    return list(iter_documents(["-"], Config(max_bytes=max_bytes), stdin=io.BytesIO(data)))


def _best_time(data: bytes, max_bytes: int) -> float:
    best = float("inf")
    for _ in range(5):
        started = time.perf_counter()
        _read(data, max_bytes)
        best = min(best, time.perf_counter() - started)
    return best


def test_long_line_on_stdin_is_read_and_the_lines_around_it_kept() -> None:
    items = _read(_stdin_with_a_long_line(3_000_000), 10_000_000)
    assert [type(i).__name__ for i in items] == ["RawDocument"] * 3
    assert isinstance(items[1], RawDocument) and len(items[1].content) == 3_000_000


def test_over_long_line_is_rejected_without_holding_it() -> None:
    data = _stdin_with_a_long_line(4_000_000)
    tracemalloc.start()
    try:
        items = _read(data, 500_000)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [(type(i).__name__, getattr(i, "reason", "")) for i in items] == [
        ("RawDocument", ""),
        ("Reject", "too-large"),
        ("RawDocument", ""),
    ]
    assert peak < 3_000_000  # the 4 MB line was never held whole (nor copied)


def test_reading_time_grows_linearly_with_the_line_length() -> None:
    # Joining chunks onto one buffer made time grow with the square of the length: four
    # times the bytes took about sixteen times as long. Linear reading takes about four.
    small, large = _stdin_with_a_long_line(2_000_000), _stdin_with_a_long_line(8_000_000)
    ratio = _best_time(large, 1_000_000) / _best_time(small, 1_000_000)
    assert ratio < 10, ratio


def test_long_first_line_on_stdin_is_streamed_as_json_lines() -> None:
    long_first = json.dumps({"title": "Long", "text": "w" * 50_000}).encode()
    data = long_first + b"\n" + SHORT + b"\n"
    items = _read(data, 1_000_000)
    assert [getattr(i, "title", None) for i in items] == ["Long", "Tide tables"]
    [reject, kept] = _read(data, 20_000)
    assert isinstance(reject, Reject) and reject.reason == "too-large"
    assert isinstance(kept, RawDocument) and kept.title == "Tide tables"


@settings(max_examples=300, deadline=None)
@given(
    body=st.text(min_size=0, max_size=80),
    title=st.one_of(st.none(), st.text(max_size=10)),
    url=st.one_of(st.none(), st.text(max_size=10)),
)
def test_record_ids_hashed_in_pieces_equal_the_whole_key(
    body: str, title: str | None, url: str | None
) -> None:
    import json

    from tidings.ids import document_id
    from tidings.ingest import formats

    key = json.dumps(
        {"body": body, "title": title, "url": url},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(formats, "_KEY_CHUNK", 7)  # many pieces even for short bodies
        assert formats.record_key_id(body, title, url) == document_id(key)
