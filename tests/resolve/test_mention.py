"""resolve_mention on spans found elsewhere, written as gold annotators write them."""

from __future__ import annotations

import datetime as dt

import pytest

from tidings.resolve import ActorKB, resolve_mention


@pytest.mark.parametrize(
    ("text", "code", "sector"),
    [
        ("Hungarian officials", "HUN", "government"),
        ("Israeli police", "ISR", "police"),
        ("South Korean army", "KOR", "military"),
        ("Sudan's government", "SDN", "government"),
        ("Russian diplomats", "RUS", "government"),
        ("Egyptian warships", "EGY", "military"),
        ("UN peacekeepers", "IGO", "military"),
        ("Portugal's parliament", "PRT", "legislature"),
        ("Peruvian judge", "PER", "judiciary"),
        ("Nepalese rebels", "NPL", "rebel"),
    ],
)
def test_group_strings_resolve_to_country_and_sector(
    kb: ActorKB, text: str, code: str, sector: str
) -> None:
    actor = resolve_mention(text, kb)
    assert actor is not None
    assert (actor.country, actor.sector) == (code, sector)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("the United Nations", "IGO"),
        ("Washington", "USA"),
        ("Kyiv", "UKR"),
        ("Mozambique", "MOZ"),
        ("Czechia", "CZE"),
    ],
)
def test_names_resolve_to_codes(kb: ActorKB, text: str, code: str) -> None:
    actor = resolve_mention(text, kb)
    assert actor is not None and actor.country == code


def test_a_place_name_resolves_to_its_country(kb: ActorKB) -> None:
    actor = resolve_mention("Mosul", kb)
    assert actor is not None
    assert (actor.country, actor.rule) == ("IRQ", "kb:place")


def test_role_word_after_a_place_sets_the_sector(kb: ActorKB) -> None:
    actor = resolve_mention("Militants in Somalia", kb)
    assert actor is not None
    assert (actor.country, actor.sector) == ("SOM", "rebel")


def test_lower_case_demonym_is_recovered(kb: ActorKB) -> None:
    actor = resolve_mention("ethnic serbs", kb)
    assert actor is not None and actor.country == "SRB"


def test_person_with_title_resolves_with_date(kb: ActorKB) -> None:
    actor = resolve_mention("Prime Minister Netanyahu", kb, dt.date(2015, 1, 1))
    assert actor is not None
    assert (actor.country, actor.name, actor.role) == (
        "ISR",
        "Benjamin Netanyahu",
        "prime minister",
    )


def test_unknown_strings_give_none(kb: ActorKB) -> None:
    assert resolve_mention("a heavy storm", kb) is None
    assert resolve_mention("   ", kb) is None


def test_offsets_refer_to_the_given_text(kb: ActorKB) -> None:
    text = "  Senior Chinese officials"
    actor = resolve_mention(text, kb)
    assert actor is not None
    assert text[actor.start : actor.end] == actor.text == "Chinese officials"


def test_lone_surname_resolves_only_with_a_date_and_one_officeholder(kb: ActorKB) -> None:
    dated = resolve_mention("Gallant", kb, dt.date(2023, 6, 1))
    assert dated is not None
    assert (dated.name, dated.country, dated.role) == ("Yoav Gallant", "ISR", "defense minister")
    assert resolve_mention("Gallant", kb) is None
    assert resolve_mention("Gallant", kb, dt.date(2010, 1, 1)) is None


@pytest.mark.parametrize(("text", "code"), [("Ethiopa", "ETH"), ("Venezula", "VEN")])
def test_country_name_with_one_slip_resolves(kb: ActorKB, text: str, code: str) -> None:
    actor = resolve_mention(text, kb)
    assert actor is not None and actor.country == code and actor.rule == "kb:country~1"


@pytest.mark.parametrize("text", ["Austin", "Germnay", "Irak"])
def test_words_two_slips_away_or_short_are_not_countries(kb: ActorKB, text: str) -> None:
    actor = resolve_mention(text, kb)
    assert actor is None or actor.rule != "kb:country~1"


def test_title_and_surname_between_terms_name_the_nearest_officeholder(kb: ActorKB) -> None:
    # no Bush was president in 1994; the nearest term is the one that ended in 1993
    actor = resolve_mention("President Bush", kb, dt.date(1994, 1, 1))
    assert actor is not None and actor.country == "USA" and actor.name == "George H. W. Bush"
    assert resolve_mention("President Bush", kb, dt.date(2020, 1, 1)) is None


@pytest.mark.parametrize(
    ("text", "code"),
    [("Bosnian Serbs", "BIH"), ("Yoruba leaders", "NGA"), ("Tamil rebels", "LKA")],
)
def test_ethnic_groups_are_coded_by_the_country_they_live_in(
    kb: ActorKB, text: str, code: str
) -> None:
    actor = resolve_mention(text, kb)
    assert actor is not None and actor.country == code
