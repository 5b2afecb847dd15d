"""Table definitions: one column list per table drives the DuckDB DDL, the Arrow schema of
Parquet partitions and the codebook in ``docs/schema.md``."""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

SCHEMA_VERSION = 2


@dataclass(frozen=True, slots=True)
class Column:
    """One column: name, DuckDB type, Arrow type and its codebook description."""

    name: str
    sql: str
    arrow: pa.DataType
    doc: str


_S, _I, _F, _B = pa.string(), pa.int64(), pa.float64(), pa.bool_()
_LS = pa.list_(pa.string())

TABLES: dict[str, list[Column]] = {
    "articles": [
        Column("id", "VARCHAR PRIMARY KEY", _S, "Content-based id of the document (`a` + 16 hex)."),
        Column("url", "VARCHAR", _S, "Canonical URL when known."),
        Column("title", "VARCHAR", _S, "Headline."),
        Column("author", "VARCHAR", _S, "Byline."),
        Column("published", "VARCHAR", _S, "Publication date or timestamp, ISO 8601."),
        Column("source", "VARCHAR", _S, "Publisher, site or agency."),
        Column("language", "VARCHAR", _S, "ISO 639-1 language code; only `en` is coded."),
        Column(
            "text",
            "VARCHAR",
            _S,
            "Clean body; paragraphs separated by a blank line. All offsets point here.",
        ),
        Column(
            "summary",
            "VARCHAR[]",
            _LS,
            "Trailing summary or key-takeaways list, kept out of the body.",
        ),
        Column(
            "origin", "VARCHAR", _S, "Path, URL or `<stdin>` it came from, with a record locator."
        ),
        Column("format", "VARCHAR", _S, "Input format: html, text, json, warc, feed."),
        Column("extractor", "VARCHAR", _S, "What produced the text: trafilatura, plaintext, ..."),
        Column("coded", "BOOLEAN", _B, "Whether events were coded (false for other languages)."),
        Column("n_events", "INTEGER", _I, "Number of events found."),
        Column("n_claims", "INTEGER", _I, "Number of claims found."),
        Column(
            "duplicate_of",
            "VARCHAR",
            _S,
            "Earliest stored copy of this article (`articles.id`) when it is a near-duplicate"
            " (wire copy, syndicated rewrite, re-publication); null otherwise.",
        ),
        Column("story_id", "VARCHAR", _S, "Story the article belongs to (`stories.id`), or null."),
    ],
    "events": [
        Column(
            "id",
            "VARCHAR PRIMARY KEY",
            _S,
            "Stable id: article, trigger offsets and type (`e` + 16 hex).",
        ),
        Column("article_id", "VARCHAR", _S, "Article the event was found in (`articles.id`)."),
        Column("type", "VARCHAR", _S, "PLOVER event type, e.g. CONSULT, ASSAULT."),
        Column("mode", "VARCHAR", _S, "PLOVER mode, e.g. visit; empty when none applies."),
        Column("cameo", "VARCHAR", _S, "CAMEO code from the PLOVER crosswalk."),
        Column(
            "quad_class",
            "INTEGER",
            _I,
            "1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.",
        ),
        Column("goldstein", "DOUBLE", _F, "Goldstein score (-10 to +10) of the CAMEO code."),
        Column(
            "status",
            "VARCHAR",
            _S,
            "confirmed, asserted, reported, alleged, denied, planned, speculative, hypothetical or negated.",
        ),
        Column(
            "source_countries",
            "VARCHAR[]",
            _LS,
            "Country codes of the source actors (ISO 3166 alpha-3, or IGO).",
        ),
        Column("target_countries", "VARCHAR[]", _LS, "Country codes of the target actors."),
        Column(
            "date_start", "VARCHAR", _S, "First day of the event's date or interval (ISO 8601)."
        ),
        Column(
            "date_end",
            "VARCHAR",
            _S,
            "Last day of the event's date or interval (ISO 8601); 9999-12-31 when open-ended (a plan with no date).",
        ),
        Column(
            "date_precision",
            "VARCHAR",
            _S,
            "day, week, month, quarter, season, year, decade or unknown.",
        ),
        Column(
            "date_text",
            "VARCHAR",
            _S,
            "The time expression used; empty when the publication date was used.",
        ),
        Column("date_rule", "VARCHAR", _S, "Rule that resolved the date."),
        Column("sentence", "VARCHAR", _S, "Evidence sentence."),
        Column(
            "sentence_start", "INTEGER", _I, "Character offset of the sentence in `articles.text`."
        ),
        Column("sentence_end", "INTEGER", _I, "End offset (exclusive) of the sentence."),
        Column("trigger", "VARCHAR", _S, "Trigger word(s)."),
        Column(
            "trigger_start", "INTEGER", _I, "Character offset of the trigger in `articles.text`."
        ),
        Column("trigger_end", "INTEGER", _I, "End offset (exclusive) of the trigger."),
        Column(
            "attribution", "JSON", _S, "Chain of sources: `[{source, kind, via, cue}]` (see below)."
        ),
        Column(
            "places", "JSON", _S, "Places in the sentence: `[{name, country, text, start, end}]`."
        ),
        Column(
            "quantities",
            "JSON",
            _S,
            "Quantities: `[{value, unit, approximate, text, start, end}]`.",
        ),
        Column("date", "JSON", _S, "The full date record, including offsets of the expression."),
        Column("rule", "VARCHAR", _S, "Lexicon entry, pattern or model that produced the event."),
        Column("confidence", "DOUBLE", _F, "Score in [0, 1]."),
        Column(
            "happening_id",
            "VARCHAR",
            _S,
            "The real-world happening this report is fused into (`happenings.id`).",
        ),
    ],
    "event_actors": [
        Column("id", "VARCHAR PRIMARY KEY", _S, "Stable id: event, side and position."),
        Column("event_id", "VARCHAR", _S, "The event (`events.id`)."),
        Column("article_id", "VARCHAR", _S, "The article (`articles.id`)."),
        Column("side", "VARCHAR", _S, "`source` or `target`."),
        Column("position", "INTEGER", _I, "Order of the actor on its side, from 0."),
        Column("text", "VARCHAR", _S, "Actor text as written."),
        Column("name", "VARCHAR", _S, "Canonical name."),
        Column("country", "VARCHAR", _S, "ISO 3166 alpha-3 code, or IGO for international bodies."),
        Column("sector", "VARCHAR", _S, "government, military, media, igo, rebel, ..."),
        Column("role", "VARCHAR", _S, "Role word, e.g. defense minister."),
        Column(
            "kb_id", "VARCHAR", _S, "Knowledge-base id when resolved through the knowledge base."
        ),
        Column("start", "INTEGER", _I, "Character offset in `articles.text`."),
        Column("end", "INTEGER", _I, "End offset (exclusive)."),
        Column("rule", "VARCHAR", _S, "How the actor was resolved."),
    ],
    "claims": [
        Column(
            "id", "VARCHAR PRIMARY KEY", _S, "Stable id: article, cue, claimant, event and kind."
        ),
        Column("article_id", "VARCHAR", _S, "The article (`articles.id`)."),
        Column(
            "kind",
            "VARCHAR",
            _S,
            "statement, report, allegation, denial, confirmation or unconfirmed (the claimant"
            " declined or failed to confirm).",
        ),
        Column(
            "event_id",
            "VARCHAR",
            _S,
            "Event the claim is about (`events.id`); null when none was coded.",
        ),
        Column("claimant_text", "VARCHAR", _S, "Claimant as written."),
        Column("claimant_name", "VARCHAR", _S, "Canonical claimant name."),
        Column("claimant_country", "VARCHAR", _S, "Claimant's country code."),
        Column("claimant_sector", "VARCHAR", _S, "Claimant's sector."),
        Column("claimant_kb_id", "VARCHAR", _S, "Claimant's knowledge-base id."),
        Column("claimant", "JSON", _S, "The full claimant actor record, with offsets."),
        Column("via", "JSON", _S, "Relaying outlets or speakers, nearest first."),
        Column("quantities", "JSON", _S, "Figures the claim states."),
        Column("sentence", "VARCHAR", _S, "Evidence sentence."),
        Column(
            "sentence_start", "INTEGER", _I, "Character offset of the sentence in `articles.text`."
        ),
        Column("sentence_end", "INTEGER", _I, "End offset (exclusive)."),
        Column("cue", "VARCHAR", _S, "Attribution cue, e.g. said, denied, according to."),
        Column("cue_start", "INTEGER", _I, "Character offset of the cue."),
        Column("cue_end", "INTEGER", _I, "End offset (exclusive) of the cue."),
        Column("rule", "VARCHAR", _S, "Rule or model that produced the claim."),
    ],
    "rejects": [
        Column("id", "VARCHAR PRIMARY KEY", _S, "Stable id: origin, stage and reason."),
        Column("origin", "VARCHAR", _S, "Path, URL or record locator of the rejected input."),
        Column("stage", "VARCHAR", _S, "ingest, extract, nlp or store."),
        Column(
            "reason",
            "VARCHAR",
            _S,
            "Reason code: empty, binary, truncated, encoding, too-large, ...",
        ),
        Column("detail", "VARCHAR", _S, "One line: what happened and what to do."),
        Column("document_id", "VARCHAR", _S, "Document id when one was computed."),
    ],
    "runs": [
        Column("id", "VARCHAR PRIMARY KEY", _S, "Run id: inputs and start time."),
        Column("started_at", "VARCHAR", _S, "Start time (UTC, ISO 8601)."),
        Column("finished_at", "VARCHAR", _S, "End time; null while running or when killed."),
        Column(
            "status",
            "VARCHAR",
            _S,
            "running, finished, finished-with-rejects, interrupted or failed.",
        ),
        Column("inputs", "JSON", _S, "Inputs given on the command line."),
        Column("config", "JSON", _S, "Effective configuration."),
        Column("version", "VARCHAR", _S, "tidings version."),
        Column(
            "pid",
            "INTEGER",
            _I,
            "Process id of the run; a `running` run whose process is gone is marked "
            "`interrupted` when the next run starts on the same host.",
        ),
        Column("host", "VARCHAR", _S, "Host name of the machine the run ran on."),
        Column("n_documents", "INTEGER", _I, "Documents read (including skipped and rejected)."),
        Column("n_skipped", "INTEGER", _I, "Documents already in the store, skipped."),
        Column("n_articles", "INTEGER", _I, "Articles written."),
        Column("n_events", "INTEGER", _I, "Events written."),
        Column("n_claims", "INTEGER", _I, "Claims written."),
        Column("n_rejects", "INTEGER", _I, "Inputs rejected."),
    ],
    "happenings": [
        Column("id", "VARCHAR PRIMARY KEY", _S, "Id from its earliest report (`h` + 16 hex)."),
        Column("type", "VARCHAR", _S, "PLOVER event type shared by its reports."),
        Column("mode", "VARCHAR", _S, "Most frequent PLOVER mode of its reports."),
        Column("quad_class", "INTEGER", _I, "Most frequent quad class of its reports."),
        Column("goldstein", "DOUBLE", _F, "Mean Goldstein score of its reports."),
        Column("source_countries", "VARCHAR[]", _LS, "Country codes of the source side."),
        Column("target_countries", "VARCHAR[]", _LS, "Country codes of the target side."),
        Column(
            "date_start",
            "VARCHAR",
            _S,
            "First day: from reports that it took place, else from its plans, else any report.",
        ),
        Column("date_end", "VARCHAR", _S, "Last day (9999-12-31 for a plan with no date)."),
        Column("date_precision", "VARCHAR", _S, "day, days, week, month, ... or unknown."),
        Column(
            "status",
            "VARCHAR",
            _S,
            "confirmed, asserted, contested, reported, alleged, planned, cancelled, denied,"
            " speculative, hypothetical or negated (see docs/fusion.md).",
        ),
        Column(
            "contested",
            "BOOLEAN",
            _B,
            "A party to the happening denied it while others reported or alleged it.",
        ),
        Column("party_confirmed", "BOOLEAN", _B, "A party to the happening confirmed it."),
        Column("party_denied", "BOOLEAN", _B, "A party to the happening denied it."),
        Column("first_reported_date", "VARCHAR", _S, "Publication day of the earliest report."),
        Column("first_reported_outlet", "VARCHAR", _S, "Outlet of the earliest report."),
        Column("first_reported_article", "VARCHAR", _S, "Article of the earliest report."),
        Column("last_reported_date", "VARCHAR", _S, "Publication day of the latest report."),
        Column("reports", "INTEGER", _I, "Articles reporting it, near-duplicates not counted."),
        Column("outlets", "VARCHAR[]", _LS, "Outlets that carried it, copies included."),
        Column(
            "independent_sources",
            "INTEGER",
            _I,
            "Distinct outlets whose own (not copied) articles support it; a denial is no support.",
        ),
        Column("claimants", "VARCHAR[]", _LS, "Who was quoted about it."),
        Column(
            "plan_outcome",
            "VARCHAR",
            _S,
            "For an announced happening: fulfilled, cancelled, pending or unobserved; null"
            " when it was never planned.",
        ),
        Column(
            "plan_fulfilled_by", "VARCHAR", _S, "Happening holding the reports that it took place."
        ),
        Column(
            "plan_lead_days", "INTEGER", _I, "Days from the first announcement to the happening."
        ),
        Column("plan_announced", "VARCHAR", _S, "Publication day of the first announcement."),
        Column("plan_window_start", "VARCHAR", _S, "First day the plan could come true."),
        Column("plan_window_end", "VARCHAR", _S, "Last day the plan could come true."),
        Column("n_events", "INTEGER", _I, "Events (reports in sentences) fused into it."),
        Column("event_ids", "VARCHAR[]", _LS, "Its events (`events.id`), earliest first."),
        Column("article_ids", "VARCHAR[]", _LS, "Articles of its events, earliest first."),
    ],
    "ledger": [
        Column("id", "VARCHAR PRIMARY KEY", _S, "Stable id: event and claim."),
        Column("happening_id", "VARCHAR", _S, "The happening (`happenings.id`)."),
        Column("position", "INTEGER", _I, "Order in the happening's ledger, from 0."),
        Column("date", "VARCHAR", _S, "Publication day of the article saying it."),
        Column("published", "VARCHAR", _S, "Publication date or timestamp as given."),
        Column("article_id", "VARCHAR", _S, "The article (`articles.id`)."),
        Column("outlet", "VARCHAR", _S, "Outlet of the article (its source, else its host)."),
        Column("duplicate_of", "VARCHAR", _S, "The article's earlier copy when it is one."),
        Column("event_id", "VARCHAR", _S, "The event (`events.id`)."),
        Column(
            "claim_id",
            "VARCHAR",
            _S,
            "The claim (`claims.id`), or null for the outlet's own account.",
        ),
        Column(
            "kind",
            "VARCHAR",
            _S,
            "Claim kind (statement, report, allegation, denial, confirmation, unconfirmed), or"
            " narration when the outlet says it without quoting anyone.",
        ),
        Column("status", "VARCHAR", _S, "What this entry says of the happening (event statuses)."),
        Column("claimant", "VARCHAR", _S, "Who says it; null when the outlet does."),
        Column("claimant_country", "VARCHAR", _S, "Claimant's country code."),
        Column("claimant_kb_id", "VARCHAR", _S, "Claimant's knowledge-base id."),
        Column("via", "VARCHAR[]", _LS, "Who relayed it, nearest first."),
        Column("anonymous", "BOOLEAN", _B, "The claimant is unnamed (officials, sources)."),
        Column("party", "BOOLEAN", _B, "The claimant's country is a side of the happening."),
        Column("event_date_start", "VARCHAR", _S, "Date this report gives, first day."),
        Column("event_date_end", "VARCHAR", _S, "Date this report gives, last day."),
        Column("sentence", "VARCHAR", _S, "Evidence sentence."),
        Column("sentence_start", "INTEGER", _I, "Offset of the sentence in `articles.text`."),
        Column("sentence_end", "INTEGER", _I, "End offset (exclusive) of the sentence."),
        Column("cue", "VARCHAR", _S, "Attribution cue, e.g. said, denied."),
        Column("cue_start", "INTEGER", _I, "Offset of the cue."),
        Column("cue_end", "INTEGER", _I, "End offset (exclusive) of the cue."),
    ],
    "stories": [
        Column("id", "VARCHAR PRIMARY KEY", _S, "Id from its earliest article (`s` + 16 hex)."),
        Column("title", "VARCHAR", _S, "Headline of its earliest article."),
        Column("first_published", "VARCHAR", _S, "Publication date of its earliest article."),
        Column("last_published", "VARCHAR", _S, "Publication date of its latest article."),
        Column("n_articles", "INTEGER", _I, "Articles in it, copies included."),
        Column("outlets", "VARCHAR[]", _LS, "Outlets of its articles."),
        Column("article_ids", "VARCHAR[]", _LS, "Its articles, earliest first."),
        Column("happening_ids", "VARCHAR[]", _LS, "Happenings its articles report."),
    ],
    "cluster_partitions": [
        Column(
            "id",
            "VARCHAR PRIMARY KEY",
            _S,
            "Partition or task id (source location and batch index).",
        ),
        Column("run_key", "VARCHAR", _S, "Key of the cluster run: its inputs and settings."),
        Column(
            "kind", "VARCHAR", _S, "`partition` (one batch) or `task` (all partitions of a task)."
        ),
        Column("merged_at", "VARCHAR", _S, "When the driver merged it (UTC, ISO 8601)."),
        Column("n_documents", "INTEGER", _I, "Documents it held."),
    ],
}


def arrow_schema(table: str) -> pa.Schema:
    """Arrow schema of ``table`` (JSON columns travel as strings)."""
    return pa.schema([pa.field(c.name, c.arrow) for c in TABLES[table]])


def ddl(table: str) -> str:
    """``CREATE TABLE IF NOT EXISTS`` statement for ``table``."""
    cols = ", ".join(f'"{c.name}" {c.sql}' for c in TABLES[table])
    return f"CREATE TABLE IF NOT EXISTS {table} ({cols})"
