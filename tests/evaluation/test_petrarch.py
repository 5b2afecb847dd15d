"""PETRARCH validation evaluation: record formats, toy actor dictionaries, triple scoring."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import spacy

from tidings.errors import EvalError
from tidings.evaluation.petrarch import (
    ToyActors,
    _triple_match,
    country_level,
    evaluate,
    read_records,
)
from tidings.pipeline import Resources

XML_RECORDS = """<Validation>
<Environment>
    <Actorfile>toy.actors.txt</Actorfile>
</Environment>
<Sentences>
<!-- a comment with <Sentence> inside is ignored -->
<Sentence date="20010105" id="T-01" category="DEMO">
<EventCoding sourcecode="VALGOV" targetcode="NOR" eventcode="173"></EventCoding>
<Text>
The Valarian government arrested three Nordic sailors on Friday.
</Text>
</Sentence>
<Sentence date="20010105" id="T-02" category="DEMO">
<EventCoding noevents = "True"></EventCoding>
<Text>
The harvest in Valaria was good this year.
</Text>
</Sentence>
</Sentences>
</Validation>
"""

OLD_RECORDS = """<Sentence date="950104" id="OLD-01" category="PATTERN">
<EventCoding sourcecode="NOR" targetcode="VAL" eventcode="042">
Nordic envoys visited Valaria last week.
(ROOT (S (NP (JJ Nordic) (NNS envoys))))
</Sentence>
"""

ACTORS = """<!-- toy dictionary -->
VALARIA_ [VAL]
+VALARIAN
NORDIC [NOR] # comment
SHIFTER
\t[OLD <20000101]
\t[NEW 20000101-20101231]
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "dictionaries").mkdir()
    (tmp_path / "dictionaries" / "toy.actors.txt").write_text(ACTORS, encoding="utf-8")
    (tmp_path / "records.xml").write_text(XML_RECORDS, encoding="utf-8")
    (tmp_path / "old.txt").write_text(OLD_RECORDS, encoding="utf-8")
    return tmp_path


def test_reader_handles_xml_and_tabari_style_records(folder: Path) -> None:
    records = {r.id: r for r in read_records(folder)}
    assert set(records) == {"T-01", "T-02", "OLD-01"}
    assert records["T-01"].text.startswith("The Valarian government arrested")
    assert records["T-01"].codings[0].cameo == "173"
    assert records["T-01"].actor_file is not None
    assert records["T-02"].codings == []
    assert records["OLD-01"].text == "Nordic envoys visited Valaria last week."
    assert records["OLD-01"].date == dt.date(1995, 1, 4)


def test_reader_without_gold_raises(tmp_path: Path) -> None:
    (tmp_path / "empty.xml").write_text("<Sentences></Sentences>", encoding="utf-8")
    with pytest.raises(EvalError):
        list(read_records(tmp_path))


def test_toy_actors_match_synonyms_stems_and_dates(folder: Path) -> None:
    toy = ToyActors.load(folder / "dictionaries" / "toy.actors.txt")
    nlp = spacy.blank("en")
    found = toy.find(nlp("Valarian and Nordics met the Shifter."), 0, dt.date(2005, 1, 1))
    assert [(a.text, a.country) for a in found] == [
        ("Valarian", "VAL"),
        ("Nordics", "NOR"),
        ("Shifter", "NEW"),
    ]
    early = toy.find(nlp("The Shifter left."), 0, dt.date(1990, 1, 1))
    assert [a.country for a in early] == ["OLD"]


def test_country_level_keeps_three_letters() -> None:
    assert country_level("VALGOV") == "VAL"
    assert country_level("---GOV") == ""
    assert country_level("") == ""


def test_triple_match_accepts_compound_sides_and_rejects_extras() -> None:
    gold = [("AGREE", "VAL", "NOR", "031"), ("AGREE", "VAL", "ELF", "031")]
    assert _triple_match(gold, "AGREE", {"VAL"}, {"NOR", "ELF"})
    assert _triple_match(gold, "AGREE", {"VAL"}, {"NOR"})
    assert not _triple_match(gold, "AGREE", {"VAL"}, {"NOR", "ORC"})
    assert not _triple_match(gold, "CONSULT", {"VAL"}, {"NOR"})


def test_evaluate_on_toy_records(folder: Path, resources: Resources) -> None:
    report = evaluate(folder, resources)
    assert report.kind == "petrarch"
    assert report.metrics["n"] == 3
    assert 0.0 <= report.metrics["triple_accuracy"] <= report.metrics["event_type_accuracy"]
    hits = 3 - len(report.errors)
    assert report.metrics["triple_accuracy"] == pytest.approx(hits / 3)


@pytest.mark.eval
def test_petrarch_eval_smoke_on_shared_gold(shared_data: Path, resources: Resources) -> None:
    report = evaluate(shared_data / "petrarch2-validation", resources, limit=40)
    assert report.metrics["n"] == 40
    assert 0.0 <= report.metrics["triple_accuracy"] <= 1.0
    assert all("gold" in e and "predicted" in e for e in report.errors)
