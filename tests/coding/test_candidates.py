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
        "Ruritania shelled border villages overnight.",
        "The minister held talks with her Freedonian counterpart.",
        "Arms transfers to Ruritania continued.",
        "Freedonia imposed sanctions on two banks.",
        "Putin's upcoming visit to Pyongyang was confirmed.",
    ],
)
def test_sentence_with_trigger_and_name_is_candidate(
    light: spacy.language.Language, ontology: Ontology, text: str
) -> None:
    assert is_candidate(light(text)[:], [], ontology)


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
