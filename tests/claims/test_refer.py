"""Claims and events that point back at earlier sentences of the article."""

from __future__ import annotations

from spacy.language import Language

from .conftest import Analyse

ACTORS = {
    "Ruritania": {"sector": "government", "country": "RUR", "kb_id": "country:RUR"},
    "Borduria": {"sector": "government", "country": "BOR", "kb_id": "country:BOR"},
    "Elbonia": {"sector": "government", "country": "ELB", "kb_id": "country:ELB"},
    "Graustark": {"sector": "government", "country": "GRA", "kb_id": "country:GRA"},
    "Strelsau": {"sector": "government", "country": "RUR", "kb_id": "capital:RUR"},
    "Radio Zenda": {"sector": "media", "country": "RUR", "kb_id": "media:zenda"},
    "Premier Lind": {
        "sector": "government",
        "country": "BOR",
        "role": "premier",
        "kb_id": "person:lind",
    },
}


def test_denial_of_the_allegations_points_at_the_alleged_events(analyse: Analyse) -> None:
    text = (
        "Elbonia and Graustark believe that Borduria has been selling rifles to Ruritania. "
        "Both Borduria and Strelsau have denied the allegations of weapons transfers."
    )
    result = analyse(text, ["selling@Borduria>Ruritania", "transfers@Borduria"], ACTORS)
    assert result.events["selling"].status == "alleged"
    assert result.events["transfers"].status == "alleged"
    denials = result.claims_of("denial")
    by_event: dict[str | None, set[str]] = {}
    for claim in denials:
        assert claim.claimant is not None
        by_event.setdefault(claim.event_id, set()).add(claim.claimant.text)
    assert by_event == {
        "e-transfers": {"Borduria", "Strelsau"},
        "e-selling": {"Borduria", "Strelsau"},
    }


def test_noun_event_named_only_by_its_deniers_takes_the_earlier_sides(analyse: Analyse) -> None:
    text = (
        "Elbonia says Borduria has been selling rifles to Ruritania. "
        "Both Borduria and Strelsau have denied the allegations of weapons transfers."
    )
    result = analyse(text, ["selling@Borduria>Ruritania", "transfers@Borduria"], ACTORS)
    transfers = result.events["transfers"]
    assert [a.country for a in transfers.source] == ["BOR"]
    assert [a.country for a in transfers.target] == ["RUR"]
    assert transfers.source[0].start < text.index("Both")  # the earlier seller, not the denier


def test_accusations_point_back_at_allegations_rather_than_reports(analyse: Analyse) -> None:
    text = (
        "Elbonia claims Borduria shelled a village in Ruritania. "
        "Radio Zenda reported that Borduria opened a consulate in Graustark. "
        "Borduria denied the accusations of shelling."
    )
    triggers = ["shelled@Borduria>Ruritania", "opened@Borduria", "shelling"]
    result = analyse(text, triggers, ACTORS)
    denials = result.claims_of("denial")
    assert {c.event_id for c in denials} == {"e-shelling", "e-shelled"}


def test_claim_with_content_of_its_own_does_not_point_back(analyse: Analyse) -> None:
    text = (
        "Elbonia says Borduria has been selling rifles to Ruritania. "
        "Ruritania rejected a report that its navy had seized a ship."
    )
    result = analyse(text, ["selling@Borduria>Ruritania", "seized"], ACTORS)
    denials = result.claims_of("denial")
    assert denials and {c.event_id for c in denials} == {"e-seized"}


def test_pronoun_points_back_at_the_latest_claims(analyse: Analyse) -> None:
    text = (
        "Radio Zenda reported that Borduria had closed its embassy in Elbonia. "
        "Premier Lind denied it on Friday."
    )
    result = analyse(text, ["closed@Borduria"], ACTORS)
    (denial,) = result.claims_of("denial")
    assert denial.event_id == "e-closed"
    assert denial.claimant is not None and denial.claimant.country == "BOR"


def test_reporting_outlet_is_no_side_of_the_trip_it_reports(analyse: Analyse) -> None:
    text = (
        "Premier Lind is expected to travel to Strelsau next week. "
        "Elbonia's public broadcaster Radio Zenda reported the planned trip on Monday."
    )
    result = analyse(text, ["travel@Premier Lind>Strelsau", "trip@Elbonia"], ACTORS)
    # "the planned trip" names the travel again: one happening, reported by Radio Zenda
    assert "trip" not in result.events
    travel = result.events["travel"]
    assert [a.text for a in travel.source] == ["Premier Lind"]
    assert [a.text for a in travel.target] == ["Strelsau"]
    assert travel.status == "planned"
    reports = [c for c in result.claims if c.event_id == "e-travel"]
    assert [c.claimant.text for c in reports if c.claimant] == ["Radio Zenda"]


def test_reporting_outlet_sides_are_dropped_when_nothing_earlier_fits(analyse: Analyse) -> None:
    text = "Elbonia's public broadcaster Radio Zenda reported the planned trip on Monday."
    result = analyse(text, ["trip@Elbonia"], ACTORS)
    trip = result.events["trip"]
    assert trip.source == [] and trip.target == []


def test_visit_that_took_place_confirms_the_earlier_planned_visit(analyse: Analyse) -> None:
    text = (
        "Premier Lind will visit Strelsau on Friday. "
        "Ruritania and Borduria later signed a fishing accord. "
        "The visit took place despite the storm."
    )
    result = analyse(text, ["visit@Premier Lind>Strelsau", "signed"], ACTORS)
    assert result.events["visit"].status == "planned"
    (claim,) = result.claims_of("confirmation")
    assert claim.event_id == "e-visit"
    assert claim.claimant is None  # the article's own voice
    assert claim.evidence.trigger is not None and claim.evidence.trigger.text == "took place"


def test_officials_confirming_the_trip_confirm_the_earlier_plan(analyse: Analyse) -> None:
    text = (
        "Premier Lind is expected to travel to Strelsau next week, Radio Zenda reported. "
        "Ruritania confirmed the trip on Tuesday."
    )
    result = analyse(text, ["travel@Premier Lind>Strelsau"], ACTORS)
    (claim,) = result.claims_of("confirmation")
    assert claim.event_id == "e-travel"
    assert claim.claimant is not None and claim.claimant.country == "RUR"


def test_confirmation_that_the_visit_will_happen_points_at_the_plan(analyse: Analyse) -> None:
    text = (
        "Premier Lind plans to visit Strelsau in May. "
        "Ruritania confirmed that the visit will happen."
    )
    result = analyse(text, ["visit@Premier Lind>Strelsau"], ACTORS)
    claims = result.claims_of("confirmation")
    assert [c.event_id for c in claims] == ["e-visit"]


def test_a_visit_still_to_take_place_confirms_nothing(analyse: Analyse) -> None:
    text = "Premier Lind will visit Strelsau on Friday. The visit will take place at noon."
    result = analyse(text, ["visit@Premier Lind>Strelsau"], ACTORS)
    assert result.claims_of("confirmation") == []


def test_event_already_asserted_by_the_article_needs_no_confirmation(analyse: Analyse) -> None:
    text = "Premier Lind visited Strelsau on Friday. The visit took place in the rain."
    result = analyse(text, ["visited@Premier Lind>Strelsau"], ACTORS)
    assert result.claims_of("confirmation") == []


def test_trip_named_again_is_the_earlier_trip(nlp: Language) -> None:
    import dataclasses

    from tidings.claims import assess
    from tidings.pipeline import SentenceContext
    from tidings.records import Actor, Article, DateInfo, Event, Evidence, Span

    first = "Premier Lind is expected to travel to Strelsau next week."
    second = "Radio Zenda reported the planned trip."
    text = f"{first} {second}"
    article = Article(
        id="a",
        url=None,
        title=None,
        author=None,
        published="2024-06-12",
        source=None,
        language="en",
        text=text,
    )
    lind = Actor(text="Premier Lind", country="BOR", kb_id="person:lind", start=0, end=12)
    strelsau = Actor(text="Strelsau", country="RUR", start=38, end=46)
    zenda = Actor(text="Radio Zenda", sector="media", kb_id="media:zenda", start=58, end=69)
    week = DateInfo(start="2024-06-17", end="2024-06-23", precision="week", text="next week")

    def event(word: str, start: int, sentence: str, offset: int, **kw: object) -> Event:
        return Event(
            id=f"e-{word}",
            article_id="a",
            type="CONSULT",
            mode="visit",
            cameo=None,
            quad_class=None,
            goldstein=None,
            source=[],
            target=[],
            status="asserted",
            evidence=Evidence(
                sentence, offset, offset + len(sentence), Span(word, start, start + len(word))
            ),
            **kw,  # type: ignore[arg-type]
        )

    travel = dataclasses.replace(
        event("travel", 28, first, 0),
        source=[lind],
        target=[strelsau],
        status="planned",
        date=week,
    )
    offset = len(first) + 1
    ctx = SentenceContext(
        article=article,
        doc=nlp(second),
        offset=offset,
        actors=[zenda],
        doc_actors=[lind, strelsau, zenda],
        prior_events=[travel],
    )
    events, claims = assess(ctx, [event("trip", text.index("trip"), second, offset)])
    # the trip is the travel named again: no second event, and what is said about it is
    # said about the travel, which keeps its own date
    assert events == []
    assert claims and {c.event_id for c in claims} == {"e-travel"}
    assert travel.date == week


def test_passive_plan_names_no_source_from_the_clause_above(analyse: Analyse) -> None:
    text = "The talks come as Premier Lind is expected to travel to Strelsau next week."
    result = analyse(text, ["travel@Premier Lind>Strelsau"], ACTORS)
    travel = result.events["travel"]
    assert travel.status == "planned"
    assert travel.attribution == []


def test_confirming_that_the_visit_took_place_is_one_confirmation(analyse: Analyse) -> None:
    text = (
        "Premier Lind will visit Strelsau on Friday. "
        "Ruritania confirmed on Saturday that the visit took place."
    )
    result = analyse(text, ["visit@Premier Lind>Strelsau"], ACTORS)
    (claim,) = result.claims_of("confirmation")
    assert claim.event_id == "e-visit"
    assert claim.claimant is not None and claim.claimant.country == "RUR"
    assert claim.evidence.trigger is not None and claim.evidence.trigger.text == "confirmed"


def test_accused_pronoun_is_no_back_reference(analyse: Analyse) -> None:
    text = (
        "Radio Zenda reported that Borduria had closed its embassy in Elbonia. "
        "Ruritania blamed Borduria, accusing it of arming the rebels."
    )
    result = analyse(text, ["closed@Borduria", "arming"], ACTORS)
    assert all(c.event_id != "e-closed" for c in result.claims_of("allegation"))


def test_back_reference_stops_at_the_latest_claims_even_without_an_event(
    analyse: Analyse,
) -> None:
    text = (
        "Elbonia says Borduria ships drones to Ruritania. "
        "Graustark said the harvest was poor. "
        "Ruritania rejected the claims."
    )
    result = analyse(text, ["ships@Borduria>Ruritania"], ACTORS)
    (denial,) = result.claims_of("denial")
    assert denial.event_id is None


def test_pronoun_reaches_back_only_a_sentence_or_two(analyse: Analyse) -> None:
    filler = " ".join(f"Ruritania held fair number {n} in the capital." for n in range(12))
    text = (
        "Radio Zenda reported that Borduria had closed its embassy in Elbonia. "
        f"{filler} Premier Lind denied it."
    )
    result = analyse(text, ["closed@Borduria"], ACTORS)
    (denial,) = result.claims_of("denial")
    assert denial.event_id is None


def test_similar_report_in_a_later_sentence_is_a_report_about_the_same_event(
    analyse: Analyse,
) -> None:
    text = (
        "Premier Lind will visit Strelsau next week, Radio Zenda reported. "
        "A Graustark newspaper carried a similar report on Sunday."
    )
    actors = {**ACTORS, "Graustark": {"country": "GRA"}}
    result = analyse(text, ["visit@Premier Lind>Strelsau"], actors)
    reports = result.claims_of("report")
    assert {c.event_id for c in reports} == {"e-visit"}
    newspaper = [c for c in reports if c.claimant and c.claimant.text.endswith("newspaper")]
    assert len(newspaper) == 1
    assert "back-reference" in newspaper[0].rule
