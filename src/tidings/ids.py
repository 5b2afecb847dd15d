"""Stable, content-based identifiers.

The same input always yields the same ids, so re-ingesting changes nothing and a cluster
run matches an in-process run exactly.
"""

from __future__ import annotations

import hashlib


def _digest(*parts: object) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(str(part).encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()[:16]


def document_id(content: str | bytes) -> str:
    """Id of a document from its content.

    Example:
        >>> document_id("Hello") == document_id(b"Hello")
        True
    """
    data = content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content
    return "a" + hashlib.sha256(data).hexdigest()[:16]


def record_id(prefix: str, *parts: object) -> str:
    """Id of a derived record (event, claim, reject...) from the fields that define it.

    Example:
        >>> record_id("e", "a123", 10, 20, "CONSULT")[:1]
        'e'
    """
    return prefix + _digest(*parts)
