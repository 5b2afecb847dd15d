"""The public JSON shape of results (``tidings analyze --json``) and text renderings."""

from __future__ import annotations

from typing import Any

from tidings.records import Actor, ArticleResult, Attribution, Claim, Event, Evidence, to_dict


def actor_json(actor: Actor | None) -> dict[str, Any] | None:
    """An actor as ``{text, name, country, sector, role, kb_id, start, end, rule}``."""
    return None if actor is None else to_dict(actor)


def _evidence(ev: Evidence) -> dict[str, Any]:
    return to_dict(ev)


def _attribution(att: Attribution) -> dict[str, Any]:
    return {
        "source": actor_json(att.source),
        "kind": att.kind,
        "via": [actor_json(v) for v in att.via],
        "cue": to_dict(att.cue),
    }


def event_json(e: Event) -> dict[str, Any]:
    """One event in the documented output shape."""
    return {
        "id": e.id,
        "type": e.type,
        "mode": e.mode,
        "cameo": e.cameo,
        "quad_class": e.quad_class,
        "goldstein": e.goldstein,
        "source": [actor_json(a) for a in e.source],
        "target": [actor_json(a) for a in e.target],
        "status": e.status,
        "attribution": [_attribution(a) for a in e.attribution],
        "date": to_dict(e.date),
        "places": to_dict(e.places),
        "quantities": to_dict(e.quantities),
        "evidence": _evidence(e.evidence),
        "rule": e.rule,
        "confidence": e.confidence,
    }


def claim_json(c: Claim) -> dict[str, Any]:
    """One claim in the documented output shape."""
    return {
        "id": c.id,
        "kind": c.kind,
        "claimant": actor_json(c.claimant),
        "event_id": c.event_id,
        "via": [actor_json(v) for v in c.via],
        "quantities": to_dict(c.quantities),
        "evidence": _evidence(c.evidence),
        "rule": c.rule,
    }


def result_json(result: ArticleResult) -> dict[str, Any]:
    """``{"article": {...}, "events": [...], "claims": [...]}`` for one article."""
    a = result.article
    return {
        "article": {
            "id": a.id,
            "url": a.url,
            "title": a.title,
            "author": a.author,
            "published": a.published,
            "source": a.source,
            "language": a.language,
            "text": a.text,
            "summary": list(a.summary),
        },
        "events": [event_json(e) for e in result.events],
        "claims": [claim_json(c) for c in result.claims],
    }


def actor_label(actor: dict[str, Any] | Actor) -> str:
    """Short label for an actor: ``RUS:Vladimir Putin`` or the text."""
    d = to_dict(actor) if isinstance(actor, Actor) else actor
    name = d.get("name") or d.get("text") or "?"
    return f"{d['country']}:{name}" if d.get("country") else str(name)


def sources_label(attribution: list[dict[str, Any]]) -> str:
    """Who says so, e.g. ``anonymous sources via NHK; Izvestia``."""
    parts = []
    for att in attribution:
        src = att.get("source") or {}
        label = src.get("name") or src.get("text") or "?"
        via = [v.get("name") or v.get("text") for v in att.get("via") or []]
        parts.append(label + (f" via {', '.join(str(v) for v in via)}" if via else ""))
    return "; ".join(parts) if parts else "article"


#: ``date_end`` of an open-ended plan in the store; never shown to a reader.
OPEN_END = "9999-12-31"


def date_label(start: str | None, end: str | None) -> str:
    """A date or interval for people: ``2024-06-19``, ``2024-06-17..2024-06-23``, or
    ``after 2024-06-12`` for a plan with no date (the store's open end is not shown).

    Example:
        >>> date_label("2024-06-12", "9999-12-31")
        'after 2024-06-12'
    """
    if not start:
        return "?"
    if end == OPEN_END:
        return f"after {start}"
    if end and end != start:
        return f"{start}..{end}"
    return start


def happening_json(h: dict[str, Any]) -> dict[str, Any]:
    """A happening row with its ledger (``history``) in the documented JSON shape
    (``tidings happenings --json``)."""
    plan = None
    if h.get("plan_outcome"):
        plan = {
            "outcome": h["plan_outcome"],
            "fulfilled_by": h.get("plan_fulfilled_by"),
            "lead_days": h.get("plan_lead_days"),
            "announced": h.get("plan_announced"),
            "window": {"start": h.get("plan_window_start"), "end": h.get("plan_window_end")},
        }
    history = [
        {
            "date": en.get("date"),
            "status": en.get("status"),
            "kind": en.get("kind"),
            "claimant": en.get("claimant"),
            "claimant_country": en.get("claimant_country"),
            "party": en.get("party"),
            "anonymous": en.get("anonymous"),
            "via": list(en.get("via") or []),
            "outlet": en.get("outlet"),
            "article_id": en.get("article_id"),
            "duplicate_of": en.get("duplicate_of"),
            "event_id": en.get("event_id"),
            "claim_id": en.get("claim_id"),
            "evidence": {
                "sentence": en.get("sentence"),
                "start": en.get("sentence_start"),
                "end": en.get("sentence_end"),
                "cue": en.get("cue"),
                "cue_start": en.get("cue_start"),
                "cue_end": en.get("cue_end"),
            },
        }
        for en in h.get("history") or []
    ]
    return {
        "id": h["id"],
        "type": h["type"],
        "mode": h.get("mode") or "",
        "quad_class": h.get("quad_class"),
        "goldstein": h.get("goldstein"),
        "source": list(h.get("source_countries") or []),
        "target": list(h.get("target_countries") or []),
        "date": {
            "start": h.get("date_start"),
            "end": h.get("date_end"),
            "precision": h.get("date_precision"),
        },
        "status": h["status"],
        "contested": bool(h.get("contested")),
        "party_confirmed": bool(h.get("party_confirmed")),
        "party_denied": bool(h.get("party_denied")),
        "first_reported": {
            "date": h.get("first_reported_date"),
            "outlet": h.get("first_reported_outlet"),
            "article_id": h.get("first_reported_article"),
        },
        "reports": h.get("reports"),
        "outlets": list(h.get("outlets") or []),
        "independent_sources": h.get("independent_sources"),
        "claimants": list(h.get("claimants") or []),
        "history": history,
        "plan": plan,
        "event_ids": list(h.get("event_ids") or []),
        "article_ids": list(h.get("article_ids") or []),
    }


def _escape_table() -> dict[int, str]:
    named = {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}
    table: dict[int, str] = {}
    for code in [*range(0x20), *range(0x7F, 0xA0)]:
        table[code] = named.get(code, f"\\x{code:02x}")
    # bidirectional marks, overrides and isolates (they reorder what follows on the line)
    # and the Unicode line and paragraph separators
    for code in (0x061C, 0x200E, 0x200F, 0x2028, 0x2029, *range(0x202A, 0x202F)):
        table[code] = f"\\u{code:04x}"
    for code in range(0x2066, 0x206A):
        table[code] = f"\\u{code:04x}"
    return table


_ESCAPES = _escape_table()


def printable(text: object) -> str:
    r"""``text`` made safe to print on a terminal: control characters shown visibly.

    C0 and C1 control characters (ESC, BEL, backspace, carriage return, newline, tab, CSI ...),
    DEL and the Unicode bidirectional controls are written as escapes (``\x1b``, ``\n``,
    ``\u202e``), so text from an input can neither move the cursor, clear the screen, set a
    window title nor reorder a line. Ordinary text, accents and other scripts are kept.

    Args:
        text: Any value; ``None`` becomes ``""``, others are passed through ``str``.

    Returns:
        The text with every control character replaced by its escape.

    Example:
        >>> print(printable("Title\x1b]0;pwned\x07 café 북한"))
        Title\x1b]0;pwned\x07 café 북한
    """
    if text is None:
        return ""
    return str(text).translate(_ESCAPES)


#: First characters that make a spreadsheet read a cell as a formula (the OWASP list).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: Any) -> Any:
    """``value`` for a CSV cell: text a spreadsheet would run as a formula gets a leading
    apostrophe (OWASP's rule against CSV injection); other values are returned unchanged.

    Example:
        >>> csv_safe("=1+2"), csv_safe("Seoul"), csv_safe(-3.5)
        ("'=1+2", 'Seoul', -3.5)
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_safe_sql(column: str) -> str:
    """The SQL expression applying :func:`csv_safe` to the text column ``column`` (a quoted
    identifier), for exports the database writes itself.

    Example:
        >>> csv_safe_sql('"title"').startswith('CASE WHEN left("title", 1) IN (')
        True
    """
    firsts = ", ".join("'" + p.replace("'", "''") + "'" for p in FORMULA_PREFIXES)
    return f"CASE WHEN left({column}, 1) IN ({firsts}) THEN '''' || {column} ELSE {column} END"
