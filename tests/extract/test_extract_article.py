"""extract_article: metadata precedence, paragraphs, language, rejects, HTML edge cases."""

from __future__ import annotations

import pytest

from tidings.config import Config
from tidings.errors import RejectedInput
from tidings.extract import extract_article
from tidings.ingest.formats import record_document
from tidings.records import RawDocument

BODY = (
    "The regional assembly voted on Thursday to extend the fishing ban in the bay for "
    "another two years, citing low stocks of cod and herring."
)
PAGE = f"""<html><head><title>Fishing ban extended | Bay News</title>
<meta property="og:site_name" content="Bay News">
<meta name="author" content="Ines Okafor">
<meta property="article:published_time" content="2024-05-30">
</head><body><nav><a href="/">Home</a><a href="/local">Local</a></nav>
<article><h1>Fishing ban extended</h1><p>{BODY}</p>
<p>Fishermen&#39;s groups said they would appeal.   The   decision takes effect in July.</p>
</article><footer>Contact us</footer></body></html>"""


def _raw(content: str, fmt: str, **meta: str) -> RawDocument:
    return RawDocument(id="a0", origin="test", format=fmt, content=content, **meta)


def test_html_page_metadata_and_clean_paragraphs() -> None:
    article = extract_article(_raw(PAGE, "html", url="https://bay.example/n/1"), Config())

    assert article.title == "Fishing ban extended"
    assert article.author == "Ines Okafor"
    assert article.published == "2024-05-30"
    assert article.source == "Bay News"
    assert article.url == "https://bay.example/n/1"
    assert article.extractor == "trafilatura"
    assert article.id == "a0"
    assert article.text.split("\n\n") == [
        BODY,
        "Fishermen's groups said they would appeal. The decision takes effect in July.",
    ]


def test_container_metadata_wins_and_page_fills_the_gaps() -> None:
    raw = _raw(PAGE, "warc", url="https://bay.example/n/1", title="Ban on fishing extended")
    raw.published = "Fri, 31 May 2024 06:00:00 +0000"
    article = extract_article(raw, Config())

    assert article.title == "Ban on fishing extended"  # container wins
    assert article.published == "2024-05-31T06:00:00+00:00"  # container wins, normalised
    assert article.author == "Ines Okafor"  # page fills the gap
    assert article.format == "warc"


def test_json_record_with_text_is_plain_text_with_its_fields_as_metadata() -> None:
    raw = record_document(
        {
            "title": "Assembly extends fishing ban",
            "text": f"Assembly extends fishing ban\nShare\n{BODY}\nAdvertisement",
            "published": "May 30, 2024",
            "source": "Bay Wire",
            "url": "https://wire.example/1",
        },
        origin="d.jsonl:1",
    )
    assert isinstance(raw, RawDocument)
    article = extract_article(raw, Config())

    assert article.text == BODY
    assert (article.title, article.source, article.published) == (
        "Assembly extends fishing ban",
        "Bay Wire",
        "2024-05-30",
    )
    assert article.extractor == "plaintext"


def test_page_without_a_date_in_metadata_is_dated_from_the_page() -> None:
    page = (
        "<html><body><article><h1>Quay repaired</h1><p class='date'>June 4, 2024</p>"
        f"<p>{BODY}</p><p>{BODY}</p></article></body></html>"
    )
    article = extract_article(_raw(page, "html"), Config())
    assert article.published == "2024-06-04"


def test_html_cut_mid_tag_still_extracts_its_text() -> None:
    cut = PAGE[: PAGE.index("would appeal") + 5]
    article = extract_article(_raw(cut, "html"), Config())
    assert BODY in article.text


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title>Only a title</title></head><body><nav>Home</nav></body></html>",
        "<html><body><script>var x = 1;</script><div class='share'>Share</div></body></html>",
    ],
)
def test_page_without_text_raises_no_text(page: str) -> None:
    with pytest.raises(RejectedInput) as info:
        extract_article(_raw(page, "html"), Config())
    assert info.value.reason == "no-text"
    assert info.value.detail


def test_entities_and_stray_tags_are_removed_from_plain_text() -> None:
    text = (
        "Talks continue\n\nThe envoys met again on Friday &amp; agreed to &quot;keep "
        "talking&quot;,   officials said.<br>\n\nA further round is planned&nbsp;for July."
    )
    article = extract_article(_raw(text, "text"), Config())
    assert article.text == (
        'The envoys met again on Friday & agreed to "keep talking", officials said.'
        "\n\nA further round is planned for July."
    )


def test_feed_fragment_keeps_its_paragraphs() -> None:
    fragment = f"<p>{BODY}</p><p>The ban covers the inner bay only.</p>"
    article = extract_article(_raw(fragment, "feed", title="Fishing ban"), Config())
    assert article.text.split("\n\n") == [BODY, "The ban covers the inner bay only."]


def test_non_english_article_is_marked_with_its_language() -> None:
    text = (
        "Regierung verlängert Fangverbot\n\nDie Regionalversammlung hat am Donnerstag "
        "beschlossen, das Fangverbot in der Bucht um zwei weitere Jahre zu verlängern, weil "
        "die Bestände an Kabeljau und Hering niedrig sind."
    )
    article = extract_article(_raw(text, "text"), Config())
    assert article.language == "de"


def test_dateline_agency_becomes_the_source_and_leaves_the_body() -> None:
    text = (
        "Envoys meet in Geneva\n\nGENEVA, June 6 (AFP) — Envoys from the two neighbours met "
        "on Thursday for the first time in a year, diplomats said."
    )
    article = extract_article(_raw(text, "text"), Config())
    assert article.source == "AFP"
    assert article.text.startswith("Envoys from the two neighbours met on Thursday")


def test_whitespace_only_text_raises_no_text() -> None:
    with pytest.raises(RejectedInput) as info:
        extract_article(_raw("Share\n\nAdvertisement\n\nFollow us on X", "text"), Config())
    assert info.value.reason == "no-text"


def test_page_without_text_is_rejected_in_a_batch_and_the_others_go_on() -> None:
    from tidings.pipeline import extract_batch

    empty_page = _raw("<html><body><nav>Home</nav><footer>Contact</footer></body></html>", "html")
    empty_page.id, empty_page.origin = "a1", "empty.html"
    articles, rejects = extract_batch([_raw(PAGE, "html"), empty_page], Config())
    assert [a.id for a in articles] == ["a0"]
    assert [(r.reason, r.stage, r.document_id) for r in rejects] == [("no-text", "extract", "a1")]
