"""Helpers to build sentence contexts by hand for the coding tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from tidings.coding import Ontology
from tidings.pipeline import SentenceContext
from tidings.records import Actor, Article

MakeCtx = Callable[..., SentenceContext]


@pytest.fixture(scope="session")
def ontology() -> Ontology:
    """The shipped ontology, without a knowledge base (actors come from the test)."""
    return Ontology.load()


@pytest.fixture
def make_ctx(nlp: Language) -> MakeCtx:
    """Build a :class:`SentenceContext` for ``sentence``.

    ``actors`` maps surface strings to country codes; every occurrence becomes an actor.
    ``before`` is article text placed before the sentence, so offsets are article offsets.
    """

    def build(
        sentence: str, actors: dict[str, str] | None = None, before: str = ""
    ) -> SentenceContext:
        text = before + sentence
        offset = len(before)
        found: list[Actor] = []
        for surface, country in (actors or {}).items():
            start = text.find(surface)
            while start >= 0:
                found.append(
                    Actor(
                        text=surface,
                        name=surface,
                        country=country,
                        start=start,
                        end=start + len(surface),
                        rule="test",
                    )
                )
                start = text.find(surface, start + len(surface))
        found.sort(key=lambda a: a.start)
        article = Article(
            id="atest",
            url=None,
            title=None,
            author=None,
            published="2024-06-12",
            source=None,
            language="en",
            text=text,
        )
        inside = [a for a in found if a.start >= offset]
        return SentenceContext(
            article=article, doc=nlp(sentence), offset=offset, actors=inside, doc_actors=found
        )

    return build
