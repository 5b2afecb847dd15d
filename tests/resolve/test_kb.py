"""The knowledge base files load and answer lookups."""

from __future__ import annotations

import datetime as dt
import pickle
from collections.abc import Callable
from pathlib import Path

import pytest

from tidings.records import Actor
from tidings.resolve import ActorKB, KnowledgeBaseError
from tidings.resolve.kb import DEFAULT_PATH, case_variants, name_variants


def test_kb_has_a_version_matching_the_version_file(kb: ActorKB) -> None:
    assert kb.version == (DEFAULT_PATH / "VERSION").read_text().strip()


def test_kb_missing_folder_raises_clear_error(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeBaseError, match="VERSION"):
        ActorKB.load(tmp_path)


def test_kb_malformed_row_names_the_file(tmp_path: Path) -> None:
    for item in DEFAULT_PATH.iterdir():
        (tmp_path / item.name).write_bytes(item.read_bytes())
    with (tmp_path / "roles.csv").open("a", encoding="utf-8") as handle:
        handle.write("too,many,fields,in,this,row\n")
    with pytest.raises(KnowledgeBaseError, match=r"roles\.csv"):
        ActorKB.load(tmp_path)


def test_country_name_of_codes(kb: ActorKB) -> None:
    assert kb.country_name("PRK") == "North Korea"
    assert kb.country_name("kor") == "South Korea"
    assert kb.country_name("XYZ") is None


def test_every_country_code_is_three_letters(kb: ActorKB) -> None:
    assert len(kb.countries) > 200
    assert all(len(code) == 3 and code.isupper() for code in kb.countries)


@pytest.mark.parametrize(
    ("place", "code"),
    [
        ("Vladivostok", "RUS"),
        ("Vostochny", "RUS"),
        ("Kaesong", "PRK"),
        ("Donetsk", "UKR"),
        ("Gaza", "PSE"),
        ("Pyongyang", "PRK"),
        ("the Kremlin", "RUS"),
        ("Kyiv", "UKR"),
        ("Kiev", "UKR"),
        ("South Korea", "KOR"),
        ("  seoul ", "KOR"),
    ],
)
def test_country_for_place(kb: ActorKB, place: str, code: str) -> None:
    assert kb.country_for_place(place) == code


def test_country_for_unknown_place_is_none(kb: ActorKB) -> None:
    assert kb.country_for_place("Nowhereville") is None
    assert kb.country_for_place("") is None


def test_holder_depends_on_the_date(kb: ActorKB) -> None:
    earlier = kb.holder("KOR", "president", dt.date(2019, 5, 1))
    later = kb.holder("KOR", "president", dt.date(2024, 5, 1))
    assert earlier is not None and earlier.name == "Moon Jae-in"
    assert later is not None and later.name == "Yoon Suk Yeol"
    assert kb.holder("KOR", "president", None) is None


def test_leader_of_a_country_follows_the_leading_post(kb: ActorKB) -> None:
    assert kb.holder("PRK", "leader", dt.date(2010, 1, 1)).name == "Kim Jong Il"  # type: ignore[union-attr]
    assert kb.holder("PRK", "leader", dt.date(2015, 1, 1)).name == "Kim Jong Un"  # type: ignore[union-attr]
    assert kb.holder("JPN", "leader", dt.date(2023, 1, 1)).name == "Fumio Kishida"  # type: ignore[union-attr]


def test_term_on_switches_roles_over_time(kb: ActorKB) -> None:
    putin = "person:vladimir-putin"
    assert kb.term_on(putin, dt.date(2005, 1, 1)).role == "president"  # type: ignore[union-attr]
    assert kb.term_on(putin, dt.date(2010, 1, 1)).role == "prime minister"  # type: ignore[union-attr]
    assert kb.term_on(putin, dt.date(2020, 1, 1)).role == "president"  # type: ignore[union-attr]


def test_terms_are_well_ordered(kb: ActorKB) -> None:
    for terms in kb.terms.values():
        for term in terms:
            assert term.start is None or term.end is None or term.start <= term.end


def test_titled_person_by_surname_and_date(kb: ActorKB) -> None:
    first = kb.titled_person("Bush", "president", "USA", dt.date(2003, 1, 1))
    assert first is not None and first.name == "George W. Bush"
    assert kb.titled_person("Bush", "president", "USA", dt.date(2015, 1, 1)) is None


def test_name_variants_cover_hyphens() -> None:
    assert {"Shin Won-sik", "Shin Wonsik", "Shin Won Sik"} <= name_variants("Shin Won-sik")
    assert name_variants("Vladimir Putin") == {"Vladimir Putin"}


def test_case_variants_keep_small_words_lower() -> None:
    assert "Secretary of State" in case_variants("secretary of state")


def test_kb_survives_pickling_without_its_matcher_cache(
    kb: ActorKB, actors_in: Callable[[str], list[Actor]]
) -> None:
    actors_in("Russia")  # builds and caches a matcher
    copy = pickle.loads(pickle.dumps(kb))
    assert copy.version == kb.version
    assert copy._cache == {}
    assert copy.country_for_place("Kaesong") == "PRK"


def test_misspelt_surname_with_a_title_still_finds_the_person(kb: ActorKB) -> None:
    person = kb.titled_person("Laurent Gbago", "president", None, None)
    assert person is not None and person.name == "Laurent Gbagbo"
    assert kb.near_short_forms("Xi") == []


def test_every_code_in_the_data_is_a_known_country_or_international(kb: ActorKB) -> None:
    known = set(kb.countries) | {"IGO", "NGO", "IMG"}
    assert {p.country for p in kb.people.values()} <= known
    assert {t.country for terms in kb.terms.values() for t in terms} <= known
    assert set(kb.places.values()) <= known
    assert {e.country for entries in kb.aliases.values() for e in entries if e.country} <= known


def test_every_person_has_a_term(kb: ActorKB) -> None:
    assert all(kb.terms.get(kb_id) for kb_id in kb.people)


def test_g20_heads_are_covered_for_a_recent_date(kb: ActorKB) -> None:
    day = dt.date(2024, 1, 15)
    g20 = [
        "ARG",
        "AUS",
        "BRA",
        "CAN",
        "CHN",
        "FRA",
        "DEU",
        "IND",
        "IDN",
        "ITA",
        "JPN",
        "KOR",
        "MEX",
        "RUS",
        "SAU",
        "ZAF",
        "TUR",
        "GBR",
        "USA",
    ]
    missing = [code for code in g20 if kb.holder(code, "leader", day) is None]
    assert missing == []
    for code in ("USA", "RUS", "CHN", "JPN", "KOR", "UKR", "ISR", "IRN", "GBR", "FRA", "DEU"):
        assert kb.holder(code, "foreign minister", day) is not None, code


def test_broken_word_list_is_reported(tmp_path: Path) -> None:
    for item in DEFAULT_PATH.iterdir():
        (tmp_path / item.name).write_bytes(item.read_bytes())
    (tmp_path / "words.yaml").write_text("honorifics: [Mr.]\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match="lacks"):
        ActorKB.load(tmp_path)
