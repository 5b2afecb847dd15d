"""The ``tidings`` command line: a thin layer over the library.

Exit codes: 0 success; 1 error (the message says what to do); 2 usage error;
3 finished, but some inputs were rejected (see the summary or the ``rejects`` table);
4 quality gate failed; 130 interrupted.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from tidings.config import DEFAULT_DB, Config, load_config
from tidings.errors import TidingsError

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_REJECTS, EXIT_GATE, EXIT_INTERRUPTED = 0, 1, 2, 3, 4, 130

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


def _fail(exc: Exception) -> None:
    click.secho(f"error: {exc}", fg="red", err=True)
    sys.exit(EXIT_ERROR)


def _echo_json(data: Any) -> None:
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
        if config.cluster:
            from tidings.distributed import run_cluster

            summary = run_cluster(list(inputs), config, progress=not quiet, force=force)
        else:
            summary = _run_local(list(inputs), config, quiet=quiet, force=force)
    except KeyboardInterrupt:
        click.secho("interrupted: run again with the same inputs to resume", fg="yellow", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except TidingsError as exc:
        _fail(exc)
        return
    _print_summary(summary, config, as_json)
    sys.exit(EXIT_REJECTS if summary.rejects else EXIT_OK)


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
    click.echo(
        f"{summary.documents} documents in {summary.seconds:.1f} s ({rate:.1f}/s): "
        f"{summary.articles} articles, {summary.events} events, {summary.claims} claims, "
        f"{summary.skipped} already stored, {len(summary.rejects)} rejected → {config.db}"
    )
    for r in summary.rejects[:50]:
        click.secho(f"  rejected {r.origin}: [{r.reason}] {r.detail}", fg="yellow", err=True)
    if len(summary.rejects) > 50:
        click.echo(f"  … and {len(summary.rejects) - 50} more in the rejects table", err=True)


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
    click.echo(f"{art['title'] or '(no title)'} — {art['source'] or ''} {art['published'] or ''}")
    _print_event_table(data["events"])
    for c in data["claims"]:
        who = (c["claimant"] or {}).get("name") or (c["claimant"] or {}).get("text") or "?"
        click.echo(f"  claim {c['kind']:<12} by {who}: {c['evidence']['sentence'][:90]}")


def _check_date(value: str, flag: str) -> None:
    import datetime as dt

    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date; write YYYY-MM-DD", param_hint=flag
        ) from None


def _print_event_table(events: list[dict[str, Any]]) -> None:
    from tidings.output import actor_label, sources_label

    if not events:
        click.echo("  (no events)")
        return
    for e in events:
        date = e.get("date") or {}
        when = date.get("start") or "?"
        if date.get("end") and date.get("end") != date.get("start"):
            when += f"..{date['end']}"
        src = ", ".join(actor_label(a) for a in e["source"]) or "-"
        tgt = ", ".join(actor_label(a) for a in e["target"]) or "-"
        mode = f"/{e['mode']}" if e.get("mode") else ""
        click.echo(
            f"  {when:<22} {e['type'] + mode:<22} {src} → {tgt}  [{e['status']}] "
            f"per {sources_label(e.get('attribution') or [])}"
        )


@main.command()
@_db_option
@_config_options
@click.option("--actor", help="Actor country code, name or KB id (e.g. PRK, 'Kim Jong Un').")
@click.option("--dyad", help="Source-target country pair, e.g. PRK-RUS.")
@click.option("--undirected", is_flag=True, help="Match the dyad in either direction.")
@click.option("--type", "type_", help="PLOVER event type, e.g. CONSULT.")
@click.option("--status", help="Event status, e.g. planned, alleged, denied.")
@click.option("--since", help="Events on or after this date (YYYY-MM-DD).")
@click.option("--until", help="Events on or before this date (YYYY-MM-DD).")
@click.option("--limit", type=int, default=50, show_default=True, help="Most rows shown.")
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
    from tidings.records import STATUSES
    from tidings.store import EventFilter, Store

    for value, flag in ((since, "--since"), (until, "--until")):
        if value:
            _check_date(value, flag)
    if status and status.lower() not in STATUSES:
        raise click.BadParameter(
            f"{status!r} is not a status; choose one of {', '.join(STATUSES)}",
            param_hint="--status",
        )
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
    click.echo(f"{len(rows)} events")


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
def export(table: str, db: str | None, config_file: str | None, fmt: str, out: str) -> None:
    """Export TABLE (articles, events, event_actors, claims, rejects, runs, or all).

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
                n = store.export(name, path, fmt)
                click.echo(f"{name}: {n} rows → {path}")
    except TidingsError as exc:
        _fail(exc)


@main.command()
@_db_option
@_config_options
@click.option("--limit", type=int, default=12, show_default=True, help="Recent events shown.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def summary(db: str | None, config_file: str | None, limit: int, as_json: bool) -> None:
    """Summarise the database: counts, top country pairs, recent events, rejects.

    \b
    Example:
        tidings summary --db demo.duckdb
    """
    from tidings.store import EventFilter, Store

    try:
        config = load_config(config_file, db=db)
        _require_db(config.db)
        with Store(config.db, read_only=True) as store:
            counts = {t: store.count(t) for t in ("articles", "events", "claims", "rejects")}
            dyads = store.dyads(limit=8)
            recent = store.events(EventFilter(limit=limit))
            statuses = store.rows(
                "SELECT status, count(*) AS n FROM events GROUP BY status ORDER BY n DESC"
            )
            rejects = store.rows("SELECT origin, reason, detail FROM rejects ORDER BY origin")
    except TidingsError as exc:
        _fail(exc)
        return
    if as_json:
        _echo_json(
            {
                "counts": counts,
                "dyads": dyads,
                "statuses": statuses,
                "recent": recent,
                "rejects": rejects,
            }
        )
        return
    click.secho(f"Database {config.db}", bold=True)
    click.echo("  " + ", ".join(f"{n} {t}" for t, n in counts.items()))
    click.echo("  status: " + ", ".join(f"{s['status']} {s['n']}" for s in statuses))
    click.secho("\nTop country pairs (source → target)", bold=True)
    for d in dyads:
        click.echo(
            f"  {d['source']} → {d['target']}: {d['events']} events, "
            f"mean Goldstein {d['mean_goldstein']}, {d['cooperation']} cooperative, "
            f"{d['conflict']} conflictual, {d['happened']} asserted or confirmed"
        )
    click.secho("\nRecent events", bold=True)
    _print_event_table(recent)
    if rejects:
        click.secho("\nRejected inputs", bold=True)
        for r in rejects:
            click.echo(f"  {r['origin']}: [{r['reason']}] {r['detail']}")


@main.command(name="eval")
@click.argument(
    "kind", type=click.Choice(["plover", "petrarch", "timeml", "factuality", "attribution"])
)
@click.argument("path", type=click.Path(exists=True))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option(
    "--errors", "errors_file", type=click.Path(dir_okay=False), help="Write misses as JSONL."
)
@click.option("--limit", type=int, help="Evaluate at most this many items.")
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
            click.echo(format_halves(tune, check))
        return
    if errors_file:
        _write_errors(errors_file, report.errors)
    if as_json:
        _echo_json(report.to_json())
        return
    from tidings.evaluation.runner import format_report

    click.echo(format_report(report))


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
        click.echo(outcome.describe())
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
            click.echo(
                f"verbs: {vstats.blocks} blocks, {vstats.verbs} verbs, "
                f"{vstats.patterns} patterns -> {target}"
            )
        if only in (None, "actors"):
            astats = compile_actors(src, out or DEFAULT_PATH)
            click.echo(
                f"actors: {astats.people} people, {astats.terms} terms, {astats.groups} groups, "
                f"{astats.agents} agent words, {astats.aliases} aliases -> {out or DEFAULT_PATH}"
            )
    except (TidingsError, OSError) as exc:
        _fail(exc)


if __name__ == "__main__":  # pragma: no cover
    main()
