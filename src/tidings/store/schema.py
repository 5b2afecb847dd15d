"""Table definitions: one column list per table drives the DuckDB DDL, the Arrow schema of
Parquet partitions and the codebook in ``docs/schema.md``."""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

SCHEMA_VERSION = 1


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
        Column("date_end", "VARCHAR", _S, "Last day of the event's date or interval (ISO 8601); 9999-12-31 when open-ended (a plan with no date)."),
        Column("date_precision", "VARCHAR", _S, "day, week, month, quarter, season, year, decade or unknown."),
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
        Column("n_documents", "INTEGER", _I, "Documents read (including skipped and rejected)."),
        Column("n_skipped", "INTEGER", _I, "Documents already in the store, skipped."),
        Column("n_articles", "INTEGER", _I, "Articles written."),
        Column("n_events", "INTEGER", _I, "Events written."),
        Column("n_claims", "INTEGER", _I, "Claims written."),
        Column("n_rejects", "INTEGER", _I, "Inputs rejected."),
    ],
    "cluster_partitions": [
        Column("id", "VARCHAR PRIMARY KEY", _S, "Partition or task id (source location and batch index)."),
        Column("run_key", "VARCHAR", _S, "Key of the cluster run: its inputs and settings."),
        Column("kind", "VARCHAR", _S, "`partition` (one batch) or `task` (all partitions of a task)."),
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
