"""The TimeML evaluation: reading .tml files and the TempEval-3 figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.errors import EvalError
from tidings.evaluation.timeml import evaluate, normalise_value, read_timeml


def tx(tid: str, kind: str, value: str, text: str, function: str = "NONE") -> str:
    """One TIMEX3 element."""
    return (
        f'<TIMEX3 tid="{tid}" type="{kind}" value="{value}" '
        f'functionInDocument="{function}">{text}</TIMEX3>'
    )


DOC = (
    '<?xml version="1.0" ?>\n<TimeML>\n<DOCID>T1</DOCID>\n'
    f"<DCT>{tx('t0', 'DATE', '2024-06-12', 'June 12, 2024', 'CREATION_TIME')}</DCT>\n"
    "<TEXT>\n"
    f"The harbour reopened {tx('t1', 'DATE', '2024-06-11', 'yesterday')} after a strike of "
    f"{tx('t2', 'DURATION', 'P3W', 'three weeks')}. Unions will meet "
    f"{tx('t3', 'DATE', '2024-W25', 'next week')} &amp; vote "
    f"{tx('t4', 'DATE', '2024-07', 'in July')}."
    "\n</TEXT>\n</TimeML>\n"
)


@pytest.fixture()
def tml(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus" / "part"
    folder.mkdir(parents=True)
    (folder / "t1.tml").write_text(DOC, encoding="utf-8")
    return tmp_path / "corpus"


def test_read_timeml_strips_tags_and_keeps_offsets(tml: Path) -> None:
    doc = read_timeml(tml / "part" / "t1.tml")
    assert doc.anchor is not None and doc.anchor.isoformat() == "2024-06-12"
    assert [g.text for g in doc.timexes] == ["yesterday", "three weeks", "next week", "in July"]
    for g in doc.timexes:
        assert doc.text[g.start : g.end] == g.text
    assert "&" in doc.text and "<" not in doc.text


def test_evaluate_scores_strict_and_relaxed_spans(tml: Path) -> None:
    report = evaluate(tml)
    m = report.metrics
    assert m["n_docs"] == 1 and m["n_gold"] == 4
    # "in July" is found as "July": a relaxed match, not a strict one.
    assert m["relaxed_recall"] == 1.0
    assert m["strict_recall"] == 0.75
    assert m["value_accuracy"] == 1.0
    assert report.per_class["DURATION"]["support"] == 1.0
    assert report.kind == "timeml"


def test_evaluate_reports_typed_detection_per_class(tml: Path) -> None:
    report = evaluate(tml)
    date = report.per_class["DATE"]
    assert date["support"] == 3.0
    assert date["recall"] == 1.0 and date["precision"] == 1.0 and date["f1"] == 1.0


def test_normalise_value_pads_week_numbers_only() -> None:
    assert normalise_value("2000-W7") == "2000-W07"
    assert normalise_value("2000-W7-WE") == "2000-W07-WE"
    assert normalise_value("2000-W17") == "2000-W17"
    assert normalise_value("1949-XX") == "1949-XX"  # a month of 1949 is not the year 1949
    assert normalise_value("P7W") == "P7W"


def test_evaluate_counts_short_week_number_in_gold_as_same_value(tmp_path: Path) -> None:
    week = tx("t8", "DATE", "2024-W4", "the week of January 22, 2024")
    text = DOC.replace("</TEXT>", f"It rained {week}.</TEXT>")
    (tmp_path / "t.tml").write_text(text, encoding="utf-8")
    report = evaluate(tmp_path / "t.tml")
    assert report.metrics["value_accuracy"] == 1.0, report.errors


def test_evaluate_reports_errors_for_misses(tmp_path: Path) -> None:
    text = DOC.replace("after a strike", "after a <TIMEX3 tid=\"t9\" type=\"DATE\" "
                       "value=\"PAST_REF\">long</TIMEX3> strike")  # fmt: skip
    (tmp_path / "t.tml").write_text(text, encoding="utf-8")
    report = evaluate(tmp_path / "t.tml")
    assert any(e["kind"] == "missed" and e["gold"]["text"] == "long" for e in report.errors)


def test_evaluate_rejects_missing_path(tmp_path: Path) -> None:
    with pytest.raises(EvalError, match="does not exist"):
        evaluate(tmp_path / "nowhere")


def test_read_timeml_rejects_broken_xml(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tml"
    bad.write_text("<TimeML><TEXT>unclosed", encoding="utf-8")
    with pytest.raises(EvalError, match="cannot read"):
        read_timeml(bad)


@pytest.mark.eval
def test_timeml_dev_meets_targets(shared_data: Path) -> None:
    report = evaluate(shared_data / "timebank-tbaq" / "TBAQ-cleaned")
    assert report.metrics["n_gold"] > 1000
    assert report.metrics["relaxed_f1"] >= 0.90
    assert report.metrics["value_f1"] >= 0.80
