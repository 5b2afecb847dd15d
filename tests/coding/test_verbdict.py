"""The CAMEO verb dictionary matched on the parse, and its switches in trigger finding."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from tidings.build.verbs import compile_verbs
from tidings.coding.ontology import Ontology
from tidings.coding.triggers import find_triggers, has_trigger
from tidings.coding.verbdict import VerbDictionary, singular
from tidings.errors import ConfigError

TOY = """\
####### SYNONYM SETS #######

&GRAIN
+WHEAT
+BARLEY
+MAIZE_FLOUR

&SOLDIERS
+TROOPS
+SOLDIERS

####### VERB PATTERNS #######

---  HURL   [---]  ---
HURL
FLING {FLUNG FLINGING FLINGS}
- * &GRAIN                                        [073]         # HURL
- * STONES (AT &SOLDIERS)                         [145]         # FLING
- * STONES                                        [140]         # FLING
- &SOLDIERS * {SMOKE GRENADES}                    [175]         # HURL

---  BEFRIEND   [051]  ---
BEFRIEND
"""


@pytest.fixture(scope="module")
def toy(tmp_path_factory: pytest.TempPathFactory) -> VerbDictionary:
    folder = tmp_path_factory.mktemp("verbs")
    (folder / "toy.txt").write_text(TOY, encoding="utf-8")
    compile_verbs(folder / "toy.txt", folder / "toy.tsv")
    return VerbDictionary.load(folder / "toy.tsv")


def _verb(nlp: Language, sentence: str, word: str):  # type: ignore[no-untyped-def]
    return next(t for t in nlp(sentence) if t.text == word)


def test_singular() -> None:
    assert singular("grenades") == "grenade" and singular("crisis") == "crisis"


def test_synonym_set_member_is_the_object(nlp: Language, toy: VerbDictionary) -> None:
    m = toy.match(_verb(nlp, "The farmers hurled barley over the fence.", "hurled"))
    assert m is not None and (m.cameo, m.type, m.rule) == ("073", "AID", "cameo:HURL:1")
    flour = toy.match(_verb(nlp, "Volunteers hurled maize flour onto the lorry.", "hurled"))
    assert flour is not None and flour.cameo == "073"


def test_preposition_pattern_beats_the_bare_object(nlp: Language, toy: VerbDictionary) -> None:
    aimed = toy.match(_verb(nlp, "The students flung stones at the soldiers.", "flung"))
    assert aimed is not None and aimed.rule == "cameo:HURL:2" and aimed.specific
    loose = toy.match(_verb(nlp, "The students flung stones into the river.", "flung"))
    assert loose is not None and loose.cameo == "140"


def test_subject_and_multi_word_object(nlp: Language, toy: VerbDictionary) -> None:
    m = toy.match(_verb(nlp, "The troops hurled smoke grenades into the square.", "hurled"))
    assert m is not None and m.cameo == "175"
    # the same object without the subject the pattern needs matches nothing
    assert toy.match(_verb(nlp, "The fans hurled smoke grenades.", "hurled"), defaults=True) is None


def test_verb_without_pattern_falls_back_to_its_default(nlp: Language, toy: VerbDictionary) -> None:
    token = _verb(nlp, "The envoy befriended the new governor.", "befriended")
    m = toy.match(token)
    assert m is not None and (m.cameo, m.specific, m.rule) == (
        "051",
        False,
        "cameo:BEFRIEND:default",
    )
    assert toy.match(token, defaults=False) is None


def test_breadth_adds_a_verb_the_lexicon_lacks(nlp: Language) -> None:
    onto = Ontology.load(verb_switches=["breadth"])
    troops = find_triggers(nlp("The army rushed troops to the border on Monday."), onto)
    first = next(t for t in troops if t.head.text == "rushed")
    assert (first.type, first.cameo) == ("MOBILIZE", "154")
    assert first.rule == "cameo:ACCELERATE:8"
    # the object is an event noun of the lexicon: it decides, the verb adds nothing
    aid = find_triggers(nlp("The charity rushed aid to the villages on Monday."), onto)
    assert [t.type for t in aid] == ["AID"] and aid[0].head.text == "aid"


def test_context_replaces_the_head_only_reading_of_a_lexicon_verb(nlp: Language) -> None:
    sentence = "The minister delivered a stern rebuke to the envoy on Friday."
    plain = find_triggers(nlp(sentence), Ontology.load(verb_switches=[]))
    ctx = find_triggers(nlp(sentence), Ontology.load(verb_switches=["context"]))
    before = next(t for t in plain if t.head.text == "delivered")
    after = next(t for t in ctx if t.head.text == "delivered")
    assert before.type == "AID"
    assert (after.type, after.cameo) == ("ACCUSE", "110")
    assert after.rule.startswith("lexicon:deliver") and "+cameo:BRING:" in after.rule


def test_bare_preposition_pattern_does_not_decide(nlp: Language) -> None:
    # "(TO)" alone would make any "rushed to ..." a visit; a pattern must name a noun
    onto = Ontology.load(verb_switches=["context", "breadth"])
    found = find_triggers(nlp("The volunteers rushed to the station on Sunday."), onto)
    assert not any(t.head.text == "rushed" for t in found)


def test_switches_turn_the_dictionary_off(nlp: Language) -> None:
    off = Ontology.load(verb_switches=[])
    assert off.verbs is None
    doc = nlp("The army rushed troops to the border on Monday.")
    assert not any(t.head.text == "rushed" for t in find_triggers(doc, off))
    assert not has_trigger(nlp.make_doc("The army rushed troops to the border.")[:], off)
    on = Ontology.load(verb_switches=["breadth"])
    assert has_trigger(nlp.make_doc("The army rushed troops to the border.")[:], on)
    # the cheap test wants a noun one of the verb's patterns names after the verb
    assert not has_trigger(nlp.make_doc("The runners rushed along the beach.")[:], on)
    with pytest.raises(ConfigError, match="unknown CAMEO verb switch"):
        Ontology.load(verb_switches=["everything"])


def test_shipped_table_loads(tmp_path: Path) -> None:
    from tidings.coding.ontology import data_dir

    verbs = VerbDictionary.load(data_dir() / "cameo_verbs.tsv")
    assert len(verbs.patterns) > 300 and "rush" in verbs.verbs
    with pytest.raises(ConfigError):
        VerbDictionary.load(tmp_path / "missing.tsv")
