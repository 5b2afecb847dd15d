"""The scraped example article of the demo corpus, coded end to end.

Each test is one expectation a reader has of the article: who did what to whom, its
status, who says so, and when.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tidings.analyze import analyze_file
from tidings.output import result_json

EXAMPLE = (
    Path(__file__).resolve().parents[1] / "src/tidings/demo/corpus/scraped/putin-visit-expected.txt"
)


@pytest.fixture(scope="module")
def coded(resources: Any) -> dict[str, Any]:
    result = analyze_file(str(EXAMPLE), resources.config, resources=resources)
    return result_json(result)


def _countries(actors: list[dict[str, Any]]) -> set[str]:
    return {a["country"] for a in actors if a.get("country")}


def _events(coded: dict[str, Any], src: str, tgt: str, *types: str) -> list[dict[str, Any]]:
    return [
        e
        for e in coded["events"]
        if src in _countries(e["source"])
        and tgt in _countries(e["target"])
        and (not types or e["type"] in types)
    ]


def _names(att: list[dict[str, Any]]) -> str:
    parts = []
    for a in att:
        parts.append(
            str((a.get("source") or {}).get("name") or (a.get("source") or {}).get("text"))
        )
        parts += [str(v.get("name") or v.get("text")) for v in a.get("via") or []]
    return " | ".join(parts)


def test_example_article_metadata(coded: dict[str, Any]) -> None:
    art = coded["article"]
    assert art["title"].startswith("Kim Jong Un Hails Growing Ties")
    assert art["author"] == "Hannah Cole"
    assert art["published"].startswith("2024-06-12")
    assert "author-image" not in art["text"] and "New Update" not in art["text"]
    assert len(art["summary"]) == 3


def test_example_offsets_point_at_the_evidence(coded: dict[str, Any]) -> None:
    text = coded["article"]["text"]
    for record in coded["events"] + coded["claims"]:
        ev = record["evidence"]
        assert text[ev["start"] : ev["end"]] == ev["sentence"]
        trig = ev.get("trigger")
        if trig:
            assert text[trig["start"] : trig["end"]] == trig["text"]
    for e in coded["events"]:
        for actor in e["source"] + e["target"]:
            if actor["start"] >= 0:
                assert text[actor["start"] : actor["end"]] == actor["text"]


def test_example_praise_is_asserted_per_kcna_on_publication_day(coded: dict[str, Any]) -> None:
    praise = _events(coded, "PRK", "RUS", "SUPPORT")
    assert praise, "praise of ties PRK -> RUS not coded"
    e = praise[0]
    assert e["status"] == "asserted"
    assert "KCNA" in _names(e["attribution"]) or "Korean Central News Agency" in _names(
        e["attribution"]
    )
    assert e["date"]["start"] == e["date"]["end"] == "2024-06-12"


def test_example_putin_visit_is_planned_next_week_per_nhk_and_newspaper(
    coded: dict[str, Any],
) -> None:
    visits = [e for e in _events(coded, "RUS", "PRK", "CONSULT") if e["status"] == "planned"]
    assert visits, "planned visit RUS -> PRK not coded"
    nhk = [e for e in visits if "NHK" in _names(e["attribution"])]
    assert nhk, "planned visit not attributed to NHK"
    e = nhk[0]
    kinds = {a["kind"] for a in e["attribution"]}
    assert "anonymous" in kinds
    assert "newspaper" in _names(e["attribution"]).lower()
    assert "2024-06-17" <= e["date"]["start"] <= e["date"]["end"] <= "2024-06-23"


def test_example_kremlin_says_visit_in_the_pipeline(coded: dict[str, Any]) -> None:
    peskov = [
        c
        for c in coded["claims"]
        if c["claimant"] and "Peskov" in (c["claimant"].get("name") or "")
    ]
    assert peskov and peskov[0]["claimant"]["country"] == "RUS"
    event_ids = {e["id"]: e for e in coded["events"]}
    about = event_ids.get(peskov[0]["event_id"])
    assert about is not None and about["status"] == "planned"


def test_example_arms_supply_alleged_by_usa_and_kor_denied_by_both(coded: dict[str, Any]) -> None:
    supply = [e for e in _events(coded, "PRK", "RUS") if e["status"] == "alleged"]
    assert supply, "alleged arms supply PRK -> RUS not coded"
    ids = {e["id"] for e in supply}
    allegers = {
        (c["claimant"] or {}).get("country")
        for c in coded["claims"]
        if c["kind"] == "allegation" and c["event_id"] in ids
    }
    assert {"USA", "KOR"} <= allegers
    deniers = {
        (c["claimant"] or {}).get("country")
        for c in coded["claims"]
        if c["kind"] == "denial" and c["event_id"] in ids
    }
    assert {"PRK", "RUS"} <= deniers


def test_example_containers_claimed_by_the_defense_minister(coded: dict[str, Any]) -> None:
    claims = [
        c
        for c in coded["claims"]
        if c["claimant"] and (c["claimant"].get("name") or "").startswith("Shin Won")
    ]
    assert claims
    claimant = claims[0]["claimant"]
    assert claimant["country"] == "KOR" and claimant["role"] == "defense minister"
    quantities = [q for c in claims for q in c["quantities"]] + [
        q
        for e in coded["events"]
        if e["id"] in {c["event_id"] for c in claims}
        for q in e["quantities"]
    ]
    assert any(
        q["value"] == 7000 and q["unit"] == "containers" and q["approximate"] for q in quantities
    )


def test_example_balloons_and_broadcasts_are_material_conflict(coded: dict[str, Any]) -> None:
    balloons = _events(coded, "PRK", "KOR")
    broadcasts = _events(coded, "KOR", "PRK")
    assert any(e["quad_class"] == 4 for e in balloons), "balloons PRK -> KOR"
    assert any(e["quad_class"] == 4 for e in broadcasts), "broadcasts KOR -> PRK"


def test_example_summits_are_dated_and_placed(coded: dict[str, Any]) -> None:
    meetings = [
        e
        for e in coded["events"]
        if e["type"] == "CONSULT" and {"PRK", "RUS"} <= _countries(e["source"] + e["target"])
    ]
    by_month = {(e["date"] or {}).get("start", "")[:7]: e for e in meetings}
    assert "2019-04" in by_month, "Vladivostok summit not dated April 2019"
    assert "2023-09" in by_month, "spaceport summit not dated September 2023"
    vladivostok = by_month["2019-04"]
    assert any(p["name"] == "Vladivostok" and p["country"] == "RUS" for p in vladivostok["places"])
    assert by_month["2019-04"]["date"]["precision"] == "month"
