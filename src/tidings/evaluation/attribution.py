"""Evaluation of attribution finding against PolNeAR (BRAT standoff).

Layout: ``<split>/text/<name>.txt`` holds an article; ``<split>/attributions/
<name>_<annotator>.ann`` its annotations: ``T`` lines with a type (``Source``, ``Cue``,
``Content``, ``Attribution``, ``Discard``) and character offsets (``start end``, with ``;``
between the pieces of a discontinuous span), and ``E`` lines tying them into one relation
(``E1 Attribution:T4 Content:T3 Cue:T2 Source:T1``).

Scoring is by overlap. For each of source, cue and content, a predicted span is correct
when it overlaps a gold span of that role, and a gold span is found when a predicted span
overlaps it. A predicted relation is correct when its source overlaps the gold relation's
source (or both have none) and its content overlaps the gold content. Metrics:
``source_f1``, ``cue_f1``, ``content_f1``, ``relation_f1`` (with their precision and recall
in ``per_class``), ``n_articles``, ``n_relations``.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from spacy.language import Language

from tidings.errors import EvalError
from tidings.evaluation.base import EvalReport, f1
from tidings.evaluation.splits import in_split

if TYPE_CHECKING:
    from tidings.pipeline import Resources

logger = logging.getLogger(__name__)

Piece = tuple[int, int]
ROLES: tuple[str, ...] = ("source", "cue", "content")


@dataclass(slots=True)
class Relation:
    """One attribution: character pieces of its source, cue and content (each may be empty)."""

    source: list[Piece] = field(default_factory=list)
    cue: list[Piece] = field(default_factory=list)
    content: list[Piece] = field(default_factory=list)

    def role(self, name: str) -> list[Piece]:
        """The pieces of ``source``, ``cue`` or ``content``."""
        pieces: list[Piece] = getattr(self, name)
        return pieces


@dataclass(slots=True)
class GoldArticle:
    """One annotated article."""

    name: str
    text: str
    relations: list[Relation]


def resolve_split(path: Path, split: str = "dev") -> Path:
    """The split folder (holding ``text/`` and ``attributions/``) for ``path``.

    Raises:
        EvalError: When neither ``path`` nor ``path/<split>`` has that layout.
    """
    for candidate in (path, path / split, path / "data" / split):
        if (candidate / "text").is_dir() and (candidate / "attributions").is_dir():
            return candidate
    raise EvalError(
        f"{path} has no text/ and attributions/ folders; pass a PolNeAR split folder such as "
        "../shared/data/polnear-attribution/dev"
    )


_SPAN = re.compile(r"^([\w-]+) (\d+ \d+(?:;\d+ \d+)*)\t")


def parse_ann(text: str) -> list[Relation]:
    """The relations of one BRAT ``.ann`` file.

    Raises:
        EvalError: On an ``E`` line naming an unknown ``T`` id.
    """
    spans: dict[str, tuple[str, list[Piece]]] = {}
    events: list[list[tuple[str, str]]] = []
    for line in text.splitlines():
        if line.startswith("T"):
            tid, _, rest = line.partition("\t")
            m = _SPAN.match(rest + "\t")
            if not m:
                continue
            pieces = [(int(a), int(b)) for a, b in (p.split() for p in m.group(2).split(";"))]
            spans[tid] = (m.group(1), pieces)
        elif line.startswith("E"):
            _eid, _, rest = line.partition("\t")
            events.append([tuple(arg.split(":", 1)) for arg in rest.split()])  # type: ignore[misc]
    relations: list[Relation] = []
    for args in events:
        rel = Relation()
        for role, tid in args:
            if tid not in spans:
                raise EvalError(f"relation refers to unknown span {tid}; the .ann file is damaged")
            kind = re.sub(r"\d+$", "", role).lower()
            if kind in ROLES:
                rel.role(kind).extend(spans[tid][1])
        relations.append(rel)
    return relations


def read_split(folder: Path) -> Iterator[GoldArticle]:
    """Yield the annotated articles of a PolNeAR split folder."""
    for ann in sorted((folder / "attributions").glob("*.ann")):
        base = ann.stem.rsplit("_", 1)[0]
        txt = folder / "text" / f"{base}.txt"
        if not txt.is_file():
            logger.warning("no text for %s; skipped", ann.name)
            continue
        try:
            yield GoldArticle(
                name=base,
                text=txt.read_text(encoding="utf-8"),
                relations=parse_ann(ann.read_text(encoding="utf-8")),
            )
        except OSError as exc:
            raise EvalError(f"cannot read {ann}: {exc}") from exc


def paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """Non-empty lines of ``text`` with their offsets."""
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            yield pos, line
        pos += len(line) + 1


def predict(nlp: Language, text: str) -> list[Relation]:
    """Relations found by :func:`tidings.claims.find_attributions` in ``text``."""
    from tidings.claims import find_attributions
    from tidings.claims.attribution import outermost

    paras = list(paragraphs(text))
    out: list[Relation] = []
    for (offset, _para), doc in zip(paras, nlp.pipe(p for _o, p in paras), strict=True):
        for rel in outermost(find_attributions(doc)):
            out.append(
                Relation(
                    source=[(offset + rel.source.start_char, offset + rel.source.end_char)]
                    if rel.source is not None
                    else [],
                    cue=[(offset + rel.cue.start_char, offset + rel.cue.end_char)],
                    content=[(offset + s.start_char, offset + s.end_char) for s in rel.content],
                )
            )
    return out


def _overlap(a: list[Piece], b: list[Piece]) -> bool:
    return any(x0 < y1 and y0 < x1 for x0, x1 in a for y0, y1 in b)


def _relation_match(pred: Relation, gold: Relation) -> bool:
    if not _overlap(pred.content, gold.content):
        return False
    if not pred.source and not gold.source:
        return True
    return _overlap(pred.source, gold.source)


def _prf(n_pred: int, tp_pred: int, n_gold: int, tp_gold: int) -> dict[str, float]:
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": f1(p, r), "support": float(n_gold)}


def _excerpt(text: str, pieces: list[Piece], limit: int = 160) -> str:
    joined = " … ".join(text[a:b] for a, b in pieces)
    return joined if len(joined) <= limit else joined[: limit - 1] + "…"


def evaluate(
    path: Path, res: Resources, *, limit: int | None = None, split: str = "all"
) -> EvalReport:
    """Find attributions in every article of a PolNeAR split and score them.

    Args:
        path: A split folder (``.../polnear-attribution/dev``) or the corpus folder.
        res: :class:`tidings.pipeline.Resources` (only its ``nlp`` is used).
        limit: Evaluate only the first ``limit`` articles (of the split).
        split: ``tune``, ``check`` or ``all`` (see :mod:`tidings.evaluation.splits`); articles
            are split by the name of their annotation file without the annotator suffix, so an
            article annotated twice stays in one half.

    Returns:
        The report (see the module docstring for the metrics); ``confusion`` lists the
        cue words most often missed (``(cue, "missed", n)``) or wrongly found
        (``("none", cue, n)``); ``errors`` has one entry per missed or spurious relation.

    Raises:
        EvalError: When the folder has no PolNeAR layout or a file cannot be read.
    """
    folder = resolve_split(Path(path))
    nlp: Language = res.nlp
    counts = {k: [0, 0, 0, 0] for k in (*ROLES, "relation")}  # n_pred, tp_pred, n_gold, tp_gold
    missed_cues: Counter[str] = Counter()
    spurious_cues: Counter[str] = Counter()
    errors: list[dict[str, object]] = []
    n_articles = 0
    for article in read_split(folder):
        if not in_split("attribution", article.name, split):
            continue
        if limit is not None and n_articles >= limit:
            break
        n_articles += 1
        pred = predict(nlp, article.text)
        gold = article.relations
        for role in ROLES:
            p_spans = [r.role(role) for r in pred if r.role(role)]
            g_spans = [r.role(role) for r in gold if r.role(role)]
            c = counts[role]
            c[0] += len(p_spans)
            c[1] += sum(1 for p in p_spans if any(_overlap(p, g) for g in g_spans))
            c[2] += len(g_spans)
            c[3] += sum(1 for g in g_spans if any(_overlap(p, g) for p in p_spans))
        c = counts["relation"]
        c[0] += len(pred)
        c[2] += len(gold)
        for p in pred:
            if any(_relation_match(p, g) for g in gold):
                c[1] += 1
            else:
                cue = _excerpt(article.text, p.cue).lower()
                spurious_cues[cue] += 1
                errors.append(
                    {
                        "article": article.name,
                        "error": "spurious",
                        "source": _excerpt(article.text, p.source),
                        "cue": cue,
                        "content": _excerpt(article.text, p.content),
                    }
                )
        for g in gold:
            if any(_relation_match(p, g) for p in pred):
                c[3] += 1
            else:
                cue = _excerpt(article.text, g.cue).lower()
                missed_cues[cue] += 1
                errors.append(
                    {
                        "article": article.name,
                        "error": "missed",
                        "source": _excerpt(article.text, g.source),
                        "cue": cue,
                        "content": _excerpt(article.text, g.content),
                    }
                )
    per_class = {k: _prf(*v) for k, v in counts.items()}
    metrics = {
        "n": float(n_articles),
        "n_articles": float(n_articles),
        "n_relations": float(counts["relation"][2]),
        **{f"{k}_f1": per_class[k]["f1"] for k in (*ROLES, "relation")},
    }
    confusion = [(cue, "missed", n) for cue, n in missed_cues.most_common(10)]
    confusion += [("none", cue, n) for cue, n in spurious_cues.most_common(5)]
    logger.info("attribution on %s: %s", folder, metrics)
    return EvalReport(
        kind="attribution",
        metrics=metrics,
        per_class=per_class,
        confusion=confusion,
        errors=errors,
        path=str(folder),
    )
