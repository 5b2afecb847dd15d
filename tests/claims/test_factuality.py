"""Factuality values of event tokens on the [-3, 3] scale."""

from __future__ import annotations

import pytest
from spacy.language import Language

from tidings.claims import predict_factuality
from tidings.claims.factuality import (
    STATUS_VALUES,
    TreeEnsemble,
    feature_names,
    load_factuality_model,
)
from tidings.errors import TidingsError
from tidings.records import STATUSES


def _value(nlp: Language, text: str, word: str, *, use_model: bool = True) -> float:
    doc = nlp(text)
    index = next(t.i for t in doc if t.text == word)
    return predict_factuality(doc, index, use_model=use_model)


@pytest.mark.parametrize("use_model", [True, False])
def test_plain_past_event_happened_and_negated_did_not(nlp: Language, use_model: bool) -> None:
    happened = _value(nlp, "The guards opened the gate at dawn.", "opened", use_model=use_model)
    negated = _value(nlp, "The guards did not open the gate.", "open", use_model=use_model)
    assert happened > 1.0
    assert negated < -1.0


@pytest.mark.parametrize("use_model", [True, False])
def test_hedged_and_planned_events_are_uncertain(nlp: Language, use_model: bool) -> None:
    hedged = _value(nlp, "The storm might flood the valley.", "flood", use_model=use_model)
    planned = _value(nlp, "The council plans to close the mine.", "close", use_model=use_model)
    assert -1.0 <= hedged <= 1.5
    assert -1.0 <= planned <= 1.5


def test_values_stay_on_the_scale(nlp: Language) -> None:
    doc = nlp("Nobody believes the factory will never reopen if prices fall.")
    values = [predict_factuality(doc, t.i) for t in doc if t.pos_ == "VERB"]
    assert values and all(-3.0 <= v <= 3.0 for v in values)


def test_every_status_has_a_value() -> None:
    assert set(STATUS_VALUES) == set(STATUSES)
    assert STATUS_VALUES["confirmed"] > STATUS_VALUES["speculative"] > STATUS_VALUES["negated"]


def test_packaged_model_matches_the_features() -> None:
    model = load_factuality_model()
    assert model is not None
    base = feature_names()
    assert list(model.features[: len(base)]) == base
    extra = model.features[len(base) :]
    assert extra and all(f.startswith(("gov_lemma=", "lemma=")) for f in extra)
    assert model.trees


def test_model_with_unknown_extra_features_is_refused() -> None:
    names = [*feature_names(), "colour=red"]
    with pytest.raises(TidingsError, match="retrain"):
        TreeEnsemble.from_json({"features": names, "init": 0.0, "learning_rate": 0.1, "trees": []})


def test_governing_word_feature_is_set_for_the_models_words(nlp: Language) -> None:
    from tidings.claims.factuality import token_features
    from tidings.claims.lexicon import load_lexicon
    from tidings.claims.status import read_facts

    doc = nlp("The council refused to close the mine.")
    names = [*feature_names(), "gov_lemma=refuse", "gov_lemma=say", "lemma=close"]
    vec = token_features(read_facts(doc[4], load_lexicon()), None, names)
    assert vec[-3:] == [1.0, 0.0, 1.0]


def test_model_with_other_features_is_refused() -> None:
    with pytest.raises(TidingsError, match="retrain"):
        TreeEnsemble.from_json({"features": ["x"], "init": 0.0, "learning_rate": 0.1, "trees": []})


def test_tree_ensemble_walks_its_trees() -> None:
    tree = {
        "feature": [0, -2, -2],
        "threshold": [0.5, -2.0, -2.0],
        "left": [1, -1, -1],
        "right": [2, -1, -1],
        "value": [0.0, -1.0, 1.0],
    }
    names = feature_names()
    model = TreeEnsemble.from_json(
        {"features": names, "init": 2.0, "learning_rate": 0.5, "trees": [tree]}
    )
    low = [0.0] * len(names)
    high = [1.0] + [0.0] * (len(names) - 1)
    assert model.predict(low) == pytest.approx(1.5)
    assert model.predict(high) == pytest.approx(2.5)
