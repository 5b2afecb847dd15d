"""Throughput of tidings in-process and on a local Dask cluster of one and two workers.

Generates a corpus with ``make_corpus`` (JSON Lines, text and HTML files), then runs three
phases on it in this invocation, each in a fresh child process and into a fresh database:

* ``in-process``: :func:`tidings.runner.run`, one process;
* ``1-worker``: :func:`tidings.distributed.run_cluster` on the ``LocalCluster`` that
  ``--cluster local:1`` starts (one single-threaded worker process);
* ``2-workers``: the same with ``local:2``;

and, as the ceiling for two processes on the same machine, two ``in-process`` runs at the
same time (their combined throughput).

Timed: from the call of ``run`` / ``run_cluster`` until the last partition is merged into
DuckDB (reading, processing, Parquet partitions, merging); each phase runs ``--repeat``
times, each into a fresh database, and the best time is kept (the machine may be shared).
Not timed: generating the corpus, starting the cluster and loading the spaCy model
(in-process before the run; on every worker through the resources plugin before the run).
Peak memory is the peak resident set size of the driver process and of the largest worker.

Usage:
    python benchmarks/cluster_speed.py [--n 600] [--batch-size 32] [--repeat 3] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PHASES = ("in-process", "1-worker", "2-workers")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def phase(name: str, corpus: Path, batch_size: int, work: Path, repeat: int) -> dict[str, Any]:
    """Run one phase ``repeat`` times in this process (fresh database each time)."""
    from tidings.config import Config

    def config_for(i: int) -> Config:
        return Config(
            db=str(work / f"{name}-{i}.duckdb"),
            batch_size=batch_size,
            work_dir=str(work / f"{name}-{i}-parts"),
        )

    figures: dict[str, Any] = {"phase": name}
    times: list[float] = []
    if name == "in-process":
        from tidings.pipeline import Resources
        from tidings.runner import run

        res = Resources.load(config_for(0))  # model loading, not timed
        for i in range(repeat):
            start = time.perf_counter()
            summary = run([str(corpus)], config_for(i), resources=res)
            times.append(time.perf_counter() - start)
        figures["worker_peak_rss_mb"] = None
    else:
        from tidings.distributed import connect, prepare, run_cluster

        workers = 1 if name == "1-worker" else 2
        # The same LocalCluster the command line starts for --cluster local:N.
        with connect(config_for(0).replace(cluster=f"local:{workers}")) as client:
            prepare(client, config_for(0))  # model loading, not timed
            for i in range(repeat):
                start = time.perf_counter()
                summary = run_cluster([str(corpus)], config_for(i), client=client, progress=False)
                times.append(time.perf_counter() - start)
            peaks = client.run(_peak_mb)
        figures["worker_peak_rss_mb"] = round(max(peaks.values()), 1)
        figures["workers"] = workers
    best = min(times)
    figures.update(
        seconds=round(best, 2),
        all_seconds=[round(t, 2) for t in times],
        articles=summary.articles,
        events=summary.events,
        claims=summary.claims,
        articles_per_second=round(summary.articles / best, 2),
        driver_peak_rss_mb=round(_peak_mb(), 1),
    )
    return figures


def main() -> None:
    """Generate the corpus, run the three phases, print and optionally save the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=600, help="articles (default 600)")
    parser.add_argument("--batch-size", type=int, default=32, help="documents per batch")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--repeat", type=int, default=3, help="timed runs per phase; the best is kept (default 3)"
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--phase", choices=PHASES, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        figures = phase(args.phase, args.corpus, args.batch_size, args.work, args.repeat)
        sys.stdout.write(json.dumps(figures) + "\n")
        return

    sys.path.insert(0, str(HERE))
    from make_corpus import make_corpus

    work = Path(tempfile.mkdtemp(prefix="tidings-cluster-bench-"))
    corpus = work / "corpus"
    files = make_corpus(corpus, args.n, seed=args.seed)
    results: dict[str, dict[str, Any]] = {}
    load_before = os.getloadavg()

    def child(name: str, folder: Path) -> subprocess.Popen[str]:
        folder.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, __file__, "--phase", name, "--corpus", str(corpus)]
        command += ["--work", str(folder), "--batch-size", str(args.batch_size)]
        command += ["--repeat", str(args.repeat)]
        return subprocess.Popen(command, stdout=subprocess.PIPE, text=True)

    def figures_of(proc: subprocess.Popen[str]) -> dict[str, Any]:
        out, _ = proc.communicate()
        if proc.returncode:
            raise SystemExit(f"a benchmark phase failed with exit code {proc.returncode}")
        result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
        return result

    for name in PHASES:
        results[name] = figures_of(child(name, work / name))
    # What two cores give to two independent processes on this machine: two in-process runs
    # at the same time. The 2-worker cluster cannot beat this ceiling.
    pair = [child("in-process", work / f"pair-{i}") for i in range(2)]
    pair_figures = [figures_of(p) for p in pair]
    ceiling = round(sum(f["articles_per_second"] for f in pair_figures), 2)
    one, two, local = results["1-worker"], results["2-workers"], results["in-process"]
    ratios = {
        "2_workers_vs_1_worker": round(two["articles_per_second"] / one["articles_per_second"], 2),
        "2_workers_vs_in_process": round(
            two["articles_per_second"] / local["articles_per_second"], 2
        ),
        "1_worker_vs_in_process": round(
            one["articles_per_second"] / local["articles_per_second"], 2
        ),
        "two_processes_ceiling_vs_in_process": round(ceiling / local["articles_per_second"], 2),
    }
    report = {
        "corpus": {"articles": args.n, "files": len(files), "seed": args.seed},
        "batch_size": args.batch_size,
        "repeat": args.repeat,
        "cpus": os.cpu_count(),
        "load_average_before": [round(x, 2) for x in load_before],
        "phases": results,
        "two_in_process_runs_at_once": {
            "articles_per_second_combined": ceiling,
            "runs": pair_figures,
        },
        "ratios": ratios,
        "timed": "run()/run_cluster() call: reading, processing, partitions, merge into DuckDB; "
        "best of the repeats, each into a fresh database",
        "not_timed": "corpus generation, cluster start-up, spaCy model loading",
    }
    lines = [
        f"corpus: {args.n} generated articles in {len(files)} files, batch size "
        f"{args.batch_size}, {os.cpu_count()} CPUs",
        f"timed: the run call (read, process, write partitions, merge into DuckDB), best of "
        f"{args.repeat}, each into a fresh database; not timed: cluster start-up and model loading",
        f"{'phase':<12} {'articles':>8} {'events':>7} {'seconds':>8} {'art/s':>7} "
        f"{'driver MB':>10} {'worker MB':>10}  all runs (s)",
    ]
    for name in PHASES:
        f = results[name]
        worker = "-" if f["worker_peak_rss_mb"] is None else f"{f['worker_peak_rss_mb']:.0f}"
        lines.append(
            f"{name:<12} {f['articles']:>8} {f['events']:>7} {f['seconds']:>8.1f} "
            f"{f['articles_per_second']:>7.1f} {f['driver_peak_rss_mb']:>10.0f} {worker:>10}  "
            + ", ".join(f"{t:.1f}" for t in f["all_seconds"])
        )
    lines.append(
        f"2 workers / 1 worker: {ratios['2_workers_vs_1_worker']:.2f}x (target >= 1.6); "
        f"2 workers / in-process: {ratios['2_workers_vs_in_process']:.2f}x; "
        f"1 worker / in-process: {ratios['1_worker_vs_in_process']:.2f}x"
    )
    lines.append(
        f"two in-process runs at once (the most two processes get from this machine): "
        f"{ceiling:.1f} art/s combined = {ratios['two_processes_ceiling_vs_in_process']:.2f}x "
        "one in-process run"
    )
    lines.append(f"load average before the run: {', '.join(f'{x:.2f}' for x in load_before)}")
    sys.stdout.write("\n".join(lines) + "\n")
    shutil.rmtree(work, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
