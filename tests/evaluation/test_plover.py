"""PLOVER GSR evaluation: label mapping, reading, scoring."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tidings.errors import EvalError
from tidings.evaluation.plover import (
    evaluate,
    gold_codes,
    legacy_label,
    loss_stage,
    main_event,
    read_gsr,
)
from tidings.evaluation.splits import half_of
from tidings.pipeline import Resources
from tidings.records import Event, Evidence


def _event(
    etype: str,
    mode: str = "",
    cameo: str = "",
    confidence: float = 1.0,
    status: str = "asserted",
) -> Event:
    return Event(
        id="e1",
        article_id="a1",
        type=etype,
        mode=mode,
        cameo=cameo,
        quad_class=None,
        goldstein=None,
        source=[],
        target=[],
        status=status,
        evidence=Evidence("", 0, 0),
        confidence=confidence,
    )


@pytest.mark.parametrize(
    ("etype", "mode", "cameo", "label"),
    [
        ("REQUEST", "", "100", "DEMAND"),
        ("ACCUSE", "disapprove", "111", "DISAPPROVE"),
        ("ACCUSE", "allege", "112", "DISAPPROVE"),
        ("ACCUSE", "investigate", "090", "INVESTIGATE"),
        ("ASSAULT", "heavy-weapons", "194", "FIGHT"),
        ("ASSAULT", "abduct", "181", "COERCE"),
        ("ASSAULT", "", "1823", "ASSAULT"),
        ("CONSULT", "visit", "042", "CONSULT"),
    ],
)
def test_legacy_label_maps_plover_08_onto_gsr_labels(
    etype: str, mode: str, cameo: str, label: str
) -> None:
    assert legacy_label(_event(etype, mode, cameo)) == label


def test_no_event_is_labelled_none() -> None:
    assert legacy_label(None) == "NONE"


def test_main_event_is_the_most_confident() -> None:
    low, high = _event("AGREE", confidence=0.3), _event("CONSULT", confidence=0.8)
    assert main_event([low, high]) is high
    assert main_event([]) is None


def test_gold_codes_treat_empty_and_missing_sides_alike() -> None:
    assert gold_codes("") == gold_codes(None) == set()
    assert gold_codes([{"actorText": "Ruritania", "code": "RURGOV"}]) == {"RUR"}


def _write_gsr(path: Path) -> Path:
    records = [
        {"id": "DOC", "event": "DOCUMENT", "eventText": "header"},
        {
            "id": "T1",
            "event": "SANCTION",
            "text": "Germany expelled two Russian diplomats.",
            "source": [{"actorText": "Germany", "code": "DEU"}],
            "target": [{"actorText": "Russian", "code": "RUS"}],
        },
        {
            "id": "T2",
            "event": "CONSULT",
            "text": "Japan's foreign minister visited India.",
            "source": [{"actorText": "Japan", "code": "JPN"}],
            "target": [{"actorText": "India", "code": "IND"}],
        },
        {
            "id": "T3",
            "event": "PROTEST",
            "text": "France signed a trade treaty with Chile.",
            "source": [{"actorText": "France", "code": "FRA"}],
            "target": "",
        },
    ]
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


def test_read_gsr_skips_document_records(tmp_path: Path) -> None:
    records = list(read_gsr(_write_gsr(tmp_path / "gsr.json")))
    assert [r["id"] for r in records] == ["T1", "T2", "T3"]


def test_read_gsr_rejects_non_array(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"event": "AGREE"}', encoding="utf-8")
    with pytest.raises(EvalError):
        list(read_gsr(bad))


def test_evaluate_scores_records_and_lists_misses(tmp_path: Path, resources: Resources) -> None:
    report = evaluate(_write_gsr(tmp_path / "gsr.json"), resources)
    assert report.kind == "plover"
    assert report.metrics["n"] == 3
    # the third record's gold type is deliberately wrong: it must be a miss
    assert [e["id"] for e in report.errors if "type" in e["miss"]] == ["T3"]
    assert report.metrics["event_type_accuracy"] == pytest.approx(2 / 3)
    assert report.errors[-1]["predicted"]["type"] == "SUPPORT"
    assert set(report.per_class) >= {"SANCTION", "CONSULT", "PROTEST", "SUPPORT"}


@pytest.mark.eval
def test_plover_eval_smoke_on_shared_gold(shared_data: Path, resources: Resources) -> None:
    path = shared_data / "plover-gsr" / "PLOVER_GSR_CAMEO.dev.json"
    report = evaluate(path, resources, limit=30)
    assert report.metrics["n"] == 30
    for key in ("event_type_accuracy", "event_type_macro_f1", "source_accuracy", "target_accuracy"):
        assert 0.0 <= report.metrics[key] <= 1.0
    assert report.metrics["event_type_accuracy"] > 0.5
    assert len(report.errors) <= 30


@pytest.mark.parametrize(
    ("etype", "status", "label"),
    [
        ("CONSULT", "planned", "AGREE"),  # an expected visit: an intention to cooperate
        ("SUPPORT", "planned", "AGREE"),
        ("CONSULT", "asserted", "CONSULT"),  # the visit took place
        ("CONSULT", "reported", "CONSULT"),
        ("AID", "planned", "AID"),  # material cooperation keeps its type (see the docstring)
        ("SANCTION", "planned", "SANCTION"),  # conflict keeps its type
    ],
)
def test_planned_verbal_cooperation_reads_as_agree(etype: str, status: str, label: str) -> None:
    assert legacy_label(_event(etype, status=status)) == label


def test_agree_mapping_can_be_switched_off() -> None:
    visit = _event("CONSULT", "visit", "042", status="planned")
    assert legacy_label(visit, intent_as_agree=False) == "CONSULT"


#: Stories of the fixture and their halves (checked below, so a change of hashing shows).
TUNE_STORY, CHECK_STORY = "s4", "s1"


def _write_voa_format(path: Path) -> Path:
    """PLOVER-format gold with status, claimant, article_id and NONE records (own sentences)."""

    def rec(rid: str, story: str, event: str, text: str, status: str | None) -> dict[str, object]:
        return {
            "id": rid,
            "article_id": story,
            "event": event,
            "text": text,
            "status": status,
            "claimant": None,
        }

    records = [
        {"id": "DOC", "event": "DOCUMENT", "eventText": "header"},
        rec("A1", TUNE_STORY, "CONSULT", "Japan's foreign minister visited India.", "asserted"),
        rec(
            "A2",
            TUNE_STORY,
            "AGREE",
            "The prime minister of Japan is expected to visit India next month.",
            "planned",
        ),
        rec(
            "A3",
            TUNE_STORY,
            "NONE",
            "The football team celebrated its victory in the capital.",
            None,
        ),
        # gold deliberately wrong: no trigger, so the event is lost at the candidate filter
        rec("A4", TUNE_STORY, "CONSULT", "The weather was mild on Sunday.", "asserted"),
        rec("B1", CHECK_STORY, "SANCTION", "Germany expelled two Russian diplomats.", "asserted"),
        rec("B2", CHECK_STORY, "ASSAULT", "Egypt did not attack Libya.", "negated"),
        # a NONE record that the coder codes: a missed abstention
        rec("B3", CHECK_STORY, "NONE", "Canada may impose sanctions on Venezuela.", None),
    ]
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


def test_fixture_stories_fall_in_the_expected_halves() -> None:
    assert half_of("plover", f"article:{TUNE_STORY}") == "tune"
    assert half_of("plover", f"article:{CHECK_STORY}") == "check"


def test_split_keeps_stories_apart(tmp_path: Path, resources: Resources) -> None:
    gold = _write_voa_format(tmp_path / "voa.json")
    tune = evaluate(gold, resources, split="tune")
    check = evaluate(gold, resources, split="check")
    whole = evaluate(gold, resources)
    assert (tune.metrics["n"], check.metrics["n"], whole.metrics["n"]) == (4, 3, 7)
    assert (tune.split, check.split, whole.split) == ("tune", "check", "all")
    assert {e["id"] for e in check.errors} <= {"B1", "B2", "B3"}


def test_status_and_none_scoring(tmp_path: Path, resources: Resources) -> None:
    gold = _write_voa_format(tmp_path / "voa.json")
    tune = evaluate(gold, resources, split="tune")
    # A1, A2 (planned visit read as AGREE) and A3 (no event) are right; A4 is lost
    assert tune.metrics["event_type_accuracy"] == pytest.approx(3 / 4)
    # status over A1, A2, A4: the missing event of A4 counts wrong
    assert tune.metrics["status_n"] == 3
    assert tune.metrics["status_accuracy"] == pytest.approx(2 / 3)
    assert ("asserted", "NONE", 1) in tune.breakdown_confusion["status"]
    assert tune.breakdowns["status"]["planned"]["support"] == 1
    assert (tune.metrics["none_n"], tune.metrics["none_accuracy"]) == (1, 1.0)
    assert (tune.metrics["lost_filter"], tune.metrics["lost_trigger"]) == (1, 0)
    assert tune.metrics["lost_later"] == 0
    check = evaluate(gold, resources, split="check")
    assert check.metrics["status_accuracy"] == 1.0
    assert (check.metrics["none_n"], check.metrics["none_accuracy"]) == (1, 0.0)


def test_agree_mapping_changes_the_score_of_a_planned_visit(
    tmp_path: Path, resources: Resources
) -> None:
    gold = _write_voa_format(tmp_path / "voa.json")
    plain = evaluate(gold, resources, split="tune", intent_as_agree=False)
    assert plain.metrics["event_type_accuracy"] == pytest.approx(2 / 4)
    assert ("AGREE", "CONSULT", 1) in plain.confusion


def test_gsr_records_without_status_get_no_status_metrics(
    tmp_path: Path, resources: Resources
) -> None:
    report = evaluate(_write_gsr(tmp_path / "gsr.json"), resources)
    assert "status_accuracy" not in report.metrics
    assert "none_accuracy" not in report.metrics


def test_loss_stage_names_the_candidate_filter(resources: Resources) -> None:
    assert loss_stage("The weather was mild on Sunday.", resources) == "filter"
