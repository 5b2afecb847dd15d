"""Evaluation of event factuality against the unified factuality CoNLL files.

Format (one token a line, blank line between sentences): token index, token, factuality
value in [-3, 3] or ``_`` when the token is no annotated event, POS, head, dependency
label, lemma. Our own parse is used, not the file's: the sentence is rebuilt from its
tokens (keeping the tokenisation) and run through the full spaCy pipeline.

Metrics: ``n``, ``mae``, ``pearson_r``, ``accuracy_3way`` with classes *happened*
(value > 1), *did not* (value < -1) and *uncertain* (otherwise), for gold and predicted
values alike.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc

from tidings.errors import EvalError
from tidings.evaluation.base import EvalReport, confusions, per_class_scores
from tidings.evaluation.splits import in_split

if TYPE_CHECKING:
    from tidings.pipeline import Resources

logger = logging.getLogger(__name__)

#: Thresholds of the 3-way classes: happened above HAPPENED, did not below DID_NOT.
HAPPENED = 1.0
DID_NOT = -1.0


@dataclass(slots=True)
class FactualitySentence:
    """One annotated sentence: its tokens and the gold values of its event tokens."""

    words: list[str]
    labels: dict[int, float]


def three_way(value: float) -> str:
    """``happened`` (> 1), ``did_not`` (< -1) or ``uncertain``.

    Example:
        >>> three_way(2.5), three_way(-3.0), three_way(0.4)
        ('happened', 'did_not', 'uncertain')
    """
    if value > HAPPENED:
        return "happened"
    if value < DID_NOT:
        return "did_not"
    return "uncertain"


def resolve_split(path: Path, split: str = "dev") -> Path:
    """The CoNLL file for ``path``: the file itself, or ``<split>.conll`` in a folder.

    Raises:
        EvalError: When no such file exists.
    """
    if path.is_dir():
        for candidate in (path / f"{split}.conll", path / "uw" / f"{split}.conll"):
            if candidate.is_file():
                return candidate
        raise EvalError(
            f"no {split}.conll in {path}; pass the factuality CoNLL file or its folder "
            "(e.g. ../shared/data/factuality-unified/uw)"
        )
    if not path.is_file():
        raise EvalError(f"factuality file {path} does not exist; check the path")
    return path


def sentence_key(sentence: FactualitySentence) -> str:
    """The split key of a sentence: its words joined by spaces (the files name no document).

    Example:
        >>> sentence_key(FactualitySentence(["Talks", "resumed", "."], {1: 3.0}))
        'Talks resumed .'
    """
    return " ".join(sentence.words)


def read_conll(path: Path) -> Iterator[FactualitySentence]:
    """Yield the sentences of a unified-factuality CoNLL file.

    Raises:
        EvalError: When a line does not have the expected columns.
    """
    words: list[str] = []
    labels: dict[int, float] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvalError(f"cannot read {path}: {exc}") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            if words:
                yield FactualitySentence(words, labels)
            words, labels = [], {}
            continue
        cols = line.split("\t")
        if len(cols) < 3:
            raise EvalError(f"{path}:{n}: expected tab-separated columns, got {line!r}")
        words.append(cols[1])
        if cols[2] != "_":
            try:
                labels[len(words) - 1] = float(cols[2])
            except ValueError as exc:
                raise EvalError(f"{path}:{n}: factuality value {cols[2]!r} is no number") from exc
    if words:
        yield FactualitySentence(words, labels)


def parse_sentences(nlp: Language, sentences: list[FactualitySentence]) -> list[Doc]:
    """Parse the sentences with ``nlp``, keeping the file's tokenisation."""
    docs = [Doc(nlp.vocab, words=s.words) for s in sentences]
    return list(nlp.pipe(docs, batch_size=64))


def pearson(xs: list[float], ys: list[float]) -> float:
    """Pearson correlation (0 when either side is constant).

    Example:
        >>> round(pearson([1, 2, 3], [2, 4, 7]), 3)
        0.993
    """
    n = len(xs)
    if n < 2:
        return 0.0
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return 0.0 if sxx == 0 or syy == 0 else sxy / math.sqrt(sxx * syy)


def evaluate(
    path: Path, res: Resources, *, limit: int | None = None, split: str = "all"
) -> EvalReport:
    """Predict a factuality value for every annotated event token and score it.

    Args:
        path: A CoNLL file, or the folder holding ``dev.conll``.
        res: :class:`tidings.pipeline.Resources` (only its ``nlp`` is used).
        limit: Evaluate only the first ``limit`` sentences (of the split).
        split: ``tune``, ``check`` or ``all`` (see :mod:`tidings.evaluation.splits`); the UW
            CoNLL files name no document, so sentences are split by their text
            (:func:`sentence_key`).

    Returns:
        Metrics ``n``, ``mae``, ``pearson_r``, ``accuracy_3way``, ``rule_mae`` (status
        values alone); per-class scores and confusions over the three classes; one error
        entry per token whose 3-way class is wrong.

    Raises:
        EvalError: When the file cannot be read.
    """
    from tidings.claims.factuality import load_factuality_model, predict_factuality
    from tidings.claims.lexicon import load_lexicon

    file = resolve_split(Path(path))
    sentences = [s for s in read_conll(file) if in_split("factuality", sentence_key(s), split)]
    if limit is not None:
        sentences = sentences[:limit]
    sentences = [s for s in sentences if s.labels]
    nlp: Language = res.nlp
    docs = parse_sentences(nlp, sentences)
    lex = load_lexicon()
    model = load_factuality_model()
    gold: list[float] = []
    pred: list[float] = []
    rule: list[float] = []
    errors: list[dict[str, object]] = []
    for sent, doc in zip(sentences, docs, strict=True):
        for index, value in sorted(sent.labels.items()):
            p = predict_factuality(doc, index, lexicon=lex, model=model)
            r = predict_factuality(doc, index, lexicon=lex, use_model=False)
            gold.append(value)
            pred.append(p)
            rule.append(r)
            if three_way(value) != three_way(p):
                errors.append(
                    {
                        "sentence": doc.text,
                        "token": doc[index].text,
                        "index": index,
                        "gold": value,
                        "predicted": round(p, 3),
                        "status_value": r,
                    }
                )
    n = len(gold)
    gold3 = [three_way(g) for g in gold]
    pred3 = [three_way(p) for p in pred]
    metrics = {
        "n": float(n),
        "mae": sum(abs(g - p) for g, p in zip(gold, pred, strict=True)) / n if n else 0.0,
        "pearson_r": pearson(gold, pred),
        "accuracy_3way": sum(g == p for g, p in zip(gold3, pred3, strict=True)) / n if n else 0.0,
        "rule_mae": sum(abs(g - r) for g, r in zip(gold, rule, strict=True)) / n if n else 0.0,
        "rule_pearson_r": pearson(gold, rule),
        "model": 1.0 if model is not None else 0.0,
    }
    logger.info("factuality on %s: %s", file, metrics)
    return EvalReport(
        kind="factuality",
        metrics=metrics,
        per_class=per_class_scores(gold3, pred3),
        confusion=confusions(gold3, pred3),
        errors=errors,
        path=str(file),
    )
