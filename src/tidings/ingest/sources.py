"""Expanding command-line inputs into readable units (:class:`Source`)."""

from __future__ import annotations

import errno
import logging
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from tidings.config import Config

logger = logging.getLogger(__name__)

#: Kinds a :class:`Source` can have. ``auto`` means "sniff the bytes"; ``invalid`` marks an
#: input that cannot be read (its ``problem`` says why) and becomes a reject when read.
KINDS: tuple[str, ...] = (
    "html",
    "text",
    "json",
    "jsonl",
    "warc",
    "feed",
    "url",
    "stdin",
    "auto",
    "invalid",
)

_EXTENSIONS: tuple[tuple[str, str], ...] = (
    (".warc.gz", "warc"),
    (".warc", "warc"),
    (".html", "html"),
    (".htm", "html"),
    (".xhtml", "html"),
    (".txt", "text"),
    (".text", "text"),
    (".jsonl", "jsonl"),
    (".ndjson", "jsonl"),
    (".json", "json"),
    (".rss", "feed"),
    (".atom", "feed"),
    (".xml", "feed"),
)

#: Files in a folder that document the folder rather than hold news (matched on the stem).
_DOC_STEMS = frozenset({"readme", "license", "licence", "notice", "changelog", "copying"})


@dataclass(frozen=True, slots=True)
class Source:
    """One readable unit: a file, a URL or standard input.

    Attributes:
        location: Path, URL or ``-``.
        kind: One of :data:`KINDS` (the format guessed from the name; bytes may correct it).
        problem: Reason code when the input cannot be read (``not-found``, ``unsupported``).
        detail: One line for a person when ``problem`` is set.
    """

    location: str
    kind: str
    problem: str = ""
    detail: str = ""


def kind_from_name(name: str) -> str:
    """Guess a file's kind from its name (``auto`` when the extension says nothing).

    Example:
        >>> kind_from_name("dump/2024-06.warc.gz")
        'warc'
        >>> kind_from_name("notes")
        'auto'
    """
    lower = name.lower()
    for ext, kind in _EXTENSIONS:
        if lower.endswith(ext):
            return kind
    return "auto"


def _is_hidden(name: str) -> bool:
    return name.startswith(".") or name.startswith("~") or name.endswith("~")


def _is_doc_file(name: str) -> bool:
    return name.split(".", 1)[0].lower() in _DOC_STEMS


def _unreadable(path: str, exc: OSError) -> Source:
    """A path that cannot be examined: a missing link target, a link loop, no permission."""
    if exc.errno == errno.ELOOP:
        why = "a loop of symbolic links"
    elif exc.errno == errno.ENOENT:
        why = "a symbolic link to nothing"
    else:
        why = exc.strerror or exc.__class__.__name__
    return Source(path, "invalid", "unreadable", f"cannot read {path} ({why}); fix or remove it")


def _examine(path: str, *, in_folder: bool) -> Iterator[Source]:
    """The source for one path that is not a folder walked into (a file or an odd entry)."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        yield _unreadable(path, exc)
        return
    if stat.S_ISREG(mode):
        yield Source(path, kind_from_name(os.path.basename(path)))
    elif stat.S_ISDIR(mode):  # only a symbolic link to a folder gets here
        yield Source(
            path,
            "invalid",
            "unsupported",
            f"{path} is a link to a folder; links inside folders are not followed (they can "
            "loop): give the folder itself",
        )
    else:
        what = (
            "a named pipe (FIFO)"
            if stat.S_ISFIFO(mode)
            else "a socket"
            if stat.S_ISSOCK(mode)
            else "a device"
        )
        where = "remove it from the folder" if in_folder else "give a regular file"
        yield Source(
            path, "invalid", "unsupported", f"{path} is {what}, not a regular file; {where}"
        )


def _walk(folder: Path) -> Iterator[Source]:
    """Sources under ``folder`` in sorted order, skipping hidden entries and READMEs.

    Links to files are read; links to folders are not followed; loops, dangling links,
    unreadable entries, pipes, sockets and devices become ``invalid`` sources (rejects).
    """
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        logger.warning("cannot list folder %s: %s", folder, exc)
        yield _unreadable(str(folder), exc)
        return
    for entry in entries:
        if _is_hidden(entry.name):
            continue
        try:
            is_folder = entry.is_dir(follow_symlinks=False)
        except OSError as exc:
            yield _unreadable(entry.path, exc)
            continue
        if is_folder:
            yield from _walk(Path(entry.path))
        elif not _is_doc_file(entry.name):
            yield from _examine(entry.path, in_folder=True)


def _expand(item: str, *, base: Path | None, allow_list: bool) -> Iterator[Source]:
    item = item.strip()
    if item == "-":
        yield Source("-", "stdin")
        return
    lower = item.lower()
    if lower.startswith(("http://", "https://")):
        yield Source(item, "url")
        return
    if "://" in item:
        yield Source(
            item,
            "invalid",
            "unsupported",
            f"unsupported address scheme in {item!r}; use http(s):// URLs or local paths",
        )
        return
    if item.startswith("@") and allow_list:
        yield from _expand_list(item[1:])
        return
    path = Path(item).expanduser()
    if base is not None and not path.is_absolute() and not os.path.lexists(path):
        path = base / path
    if not os.path.lexists(path):
        yield Source(item, "invalid", "not-found", f"no file or folder at {item}; check the path")
    elif path.is_dir():
        yield from _walk(path)
    else:
        yield from _examine(str(path), in_folder=False)


def _expand_list(listfile: str) -> Iterator[Source]:
    path = Path(listfile).expanduser()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        yield Source(
            "@" + listfile,
            "invalid",
            "not-found",
            f"cannot read list file {listfile} ({exc.__class__.__name__}); check the path",
        )
        return
    for line in lines:
        entry = line.split(" #", 1)[0].strip()
        if not entry or entry.startswith("#"):
            continue
        yield from _expand(entry, base=path.parent, allow_list=False)


def list_sources(inputs: Sequence[str], config: Config) -> Iterator[Source]:
    """Expand ``inputs`` into readable units.

    Each input is a file path, a folder (walked recursively in sorted order, skipping hidden
    files and README/LICENSE files), ``-`` for standard input, an ``http(s)://`` URL, or
    ``@listfile`` (one path or URL per line; ``#`` starts a comment; relative paths are
    looked up beside the list file when not found from the working folder).

    Args:
        inputs: What the user asked to read.
        config: Run configuration (reserved for source filters).

    Yields:
        :class:`Source` objects; an input that cannot be read yields a source of kind
        ``invalid`` that :func:`tidings.ingest.read_source` turns into a reject.

    Example:
        >>> [s.kind for s in list_sources(["-", "https://example.org/a"], Config())]
        ['stdin', 'url']
    """
    del config  # no source filters yet; kept for a stable signature
    for item in inputs:
        yield from _expand(item, base=None, allow_list=True)
