"""What each page shows, as JSON-ready dictionaries (the pages' JSON twins return them).

Every query is parameterised; no request text is ever spliced into SQL.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from tidings.output import happening_json
from tidings.store import EventFilter, HappeningFilter, Store

#: Statuses counted as having happened on the dyad chart.
HAPPENED = ("asserted", "confirmed")
#: Statuses shown apart: said to have happened, not established.
CLAIMED = ("reported", "alleged", "contested")
#: Date precisions placed on the weekly chart (a month or a year is no week).
FINE = ("day", "days", "week")
QUADS = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) address, else ``None`` (never a ``javascript:`` link)."""
    if not url:
        return None
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    return url if scheme in ("http", "https") else None


def _week(day: str | None) -> str | None:
    if not day:
        return None
    try:
        d = dt.date.fromisoformat(day[:10])
    except ValueError:
        return None
    if d.year >= 9999:
        return None
    return (d - dt.timedelta(days=d.weekday())).isoformat()


def overview(store: Store) -> dict[str, Any]:
    """Counts, events and happenings per week by quad class, top dyads, newest happenings,
    rejects."""
    counts = {
        t: store.count(t)
        for t in ("articles", "events", "happenings", "stories", "claims", "rejects")
    }
    copies = store.rows("SELECT count(*) AS n FROM articles WHERE duplicate_of IS NOT NULL")
    counts["duplicate_articles"] = int(copies[0]["n"]) if copies else 0
    weekly = store.rows(
        "SELECT 'events' AS what, date_trunc('week', try_cast(date_start AS DATE))::VARCHAR "
        "AS week, quad_class, count(*) AS n FROM events "
        "WHERE try_cast(date_start AS DATE) IS NOT NULL AND date_precision IN "
        "('day', 'days', 'week') GROUP BY ALL "
        "UNION ALL "
        "SELECT 'happenings', date_trunc('week', try_cast(date_start AS DATE))::VARCHAR, "
        "quad_class, count(*) FROM happenings "
        "WHERE try_cast(date_start AS DATE) IS NOT NULL AND date_precision IN "
        "('day', 'days', 'week') GROUP BY ALL ORDER BY 1, 2, 3"
    )
    return {
        "counts": counts,
        "weekly": [
            {
                "what": r["what"],
                "week": str(r["week"])[:10],
                "quad_class": r["quad_class"],
                "quad": QUADS.get(r["quad_class"] or 0, "unknown"),
                "n": int(r["n"]),
            }
            for r in weekly
        ],
        "dyads": store.happening_dyads(limit=10),
        "newest": [_brief(h) for h in store.happenings(HappeningFilter(limit=10), history=False)],
        "rejects": store.rows(
            "SELECT origin, stage, reason, detail FROM rejects ORDER BY origin LIMIT 50"
        ),
    }


def _brief(h: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": h["id"],
        "type": h["type"],
        "mode": h.get("mode") or "",
        "source": list(h.get("source_countries") or []),
        "target": list(h.get("target_countries") or []),
        "date": {"start": h.get("date_start"), "end": h.get("date_end")},
        "status": h["status"],
        "contested": bool(h.get("contested")),
        "quad_class": h.get("quad_class"),
        "goldstein": h.get("goldstein"),
        "reports": h.get("reports"),
        "independent_sources": h.get("independent_sources"),
        "first_reported": {
            "date": h.get("first_reported_date"),
            "outlet": h.get("first_reported_outlet"),
        },
        "plan_outcome": h.get("plan_outcome"),
    }


def dyad(store: Store, source: str, target: str, *, undirected: bool = True) -> dict[str, Any]:
    """A country pair over time: weekly cooperation and conflict, weighted by status and by
    independent sources, with the happenings behind each week."""
    rows = store.happenings(
        HappeningFilter(dyad=f"{source}-{target}", undirected=undirected, limit=100_000),
        history=False,
    )
    points: dict[tuple[str, str], dict[str, Any]] = {}
    uncounted: list[dict[str, Any]] = []
    for h in rows:
        week = _week(h.get("date_start"))
        quad = h.get("quad_class") or 0
        if h["status"] in HAPPENED:
            weight_kind = "happened"
        elif h["status"] in CLAIMED:
            weight_kind = "reported or alleged"
        else:
            uncounted.append(_brief(h))
            continue
        if week is None or quad not in QUADS or h.get("date_precision") not in FINE:
            uncounted.append(_brief(h))  # undated, or dated only to a month or a year
            continue
        side = "cooperation" if quad in (1, 2) else "conflict"
        series = f"{side}, {weight_kind}"
        weight = max(1, int(h.get("independent_sources") or 0))
        point = points.setdefault(
            (week, series),
            {"week": week, "series": series, "value": 0, "happenings": []},
        )
        point["value"] += weight if side == "cooperation" else -weight
        point["happenings"].append(_brief(h))
    ordered = sorted(points.values(), key=lambda p: (p["week"], p["series"]))
    return {
        "source": source,
        "target": target,
        "undirected": undirected,
        "weighting": "each happening counts its independent sources (at least 1); "
        "cooperation above zero, conflict below; asserted or confirmed happenings apart from "
        "reported, alleged or contested ones; planned, denied and other happenings, and those "
        "dated only to a month or a year, are listed but not counted",
        "points": ordered,
        "uncounted": uncounted,
        "happenings": len(rows),
    }


def happening(store: Store, hid: str) -> dict[str, Any] | None:
    """One happening with its ledger and the articles behind it."""
    rows = store.happenings(HappeningFilter(id=hid, limit=1))
    if not rows:
        return None
    h = rows[0]
    articles = store.rows(
        "SELECT id, title, url, source, published, duplicate_of FROM articles "
        "WHERE list_contains(?, id) ORDER BY published, id",
        [list(h.get("article_ids") or [])],
    )
    for a in articles:
        a["url"] = safe_url(a.get("url"))
    out = happening_json(h)
    out["articles"] = articles
    return out


@dataclass(slots=True)
class Mark:
    start: int
    end: int
    kind: str
    href: str | None
    title: str
    rank: int


_RANK = {"trigger": 0, "cue": 1, "actor": 2, "time": 3}


def article(store: Store, aid: str) -> dict[str, Any] | None:
    """An article's clean text cut into paragraphs, sentences and highlighted pieces
    (triggers, actors, times, claim cues), each linked to its record."""
    found = store.rows(
        "SELECT id, title, url, source, author, published, language, origin, duplicate_of, "
        "story_id, text FROM articles WHERE id = ?",
        [aid],
    )
    if not found:
        return None
    art = found[0]
    art["url"] = safe_url(art.get("url"))
    text: str = art.pop("text") or ""
    events = store.rows(
        "SELECT id, type, mode, status, happening_id, sentence_start, sentence_end, "
        "trigger_start, trigger_end, date FROM events WHERE article_id = ? ORDER BY trigger_start",
        [aid],
    )
    actors = store.rows(
        'SELECT x.event_id, x.start, x."end", x.name, x.text, x.country, e.happening_id '
        "FROM event_actors x JOIN events e ON e.id = x.event_id WHERE x.article_id = ?",
        [aid],
    )
    claims = store.rows(
        "SELECT c.id, c.kind, c.cue, c.cue_start, c.cue_end, c.sentence_start, "
        "c.sentence_end, c.claimant_name, c.claimant_text, e.happening_id FROM claims c "
        "LEFT JOIN events e ON e.id = c.event_id WHERE c.article_id = ?",
        [aid],
    )
    marks: list[Mark] = []
    sentences: set[tuple[int, int]] = set()
    for e in events:
        href = f"/happening/{e['happening_id']}" if e.get("happening_id") else None
        if e.get("trigger_start") is not None:
            marks.append(
                Mark(
                    e["trigger_start"],
                    e["trigger_end"],
                    "trigger",
                    href,
                    f"{e['type']} [{e['status']}]",
                    _RANK["trigger"],
                )
            )
        if e.get("sentence_start") is not None:
            sentences.add((e["sentence_start"], e["sentence_end"]))
        date = json.loads(e["date"]) if isinstance(e.get("date"), str) else (e.get("date") or {})
        if date and date.get("span_start") is not None and date.get("span_end") is not None:
            marks.append(
                Mark(
                    date["span_start"],
                    date["span_end"],
                    "time",
                    href,
                    f"{date.get('start')}..{date.get('end')} ({date.get('precision')})",
                    _RANK["time"],
                )
            )
    for a in actors:
        if a.get("start") is not None:
            href = f"/happening/{a['happening_id']}" if a.get("happening_id") else None
            marks.append(
                Mark(
                    a["start"],
                    a["end"],
                    "actor",
                    href,
                    f"{a.get('name') or a.get('text')} ({a.get('country') or '?'})",
                    _RANK["actor"],
                )
            )
    for c in claims:
        if c.get("sentence_start") is not None:
            sentences.add((c["sentence_start"], c["sentence_end"]))
        if c.get("cue_start") is not None:
            href = f"/happening/{c['happening_id']}" if c.get("happening_id") else None
            who = c.get("claimant_name") or c.get("claimant_text") or "?"
            marks.append(
                Mark(
                    c["cue_start"], c["cue_end"], "cue", href, f"{c['kind']} by {who}", _RANK["cue"]
                )
            )
    return {
        "article": art,
        "paragraphs": _cut(text, sorted(sentences), marks),
        "events": [
            {k: e[k] for k in ("id", "type", "mode", "status", "happening_id", "sentence_start")}
            for e in events
        ],
        "claims": [
            {k: c[k] for k in ("id", "kind", "claimant_name", "claimant_text", "sentence_start")}
            for c in claims
        ],
    }


def _cut(
    text: str, sentences: list[tuple[int, int]], marks: list[Mark]
) -> list[list[dict[str, Any]]]:
    """Paragraphs of chunks (a sentence with an anchor, or plain text), each a list of pieces."""
    n = len(text)
    kept: list[Mark] = []
    taken = [False] * n
    for m in sorted(marks, key=lambda m: (m.rank, m.start, -m.end)):
        if not 0 <= m.start < m.end <= n or any(taken[m.start : m.end]):
            continue
        kept.append(m)
        for i in range(m.start, m.end):
            taken[i] = True
    kept.sort(key=lambda m: m.start)
    # non-overlapping sentences, earliest first
    spans: list[tuple[int, int]] = []
    for s, e in sentences:
        if 0 <= s < e <= n and (not spans or s >= spans[-1][1]):
            spans.append((s, e))
    paragraphs: list[list[dict[str, Any]]] = []
    start = 0
    for block in text.split("\n\n"):
        end = start + len(block)
        chunks: list[dict[str, Any]] = []
        pos = start
        for s, e in spans:
            if s < start or e > end:
                continue
            if s > pos:
                chunks.append({"id": None, "pieces": _pieces(text, pos, s, kept)})
            chunks.append({"id": f"s{s}", "pieces": _pieces(text, s, e, kept)})
            pos = e
        if pos < end:
            chunks.append({"id": None, "pieces": _pieces(text, pos, end, kept)})
        paragraphs.append(chunks)
        start = end + 2
    return paragraphs


def _pieces(text: str, start: int, end: int, marks: list[Mark]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    pos = start
    for m in marks:
        if m.start < start or m.end > end:
            continue
        if m.start > pos:
            out.append({"text": text[pos : m.start], "kind": None})
        out.append(
            {"text": text[m.start : m.end], "kind": m.kind, "href": m.href, "title": m.title}
        )
        pos = m.end
    if pos < end:
        out.append({"text": text[pos:end], "kind": None})
    return out


@dataclass(slots=True)
class Search:
    """Search and filter parameters (all optional)."""

    actor: str | None = None
    dyad: str | None = None
    type: str | None = None
    status: str | None = None
    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    q: str | None = None
    page: int = 1
    per_page: int = 50

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition and its parameters: the store's event filter (pairs either way),
        plus outlet and free text."""
        cond, params = EventFilter(
            actor=self.actor,
            dyad=self.dyad,
            undirected=True,
            type=self.type,
            status=self.status,
            since=self.since,
            until=self.until,
        ).where()
        where = [cond]
        if self.outlet:
            where.append("a.source ILIKE ?")
            params.append(f"%{_like(self.outlet)}%")
        if self.q:
            where.append("(e.sentence ILIKE ? OR a.title ILIKE ?)")
            params += [f"%{_like(self.q)}%"] * 2
        return " AND ".join(where), params


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


SEARCH_COLUMNS = (
    "e.id, e.article_id, e.happening_id, e.type, e.mode, e.status, e.quad_class, e.goldstein, "
    "e.source_countries, e.target_countries, e.date_start, e.date_end, e.date_precision, "
    "e.sentence, e.sentence_start, e.sentence_end, a.title AS article_title, "
    "a.source AS outlet, a.published"
)


def search(store: Store, s: Search) -> dict[str, Any]:
    """One page of events matching ``s`` (newest first) and the total."""
    cond, params = s.where()
    total = store.rows(
        f"SELECT count(*) AS n FROM events e JOIN articles a ON a.id = e.article_id WHERE {cond}",
        params,
    )[0]["n"]
    rows = store.rows(
        f"SELECT {SEARCH_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id "
        f"WHERE {cond} ORDER BY e.date_start DESC NULLS LAST, e.id LIMIT ? OFFSET ?",
        [*params, s.per_page, (s.page - 1) * s.per_page],
    )
    pages = max(1, -(-int(total) // s.per_page))
    return {
        "total": int(total),
        "page": s.page,
        "pages": pages,
        "per_page": s.per_page,
        "rows": rows,
    }


def selection(store: Store, s: Search, limit: int = 1_000_000) -> Any:
    """Every event matching ``s`` as an Arrow table (for CSV and Parquet downloads)."""
    cond, params = s.where()
    return store.con.sql(
        f"SELECT {SEARCH_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id "
        f"WHERE {cond} ORDER BY e.date_start DESC NULLS LAST, e.id LIMIT ?",
        params=[*params, limit],
    ).to_arrow_table()
