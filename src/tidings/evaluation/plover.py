"""Evaluation against the PLOVER gold-standard records (GSR).

The GSR (Open Event Data Alliance, CC BY-SA 4.0) is a JSON array of coded sentences: ``text``,
``event`` (PLOVER type), ``source``/``target`` lists of ``{"actorText", "code"}``. Its labels
follow PLOVER 0.5 (2016), which had ``DEMAND``, ``DISAPPROVE``, ``INVESTIGATE`` and ``FIGHT``
where the 0.8 ontology that tidings codes has ``REQUEST``, ``ACCUSE`` (modes disapprove,
allege, investigate) and ``ASSAULT`` with conventional-force CAMEO codes; :func:`legacy_label`
maps a tidings event onto the 0.5 labels so the two can be compared.

Acts and status apart: tidings stores what was done and, separately, whether it happened; a
planned visit is ``CONSULT`` with status ``planned``. The PLOVER codebook (and the VOA gold built
on it) codes an announced intention to cooperate as ``AGREE``. So, for the comparison only,
:func:`legacy_label` reads an event with status ``planned`` whose type is verbal cooperation
(quad class 1 in ``data/plover/types.yaml``: AGREE, CONSULT, SUPPORT) as ``AGREE``. The store
keeps the act. Material cooperation (quad class 2) is left out: the gold keeps a promised
concession or aid delivery as CONCEDE or AID with status ``planned``, and taking quad class 2 in
lowered the PLOVER GSR check half (event type accuracy 0.914 -> 0.900).

PLOVER-format gold with the fields of ``voa-plover-gold`` is read as well: ``event: "NONE"``
records (a sentence with no codable event, which must get no event), ``status`` and
``claimant``. Status vocabulary: the gold's nine values (asserted, reported, alleged, denied,
planned, speculative, hypothetical, negated, confirmed) are exactly
:data:`tidings.records.STATUSES`, so a predicted status is compared as it is (no mapping).

Metrics: ``n``; ``event_type_accuracy`` and ``event_type_macro_f1`` of the main event (the
highest-confidence event of the sentence, ``NONE`` when nothing is coded); ``source_accuracy``
and ``target_accuracy``: the set of country-level codes of each side of the main event equals
the gold set (an empty gold side must be predicted empty).

Gold country codes: the GSR documentation (``PLOVER_GSR_CAMEO_readme.tex``) states that the
examples were edited so that every nation-state carries its current ISO 3166-1 alpha-3 name and
code. Three records carry codes that ISO 3166-1 does not assign,
``JAP``, ``ITL`` and ``VTN``, on actors whose text names Japan, Italy and Vietnamese forces:
editing slips for ``JPN``, ``ITA`` and ``VNM``. :data:`GOLD_CODE_FIXES` reads them as those ISO
codes and nothing else is changed; ``source_accuracy_raw`` and ``target_accuracy_raw`` report
the scores on the codes exactly as written, for comparison.

Further metrics where the gold has them: ``status_accuracy`` and ``status_n`` over records with a
gold status and an event other than ``NONE`` (the main event's status equals the gold's; no
event counts wrong), with a per-status table and confusions (``status`` breakdown);
``none_accuracy`` (share of ``NONE`` records given no event) and ``none_n``. For records with a
gold event that got no event, ``lost_filter``, ``lost_trigger`` and ``lost_later`` count where it
was lost (see :func:`loss_stage`).

Records are split by :func:`tidings.evaluation.splits.plover_key` (the story where named, else
the record id); ``split`` picks a half.
"""

from __future__ import annotations

import functools
import json
import logging
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from tidings.errors import EvalError
from tidings.evaluation.base import EvalReport, confusions, macro_f1, per_class_scores
from tidings.evaluation.splits import in_split, plover_key
from tidings.records import Actor, Event

logger = logging.getLogger(__name__)

NO_EVENT = "NONE"

#: Gold codes that are not ISO 3166-1 alpha-3 codes, read as the ISO code the GSR documentation
#: promises for every nation-state (see the module docstring). Codes that ISO does assign are
#: never changed.
GOLD_CODE_FIXES: dict[str, str] = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}


#: The status whose cooperative events the PLOVER gold codes as AGREE (an announced intention).
INTENT_STATUS = "planned"


#: Quad classes whose planned events read as AGREE (1 verbal cooperation; see the docstring).
INTENT_QUAD_CLASSES: tuple[int, ...] = (1,)


@functools.cache
def cooperative_types(quad_classes: tuple[int, ...] = (1, 2)) -> frozenset[str]:
    """PLOVER types whose quad class in ``types.yaml`` is one of ``quad_classes``.

    Example:
        >>> {"CONSULT", "AID"} <= cooperative_types() and "ASSAULT" not in cooperative_types()
        True
        >>> "AID" in cooperative_types((1,))
        False
    """
    from tidings.coding.ontology import data_dir

    table = yaml.safe_load((data_dir() / "types.yaml").read_text(encoding="utf-8"))
    return frozenset(
        name for name, spec in table["types"].items() if spec.get("quad_class") in quad_classes
    )


def legacy_label(event: Event | None, *, intent_as_agree: bool = True) -> str:
    """The PLOVER 0.5 label of a tidings event, as used by the GSR.

    With ``intent_as_agree`` a stated intent to cooperate (an act of any cooperative type
    whose CAMEO code is an intent code, 03x: "will send aid", "ready to meet") and a planned
    event of verbal cooperation (a planned visit, expected talks) are read as ``AGREE``, as
    the PLOVER codebook codes intentions to cooperate.

    Example:
        >>> from tidings.records import Evidence
        >>> ev = Event("e", "a", "ASSAULT", "", "194", 4, -9.2, [], [], "asserted",
        ...            Evidence("", 0, 0))
        >>> legacy_label(ev)
        'FIGHT'
        >>> visit = Event("e", "a", "CONSULT", "visit", "042", 1, 1.9, [], [], "planned",
        ...               Evidence("", 0, 0))
        >>> legacy_label(visit), legacy_label(visit, intent_as_agree=False)
        ('AGREE', 'CONSULT')
    """
    if event is None:
        return NO_EVENT
    cameo = event.cameo or ""
    if intent_as_agree and cameo.startswith("03") and event.type != "AGREE":
        # a stated intent to cooperate ("will send aid", "ready to meet") keeps its act and
        # carries CAMEO's intent code (03x), which PLOVER files under AGREE
        return "AGREE"
    if (
        intent_as_agree
        and event.status == INTENT_STATUS
        and event.type in cooperative_types(INTENT_QUAD_CLASSES)
    ):
        return "AGREE"
    if event.type == "REQUEST":
        return "DEMAND"
    if event.type == "ACCUSE":
        if event.mode == "investigate" or cameo.startswith("09"):
            return "INVESTIGATE"
        return "DISAPPROVE"
    if event.type == "ASSAULT":
        if cameo in ("181", "184", "1712"):
            return "COERCE"  # abduction, human shields, destroying property: 0.5 COERCE
        if cameo.startswith("19"):
            return "FIGHT"
    if event.type == "COERCE" and cameo.startswith("19") and cameo != "191":
        return "FIGHT"
    return event.type


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        files = sorted(p for p in path.rglob("*.json") if p.is_file())
        if not files:
            raise EvalError(f"no .json files in {path}; give a PLOVER GSR JSON file or folder")
        return files
    return [path]


def read_gsr(path: Path) -> Iterator[dict[str, Any]]:
    """Gold records of a GSR file or folder (the ``DOCUMENT`` header records are skipped).

    Raises:
        EvalError: When a file cannot be read or is not a JSON array.
    """
    for file in _files(path):
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise EvalError(f"cannot read PLOVER GSR file {file}: {exc}") from exc
        if not isinstance(data, list):
            raise EvalError(f"{file} is not a JSON array of PLOVER records")
        for record in data:
            if not isinstance(record, dict) or record.get("event") in (None, "DOCUMENT"):
                continue
            if not record.get("text"):
                continue
            yield record


def gold_codes(side: Any, *, fix: bool = True) -> set[str]:
    """Country-level codes of a gold side (``""``, ``None`` or missing mean empty).

    With ``fix`` the non-ISO codes of :data:`GOLD_CODE_FIXES` are read as their ISO codes.

    Example:
        >>> sorted(gold_codes([{"code": "JAP"}, {"code": "USAGOV"}]))
        ['JPN', 'USA']
        >>> sorted(gold_codes([{"code": "JAP"}], fix=False))
        ['JAP']
    """
    if not isinstance(side, list):
        return set()
    out: set[str] = set()
    for actor in side:
        if isinstance(actor, dict) and actor.get("code"):
            code = str(actor["code"])[:3].upper()
            out.add(GOLD_CODE_FIXES.get(code, code) if fix else code)
    return out


def predicted_codes(actors: list[Actor]) -> set[str]:
    """Country-level codes of predicted actors (actors without a country are left out)."""
    return {a.country[:3].upper() for a in actors if a.country}


def main_event(events: list[Event]) -> Event | None:
    """The event ranked highest (highest confidence; the first one on ties)."""
    best: Event | None = None
    for event in events:
        if best is None or event.confidence > best.confidence:
            best = event
    return best


def loss_stage(text: str, res: Any, published: str | None = None) -> str:
    """Where the pipeline lost the event of a sentence that got none.

    The stages are called one by one as :func:`tidings.pipeline.analyze_articles` calls them:
    ``"filter"`` when no sentence passes the candidate filter
    (:func:`tidings.coding.is_candidate`: a trigger head and a possible side) and so none is
    parsed; ``"trigger"`` when a candidate sentence is parsed but no trigger of the lexicon
    matches (:func:`tidings.coding.find_triggers`); ``"later"`` when a trigger matched and the
    event was dropped afterwards (no actor, a frame, the claims stage).

    Example:
        >>> loss_stage("The weather was mild.", res)  # doctest: +SKIP
        'filter'
    """
    from tidings.coding import find_triggers, is_candidate
    from tidings.nlp import sentence_spans
    from tidings.pipeline import parse_anchor
    from tidings.resolve import find_actors

    light = res.segmenter(text)
    actors = find_actors(light, res.kb, parse_anchor(published))
    candidates = [
        sent.text
        for sent in sentence_spans(light)
        if is_candidate(
            sent,
            [a for a in actors if a.start >= sent.start_char and a.end <= sent.end_char],
            res.ontology,
        )
    ]
    if not candidates:
        return "filter"
    if not any(find_triggers(doc, res.ontology) for doc in res.nlp.pipe(candidates)):
        return "trigger"
    return "later"


def evaluate(
    path: Path,
    res: Any,
    *,
    limit: int | None = None,
    split: str = "all",
    intent_as_agree: bool = True,
) -> EvalReport:
    """Score the pipeline on PLOVER GSR records.

    Args:
        path: A GSR JSON file or a folder of them.
        res: Loaded :class:`tidings.pipeline.Resources`.
        limit: Evaluate at most this many records (of the split).
        split: ``tune``, ``check`` or ``all`` (see :mod:`tidings.evaluation.splits`).
        intent_as_agree: Read planned cooperative events as ``AGREE`` (:func:`legacy_label`).

    Returns:
        The report, with per-class scores, confusions and one error dict per miss.

    Example:
        >>> report = evaluate(Path("../shared/data/plover-gsr"), res)  # doctest: +SKIP
        >>> report.metrics["event_type_accuracy"]  # doctest: +SKIP
        0.8
    """
    from tidings.pipeline import analyze_text

    if getattr(res.ontology, "kb", None) is None and getattr(res, "kb", None) is not None:
        res = _with_kb(res)
    gold_types: list[str] = []
    pred_types: list[str] = []
    src_ok = tgt_ok = src_raw = tgt_raw = 0
    gold_status: list[str] = []
    pred_status: list[str] = []
    none_n = none_ok = 0
    lost: Counter[str] = Counter()
    errors: list[dict[str, Any]] = []
    records = (r for r in read_gsr(path) if in_split("plover", plover_key(r), split))
    for n, record in enumerate(records):
        if limit is not None and n >= limit:
            break
        text = str(record["text"]).strip()
        result = analyze_text(text, res, published=record.get("date"))
        event = main_event(result.events)
        gold_type = str(record["event"])
        pred_type = legacy_label(event, intent_as_agree=intent_as_agree)
        if gold_type == NO_EVENT:
            none_n += 1
            none_ok += event is None
        else:
            if record.get("status"):
                gold_status.append(str(record["status"]))
                pred_status.append(event.status if event else NO_EVENT)
            if event is None:
                lost[loss_stage(text, res, record.get("date"))] += 1
        g_src, g_tgt = gold_codes(record.get("source")), gold_codes(record.get("target"))
        p_src = predicted_codes(event.source) if event else set()
        p_tgt = predicted_codes(event.target) if event else set()
        gold_types.append(gold_type)
        pred_types.append(pred_type)
        src_hit, tgt_hit = g_src == p_src, g_tgt == p_tgt
        src_ok += src_hit
        tgt_ok += tgt_hit
        src_raw += gold_codes(record.get("source"), fix=False) == p_src
        tgt_raw += gold_codes(record.get("target"), fix=False) == p_tgt
        if not (gold_type == pred_type and src_hit and tgt_hit):
            errors.append(
                {
                    "id": record.get("id"),
                    "text": text,
                    "gold": {
                        "type": gold_type,
                        "status": record.get("status"),
                        "source": sorted(g_src),
                        "target": sorted(g_tgt),
                    },
                    "predicted": {
                        "type": pred_type,
                        "status": event.status if event else None,
                        "mode": event.mode if event else "",
                        "cameo": event.cameo if event else None,
                        "source": sorted(p_src),
                        "target": sorted(p_tgt),
                        "trigger": event.evidence.trigger.text
                        if event and event.evidence.trigger
                        else None,
                        "rule": event.rule if event else None,
                    },
                    "miss": [
                        k
                        for k, ok in (
                            ("type", gold_type == pred_type),
                            ("source", src_hit),
                            ("target", tgt_hit),
                        )
                        if not ok
                    ],
                }
            )
    total = len(gold_types)
    if total == 0:
        raise EvalError(f"no PLOVER gold records found in {path}")
    scores = per_class_scores(gold_types, pred_types)
    metrics = {
        "n": float(total),
        "event_type_accuracy": sum(g == p for g, p in zip(gold_types, pred_types, strict=True))
        / total,
        "event_type_macro_f1": macro_f1(scores),
        "source_accuracy": src_ok / total,
        "target_accuracy": tgt_ok / total,
        "source_accuracy_raw": src_raw / total,
        "target_accuracy_raw": tgt_raw / total,
    }
    breakdowns: dict[str, dict[str, dict[str, float]]] = {}
    breakdown_confusion: dict[str, list[tuple[str, str, int]]] = {}
    if gold_status:
        metrics["status_accuracy"] = sum(
            g == p for g, p in zip(gold_status, pred_status, strict=True)
        ) / len(gold_status)
        metrics["status_n"] = float(len(gold_status))
        breakdowns["status"] = {
            label: row
            for label, row in per_class_scores(gold_status, pred_status).items()
            if row["support"] > 0
        }
        breakdown_confusion["status"] = confusions(gold_status, pred_status)
    if none_n:
        metrics["none_accuracy"] = none_ok / none_n
        metrics["none_n"] = float(none_n)
    for stage in ("filter", "trigger", "later"):
        metrics[f"lost_{stage}"] = float(lost[stage])
    return EvalReport(
        kind="plover",
        metrics=metrics,
        per_class=scores,
        confusion=confusions(gold_types, pred_types),
        errors=errors,
        path=str(path),
        split=split,
        breakdowns=breakdowns,
        breakdown_confusion=breakdown_confusion,
    )


def _with_kb(res: Any) -> Any:
    """Resources whose ontology resolves with the resources' knowledge base."""
    import dataclasses

    return dataclasses.replace(res, ontology=res.ontology.with_kb(res.kb))
