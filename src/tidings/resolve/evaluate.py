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

from spacy.language import Language

from tidings.errors import EvalError
from tidings.evaluation.base import EvalReport
from tidings.resolve.find import find_actors
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
    """One row per gold source/target actor; the record's sentence travels along."""
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
                        "sentence": str(record.get("text") or ""),
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


def evaluate_sentence_actors(path: Path, kb: ActorKB, segmenter: Language) -> EvalReport:
    """Share of gold actors that :func:`find_actors` finds in their sentence with the gold code.

    A gold actor counts as found when an actor of the sentence overlaps the first occurrence
    of its text and carries the gold code. Gold texts that do not occur verbatim in the
    sentence (annotators sometimes elide words) are left out.

    Args:
        path: The ``plover-gsr`` folder or a gold JSON file.
        kb: The actor knowledge base.
        segmenter: The light pipeline (tokenizer and sentencizer).

    Returns:
        An :class:`~tidings.evaluation.base.EvalReport` of kind ``actors-in-context`` with
        ``recall`` (found with the right code), ``located`` (found with any code) and ``n``.
    """
    rows = [r for r in load_gold_actors(path) if r["text"] in r["sentence"]]
    found = located = 0
    errors: list[dict[str, Any]] = []
    cache: dict[str, list[Any]] = {}
    for row in rows:
        sentence = row["sentence"]
        if sentence not in cache:
            cache[sentence] = find_actors(segmenter(sentence), kb, None)
        start = sentence.index(row["text"])
        end = start + len(row["text"])
        overlapping = [a for a in cache[sentence] if a.start < end and a.end > start]
        if overlapping:
            located += 1
        if any(a.country == row["code"] for a in overlapping):
            found += 1
            continue
        errors.append(
            {
                **{k: v for k, v in row.items() if k != "sentence"},
                "predicted": [(a.text, a.country) for a in overlapping],
            }
        )
    n = len(rows)
    return EvalReport(
        kind="actors-in-context",
        metrics={
            "n": float(n),
            "recall": found / n if n else 0.0,
            "located": located / n if n else 0.0,
        },
        errors=errors,
        path=str(path),
    )
