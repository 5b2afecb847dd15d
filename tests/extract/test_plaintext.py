"""The scraped-text cleaner: units, chrome by shape and vocabulary, bylines, datelines."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.errors import ConfigError
from tidings.extract.language import detect_language
from tidings.extract.plaintext import (
    default_lexicon,
    is_chrome,
    load_chrome_lexicon,
    looks_like_name,
    parse_scraped_text,
    split_units,
)


def test_hard_wrapped_paragraphs_are_joined_and_separate_lines_are_kept() -> None:
    text = (
        "The committee published its report on Friday after a long delay that\n"
        "critics blamed on disagreements among members over the final wording.\n\n"
        "One line paragraph.\nAnother line paragraph that stands alone."
    )
    assert split_units(text) == [
        "The committee published its report on Friday after a long delay that critics "
        "blamed on disagreements among members over the final wording.",
        "One line paragraph.",
        "Another line paragraph that stands alone.",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Share",
        "ADVERTISEMENT",
        "Read more: Why the talks stalled",
        "Follow us on Instagram for daily updates",
        "Photo: City press office",
        "Image credit: handout",
        "© 2024 Some Media Group",
        "Facebook Twitter LinkedIn",
        "• • •",
    ],
)
def test_chrome_lines_are_recognised(line: str) -> None:
    assert is_chrome(line, default_lexicon())


@pytest.mark.parametrize(
    "line",
    [
        "Share prices fell sharply on Monday after the announcement.",
        "Read the statement in full on the ministry's website, officials said.",
        "Photographers gathered outside the embassy.",
    ],
)
def test_article_sentences_are_not_chrome(line: str) -> None:
    assert not is_chrome(line, default_lexicon())


def test_by_line_and_headline_without_blank_line() -> None:
    text = (
        "Rail Strike Called Off\n"
        "By Omar Haddad and Lucy Chen\n"
        "Rail unions called off a planned strike on Tuesday after late-night talks with "
        "the operator, a union official said.\n"
        "Rail Strike Called Off\n"
        "Trains"
    )
    out = parse_scraped_text(text)
    assert out.title == "Rail Strike Called Off"
    assert out.author == "Omar Haddad and Lucy Chen"
    assert out.paragraphs == [
        "Rail unions called off a planned strike on Tuesday after late-night talks with the "
        "operator, a union official said."
    ]


def test_known_title_is_kept_and_its_repeat_dropped() -> None:
    text = "Harbour Plan Approved\nThe harbour plan was approved by the council on Monday evening."
    out = parse_scraped_text(text, known_title="Harbour plan approved")
    assert out.title == "Harbour plan approved"
    assert out.paragraphs == ["The harbour plan was approved by the council on Monday evening."]


def test_caps_dateline_without_agency_is_removed() -> None:
    text = (
        "Border Crossing Reopens\n\nSEOUL: The border crossing reopened on Monday after "
        "three days of closure, officials said."
    )
    out = parse_scraped_text(text)
    assert out.dateline == "SEOUL"
    assert out.paragraphs[0].startswith("The border crossing reopened")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Lee Min-ji", True), ("Anna de Vries", True), ("Share", False), ("June 12, 2024", False)],
)
def test_looks_like_name(text: str, expected: bool) -> None:
    assert looks_like_name(text) is expected


def test_custom_chrome_vocabulary_file(tmp_path: Path) -> None:
    path = tmp_path / "chrome.yaml"
    path.write_text(
        "lines: [bonus]\nprefixes: ['promo:']\nsummary_headers: [recap]\nagencies: [Wire]\n",
        encoding="utf-8",
    )
    lexicon = load_chrome_lexicon(path)
    assert is_chrome("Bonus", lexicon) and is_chrome("promo: half price", lexicon)
    assert not is_chrome("Share", lexicon)
    (tmp_path / "broken.yaml").write_text("lines: [a]\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_chrome_lexicon(tmp_path / "broken.yaml")


def test_language_is_none_for_text_too_short_to_tell() -> None:
    assert detect_language("Ok.") is None
    assert detect_language("Les ministres se sont réunis mardi à Paris pour discuter.") == "fr"
