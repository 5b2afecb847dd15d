"""Evaluation of time expressions against TimeML (``tidings eval timeml PATH``).

Reads TimeML ``.tml`` files (TimeBank, AQUAINT and the like), strips the markup to get the
plain text and the gold ``TIMEX3`` spans, runs :func:`tidings.temporal.find_timexes` anchored
on the document creation time, and computes the TempEval-3 figures:

* ``strict_f1``: exact span match; ``relaxed_f1``: any overlap;
* ``type_accuracy`` and ``value_accuracy``: over the relaxed-matched pairs;
* ``value_f1``: a relaxed match *and* the same normalised value, as F1 over gold and predicted.

The creation-time ``TIMEX3`` (``functionInDocument="CREATION_TIME"``) is the anchor and is
not scored; only the ``TEXT`` element is read.

Values are compared as written, except for one formatting difference that the TIMEX3 value
syntax (ISO 8601 week dates) treats as the same value: a week number is two digits, so a
gold ``2000-W7`` and a predicted ``2000-W07`` (or the reverse) both read as ``2000-W07``
(:func:`normalise_value`, applied to gold and predicted values alike). Nothing else is
normalised: ``1949-XX`` (a month of 1949) and ``1949`` (the year) stay different values.

``per_class`` gives, for each gold type, the relaxed recall, strict recall and value accuracy,
plus ``precision``/``recall``/``f1`` of typed detection: a relaxed match whose predicted type
is that gold type, over the predictions and gold expressions of that type.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tidings.errors import EvalError
from tidings.evaluation.base import EvalReport, f1
from tidings.evaluation.splits import in_split

if TYPE_CHECKING:
    from tidings.pipeline import Resources
    from tidings.temporal import Timex

logger = logging.getLogger(__name__)

#: TIMEX3 types, in the order they are reported.
TIMEX_TYPES: tuple[str, ...] = ("DATE", "TIME", "DURATION", "SET")


@dataclass(slots=True)
class GoldTimex:
    """One gold ``TIMEX3`` of a TimeML document (offsets into :attr:`TimemlDoc.text`)."""

    text: str
    start: int
    end: int
    type: str
    value: str
    mod: str | None = None


@dataclass(slots=True)
class TimemlDoc:
    """Plain text of a TimeML document with its gold time expressions and anchor."""

    path: str
    text: str
    anchor: dt.date | None
    timexes: list[GoldTimex] = field(default_factory=list)


_SHORT_WEEK = re.compile(r"(?<=-W)(\d)(?!\d)")


def normalise_value(value: str) -> str:
    """The TIMEX3 ``value`` with its ISO week number on two digits (``2000-W7`` -> ``2000-W07``).

    Example:
        >>> normalise_value("2000-W7-WE"), normalise_value("2000-W07"), normalise_value("P7W")
        ('2000-W07-WE', '2000-W07', 'P7W')
    """
    return _SHORT_WEEK.sub(r"0\1", value)


def _walk(elem: ET.Element, parts: list[str], pos: int, out: list[GoldTimex]) -> int:
    """Append the text under ``elem`` to ``parts``; record TIMEX3 spans. Returns the new end."""
    if elem.text:
        parts.append(elem.text)
        pos += len(elem.text)
    for child in elem:
        start = pos
        pos = _walk(child, parts, pos, out)
        if child.tag == "TIMEX3":
            text = "".join(child.itertext())
            out.append(
                GoldTimex(
                    text=text,
                    start=start,
                    end=pos,
                    type=child.get("type", ""),
                    value=child.get("value", ""),
                    mod=child.get("mod"),
                )
            )
        if child.tail:
            parts.append(child.tail)
            pos += len(child.tail)
    return pos


def read_timeml(path: Path) -> TimemlDoc:
    """Read one ``.tml`` file.

    Args:
        path: A TimeML file.

    Raises:
        EvalError: When the file is not well-formed XML or has no ``TEXT`` element.

    Example:
        >>> doc = read_timeml(Path("doc.tml"))  # doctest: +SKIP
        >>> doc.anchor, len(doc.timexes)  # doctest: +SKIP
        (datetime.date(1998, 2, 13), 12)
    """
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise EvalError(
            f"cannot read TimeML file {path}: {exc}; check that it is TimeML XML"
        ) from exc
    anchor: dt.date | None = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            try:
                anchor = dt.date.fromisoformat(timex.get("value", "")[:10])
            except ValueError:
                anchor = None
            break
    body = root.find("TEXT")
    if body is None:
        raise EvalError(f"{path} has no TEXT element; is it a TimeML document?")
    parts: list[str] = []
    gold: list[GoldTimex] = []
    _walk(body, parts, 0, gold)
    gold = [g for g in gold if g.value or g.type]
    return TimemlDoc(path=str(path), text="".join(parts), anchor=anchor, timexes=gold)


def iter_timeml(path: Path) -> Iterator[TimemlDoc]:
    """Yield the TimeML documents of a file or (recursively) of a folder, sorted by path.

    Raises:
        EvalError: When ``path`` does not exist or holds no ``.tml`` file.
    """
    if path.is_file():
        yield read_timeml(path)
        return
    if not path.is_dir():
        raise EvalError(f"{path} does not exist; pass a .tml file or a folder of them")
    files = sorted(p for p in path.rglob("*.tml") if not p.name.startswith("._"))
    if not files:
        raise EvalError(f"no .tml files under {path}; pass a folder of TimeML files")
    for file in files:
        yield read_timeml(file)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _match(gold: list[GoldTimex], pred: list[Timex]) -> list[tuple[int, int]]:
    """Pair gold and predicted spans one-to-one by overlap, exact matches first."""
    pairs: list[tuple[int, int]] = []
    used_g: set[int] = set()
    used_p: set[int] = set()
    for exact in (True, False):
        for gi, g in enumerate(gold):
            if gi in used_g:
                continue
            for pi, p in enumerate(pred):
                if pi in used_p:
                    continue
                hit = (
                    (g.start, g.end) == (p.start, p.end)
                    if exact
                    else _overlaps((g.start, g.end), (p.start, p.end))
                )
                if hit:
                    pairs.append((gi, pi))
                    used_g.add(gi)
                    used_p.add(pi)
                    break
    return pairs


def _prf(hits: int, n_gold: int, n_pred: int) -> tuple[float, float, float]:
    precision = hits / n_pred if n_pred else 0.0
    recall = hits / n_gold if n_gold else 0.0
    return precision, recall, f1(precision, recall)


def evaluate(
    path: Path,
    res: Resources | None = None,
    *,
    limit: int | None = None,
    split: str = "all",
) -> EvalReport:
    """Score :func:`tidings.temporal.find_timexes` on TimeML gold data.

    Args:
        path: A ``.tml`` file or a folder searched recursively.
        res: Unused (time expressions need no model); accepted for a uniform ``eval`` API.
        limit: Evaluate at most this many documents (of the split).
        split: ``tune``, ``check`` or ``all`` (see :mod:`tidings.evaluation.splits`); documents
            are split by file name.

    Returns:
        A report with ``n_docs``, ``n_gold``, ``n_pred``, ``strict_precision``/``recall``/
        ``f1``, ``relaxed_precision``/``recall``/``f1``, ``type_accuracy``,
        ``value_accuracy``, ``value_f1`` and ``ms_per_doc``; ``per_class`` by gold type
        (relaxed recall, value accuracy), ``confusion`` of (gold value, predicted value),
        and one error record per miss, false hit or wrong value.

    Raises:
        EvalError: When the gold data cannot be read.

    Example:
        >>> report = evaluate(Path("../shared/data/timebank-tbaq"))  # doctest: +SKIP
        >>> round(report.metrics["relaxed_f1"], 2)  # doctest: +SKIP
        0.9
    """
    from tidings.temporal import find_timexes

    del res
    n_docs = n_gold = n_pred = strict = relaxed = type_ok = value_ok = 0
    elapsed = 0.0
    by_type: dict[str, Counter[str]] = {t: Counter() for t in TIMEX_TYPES}
    value_pairs: Counter[tuple[str, str]] = Counter()
    pred_types: Counter[str] = Counter()
    errors: list[dict[str, object]] = []
    for doc in iter_timeml(path):
        if not in_split("timeml", Path(doc.path).name, split):
            continue
        if limit is not None and n_docs >= limit:
            break
        n_docs += 1
        t0 = time.perf_counter()
        pred = find_timexes(doc.text, doc.anchor)
        elapsed += time.perf_counter() - t0
        gold = doc.timexes
        n_gold += len(gold)
        n_pred += len(pred)
        pred_types.update(p.type for p in pred)
        pairs = _match(gold, pred)
        matched_g = {gi for gi, _ in pairs}
        matched_p = {pi for _, pi in pairs}
        for g in gold:
            by_type.setdefault(g.type, Counter())["gold"] += 1
        for gi, pi in pairs:
            g, p = gold[gi], pred[pi]
            relaxed += 1
            counts = by_type.setdefault(g.type, Counter())
            counts["relaxed"] += 1
            if (g.start, g.end) == (p.start, p.end):
                strict += 1
                counts["strict"] += 1
            if g.type == p.type:
                type_ok += 1
                counts["type"] += 1
            if normalise_value(g.value) == normalise_value(p.value):
                value_ok += 1
                counts["value"] += 1
            else:
                value_pairs[(g.value, p.value)] += 1
                errors.append(_error(doc, "value", g, p))
        errors.extend(
            _error(doc, "missed", g, None) for i, g in enumerate(gold) if i not in matched_g
        )
        errors.extend(
            _error(doc, "spurious", None, p) for i, p in enumerate(pred) if i not in matched_p
        )
    s_p, s_r, s_f = _prf(strict, n_gold, n_pred)
    r_p, r_r, r_f = _prf(relaxed, n_gold, n_pred)
    v_p, v_r, v_f = _prf(value_ok, n_gold, n_pred)
    metrics = {
        "n": float(n_docs),
        "n_docs": float(n_docs),
        "n_gold": float(n_gold),
        "n_pred": float(n_pred),
        "strict_precision": s_p,
        "strict_recall": s_r,
        "strict_f1": s_f,
        "relaxed_precision": r_p,
        "relaxed_recall": r_r,
        "relaxed_f1": r_f,
        "type_accuracy": type_ok / relaxed if relaxed else 0.0,
        "value_accuracy": value_ok / relaxed if relaxed else 0.0,
        "value_precision": v_p,
        "value_recall": v_r,
        "value_f1": v_f,
        "ms_per_doc": 1000 * elapsed / n_docs if n_docs else 0.0,
    }
    per_class: dict[str, dict[str, float]] = {}
    for t, c in by_type.items():
        if not c["gold"]:
            continue
        t_p, t_r, t_f = _prf(c["type"], c["gold"], pred_types[t])
        per_class[t] = {
            "support": float(c["gold"]),
            "precision": t_p,
            "recall": t_r,
            "f1": t_f,
            "relaxed_recall": c["relaxed"] / c["gold"],
            "strict_recall": c["strict"] / c["gold"],
            "type_accuracy": c["type"] / c["relaxed"] if c["relaxed"] else 0.0,
            "value_accuracy": c["value"] / c["relaxed"] if c["relaxed"] else 0.0,
        }
    confusion = [(g, p, n) for (g, p), n in value_pairs.most_common(25)]
    return EvalReport(
        kind="timeml",
        metrics=metrics,
        per_class=per_class,
        confusion=confusion,
        errors=errors,
        path=str(path),
    )


def _error(
    doc: TimemlDoc, kind: str, gold: GoldTimex | None, pred: Timex | None
) -> dict[str, object]:
    """One JSON-ready miss record with a little context around the expression."""
    span = gold or pred
    assert span is not None
    lo, hi = max(0, span.start - 60), min(len(doc.text), span.end + 60)
    return {
        "kind": kind,
        "doc": doc.path,
        "anchor": doc.anchor.isoformat() if doc.anchor else None,
        "gold": None
        if gold is None
        else {"text": gold.text, "type": gold.type, "value": gold.value},
        "pred": None
        if pred is None
        else {"text": pred.text, "type": pred.type, "value": pred.value, "rule": pred.rule},
        "context": doc.text[lo:hi].replace("\n", " "),
    }
