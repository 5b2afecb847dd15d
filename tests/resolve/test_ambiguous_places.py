"""A place name two countries share takes the country the rest of the text names."""

from __future__ import annotations

import spacy

from tidings.resolve import ActorKB, find_actors


def _countries(text: str, kb: ActorKB) -> dict[str, str | None]:
    nlp = spacy.blank("en")
    return {a.text: a.country for a in find_actors(nlp(text), kb, None)}


def test_a_shared_place_name_follows_the_country_named_nearby(kb: ActorKB) -> None:
    found = _countries("Snipers fired on a market in Tripoli, the Lebanese army said.", kb)
    assert found["Tripoli"] == "LBN"


def test_a_shared_place_name_keeps_its_usual_reading_alone(kb: ActorKB) -> None:
    assert _countries("Tripoli rejected the proposal on Monday.", kb)["Tripoli"] == "LBY"


def test_the_usual_country_named_too_keeps_the_usual_reading(kb: ActorKB) -> None:
    found = _countries("Tripoli recalled its envoy after Libyan and Lebanese talks failed.", kb)
    assert found["Tripoli"] == "LBY"


def test_the_knowledge_base_lists_the_readings_of_a_shared_name(kb: ActorKB) -> None:
    assert kb.ambiguous_places["tripoli"] == frozenset({"LBY", "LBN"})
