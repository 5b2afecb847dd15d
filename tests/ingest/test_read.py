"""Reading files: formats, ids, and one reject per bad input while the batch goes on."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tidings.config import Config
from tidings.demo.build_warc import pack, request_record, response_record, warcinfo_record
from tidings.ingest import iter_documents, read_bytes
from tidings.ingest.formats import record_document
from tidings.records import RawDocument, Reject

PAGE = (
    "<!DOCTYPE html><html><head><title>Harbour reopens</title></head><body>"
    "<p>The port of Brightwater reopened on Monday after a week of repairs, the city said.</p>"
    "</body></html>"
)
GOOD_TEXT = "Ferry line resumes\n\nThe ferry between the two islands ran again on Sunday.\n"


def _docs(items: list[RawDocument | Reject]) -> list[RawDocument]:
    return [i for i in items if isinstance(i, RawDocument)]


def _rejects(items: list[RawDocument | Reject]) -> list[Reject]:
    return [i for i in items if isinstance(i, Reject)]


def _batch(tmp_path: Path, name: str, data: bytes, config: Config | None = None) -> list:
    """Read a folder holding one good text file and the file under test."""
    (tmp_path / "0-good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (tmp_path / name).write_bytes(data)
    return list(iter_documents([str(tmp_path)], config or Config()))


def _only_reject(items: list) -> Reject:
    rejects = _rejects(items)
    assert len(rejects) == 1, rejects
    assert rejects[0].stage == "ingest"
    assert rejects[0].detail and "\n" not in rejects[0].detail
    assert rejects[0].id.startswith("r")
    # the good document of the batch still comes through
    assert any(d.origin.endswith("0-good.txt") for d in _docs(items))
    return rejects[0]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.html", b"  \n\n \t", "empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary"),
        ("paper.html", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary"),
        ("nul.txt", b"some text\x00\x00\x00 with NUL bytes", "binary"),
        ("cut.txt.gz", gzip.compress(GOOD_TEXT.encode() * 50)[:60], "truncated"),
        ("bad.json", b'{"title": "x", "text": "unclosed', "malformed-json"),
        ("nothing.json", b'{"title": "only a title"}', "no-text"),
        ("garbage.warc", b"WARC/1.1\r\nthis is not a header block\r\n\r\n", "malformed-warc"),
        ("cut.rss", b"<?xml version='1.0'?><rss><channel><title>T</title><ite", "malformed-feed"),
    ],
)
def test_bad_file_yields_one_reject_and_the_batch_goes_on(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    reject = _only_reject(_batch(tmp_path, name, data))
    assert reject.reason == reason
    assert reject.origin.endswith(name)


def test_oversized_file_is_rejected_with_the_limit_in_the_message(tmp_path: Path) -> None:
    config = Config(max_bytes=1000)
    reject = _only_reject(_batch(tmp_path, "big.html", PAGE.encode() * 20, config))
    assert reject.reason == "too-large"
    assert "1,000" in reject.detail


def test_undecodable_bytes_are_rejected_as_encoding(tmp_path: Path) -> None:
    noise = bytes((0x80 + (i * 37) % 0x7F) for i in range(400))  # high bytes, no text shape
    reject = _only_reject(_batch(tmp_path, "noise.txt", noise))
    assert reject.reason == "encoding"


def test_missing_path_is_a_reject_not_an_exception(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(GOOD_TEXT, encoding="utf-8")
    items = list(iter_documents([str(tmp_path / "gone.txt"), str(tmp_path / "ok.txt")], Config()))
    assert [r.reason for r in _rejects(items)] == ["not-found"]
    assert len(_docs(items)) == 1


def test_txt_file_holding_html_is_read_as_html(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    [doc] = list(iter_documents([str(tmp_path / "page.txt")], Config()))
    assert isinstance(doc, RawDocument)
    assert doc.format == "html"


def test_declared_charset_decodes_latin1_page(tmp_path: Path) -> None:
    page = PAGE.replace("<head>", '<head><meta charset="iso-8859-1">').replace(
        "repairs", "réparations"
    )
    (tmp_path / "latin.html").write_bytes(page.encode("latin-1"))
    [doc] = list(iter_documents([str(tmp_path / "latin.html")], Config()))
    assert isinstance(doc, RawDocument)
    assert "réparations" in doc.content


def test_utf16_with_bom_is_text_not_binary(tmp_path: Path) -> None:
    (tmp_path / "wide.txt").write_bytes(GOOD_TEXT.encode("utf-16"))
    [doc] = list(iter_documents([str(tmp_path / "wide.txt")], Config()))
    assert isinstance(doc, RawDocument)
    assert doc.content.startswith("Ferry line resumes")


def test_jsonl_bad_lines_are_rejected_and_other_lines_ingest(tmp_path: Path) -> None:
    lines = [
        json.dumps({"title": "One", "text": "First body.", "extra": {"ignored": True}}),
        '{"title": "Two", "text": ',
        "[1, 2]",
        "",
        json.dumps({"headline": "Four", "body": "Fourth body.", "date": "2024-06-01"}),
        '{"title": "Five", "text": "cut',
    ]
    (tmp_path / "dump.jsonl").write_text("\n".join(lines), encoding="utf-8")

    items = list(iter_documents([str(tmp_path / "dump.jsonl")], Config()))

    assert [(d.origin.rsplit(":", 1)[1], d.title) for d in _docs(items)] == [
        ("1", "One"),
        ("5", "Four"),
    ]
    assert _docs(items)[1].published == "2024-06-01"
    rejects = _rejects(items)
    assert [(r.origin.rsplit(":", 1)[1], r.reason) for r in rejects] == [
        ("2", "malformed-json"),
        ("3", "malformed-json"),
        ("6", "malformed-json"),
    ]
    assert "cut off" in rejects[-1].detail


def test_truncated_gzip_jsonl_keeps_the_lines_before_the_cut(tmp_path: Path) -> None:
    lines = "".join(
        json.dumps({"title": f"T{i}", "text": f"Body number {i} " * 30}) + "\n" for i in range(200)
    )
    data = gzip.compress(lines.encode(), mtime=0)
    (tmp_path / "dump.jsonl.gz").write_bytes(data[: len(data) // 2])

    items = list(iter_documents([str(tmp_path / "dump.jsonl.gz")], Config()))

    assert len(_docs(items)) > 0
    assert _rejects(items)[-1].reason == "truncated"


def test_json_array_and_collection_object_yield_one_document_per_item(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(
        json.dumps([{"title": "A1", "text": "x."}, {"title": "A2", "html": "<p>y</p>"}, 7]),
        encoding="utf-8",
    )
    (tmp_path / "b.json").write_text(
        json.dumps({"articles": [{"title": "B1", "content": "z.", "source": {"name": "Wire"}}]}),
        encoding="utf-8",
    )
    items = list(iter_documents([str(tmp_path)], Config()))
    assert [(d.origin.rsplit("/", 1)[1], d.title) for d in _docs(items)] == [
        ("a.json#1", "A1"),
        ("a.json#2", "A2"),
        ("b.json#1", "B1"),
    ]
    assert _docs(items)[2].source == "Wire"
    assert [r.reason for r in _rejects(items)] == ["malformed-json"]


def test_same_input_ingested_twice_gets_the_same_ids(tmp_path: Path) -> None:
    (tmp_path / "p.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "d.jsonl").write_text(
        json.dumps({"title": "A", "text": "Body.", "url": "https://x.example/a"}) + "\n",
        encoding="utf-8",
    )
    first = [d.id for d in iter_documents([str(tmp_path)], Config())]
    second = [d.id for d in iter_documents([str(tmp_path)], Config())]
    assert first == second
    assert len(set(first)) == 2


@settings(max_examples=50, deadline=None)
@given(
    title=st.text(min_size=1, max_size=40),
    body=st.text(min_size=1, max_size=200).filter(lambda s: s.strip() != ""),
    noise=st.dictionaries(st.sampled_from(["x1", "tags", "score"]), st.integers()),
)
def test_json_record_id_depends_only_on_body_url_and_title(
    title: str, body: str, noise: dict[str, int]
) -> None:
    base = {"title": title, "text": body, "url": "https://x.example/a"}
    plain = record_document(base, origin="a.jsonl:1")
    noisy = record_document({**base, **noise, "author": "Someone"}, origin="b.jsonl:9")
    assert isinstance(plain, RawDocument) and isinstance(noisy, RawDocument)
    assert plain.id == noisy.id


def test_warc_response_records_are_read_and_other_records_skipped(tmp_path: Path) -> None:
    uri = "https://news.example/harbour"
    archive = pack(
        [
            warcinfo_record("t.warc.gz", "2024-06-03T10:00:00Z"),
            request_record(uri, "2024-06-03T10:00:00Z"),
            response_record(uri, "2024-06-03T10:00:01Z", PAGE.encode()),
            response_record(
                uri + ".png", "2024-06-03T10:00:02Z", b"\x89PNG", content_type="image/png"
            ),
            response_record(uri + "/gone", "2024-06-03T10:00:03Z", b"", status="404 Not Found"),
        ]
    )
    (tmp_path / "crawl.warc.gz").write_bytes(archive)
    (tmp_path / "same.html").write_text(PAGE, encoding="utf-8")

    items = list(iter_documents([str(tmp_path)], Config()))

    warc_docs = [d for d in _docs(items) if d.format == "warc"]
    assert len(warc_docs) == 1 and not _rejects(items)
    assert warc_docs[0].url == uri
    assert warc_docs[0].fetched_at == "2024-06-03T10:00:01Z"
    assert warc_docs[0].content.startswith("<!DOCTYPE html>")  # HTTP headers stripped
    file_doc = next(d for d in _docs(items) if d.format == "html")
    assert file_doc.id == warc_docs[0].id  # same page from a file and from a WARC


def test_truncated_warc_yields_the_whole_records_then_a_reject(tmp_path: Path) -> None:
    records = [
        response_record(f"https://news.example/{i}", "2024-06-03T10:00:00Z", PAGE.encode())
        for i in range(3)
    ]
    for compress, name in ((True, "cut.warc.gz"), (False, "cut.warc")):
        data = pack(records, compress=compress)
        (tmp_path / name).write_bytes(data[:-60])
        items = list(iter_documents([str(tmp_path / name)], Config()))
        assert len(_docs(items)) == 2, name
        assert [r.reason for r in _rejects(items)] == ["truncated"], name


def test_rss_feed_entries_become_documents_with_their_metadata(tmp_path: Path) -> None:
    feed = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Coastal Wire</title>
<item><title>Bridge opens</title><link>https://wire.example/bridge</link>
<author>desk@wire.example (Ana Lima)</author><pubDate>Mon, 03 Jun 2024 08:00:00 +0200</pubDate>
<content:encoded><![CDATA[<p>The new bridge opened on Monday.</p><p>Traffic was light.</p>]]>
</content:encoded></item>
<item><title>Empty item</title><link>https://wire.example/empty</link></item>
<item><title>Market day</title><description>Stalls returned to the square.</description></item>
</channel></rss>"""
    (tmp_path / "wire.rss").write_text(feed, encoding="utf-8")

    items = list(iter_documents([str(tmp_path / "wire.rss")], Config()))

    docs = _docs(items)
    assert [d.title for d in docs] == ["Bridge opens", "Market day"]
    assert docs[0].url == "https://wire.example/bridge"
    assert docs[0].source == "Coastal Wire"
    assert docs[0].published == "Mon, 03 Jun 2024 08:00:00 +0200"
    assert "<p>The new bridge opened on Monday.</p>" in docs[0].content
    assert docs[0].format == "feed" and docs[0].origin.endswith("wire.rss#1")
    assert [(r.origin.rsplit("#", 1)[1], r.reason) for r in _rejects(items)] == [("2", "no-text")]


def test_stdin_jsonl_is_read_line_by_line(tmp_path: Path) -> None:
    data = b"".join(
        json.dumps({"title": f"T{i}", "text": f"Body {i}."}).encode() + b"\n" for i in range(5)
    )
    items = list(iter_documents(["-"], Config(), stdin=io.BytesIO(data)))
    assert [d.title for d in _docs(items)] == [f"T{i}" for i in range(5)]
    assert all(d.origin.startswith("<stdin>:") for d in _docs(items))


def test_stdin_html_and_empty_stdin(tmp_path: Path) -> None:
    [doc] = list(iter_documents(["-"], Config(), stdin=io.BytesIO(PAGE.encode())))
    assert isinstance(doc, RawDocument) and doc.format == "html" and doc.origin == "<stdin>"
    [reject] = list(iter_documents(["-"], Config(), stdin=io.BytesIO(b"")))
    assert isinstance(reject, Reject) and reject.reason == "empty"


def test_page_declared_utf8_but_written_in_cp1252_is_still_decoded(tmp_path: Path) -> None:
    page = PAGE.replace("<head>", '<head><meta charset="utf-8">').replace("city", "city’s")
    (tmp_path / "mislabelled.html").write_bytes(page.encode("cp1252"))
    [doc] = list(iter_documents([str(tmp_path / "mislabelled.html")], Config()))
    assert isinstance(doc, RawDocument)
    assert "city’s" in doc.content


def test_oversized_jsonl_line_is_rejected_and_the_next_line_read(tmp_path: Path) -> None:
    lines = [
        json.dumps({"title": "Huge", "text": "word " * 400}),
        json.dumps({"title": "Small", "text": "Short body."}),
    ]
    (tmp_path / "d.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(iter_documents([str(tmp_path / "d.jsonl")], Config(max_bytes=1000)))
    assert [type(i).__name__ for i in items] == ["Reject", "RawDocument"]
    assert isinstance(items[0], Reject) and items[0].reason == "too-large"


@settings(max_examples=150, deadline=None)
@given(
    prefix=st.sampled_from([b"", b"WARC/1.1\r\n", b"\x1f\x8b", b"<rss>", b"{", b"[", b"<p>"]),
    body=st.binary(max_size=200),
    kind=st.sampled_from(["auto", "html", "text", "json", "jsonl", "warc", "feed"]),
)
def test_any_bytes_give_documents_or_rejects_never_an_exception(
    prefix: bytes, body: bytes, kind: str
) -> None:
    items = list(read_bytes(prefix + body, origin="fuzz", kind=kind, config=Config()))
    assert all(isinstance(i, RawDocument | Reject) for i in items)
    assert all(i.detail for i in items if isinstance(i, Reject))


def test_gzip_that_inflates_past_the_cap_is_rejected(tmp_path: Path) -> None:
    bomb = gzip.compress(b"a" * 200_000, mtime=0)  # about 200 bytes on disk
    reject = _only_reject(_batch(tmp_path, "notes.txt.gz", bomb, Config(max_bytes=10_000)))
    assert reject.reason == "too-large"
