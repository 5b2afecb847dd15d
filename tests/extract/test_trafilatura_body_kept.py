"""tidings' cleaning never removes body text trafilatura alone kept; a second pass finds the
text when the first finds nothing; bylines after avatar lines are found (#11)."""

from __future__ import annotations

from typing import Any

import pytest
import trafilatura

from tidings.extract.htmlpage import extract_html
from tidings.extract.plaintext import default_lexicon, parse_scraped_text

_FILLER = (
    "<p>Delegations from Chile and Peru met in Lima on Wednesday to discuss a dispute over "
    "water rights along their shared border, according to officials from both sides.</p>"
    "<p>The talks lasted six hours and ended with a joint statement promising further "
    "meetings before the end of the southern winter, a Peruvian spokeswoman said.</p>"
)


def _page(body: str) -> str:
    return (
        "<html><head><title>Border water talks in Lima</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>Border water talks in Lima</h1>{body}</article>"
        "<footer>Copyright 2025 Andes Wire. All rights reserved.</footer></body></html>"
    )


PAGES = {
    # a short lead paragraph before the first long sentence (was dropped as "header")
    "short lead": _page("<p>The talks went well.</p>" + _FILLER),
    # a subheading of three words or fewer (was dropped as a "minor" line)
    "subheading": _page(_FILLER + "<h2>What comes next</h2>" + _FILLER.replace("Wed", "Thu")),
    # a sentence starting with "By" (was read as a byline and dropped)
    "by sentence": _page(_FILLER + "<p>By then, the delegates had left the capital.</p>"),
}


def _trafilatura_lines(html: str) -> list[str]:
    text = trafilatura.extract(html, favor_precision=True, include_comments=False) or ""
    return [line.strip() for line in text.split("\n") if line.strip()]


@pytest.mark.parametrize("name", sorted(PAGES))
def test_every_line_trafilatura_keeps_is_kept(name: str) -> None:
    html = PAGES[name]
    expected = _trafilatura_lines(html)
    assert expected, "trafilatura keeps the body of the test page"
    out = extract_html(html, "https://andes.example/lima", default_lexicon())
    body = "\n".join(out.paragraphs)
    title = (out.title or "").strip()
    for line in expected:
        if line == title:
            continue
        assert line in body, (line, out.paragraphs)


def test_chrome_and_bylines_still_go() -> None:
    html = _page(
        "<p>By Ana Lima</p><p>Updated on March 5, 2025</p>" + _FILLER + "<p>Advertisement</p>"
    )
    out = extract_html(html, "https://andes.example/lima", default_lexicon())
    body = "\n".join(out.paragraphs)
    assert "Ana Lima" not in body and "Updated on" not in body and "Advertisement" not in body
    assert "water rights" in body


def test_second_pass_when_the_first_finds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    real = trafilatura.bare_extraction

    def precise_finds_nothing(*args: Any, **kwargs: Any) -> Any:
        return None if kwargs.get("favor_precision") else real(*args, **kwargs)

    monkeypatch.setattr(trafilatura, "bare_extraction", precise_finds_nothing)
    out = extract_html(_page(_FILLER), "https://andes.example/lima", default_lexicon())
    assert out.extractor == "trafilatura-recall"
    assert any("water rights" in p for p in out.paragraphs)
    assert out.title == "Border water talks in Lima"


@pytest.mark.parametrize(
    "after",
    [
        "author-image\nNadia Putri",
        "author-image\nNadia Putri | Mar 4, 2025",
        "author-image\nNadia Putri Updated On Mar 4, 2025",
        "author-image\nShare\nNadia Putri",
        "author-image Nadia Putri",
        "avatar\nNadia Putri, Senior Correspondent",
        "Author photo\nBy Nadia Putri",
    ],
)
def test_byline_after_avatar_line(after: str) -> None:
    text = (
        "Fishing Talks Resume\nThe two neighbours want to settle a dispute over fishing grounds "
        f"that has lasted ten years.\n{after}\nOfficials from Indonesia and Malaysia met in "
        "Jakarta on Tuesday to discuss fishing rights, the ministry said."
    )
    out = parse_scraped_text(text)
    assert out.author == "Nadia Putri"
    assert not any("Nadia" in p or "author" in p.lower() for p in out.paragraphs)
    assert len(out.paragraphs) == 2


def test_a_line_about_avatars_is_not_a_marker() -> None:
    line = "Avatar makers said on Monday that sales of their games had doubled in a year."
    out = parse_scraped_text("Games Boom\n" + line)
    assert out.paragraphs == [line] and out.author is None


def test_a_brief_of_one_short_sentence_keeps_its_body() -> None:
    from tidings.extract.plaintext import parse_scraped_text

    out = parse_scraped_text("The ferry ran again on Sunday.", known_title="Ferry back")
    assert out.paragraphs == ["The ferry ran again on Sunday."]
    two = parse_scraped_text("Storm over\nShare\nThe port reopened on Monday.")
    assert two.title == "Storm over" and two.paragraphs == ["The port reopened on Monday."]
