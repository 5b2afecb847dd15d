"""The claim ledger of a happening and what follows from it.

Every event of a happening gives one ledger entry per claim made about it (a report, an
allegation, a denial, a confirmation, a refusal to confirm), or one entry for the outlet's
own account when nobody is quoted. From the dated entries:

- ``status``: ``confirmed`` when a claimant confirms that it took place; else ``asserted``
  when an outlet or a quoted party states it as fact; else ``reported``, ``alleged``,
  ``planned``, ``denied``, ``speculative``, ``hypothetical`` or ``negated`` (the strongest
  found). A report or allegation denied by a party to the happening is ``contested``.
- ``first_reported``: the earliest entry (publication date, outlet, article).
- ``reports``: articles that carry it, copies (``articles.duplicate_of``) not counted.
- ``independent_sources``: distinct outlets among those articles whose entries support it
  (a denial or a refusal to confirm is not support); anonymous officials quoted by one
  outlet are that outlet, once.
- ``plan``: for a happening that was announced before it took place: ``fulfilled`` when a
  later article reports it done (with the lead time from the first announcement),
  ``cancelled`` when a later article says it was called off or postponed, ``pending`` while
  its window is open at the newest article in the store, else ``unobserved``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit

from tidings.fusion.keys import OPEN_END, SYMMETRIC_TYPES, to_date, window
from tidings.fusion.settings import FusionSettings
from tidings.ids import record_id

#: Order of strength of an entry's status: the first one found names the happening.
STATUS_ORDER: tuple[str, ...] = (
    "confirmed",
    "asserted",
    "reported",
    "alleged",
    "planned",
    "denied",
    "speculative",
    "hypothetical",
    "negated",
)
#: Statuses of a happening (``contested`` and ``cancelled`` are the happening's own).
HAPPENING_STATUSES: tuple[str, ...] = (
    "confirmed",
    "asserted",
    "contested",
    "reported",
    "alleged",
    "planned",
    "cancelled",
    "denied",
    "speculative",
    "hypothetical",
    "negated",
)
#: Plan outcomes.
PLAN_OUTCOMES: tuple[str, ...] = ("fulfilled", "cancelled", "pending", "unobserved")
#: Words that call a plan off: a negated plan whose sentence holds one is a cancellation.
CANCEL_CUES = re.compile(
    r"\b(postpone[sd]?|postponing|cancel(?:l?ed|l?ing|s)?|call(?:ed|s|ing)? off|"
    r"scrap(?:ped|s|ping)?|shelve[sd]?|put off|puts off|putting off|delay(?:ed|s|ing)?|"
    r"abandon(?:ed|s|ing)?)\b",
    re.IGNORECASE,
)
_SUPPORTING = frozenset({"confirmed", "asserted", "reported", "alleged", "planned"})
_HAPPENED = frozenset({"confirmed", "asserted", "reported"})
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "quarter": 3, "season": 3, "half": 4}


def outlet_of(article: dict[str, Any]) -> str:
    """The outlet an article came from: its source, else its URL's host, else its origin."""
    source = (article.get("source") or "").strip()
    if source:
        return source
    try:
        host = urlsplit(article.get("url") or "").hostname or ""
    except ValueError:
        host = ""
    if host:
        return host.removeprefix("www.")
    # no outlet named: the file it came from stands for it (each file its own outlet)
    origin = str(article.get("origin") or "")
    name = PurePath(origin.split(":", 1)[0] if "://" not in origin else origin).name
    return f"unnamed ({name})" if name else f"unnamed ({article.get('id')})"


@dataclass(slots=True)
class Entry:
    """One line of a happening's ledger (a row of the ``ledger`` table)."""

    id: str
    happening_id: str
    position: int
    date: str | None
    published: str | None
    article_id: str
    outlet: str
    duplicate_of: str | None
    event_id: str
    claim_id: str | None
    kind: str
    status: str
    claimant: str | None
    claimant_country: str | None
    claimant_kb_id: str | None
    via: list[str]
    anonymous: bool
    party: bool
    event_date_start: str | None
    event_date_end: str | None
    sentence: str
    sentence_start: int | None
    sentence_end: int | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None

    def row(self) -> dict[str, Any]:
        """The entry as a table row."""
        out = {k: getattr(self, k) for k in self.__slots__}
        out["via"] = list(self.via)
        return out


@dataclass(slots=True)
class Happening:
    """A happening's row of the ``happenings`` table, with its ledger."""

    row: dict[str, Any]
    entries: list[Entry] = field(default_factory=list)


def _json(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return None
    return value


def _actor_label(actor: dict[str, Any] | None) -> str | None:
    if not actor:
        return None
    return actor.get("name") or actor.get("text") or None


def _sort_key(published: Any, article_id: str, start: Any) -> tuple[str, str, int]:
    return (str(published or "9999"), article_id, int(start or 0))


def build(
    event_ids: Sequence[str],
    events: dict[str, dict[str, Any]],
    claims: dict[str, list[dict[str, Any]]],
    articles: dict[str, dict[str, Any]],
    newest: dt.date | None,
    settings: FusionSettings,
) -> Happening:
    """The happening made of ``event_ids``, with its ledger.

    Args:
        event_ids: The events fused into it.
        events: Rows of ``events`` by id (at least those of ``event_ids``).
        claims: Rows of ``claims`` by event id.
        articles: Rows of ``articles`` by id (``published``, ``source``, ``url``,
            ``duplicate_of``).
        newest: Publication date of the newest article in the store (plans whose window
            ends before it are ``unobserved``).
        settings: Fusion thresholds.
    """
    members = sorted(
        (events[i] for i in event_ids),
        key=lambda e: (
            *_sort_key(
                articles[e["article_id"]].get("published"), e["article_id"], e.get("sentence_start")
            ),
            e["id"],
        ),
    )
    hid = record_id("h", members[0]["id"])
    oriented = _orientation(members)
    parties = set(oriented[0]) | set(oriented[1])
    entries = _entries(hid, members, claims, articles, parties)
    row = _summary(hid, members, entries, articles, oriented, newest, settings)
    return Happening(row=row, entries=entries)


def _orientation(members: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """The happening's sides: countries found on a side in at least half of its events.

    Symmetric types (a meeting) take the direction most events give.
    """
    etype = members[0].get("type") or ""
    sides = [
        (list(e.get("source_countries") or []), list(e.get("target_countries") or []))
        for e in members
    ]
    if etype in SYMMETRIC_TYPES:
        votes: Counter[tuple[str, str]] = Counter()
        for src, tgt in sides:
            for s in src:
                for t in tgt:
                    if s != t:
                        votes[(s, t)] += 1
        if votes:
            best = max(votes.items(), key=lambda kv: (kv[1], kv[0][0] < kv[0][1], kv[0]))[0]
            flipped = []
            for src, tgt in sides:
                if best[1] in src and best[0] in tgt and best[0] not in src:
                    flipped.append((tgt, src))
                else:
                    flipped.append((src, tgt))
            sides = flipped
    n = len(sides)
    out: list[list[str]] = []
    for index in (0, 1):
        counts: Counter[str] = Counter()
        order: list[str] = []
        for side in sides:
            for c in dict.fromkeys(side[index]):
                counts[c] += 1
                if c not in order:
                    order.append(c)
        out.append([c for c in order if counts[c] * 2 >= n])
    src_out = out[0]
    tgt_out = [c for c in out[1] if c not in src_out]
    return src_out, tgt_out


def _entries(
    hid: str,
    members: list[dict[str, Any]],
    claims: dict[str, list[dict[str, Any]]],
    articles: dict[str, dict[str, Any]],
    parties: set[str],
) -> list[Entry]:
    entries: list[Entry] = []
    for e in members:
        art = articles[e["article_id"]]
        attribution = _json(e.get("attribution")) or []
        anonymous = any(isinstance(a, dict) and a.get("kind") == "anonymous" for a in attribution)
        event_claims = sorted(
            claims.get(e["id"], []), key=lambda c: (c.get("sentence_start") or 0, c["id"])
        )
        if event_claims:
            for c in event_claims:
                kind = c.get("kind") or "statement"
                status = e.get("status") or "asserted"
                if kind == "denial":
                    status = "denied"
                elif kind == "confirmation" and status != "planned":
                    status = "confirmed"
                via = [v for v in (_actor_label(x) for x in (_json(c.get("via")) or [])) if v]
                entries.append(
                    _entry(
                        hid,
                        e,
                        art,
                        claim_id=c["id"],
                        kind=kind,
                        status=status,
                        claimant=c.get("claimant_name") or c.get("claimant_text"),
                        country=c.get("claimant_country"),
                        kb_id=c.get("claimant_kb_id"),
                        via=via,
                        anonymous=anonymous and not c.get("claimant_name"),
                        parties=parties,
                        cue=(c.get("cue"), c.get("cue_start"), c.get("cue_end")),
                    )
                )
            continue
        first = attribution[0] if attribution and isinstance(attribution[0], dict) else None
        source = (first or {}).get("source") or {}
        status = e.get("status") or "asserted"
        if first is None:
            kind = "narration"
        else:
            kind = {"alleged": "allegation", "denied": "denial", "reported": "report"}.get(
                status, "statement"
            )
        cue = (first or {}).get("cue") or {}
        via = [v for v in (_actor_label(x) for x in ((first or {}).get("via") or [])) if v]
        entries.append(
            _entry(
                hid,
                e,
                art,
                claim_id=None,
                kind=kind,
                status=status,
                claimant=_actor_label(source),
                country=source.get("country"),
                kb_id=source.get("kb_id"),
                via=via,
                anonymous=anonymous,
                parties=parties,
                cue=(cue.get("text"), cue.get("start"), cue.get("end")),
            )
        )
    for position, entry in enumerate(entries):
        entry.position = position
    return entries


def _entry(
    hid: str,
    e: dict[str, Any],
    art: dict[str, Any],
    *,
    claim_id: str | None,
    kind: str,
    status: str,
    claimant: str | None,
    country: str | None,
    kb_id: str | None,
    via: list[str],
    anonymous: bool,
    parties: set[str],
    cue: tuple[Any, Any, Any],
) -> Entry:
    published = art.get("published")
    day = to_date(published)
    return Entry(
        id=record_id("l", e["id"], claim_id or ""),
        happening_id=hid,
        position=0,
        date=day.isoformat() if day else None,
        published=str(published) if published else None,
        article_id=e["article_id"],
        outlet=outlet_of(art),
        duplicate_of=art.get("duplicate_of"),
        event_id=e["id"],
        claim_id=claim_id,
        kind=kind,
        status=status,
        claimant=claimant,
        claimant_country=country,
        claimant_kb_id=kb_id,
        via=via,
        anonymous=bool(anonymous),
        party=bool(country and country in parties),
        event_date_start=e.get("date_start"),
        event_date_end=e.get("date_end"),
        sentence=e.get("sentence") or "",
        sentence_start=e.get("sentence_start"),
        sentence_end=e.get("sentence_end"),
        cue=cue[0],
        cue_start=cue[1],
        cue_end=cue[2],
    )


def _summary(
    hid: str,
    members: list[dict[str, Any]],
    entries: list[Entry],
    articles: dict[str, dict[str, Any]],
    oriented: tuple[list[str], list[str]],
    newest: dt.date | None,
    settings: FusionSettings,
) -> dict[str, Any]:
    statuses = {en.status for en in entries}
    party_denied = any(en.party and en.status == "denied" for en in entries)
    party_confirmed = any(en.party and en.kind == "confirmation" for en in entries)
    status = next((s for s in STATUS_ORDER if s in statuses), "asserted")
    contested = party_denied and bool(statuses & _SUPPORTING)
    if status in ("reported", "alleged") and party_denied:
        status = "contested"
    plan = _plan(hid, members, entries, articles, newest, settings, oriented)
    if plan is not None and plan["outcome"] == "cancelled" and status == "planned":
        status = "cancelled"
    first = entries[0]
    reporting = [en for en in entries if en.duplicate_of is None]
    independent = {
        en.outlet
        for en in reporting
        if en.status in _SUPPORTING and en.kind not in ("denial", "unconfirmed")
    }
    outlets = list(dict.fromkeys(en.outlet for en in entries))
    claimants = list(dict.fromkeys(en.claimant for en in entries if en.claimant))
    start, end, precision = _dates(members, entries, articles, oriented)
    modes = Counter(e.get("mode") for e in members if e.get("mode"))
    goldstein = [float(e["goldstein"]) for e in members if e.get("goldstein") is not None]
    quads = Counter(e.get("quad_class") for e in members if e.get("quad_class") is not None)
    last = max((en.date for en in entries if en.date), default=None)
    return {
        "id": hid,
        "type": members[0].get("type"),
        "mode": modes.most_common(1)[0][0] if modes else "",
        "quad_class": quads.most_common(1)[0][0] if quads else None,
        "goldstein": round(sum(goldstein) / len(goldstein), 2) if goldstein else None,
        "source_countries": oriented[0],
        "target_countries": oriented[1],
        "date_start": start,
        "date_end": end,
        "date_precision": precision,
        "status": status,
        "contested": contested,
        "party_confirmed": party_confirmed,
        "party_denied": party_denied,
        "first_reported_date": first.date,
        "first_reported_outlet": first.outlet,
        "first_reported_article": first.article_id,
        "last_reported_date": last,
        "reports": len({en.article_id for en in reporting}),
        "outlets": outlets,
        "independent_sources": len(independent),
        "claimants": claimants,
        "plan_outcome": plan["outcome"] if plan else None,
        "plan_fulfilled_by": plan["fulfilled_by"] if plan else None,
        "plan_lead_days": plan["lead_days"] if plan else None,
        "plan_announced": plan["announced"] if plan else None,
        "plan_window_start": plan["window_start"] if plan else None,
        "plan_window_end": plan["window_end"] if plan else None,
        "n_events": len(members),
        "event_ids": [e["id"] for e in members],
        "article_ids": list(dict.fromkeys(e["article_id"] for e in members)),
    }


def _reversed_visit(e: dict[str, Any], oriented: tuple[list[str], list[str]]) -> bool:
    """A visit the other way round (B to A, in a happening of A visiting B): fused with it
    as the same meeting, but not evidence of when the visit took place."""
    if e.get("mode") != "visit" or not oriented[0] or not oriented[1]:
        return False
    src = set(e.get("source_countries") or [])
    tgt = set(e.get("target_countries") or [])
    return bool(src & set(oriented[1])) and bool(tgt & set(oriented[0]))


def _dates(
    members: list[dict[str, Any]],
    entries: list[Entry],
    articles: dict[str, dict[str, Any]],
    oriented: tuple[list[str], list[str]],
) -> tuple[str | None, str | None, str | None]:
    """The happening's date: from reports that it took place, else from its plans, else from
    every report; the most precise of those, as one interval."""
    done = [
        e
        for e in members
        if e.get("status") in _HAPPENED
        and _done_by_report(e, articles)
        and not _reversed_visit(e, oriented)
    ]
    plans = [e for e in members if e.get("status") == "planned"]
    pool = done or plans or members
    # a copy's undated sentences take the copy's later publication date: originals date it
    originals = [e for e in pool if not articles[e["article_id"]].get("duplicate_of")]
    pool = originals or pool
    dated = [e for e in pool if e.get("date_start")]
    if not dated:
        return None, None, None
    best = min(_PRECISION_RANK.get(e.get("date_precision") or "", 9) for e in dated)
    chosen = [e for e in dated if _PRECISION_RANK.get(e.get("date_precision") or "", 9) == best]
    start = min(str(e["date_start"]) for e in chosen)
    end = max(str(e.get("date_end") or e["date_start"]) for e in chosen)
    precisions = Counter(e.get("date_precision") or "unknown" for e in chosen)
    precision = precisions.most_common(1)[0][0]
    if start != end and precision == "day":
        precision = "days"
    return start, end, precision


def _done_by_report(e: dict[str, Any], articles: dict[str, dict[str, Any]]) -> bool:
    """Whether the event's date is not after its article: it is reported as done."""
    start = to_date(e.get("date_start"))
    published = to_date(articles[e["article_id"]].get("published"))
    return start is None or published is None or start <= published


def _plan(
    hid: str,
    members: list[dict[str, Any]],
    entries: list[Entry],
    articles: dict[str, dict[str, Any]],
    newest: dt.date | None,
    settings: FusionSettings,
    oriented: tuple[list[str], list[str]],
) -> dict[str, Any] | None:
    plans = [e for e in members if e.get("status") == "planned"]
    if not plans:
        return None
    announced = min(
        (d for d in (to_date(articles[e["article_id"]].get("published")) for e in plans) if d),
        default=None,
    )
    windows = [
        window(e, to_date(articles[e["article_id"]].get("published")), settings) for e in plans
    ]
    lows = [w[0] for w in windows if w[0] is not None]
    highs = [w[1] for w in windows if w[1] is not None]
    explicit = [
        to_date(e.get("date_end"))
        for e in plans
        if e.get("date_end") and e.get("date_end") != OPEN_END
    ]
    window_end = max((d for d in explicit if d), default=None) or (max(highs) if highs else None)
    window_start = min(lows) if lows else None

    def later(e: dict[str, Any]) -> bool:
        day = to_date(articles[e["article_id"]].get("published"))
        return announced is None or day is None or day >= announced

    done = [
        e
        for e in members
        if e.get("status") in _HAPPENED
        and later(e)
        and _done_by_report(e, articles)
        and not _reversed_visit(e, oriented)
    ]
    outcome, lead = None, None
    if done:
        days = [
            to_date(e.get("date_start")) or to_date(articles[e["article_id"]].get("published"))
            for e in done
        ]
        first_done = min((d for d in days if d is not None), default=None)
        outcome = "fulfilled"
        if first_done and announced:
            lead = (first_done - announced).days
    elif any(
        e.get("status") in ("negated", "denied")
        and later(e)
        and CANCEL_CUES.search(e.get("sentence") or "")
        for e in members
    ):
        outcome = "cancelled"
    elif window_end is not None and newest is not None and window_end < newest:
        outcome = "unobserved"
    else:
        outcome = "pending"
    return {
        "outcome": outcome,
        "fulfilled_by": hid if outcome == "fulfilled" else None,
        "lead_days": lead,
        "announced": announced.isoformat() if announced else None,
        "window_start": window_start.isoformat() if window_start else None,
        "window_end": window_end.isoformat() if window_end else None,
    }
