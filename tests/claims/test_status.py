"""Event status from the parse: one golden sentence (or more) per status."""

from __future__ import annotations

import pytest

from tidings.records import STATUSES

from .conftest import Analyse

CASES = [
    ("Officials confirmed that the rebels had released the hostages.", "released", "confirmed"),
    ("The army acknowledged that its jets struck the depot.", "struck", "confirmed"),
    ("The navy seized a tanker off the coast on Monday.", "seized", "asserted"),
    ("Rebels reportedly shot down a helicopter near the border.", "shot", "reported"),
    ("Police detained dozens of students, local media reported.", "detained", "reported"),
    ("Lee was quoted as saying that the envoys had met.", "met", "reported"),
    ("Washington accused Tehran of arming the militia.", "arming", "alleged"),
    ("The governor allegedly ordered the raid.", "ordered", "alleged"),
    ("Critics believe the regime jailed the reporters.", "jailed", "alleged"),
    ("Moscow denied shelling the port.", "shelling", "denied"),
    ("The ministry denied that troops had fired on the crowd.", "fired", "denied"),
    ("The two leaders will meet in Geneva.", "meet", "planned"),
    ("The president plans to visit the region.", "visit", "planned"),
    ("Both sides agreed to hold talks next month.", "hold", "planned"),
    ("The mayor told residents to leave the island.", "leave", "planned"),
    ("The upcoming summit is in the pipeline.", "summit", "planned"),
    ("The minister is expected to travel to Cairo as early as next week.", "travel", "planned"),
    ("The militia may have attacked the convoy.", "attacked", "speculative"),
    ("Investigators said the blast was possibly caused by a drone.", "caused", "speculative"),
    ("If the talks collapse, the army would invade.", "invade", "hypothetical"),
    ("If the talks collapse, the army would invade.", "collapse", "hypothetical"),
    ("The army did not shell the town.", "shell", "negated"),
    ("The guards never fired on the protesters.", "fired", "negated"),
    ("No troops crossed the frontier.", "crossed", "negated"),
    ("The rebels failed to capture the airport.", "capture", "negated"),
]


@pytest.mark.parametrize(("text", "trigger", "status"), CASES)
def test_status_of_event_follows_the_parse(
    analyse: Analyse, text: str, trigger: str, status: str
) -> None:
    result = analyse(text, [trigger])
    assert result.events[trigger].status == status


def test_every_status_is_covered_by_a_golden_sentence() -> None:
    assert {s for _t, _w, s in CASES} == set(STATUSES)


def test_allegation_inside_a_denial_stays_alleged(analyse: Analyse) -> None:
    result = analyse("Both governments rejected accusations of weapons deliveries.", ["deliveries"])
    assert result.events["deliveries"].status == "alleged"


def test_speaker_on_own_act_is_asserted_but_on_others_is_reported(analyse: Analyse) -> None:
    actors = {
        "The Ruritanian army": {"country": "RUR", "sector": "military"},
        "Ruritanian": {"country": "RUR"},
        "Borduria": {"country": "BOR", "sector": "government"},
    }
    own = analyse("The Ruritanian army said it destroyed two bridges.", ["destroyed@it"], actors)
    other = analyse(
        "The Ruritanian army said Borduria destroyed two bridges.",
        ["destroyed@Borduria"],
        actors,
    )
    assert own.events["destroyed"].status == "asserted"
    assert other.events["destroyed"].status == "reported"


def test_input_events_are_not_modified(analyse: Analyse, nlp) -> None:
    from tidings.claims import assess
    from tidings.pipeline import SentenceContext
    from tidings.records import Article, Event, Evidence, Span

    text = "The army did not shell the town."
    article = Article(
        id="a",
        url=None,
        title=None,
        author=None,
        published=None,
        source=None,
        language="en",
        text=text,
    )
    event = Event(
        id="e1",
        article_id="a",
        type="X",
        mode="",
        cameo=None,
        quad_class=None,
        goldstein=None,
        source=[],
        target=[],
        status="asserted",
        evidence=Evidence(text, 0, len(text), Span("shell", 17, 22)),
    )
    out, _claims = assess(SentenceContext(article=article, doc=nlp(text), offset=0), [event])
    assert out[0].status == "negated"
    assert event.status == "asserted"


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("The ministry called the blockade an act of piracy.", "blockade"),
        ("The governor calls the raids a crime against farmers.", "raids"),
    ],
)
def test_calling_an_act_something_does_not_make_it_a_plan(
    analyse: Analyse, text: str, trigger: str
) -> None:
    result = analyse(text, [trigger])
    assert result.events[trigger].status != "planned"


def test_a_plan_verb_with_a_plain_object_still_makes_a_plan(analyse: Analyse) -> None:
    result = analyse("The council scheduled talks for next month.", ["talks"])
    assert result.events["talks"].status == "planned"


def test_later_on_a_past_tense_verb_is_no_plan(nlp) -> None:  # type: ignore[no-untyped-def]
    from tidings.claims.lexicon import load_lexicon
    from tidings.claims.status import decide_status, read_facts

    doc = nlp("Later on Monday, the crown prince met the envoy in Jeddah.")
    met = next(t for t in doc if t.lower_ == "met")
    assert decide_status(read_facts(met, load_lexicon()))[0] == "asserted"
    doc = nlp("The crown prince will meet the envoy later this week.")
    meet = next(t for t in doc if t.lower_ == "meet")
    assert decide_status(read_facts(meet, load_lexicon()))[0] == "planned"
