"""Train the sides model: ``python -m tidings.coding.train_sides --data ../shared/data``.

Reads the TUNING halves (:func:`tidings.evaluation.splits.half_of`) of the PLOVER gold files
``voa-plover-gold/*.json`` and ``plover-gsr/PLOVER_GSR_CAMEO.dev.json`` under ``--data``, codes
each sentence with the rules, and, where the main event has the gold type, labels every
candidate actor of the sentence (:func:`tidings.coding.learned.candidates`) as source and/or
target by its country code against the gold codes. It fits two class-weighted logistic
regressions (scikit-learn, ``liblinear``, fixed seed; ``C`` chosen by grouped 5-fold
cross-validation on the same tuning examples), picks the decision thresholds on out-of-fold
probabilities, and writes the coefficients with the command and the SHA-256 of the training
records to ``src/tidings/data/plover/sides_model.json`` (or ``--out``). The same data and
spaCy model give the same file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tidings.coding.learned import DEFAULT_MODEL, event_examples
from tidings.config import Config
from tidings.context import SentenceContext, parse_anchor
from tidings.evaluation.plover import gold_codes, legacy_label, main_event, read_gsr
from tidings.evaluation.splits import TUNE, half_of, plover_key
from tidings.records import Event

logger = logging.getLogger(__name__)

#: Gold files under ``--data`` (globs), in a fixed order.
GOLD_FILES = ("voa-plover-gold/*.json", "plover-gsr/PLOVER_GSR_CAMEO.dev.json")

#: Regularisation strengths tried by cross-validation.
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0, 10.0)

SEED = 13


@dataclass(slots=True)
class Group:
    """The candidates of one gold record's main event, with their labels."""

    feats: list[dict[str, float]]
    codes: list[str]
    keys: list[tuple[int, int]]
    is_source: list[int]
    is_target: list[int]
    rule_source: set[str]
    rule_target: set[str]
    rule_source_keys: list[tuple[tuple[int, int], str]]
    rule_target_keys: list[tuple[tuple[int, int], str]]
    gold_source: set[str]
    gold_target: set[str]


def tune_records(data: Path) -> tuple[list[dict[str, Any]], list[Path]]:
    """The tuning-half records of the gold files and the files they come from."""
    files: list[Path] = []
    for pattern in GOLD_FILES:
        files.extend(sorted(data.glob(pattern)))
    records = [r for f in files for r in read_gsr(f) if half_of("plover", plover_key(r)) == TUNE]
    return records, files


def records_hash(records: list[dict[str, Any]]) -> str:
    """SHA-256 of the training records as canonical JSON (sorted keys, one per line)."""
    digest = hashlib.sha256()
    for r in records:
        digest.update(json.dumps(r, sort_keys=True, ensure_ascii=False).encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()


def coded_sentences(
    text: str, res: Any, published: str | None
) -> list[tuple[SentenceContext, Event]]:
    """Every event the rules code in ``text``, with its sentence context (no learned layer)."""
    from tidings.coding import code_sentence
    from tidings.ids import document_id
    from tidings.nlp import sentence_spans
    from tidings.records import Article
    from tidings.resolve import find_actors

    article = Article(
        id=document_id(text),
        url=None,
        title=None,
        author=None,
        published=published,
        source=None,
        language="en",
        text=text,
        origin="<gold>",
        format="text",
        extractor="none",
    )
    light = res.segmenter(text)
    anchor = parse_anchor(published)
    actors = find_actors(light, res.kb, anchor)
    out: list[tuple[SentenceContext, Event]] = []
    for index, sent in enumerate(sentence_spans(light)):
        ctx = SentenceContext(
            article=article,
            doc=res.nlp(sent.text),
            offset=sent.start_char,
            actors=[a for a in actors if a.start >= sent.start_char and a.end <= sent.end_char],
            doc_actors=actors,
            anchor=anchor,
            index=index,
        )
        out.extend((ctx, e) for e in code_sentence(ctx, res.ontology))
    return out


@dataclass(slots=True)
class _Resources:
    """What coding a gold sentence needs (the stages may not import the pipeline)."""

    nlp: Any
    segmenter: Any
    kb: Any
    ontology: Any

    @classmethod
    def load(cls, config: Config) -> _Resources:
        from tidings.coding.ontology import Ontology
        from tidings.nlp import load_nlp, load_segmenter
        from tidings.resolve.kb import ActorKB

        # the same knowledge base and switches as the pipeline's resources for this config
        kb = ActorKB.load(phoenix=config.phoenix_actors)
        ontology = Ontology.load(kb=kb, verb_switches=config.cameo_verbs)
        return cls(load_nlp(config), load_segmenter(), kb, ontology)


def build_groups(records: list[dict[str, Any]], res: Any) -> list[Group]:
    """One :class:`Group` per record whose main event has the gold type."""
    groups: list[Group] = []
    for record in records:
        coded = coded_sentences(str(record["text"]).strip(), res, record.get("date"))
        event = main_event([e for _c, e in coded])
        if event is None or legacy_label(event) != str(record["event"]):
            continue
        ctx = next(c for c, e in coded if e is event)
        g_src, g_tgt = gold_codes(record.get("source")), gold_codes(record.get("target"))
        examples = event_examples(ctx, event)
        codes = [str(c.actor.country)[:3].upper() for c, _f in examples]
        groups.append(
            Group(
                feats=[f for _c, f in examples],
                codes=codes,
                keys=[(c.actor.start, c.actor.end) for c, _f in examples],
                is_source=[int(code in g_src) for code in codes],
                is_target=[int(code in g_tgt) for code in codes],
                rule_source={a.country[:3].upper() for a in event.source if a.country},
                rule_target={a.country[:3].upper() for a in event.target if a.country},
                rule_source_keys=[
                    ((a.start, a.end), a.country[:3].upper()) for a in event.source if a.country
                ],
                rule_target_keys=[
                    ((a.start, a.end), a.country[:3].upper()) for a in event.target if a.country
                ],
                gold_source=g_src,
                gold_target=g_tgt,
            )
        )
    return groups


def _side_codes(
    probs: list[float],
    codes: list[str],
    keys: list[tuple[int, int]],
    rules: list[tuple[tuple[int, int], str]],
    threshold: float,
    drop: float,
) -> set[str]:
    chosen = {c for p, c in zip(probs, codes, strict=True) if p >= threshold}
    if chosen:
        return chosen
    low = {k for p, k in zip(probs, keys, strict=True) if p < drop}
    return {code for key, code in rules if key not in low}


def side_accuracy(
    groups: list[Group],
    p_src: list[list[float]],
    p_tgt: list[list[float]],
    threshold: float,
    drop: float,
) -> float:
    """Share of sides (source and target of every group) whose codes equal the gold codes."""
    ok = 0
    for g, ps, pt in zip(groups, p_src, p_tgt, strict=True):
        ok += _side_codes(ps, g.codes, g.keys, g.rule_source_keys, threshold, drop) == g.gold_source
        ok += _side_codes(pt, g.codes, g.keys, g.rule_target_keys, threshold, drop) == g.gold_target
    return ok / max(1, 2 * len(groups))


def fit(groups: list[Group]) -> dict[str, Any]:
    """Fit both regressions, choose ``C`` and the thresholds; return the JSON-ready model."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold, cross_val_predict, cross_val_score

    rows = [f for g in groups for f in g.feats]
    gid = [n for n, g in enumerate(groups) for _f in g.feats]
    vec = DictVectorizer(sparse=False, sort=True)
    x = vec.fit_transform(rows)
    names = list(vec.get_feature_names_out())
    folds = GroupKFold(n_splits=5)
    out: dict[str, Any] = {"features": len(names), "n_examples": len(rows), "n_groups": len(groups)}
    oof: dict[str, list[float]] = {}
    for side in ("source", "target"):
        y = [v for g in groups for v in (g.is_source if side == "source" else g.is_target)]

        def model(c: float) -> Any:
            return LogisticRegression(
                C=c, class_weight="balanced", solver="liblinear", random_state=SEED, max_iter=1000
            )

        scores = {
            c: float(
                cross_val_score(model(c), x, y, groups=gid, cv=folds, scoring="neg_log_loss").mean()
            )
            for c in C_GRID
        }
        best = max(C_GRID, key=lambda c: (scores[c], -c))
        logger.info("%s: cross-validated log loss by C %s; chose C=%s", side, scores, best)
        oof[side] = list(
            cross_val_predict(model(best), x, y, groups=gid, cv=folds, method="predict_proba")[:, 1]
        )
        final = model(best).fit(x, y)
        weights = {n: round(float(w), 6) for n, w in zip(names, final.coef_[0], strict=True)}
        weights["bias"] = round(weights.get("bias", 0.0) + float(final.intercept_[0]), 6)
        out[side] = {k: v for k, v in weights.items() if v != 0.0}
        out[f"C_{side}"] = best
        out[f"positives_{side}"] = int(sum(y))
    p_src, p_tgt = _split(oof["source"], groups), _split(oof["target"], groups)
    rules = side_accuracy(groups, p_src, p_tgt, 2.0, 0.0)
    grid = [(t / 20, d / 20) for t in range(6, 20) for d in range(0, 6)]
    # ties go to the least intervention: the highest threshold, then the lowest drop
    best_t, best_d = max(
        grid, key=lambda td: (side_accuracy(groups, p_src, p_tgt, *td), td[0], -td[1])
    )
    acc = side_accuracy(groups, p_src, p_tgt, best_t, best_d)
    logger.info(
        "out-of-fold side accuracy on tune groups: rules %.3f, model %.3f "
        "(threshold %.2f, drop %.2f)",
        rules,
        acc,
        best_t,
        best_d,
    )
    out.update(
        threshold=best_t,
        drop=best_d,
        oof_side_accuracy={"rules": round(rules, 4), "model": round(acc, 4)},
    )
    return out


def _split(flat: list[float], groups: list[Group]) -> list[list[float]]:
    out, i = [], 0
    for g in groups:
        out.append([float(p) for p in flat[i : i + len(g.feats)]])
        i += len(g.feats)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the shared gold data folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_MODEL, help="model JSON to write")
    parser.add_argument("--model", default="auto", help="spaCy model (default: auto)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    records, files = tune_records(args.data)
    res = _Resources.load(Config(model=args.model))
    groups = build_groups(records, res)
    logger.info("%d tuning records, %d with the gold main type", len(records), len(groups))
    data = fit(groups)
    data = {
        "kind": "two one-vs-rest logistic regressions over named features",
        "predicts": "P(source) and P(target) of a candidate actor of the main event",
        "command": "python -m tidings.coding.train_sides --data ../shared/data",
        "trained_on": [str(f.relative_to(args.data)) for f in files],
        "split": "tuning halves: half_of('plover', plover_key(record)) == 'tune'",
        "n_records": len(records),
        "data_sha256": records_hash(records),
        "spacy_model": f"{res.nlp.meta.get('lang')}_{res.nlp.meta.get('name')} "
        f"{res.nlp.meta.get('version')}",
        "attribution": (
            "fitted on the tuning halves of the PLOVER gold-standard records (Open Event Data "
            "Alliance, CC BY-SA 4.0) and of the VOA PLOVER gold set (codes by the tidings "
            "maintainers, CC BY 4.0)"
        ),
        "licence": "CC BY-SA 4.0 (share-alike of the PLOVER gold-standard records)",
        **data,
    }
    args.out.write_text(json.dumps(data, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    logger.info("wrote %s", args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
