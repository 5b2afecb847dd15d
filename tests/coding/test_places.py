"""Places named in an event's sentence that are not its actors."""

from __future__ import annotations

from collections.abc import Callable

from tidings.coding import Ontology, code_sentence
from tidings.pipeline import Resources, SentenceContext

MakeCtx = Callable[..., SentenceContext]


def test_locative_places_attach_to_the_event(make_ctx: MakeCtx, ontology: Ontology) -> None:
    ctx = make_ctx(
        "Putin met Kim Jong Un in Vladivostok on Wednesday.",
        {"Putin": "RUS", "Kim Jong Un": "PRK"},
    )
    event = max(code_sentence(ctx, ontology), key=lambda e: e.confidence)
    assert event.type == "CONSULT"
    assert [p.name for p in event.places] == ["Vladivostok"]
    place = event.places[0]
    assert ctx.article.text[place.start : place.end] == "Vladivostok"


def test_actors_of_the_event_are_not_places(make_ctx: MakeCtx, ontology: Ontology) -> None:
    ctx = make_ctx(
        "Germany condemned the missile strikes on Kyiv.",
        {"Germany": "DEU", "Kyiv": "UKR"},
    )
    event = max(code_sentence(ctx, ontology), key=lambda e: e.confidence)
    assert "Germany" not in [p.name for p in event.places]


def test_place_country_comes_from_the_knowledge_base(
    make_ctx: MakeCtx,
    ontology: Ontology,
    resources: Resources,
) -> None:
    onto = ontology.with_kb(resources.kb)
    ctx = make_ctx(
        "Putin met Kim Jong Un in Vladivostok on Wednesday.",
        {"Putin": "RUS", "Kim Jong Un": "PRK"},
    )
    event = max(code_sentence(ctx, onto), key=lambda e: e.confidence)
    assert [(p.name, p.country) for p in event.places] == [("Vladivostok", "RUS")]
