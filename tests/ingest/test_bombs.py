"""Decompression bombs: every compressed layer is inflated under the size cap, and a capped
record is a reject while the good record beside it is stored."""

from __future__ import annotations

import gzip
import io
import json
import zlib
from pathlib import Path

import brotli
import pytest

from tidings.config import Config
from tidings.demo.build_warc import pack, response_record
from tidings.errors import RejectedInput
from tidings.ingest import iter_documents
from tidings.ingest.inflate import BoundedInflater, bounded_lines, inflate_bytes, inflate_stream
from tidings.records import RawDocument, Reject

PAGE = (
    b"<!DOCTYPE html><html><head><title>Dam inspected</title></head><body><p>Engineers "
    b"inspected the old river dam on Tuesday and found no cracks, the council said.</p>"
    b"</body></html>"
)
LIMIT = 1_000_000
BOMB_SIZE = 50_000_000  # 50 MB of zeros: about 50 KB gzipped


def _gzip_zeros(size: int) -> bytes:
    """Gzip ``size`` zero bytes without holding them in memory."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1 << 20)
    parts = [packer.compress(block) for _ in range(size // len(block))]
    parts.append(packer.flush())
    return b"".join(parts)


@pytest.fixture(scope="module")
def gzip_bomb() -> bytes:
    return _gzip_zeros(BOMB_SIZE)


def _split(items: list[RawDocument | Reject]) -> tuple[list[RawDocument], list[Reject]]:
    docs = [i for i in items if isinstance(i, RawDocument)]
    return docs, [i for i in items if isinstance(i, Reject)]


# --- the bounded inflater ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("coding", "packed"),
    [
        ("gzip", gzip.compress(PAGE)),
        ("x-gzip", gzip.compress(PAGE[:40]) + gzip.compress(PAGE[40:])),  # two members
        ("deflate", zlib.compress(PAGE)),  # zlib-wrapped, as the RFC says
        ("deflate", zlib.compress(PAGE)[2:-4]),  # raw deflate, as some servers send
        ("br", brotli.compress(PAGE)),
        ("identity", PAGE),
    ],
)
def test_each_supported_coding_round_trips(coding: str, packed: bytes) -> None:
    assert inflate_bytes(packed, coding, LIMIT) == PAGE


def test_output_is_capped_at_the_limit_for_every_coding(gzip_bomb: bytes) -> None:
    bombs = {
        "gzip": gzip_bomb,
        "deflate": zlib.compress(bytes(5_000_000), 9),
        "br": brotli.compress(bytes(50_000_000), quality=5),
    }
    for coding, bomb in bombs.items():
        inflater = BoundedInflater(coding, LIMIT)
        with pytest.raises(RejectedInput) as caught:
            for start in range(0, len(bomb), 65536):
                inflater.feed(bomb[start : start + 65536])
        assert caught.value.reason == "too-large", coding
        # stopped at the cap (brotli's output buffer may overshoot it by one block)
        assert inflater.total <= LIMIT + 65536, coding


def test_layered_codings_are_each_capped() -> None:
    inner = gzip.compress(bytes(3_000_000))
    twice = brotli.compress(inner)
    with pytest.raises(RejectedInput) as caught:
        b"".join(inflate_stream([twice], "gzip, br", LIMIT))
    assert caught.value.reason == "too-large"


@pytest.mark.parametrize(
    ("coding", "reason"), [("zstd", "unsupported-encoding"), ("compress", "unsupported-encoding")]
)
def test_unknown_codings_are_refused_with_a_reason(coding: str, reason: str) -> None:
    with pytest.raises(RejectedInput) as caught:
        inflate_bytes(b"\x28\xb5\x2f\xfd....", coding, LIMIT)
    assert caught.value.reason == reason
    assert "gzip" in caught.value.detail  # names what is supported


def test_cut_off_gzip_is_truncated_not_silently_short() -> None:
    with pytest.raises(RejectedInput) as caught:
        inflate_bytes(gzip.compress(PAGE)[:-12], "gzip", LIMIT)
    assert caught.value.reason == "truncated"


def test_bounded_lines_never_holds_a_long_line() -> None:
    class Counting(io.BytesIO):
        biggest = 0

        def readline(self, size: int | None = -1, /) -> bytes:
            line = super().readline(size)
            Counting.biggest = max(Counting.biggest, len(line))
            return line

    stream = Counting(b"a\n" + b"x" * 5_000_000 + b"\nb\n")
    assert list(bounded_lines(stream, 1000)) == [b"a\n", 5_000_001, b"b\n"]
    assert Counting.biggest <= 1 << 20  # read past in steps, never whole


# --- bombs in every container, each beside a good record --------------------------------


def test_gzip_html_file_bomb_is_rejected_and_the_good_file_stored(
    tmp_path: Path, gzip_bomb: bytes
) -> None:
    (tmp_path / "bomb.html.gz").write_bytes(gzip_bomb)
    (tmp_path / "good.html").write_bytes(PAGE)
    docs, rejects = _split(list(iter_documents([str(tmp_path)], Config(max_bytes=LIMIT))))
    assert [d.origin for d in docs] == [str(tmp_path / "good.html")]
    assert [(r.origin, r.reason) for r in rejects] == [
        (str(tmp_path / "bomb.html.gz"), "too-large")
    ]


def test_jsonl_gz_line_bomb_is_rejected_and_the_lines_beside_it_stored(tmp_path: Path) -> None:
    good = json.dumps({"title": "Dam", "text": "Engineers inspected the dam."}).encode() + b"\n"
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    parts = [packer.compress(good), packer.compress(b'{"text": "')]
    parts += [packer.compress(b"0" * (1 << 20)) for _ in range(50)]  # a 50 MB line
    parts += [packer.compress(b'"}\n' + good.replace(b"Dam", b"Weir")), packer.flush()]
    (tmp_path / "lines.jsonl.gz").write_bytes(b"".join(parts))
    docs, rejects = _split(list(iter_documents([str(tmp_path)], Config(max_bytes=LIMIT))))
    assert [d.title for d in docs] == ["Dam", "Weir"]
    assert [(r.origin.rsplit(":", 1)[1], r.reason) for r in rejects] == [("2", "too-large")]


@pytest.mark.parametrize("coding", ["gzip", "br"])
def test_warc_http_body_bomb_is_a_reject_beside_a_stored_record(
    tmp_path: Path, gzip_bomb: bytes, coding: str
) -> None:
    bomb = gzip_bomb if coding == "gzip" else brotli.compress(bytes(BOMB_SIZE), quality=5)
    archive = pack(
        [
            response_record(
                "https://bomb.example/",
                "2024-05-01T00:00:00Z",
                bomb,
                extra_http=[("Content-Encoding", coding)],
            ),
            response_record("https://good.example/", "2024-05-01T00:00:01Z", PAGE),
        ]
    )
    (tmp_path / "crawl.warc.gz").write_bytes(archive)
    docs, rejects = _split(list(iter_documents([str(tmp_path)], Config(max_bytes=LIMIT))))
    assert [d.url for d in docs] == ["https://good.example/"]
    assert [(r.origin.rsplit("#", 1)[1], r.reason) for r in rejects] == [("1", "too-large")]


def test_warc_body_in_an_unsupported_coding_is_a_reject(tmp_path: Path) -> None:
    archive = pack(
        [
            response_record(
                "https://z.example/",
                "2024-05-01T00:00:00Z",
                b"\x28\xb5\x2f\xfd0000",
                extra_http=[("Content-Encoding", "zstd")],
            ),
            response_record("https://good.example/", "2024-05-01T00:00:01Z", PAGE),
        ]
    )
    (tmp_path / "crawl.warc.gz").write_bytes(archive)
    docs, rejects = _split(list(iter_documents([str(tmp_path / "crawl.warc.gz")], Config())))
    assert [d.url for d in docs] == ["https://good.example/"]
    assert [r.reason for r in rejects] == ["unsupported-encoding"]


def test_stdin_gzip_bomb_is_rejected(gzip_bomb: bytes) -> None:
    items = list(iter_documents(["-"], Config(max_bytes=LIMIT), stdin=io.BytesIO(gzip_bomb)))
    assert [(type(i).__name__, getattr(i, "reason", "")) for i in items] == [
        ("Reject", "too-large")
    ]
