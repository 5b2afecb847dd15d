"""Turning records into table rows (and Arrow tables) for DuckDB and Parquet."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import pyarrow as pa

from tidings.ids import record_id
from tidings.records import Actor, ArticleResult, BatchResult, Claim, Event, Reject, to_dict
from tidings.store.schema import TABLES, arrow_schema

#: Tables filled from pipeline output, in write order.
DATA_TABLES: tuple[str, ...] = ("articles", "events", "event_actors", "claims", "rejects")


def _json(value: Any) -> str:
    return json.dumps(to_dict(value), ensure_ascii=False, sort_keys=True)


def article_row(result: ArticleResult, coded: bool) -> dict[str, Any]:
    """Row of the ``articles`` table."""
    a = result.article
    return {
        "id": a.id,
        "url": a.url,
        "title": a.title,
        "author": a.author,
        "published": a.published,
        "source": a.source,
        "language": a.language,
        "text": a.text,
        "summary": list(a.summary),
        "origin": a.origin,
        "format": a.format,
        "extractor": a.extractor,
        "coded": coded,
        "n_events": len(result.events),
        "n_claims": len(result.claims),
    }


def _countries(actors: list[Actor]) -> list[str]:
    out: list[str] = []
    for actor in actors:
        if actor.country and actor.country not in out:
            out.append(actor.country)
    return out


def event_row(e: Event) -> dict[str, Any]:
    """Row of the ``events`` table."""
    trigger = e.evidence.trigger
    return {
        "id": e.id,
        "article_id": e.article_id,
        "type": e.type,
        "mode": e.mode,
        "cameo": e.cameo,
        "quad_class": e.quad_class,
        "goldstein": e.goldstein,
        "status": e.status,
        "source_countries": _countries(e.source),
        "target_countries": _countries(e.target),
        "date_start": e.date.start if e.date else None,
        "date_end": e.date.end if e.date else None,
        "date_precision": e.date.precision if e.date else None,
        "date_text": e.date.text if e.date else None,
        "date_rule": e.date.rule if e.date else None,
        "sentence": e.evidence.sentence,
        "sentence_start": e.evidence.start,
        "sentence_end": e.evidence.end,
        "trigger": trigger.text if trigger else None,
        "trigger_start": trigger.start if trigger else None,
        "trigger_end": trigger.end if trigger else None,
        "attribution": _json(e.attribution),
        "places": _json(e.places),
        "quantities": _json(e.quantities),
        "date": _json(e.date),
        "rule": e.rule,
        "confidence": e.confidence,
    }


def event_actor_rows(e: Event) -> list[dict[str, Any]]:
    """Rows of the ``event_actors`` table for one event."""
    rows = []
    for side, actors in (("source", e.source), ("target", e.target)):
        for pos, a in enumerate(actors):
            rows.append(
                {
                    "id": record_id("x", e.id, side, pos),
                    "event_id": e.id,
                    "article_id": e.article_id,
                    "side": side,
                    "position": pos,
                    "text": a.text,
                    "name": a.name,
                    "country": a.country,
                    "sector": a.sector,
                    "role": a.role,
                    "kb_id": a.kb_id,
                    "start": a.start,
                    "end": a.end,
                    "rule": a.rule,
                }
            )
    return rows


def claim_row(c: Claim) -> dict[str, Any]:
    """Row of the ``claims`` table."""
    who = c.claimant
    cue = c.evidence.trigger
    return {
        "id": c.id,
        "article_id": c.article_id,
        "kind": c.kind,
        "event_id": c.event_id,
        "claimant_text": who.text if who else None,
        "claimant_name": who.name if who else None,
        "claimant_country": who.country if who else None,
        "claimant_sector": who.sector if who else None,
        "claimant_kb_id": who.kb_id if who else None,
        "claimant": _json(who),
        "via": _json(c.via),
        "quantities": _json(c.quantities),
        "sentence": c.evidence.sentence,
        "sentence_start": c.evidence.start,
        "sentence_end": c.evidence.end,
        "cue": cue.text if cue else None,
        "cue_start": cue.start if cue else None,
        "cue_end": cue.end if cue else None,
        "rule": c.rule,
    }


def reject_row(r: Reject) -> dict[str, Any]:
    """Row of the ``rejects`` table."""
    return {
        "id": r.id,
        "origin": r.origin,
        "stage": r.stage,
        "reason": r.reason,
        "detail": r.detail,
        "document_id": r.document_id,
    }


def batch_rows(
    batch: BatchResult, languages: Iterable[str] = ("en",)
) -> dict[str, list[dict[str, Any]]]:
    """All rows of a batch, per table (duplicates within the batch removed)."""
    langs = set(languages)
    rows: dict[str, dict[str, dict[str, Any]]] = {t: {} for t in DATA_TABLES}
    for result in batch.results:
        coded = result.article.language in langs or result.article.language is None
        rows["articles"].setdefault(result.article.id, article_row(result, coded))
        for e in result.events:
            rows["events"].setdefault(e.id, event_row(e))
            for r in event_actor_rows(e):
                rows["event_actors"].setdefault(r["id"], r)
        for c in result.claims:
            rows["claims"].setdefault(c.id, claim_row(c))
    for rej in batch.rejects:
        rows["rejects"].setdefault(rej.id, reject_row(rej))
    return {t: list(v.values()) for t, v in rows.items()}


def to_arrow(table: str, rows: list[dict[str, Any]]) -> pa.Table:
    """Rows as an Arrow table with the table's schema (columns in schema order)."""
    schema = arrow_schema(table)
    columns = {c.name: [row.get(c.name) for row in rows] for c in TABLES[table]}
    return pa.Table.from_pydict(columns, schema=schema)
