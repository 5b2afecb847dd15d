"""The PLOVER/CAMEO tables and the trigger lexicon load and agree with each other."""

from __future__ import annotations

import pytest

from tidings.coding import Ontology, quad_class_of
from tidings.coding.lexicon import noun_forms, verb_forms


def test_ontology_pins_plover_version_and_lists_sixteen_types(ontology: Ontology) -> None:
    assert ontology.version.startswith("0.8")
    assert len(ontology.types) == 16
    assert "visit" in ontology.types["CONSULT"]["modes"]


@pytest.mark.parametrize(
    ("cameo", "quad"),
    [
        ("036", 1),
        ("057", 1),
        ("0841", 2),
        ("073", 2),
        ("111", 3),
        ("138", 3),
        ("145", 4),
        ("195", 4),
        ("2042", 4),
    ],
)
def test_quad_class_follows_cameo_root(cameo: str, quad: int) -> None:
    assert quad_class_of(cameo) == quad


def test_quad_class_of_unknown_code_is_none() -> None:
    assert quad_class_of("") is None
    assert quad_class_of("99") is None


def test_goldstein_comes_from_the_gdelt_table(ontology: Ontology) -> None:
    assert ontology.goldstein("190") == -10.0
    assert ontology.goldstein("042") == 1.9


def test_goldstein_falls_back_to_parent_code(ontology: Ontology) -> None:
    # 1213 has no score of its own in the GDELT lookup
    assert ontology.goldstein("1213") == ontology.goldstein("121")


def test_crosswalk_maps_cameo_to_plover(ontology: Ontology) -> None:
    assert ontology.plover_of("042") == ("CONSULT", "visit")
    assert ontology.plover_of("0871") == ("RETREAT", "ceasefire")
    assert ontology.plover_of("010") == ("", "")


def test_every_trigger_has_a_known_cameo_code_with_a_score(ontology: Ontology) -> None:
    for entries in ontology.triggers.values():
        for entry in entries:
            assert entry.type in ontology.types, entry.text
            assert ontology.goldstein(entry.cameo) is not None, entry.text
            if entry.mode:
                assert entry.mode in ontology.types[entry.type]["modes"], entry.text


def test_verb_forms_cover_regular_and_doubled_spellings() -> None:
    assert {"shell", "shells", "shelled", "shelling"} <= verb_forms("shell")
    assert {"apply", "applies", "applied"} <= verb_forms("apply")
    assert {"ban", "banned", "banning"} <= verb_forms("ban")
    assert {"seize", "seized", "seizing"} <= verb_forms("seize")


def test_verb_forms_use_irregular_table(ontology: Ontology) -> None:
    assert "met" in ontology.forms
    assert ontology.forms["held"] == "hold"
    assert "struck" in ontology.heads


def test_noun_forms_pluralise() -> None:
    assert noun_forms("sanction") == {"sanction", "sanctions"}
    assert noun_forms("inquiry") == {"inquiry", "inquiries"}
    assert noun_forms("talks") == {"talks"}


def test_ontology_loads_fast_enough_to_build_per_worker(ontology: Ontology) -> None:
    assert len(ontology.heads) > 500
