"""Train the factuality model: ``python -m tidings.claims.train --data PATH``.

Reads the TRAIN split of the unified factuality CoNLL files (``PATH`` is ``train.conll``
or the folder holding it), parses it with the configured spaCy model, fits a small
gradient-boosted tree ensemble on :func:`tidings.claims.factuality.token_features` and
writes it as JSON to ``src/tidings/data/claims/factuality_model.json`` (or ``--out``).
The fit is deterministic (fixed seed), so the same data and model give the same file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tidings.claims.factuality import (
    feature_names,
    lemma_features,
    read_facts,
    token_features,
)
from tidings.claims.lexicon import load_lexicon
from tidings.config import Config
from tidings.evaluation.factuality import parse_sentences, read_conll, resolve_split

logger = logging.getLogger(__name__)

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "data" / "claims" / "factuality_model.json"


#: How many of the most frequent governing words become features.
TOP_GOVERNORS = 40
#: How many of the most frequent event words become features (none by default: they
#: learn the training corpus's topics, e.g. share prices that "closed", not factuality).
TOP_EVENTS = 0


def _top(words: list[str], k: int) -> list[str]:
    counts = Counter(w for w in words if w)
    return [w for w, _n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:k]]


def build_matrix(
    path: Path,
    config: Config,
    *,
    top_governors: int = TOP_GOVERNORS,
    top_events: int = TOP_EVENTS,
) -> tuple[list[list[float]], list[float], list[str]]:
    """Feature rows, gold values and feature names for every annotated token of a file.

    The word-identity features are the ``top_governors`` most frequent governing words
    and the ``top_events`` most frequent event words of this file.
    """
    from tidings.nlp import load_nlp

    nlp = load_nlp(config)
    sentences = [s for s in read_conll(path) if s.labels]
    docs = parse_sentences(nlp, sentences)
    lex = load_lexicon()
    facts = []
    ys: list[float] = []
    for sent, doc in zip(sentences, docs, strict=True):
        for index, value in sorted(sent.labels.items()):
            facts.append(read_facts(doc[index], lex))
            ys.append(value)
    govs = [f.token.head.lemma_.lower() if f.token.head.i != f.token.i else "" for f in facts]
    owns = [f.token.lemma_.lower() for f in facts]
    names = feature_names() + lemma_features(_top(govs, top_governors), _top(owns, top_events))
    xs = [token_features(f, lex, names) for f in facts]
    return xs, ys, names


def fit(
    xs: list[list[float]],
    ys: list[float],
    names: list[str],
    *,
    n_estimators: int = 300,
    max_depth: int = 4,
    learning_rate: float = 0.05,
    loss: str = "huber",
    alpha: float = 0.8,
    min_samples_leaf: int = 1,
) -> dict[str, Any]:
    """Fit the ensemble and return its JSON-ready description.

    ``min_samples_leaf`` is the fewest training tokens a leaf may hold: a larger number
    keeps the trees from learning rare combinations of features.
    """
    from sklearn.ensemble import GradientBoostingRegressor

    model = GradientBoostingRegressor(
        n_estimators=n_estimators,
        max_depth=max_depth,
        learning_rate=learning_rate,
        loss=loss,
        alpha=alpha,
        min_samples_leaf=min_samples_leaf,
        subsample=0.8,
        random_state=13,
    )
    model.fit(xs, ys)
    init = float(model.init_.predict([xs[0]])[0])
    trees = []
    for est in model.estimators_[:, 0]:
        t = est.tree_
        trees.append(
            {
                "feature": [int(f) for f in t.feature],
                "threshold": [round(float(v), 6) for v in t.threshold],
                "left": [int(v) for v in t.children_left],
                "right": [int(v) for v in t.children_right],
                "value": [round(float(v[0][0]), 6) for v in t.value],
            }
        )
    return {
        "kind": "gradient-boosted regression trees",
        "target": "event factuality in [-3, 3]",
        "features": names,
        "init": init,
        "learning_rate": learning_rate,
        "params": {
            "n_estimators": n_estimators,
            "max_depth": max_depth,
            "loss": loss,
            "alpha": alpha,
            "min_samples_leaf": min_samples_leaf,
            "subsample": 0.8,
            "random_state": 13,
        },
        "trees": trees,
    }


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file, hex-encoded (recorded with the model it trained).

    Example:
        >>> import tempfile
        >>> with tempfile.NamedTemporaryFile(delete=False) as f:
        ...     _ = f.write(b"abc")
        >>> file_sha256(Path(f.name))[:12]
        'ba7816bf8f01'
    """
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def training_command(args: argparse.Namespace) -> str:
    """The command line that reproduces a training run (data path as given).

    Example:
        >>> ns = argparse.Namespace(data=Path("uw"), trees=300, depth=4, alpha=0.8,
        ...                         min_leaf=1, top_governors=40, top_events=0)
        >>> training_command(ns)  # doctest: +NORMALIZE_WHITESPACE
        'python -m tidings.claims.train --data uw --trees 300 --depth 4 --alpha 0.8
         --min-leaf 1 --top-governors 40 --top-events 0'
    """
    return (
        f"python -m tidings.claims.train --data {args.data} --trees {args.trees} "
        f"--depth {args.depth} --alpha {args.alpha} --min-leaf {args.min_leaf} "
        f"--top-governors {args.top_governors} --top-events {args.top_events}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data",
        type=Path,
        required=True,
        help="train.conll of the unified factuality data, or its folder",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="model JSON to write")
    parser.add_argument("--model", default="auto", help="spaCy model (default: auto)")
    parser.add_argument("--trees", type=int, default=300, help="number of trees")
    parser.add_argument("--depth", type=int, default=4, help="depth of each tree")
    parser.add_argument(
        "--alpha",
        type=float,
        default=0.8,
        help="Huber loss quantile (lower trades correlation for absolute error)",
    )
    parser.add_argument(
        "--min-leaf",
        type=int,
        default=1,
        help="fewest training tokens in a leaf of a tree",
    )
    parser.add_argument(
        "--top-governors",
        type=int,
        default=TOP_GOVERNORS,
        help="most frequent governing words used as features",
    )
    parser.add_argument(
        "--top-events",
        type=int,
        default=TOP_EVENTS,
        help="most frequent event words used as features",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    path = resolve_split(args.data, "train")
    xs, ys, names = build_matrix(
        path,
        Config(model=args.model),
        top_governors=args.top_governors,
        top_events=args.top_events,
    )
    logger.info("training on %d event tokens from %s", len(ys), path)
    data = fit(
        xs,
        ys,
        names,
        n_estimators=args.trees,
        max_depth=args.depth,
        alpha=args.alpha,
        min_samples_leaf=args.min_leaf,
    )
    data["trained_on"] = path.name
    data["train_sha256"] = file_sha256(path)
    data["command"] = training_command(args)
    data["n_train"] = len(ys)
    data["source"] = (
        "fitted by `python -m tidings.claims.train` on the train split of the UW event "
        "factuality data (Lee et al. 2015) in the unified [-3, 3] format of Stanovsky et al. "
        "2017 (github.com/gabrielStanovsky/unified-factuality, MIT licence)"
    )
    data["licence"] = "Apache-2.0 (the fitted numbers); training data MIT"
    args.out.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    logger.info("wrote %s (%d trees)", args.out, len(data["trees"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
