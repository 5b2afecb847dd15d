"""The fusion rules one by one, on events and texts written for them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tidings.fusion import FusionSettings
from tidings.fusion.cluster import components
from tidings.fusion.duplicates import duplicate_groups, shingles, signature, similarity
from tidings.fusion.graph import DisjointSets
from tidings.fusion.keys import event_keys, pairs, window
from tidings.fusion.ledger import CANCEL_CUES, build, outlet_of
from tidings.output import date_label

S = FusionSettings()
D = dt.date


def _event(eid: str = "e1", article: str = "a1", **fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": eid,
        "article_id": article,
        "type": "CONSULT",
        "mode": "visit",
        "status": "asserted",
        "source_countries": ["RUS"],
        "target_countries": ["PRK"],
        "date_start": "2024-06-19",
        "date_end": "2024-06-19",
        "date_precision": "day",
        "date_rule": "weekday@parse",
        "quad_class": 1,
        "goldstein": 1.0,
        "sentence": "A sentence.",
        "sentence_start": 0,
        "sentence_end": 11,
        "attribution": "[]",
    }
    base.update(fields)
    return base


# -- keys -------------------------------------------------------------------------------


def test_meetings_match_in_either_direction_other_types_do_not() -> None:
    assert pairs("CONSULT", ["PRK"], ["RUS"]) == pairs("CONSULT", ["RUS"], ["PRK"])
    assert pairs("AID", ["PRK"], ["RUS"]) != pairs("AID", ["RUS"], ["PRK"])


def test_joint_actors_of_a_meeting_form_a_pair() -> None:
    # "Chile and Argentina will hold talks": both on the source side
    assert pairs("CONSULT", ["CHL", "ARG"], []) == [("ARG", "CHL")]


def test_a_missing_side_only_matches_a_missing_side() -> None:
    assert pairs("THREATEN", ["PRK"], []) == [("PRK", "")]
    assert pairs("THREATEN", [], []) == []


def test_undated_done_report_reaches_a_few_days_back() -> None:
    e = _event(date_rule="publication-date", date_start="2024-06-19", date_end="2024-06-19")
    assert window(e, D(2024, 6, 19), S) == (D(2024, 6, 16), D(2024, 6, 19), False)


def test_undated_allegation_covers_the_claim_window() -> None:
    e = _event(type="AID", status="alleged", date_rule="publication-date")
    lo, hi, _ = window(e, D(2024, 6, 19), S)
    assert (hi - lo).days == S.claim_window_days and hi == D(2024, 6, 19)


def test_undated_denial_also_reaches_forward_to_plans() -> None:
    e = _event(status="negated", date_rule="publication-date")
    _, hi, _ = window(e, D(2024, 6, 19), S)
    assert hi == D(2024, 6, 19) + dt.timedelta(days=S.plan_horizon_days)


def test_open_plan_reaches_the_plan_horizon() -> None:
    e = _event(status="planned", date_start="2024-05-24", date_end="9999-12-31")
    assert window(e, D(2024, 5, 24), S) == (D(2024, 5, 24), D(2024, 7, 23), False)


def test_coarse_dates_only_match_the_same_interval() -> None:
    e = _event(date_start="2019-01-01", date_end="2019-12-31", date_precision="year")
    keys = event_keys(e, D(2024, 6, 11), S)
    assert keys[0].key.endswith("|2019-01-01..2019-12-31")


def test_event_without_countries_or_date_gets_an_empty_key() -> None:
    e = _event(source_countries=[], target_countries=[])
    assert [k.key for k in event_keys(e, D(2024, 6, 1), S)] == [""]


# -- components -------------------------------------------------------------------------


def test_chained_overlaps_join_and_gaps_split() -> None:
    rows = []
    for eid, start, end in (
        ("a", D(2024, 1, 1), D(2024, 1, 5)),
        ("b", D(2024, 1, 5), D(2024, 1, 9)),
        ("c", D(2024, 1, 10), D(2024, 1, 10)),  # one day after b's end: within tolerance
        ("d", D(2024, 1, 20), D(2024, 1, 20)),
    ):
        rows += event_rows(eid, start, end)
    groups = sorted(map(sorted, components(rows, 1)))
    assert groups == [["a", "b", "c"], ["d"]]


def event_rows(eid: str, lo: dt.date, hi: dt.date, key: str = "AID|PRK|RUS") -> list[Any]:
    from tidings.fusion.keys import KeyRow

    return [KeyRow(eid, "a" + eid, key, lo, hi)]


def test_components_do_not_depend_on_order() -> None:
    rows = []
    for i in range(30):
        day = D(2024, 1, 1) + dt.timedelta(days=(i * 7) % 45)
        rows += event_rows(f"e{i:02d}", day, day, key=f"AID|X|{i % 3}")
    forward = sorted(map(sorted, components(rows, 1)))
    backward = sorted(map(sorted, components(list(reversed(rows)), 1)))
    assert forward == backward


def test_an_event_with_two_keys_joins_both_groups() -> None:
    day = D(2024, 3, 1)
    rows = event_rows("x", day, day, "CONSULT|PRK|RUS") + event_rows(
        "x", day, day, "CONSULT|RUS|VNM"
    )
    rows += event_rows("p", day, day, "CONSULT|PRK|RUS") + event_rows(
        "v", day, day, "CONSULT|RUS|VNM"
    )
    assert sorted(map(sorted, components(rows, 0))) == [["p", "v", "x"]]


def test_disjoint_sets_group_in_first_seen_order() -> None:
    sets: DisjointSets[str] = DisjointSets(["a", "b", "c"])
    sets.union("c", "a")
    assert sets.groups() == [["a", "c"], ["b"]]


# -- duplicates -------------------------------------------------------------------------

BODY = (
    "The port authority said on Monday that two cargo ships collided near the northern "
    "breakwater in thick fog, spilling a small amount of diesel into the harbour. Crews "
    "contained the spill within hours and nobody was hurt, the authority said, adding that "
    "an inquiry would look at the radar logs of both ships."
)


def test_a_lightly_edited_copy_is_similar_and_another_text_is_not() -> None:
    copy = BODY.replace("on Monday", "on Monday morning").replace("thick fog", "dense fog")
    other = (
        "Farmers in the valley began the grape harvest a week early after a dry summer, "
        "and growers expect a smaller but sweeter crop than last year, the cooperative said."
    )
    a, b, c = signature(BODY), signature(copy), signature(other)
    assert a is not None and b is not None and c is not None
    assert similarity(a, b) >= S.duplicate_threshold
    assert similarity(a, c) < 0.2


def test_signatures_are_the_same_in_every_process() -> None:
    a, b = signature(BODY), signature(BODY)
    assert a is not None and b is not None and list(a) == list(b)


def test_short_and_empty_texts() -> None:
    assert shingles("two words") == {b"two words"}
    assert signature("  ") is None


def test_copy_groups_merge_through_a_shared_member() -> None:
    groups = duplicate_groups([("b", "c")], [["a", "b"], ["x", "y"]])
    assert sorted(groups) == [["a", "b", "c"], ["x", "y"]]


# -- ledger -----------------------------------------------------------------------------


def _articles(*rows: tuple[str, str, str]) -> dict[str, dict[str, Any]]:
    return {
        aid: {"id": aid, "published": pub, "source": outlet, "url": None, "duplicate_of": None}
        for aid, pub, outlet in rows
    }


def test_a_denial_by_a_party_contests_an_allegation() -> None:
    events = {
        "e1": _event(
            "e1",
            "a1",
            type="AID",
            status="alleged",
            source_countries=["IRN"],
            target_countries=["VEN"],
        ),
        "e2": _event(
            "e2",
            "a2",
            type="AID",
            status="alleged",
            source_countries=["IRN"],
            target_countries=["VEN"],
        ),
    }
    claims = {
        "e1": [
            {
                "id": "c1",
                "kind": "allegation",
                "claimant_name": "United States",
                "claimant_country": "USA",
            }
        ],
        "e2": [{"id": "c2", "kind": "denial", "claimant_name": "Iran", "claimant_country": "IRN"}],
    }
    arts = _articles(("a1", "2025-04-02", "Paper A"), ("a2", "2025-04-05", "Paper B"))
    h = build(["e2", "e1"], events, claims, arts, D(2025, 4, 5), S)
    assert h.row["status"] == "contested" and h.row["contested"]
    assert [e.kind for e in h.entries] == ["allegation", "denial"]
    assert h.row["independent_sources"] == 1  # a denial is no support


def test_a_denial_by_a_third_party_does_not_contest() -> None:
    events = {
        "e1": _event(
            "e1",
            "a1",
            type="AID",
            status="alleged",
            source_countries=["IRN"],
            target_countries=["VEN"],
        ),
    }
    claims = {
        "e1": [
            {
                "id": "c1",
                "kind": "allegation",
                "claimant_name": "United States",
                "claimant_country": "USA",
            },
            {"id": "c2", "kind": "denial", "claimant_name": "France", "claimant_country": "FRA"},
        ]
    }
    h = build(["e1"], events, claims, _articles(("a1", "2025-04-02", "Paper A")), None, S)
    assert not h.row["contested"] and h.row["status"] == "alleged"


def test_plan_without_report_is_pending_until_its_window_passes() -> None:
    events = {
        "e1": _event(
            "e1",
            "a1",
            status="planned",
            date_start="2025-02-01",
            date_end="2025-02-28",
            date_precision="month",
        )
    }
    arts = _articles(("a1", "2025-01-10", "Paper A"))
    assert build(["e1"], events, {}, arts, D(2025, 2, 20), S).row["plan_outcome"] == "pending"
    assert build(["e1"], events, {}, arts, D(2025, 3, 1), S).row["plan_outcome"] == "unobserved"


def test_a_reversed_visit_does_not_date_the_visit() -> None:
    events = {
        "e1": _event("e1", "a1", date_start="2024-06-18", date_end="2024-06-18"),
        "e2": _event("e2", "a2", date_start="2024-06-18", date_end="2024-06-18"),
        "e3": _event(
            "e3",
            "a3",
            source_countries=["PRK"],
            target_countries=["RUS"],
            date_start="2024-06-15",
            date_end="2024-06-15",
            date_rule="publication-date",
        ),
    }
    arts = _articles(
        ("a1", "2024-06-19", "A"), ("a2", "2024-06-19", "B"), ("a3", "2024-06-15", "C")
    )
    h = build(["e1", "e2", "e3"], events, {}, arts, None, S)
    assert (h.row["source_countries"], h.row["target_countries"]) == (["RUS"], ["PRK"])
    assert h.row["date_start"] == "2024-06-18"


def test_cancellation_cues() -> None:
    for text in (
        "has postponed his visit",
        "the talks were called off",
        "cancelled the trip",
        "shelved plans",
    ):
        assert CANCEL_CUES.search(text), text
    assert not CANCEL_CUES.search("did not visit")


def test_outlet_falls_back_to_host_then_file() -> None:
    assert outlet_of({"source": " Wire ", "url": None}) == "Wire"
    assert outlet_of({"source": None, "url": "https://www.example.org/a"}) == "example.org"
    assert (
        outlet_of({"source": None, "url": None, "origin": "corpus/x/story.txt"})
        == "unnamed (story.txt)"
    )


def test_open_ended_dates_read_after() -> None:
    assert date_label("2024-06-12", "9999-12-31") == "after 2024-06-12"
    assert date_label("2024-06-17", "2024-06-23") == "2024-06-17..2024-06-23"
    assert date_label("2024-06-17", "2024-06-17") == "2024-06-17"
    assert date_label(None, None) == "?"


def _soft(eid: str, lo: dt.date, hi: dt.date, anchor: dt.date, direction: str = "") -> Any:
    from tidings.fusion.keys import KeyRow

    return KeyRow(eid, "a" + eid, "CONSULT|CHN|USA", lo, hi, True, anchor, direction)


def _hard(eid: str, day: dt.date, direction: str = "") -> Any:
    from tidings.fusion.keys import KeyRow

    return KeyRow(eid, "a" + eid, "CONSULT|CHN|USA", day, day, False, day, direction)


def test_a_guessed_window_never_bridges_two_dated_meetings() -> None:
    # two meetings a month apart, and an undated plan whose horizon covers both
    rows = [
        _hard("m1", D(2024, 3, 1)),
        _hard("m2", D(2024, 4, 1)),
        _soft("plan", D(2024, 2, 20), D(2024, 4, 20), D(2024, 2, 20)),
    ]
    groups = sorted(map(sorted, components(rows, 1)))
    assert groups == [["m1", "plan"], ["m2"]]  # the plan joins the first meeting after it


def test_an_allegation_joins_the_latest_dated_group_before_it() -> None:
    rows = [
        _hard("m1", D(2024, 3, 1)),
        _hard("m2", D(2024, 4, 1)),
        _soft("claim", D(2024, 2, 20), D(2024, 4, 20), D(2024, 4, 20)),
    ]
    assert sorted(map(sorted, components(rows, 1))) == [["claim", "m2"], ["m1"]]


def test_guessed_windows_alone_group_by_overlap() -> None:
    rows = [
        _soft("a", D(2024, 2, 1), D(2024, 4, 1), D(2024, 4, 1)),
        _soft("b", D(2024, 3, 1), D(2024, 5, 1), D(2024, 5, 1)),
        _soft("c", D(2024, 9, 1), D(2024, 11, 1), D(2024, 11, 1)),
    ]
    assert sorted(map(sorted, components(rows, 1))) == [["a", "b"], ["c"]]


def test_a_planned_visit_does_not_join_a_visit_the_other_way() -> None:
    rows = [
        _hard("back", D(2024, 6, 10), direction="CHN>USA"),
        _hard("trip", D(2024, 6, 19), direction="USA>CHN"),
        _soft("plan", D(2024, 5, 24), D(2024, 7, 23), D(2024, 5, 24), direction="USA>CHN"),
    ]
    assert sorted(map(sorted, components(rows, 1))) == [["back"], ["plan", "trip"]]
