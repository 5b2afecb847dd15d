"""Places named in an event's sentence that are not its actors."""

from __future__ import annotations

from collections.abc import Callable

from tidings.coding import Ontology, code_sentence, find_places
from tidings.coding.arguments import ActorMapper
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


def test_gazetteer_finds_places_without_ner(
    make_ctx: MakeCtx, ontology: Ontology, resources: Resources
) -> None:
    assert not resources.nlp.has_pipe("ner")  # the default pipeline parses without NER
    onto = ontology.with_kb(resources.kb)
    ctx = make_ctx(
        "The two leaders held talks at the Vostochny spaceport in March.",
        {"The two leaders": "RUS"},
    )
    places = find_places(ctx, ActorMapper(ctx, onto.kb))
    assert [(p.name, p.country) for p in places] == [("Vostochny", "RUS")]


def test_unknown_locative_name_is_a_place_without_country(
    make_ctx: MakeCtx, ontology: Ontology
) -> None:
    ctx = make_ctx(
        "Ruritanian troops clashed with rebels near Zembla on Friday.",
        {"Ruritanian troops": "RUR"},
    )
    places = find_places(ctx, ActorMapper(ctx, None))
    assert [(p.name, p.country) for p in places] == [("Zembla", None)]


def test_months_and_days_are_not_places(make_ctx: MakeCtx, ontology: Ontology) -> None:
    ctx = make_ctx("Ruritania signed the accord in April, on a Monday.", {"Ruritania": "RUR"})
    assert find_places(ctx, ActorMapper(ctx, None)) == []


def test_locative_city_is_a_place_never_the_source(
    make_ctx: MakeCtx, ontology: Ontology, resources: Resources
) -> None:
    onto = ontology.with_kb(resources.kb)
    ctx = make_ctx("In Mosul, gunmen attacked a police checkpoint.", {})
    events = code_sentence(ctx, onto)
    assert events and events[0].type == "ASSAULT"
    assert events[0].source == []
    assert [(p.name, p.country) for p in events[0].places] == [("Mosul", "IRQ")]


def test_where_it_happened_gives_the_target_country_as_a_last_resort(
    make_ctx: MakeCtx, ontology: Ontology, resources: Resources
) -> None:
    onto = ontology.with_kb(resources.kb)
    ctx = make_ctx("The Ruritanian government lifted the curfew in Jericho.", {"Ruritanian": "RUR"})
    event = max(code_sentence(ctx, onto), key=lambda e: e.confidence)
    assert event.type == "CONCEDE"
    assert [a.country for a in event.target] == ["PSE"]
    assert [p.name for p in event.places] == ["Jericho"]


def test_names_missed_by_the_finder_resolve_from_the_parse(
    make_ctx: MakeCtx, ontology: Ontology, resources: Resources
) -> None:
    onto = ontology.with_kb(resources.kb)
    ctx = make_ctx("Tehran condemned the raid on Damascus.", {})
    event = max(code_sentence(ctx, onto), key=lambda e: e.confidence)
    assert [a.country for a in event.source] == ["IRN"]
    assert [a.country for a in event.target] == ["SYR"]


def test_ethnic_group_takes_the_country_it_lives_in(make_ctx: MakeCtx, ontology: Ontology) -> None:
    ctx = make_ctx(
        "Ethnic Ruritanians protested in Freedonia, Freedonian police said.",
        {"Ruritanians": "RUR", "Freedonia": "FRE", "Freedonian police": "FRE"},
    )
    event = max(code_sentence(ctx, ontology), key=lambda e: e.confidence)
    assert event.type == "PROTEST"
    assert [a.country for a in event.source] == ["FRE"]


def test_coordinated_sources_leave_no_target_of_their_own(
    make_ctx: MakeCtx, ontology: Ontology
) -> None:
    ctx = make_ctx(
        "Ruritania and Freedonia failed to reach agreement on the status of Freedonian ports.",
        {"Ruritania": "RUR", "Freedonia": "FRE", "Freedonian": "FRE"},
    )
    event = max(code_sentence(ctx, ontology), key=lambda e: e.confidence)
    assert {a.country for a in event.source} == {"RUR", "FRE"}
    assert event.target == []
