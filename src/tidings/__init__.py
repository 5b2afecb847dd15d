"""tidings: turn news into sourced, verifiable event data.

Who did what to whom, when, where — and according to whom. The public API:

Example:
    >>> import tidings
    >>> tidings.Config().db
    'tidings.duckdb'
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = [
    "Article",
    "ArticleResult",
    "Claim",
    "Config",
    "Event",
    "Resources",
    "Store",
    "TidingsError",
    "__version__",
    "analyze_text",
    "load_config",
    "process_batch",
    "run",
]

_LAZY = {
    "Article": "tidings.records",
    "ArticleResult": "tidings.records",
    "Claim": "tidings.records",
    "Event": "tidings.records",
    "Config": "tidings.config",
    "load_config": "tidings.config",
    "TidingsError": "tidings.errors",
    "Resources": "tidings.pipeline",
    "analyze_text": "tidings.pipeline",
    "process_batch": "tidings.pipeline",
    "Store": "tidings.store",
    "run": "tidings.runner",
}


def __getattr__(name: str) -> Any:
    # Imports are lazy so that `import tidings` stays cheap (no spaCy or DuckDB load).
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'tidings' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
