"""Sides told by the circumstances rather than named: the authorities of the country where an
agentless passive arrest or inquiry happened, and the home of a person "from" a place."""

from __future__ import annotations

from collections.abc import Callable

from tidings.coding import Ontology, code_sentence
from tidings.pipeline import Resources, SentenceContext
from tidings.records import Actor, Event

MakeCtx = Callable[..., SentenceContext]


def countries(actors: list[Actor]) -> set[str | None]:
    return {a.country for a in actors}


def by_trigger(events: list[Event], word: str) -> Event:
    found = [e for e in events if e.evidence.trigger and word in e.evidence.trigger.text]
    assert found, f"no event with trigger {word!r}: {[e.rule for e in events]}"
    return found[0]


def test_agentless_passive_arrest_is_done_by_the_country_where_it_happened(
    make_ctx: MakeCtx, ontology: Ontology
) -> None:
    ctx = make_ctx(
        "A Freedonian reporter was detained in Ruritania on Monday.",
        {"Freedonian": "FRE", "Ruritania": "RUR"},
    )
    event = by_trigger(code_sentence(ctx, ontology), "detained")
    assert countries(event.source) == {"RUR"}
    assert countries(event.target) == {"FRE"}


def test_a_named_agent_keeps_the_place_out_of_the_source(
    make_ctx: MakeCtx, ontology: Ontology
) -> None:
    ctx = make_ctx(
        "A Freedonian reporter was detained by Sylvanian rebels in Ruritania on Monday.",
        {"Freedonian": "FRE", "Sylvanian": "SYL", "Ruritania": "RUR"},
    )
    event = by_trigger(code_sentence(ctx, ontology), "detained")
    assert "RUR" not in countries(event.source)


def test_where_a_killing_happened_says_nothing_of_who_did_it(
    make_ctx: MakeCtx, ontology: Ontology
) -> None:
    ctx = make_ctx(
        "Two Freedonian soldiers were killed in Ruritania on Sunday.",
        {"Freedonian": "FRE", "Ruritania": "RUR"},
    )
    event = by_trigger(code_sentence(ctx, ontology), "killed")
    assert "RUR" not in countries(event.source)


def test_a_person_from_a_city_stands_for_the_city_s_country(
    make_ctx: MakeCtx, ontology: Ontology, resources: Resources
) -> None:
    onto = ontology.with_kb(resources.kb)
    ctx = make_ctx("A nurse from Manila was charged in Kuwait with theft.", {"Kuwait": "KWT"})
    event = by_trigger(code_sentence(ctx, onto), "charged")
    assert countries(event.source) == {"KWT"}
    assert countries(event.target) == {"PHL"}


def test_goods_from_a_city_are_no_visitors(
    make_ctx: MakeCtx, ontology: Ontology, resources: Resources
) -> None:
    onto = ontology.with_kb(resources.kb)
    ctx = make_ctx("Kuwait received 500 containers from Manila last year.", {"Kuwait": "KWT"})
    event = by_trigger(code_sentence(ctx, onto), "received")
    assert event.type != "CONSULT"


def test_an_inquiry_noun_in_a_country_is_opened_by_that_country(
    make_ctx: MakeCtx, ontology: Ontology
) -> None:
    ctx = make_ctx(
        "A Sylvanian engineer has been put under investigation in Kuwait for fraud.",
        {"Sylvanian": "SYL", "Kuwait": "KWT"},
    )
    event = by_trigger(code_sentence(ctx, ontology), "investigation")
    assert countries(event.source) == {"KWT"}
    assert countries(event.target) == {"SYL"}


def test_an_unnamed_group_acting_in_a_place_is_of_that_place_s_country(
    make_ctx: MakeCtx, ontology: Ontology
) -> None:
    ctx = make_ctx(
        "Students rioted at a campus in Ruritania on Monday, demanding freedom from "
        "Sylvanian rule.",
        {"Ruritania": "RUR", "Sylvanian": "SYL"},
    )
    event = by_trigger(code_sentence(ctx, ontology), "rioted")
    assert countries(event.source) == {"RUR"}
