"""Claims: one per claimant and attribution act, pointing at the event the cue governs."""

from __future__ import annotations

from tidings.ids import record_id

from .conftest import Analyse

ACTORS = {
    "Ruritania": {"sector": "government", "country": "RUR"},
    "Borduria": {"sector": "government", "country": "BOR"},
    "Graustark": {"sector": "government", "country": "GRA"},
    "Elbonia": {"sector": "government", "country": "ELB"},
    "Elbonian defense minister": {
        "sector": "government",
        "country": "ELB",
        "role": "defense minister",
    },
}


def test_allegation_by_two_claimants_gives_two_claims(analyse: Analyse) -> None:
    text = "Graustark and Elbonia believe Borduria sends rockets to Ruritania."
    result = analyse(text, ["sends@Borduria"], ACTORS)
    claims = result.claims_of("allegation")
    assert sorted(c.claimant.country for c in claims if c.claimant) == ["ELB", "GRA"]
    assert all(c.event_id == "e-sends" for c in claims)
    assert result.events["sends"].status == "alleged"
    assert len({c.id for c in claims}) == 2


def test_denial_points_at_the_alleged_event(analyse: Analyse) -> None:
    text = (
        "Ruritania has fought Borduria for years. Elbonia says Borduria ships drones to "
        "Ruritania. Borduria and Ruritania buy fuel abroad. "
        "Both countries have denied allegations of drone transfers."
    )
    result = analyse(text, ["ships@Borduria", "transfers"], ACTORS)
    assert result.events["transfers"].status == "alleged"
    denials = result.claims_of("denial")
    on_transfers = [c for c in denials if c.event_id == "e-transfers"]
    assert sorted(c.claimant.country for c in on_transfers if c.claimant) == ["BOR", "RUR"]
    # "allegations" points back at what Elbonia said: the shipments get the denials too
    on_ships = [c for c in denials if c.event_id == "e-ships"]
    assert sorted(c.claimant.country for c in on_ships if c.claimant) == ["BOR", "RUR"]
    assert {c.event_id for c in denials} == {"e-transfers", "e-ships"}
    assert all(
        c.evidence.trigger is not None and "denied" in c.evidence.trigger.text for c in denials
    )


def test_minister_claim_carries_its_quantity(analyse: Analyse) -> None:
    text = (
        "In April the Elbonian defense minister claimed Borduria had shipped about 4,500 "
        "crates of shells."
    )
    result = analyse(text, ["shipped@Borduria"], ACTORS)
    (claim,) = result.claims_of("allegation")
    assert claim.claimant is not None and claim.claimant.role == "defense minister"
    assert claim.event_id == "e-shipped"
    (qty,) = claim.quantities
    assert qty.value == 4500
    assert qty.unit == "crates"
    assert qty.approximate
    assert result.text[qty.start : qty.end] == qty.text == "about 4,500 crates"


def test_claim_id_is_built_from_its_defining_fields(analyse: Analyse) -> None:
    text = "Elbonia confirmed that Borduria had withdrawn its troops."
    result = analyse(text, ["withdrawn@Borduria"], ACTORS)
    (claim,) = result.claims_of("confirmation")
    assert claim.evidence.trigger is not None
    expected = record_id(
        "c", "atest", claim.evidence.trigger.start, "Elbonia", "e-withdrawn", "confirmation"
    )
    assert claim.id == expected
    assert result.events["withdrawn"].status == "confirmed"


def test_report_by_an_outlet_is_a_report_claim_with_via(analyse: Analyse) -> None:
    actors = {"Radio Zenda": {"sector": "media", "kb_id": "media:zenda"}}
    text = "Rebels took the airport, Radio Zenda said, citing anonymous officials."
    result = analyse(text, ["took"], actors)
    (claim,) = result.claims
    assert claim.kind == "report"
    assert claim.claimant is not None and claim.claimant.text == "anonymous officials"
    assert [v.text for v in claim.via] == ["Radio Zenda"]


def test_statement_without_a_coded_event_has_no_event_id(analyse: Analyse) -> None:
    result = analyse("Elbonia said the weather was fine.", [], ACTORS)
    (claim,) = result.claims
    assert claim.kind == "statement"
    assert claim.event_id is None


def test_unnamed_report_is_a_claim_without_claimant(analyse: Analyse) -> None:
    result = analyse("It was reported that rebels had seized the mine.", ["seized"], ACTORS)
    (claim,) = result.claims
    assert claim.kind == "report"
    assert claim.claimant is None
    assert claim.event_id == "e-seized"
    assert result.events["seized"].status == "reported"


def test_accusation_points_at_the_charge_not_the_accused(analyse: Analyse) -> None:
    result = analyse("Elbonia accused Borduria of shelling the port.", ["shelling"], ACTORS)
    (claim,) = result.claims_of("allegation")
    assert claim.event_id == "e-shelling"
    assert claim.claimant is not None and claim.claimant.country == "ELB"
    assert result.events["shelling"].status == "alleged"


def test_coordinated_events_are_each_claimed_with_their_own_figures(analyse: Analyse) -> None:
    text = (
        "The Elbonian defense minister claimed that Borduria had shipped about 4,500 crates of "
        "shells to Ruritania and had received more than 80 tanks in return."
    )
    result = analyse(text, ["shipped@Borduria", "received@Borduria"], ACTORS)
    claims = {c.event_id: c for c in result.claims_of("allegation")}
    assert set(claims) == {"e-shipped", "e-received"}
    assert [q.value for q in claims["e-shipped"].quantities] == [4500]
    assert [q.value for q in claims["e-received"].quantities] == [80]
    assert result.events["received"].status == "alleged"
