"""Train the factuality model: ``python -m tidings.claims.train --data PATH``.

Reads the TRAIN split of the unified factuality CoNLL files (``PATH`` is ``train.conll``
or the folder holding it), parses it with the configured spaCy model, fits a small
gradient-boosted tree ensemble on :func:`tidings.claims.factuality.token_features` and
writes it as JSON to ``src/tidings/data/claims/factuality_model.json`` (or ``--out``).
The fit is deterministic (fixed seed), so the same data and model give the same file.
"""

from __future__ import annotations

import argparse
import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tidings.claims.factuality import feature_names, read_facts, token_features
from tidings.claims.lexicon import load_lexicon
from tidings.config import Config
from tidings.evaluation.factuality import parse_sentences, read_conll, resolve_split

logger = logging.getLogger(__name__)

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "data" / "claims" / "factuality_model.json"


def build_matrix(path: Path, config: Config) -> tuple[list[list[float]], list[float]]:
    """Feature rows and gold values of every annotated token in a CoNLL file."""
    from tidings.nlp import load_nlp

    nlp = load_nlp(config)
    sentences = [s for s in read_conll(path) if s.labels]
    docs = parse_sentences(nlp, sentences)
    lex = load_lexicon()
    xs: list[list[float]] = []
    ys: list[float] = []
    for sent, doc in zip(sentences, docs, strict=True):
        for index, value in sorted(sent.labels.items()):
            xs.append(token_features(read_facts(doc[index], lex)))
            ys.append(value)
    return xs, ys


def fit(
    xs: list[list[float]],
    ys: list[float],
    *,
    n_estimators: int = 150,
    max_depth: int = 3,
    learning_rate: float = 0.1,
    loss: str = "huber",
) -> dict[str, Any]:
    """Fit the ensemble and return its JSON-ready description."""
    from sklearn.ensemble import GradientBoostingRegressor

    model = GradientBoostingRegressor(
        n_estimators=n_estimators,
        max_depth=max_depth,
        learning_rate=learning_rate,
        loss=loss,
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
        "features": feature_names(),
        "init": init,
        "learning_rate": learning_rate,
        "params": {
            "n_estimators": n_estimators,
            "max_depth": max_depth,
            "loss": loss,
            "subsample": 0.8,
            "random_state": 13,
        },
        "trees": trees,
    }


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
    parser.add_argument("--trees", type=int, default=150, help="number of trees")
    parser.add_argument("--depth", type=int, default=3, help="depth of each tree")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    path = resolve_split(args.data, "train")
    xs, ys = build_matrix(path, Config(model=args.model))
    logger.info("training on %d event tokens from %s", len(ys), path)
    data = fit(xs, ys, n_estimators=args.trees, max_depth=args.depth)
    data["trained_on"] = path.name
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
