"""The factuality evaluation: reading the CoNLL format, metrics, and the dev-set floor."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.errors import EvalError
from tidings.evaluation.factuality import (
    evaluate,
    pearson,
    read_conll,
    resolve_split,
    three_way,
)

# Our own sentences in the unified format: index, token, value or "_", POS, head, dep, lemma.
SAMPLE = """\
0\tThe\t_\tDT\t1\tdet\tthe
1\tguards\t_\tNNS\t2\tnsubj\tguard
2\topened\t3.0\tVBD\t2\tROOT\topen
3\tthe\t_\tDT\t4\tdet\tthe
4\tgate\t_\tNN\t2\tdobj\tgate
5\t.\t_\t.\t2\tpunct\t.

0\tThe\t_\tDT\t1\tdet\tthe
1\tguards\t_\tNNS\t4\tnsubj\tguard
2\tdid\t_\tVBD\t4\taux\tdo
3\tnot\t_\tRB\t4\tneg\tnot
4\topen\t-3.0\tVB\t4\tROOT\topen
5\tthe\t_\tDT\t6\tdet\tthe
6\tgate\t_\tNN\t4\tdobj\tgate
7\t.\t_\t.\t4\tpunct\t.

0\tThe\t_\tDT\t1\tdet\tthe
1\tstorm\t_\tNN\t3\tnsubj\tstorm
2\tmight\t_\tMD\t3\taux\tmight
3\tflood\t0.8\tVB\t3\tROOT\tflood
4\tthe\t_\tDT\t5\tdet\tthe
5\tvalley\t_\tNN\t3\tdobj\tvalley
6\t.\t_\t.\t3\tpunct\t.
"""


@pytest.fixture
def sample_dir(tmp_path: Path) -> Path:
    (tmp_path / "dev.conll").write_text(SAMPLE, encoding="utf-8")
    return tmp_path


def test_read_conll_gives_words_and_labels(sample_dir: Path) -> None:
    sentences = list(read_conll(sample_dir / "dev.conll"))
    assert len(sentences) == 3
    assert sentences[1].words[4] == "open"
    assert sentences[1].labels == {4: -3.0}


def test_resolve_split_accepts_folder_or_file(sample_dir: Path) -> None:
    assert resolve_split(sample_dir) == sample_dir / "dev.conll"
    assert resolve_split(sample_dir / "dev.conll") == sample_dir / "dev.conll"
    with pytest.raises(EvalError, match=r"no train\.conll"):
        resolve_split(sample_dir, "train")


def test_bad_value_is_reported_with_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.conll"
    bad.write_text("0\tThe\tmaybe\tDT\t0\tROOT\tthe\n", encoding="utf-8")
    with pytest.raises(EvalError, match=r"bad\.conll:1"):
        list(read_conll(bad))


def test_three_way_thresholds() -> None:
    assert [three_way(v) for v in (3.0, 1.01, 1.0, 0.0, -1.0, -1.01)] == [
        "happened", "happened", "uncertain", "uncertain", "uncertain", "did_not",
    ]


def test_pearson_of_perfectly_related_values() -> None:
    assert pearson([0.0, 1.0, 2.0], [1.0, 3.0, 5.0]) == pytest.approx(1.0)
    assert pearson([1.0, 1.0], [0.0, 2.0]) == 0.0


def test_evaluate_scores_every_labelled_token(resources, sample_dir: Path) -> None:  # type: ignore[no-untyped-def]
    report = evaluate(sample_dir, resources)
    assert report.kind == "factuality"
    assert report.metrics["n"] == 3
    assert report.metrics["mae"] < 1.5
    # the plain and the negated event are classed right; only the hedged one may be missed
    assert {e["token"] for e in report.errors} <= {"flood"}
    assert set(report.per_class) >= {"happened", "did_not"}


@pytest.mark.eval
def test_dev_split_meets_the_targets(resources, shared_data: Path) -> None:  # type: ignore[no-untyped-def]
    report = evaluate(shared_data / "factuality-unified" / "uw", resources, limit=400)
    assert report.metrics["n"] > 500
    assert report.metrics["pearson_r"] >= 0.65
    assert report.metrics["mae"] <= 0.6
