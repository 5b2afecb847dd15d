"""The exception tree of tidings.

All errors raised on purpose derive from :class:`TidingsError`; third-party errors are
wrapped at the boundary so callers catch one type. Messages say what happened, why, and
what to do.

    TidingsError
    ├── ConfigError        bad configuration value or file
    ├── InputError         an input that cannot be read at all (missing path, bad URL)
    │   └── RejectedInput  one document rejected; carries a reason code
    ├── ModelError         spaCy model missing or unusable
    ├── StoreError         database cannot be opened or written
    └── EvalError          gold data cannot be read
"""

from __future__ import annotations


class TidingsError(Exception):
    """Root of all tidings errors."""


class ConfigError(TidingsError):
    """A configuration value or file is invalid."""


class InputError(TidingsError):
    """An input cannot be read at all."""


class RejectedInput(InputError):
    """A single document was rejected.

    Args:
        reason: Short code such as ``empty``, ``binary`` or ``too-large``.
        detail: One line for a person: what happened and how to fix it.
    """

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


class ModelError(TidingsError):
    """The spaCy model cannot be loaded."""


class StoreError(TidingsError):
    """The database cannot be opened or written."""


class EvalError(TidingsError):
    """Gold-standard data cannot be read."""
