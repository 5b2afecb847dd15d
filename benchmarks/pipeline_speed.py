"""Speed of the tidings pipeline against a bare full spaCy parse of the same texts.

Both phases run in this invocation, each in a fresh child process (so peak memory is
measured per phase), on the same texts:

* ``spacy``: ``nlp.pipe`` with the full pipeline (tagger, parser, lemmatizer, NER) over
  every article;
* ``tidings``: the whole tidings pipeline (extraction, segmentation, actor matching,
  selective parsing, event coding, status and attribution, dates) via ``process_batch``,
  with its default configuration: only sentences that can yield events are parsed, and
  without the statistical NER (actors and places come from the knowledge base).

Model loading is excluded from the timings in both phases.

Usage:
    python benchmarks/pipeline_speed.py [--n 600] [--corpus auto|voa|generated] [--json out.json]

Corpora: ``voa`` cycles the 89 Voice of America stories of ``../shared/data/voa-news``
(real news, public domain; kept beside the checkout, not shipped); ``generated`` is the
synthetic corpus of ``make_corpus.py``, in which nearly every sentence holds an event (a
worst case for selective parsing); ``auto`` takes ``voa`` when present.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
VOA = HERE.parent.parent / "shared" / "data" / "voa-news"


def load_texts(corpus: str, n: int) -> list[str]:
    """``n`` article texts from the generated corpus or the VOA stories (cycled)."""
    if corpus == "voa":
        files = sorted(VOA.glob("*.jsonl")) + sorted(VOA.glob("*.json"))
        if not files:
            sys.exit(f"VOA stories not found under {VOA}; use --corpus generated")
        texts: list[str] = []
        for file in files:
            for line in file.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    texts.append(json.loads(line)["text"])
    else:
        sys.path.insert(0, str(HERE))
        import tempfile

        from make_corpus import make_corpus  # type: ignore[import-not-found]

        folder = Path(tempfile.mkdtemp(prefix="tidings-bench-"))
        texts = []
        for path in make_corpus(folder, n, seed=7):
            if path.suffix == ".jsonl":
                for line in path.read_text(encoding="utf-8").splitlines():
                    if line.strip():
                        texts.append(json.loads(line)["text"])
            else:
                texts.append(path.read_text(encoding="utf-8"))
    return [texts[i % len(texts)] for i in range(n)]


def phase(name: str, corpus: str, n: int) -> dict[str, float]:
    """Run one phase in this process and return its figures."""
    from tidings.config import load_config
    from tidings.ids import document_id
    from tidings.pipeline import Resources, process_batch
    from tidings.records import RawDocument

    texts = load_texts(corpus, n)
    config = load_config()  # honours TIDINGS_* settings (e.g. TIDINGS_CAMEO_VERBS)
    words = sum(len(t.split()) for t in texts)
    events = 0
    if name == "spacy":
        import spacy

        from tidings.nlp import resolve_model_name

        full = spacy.load(resolve_model_name(config.model))  # every component, NER included
        start = time.perf_counter()
        for _ in full.pipe(texts, batch_size=config.nlp_batch_size):
            pass
    else:
        res = Resources.load(config)
        raws = [
            RawDocument(id=document_id(f"{i}:{t}"), origin=f"bench:{i}", format="text", content=t)
            for i, t in enumerate(texts)
        ]
        start = time.perf_counter()
        for i in range(0, len(raws), config.batch_size):
            batch = process_batch(raws[i : i + config.batch_size], res)
            events += sum(len(r.events) for r in batch.results)
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "articles": len(texts),
        "words": words,
        "seconds": seconds,
        "articles_per_second": len(texts) / seconds,
        "words_per_second": words / seconds,
        "peak_rss_mb": peak_kb / 1024,
        "events": events,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=600, help="articles (default 600)")
    parser.add_argument("--corpus", choices=["auto", "voa", "generated"], default="auto")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--phase", choices=["spacy", "tidings"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.corpus == "auto":
        args.corpus = "voa" if VOA.is_dir() else "generated"
    if args.phase:
        json.dump(phase(args.phase, args.corpus, args.n), sys.stdout)
        return
    figures = {}
    for name in ("spacy", "tidings"):
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--phase",
                name,
                *("--n", str(args.n)),
                "--corpus",
                args.corpus,
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        figures[name] = json.loads(out.stdout.strip().splitlines()[-1])
    ratio = figures["tidings"]["articles_per_second"] / figures["spacy"]["articles_per_second"]
    print(f"corpus: {args.corpus}, {args.n} articles, {figures['spacy']['words']} words")
    for name in ("spacy", "tidings"):
        f = figures[name]
        label = "bare nlp.pipe (full spaCy)" if name == "spacy" else "tidings full pipeline"
        print(
            f"{label:<28} {f['articles_per_second']:8.1f} articles/s "
            f"{f['words_per_second']:9.0f} words/s  peak RSS {f['peak_rss_mb']:7.0f} MB"
        )
    print(f"events coded by tidings: {figures['tidings']['events']}")
    print(f"ratio tidings / spaCy: {ratio:.2f} (target >= 1.5)")
    print(f"peak RSS tidings: {figures['tidings']['peak_rss_mb']:.0f} MB (target <= 1536 MB)")
    if args.json:
        args.json.write_text(json.dumps({**figures, "ratio": ratio}, indent=2))


if __name__ == "__main__":
    main()
