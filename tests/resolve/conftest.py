"""Fixtures of the actor-resolution tests: the KB and a light tokenizer, loaded once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
import spacy
from spacy.language import Language

from tidings.records import Actor
from tidings.resolve import ActorKB, find_actors


@pytest.fixture(scope="session")
def kb() -> ActorKB:
    """The actor knowledge base shipped with tidings."""
    return ActorKB.load()


@pytest.fixture(scope="session")
def segmenter() -> Language:
    """The same light pipeline the pipeline uses: blank English plus a sentencizer."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


@pytest.fixture(scope="session")
def actors_in(kb: ActorKB, segmenter: Language) -> Callable[..., list[Actor]]:
    """Run :func:`find_actors` on a text, optionally as of a date."""

    def run(text: str, as_of: dt.date | None = None) -> list[Actor]:
        return find_actors(segmenter(text), kb, as_of)

    return run
