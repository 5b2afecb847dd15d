"""Keeping duplicates, happenings, ledgers and stories up to date as articles arrive.

:func:`update` runs inside the store's write transaction, after a batch of articles (and
their events and claims) is written. It touches only what the new articles can change:

1. their MinHash bands find candidate copies among stored articles (an indexed join on
   band keys, not a comparison with every article);
2. their events' keys find the stored happenings they may join (a join on key and window);
   those happenings, the new events and the happenings whose articles changed copy status
   are regrouped, and their ledgers rebuilt;
3. the stories of the articles involved are regrouped.

Grouping depends only on the set of stored events, never on arrival order, so adding
articles in any number of batches, in process or from cluster partitions, ends with the
rows one run over everything gives. Plans whose window closes before the newest article
turn from ``pending`` to ``unobserved`` in every update.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from tidings.fusion import duplicates as dup
from tidings.fusion.cluster import components
from tidings.fusion.keys import KeyRow, event_keys, to_date
from tidings.fusion.ledger import build
from tidings.fusion.settings import FusionSettings
from tidings.ids import record_id

logger = logging.getLogger(__name__)

#: Working tables of fusion (not exported: they are derived and rebuilt by `tidings fuse`).
INTERNAL_DDL: tuple[str, ...] = (
    "CREATE TABLE IF NOT EXISTS article_sketches (article_id VARCHAR PRIMARY KEY, "
    "signature UBIGINT[])",
    "CREATE TABLE IF NOT EXISTS article_bands (article_id VARCHAR, band_key BIGINT)",
    "CREATE TABLE IF NOT EXISTS article_leads (article_id VARCHAR PRIMARY KEY, "
    "happening_id VARCHAR)",
    "CREATE TABLE IF NOT EXISTS fusion_keys (event_id VARCHAR, article_id VARCHAR, "
    "happening_id VARCHAR, key VARCHAR, lo DATE, hi DATE, soft BOOLEAN, anchor DATE, "
    "direction VARCHAR)",
    # stores fused before guessed windows were told apart
    "ALTER TABLE fusion_keys ADD COLUMN IF NOT EXISTS soft BOOLEAN",
    "ALTER TABLE fusion_keys ADD COLUMN IF NOT EXISTS anchor DATE",
    "ALTER TABLE fusion_keys ADD COLUMN IF NOT EXISTS direction VARCHAR",
)


@dataclass(slots=True)
class FusionStats:
    """What one update changed."""

    articles: int = 0
    duplicates: int = 0
    happenings: int = 0
    stories: int = 0


def ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create fusion's working tables when missing."""
    for ddl in INTERNAL_DDL:
        con.execute(ddl)


class _Ids:
    """A list of ids registered as a one-column relation, for joins on large id sets."""

    def __init__(self, con: duckdb.DuckDBPyConnection, name: str, ids: Iterable[str]) -> None:
        self.con, self.name = con, name
        self.ids = sorted(set(ids))
        con.register(name, pa.table({"id": pa.array(self.ids, pa.string())}))

    def __enter__(self) -> str:
        return self.name

    def __exit__(self, *exc: object) -> None:
        self.con.unregister(self.name)


def _insert(con: duckdb.DuckDBPyConnection, table: str, data: pa.Table) -> None:
    """Append an Arrow table to ``table`` (its columns in the table's order)."""
    con.register("_fu_insert", data)
    try:
        con.execute(f"INSERT INTO {table} SELECT * FROM _fu_insert")
    finally:
        con.unregister("_fu_insert")


def _rows(
    con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()
) -> list[dict[str, Any]]:
    cur = con.execute(sql, list(params))
    names = [d[0] for d in cur.description or []]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def update(
    con: duckdb.DuckDBPyConnection, article_ids: Sequence[str], settings: FusionSettings
) -> FusionStats:
    """Bring fusion up to date after ``article_ids`` were written (or re-written).

    Call it inside the transaction that wrote them.

    Args:
        con: Connection to the store.
        article_ids: Articles just written.
        settings: Fusion thresholds.

    Returns:
        Counts of what was recomputed.
    """
    ensure_tables(con)
    stats = FusionStats(articles=len(set(article_ids)))
    if not article_ids:
        return stats
    touched = _update_duplicates(con, article_ids, settings)
    stats.duplicates = len(touched)
    dirty_articles = set(article_ids) | touched
    # the newest publication day decides which plans are overdue: read it once per update
    newest = _newest(con)
    new_happenings = _update_happenings(con, article_ids, touched, settings, newest)
    stats.happenings = len(new_happenings)
    _refresh_plans(con, newest)
    stats.stories = _update_stories(con, dirty_articles, new_happenings, settings)
    return stats


# -- duplicates ----------------------------------------------------------------------------


def _update_duplicates(
    con: duckdb.DuckDBPyConnection, article_ids: Sequence[str], s: FusionSettings
) -> set[str]:
    """Sketch the new articles, find their copies and regroup; returns articles whose group
    changed (the new ones included)."""
    with _Ids(con, "_fu_new", article_ids) as new:
        con.execute(f"DELETE FROM article_sketches WHERE article_id IN (SELECT id FROM {new})")
        con.execute(f"DELETE FROM article_bands WHERE article_id IN (SELECT id FROM {new})")
        arts = _rows(
            con, f"SELECT id, title, text FROM articles WHERE id IN (SELECT id FROM {new})"
        )
        sketch_ids: list[str] = []
        sigs: list[list[int]] = []
        band_ids: list[str] = []
        bands: list[int] = []
        for a in arts:
            # the body only: syndicated copies often carry a rewritten headline
            sig = dup.signature(a.get("text") or a.get("title") or "")
            if sig is None:
                continue
            sketch_ids.append(a["id"])
            sigs.append([int(v) for v in sig])
            for key in dup.band_keys(sig, s.duplicate_threshold):
                band_ids.append(a["id"])
                bands.append(key)
        if sketch_ids:
            _insert(
                con,
                "article_sketches",
                pa.table(
                    {
                        "article_id": pa.array(sketch_ids, pa.string()),
                        "signature": pa.array(sigs, pa.list_(pa.uint64())),
                    }
                ),
            )
            con.register(
                "_fu_bands",
                pa.table(
                    {
                        "article_id": pa.array(band_ids, pa.string()),
                        "band_key": pa.array(bands, pa.int64()),
                    }
                ),
            )
            con.execute("INSERT INTO article_bands SELECT article_id, band_key FROM _fu_bands")
            candidates = con.execute(
                "SELECT DISTINCT n.article_id, b.article_id FROM _fu_bands n "
                "JOIN article_bands b ON b.band_key = n.band_key "
                "WHERE b.article_id <> n.article_id"
            ).fetchall()
            con.unregister("_fu_bands")
        else:
            candidates = []
        previous = {
            r[0]: r[1]
            for r in con.execute(
                "SELECT id, duplicate_of FROM articles WHERE id IN (SELECT id FROM _fu_new)"
            ).fetchall()
        }
    pairs = {tuple(sorted(p)) for p in candidates}
    involved = sorted({a for p in pairs for a in p})
    signatures: dict[str, list[int]] = {}
    if involved:
        with _Ids(con, "_fu_inv", involved) as inv:
            for aid, sig in con.execute(
                f"SELECT article_id, signature FROM article_sketches "
                f"WHERE article_id IN (SELECT id FROM {inv})"
            ).fetchall():
                signatures[aid] = sig
    confirmed = [
        (a, b)
        for a, b in sorted(pairs)
        if a in signatures
        and b in signatures
        and dup.similarity(signatures[a], signatures[b]) >= s.duplicate_threshold
    ]
    linked = sorted({a for p in confirmed for a in p})
    if not linked:
        # new articles that match nothing are originals (write_tables left them null)
        changed = {a for a, before in previous.items() if before is not None}
        if changed:
            with _Ids(con, "_fu_ch", changed) as ch:
                con.execute(
                    f"UPDATE articles SET duplicate_of = NULL WHERE id IN (SELECT id FROM {ch})"
                )
        return set(article_ids)
    with _Ids(con, "_fu_link", linked) as link:
        heads = con.execute(
            f"SELECT DISTINCT coalesce(duplicate_of, id) FROM articles "
            f"WHERE id IN (SELECT id FROM {link})"
        ).fetchall()
    with _Ids(con, "_fu_heads", [h[0] for h in heads]) as hs:
        members = _rows(
            con,
            f"SELECT id, published, coalesce(duplicate_of, id) AS head FROM articles "
            f"WHERE coalesce(duplicate_of, id) IN (SELECT id FROM {hs}) "
            f"OR id IN (SELECT id FROM {hs})",
        )
    existing: dict[str, list[str]] = {}
    for m in members:
        existing.setdefault(m["head"], []).append(m["id"])
    groups = dup.duplicate_groups(confirmed, [sorted(g) for g in existing.values()])
    published = {m["id"]: m["published"] for m in members}
    if any(a not in published for g in groups for a in g):
        with _Ids(con, "_fu_more", [a for g in groups for a in g]) as more:
            for aid, pub in con.execute(
                f"SELECT id, published FROM articles WHERE id IN (SELECT id FROM {more})"
            ).fetchall():
                published[aid] = pub
    assign: list[tuple[str, str | None]] = []
    touched: set[str] = set(article_ids)
    for group in groups:
        head = min(group, key=lambda m: (str(published.get(m) or "9999"), m))
        for member in group:
            assign.append((member, None if member == head else head))
            touched.add(member)
    con.register(
        "_fu_assign",
        pa.table(
            {
                "id": pa.array([a for a, _ in assign], pa.string()),
                "head": pa.array([h for _, h in assign], pa.string()),
            }
        ),
    )
    con.execute(
        "UPDATE articles SET duplicate_of = _fu_assign.head FROM _fu_assign "
        "WHERE articles.id = _fu_assign.id"
    )
    con.unregister("_fu_assign")
    return touched


# -- happenings ----------------------------------------------------------------------------


def _update_happenings(
    con: duckdb.DuckDBPyConnection,
    article_ids: Sequence[str],
    touched_articles: set[str],
    s: FusionSettings,
    newest: dt.date | None,
) -> set[str]:
    """Regroup the happenings the new events can join; returns the new happening ids."""
    tol = int(s.date_tolerance_days)
    with (
        _Ids(con, "_fu_arts", article_ids) as arts,
        _Ids(con, "_fu_touch", touched_articles) as tch,
    ):
        dirty = {
            r[0]
            for r in con.execute(
                f"SELECT DISTINCT happening_id FROM fusion_keys WHERE happening_id IS NOT NULL "
                f"AND (article_id IN (SELECT id FROM {arts}) "
                f"OR article_id IN (SELECT id FROM {tch}))"
            ).fetchall()
        }
        con.execute(f"DELETE FROM fusion_keys WHERE article_id IN (SELECT id FROM {arts})")
        new_events = _rows(
            con,
            f"SELECT e.id, e.article_id, e.type, e.mode, e.status, e.source_countries, "
            f"e.target_countries, e.date_start, e.date_end, e.date_precision, e.date_rule, "
            f"a.published FROM events e JOIN articles a ON a.id = e.article_id "
            f"WHERE e.article_id IN (SELECT id FROM {arts})",
        )
    keys: list[KeyRow] = []
    for e in new_events:
        keys.extend(event_keys(e, to_date(e.get("published")), s))
    key_table = _key_table(keys)
    con.register("_fu_nk", key_table)
    dirty |= {
        r[0]
        for r in con.execute(
            "SELECT DISTINCT k.happening_id FROM _fu_nk n JOIN fusion_keys k "
            "ON k.key = n.key AND n.key <> '' "
            f"AND k.lo <= n.hi + INTERVAL {tol} DAY AND n.lo <= k.hi + INTERVAL {tol} DAY "
            "WHERE k.happening_id IS NOT NULL"
        ).fetchall()
    }
    con.execute(
        "INSERT INTO fusion_keys (event_id, article_id, happening_id, key, lo, hi, soft, anchor, "
        "direction) SELECT event_id, article_id, NULL, key, lo, hi, soft, anchor, direction "
        "FROM _fu_nk"
    )
    con.unregister("_fu_nk")
    # A guessed window's choice depends only on the dated reports it overlaps, so the
    # happenings found above are all a new report can change (docs/fusion.md).
    with _Ids(con, "_fu_dirty", dirty) as dty, _Ids(con, "_fu_arts2", article_ids) as arts:
        affected_keys = _rows(
            con,
            f"SELECT event_id, article_id, key, lo, hi, soft, anchor, direction FROM fusion_keys "
            f"WHERE happening_id IN (SELECT id FROM {dty}) "
            f"OR article_id IN (SELECT id FROM {arts})",
        )
        con.execute(f"DELETE FROM happenings WHERE id IN (SELECT id FROM {dty})")
        con.execute(f"DELETE FROM ledger WHERE happening_id IN (SELECT id FROM {dty})")
    rows = [
        KeyRow(
            r["event_id"],
            r["article_id"],
            r["key"] or "",
            r["lo"],
            r["hi"],
            bool(r["soft"]),
            r["anchor"],
            r["direction"] or "",
        )
        for r in affected_keys
    ]
    groups = components(rows, tol)
    event_ids = sorted({r.event_id for r in rows})
    if not event_ids:
        return set()
    with _Ids(con, "_fu_ev", event_ids) as evs:
        events = {
            e["id"]: e
            for e in _rows(
                con,
                f"SELECT id, article_id, type, mode, quad_class, goldstein, status, "
                f"source_countries, target_countries, date_start, date_end, date_precision, "
                f"date_rule, sentence, sentence_start, sentence_end, attribution "
                f"FROM events WHERE id IN (SELECT id FROM {evs})",
            )
        }
        claims: dict[str, list[dict[str, Any]]] = {}
        for c in _rows(
            con,
            f"SELECT id, event_id, kind, claimant_name, claimant_text, claimant_country, "
            f"claimant_kb_id, via, cue, cue_start, cue_end, sentence_start FROM claims "
            f"WHERE event_id IN (SELECT id FROM {evs})",
        ):
            claims.setdefault(c["event_id"], []).append(c)
    with _Ids(con, "_fu_ea", {e["article_id"] for e in events.values()}) as ea:
        articles = {
            a["id"]: a
            for a in _rows(
                con,
                f"SELECT id, published, source, url, origin, duplicate_of FROM articles "
                f"WHERE id IN (SELECT id FROM {ea})",
            )
        }
    happening_rows: list[dict[str, Any]] = []
    entry_rows: list[dict[str, Any]] = []
    assign_event: list[str] = []
    assign_happening: list[str] = []
    for group in groups:
        present = [i for i in group if i in events]
        if not present:
            continue
        h = build(present, events, claims, articles, newest, s)
        happening_rows.append(h.row)
        entry_rows.extend(en.row() for en in h.entries)
        for i in present:
            assign_event.append(i)
            assign_happening.append(h.row["id"])
    from tidings.store.rows import to_arrow

    _insert(con, "happenings", to_arrow("happenings", happening_rows))
    _insert(con, "ledger", to_arrow("ledger", entry_rows))
    con.register(
        "_fu_as",
        pa.table(
            {
                "event_id": pa.array(assign_event, pa.string()),
                "happening_id": pa.array(assign_happening, pa.string()),
            }
        ),
    )
    con.execute(
        "UPDATE fusion_keys SET happening_id = _fu_as.happening_id FROM _fu_as "
        "WHERE fusion_keys.event_id = _fu_as.event_id"
    )
    con.execute(
        "UPDATE events SET happening_id = _fu_as.happening_id FROM _fu_as "
        "WHERE events.id = _fu_as.event_id"
    )
    con.unregister("_fu_as")
    # keys of events no longer stored (an article re-written with fewer events)
    con.execute("DELETE FROM fusion_keys WHERE happening_id IS NULL")
    return {r["id"] for r in happening_rows}


def _key_table(keys: list[KeyRow]) -> pa.Table:
    return pa.table(
        {
            "event_id": pa.array([k.event_id for k in keys], pa.string()),
            "article_id": pa.array([k.article_id for k in keys], pa.string()),
            "key": pa.array([k.key for k in keys], pa.string()),
            "lo": pa.array([k.lo for k in keys], pa.date32()),
            "hi": pa.array([k.hi for k in keys], pa.date32()),
            "soft": pa.array([k.soft for k in keys], pa.bool_()),
            "anchor": pa.array([k.anchor for k in keys], pa.date32()),
            "direction": pa.array([k.direction for k in keys], pa.string()),
        }
    )


def _newest(con: duckdb.DuckDBPyConnection) -> dt.date | None:
    rows = con.execute("SELECT max(left(published, 10)) FROM articles").fetchall()
    return to_date(rows[0][0]) if rows else None


def _refresh_plans(con: duckdb.DuckDBPyConnection, newest: dt.date | None) -> None:
    """Plans still pending whose window closed before the newest article are unobserved."""
    if newest is None:
        return
    con.execute(
        "UPDATE happenings SET plan_outcome = 'unobserved' "
        "WHERE plan_outcome = 'pending' AND plan_window_end < ?",
        [newest.isoformat()],
    )


# -- stories -------------------------------------------------------------------------------


def _update_stories(
    con: duckdb.DuckDBPyConnection,
    dirty_articles: set[str],
    new_happenings: set[str],
    s: FusionSettings,
) -> int:
    """Regroup the stories of the articles whose happenings or copies changed.

    An article's lead happening is the happening of its first event (earliest sentence,
    then highest confidence); a copy takes its original's. The articles that lead with one
    happening form its story, split where their publication dates are more than
    ``story_window_days`` apart. Stories never chain through articles that report several
    happenings.
    """
    with _Ids(con, "_fu_nh", new_happenings) as nh:
        dirty_articles |= {
            r[0]
            for r in con.execute(
                f"SELECT DISTINCT article_id FROM events "
                f"WHERE happening_id IN (SELECT id FROM {nh})"
            ).fetchall()
        }
    with _Ids(con, "_fu_da", dirty_articles) as da:
        old = {
            r[0]
            for r in con.execute(
                f"SELECT DISTINCT happening_id FROM article_leads "
                f"WHERE article_id IN (SELECT id FROM {da})"
            ).fetchall()
        }
        firsts = con.execute(
            f"SELECT article_id, arg_min(happening_id, (sentence_start, -confidence, id)) "
            f"FROM events WHERE happening_id IS NOT NULL AND article_id IN (SELECT id FROM {da}) "
            f"GROUP BY article_id"
        ).fetchall()
        copies = con.execute(
            f"SELECT id, duplicate_of FROM articles WHERE duplicate_of IS NOT NULL "
            f"AND id IN (SELECT id FROM {da})"
        ).fetchall()
        con.execute(f"DELETE FROM article_leads WHERE article_id IN (SELECT id FROM {da})")
    lead = dict(firsts)
    originals = {c for _, c in copies if c not in lead}
    if originals:
        with _Ids(con, "_fu_or", originals) as orig:
            lead_of_original = dict(
                con.execute(
                    f"SELECT article_id, happening_id FROM article_leads "
                    f"WHERE article_id IN (SELECT id FROM {orig})"
                ).fetchall()
            )
    else:
        lead_of_original = {}
    for copy, original in copies:
        found = lead.get(original) or lead_of_original.get(original)
        if found:
            lead[copy] = found
    _insert(
        con,
        "article_leads",
        pa.table(
            {
                "article_id": pa.array(list(lead), pa.string()),
                "happening_id": pa.array(list(lead.values()), pa.string()),
            }
        ),
    )
    scope = old | set(lead.values())
    with _Ids(con, "_fu_sh", scope) as sh:
        members = _rows(
            con,
            f"SELECT l.happening_id, a.id, a.title, a.published, a.source, a.url, a.origin, "
            f"a.duplicate_of, a.story_id FROM article_leads l JOIN articles a "
            f"ON a.id = l.article_id WHERE l.happening_id IN (SELECT id FROM {sh})",
        )
    stale = {m["story_id"] for m in members if m["story_id"]}
    with _Ids(con, "_fu_old", stale) as st, _Ids(con, "_fu_da2", dirty_articles) as da:
        con.execute(f"DELETE FROM stories WHERE id IN (SELECT id FROM {st})")
        con.execute(
            f"UPDATE articles SET story_id = NULL WHERE story_id IN (SELECT id FROM {st}) "
            f"OR id IN (SELECT id FROM {da})"
        )
    by_happening: dict[str, list[dict[str, Any]]] = {}
    for m in members:
        by_happening.setdefault(m["happening_id"], []).append(m)
    from tidings.fusion.ledger import outlet_of

    gap = dt.timedelta(days=s.story_window_days)
    story_rows: list[dict[str, Any]] = []
    for hid, arts in sorted(by_happening.items()):
        arts.sort(key=lambda m: (str(m.get("published") or "9999"), m["id"]))
        runs: list[list[dict[str, Any]]] = []
        last: dt.date | None = None
        for m in arts:
            day = to_date(m.get("published"))
            if runs and (day is None or last is None or day - last <= gap):
                runs[-1].append(m)
            else:
                runs.append([m])
            last = day or last
        for run in runs:
            if len(run) < 2:
                continue
            heads = [m for m in run if not m.get("duplicate_of")] or run
            story_rows.append(
                {
                    "id": record_id("s", run[0]["id"]),
                    "title": heads[0].get("title"),
                    "first_published": run[0].get("published"),
                    "last_published": run[-1].get("published"),
                    "n_articles": len(run),
                    "outlets": list(dict.fromkeys(outlet_of(m) for m in run)),
                    "article_ids": [m["id"] for m in run],
                    "happening_ids": [hid],
                }
            )
    if not story_rows:
        return 0
    from tidings.store.rows import to_arrow

    con.register("_fu_st", to_arrow("stories", story_rows))
    con.execute("DELETE FROM stories WHERE id IN (SELECT id FROM _fu_st)")
    con.execute("INSERT INTO stories SELECT * FROM _fu_st")
    con.execute(
        "UPDATE articles SET story_id = m.id FROM "
        "(SELECT id, unnest(article_ids) AS article_id FROM _fu_st) m "
        "WHERE articles.id = m.article_id"
    )
    con.unregister("_fu_st")
    return len(story_rows)


def rebuild(
    con: duckdb.DuckDBPyConnection, settings: FusionSettings, *, chunk: int = 2000
) -> FusionStats:
    """Recompute duplicates, happenings, ledgers and stories for the whole store.

    Used after a change of thresholds or on a store written before fusion existed; the
    result is the one incremental updates give.
    """
    ensure_tables(con)
    for table in (
        "article_sketches",
        "article_bands",
        "article_leads",
        "fusion_keys",
        "happenings",
        "ledger",
        "stories",
    ):
        con.execute(f"DELETE FROM {table}")
    con.execute("UPDATE articles SET duplicate_of = NULL, story_id = NULL")
    con.execute("UPDATE events SET happening_id = NULL")
    ids = [r[0] for r in con.execute("SELECT id FROM articles ORDER BY id").fetchall()]
    total = FusionStats()
    for i in range(0, len(ids), chunk):
        part = update(con, ids[i : i + chunk], settings)
        total.articles += part.articles
        total.duplicates += part.duplicates
    total.happenings = int(con.execute("SELECT count(*) FROM happenings").fetchall()[0][0])
    total.stories = int(con.execute("SELECT count(*) FROM stories").fetchall()[0][0])
    return total
