"""Noun events code only as acts; background mentions code nothing."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from tidings.coding import Ontology, code_sentence
from tidings.pipeline import SentenceContext
from tidings.records import Event

MakeCtx = Callable[..., SentenceContext]


def triggers(events: list[Event]) -> set[str]:
    return {e.evidence.trigger.text for e in events}


@pytest.mark.parametrize(
    ("sentence", "actors", "noun"),
    [
        (
            "Under the sanctions, Freedonia still exports grain to its neighbours.",
            {"Freedonia": "FRE"},
            "sanctions",
        ),
        (
            "The treaty agreed last month commits Freedonia to a ten-year plan.",
            {"Freedonia": "FRE"},
            "treaty",
        ),
        (
            "Ruritania calls the leaflets a cheap trick by its rivals.",
            {"Ruritania": "RUR"},
            "leaflets",
        ),
        (
            "The summit was overshadowed by a storm over Freedonia.",
            {"Freedonia": "FRE"},
            "summit",
        ),
    ],
)
def test_background_noun_mention_is_no_event(
    make_ctx: MakeCtx, ontology: Ontology, sentence: str, actors: dict[str, str], noun: str
) -> None:
    events = code_sentence(make_ctx(sentence, actors), ontology)
    assert noun not in triggers(events)


def test_noun_with_its_own_sides_is_an_event(make_ctx: MakeCtx, ontology: Ontology) -> None:
    ctx = make_ctx(
        "It was the first visit by the Ruritanian king to Freedonia in a decade.",
        {"Ruritanian": "RUR", "Freedonia": "FRE"},
    )
    event = next(e for e in code_sentence(ctx, ontology) if e.evidence.trigger.text == "visit")
    assert event.type == "CONSULT"
    assert {a.country for a in event.source} == {"RUR"}
    assert {a.country for a in event.target} == {"FRE"}


def test_noun_under_an_act_verb_is_an_event(make_ctx: MakeCtx, ontology: Ontology) -> None:
    ctx = make_ctx(
        "Freedonia imposed sanctions on Ruritania on Monday.",
        {"Freedonia": "FRE", "Ruritania": "RUR"},
    )
    event = code_sentence(ctx, ontology)[0]
    assert event.type == "SANCTION"
    assert {a.country for a in event.source} == {"FRE"}
    assert {a.country for a in event.target} == {"RUR"}


def test_noun_without_sides_under_an_act_verb_takes_the_verbs_subject(
    make_ctx: MakeCtx, ontology: Ontology
) -> None:
    ctx = make_ctx(
        "Freedonia launched a new offensive on Tuesday.",
        {"Freedonia": "FRE"},
    )
    events = code_sentence(ctx, ontology)
    assert events and {a.country for a in events[0].source} == {"FRE"}


def test_place_of_the_reporting_clause_is_no_side_of_the_act_it_reports(
    make_ctx: MakeCtx, ontology: Ontology
) -> None:
    ctx = make_ctx(
        "Ruritania's president warned in Lisbon that selling tanks to Freedonia would be a grave"
        " error.",
        {"Ruritania": "RUR", "Lisbon": "PRT", "Freedonia": "FRE"},
    )
    events = code_sentence(ctx, ontology)
    assert events
    for event in events:
        assert "PRT" not in {a.country for a in event.source + event.target}


def test_apposed_nouns_for_one_trip_are_one_event(make_ctx: MakeCtx, ontology: Ontology) -> None:
    ctx = make_ctx(
        "The Ruritanian king was on a state visit to Freedonia, his first trip abroad this year.",
        {"Ruritanian": "RUR", "Freedonia": "FRE"},
    )
    events = [e for e in code_sentence(ctx, ontology) if e.type == "CONSULT"]
    assert len(events) == 1
    assert {a.country for a in events[0].target} == {"FRE"}


def test_a_noun_and_the_participle_describing_it_are_one_event(
    make_ctx: MakeCtx, ontology: Ontology
) -> None:
    ctx = make_ctx(
        "The treaty between Freedonia and Osterlich signed on Monday ends a long dispute.",
        {"Freedonia": "FRE", "Osterlich": "OST"},
    )
    events = code_sentence(ctx, ontology)
    named = [e for e in events if e.evidence.trigger.text in ("signed", "treaty")]
    assert len(named) == 1
    sides = {a.country for a in named[0].source + named[0].target}
    assert "FRE" in sides


def test_a_second_name_for_a_visit_after_a_comma_is_no_second_event(
    make_ctx: MakeCtx, ontology: Ontology
) -> None:
    ctx = make_ctx(
        "The Ruritanian king was on a three-day state visit to Freedonia, his first trip"
        " abroad since taking the throne.",
        {"Ruritanian": "RUR", "Freedonia": "FRE"},
    )
    events = [e for e in code_sentence(ctx, ontology) if e.type == "CONSULT"]
    assert len(events) == 1
    assert {a.country for a in events[0].source} == {"RUR"}


def _as_outlet(ctx: SentenceContext, name: str) -> SentenceContext:
    """Mark the actors called ``name`` as a media outlet."""
    marked = [dataclasses.replace(a, sector="media") if a.text == name else a for a in ctx.actors]
    return dataclasses.replace(ctx, actors=marked, doc_actors=marked)


def test_an_outlet_told_something_is_no_target(make_ctx: MakeCtx, ontology: Ontology) -> None:
    ctx = _as_outlet(
        make_ctx(
            "We will not accept the Ruritanian threat, the Freedonian minister told Radio Nord.",
            {"Ruritanian": "RUR", "Freedonian": "FRE", "Radio Nord": "FRE"},
        ),
        "Radio Nord",
    )
    for event in code_sentence(ctx, ontology):
        assert "Radio Nord" not in {a.text for a in event.source + event.target}


def test_an_outlet_is_no_source_of_a_request(make_ctx: MakeCtx, ontology: Ontology) -> None:
    ctx = _as_outlet(
        make_ctx(
            "The Freedonian government ignored Radio Nord requests for comment.",
            {"Freedonian": "FRE", "Radio Nord": "FRE"},
        ),
        "Radio Nord",
    )
    for event in code_sentence(ctx, ontology):
        assert "Radio Nord" not in {a.text for a in event.source}


def test_an_outlet_acted_upon_stays_the_target(make_ctx: MakeCtx, ontology: Ontology) -> None:
    ctx = _as_outlet(
        make_ctx(
            "The Freedonian government banned Radio Nord on Friday.",
            {"Freedonian": "FRE", "Radio Nord": "FRE"},
        ),
        "Radio Nord",
    )
    event = code_sentence(ctx, ontology)[0]
    assert "Radio Nord" in {a.text for a in event.target}


@pytest.mark.parametrize(
    "sentence",
    [
        "Freedonia says any arms trade with Ruritania violates the council's resolutions.",
        "Such shipments to Ruritania would breach the Freedonian embargo.",
    ],
)
def test_an_act_said_to_violate_a_rule_is_no_rejection(
    make_ctx: MakeCtx, ontology: Ontology, sentence: str
) -> None:
    ctx = make_ctx(sentence, {"Freedonia": "FRE", "Freedonian": "FRE", "Ruritania": "RUR"})
    assert "REJECT" not in {e.type for e in code_sentence(ctx, ontology)}


def test_an_actor_violating_a_truce_still_codes(make_ctx: MakeCtx, ontology: Ontology) -> None:
    ctx = make_ctx(
        "Ruritania violated the truce with Freedonia on Sunday.",
        {"Freedonia": "FRE", "Ruritania": "RUR"},
    )
    event = code_sentence(ctx, ontology)[0]
    assert {a.country for a in event.source} == {"RUR"}


def test_a_state_run_outlet_speaks_for_its_state(make_ctx: MakeCtx, ontology: Ontology) -> None:
    ctx = _as_outlet(
        make_ctx(
            "The state-run Freedonian Daily urged Ruritania to withdraw its troops.",
            {"Freedonian Daily": "FRE", "Ruritania": "RUR"},
        ),
        "Freedonian Daily",
    )
    event = code_sentence(ctx, ontology)[0]
    assert {a.country for a in event.source} == {"FRE"}


def test_a_state_run_outlets_requests_for_comment_are_no_act(
    make_ctx: MakeCtx, ontology: Ontology
) -> None:
    ctx = _as_outlet(
        make_ctx(
            "The Ruritanian ministry ignored state-run Radio Nord requests for comment.",
            {"Ruritanian": "RUR", "Radio Nord": "FRE"},
        ),
        "Radio Nord",
    )
    for event in code_sentence(ctx, ontology):
        assert "FRE" not in {a.country for a in event.source}


def test_the_forces_a_movement_noun_moves_are_its_source(
    make_ctx: MakeCtx, ontology: Ontology
) -> None:
    ctx = make_ctx(
        "The withdrawal of Ruritanian troops from Freedonia began on Monday.",
        {"Ruritanian troops": "RUR", "Freedonia": "FRE"},
    )
    event = next(e for e in code_sentence(ctx, ontology) if e.type == "RETREAT")
    assert {a.country for a in event.source} == {"RUR"}
    assert {a.country for a in event.target} == {"FRE"}


def test_where_deployed_forces_arrive_is_the_target(make_ctx: MakeCtx, ontology: Ontology) -> None:
    ctx = make_ctx(
        "The first deployment of Ruritanian soldiers has arrived in Freedonia, officials said.",
        {"Ruritanian soldiers": "RUR", "Freedonia": "FRE"},
    )
    event = next(e for e in code_sentence(ctx, ontology) if "deployment" in e.rule)
    assert {a.country for a in event.source} == {"RUR"}
    assert {a.country for a in event.target} == {"FRE"}
