"""Event sides that need more than the trigger's own phrase: travel, responses, receiving,
free relatives, generic verbs and expectations of others."""

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


def test_travel_to_a_capital_is_a_visit_to_its_country(
    make_ctx: MakeCtx, ontology: Ontology
) -> None:
    ctx = make_ctx(
        "The Ruritanian president travelled to Freedonia City on Monday.",
        {"The Ruritanian president": "RUR", "Freedonia City": "FRE"},
    )
    event = by_trigger(code_sentence(ctx, ontology), "travel")
    assert (event.type, event.mode, event.cameo) == ("CONSULT", "visit", "042")
    assert countries(event.source) == {"RUR"} and countries(event.target) == {"FRE"}


def test_expected_by_others_is_no_statement_of_intent(
    make_ctx: MakeCtx, ontology: Ontology
) -> None:
    ctx = make_ctx(
        "Ruritania's leader is expected to travel to Freedonia next week.",
        {"Ruritania": "RUR", "Freedonia": "FRE"},
    )
    event = by_trigger(code_sentence(ctx, ontology), "travel")
    assert event.type == "CONSULT"


def test_act_in_response_targets_the_actor_it_answers(
    make_ctx: MakeCtx, ontology: Ontology
) -> None:
    ctx = make_ctx(
        "Ruritania launched balloons toward Freedonia, and Freedonia responded by resuming "
        "loudspeaker broadcasts.",
        {"Ruritania": "RUR", "Freedonia": "FRE"},
    )
    events = code_sentence(ctx, ontology)
    answer = by_trigger(events, "resuming")
    assert answer.quad_class == 4
    assert countries(answer.source) == {"FRE"} and countries(answer.target) == {"RUR"}


def test_receiving_goods_from_a_country_is_aid_by_that_country(
    make_ctx: MakeCtx, ontology: Ontology
) -> None:
    ctx = make_ctx(
        "Freedonia received more than 900 containers from Ruritania last year.",
        {"Freedonia": "FRE", "Ruritania": "RUR"},
    )
    event = by_trigger(code_sentence(ctx, ontology), "received")
    assert event.type == "AID"
    assert countries(event.source) == {"RUR"} and countries(event.target) == {"FRE"}


def test_receiving_a_delegation_stays_a_visit(make_ctx: MakeCtx, ontology: Ontology) -> None:
    ctx = make_ctx(
        "Freedonia received a Ruritanian delegation on Tuesday.",
        {"Freedonia": "FRE", "Ruritanian delegation": "RUR"},
    )
    event = by_trigger(code_sentence(ctx, ontology), "received")
    assert event.type == "CONSULT"
    assert countries(event.source) == {"FRE"} and countries(event.target) == {"RUR"}


def test_praise_of_what_the_speaker_called_ties_targets_the_partner(
    make_ctx: MakeCtx, ontology: Ontology
) -> None:
    ctx = make_ctx(
        "Ruritania's leader praised what he called the growing friendship between his "
        "country and Freedonia.",
        {"Ruritania's leader": "RUR", "Freedonia": "FRE"},
    )
    event = by_trigger(code_sentence(ctx, ontology), "praised")
    assert event.type == "SUPPORT"
    assert countries(event.target) == {"FRE"}


def test_generic_verb_without_actors_is_no_event(make_ctx: MakeCtx, ontology: Ontology) -> None:
    ctx = make_ctx(
        "The spokesman said a meeting was planned, without giving a date.",
        {},
    )
    triggers = [e.evidence.trigger.text for e in code_sentence(ctx, ontology) if e.evidence.trigger]
    assert "giving" not in triggers


def test_venue_of_talks_is_a_place_not_a_party(
    make_ctx: MakeCtx, ontology: Ontology, resources: Resources
) -> None:
    onto = ontology.with_kb(resources.kb)
    ctx = make_ctx("Ruritanian and Freedonian envoys held talks in Geneva on Friday.", {})
    event = by_trigger(code_sentence(ctx, onto), "talks")
    assert event.type == "CONSULT"
    assert "CHE" not in countries(event.target)
    assert [(p.name, p.country) for p in event.places] == [("Geneva", "CHE")]


def test_city_where_a_warning_is_made_is_no_target(make_ctx: MakeCtx, ontology: Ontology) -> None:
    ctx = make_ctx(
        "The Ruritanian president warned in Freedonia City that the plan would fail.",
        {"The Ruritanian president": "RUR", "Freedonia City": "FRE"},
    )
    event = by_trigger(code_sentence(ctx, ontology), "warned")
    assert event.type == "THREATEN"
    assert countries(event.source) == {"RUR"} and "FRE" not in countries(event.target)


def test_city_where_a_treaty_is_signed_is_no_side(make_ctx: MakeCtx, ontology: Ontology) -> None:
    ctx = make_ctx(
        "Ruritania signed the accord with Freedonia in Sylvania City on Tuesday.",
        {"Ruritania": "RUR", "Freedonia": "FRE", "Sylvania City": "SYL"},
    )
    event = by_trigger(code_sentence(ctx, ontology), "signed")
    assert countries(event.source) == {"RUR"} and countries(event.target) == {"FRE"}
    ctx = make_ctx(
        "Ruritania signed the accord in Sylvania City on Tuesday.",
        {"Ruritania": "RUR", "Sylvania City": "SYL"},
    )
    event = by_trigger(code_sentence(ctx, ontology), "signed")
    assert "SYL" not in countries(event.target)


def test_paper_based_in_a_city_keeps_the_city_country_as_source(
    make_ctx: MakeCtx, ontology: Ontology
) -> None:
    ctx = make_ctx(
        "A weekly based in Freedonia City praised the new Ruritanian cabinet.",
        {"Freedonia City": "FRE", "Ruritanian": "RUR"},
    )
    event = by_trigger(code_sentence(ctx, ontology), "praised")
    assert event.type == "SUPPORT"
    assert countries(event.source) == {"FRE"}


def test_accused_party_not_the_accuser_does_the_gerund_act(
    make_ctx: MakeCtx, ontology: Ontology
) -> None:
    ctx = make_ctx(
        "Ruritania and Sylvania have accused Freedonia of supplying rebels with rifles.",
        {"Ruritania": "RUR", "Sylvania": "SYL", "Freedonia": "FRE"},
    )
    event = by_trigger(code_sentence(ctx, ontology), "supplying")
    assert event.type == "AID"
    assert countries(event.source) == {"FRE"}


def test_where_a_treaty_was_signed_lends_no_side_to_its_commitments(
    make_ctx: MakeCtx, ontology: Ontology
) -> None:
    ctx = make_ctx(
        "The accord signed in Freedonia City last week commits both navies to share radar data.",
        {"Freedonia City": "FRE"},
    )
    for event in code_sentence(ctx, ontology):
        assert "FRE" not in countries(event.source) | countries(event.target), event.rule


def test_where_two_parties_travel_to_meet_is_a_venue(make_ctx: MakeCtx, ontology: Ontology) -> None:
    ctx = make_ctx(
        "Ruritanian and Sylvanian negotiators returned to Geneva for talks on fishing.",
        {"Ruritanian": "RUR", "Sylvanian": "SYL", "Geneva": "CHE"},
    )
    event = by_trigger(code_sentence(ctx, ontology), "returned")
    assert event.type == "CONSULT"
    assert countries(event.source) == {"RUR", "SYL"}
    assert "CHE" not in countries(event.target)
