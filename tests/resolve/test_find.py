"""find_actors on whole articles tokenised by the light pipeline."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable

import pytest

from tidings.records import Actor

Finder = Callable[..., list[Actor]]


def _only(actors: list[Actor], text: str) -> Actor:
    found = [a for a in actors if a.text == text]
    assert len(found) == 1, f"{text!r} not found once in {[a.text for a in actors]}"
    return found[0]


def test_offsets_point_into_the_text(actors_in: Finder) -> None:
    text = "Talks between Seoul and Tokyo resumed while Pyongyang stayed silent."
    for actor in actors_in(text):
        assert text[actor.start : actor.end] == actor.text


def test_actors_do_not_overlap_and_are_in_order(actors_in: Finder) -> None:
    actors = actors_in("The Japanese prime minister met Chinese and Indian envoys in New Delhi.")
    spans = [(a.start, a.end) for a in actors]
    assert spans == sorted(spans)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in itertools.pairwise(spans))


@pytest.mark.parametrize(
    ("text", "mention", "code"),
    [
        ("Diplomats from the United States arrived.", "United States", "USA"),
        ("The U.S. answered quickly.", "U.S.", "USA"),
        ("Britain and the UK are the same place.", "Britain", "GBR"),
        ("The DPRK fired a missile.", "DPRK", "PRK"),
        ("The ROK protested.", "ROK", "KOR"),
        ("A North Korean ship docked.", "North Korean", "PRK"),
        ("Two South Koreans were hurt.", "South Koreans", "KOR"),
        ("An American ship sailed.", "American", "USA"),
        ("Officials in Côte d'Ivoire spoke.", "Côte d'Ivoire", "CIV"),
    ],
)
def test_country_names_aliases_and_demonyms(
    actors_in: Finder, text: str, mention: str, code: str
) -> None:
    assert _only(actors_in(text), mention).country == code


@pytest.mark.parametrize(
    ("text", "mention", "code", "sector"),
    [
        ("The Kremlin rejected the offer.", "The Kremlin", "RUS", "government"),
        ("The Pentagon sent ships.", "The Pentagon", "USA", "military"),
        ("Pyongyang fired two missiles.", "Pyongyang", "PRK", "government"),
        ("Downing Street declined to comment.", "Downing Street", "GBR", "government"),
        ("The Blue House said nothing.", "The Blue House", "KOR", "government"),
        ("Officials at the State Department met.", "State Department", "USA", "government"),
    ],
)
def test_metonyms_map_to_country_and_sector(
    actors_in: Finder, text: str, mention: str, code: str, sector: str
) -> None:
    actor = _only(actors_in(text), mention)
    assert (actor.country, actor.sector, actor.rule) == (code, sector, "kb:metonym")


@pytest.mark.parametrize(
    ("text", "mention", "kb_id"),
    [
        ("The UN Security Council will meet.", "UN Security Council", "igo:unsc"),
        ("NATO allies gathered.", "NATO", "igo:nato"),
        ("The IAEA inspected the site.", "IAEA", "igo:iaea"),
        ("The African Union sent monitors.", "The African Union", "igo:au"),
    ],
)
def test_international_bodies_have_code_igo(
    actors_in: Finder, text: str, mention: str, kb_id: str
) -> None:
    actor = _only(actors_in(text), mention)
    assert (actor.country, actor.sector, actor.kb_id) == ("IGO", "igo", kb_id)


def test_media_outlets_carry_their_country(actors_in: Finder) -> None:
    actors = actors_in("KCNA said so, Yonhap reported, and Tass and Xinhua repeated it.")
    assert [(a.text, a.country, a.sector) for a in actors] == [
        ("KCNA", "PRK", "media"),
        ("Yonhap", "KOR", "media"),
        ("Tass", "RUS", "media"),
        ("Xinhua", "CHN", "media"),
    ]


def test_compound_title_nationality_and_kb_person(actors_in: Finder) -> None:
    text = "South Korean Defense Minister Shin Won-sik visited the border."
    actor = _only(
        actors_in(text, dt.date(2024, 3, 1)), "South Korean Defense Minister Shin Won-sik"
    )
    assert (actor.country, actor.role, actor.name) == ("KOR", "defense minister", "Shin Won-sik")
    assert actor.kb_id == "person:shin-won-sik"
    assert actor.sector in ("government", "military")


def test_unhyphenated_spelling_finds_the_same_person(actors_in: Finder) -> None:
    actor = _only(actors_in("Shin Wonsik spoke."), "Shin Wonsik")
    assert actor.kb_id == "person:shin-won-sik"


def test_title_and_nationality_for_a_person_not_in_the_kb(actors_in: Finder) -> None:
    text = "Ukrainian Foreign Minister Jane Doe met reporters."
    actor = _only(actors_in(text), "Ukrainian Foreign Minister Jane Doe")
    assert (actor.country, actor.sector, actor.role, actor.name, actor.rule) == (
        "UKR",
        "government",
        "foreign minister",
        "Jane Doe",
        "title+nationality",
    )
    assert actor.kb_id is None


def test_role_resolves_to_the_officeholder_of_the_day(actors_in: Finder) -> None:
    text = "The South Korean president spoke on television."
    in_2019 = _only(actors_in(text, dt.date(2019, 6, 1)), "South Korean president")
    in_2024 = _only(actors_in(text, dt.date(2024, 6, 1)), "South Korean president")
    assert in_2019.name == "Moon Jae-in"
    assert in_2024.name == "Yoon Suk Yeol"
    assert in_2019.country == in_2024.country == "KOR"


def test_role_without_a_date_names_nobody(actors_in: Finder) -> None:
    actor = _only(actors_in("The North Korean leader watched the launch."), "North Korean leader")
    assert (actor.country, actor.sector, actor.role, actor.name) == (
        "PRK",
        "government",
        "leader",
        None,
    )


def test_leader_role_with_a_date(actors_in: Finder) -> None:
    actors = actors_in("The North Korean leader watched the launch.", dt.date(2023, 1, 1))
    assert _only(actors, "North Korean leader").name == "Kim Jong Un"


def test_former_title_is_not_resolved_to_the_current_holder(actors_in: Finder) -> None:
    actors = actors_in("The former South Korean president was jailed.", dt.date(2024, 6, 1))
    actor = _only(actors, "South Korean president")
    assert actor.name is None or actor.name == "Yoon Suk Yeol"


def test_group_roles_set_the_sector(actors_in: Finder) -> None:
    actors = actors_in("Russian troops and Israeli police moved in; Iraqi lawmakers objected.")
    assert [(a.country, a.sector) for a in actors] == [
        ("RUS", "military"),
        ("ISR", "police"),
        ("IRQ", "legislature"),
    ]


def test_possessive_country_with_a_ministry(actors_in: Finder) -> None:
    actor = _only(
        actors_in("North Korea's foreign ministry issued a statement."),
        "North Korea's foreign ministry",
    )
    assert (actor.country, actor.sector, actor.role) == ("PRK", "government", "foreign ministry")


def test_metonym_with_role_and_person(actors_in: Finder) -> None:
    text = "Kremlin spokesman Dmitry Peskov declined to comment."
    actor = _only(actors_in(text), "Kremlin spokesman Dmitry Peskov")
    assert (actor.country, actor.role, actor.name) == ("RUS", "spokesperson", "Dmitry Peskov")


def test_role_of_country(actors_in: Finder) -> None:
    actor = _only(actors_in("He met the president of Armenia."), "president of Armenia")
    assert (actor.country, actor.role) == ("ARM", "president")


def test_title_with_surname_finds_the_kb_person(actors_in: Finder) -> None:
    actors = actors_in("President Bush spoke to troops.", dt.date(2004, 1, 1))
    assert _only(actors, "President Bush").kb_id == "person:george-w-bush"


def test_surname_refers_back_to_an_earlier_full_mention(actors_in: Finder) -> None:
    text = "Kim Jong Un inspected a factory. Later Kim praised the workers."
    actors = actors_in(text)
    kim = actors[-1]
    assert (kim.text, kim.kb_id, kim.rule) == ("Kim", "person:kim-jong-un", "coref:surname")


def test_honorific_with_surname_refers_back(actors_in: Finder) -> None:
    text = "South Korean Defense Minister Shin Won-sik arrived. Mr. Shin then left."
    actor = _only(actors_in(text), "Mr. Shin")
    assert actor.kb_id == "person:shin-won-sik"


def test_surname_of_an_unknown_titled_person_refers_back(actors_in: Finder) -> None:
    text = "Ukrainian Foreign Minister Jane Doe landed. Doe said talks went well."
    actor = _only(actors_in(text), "Doe")
    assert (actor.country, actor.name, actor.rule) == ("UKR", "Jane Doe", "coref:surname")


def test_surname_without_an_earlier_mention_is_not_tagged(actors_in: Finder) -> None:
    assert [a.text for a in actors_in("Kim said the talks went well.")] == []


def test_distinctive_surname_alone_is_a_kb_alias(actors_in: Finder) -> None:
    actor = _only(actors_in("Putin spoke for an hour."), "Putin")
    assert actor.country == "RUS"


def test_the_north_and_the_south_after_a_korea(actors_in: Finder) -> None:
    text = "South Korea warned North Korea. The North ignored it, and the South responded."
    actors = actors_in(text)
    north = _only(actors, "The North")
    south = _only(actors, "the South")
    assert (north.country, north.rule) == ("PRK", "coref:the-north")
    assert (south.country, south.rule) == ("KOR", "coref:the-south")


def test_the_north_without_a_korea_is_not_tagged(actors_in: Finder) -> None:
    assert actors_in("Storms hit the North on Monday.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Tell us what happened.",
        "Michael Jordan scored forty points.",
        "Jordan Peterson gave a lecture.",
        "Mr. Chad arrived late.",
        "They ate turkey for dinner.",
        "Georgia Tech won the game.",
        "Denzel Washington starred in the film.",
    ],
)
def test_ordinary_words_and_personal_names_are_not_actors(actors_in: Finder, text: str) -> None:
    assert actors_in(text) == []


def test_country_names_in_lists_are_kept(actors_in: Finder) -> None:
    actors = actors_in("Jordan, Chad and Georgia signed the accord.")
    assert [a.country for a in actors] == ["JOR", "TCD", "GEO"]


def test_us_in_a_headline_in_capitals_is_skipped(actors_in: Finder) -> None:
    assert actors_in("PLEASE TELL US THE TRUTH") == []


def test_hyphenated_prefix_is_an_actor(actors_in: Finder) -> None:
    actors = actors_in("The U.S.-led coalition and Russian-backed forces clashed.")
    assert [(a.text, a.country) for a in actors] == [("U.S.", "USA"), ("Russian", "RUS")]


def test_empty_document(actors_in: Finder) -> None:
    assert actors_in("") == []


def test_nationality_title_and_surname_use_the_date(actors_in: Finder) -> None:
    text = "North Korean leader Kim visited a farm."
    before = _only(actors_in(text, dt.date(2005, 1, 1)), "North Korean leader Kim")
    after = _only(actors_in(text, dt.date(2020, 1, 1)), "North Korean leader Kim")
    assert (before.name, after.name) == ("Kim Jong Il", "Kim Jong Un")


def test_counterpart_takes_the_nationality(actors_in: Finder) -> None:
    actor = _only(actors_in("He met his Japanese counterpart."), "Japanese counterpart")
    assert (actor.country, actor.sector) == ("JPN", "government")


def test_demonym_before_a_group_noun_is_kept(actors_in: Finder) -> None:
    assert [a.country for a in actors_in("Iraqi Kurds rallied.")] == ["IRQ"]


def test_direction_before_a_country_keeps_the_country(actors_in: Finder) -> None:
    assert [a.text for a in actors_in("Shelling hit South Lebanon.")] == ["Lebanon"]


def test_demonym_inside_another_name_is_not_an_actor(actors_in: Finder) -> None:
    assert actors_in("Ships crossed the Indian Ocean during Chinese New Year.") == []
