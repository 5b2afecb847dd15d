"""UTF-16 text without a byte-order mark is decoded, not rejected as binary."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tidings.config import Config
from tidings.ingest import iter_documents
from tidings.ingest.sniff import binary_kind, utf16_without_bom
from tidings.records import RawDocument, Reject

TEXT = "Bridge reopens\n\nThe old stone bridge reopened to traffic on Thursday, the mayor said.\n"
PAGE = (
    "<html><head><title>Bridge reopens</title></head><body><p>The old stone bridge "
    "reopened to traffic on Thursday, the mayor’s office said.</p></body></html>"
)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_text_without_bom_is_decoded(tmp_path: Path, codec: str) -> None:
    (tmp_path / "wide.txt").write_bytes(TEXT.encode(codec))
    [doc] = list(iter_documents([str(tmp_path / "wide.txt")], Config()))
    assert isinstance(doc, RawDocument), doc
    assert doc.content.startswith("Bridge reopens") and "\x00" not in doc.content


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-16", "utf-32"])
def test_wide_html_is_sniffed_as_html_from_files_and_stdin(tmp_path: Path, codec: str) -> None:
    data = PAGE.encode(codec)
    (tmp_path / "page.html").write_bytes(data)
    [from_file] = list(iter_documents([str(tmp_path / "page.html")], Config()))
    [from_stdin] = list(iter_documents(["-"], Config(), stdin=io.BytesIO(data)))
    for doc in (from_file, from_stdin):
        assert isinstance(doc, RawDocument)
        assert doc.format == "html" and "mayor’s office" in doc.content


def test_non_latin_utf16_is_recognised() -> None:
    greek = "Η γέφυρα άνοιξε ξανά την Πέμπτη, είπε ο δήμαρχος.\n" * 3
    assert utf16_without_bom(greek.encode("utf-16-le")) == "utf-16-le"
    assert binary_kind(greek.encode("utf-16-le")) is None


@pytest.mark.parametrize(
    "data",
    [bytes(range(256)) * 4, b"\x00\x00\x00\x01" * 300, b"GIF" + bytes(300)],
)
def test_binary_with_zero_bytes_is_still_binary(tmp_path: Path, data: bytes) -> None:
    (tmp_path / "blob.txt").write_bytes(data)
    [reject] = list(iter_documents([str(tmp_path / "blob.txt")], Config()))
    assert isinstance(reject, Reject) and reject.reason in {"binary", "encoding"}
