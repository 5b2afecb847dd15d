"""Odd entries in an input folder (link loops, dangling links, pipes, sockets, unreadable
files) are one reject each, and the good file beside them is still read."""

from __future__ import annotations

import errno
import os
import socket
from pathlib import Path

import pytest

from tidings.config import Config
from tidings.ingest import iter_documents, read_source
from tidings.ingest.sources import Source
from tidings.records import RawDocument, Reject

GOOD = "<p>The night train to the coast ran on time again on Friday, the operator said.</p>"

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs POSIX links, pipes and sockets")


def _read(paths: list[str]) -> tuple[list[RawDocument], dict[str, str]]:
    items = list(iter_documents(paths, Config()))
    docs = [i for i in items if isinstance(i, RawDocument)]
    rejects = {Path(i.origin).name: i.reason for i in items if isinstance(i, Reject)}
    assert all(i.detail and "\n" not in i.detail for i in items if isinstance(i, Reject))
    return docs, rejects


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "good.html").write_text(GOOD, encoding="utf-8")
    return tmp_path


def test_symlink_loop_is_a_reject_and_the_good_file_is_read(folder: Path) -> None:
    (folder / "a").symlink_to(folder / "b")
    (folder / "b").symlink_to(folder / "a")
    docs, rejects = _read([str(folder)])
    assert [Path(d.origin).name for d in docs] == ["good.html"]
    assert rejects == {"a": "unreadable", "b": "unreadable"}
    _, direct = _read([str(folder / "a")])  # named on the command line
    assert direct == {"a": "unreadable"}


def test_dangling_link_and_link_to_a_folder_are_rejects(folder: Path) -> None:
    (folder / "gone.html").symlink_to(folder / "nowhere.html")
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to(folder)  # following it would loop
    (folder / "alias.html").symlink_to(folder / "good.html")  # a link to a file is read
    docs, rejects = _read([str(folder)])
    assert sorted(Path(d.origin).name for d in docs) == ["alias.html", "good.html"]
    assert rejects == {"gone.html": "unreadable", "up": "unsupported"}


def test_pipes_and_sockets_are_rejected_without_blocking(folder: Path) -> None:
    os.mkfifo(folder / "pipe.html")
    listener = socket.socket(socket.AF_UNIX)
    try:
        listener.bind(str(folder / "sock.txt"))
        docs, rejects = _read([str(folder)])
    finally:
        listener.close()
    assert [Path(d.origin).name for d in docs] == ["good.html"]
    assert rejects == {"pipe.html": "unsupported", "sock.txt": "unsupported"}
    # a pipe reaching the reader directly (e.g. swapped in after listing) does not hang it
    [reject] = list(read_source(Source(str(folder / "pipe.html"), "html"), Config()))
    assert isinstance(reject, Reject) and reject.reason == "unsupported"


def test_unreadable_file_is_a_reject(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = folder / "secret.txt"
    secret.write_text("Nobody may read this.", encoding="utf-8")
    real_open = os.open

    def deny(path: str | os.PathLike[str], flags: int, *args: int) -> int:
        if os.fspath(path) == str(secret):  # chmod does not stop root, so fake the refusal
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", deny)
    docs, rejects = _read([str(folder)])
    assert [Path(d.origin).name for d in docs] == ["good.html"]
    assert rejects == {"secret.txt": "unreadable"}


def test_a_line_break_in_a_file_name_stays_out_of_the_one_line_detail(folder: Path) -> None:
    os.mkfifo(folder / "odd\nname.txt")
    items = list(iter_documents([str(folder)], Config()))
    [reject] = [i for i in items if isinstance(i, Reject)]
    assert reject.reason == "unsupported"
    assert "\n" not in reject.detail and "odd\\nname.txt" in reject.detail
