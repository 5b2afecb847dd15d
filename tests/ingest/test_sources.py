"""Expanding inputs into sources: folders, list files, stdin, URLs, missing paths."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

import pytest

from tidings.config import Config
from tidings.ingest import Source, list_sources
from tidings.ingest.sources import kind_from_name


def _touch(path: Path, text: str = "x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_folder_is_walked_recursively_in_sorted_order_skipping_hidden_and_readme(
    tmp_path: Path,
) -> None:
    _touch(tmp_path / "b.txt")
    _touch(tmp_path / "a.html")
    _touch(tmp_path / "sub" / "c.jsonl")
    _touch(tmp_path / ".hidden.txt")
    _touch(tmp_path / ".git" / "config.txt")
    _touch(tmp_path / "README.md")
    _touch(tmp_path / "draft.txt~")

    sources = list(list_sources([str(tmp_path)], Config()))

    names = [Path(s.location).relative_to(tmp_path).as_posix() for s in sources]
    assert names == ["a.html", "b.txt", "sub/c.jsonl"]
    assert [s.kind for s in sources] == ["html", "text", "jsonl"]


def test_list_file_expands_entries_and_skips_comments(tmp_path: Path) -> None:
    page = _touch(tmp_path / "docs" / "page.html")
    listfile = _touch(
        tmp_path / "inputs.txt",
        "# my inputs\n\ndocs/page.html\nhttps://news.example/a  # a comment\n-\n",
    )

    sources = list(list_sources([f"@{listfile}"], Config()))

    assert [(s.location, s.kind) for s in sources] == [
        (str(page), "html"),
        ("https://news.example/a", "url"),
        ("-", "stdin"),
    ]


def test_missing_path_and_unknown_scheme_become_invalid_sources(tmp_path: Path) -> None:
    sources = list(
        list_sources([str(tmp_path / "nope.txt"), "ftp://files.example/a", "@missing"], Config())
    )

    assert [(s.kind, s.problem) for s in sources] == [
        ("invalid", "not-found"),
        ("invalid", "unsupported"),
        ("invalid", "not-found"),
    ]
    assert all(s.detail for s in sources)


def test_source_is_frozen_and_picklable() -> None:
    source = Source("dump.warc.gz", "warc")

    assert pickle.loads(pickle.dumps(source)) == source
    with pytest.raises(dataclasses.FrozenInstanceError):
        source.kind = "html"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("crawl.warc.gz", "warc"),
        ("Page.HTM", "html"),
        ("dump.ndjson", "jsonl"),
        ("feed.xml", "feed"),
        ("notes.txt", "text"),
        ("picture.png", "auto"),
    ],
)
def test_kind_from_name_uses_the_extension(name: str, kind: str) -> None:
    assert kind_from_name(name) == kind
