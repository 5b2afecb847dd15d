"""The attribution evaluation: BRAT reading, overlap scoring, and the PolNeAR dev floor."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.errors import EvalError
from tidings.evaluation.attribution import evaluate, parse_ann, read_split, resolve_split

TEXT = (
    "Storm warnings.\n\n"
    "The mayor said the bridge had reopened.\n\n"
    "Crews cleared the road, according to the fire brigade.\n"
)


def _ann(text: str) -> str:
    def at(s: str) -> str:
        i = text.index(s)
        return f"{i} {i + len(s)}\t{s}"

    return "\n".join(
        [
            f"T1\tSource {at('The mayor')}",
            f"T2\tCue {at('said')}",
            f"T3\tContent {at('the bridge had reopened')}",
            f"T4\tAttribution {at('said')}",
            "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
            f"T5\tSource {at('the fire brigade')}",
            f"T6\tCue {at('according to')}",
            f"T7\tContent {at('Crews cleared the road')}",
            f"T8\tAttribution {at('according to')}",
            "E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5",
        ]
    )


@pytest.fixture
def split(tmp_path: Path) -> Path:
    (tmp_path / "dev" / "text").mkdir(parents=True)
    (tmp_path / "dev" / "attributions").mkdir()
    (tmp_path / "dev" / "text" / "storm.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "dev" / "attributions" / "storm_ab12.ann").write_text(
        _ann(TEXT), encoding="utf-8"
    )
    return tmp_path


def test_parse_ann_ties_spans_into_relations() -> None:
    rels = parse_ann(_ann(TEXT))
    assert len(rels) == 2
    (s0, s1) = rels[0].source[0]
    assert TEXT[s0:s1] == "The mayor"
    assert TEXT[rels[1].cue[0][0] : rels[1].cue[0][1]] == "according to"


def test_discontinuous_spans_are_kept_in_pieces() -> None:
    rels = parse_ann("T1\tContent 0 4;10 14\tab cd\nE1\tContent:T1")
    assert rels[0].content == [(0, 4), (10, 14)]


def test_unknown_span_id_is_an_eval_error() -> None:
    with pytest.raises(EvalError, match="unknown span"):
        parse_ann("E1\tSource:T9")


def test_split_folder_is_found_from_the_corpus_folder(split: Path) -> None:
    assert resolve_split(split) == split / "dev"
    articles = list(read_split(split / "dev"))
    assert [a.name for a in articles] == ["storm"]
    with pytest.raises(EvalError, match="text/ and attributions/"):
        resolve_split(split / "dev" / "text")


def test_evaluate_finds_both_relations(resources, split: Path) -> None:  # type: ignore[no-untyped-def]
    report = evaluate(split, resources)
    assert report.kind == "attribution"
    assert report.metrics["n_relations"] == 2
    assert report.metrics["source_f1"] == 1.0
    assert report.metrics["relation_f1"] == 1.0
    assert report.errors == []


@pytest.mark.eval
def test_dev_split_meets_the_source_target(resources, shared_data: Path) -> None:  # type: ignore[no-untyped-def]
    report = evaluate(shared_data / "polnear-attribution" / "dev", resources, limit=25)
    assert report.metrics["n_relations"] > 200
    assert report.metrics["source_f1"] >= 0.65
