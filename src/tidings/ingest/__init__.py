"""Ingest: turn paths, folders, standard input and URLs into raw documents.

Public API:

- :func:`list_sources` expands inputs into :class:`Source` units;
- :func:`read_source` reads one unit lazily into :class:`~tidings.records.RawDocument`
  or :class:`~tidings.records.Reject` records;
- :func:`iter_documents` chains the two.

Formats: HTML, plain text, JSON (object or array), JSON Lines, WARC/WARC.gz response
records, RSS/Atom feeds; detected by extension, then confirmed by the first bytes.
"""

from tidings.ingest.reader import iter_documents, read_bytes, read_source
from tidings.ingest.sniff import looks_like_html
from tidings.ingest.sources import KINDS, Source, list_sources

__all__ = [
    "KINDS",
    "Source",
    "iter_documents",
    "list_sources",
    "looks_like_html",
    "read_bytes",
    "read_source",
]
