"""Language identification with py3langid (model loaded on first use)."""

from __future__ import annotations

import functools
import logging
from typing import Any

logger = logging.getLogger(__name__)

#: Below this many letters the guess is not trusted and ``None`` is returned.
MIN_LETTERS = 20


def load_language_identifier() -> Any:
    """Load a fresh py3langid identifier with normalised probabilities (about 0.1 s)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@functools.cache
def _shared_identifier() -> Any:
    """One identifier per process, built on first use (read-only afterwards)."""
    return load_language_identifier()


def detect_language(text: str, identifier: Any | None = None) -> str | None:
    """ISO 639-1 code of the language of ``text``, or ``None`` when too short to tell.

    Args:
        text: The text; the first 3,000 characters are used.
        identifier: A py3langid identifier; the process-wide one when ``None``.

    Example:
        >>> detect_language("The ministry said talks with its neighbours would resume soon.")
        'en'
    """
    sample = text[:3000]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None
    ident = identifier if identifier is not None else _shared_identifier()
    lang, _prob = ident.classify(sample)
    return str(lang)
