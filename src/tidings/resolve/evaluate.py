"""How well actor strings resolve to the codes of the PLOVER gold standard.

The PLOVER gold records list, for every source and target, the actor text as written and
its code (an ISO3 country code or ``IGO``). :func:`evaluate_actor_codes` resolves each
text with :func:`tidings.resolve.resolve_mention` and counts how often the code matches.
The figure bounds the source/target accuracy the event coder can reach.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from tidings.errors import EvalError
from tidings.evaluation.base import EvalReport
from tidings.resolve.kb import ActorKB
from tidings.resolve.mention import resolve_mention

logger = logging.getLogger(__name__)

#: File of the PLOVER gold records inside ``plover-gsr``.
GOLD_FILE = "PLOVER_GSR_CAMEO.dev.json"


def load_gold_actors(path: Path) -> list[dict[str, Any]]:
    """The (actor text, code, sector, record id) rows of a PLOVER gold file.

    Args:
        path: A ``PLOVER_GSR_CAMEO*.json`` file, or the folder that holds one.

    Raises:
        EvalError: When the file is missing or not a JSON array of records.
    """
    file = path / GOLD_FILE if path.is_dir() else path
    try:
        records = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise EvalError(
            f"cannot read PLOVER gold records from {file}: {exc}; pass the plover-gsr folder"
        ) from exc
    if not isinstance(records, list):
        raise EvalError(f"{file} is not a JSON array of PLOVER records")
    return list(_actor_rows(records))


def _actor_rows(records: Iterable[Any]) -> Iterator[dict[str, Any]]:
    for record in records:
        if not isinstance(record, dict) or record.get("event") == "DOCUMENT":
            continue
        for side in ("source", "target"):
            actors = record.get(side)
            if not isinstance(actors, list):
                continue
            for actor in actors:
                text = (actor or {}).get("actorText")
                code = (actor or {}).get("code")
                if text and code:
                    yield {
                        "id": record.get("id", ""),
                        "side": side,
                        "text": str(text),
                        "code": str(code),
                        "sector": actor.get("sector"),
                    }


def evaluate_actor_codes(path: Path, kb: ActorKB) -> EvalReport:
    """Share of gold actor strings whose resolved country code equals the gold code.

    Args:
        path: The ``plover-gsr`` folder or a gold JSON file.
        kb: The actor knowledge base.

    Returns:
        An :class:`~tidings.evaluation.base.EvalReport` of kind ``actors`` with metrics
        ``accuracy`` (code matches over all gold actors), ``coverage`` (share resolved to
        any actor), ``precision`` (matches over resolved) and ``n``; ``errors`` lists misses.

    Example:
        >>> report = evaluate_actor_codes(Path("../shared/data/plover-gsr"), kb)  # doctest: +SKIP
        >>> round(report.metrics["accuracy"], 2)  # doctest: +SKIP
        0.8
    """
    rows = load_gold_actors(path)
    correct = resolved = 0
    confusion: Counter[tuple[str, str]] = Counter()
    errors: list[dict[str, Any]] = []
    for row in rows:
        actor = resolve_mention(row["text"], kb)
        predicted = actor.country if actor is not None and actor.country else "-"
        if predicted != "-":
            resolved += 1
        if predicted == row["code"]:
            correct += 1
            continue
        confusion[(row["code"], predicted)] += 1
        errors.append({**row, "predicted": predicted, "rule": actor.rule if actor else None})
    n = len(rows)
    metrics = {
        "n": float(n),
        "accuracy": correct / n if n else 0.0,
        "coverage": resolved / n if n else 0.0,
        "precision": correct / resolved if resolved else 0.0,
    }
    logger.info("actor codes: %d/%d correct (%d resolved)", correct, n, resolved)
    return EvalReport(
        kind="actors",
        metrics=metrics,
        confusion=[(g, p, c) for (g, p), c in confusion.most_common(15)],
        errors=errors,
        path=str(path),
    )
