"""The cheap sentence filter works on the light pipeline (no tags, no lemmas)."""

from __future__ import annotations

import pytest
import spacy

from tidings.coding import Ontology, is_candidate
from tidings.records import Actor


@pytest.fixture(scope="module")
def light() -> spacy.language.Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


@pytest.mark.parametrize(
    "text",
    [
        "The Ruritanian Army shelled border villages overnight.",
        "The minister held talks with her counterpart from the Freedonia Republic.",
        "Arms transfers to the Ruritanian People's Army continued.",
        "Freedonia's Central Bank was hit when the government imposed sanctions.",
        "Ivan Petrov's upcoming visit to the capital was confirmed.",
    ],
)
def test_sentence_with_trigger_and_multiword_name_is_candidate(
    light: spacy.language.Language, ontology: Ontology, text: str
) -> None:
    assert is_candidate(light(text)[:], [], ontology)


@pytest.mark.parametrize(
    "text",
    [
        "The national team went home early.",
        "Military officials took a long time, the Freedonia Gazette wrote.",
        "Human error caused the outage at the Ruritania Power Plant.",
        "General Ivan Petrov pressed on and took questions from the press.",
    ],
)
def test_phrase_heads_without_their_companions_are_not_triggers(
    light: spacy.language.Language, ontology: Ontology, text: str
) -> None:
    assert not is_candidate(light(text)[:], [], ontology)


@pytest.mark.parametrize(
    "text",
    [
        "Ruritanian officials pledged military aid to the Freedonia Republic.",
        "Rebels took 12 aid workers hostage near the Zembla River.",
        "Dock workers in the Freedonia Republic went on strike.",
    ],
)
def test_phrase_heads_with_their_companions_are_triggers(
    light: spacy.language.Language, ontology: Ontology, text: str
) -> None:
    assert is_candidate(light(text)[:], [], ontology)


def test_single_capitalised_word_is_not_a_side(
    light: spacy.language.Language, ontology: Ontology
) -> None:
    assert not is_candidate(light("Ruritania shelled the border yesterday.")[:], [], ontology)


def test_modal_is_a_trigger_only_under_a_reporting_verb(
    light: spacy.language.Language, ontology: Ontology
) -> None:
    actor = Actor(text="Ruritania", country="RUR", start=0, end=9)
    assert not is_candidate(light("Ruritania should be warmer in May.")[:], [actor], ontology)
    said = light("Ruritania said Freedonia must pay.")
    assert is_candidate(said[:], [actor], ontology)


def test_sentence_without_trigger_is_not_candidate(
    light: spacy.language.Language, ontology: Ontology
) -> None:
    assert not is_candidate(light("The weather in Ruritania was mild on Tuesday.")[:], [], ontology)


def test_trigger_without_any_name_is_not_candidate(
    light: spacy.language.Language, ontology: Ontology
) -> None:
    assert not is_candidate(light("they attacked the village at night.")[:], [], ontology)


def test_actor_alone_makes_lowercase_sentence_candidate(
    light: spacy.language.Language, ontology: Ontology
) -> None:
    doc = light("the army attacked the village at night.")
    actor = Actor(text="the army", country="RUR", start=0, end=8)
    assert is_candidate(doc[:], [actor], ontology)
