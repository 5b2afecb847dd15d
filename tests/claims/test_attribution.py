"""Attribution patterns: said, according to, reported, citing, two sources, quotes, pronouns."""

from __future__ import annotations

from spacy.language import Language

from tidings.claims import find_attributions
from tidings.claims.attribution import outermost

from .conftest import Analyse

OUTLETS = {
    "Radio Zenda": {"sector": "media", "country": "RUR", "kb_id": "media:zenda"},
    "The Daily Borduria": {"sector": "media", "country": "BOR", "kb_id": "media:daily"},
}
OFFICIALS = {
    "Interior Minister Anna Varga": {
        "sector": "government",
        "country": "RUR",
        "role": "interior minister",
        "rule": "title+person",
    },
    "Ruritania": {"sector": "government", "country": "RUR"},
    "Borduria": {"sector": "government", "country": "BOR"},
}


def test_said_gives_source_cue_and_content(nlp: Language) -> None:
    rels = find_attributions(nlp("The mayor said the bridge had reopened."))
    assert len(rels) == 1
    rel = rels[0]
    assert rel.source is not None and rel.source.text == "The mayor"
    assert rel.cue.text == "said"
    assert rel.content[0].text == "the bridge had reopened"
    assert rel.content_head is not None and rel.content_head.text == "reopened"


def test_according_to_takes_the_clause_as_content(nlp: Language) -> None:
    rels = find_attributions(nlp("The rebels seized two villages, according to local officials."))
    rel = next(r for r in rels if r.rule == "according-to")
    assert rel.cue.text == "according to"
    assert rel.source is not None and rel.source.text == "local officials"
    assert "seized two villages" in rel.content[0].text


def test_source_after_the_content_in_quotes(nlp: Language) -> None:
    rels = find_attributions(nlp('"We will not give up the port," the admiral said.'))
    assert [r.source.text for r in rels if r.source is not None] == ["the admiral"]
    assert rels[0].content[0].text == "We will not give up the port"


def test_quote_before_a_separate_speech_sentence(nlp: Language) -> None:
    doc = nlp('"The dam is safe. Nobody needs to leave." The engineer said so on Friday.')
    rels = find_attributions(doc)
    assert any("Nobody needs to leave" in r.content[0].text for r in rels)


def test_colon_after_a_name_is_an_attribution(nlp: Language) -> None:
    rels = find_attributions(nlp('Varga: "The border stays open."'))
    assert rels and rels[0].rule == "colon" and rels[0].source.text == "Varga"  # type: ignore[union-attr]


def test_outermost_drops_cues_nested_in_quotes_or_content(nlp: Language) -> None:
    doc = nlp('"I think the deal is dead," the senator said.')
    cues = {r.cue.text for r in outermost(find_attributions(doc))}
    assert cues == {"said"}


def test_reported_by_an_outlet_is_a_media_source(analyse: Analyse) -> None:
    result = analyse(
        "Troops entered the city on Sunday, Radio Zenda reported.", ["entered"], OUTLETS
    )
    event = result.events["entered"]
    assert event.status == "reported"
    assert [(a.source.text, a.kind) for a in event.attribution] == [("Radio Zenda", "media")]
    assert event.attribution[0].cue is not None and event.attribution[0].cue.text == "reported"


def test_citing_anonymous_sources_keeps_the_outlet_in_via(analyse: Analyse) -> None:
    text = (
        "The prime minister will resign this week, Radio Zenda reported, citing unnamed "
        "government sources."
    )
    result = analyse(text, ["resign"], OUTLETS)
    event = result.events["resign"]
    assert event.status == "planned"
    (att,) = event.attribution
    assert att.kind == "anonymous"
    assert att.source.text == "unnamed government sources"
    assert [v.text for v in att.via] == ["Radio Zenda"]


def test_two_sources_for_one_event(analyse: Analyse) -> None:
    text = (
        "The envoy is expected to arrive on Monday, Radio Zenda reported, as did a "
        "Bordurian newspaper."
    )
    result = analyse(text, ["arrive"], {**OUTLETS, "Bordurian": {"country": "BOR"}})
    sources = {(a.source.text, a.kind) for a in result.events["arrive"].attribution}
    assert sources == {("Radio Zenda", "media"), ("a Bordurian newspaper", "media")}
    newspaper = next(
        a for a in result.events["arrive"].attribution if a.source.text.endswith("newspaper")
    )
    assert newspaper.source.country == "BOR"


def test_official_speaker_is_an_official_source(analyse: Analyse) -> None:
    result = analyse(
        "Interior Minister Anna Varga said Borduria had closed the crossing.",
        ["closed@Borduria"],
        OFFICIALS,
    )
    (att,) = result.events["closed"].attribution
    assert att.kind == "official"
    assert att.source.text == "Interior Minister Anna Varga"


def test_he_said_resolves_to_the_previous_named_speaker(analyse: Analyse) -> None:
    text = (
        "Interior Minister Anna Varga spoke in Strelsau on Monday. "
        "She said police had arrested three suspects."
    )
    result = analyse(text, ["arrested"], OFFICIALS)
    (att,) = result.events["arrested"].attribution
    assert att.source.text == "She"
    assert att.source.name == "Interior Minister Anna Varga"
    assert att.kind == "official"


def test_quote_continuing_from_the_previous_sentence_keeps_its_speaker(analyse: Analyse) -> None:
    text = (
        'Interior Minister Anna Varga said on Monday: "The army has secured the dam. '
        'Engineers repaired the gates overnight."'
    )
    result = analyse(text, ["repaired"], OFFICIALS)
    (att,) = result.events["repaired"].attribution
    assert att.source.text == "Interior Minister Anna Varga"


def test_the_x_based_outlet_resolves_to_the_last_named_outlet(analyse: Analyse) -> None:
    text = (
        "Radio Zenda carried the speech live. Rebels blocked the highway, the Strelsau-based "
        "broadcaster said."
    )
    result = analyse(text, ["blocked"], OUTLETS)
    (att,) = result.events["blocked"].attribution
    assert att.kind == "media"
    assert att.source.kb_id == "media:zenda"


def test_article_voice_has_no_attribution(analyse: Analyse) -> None:
    result = analyse("Ruritania recalled its ambassador on Tuesday.", ["recalled"], OFFICIALS)
    assert result.events["recalled"].attribution == []
    assert result.events["recalled"].status == "asserted"
    assert result.claims == []


def test_quotation_without_any_earlier_speaker_stays_unattributed(analyse: Analyse) -> None:
    result = analyse('"Nobody crossed the river." Patrols guarded the bank.', ["guarded"])
    assert result.events["guarded"].attribution == []


def test_told_names_the_speaker_not_the_listener(nlp: Language) -> None:
    rels = find_attributions(nlp("The envoy told reporters that the ceasefire had collapsed."))
    (rel,) = rels
    assert rel.source is not None and rel.source.text == "The envoy"
    assert rel.content[0].text == "that the ceasefire had collapsed"
    assert rel.cue_class == "statement"


def test_trailing_outlet_without_a_parsed_subject_is_the_source(analyse: Analyse) -> None:
    text = (
        "Ruritanian leader Anna Varga has praised what she called the growing friendship "
        "between her nation and Borduria, the state-run Radio Zenda reported on Friday."
    )
    actors = {**OUTLETS, **OFFICIALS, "Anna Varga": {**OFFICIALS["Ruritania"], "role": "leader"}}
    result = analyse(text, ["praised@Anna Varga"], actors)
    event = result.events["praised"]
    assert [(a.source.text, a.kind) for a in event.attribution] == [("Radio Zenda", "media")]
    # a country's own outlet reporting its leader's words: on record, so asserted
    assert event.status == "asserted"
    (report,) = result.claims_of("report")
    assert report.claimant is not None and report.claimant.kb_id == "media:zenda"
    assert report.event_id == "e-praised"


def test_foreign_outlet_reporting_a_leaders_words_is_reported(analyse: Analyse) -> None:
    text = "Anna Varga praised the treaty with Borduria, The Daily Borduria reported on Friday."
    actors = {**OUTLETS, "Anna Varga": {**OFFICIALS["Ruritania"], "role": "leader"}}
    result = analyse(text, ["praised@Anna Varga"], actors)
    assert result.events["praised"].status == "reported"


def test_outlet_named_in_an_apposition_is_the_source(analyse: Analyse) -> None:
    text = "Ruritania's public broadcaster Radio Zenda reported that rebels had seized the dam."
    result = analyse(text, ["seized"], {**OUTLETS, "Ruritania": OFFICIALS["Ruritania"]})
    (att,) = result.events["seized"].attribution
    assert att.kind == "media"
    assert att.source.kb_id == "media:zenda"


def test_second_outlet_carrying_a_similar_report_is_a_second_source(analyse: Analyse) -> None:
    text = (
        "Radio Zenda, citing unnamed officials, reported the planned summit, and a Bordurian "
        "newspaper carried a similar report on Sunday."
    )
    result = analyse(text, ["summit"], {**OUTLETS, "Bordurian": {"country": "BOR"}})
    event = result.events["summit"]
    assert event.status == "planned"
    pairs = {(a.source.text, a.kind, tuple(v.text for v in a.via)) for a in event.attribution}
    assert pairs == {
        ("unnamed officials", "anonymous", ("Radio Zenda",)),
        ("a Bordurian newspaper", "media", ()),
    }
    assert len(result.claims_of("report")) == 2


def test_list_of_claimants_opened_by_an_apposition_gives_one_claim_each(
    analyse: Analyse,
) -> None:
    text = "The Republic of Ruritania, Borduria and their partners believe the junta hid the gold."
    actors = {"Republic of Ruritania": OFFICIALS["Ruritania"], "Borduria": OFFICIALS["Borduria"]}
    result = analyse(text, ["hid"], actors)
    claimants = [c.claimant.text for c in result.claims_of("allegation") if c.claimant]
    assert "Borduria" in claimants and "their partners" in claimants
    assert any(name.endswith("Republic of Ruritania") for name in claimants)


def test_claimants_lose_a_leading_both(analyse: Analyse) -> None:
    result = analyse(
        "Both Ruritania and Borduria denied that the talks had failed.", ["failed"], OFFICIALS
    )
    names = sorted(c.claimant.text for c in result.claims_of("denial") if c.claimant)
    assert names == ["Borduria", "Ruritania"]
    assert {c.claimant.country for c in result.claims_of("denial") if c.claimant} == {
        "BOR",
        "RUR",
    }


def test_name_and_dash_before_a_quotation_is_an_attribution(nlp: Language) -> None:
    rels = find_attributions(nlp("Ana Ruiz ― “We are tired of waiting.”"))
    (rel,) = rels
    assert rel.source is not None and rel.source.text == "Ana Ruiz"
    assert rel.content[0].text == "We are tired of waiting"


def test_dash_without_a_quotation_is_no_attribution(nlp: Language) -> None:
    rels = find_attributions(nlp("The bank was fined ― thousands of staff were fired."))
    assert all(r.rule != "colon" for r in rels)


def test_they_after_a_group_in_a_place_is_the_group_not_the_place(analyse: Analyse) -> None:
    text = "Diplomats in Valdoria said they expected Borduria to close the border."
    actors = {
        "Valdoria": {"country": "VAL", "kb_id": "capital:VAL", "role": "government"},
        "Borduria": {"country": "BOR", "kb_id": "country:BOR"},
    }
    result = analyse(text, ["close"], actors)
    speakers = {rel.source.name for rel in result.events["close"].attribution if rel.source}
    assert speakers == {"Diplomats in Valdoria"}


def test_he_resolves_to_a_person_not_to_a_capital_that_spoke_since(analyse: Analyse) -> None:
    text = (
        "Foreign Minister Ivo Kral met the envoy on Monday. "
        "Valdoria said the meeting went well. "
        "He said Borduria would reopen the border."
    )
    actors = {
        "Foreign Minister Ivo Kral": {"country": "VAL", "kb_id": "person:kral", "role": "minister"},
        "Valdoria": {"country": "VAL", "kb_id": "capital:VAL", "role": "government"},
        "Borduria": {"country": "BOR", "kb_id": "country:BOR"},
    }
    result = analyse(text, ["reopen"], actors)
    speakers = {rel.source.name for rel in result.events["reopen"].attribution if rel.source}
    assert speakers == {"Foreign Minister Ivo Kral"}


def test_she_resolves_to_an_earlier_speaker_the_resolver_did_not_know(analyse: Analyse) -> None:
    text = (
        "Valdoria will not give in, Jana Horvat of the Valdorian League told reporters. "
        "She said Borduria had closed the crossing in May."
    )
    actors = {
        "Valdoria": {"country": "VAL", "kb_id": "country:VAL"},
        "Borduria": {"country": "BOR", "kb_id": "country:BOR"},
    }
    result = analyse(text, ["closed"], actors)
    speakers = {rel.source.name for rel in result.events["closed"].attribution if rel.source}
    assert speakers and all("Jana Horvat" in (name or "") for name in speakers)


def test_a_quote_going_on_belongs_to_the_speaker_named_after_the_quote(
    analyse: Analyse,
) -> None:
    text = (
        '"The border is calm," Jana Horvat told Radio Nord. "Borduria closed the crossing in May."'
    )
    actors = {
        "Borduria": {"country": "BOR", "kb_id": "country:BOR"},
        "Radio Nord": {"country": "VAL", "sector": "media", "kb_id": "media:nord"},
    }
    result = analyse(text, ["closed"], actors)
    speakers = [rel.source.text for rel in result.events["closed"].attribution if rel.source]
    assert speakers == ["Jana Horvat"]
