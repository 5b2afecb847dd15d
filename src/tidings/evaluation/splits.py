"""Fixed tuning and check halves of every gold set.

Every gold set is split once, deterministically, into a *tuning* half (rules and models are
developed against it, read sentence by sentence) and a *check* half (read only as figures and
error counts per class). The half a unit falls in depends on nothing but the unit's key: a
document where the set has documents (a story, a TimeML file, a PolNeAR annotation file), a
record id where it has none. Adding data to a set never moves an existing unit to the other half.

The key is hashed with SHA-256 together with the kind, so two sets whose keys overlap are split
independently, and the assignment is the same on every machine and Python version.
"""

from __future__ import annotations

import hashlib
from typing import Literal

Split = Literal["tune", "check", "all"]

#: The names accepted by ``--split``.
SPLITS: tuple[str, ...] = ("tune", "check", "all")

TUNE = "tune"
CHECK = "check"


def half_of(kind: str, key: str) -> str:
    """The half (``"tune"`` or ``"check"``) of a unit of a gold set.

    Args:
        kind: The evaluation kind (``plover``, ``petrarch``, ``timeml``, ...).
        key: The unit's stable key: its document id where the set has documents, else its
            record id.

    Example:
        >>> half_of("plover", "VOA-8010030") in ("tune", "check")
        True
        >>> half_of("plover", "a") == half_of("plover", "a")
        True
    """
    digest = hashlib.sha256(f"{kind}\x00{key}".encode()).digest()
    return TUNE if digest[0] % 2 == 0 else CHECK


def in_split(kind: str, key: str, split: str) -> bool:
    """Whether a unit belongs to ``split`` (``"all"`` takes every unit).

    Raises:
        ValueError: When ``split`` is not one of :data:`SPLITS`.

    Example:
        >>> in_split("timeml", "APW19980227.0468.tml", "all")
        True
    """
    if split == "all":
        return True
    if split not in (TUNE, CHECK):
        raise ValueError(f"unknown split {split!r}; choose one of {', '.join(SPLITS)}")
    return half_of(kind, key) == split


def plover_key(record: dict[str, object]) -> str:
    """The split key of a PLOVER-format gold record: its story where it names one, else its id.

    Sentences of one story always fall in the same half (``voa-plover-gold`` names the story in
    ``article_id``); the PLOVER gold-standard records have no stories and split by record.

    Example:
        >>> plover_key({"id": "VOA-AGREE-0001", "article_id": "8010030"})
        'article:8010030'
        >>> plover_key({"id": "PLOVER-GSR01-AGREE-0001"})
        'record:PLOVER-GSR01-AGREE-0001'
    """
    story = record.get("article_id")
    if story not in (None, ""):
        return f"article:{story}"
    return f"record:{record.get('id')}"
