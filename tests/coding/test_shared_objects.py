"""A preposition left without its object shares the object of the next coordinated verb."""

from __future__ import annotations

from collections.abc import Callable

from tidings.coding import Ontology, code_sentence
from tidings.pipeline import SentenceContext
from tidings.records import Actor

MakeCtx = Callable[..., SentenceContext]


def countries(actors: list[Actor]) -> set[str | None]:
    return {a.country for a in actors}


def test_a_stranded_preposition_takes_the_object_of_the_next_verb(
    make_ctx: MakeCtx, ontology: Ontology
) -> None:
    ctx = make_ctx(
        "Ruritania restored relations with and sent an ambassador to Freedonia.",
        {"Ruritania": "RUR", "Freedonia": "FRE"},
    )
    events = code_sentence(ctx, ontology)
    restored = [e for e in events if e.evidence.trigger and "restored" in e.evidence.trigger.text]
    assert restored
    assert countries(restored[0].source) == {"RUR"}
    assert countries(restored[0].target) == {"FRE"}


def test_a_preposition_with_its_own_object_keeps_it(make_ctx: MakeCtx, ontology: Ontology) -> None:
    ctx = make_ctx(
        "Ruritania restored relations with Sylvania and sent an ambassador to Freedonia.",
        {"Ruritania": "RUR", "Freedonia": "FRE", "Sylvania": "SYL"},
    )
    events = code_sentence(ctx, ontology)
    restored = [e for e in events if e.evidence.trigger and "restored" in e.evidence.trigger.text]
    assert restored
    assert countries(restored[0].target) == {"SYL"}
