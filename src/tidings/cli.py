"""The ``tidings`` command line: a thin layer over the library.

Exit codes: 0 success; 1 error (the message says what to do); 2 usage error (bad option
or setting); 3 finished, but some inputs were rejected (see the summary or the ``rejects``
table); 4 quality gate failed; 130 interrupted (Ctrl-C); 143 terminated (SIGTERM).
"""

from __future__ import annotations

import contextlib
import copy
import json
import logging
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from tidings.config import DEFAULT_DB, Config, load_config
from tidings.errors import ConfigError, TidingsError
from tidings.output import happening_json, printable

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_REJECTS, EXIT_GATE, EXIT_INTERRUPTED = 0, 1, 2, 3, 4, 130
#: Exit code after SIGTERM (128 + 15, the shell's convention).
EXIT_TERMINATED = 143

F = TypeVar("F", bound=Callable[..., Any])


def _config_options(func: F) -> F:
    """Options shared by every command that reads configuration."""
    func = click.option(
        "--config",
        "config_file",
        type=click.Path(dir_okay=False),
        help="TOML config file (default: $TIDINGS_CONFIG or ./tidings.toml).",
    )(func)
    return func


def _db_option(func: F) -> F:
    return click.option(
        "--db", help=f"DuckDB database file (default: {DEFAULT_DB}, or $TIDINGS_DB)."
    )(func)


def _say(message: object = "", *, err: bool = False, **style: Any) -> None:
    """Print one line for a person. Every human-readable line of the CLI goes through here:
    control characters and escape sequences that came from the input (titles, outlets, file
    names, sentences) are shown visibly (``\\x1b``) instead of acting on the terminal."""
    click.secho(printable(message), err=err, **style)


def _say_lines(text: str, *, err: bool = False) -> None:
    """Print a block of lines the CLI composed itself (one :func:`_say` per line)."""
    for line in text.split("\n"):
        _say(line, err=err)


def _fail(exc: Exception) -> None:
    """Print ``exc`` and exit: 2 for a bad setting or option, 1 for any other error."""
    _say(f"error: {exc}", fg="red", err=True)
    sys.exit(EXIT_USAGE if isinstance(exc, ConfigError) else EXIT_ERROR)


def _echo_json(data: Any) -> None:
    """Print ``data`` as JSON, exactly (JSON escapes control characters itself)."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="tidings")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
def main(verbose: int) -> None:
    """Turn news into sourced, verifiable event data.

    \b
    Example:
        tidings run articles/ --db news.duckdb
        tidings events --db news.duckdb --dyad PRK-RUS --status planned
    """
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.setFormatter(_PrintableFormatter("%(levelname)s %(name)s: %(message)s"))


class _PrintableFormatter(logging.Formatter):
    """Log lines for a terminal: control characters in messages (which may quote input) are
    shown visibly, as everywhere else the CLI prints for a person."""

    def format(self, record: logging.LogRecord) -> str:
        record = copy.copy(record)
        record.msg, record.args = printable(record.getMessage()), None
        return super().format(record)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@_db_option
@_config_options
@click.option("--batch-size", type=int, help="Documents per batch.")
@click.option("--model", help="spaCy model package (default: auto).")
@click.option("--n-process", type=int, help="Processes for spaCy.")
@click.option("--max-bytes", type=int, help="Largest document accepted, in bytes.")
@click.option(
    "--allow-private-urls",
    is_flag=True,
    default=None,
    help="Also fetch URLs on loopback, private or link-local addresses (refused by default).",
)
@click.option(
    "--cluster",
    help="Run on Dask: local:N starts N local workers; tcp://HOST:PORT uses a scheduler.",
)
@click.option("--threads-per-worker", type=int, help="Threads per Dask worker.")
@click.option("--memory-limit", help="Memory limit per Dask worker, e.g. 4GB.")
@click.option("--work-dir", help="Folder for Parquet partitions of cluster runs.")
@click.option("--force", is_flag=True, help="Re-process documents already in the store.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def run(
    inputs: tuple[str, ...],
    config_file: str | None,
    force: bool,
    as_json: bool,
    quiet: bool,
    **options: Any,
) -> None:
    """Ingest INPUTS, code events and claims, and store everything in the database.

    INPUTS are files, folders (read recursively), URLs, `-` for stdin or @LIST (a file
    with one path or URL per line). Formats: HTML, text, JSON/JSONL, WARC(.gz), RSS/Atom.
    Documents already stored are skipped, so an interrupted run can simply be restarted.

    \b
    Example:
        tidings run news/ feed.xml https://example.org/story.html --db news.duckdb
        cat dump.jsonl | tidings run - --db news.duckdb
        tidings run crawl/ --cluster local:2
    """
    try:
        config = load_config(config_file, **options)
        with _terminate_as_interrupt():
            if config.cluster:
                from tidings.distributed import run_cluster

                summary = run_cluster(list(inputs), config, progress=not quiet, force=force)
            else:
                summary = _run_local(list(inputs), config, quiet=quiet, force=force)
    except KeyboardInterrupt as exc:
        terminated = isinstance(exc, Terminated)
        _say(
            f"{'terminated (SIGTERM)' if terminated else 'interrupted'}: the run is recorded as "
            "interrupted; run again with the same inputs to resume",
            fg="yellow",
            err=True,
        )
        sys.exit(EXIT_TERMINATED if terminated else EXIT_INTERRUPTED)
    except TidingsError as exc:
        _fail(exc)
        return
    _print_summary(summary, config, as_json)
    sys.exit(EXIT_REJECTS if summary.rejects else EXIT_OK)


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the run is, so it ends like Ctrl-C: the batch being written is
    rolled back, the run is recorded as ``interrupted`` and the CLI exits 143."""


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """Within the block, SIGTERM raises :class:`Terminated` (a KeyboardInterrupt)."""

    def handler(signum: int, frame: Any) -> None:
        raise Terminated()

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread: leave SIGTERM alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _run_local(inputs: list[str], config: Config, *, quiet: bool, force: bool) -> Any:
    from tqdm import tqdm

    from tidings.runner import run as run_pipeline

    bar = tqdm(
        desc="tidings",
        unit="src",
        disable=quiet,
        file=sys.stderr,
        dynamic_ncols=True,
    )

    def progress(docs: int, done: int, total: int | None) -> None:
        if bar.total != total:
            bar.total = total
        bar.n = done
        bar.set_postfix(docs=docs, refresh=False)
        bar.refresh()

    try:
        return run_pipeline(inputs, config, stdin=sys.stdin.buffer, progress=progress, force=force)
    finally:
        bar.close()


def _print_summary(summary: Any, config: Config, as_json: bool) -> None:
    if as_json:
        _echo_json(
            {
                "run_id": summary.run_id,
                "status": summary.status,
                "db": config.db,
                "seconds": round(summary.seconds, 2),
                **summary.counts(),
                "rejected": [
                    {"origin": r.origin, "reason": r.reason, "detail": r.detail}
                    for r in summary.rejects
                ],
            }
        )
        return
    rate = summary.documents / summary.seconds if summary.seconds else 0.0
    _say(
        f"{summary.documents} documents in {summary.seconds:.1f} s ({rate:.1f}/s): "
        f"{summary.articles} articles, {summary.events} events, {summary.claims} claims, "
        f"{summary.skipped} already stored, {len(summary.rejects)} rejected → {config.db}"
    )
    for r in summary.rejects[:50]:
        _say(f"  rejected {r.origin}: [{r.reason}] {r.detail}", fg="yellow", err=True)
    if len(summary.rejects) > 50:
        _say(f"  … and {len(summary.rejects) - 50} more in the rejects table", err=True)


@main.command()
@click.argument("file")
@click.option("--published", help="Publication date YYYY-MM-DD (overrides the article's own).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON: article, events, claims.")
@_config_options
@click.option("--model", help="spaCy model package (default: auto).")
def analyze(
    file: str, published: str | None, as_json: bool, config_file: str | None, model: str | None
) -> None:
    """Analyse one article FILE (or `-` for stdin) and print its events; no database.

    \b
    Example:
        tidings analyze story.txt --published 2024-06-12 --json
    """
    from tidings.analyze import analyze_file

    try:
        if published:
            _check_date(published, "--published")
        config = load_config(config_file, model=model)
        result = analyze_file(file, config, published=published, stdin=sys.stdin.buffer)
    except TidingsError as exc:
        _fail(exc)
        return
    from tidings.output import result_json

    data = result_json(result)
    if as_json:
        _echo_json(data)
        return
    art = data["article"]
    _say(f"{art['title'] or '(no title)'} — {art['source'] or ''} {art['published'] or ''}")
    _print_event_table(data["events"])
    for c in data["claims"]:
        who = (c["claimant"] or {}).get("name") or (c["claimant"] or {}).get("text") or "?"
        _say(f"  claim {c['kind']:<12} by {who}: {c['evidence']['sentence'][:90]}")


def _check_dyad(dyad: str | None) -> None:
    """A usage error unless ``dyad`` is ``SRC-TGT`` (two non-empty codes)."""
    if dyad is None:
        return
    src, sep, tgt = dyad.strip().partition("-")
    if not (sep and src.strip() and tgt.strip()) or "-" in tgt:
        raise click.BadParameter(
            f"{dyad!r} is not SRC-TGT; write two country codes, e.g. RUS-PRK", param_hint="--dyad"
        )


def _event_statuses() -> tuple[str, ...]:
    from tidings.records import STATUSES

    return STATUSES


def _happening_statuses() -> tuple[str, ...]:
    from tidings.fusion.ledger import HAPPENING_STATUSES

    return HAPPENING_STATUSES


def _filter_options(
    noun: str, status_name: str, statuses: Callable[[], Sequence[str]], examples: str
) -> Callable[[F], F]:
    """The filters `events` and `happenings` share, each checked as it is parsed (a bad
    value is a usage error naming the fix)."""

    def date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
        if value:
            _check_date(value, f"--{param.name}")
        return value

    def pair(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
        _check_dyad(value)
        return value

    def status(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
        allowed = statuses()
        if value and value.lower() not in allowed:
            raise click.BadParameter(
                f"{value!r} is not a {status_name}; choose one of {', '.join(allowed)}",
                param_hint="--status",
            )
        return value

    options = [
        click.option(
            "--actor", help="Country code, actor name or KB id (e.g. PRK, 'Kim Jong Un')."
        ),
        click.option("--dyad", callback=pair, help="Source-target country pair, e.g. RUS-PRK."),
        click.option("--undirected", is_flag=True, help="Match the dyad in either direction."),
        click.option("--type", "type_", help="PLOVER event type, e.g. CONSULT."),
        click.option(
            "--status", callback=status, help=f"{status_name.capitalize()}, e.g. {examples}."
        ),
        click.option(
            "--since",
            callback=date,
            help=f"{noun.capitalize()} on or after this date (YYYY-MM-DD).",
        ),
        click.option(
            "--until",
            callback=date,
            help=f"{noun.capitalize()} on or before this date (YYYY-MM-DD).",
        ),
    ]

    def wrap(func: F) -> F:
        for option in reversed(options):
            func = option(func)
        return func

    return wrap


def _check_date(value: str, flag: str) -> None:
    import datetime as dt

    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date; write YYYY-MM-DD", param_hint=flag
        ) from None


def _print_event_table(events: list[dict[str, Any]]) -> None:
    from tidings.output import actor_label, date_label, sources_label

    if not events:
        _say("  (no events)")
        return
    for e in events:
        date = e.get("date") or {}
        when = date_label(date.get("start"), date.get("end"))
        src = ", ".join(actor_label(a) for a in e["source"]) or "-"
        tgt = ", ".join(actor_label(a) for a in e["target"]) or "-"
        mode = f"/{e['mode']}" if e.get("mode") else ""
        _say(
            f"  {when:<22} {e['type'] + mode:<22} {src} → {tgt}  [{e['status']}] "
            f"per {sources_label(e.get('attribution') or [])}"
        )


@main.command()
@_db_option
@_config_options
@_filter_options("events", "event status", _event_statuses, "planned, alleged, denied")
@click.option(
    "--limit", type=click.IntRange(min=1), default=50, show_default=True, help="Most rows shown."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON records.")
def events(
    db: str | None,
    config_file: str | None,
    actor: str | None,
    dyad: str | None,
    undirected: bool,
    type_: str | None,
    status: str | None,
    since: str | None,
    until: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """List stored events, newest first, with status and sources.

    \b
    Example:
        tidings events --dyad PRK-RUS --status alleged --since 2024-01-01
        tidings events --actor KOR --type COERCE --json
    """
    from tidings.store import EventFilter, Store

    try:
        config = load_config(config_file, db=db)
        _require_db(config.db)
        with Store(config.db, read_only=True) as store:
            rows = store.events(
                EventFilter(
                    actor=actor,
                    dyad=dyad,
                    undirected=undirected,
                    type=type_,
                    status=status,
                    since=since,
                    until=until,
                    limit=limit,
                )
            )
    except TidingsError as exc:
        _fail(exc)
        return
    if as_json:
        _echo_json(rows)
        return
    _print_event_table(rows)
    _say(f"{len(rows)} events")


def _require_db(path: str) -> None:
    if path != ":memory:" and not Path(path).exists():
        raise TidingsError(
            f"database {path} does not exist; create it with `tidings run INPUT --db {path}`"
        )


@main.command()
@click.argument("table", default="all")
@_db_option
@_config_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "parquet"]),
    default="jsonl",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--out", "-o", default="export", show_default=True, help="Output file, or folder for `all`."
)
@click.option(
    "--raw-csv",
    is_flag=True,
    help="Write CSV cells exactly; by default a text cell starting with = + - @ (a formula "
    "to a spreadsheet) gets a leading apostrophe.",
)
def export(
    table: str, db: str | None, config_file: str | None, fmt: str, out: str, raw_csv: bool
) -> None:
    """Export TABLE (articles, events, event_actors, claims, rejects, happenings, ledger,
    stories, runs, or all).

    \b
    Example:
        tidings export events --format parquet -o events.parquet
        tidings export all --format csv -o out/
    """
    from tidings.store import ALL_TABLES, Store

    try:
        config = load_config(config_file, db=db)
        _require_db(config.db)
        tables = ALL_TABLES if table == "all" else (table,)
        with Store(config.db, read_only=True) as store:
            for name in tables:
                path = Path(out) / f"{name}.{fmt}" if table == "all" else Path(out)
                n = store.export(name, path, fmt, raw_csv=raw_csv)
                _say(f"{name}: {n} rows → {path}")
    except TidingsError as exc:
        _fail(exc)


@main.command()
@_db_option
@_config_options
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=12,
    show_default=True,
    help="Recent happenings shown.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def summary(db: str | None, config_file: str | None, limit: int, as_json: bool) -> None:
    """Summarise the database: counts, top country pairs, recent happenings, rejects.

    Country pairs are counted in happenings: one per real-world happening, however many
    articles and sentences report it (see `tidings happenings`).

    \b
    Example:
        tidings summary --db demo.duckdb
    """
    from tidings.store import HappeningFilter, Store

    try:
        config = load_config(config_file, db=db)
        _require_db(config.db)
        with Store(config.db, read_only=True) as store:
            _require_fusion(store, config.db)
            counts = {
                t: store.count(t)
                for t in ("articles", "events", "happenings", "stories", "claims", "rejects")
            }
            copies = store.rows("SELECT count(*) AS n FROM articles WHERE duplicate_of IS NOT NULL")
            dyads = store.happening_dyads(limit=8)
            recent = store.happenings(HappeningFilter(limit=limit))
            statuses = store.rows(
                "SELECT status, count(*) AS n FROM happenings "
                "GROUP BY status ORDER BY n DESC, status"
            )
            rejects = store.rows("SELECT origin, reason, detail FROM rejects ORDER BY origin")
    except TidingsError as exc:
        _fail(exc)
        return
    counts["duplicate_articles"] = int(copies[0]["n"]) if copies else 0
    if as_json:
        _echo_json(
            {
                "counts": counts,
                "counted_in": "happenings",
                "dyads": dyads,
                "statuses": statuses,
                "recent": [happening_json(h) for h in recent],
                "rejects": rejects,
            }
        )
        return
    _say(f"Database {config.db}", bold=True)
    _say(
        f"  {counts['articles']} articles ({counts['duplicate_articles']} near-copies), "
        f"{counts['events']} event reports fused into {counts['happenings']} happenings, "
        f"{counts['stories']} stories, {counts['claims']} claims, {counts['rejects']} rejects"
    )
    _say("  happenings by status: " + ", ".join(f"{s['status']} {s['n']}" for s in statuses))
    _say()
    _say("Top country pairs (source → target), counted in happenings", bold=True)
    for d in dyads:
        _say(
            f"  {d['source']} → {d['target']}: {d['happenings']} happenings "
            f"({d['reports']} reports), mean Goldstein {d['mean_goldstein']}, "
            f"{d['cooperation']} cooperative, {d['conflict']} conflictual, "
            f"{d['happened']} asserted or confirmed, {d['contested']} contested, "
            f"{d['planned']} planned"
        )
    _say()
    _say("Recent happenings", bold=True)
    _print_happenings(recent)
    if rejects:
        _say()
        _say("Rejected inputs", bold=True)
        for r in rejects:
            _say(f"  {r['origin']}: [{r['reason']}] {r['detail']}")


def _require_fusion(store: Any, path: str) -> None:
    """Fail with the fix when the store predates fusion (or was never fused)."""
    tables = {r["table_name"] for r in store.rows("SELECT table_name FROM duckdb_tables()")}
    if "happenings" not in tables:
        raise TidingsError(
            f"{path} was written by an older tidings and has no happenings; "
            f"run `tidings fuse --db {path}` once"
        )
    if not store.count("happenings") and store.count("events"):
        raise TidingsError(
            f"{path} holds events but no happenings; run `tidings fuse --db {path}` once"
        )


def _print_happenings(rows: list[dict[str, Any]]) -> None:
    from tidings.output import date_label

    if not rows:
        _say("  (no happenings)")
        return
    for h in rows:
        src = ", ".join(h.get("source_countries") or []) or "-"
        tgt = ", ".join(h.get("target_countries") or []) or "-"
        mode = f"/{h['mode']}" if h.get("mode") else ""
        line = (
            f"  {h['id']}  {date_label(h.get('date_start'), h.get('date_end')):<22} "
            f"{h['type'] + mode:<22} {src} → {tgt}  [{h['status']}] "
            f"{h.get('reports')} reports, {h.get('independent_sources')} independent; "
            f"first {h.get('first_reported_outlet')} {h.get('first_reported_date') or ''}"
        )
        if h.get("plan_outcome"):
            line += f"; plan {_plan_label(h)}"
        _say(line)


def _plan_label(h: dict[str, Any]) -> str:
    outcome = h.get("plan_outcome") or ""
    if outcome == "fulfilled" and h.get("plan_lead_days") is not None:
        return f"fulfilled {h['plan_lead_days']} days after it was announced"
    if outcome in ("pending", "unobserved") and h.get("plan_window_end"):
        return f"{outcome} (window to {h['plan_window_end']})"
    return outcome


_PLAN_OUTCOMES = ("fulfilled", "cancelled", "pending", "unobserved")


@main.command()
@_db_option
@_config_options
@_filter_options(
    "happenings", "happening status", _happening_statuses, "confirmed, contested, planned"
)
@click.option("--contested", is_flag=True, help="Only happenings a party denied.")
@click.option(
    "--plan-outcome",
    type=click.Choice(_PLAN_OUTCOMES),
    help="Only announced happenings with this outcome.",
)
@click.option("--story", help="Only the happenings of this story id.")
@click.option(
    "--limit", type=click.IntRange(min=1), default=50, show_default=True, help="Most rows shown."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON records with their ledgers.")
def happenings(
    db: str | None,
    config_file: str | None,
    actor: str | None,
    dyad: str | None,
    undirected: bool,
    type_: str | None,
    status: str | None,
    since: str | None,
    until: str | None,
    contested: bool,
    plan_outcome: str | None,
    story: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """List happenings: each real-world happening once, however many articles report it.

    Every happening carries its status across reports, who reported it first, how many
    independent outlets support it and, for an announced one, whether the plan came true.

    \b
    Example:
        tidings happenings --dyad RUS-PRK --undirected
        tidings happenings --contested --json
        tidings happenings --plan-outcome unobserved --since 2024-01-01
    """
    from tidings.store import HappeningFilter, Store

    try:
        config = load_config(config_file, db=db)
        _require_db(config.db)
        with Store(config.db, read_only=True) as store:
            _require_fusion(store, config.db)
            rows = store.happenings(
                HappeningFilter(
                    actor=actor,
                    dyad=dyad,
                    undirected=undirected,
                    type=type_,
                    status=status,
                    since=since,
                    until=until,
                    contested=contested,
                    plan_outcome=plan_outcome,
                    story=story,
                    limit=limit,
                )
            )
    except TidingsError as exc:
        _fail(exc)
        return
    if as_json:
        _echo_json([happening_json(h) for h in rows])
        return
    _print_happenings(rows)
    _say(f"{len(rows)} happenings")


@main.command()
@click.argument("happening_id")
@_db_option
@_config_options
@click.option(
    "--json", "as_json", is_flag=True, help="Print the happening with its ledger as JSON."
)
def ledger(happening_id: str, db: str | None, config_file: str | None, as_json: bool) -> None:
    """Show the claim ledger of HAPPENING_ID: who said what about it, when, and via whom.

    \b
    Example:
        tidings happenings --dyad RUS-PRK --type CONSULT
        tidings ledger h6b5e5a2e9ea82d73 --db demo.duckdb
    """
    from tidings.store import HappeningFilter, Store

    try:
        config = load_config(config_file, db=db)
        _require_db(config.db)
        with Store(config.db, read_only=True) as store:
            _require_fusion(store, config.db)
            rows = store.happenings(HappeningFilter(id=happening_id, limit=1))
            if not rows:
                raise TidingsError(
                    f"no happening {happening_id!r} in {config.db}; list them with "
                    "`tidings happenings`"
                )
            titles = {
                r["id"]: r
                for r in store.rows(
                    "SELECT id, title, url FROM articles WHERE list_contains(?, id)",
                    [rows[0]["article_ids"]],
                )
            }
    except TidingsError as exc:
        _fail(exc)
        return
    h = rows[0]
    if as_json:
        _echo_json(happening_json(h))
        return
    _print_ledger(h, titles)


def _print_ledger(h: dict[str, Any], titles: dict[str, dict[str, Any]]) -> None:
    from tidings.output import date_label

    src = ", ".join(h.get("source_countries") or []) or "-"
    tgt = ", ".join(h.get("target_countries") or []) or "-"
    mode = f"/{h['mode']}" if h.get("mode") else ""
    _say(
        f"{h['id']}  {h['type']}{mode}  {src} → {tgt}  "
        f"{date_label(h.get('date_start'), h.get('date_end'))}  [{h['status']}]",
        bold=True,
    )
    flags = []
    if h.get("contested"):
        flags.append("contested")
    if h.get("party_confirmed"):
        flags.append("confirmed by a party")
    if h.get("party_denied"):
        flags.append("denied by a party")
    _say(
        f"  first reported {h.get('first_reported_date')} by {h.get('first_reported_outlet')}; "
        f"{h.get('reports')} reports, {h.get('independent_sources')} independent sources; "
        f"outlets: {', '.join(h.get('outlets') or [])}" + (f"; {', '.join(flags)}" if flags else "")
    )
    if h.get("plan_outcome"):
        _say(f"  plan announced {h.get('plan_announced')}: {_plan_label(h)}")
    _say("")
    for en in h.get("history") or []:
        who = en.get("claimant") or f"{en.get('outlet')} (own account)"
        tags = []
        if en.get("party"):
            tags.append("party")
        if en.get("anonymous"):
            tags.append("anonymous")
        if en.get("duplicate_of"):
            tags.append(f"copy of {en['duplicate_of']}")
        via = f" via {', '.join(en['via'])}" if en.get("via") else ""
        extra = f" ({', '.join(tags)})" if tags else ""
        _say(
            f"  {en.get('date') or '?':<10}  {en.get('outlet')}: {en.get('kind')} "
            f"[{en.get('status')}] by {who}{via}{extra}"
        )
        title = (titles.get(en.get("article_id") or "") or {}).get("title") or ""
        sentence = (en.get("sentence") or "").replace("\n", " ")
        _say(f"              “{sentence[:140]}”")
        _say(
            f"              article {en.get('article_id')} {title[:60]!s} "
            f"[{en.get('sentence_start')}:{en.get('sentence_end')}]"
        )


@main.command()
@_db_option
@_config_options
@click.option(
    "--limit", type=click.IntRange(min=1), default=50, show_default=True, help="Most stories shown."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON records.")
def stories(db: str | None, config_file: str | None, limit: int, as_json: bool) -> None:
    """List stories: articles grouped because they report the same happenings or copy each
    other, newest first.

    \b
    Example:
        tidings stories --db demo.duckdb
        tidings happenings --story s1a2b3c4d5e6f7a8b
    """
    from tidings.store import Store

    try:
        config = load_config(config_file, db=db)
        _require_db(config.db)
        with Store(config.db, read_only=True) as store:
            _require_fusion(store, config.db)
            rows = store.stories(limit=limit)
    except TidingsError as exc:
        _fail(exc)
        return
    data = [
        {
            "id": r["id"],
            "title": r["title"],
            "article_ids": list(r["article_ids"] or []),
            "first_published": r["first_published"],
            "last_published": r["last_published"],
            "outlets": list(r["outlets"] or []),
            "happening_ids": list(r["happening_ids"] or []),
        }
        for r in rows
    ]
    if as_json:
        _echo_json(data)
        return
    if not data:
        _say("  (no stories: no two articles share a happening)")
    for r in data:
        _say(
            f"  {r['id']}  {(r['first_published'] or '?')[:10]}.."
            f"{(r['last_published'] or '?')[:10]}  "
            f"{len(r['article_ids'])} articles, {len(r['happening_ids'])} happenings, "
            f"{', '.join(r['outlets'])}: {r['title'] or '(no title)'}"
        )
    _say(f"{len(data)} stories")


@main.command()
@_db_option
@_config_options
def fuse(db: str | None, config_file: str | None) -> None:
    """Recompute near-duplicates, happenings, ledgers and stories for the whole database.

    `tidings run` keeps them up to date as articles arrive; run this after changing a
    fusion setting (duplicate_threshold, plan_horizon_days, ...) or on a database written
    by an older tidings.

    \b
    Example:
        tidings fuse --db news.duckdb
        TIDINGS_PLAN_HORIZON_DAYS=90 tidings fuse --db news.duckdb
    """
    from tidings.fusion import FusionSettings
    from tidings.store import Store

    try:
        config = load_config(config_file, db=db)
        _require_db(config.db)
        with Store(config.db) as store:
            stats = store.fuse(FusionSettings.from_config(config))
    except TidingsError as exc:
        _fail(exc)
        return
    _say(
        f"{stats.articles} articles: {stats.happenings} happenings, {stats.stories} stories → "
        f"{config.db}"
    )


@main.command()
@_db_option
@_config_options
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port."
)
@click.option(
    "--token",
    envvar="TIDINGS_TOKEN",
    help="Secret every request must carry; required to listen beyond this machine "
    "(or set TIDINGS_TOKEN).",
)
def serve(db: str | None, config_file: str | None, host: str, port: int, token: str | None) -> None:
    """Serve the web workspace: overview, country pairs, happenings with their ledgers,
    articles with highlighted evidence, search with CSV/Parquet downloads, and a JSON API
    (every page at PAGE.json; described at /openapi.json).

    `tidings run` may write to the same database meanwhile: the server gives it the file
    between requests and shows the new rows after each batch.

    \b
    Example:
        tidings serve --db demo.duckdb                 # then open http://127.0.0.1:8000
        tidings serve --db news.duckdb --host 0.0.0.0 --token "$(openssl rand -hex 16)"
    """
    import ipaddress

    loopback = host in ("localhost", "::1") or (
        _is_ip(host) and ipaddress.ip_address(host).is_loopback
    )
    if not loopback and not token:
        raise click.UsageError(
            f"--host {printable(host)} makes the server reachable from other machines: give "
            "--token SECRET (or set TIDINGS_TOKEN), and open the address with ?token=SECRET once"
        )
    if token is not None and len(token) < 8:
        raise click.BadParameter("use at least 8 characters", param_hint="--token")
    try:
        config = load_config(config_file, db=db)
        _require_db(config.db)
        import uvicorn

        from tidings.web import create_app

        app = create_app(config.db, token=token, lock_timeout=config.lock_timeout)
    except TidingsError as exc:
        _fail(exc)
        return
    shown = f"[{host}]" if ":" in host else host
    _say(f"tidings serves {config.db} at http://{shown}:{port}/ (Ctrl-C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _is_ip(text: str) -> bool:
    import ipaddress

    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


@main.command(name="eval")
@click.argument(
    "kind", type=click.Choice(["plover", "petrarch", "timeml", "factuality", "attribution"])
)
@click.argument("path", type=click.Path(exists=True))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option(
    "--errors", "errors_file", type=click.Path(dir_okay=False), help="Write misses as JSONL."
)
@click.option("--limit", type=click.IntRange(min=1), help="Evaluate at most this many items.")
@click.option(
    "--split",
    type=click.Choice(["tune", "check", "all", "both"]),
    default="all",
    show_default=True,
    help="Half of the gold set: tune, check, all, or both (tune, check and their gap).",
)
@_config_options
def eval_(
    kind: str,
    path: str,
    as_json: bool,
    errors_file: str | None,
    limit: int | None,
    split: str,
    config_file: str | None,
) -> None:
    """Score the pipeline against gold data of KIND at PATH (a file or a folder).

    Every gold set has a fixed tuning half and check half (by story, document or record);
    --split picks one, and --split both prints tune, check and the gap (tune - check).

    \b
    Example:
        tidings eval plover ../shared/data/plover-gsr/PLOVER_GSR_CAMEO.dev.json
        tidings eval plover ../shared/data/voa-plover-gold --split tune --errors misses.jsonl
        tidings eval timeml ../shared/data/timebank-tbaq --split both --json
    """
    from tidings.evaluation.runner import evaluate, evaluate_halves

    if errors_file and split == "check":
        raise click.UsageError(
            "--errors lists misses sentence by sentence; the check half is read only as "
            "figures (use --split tune)"
        )
    try:
        config = load_config(config_file)
        if split == "both":
            tune, check = evaluate_halves(kind, Path(path), config, limit=limit)
        else:
            report = evaluate(kind, Path(path), config, limit=limit, split=split)
    except TidingsError as exc:
        _fail(exc)
        return
    if split == "both":
        from tidings.evaluation.runner import format_halves, halves_to_json

        if errors_file:
            _write_errors(errors_file, tune.errors)
        if as_json:
            _echo_json(halves_to_json(tune, check))
        else:
            _say_lines(format_halves(tune, check))
        return
    if errors_file:
        _write_errors(errors_file, report.errors)
    if as_json:
        _echo_json(report.to_json())
        return
    from tidings.evaluation.runner import format_report

    _say_lines(format_report(report))


def _write_errors(path: str, errors: list[dict[str, Any]]) -> None:
    """Write misses as JSONL (with ``--split both``, only the tuning half's: the check half is
    read as figures only)."""
    with open(path, "w", encoding="utf-8") as fh:
        for err in errors:
            fh.write(json.dumps(err, ensure_ascii=False, default=str) + "\n")


@main.command()
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False),
    help="Floors file (default: the one shipped in tidings/evaluation/baseline.json).",
)
@click.option("--data", "data_dir", type=click.Path(), help="Gold data folder (../shared/data).")
@click.option("--kind", "kinds", multiple=True, help="Only these kinds (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def gate(baseline: str | None, data_dir: str | None, kinds: tuple[str, ...], as_json: bool) -> None:
    """Quality gate: evaluate every kind and fail when a metric drops below its floor.

    \b
    Example:
        tidings gate --data ../shared/data
    """
    from tidings.evaluation.gate import run_gate

    try:
        outcome = run_gate(
            baseline=Path(baseline) if baseline else None,
            data_dir=Path(data_dir) if data_dir else None,
            kinds=kinds or None,
        )
    except TidingsError as exc:
        _fail(exc)
        return
    if as_json:
        _echo_json(outcome.to_json())
    else:
        _say_lines(outcome.describe())
    sys.exit(EXIT_OK if outcome.passed else EXIT_GATE)


@main.command(name="compile-dictionaries")
@click.argument("source", type=click.Path(exists=True, file_okay=False))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    help="Folder for the compiled files (default: the package's own data folders, in place).",
)
@click.option(
    "--only",
    type=click.Choice(["verbs", "actors"]),
    help="Compile only the verb patterns or only the actors.",
)
def compile_dictionaries(source: str, out_dir: str | None, only: str | None) -> None:
    """Rebuild the compiled dictionary files from the Phoenix/PETRARCH-2 dictionaries.

    SOURCE is the folder holding CAMEO.2.0.txt and the Phoenix actor files
    (Phoenix.Countries.actors.txt, Phoenix.International.actors.txt,
    Phoenix.MilNonState.actors.txt, Phoenix.agents.txt). The compiled files ship in the
    package; tidings never reads SOURCE when it runs. With --out the files go to that folder
    (verbs as cameo_verbs.tsv, actors as phoenix_*.csv) instead of replacing the shipped ones.

    \b
    Example:
        tidings compile-dictionaries ../shared/data/phoenix-dictionaries --out /tmp/compiled
    """
    from tidings.build.actors import compile_actors
    from tidings.build.verbs import compile_verbs
    from tidings.coding.ontology import data_dir
    from tidings.resolve.kb import DEFAULT_PATH

    src = Path(source)
    out = Path(out_dir) if out_dir else None
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    try:
        if only in (None, "verbs"):
            verbs_file = src / "CAMEO.2.0.txt"
            if not verbs_file.is_file():
                raise TidingsError(
                    f"{verbs_file} not found; give the folder holding CAMEO.2.0.txt "
                    "(or use --only actors)"
                )
            target = (out or data_dir()) / "cameo_verbs.tsv"
            vstats = compile_verbs(verbs_file, target)
            _say(
                f"verbs: {vstats.blocks} blocks, {vstats.verbs} verbs, "
                f"{vstats.patterns} patterns -> {target}"
            )
        if only in (None, "actors"):
            astats = compile_actors(src, out or DEFAULT_PATH)
            _say(
                f"actors: {astats.people} people, {astats.terms} terms, {astats.groups} groups, "
                f"{astats.agents} agent words, {astats.aliases} aliases -> {out or DEFAULT_PATH}"
            )
    except (TidingsError, OSError) as exc:
        _fail(exc)


if __name__ == "__main__":  # pragma: no cover
    main()
