"""Status, attribution and claims through the whole pipeline (``analyze_text``)."""

from __future__ import annotations

import pytest

from tidings.records import ArticleResult, Event

ARTICLE = """\
North Korean leader Kim Jong Un hailed his country's ties with Russia on Wednesday, state \
news agency KCNA reported.

Russian President Vladimir Putin is expected to visit Pyongyang as early as next week, \
Japan's NHK reported, citing unidentified diplomatic sources.

Washington, Seoul and their allies believe North Korea supplies artillery shells and \
missiles to Russia.

Both countries have denied allegations of arms transfers. In March, South Korea's defense \
minister claimed the North had shipped about 7,000 containers of munitions to Russia.
"""


@pytest.fixture(scope="module")
def result(resources) -> ArticleResult:
    from tidings.pipeline import analyze_text

    return analyze_text(ARTICLE, resources, published="2024-06-12")


def _event(result: ArticleResult, word: str) -> Event:
    found = [
        e
        for e in result.events
        if e.evidence.trigger is not None and word in e.evidence.trigger.text
    ]
    assert found, f"the event coder did not code {word!r}"
    return found[0]


def test_every_event_gets_a_known_status(result: ArticleResult) -> None:
    from tidings.records import STATUSES

    assert result.events
    assert all(e.status in STATUSES for e in result.events)


def test_planned_visit_is_relayed_from_anonymous_sources(result: ArticleResult) -> None:
    visit = _event(result, "visit")
    assert visit.status == "planned"
    anonymous = [a for a in visit.attribution if a.kind == "anonymous"]
    assert anonymous and [v.kb_id or v.text for v in anonymous[0].via] != []


def test_supplies_are_alleged_by_each_claimant(result: ArticleResult) -> None:
    supplies = _event(result, "supplies")
    assert supplies.status == "alleged"
    claimants = {
        c.claimant.country
        for c in result.claims
        if c.event_id == supplies.id and c.kind == "allegation" and c.claimant
    }
    assert {"USA", "KOR"} <= claimants


def test_denial_claims_point_at_the_alleged_transfer(result: ArticleResult) -> None:
    alleged = {
        e.id
        for e in result.events
        if e.status == "alleged"
        and e.evidence.trigger is not None
        and any(w in e.evidence.trigger.text for w in ("supplies", "transfers"))
    }
    denials = [c for c in result.claims if c.kind == "denial"]
    assert denials and all(c.event_id in alleged for c in denials)
    assert all(c.claimant is not None and not c.claimant.text.startswith("\n") for c in denials)
    # "both countries": the two countries the article names most
    assert {c.claimant.country for c in denials if c.claimant} == {"PRK", "RUS"}


def test_minister_claim_has_its_figure(result: ArticleResult) -> None:
    claims = [c for c in result.claims if c.kind == "allegation" and c.quantities]
    assert any(q.value == 7000 and q.approximate for c in claims for q in c.quantities)


def test_quotation_going_on_is_the_speaker_not_the_outlet_told(resources) -> None:
    from tidings.pipeline import analyze_text

    text = (
        '"We will not stay silent," Japanese Foreign Minister Yoko Kamikawa told Reuters on '
        'Monday. "North Korea fired missiles at our waters and we will answer."'
    )
    result = analyze_text(text, resources, published="2024-06-12")
    attack = _event(result, "fired")
    speakers = {a.source.text for a in attack.attribution}
    assert speakers and "Reuters" not in speakers
