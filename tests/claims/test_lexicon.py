"""The cue lexicon is data: it loads, and malformed entries are refused."""

from __future__ import annotations

import pytest

from tidings.claims.lexicon import CUE_CLASSES, load_lexicon, parse_lexicon
from tidings.errors import TidingsError


def test_packaged_lexicon_classifies_cue_verbs() -> None:
    lex = load_lexicon()
    assert lex.cue_class("say") == "statement"
    assert lex.cue_class("deny") == "denial"
    assert lex.cue_class("allege") == "allegation"
    assert lex.cue_class("confirm") == "confirmation"
    assert lex.cue_class("report") == "report"
    assert lex.cue_class("think") == "belief"
    assert lex.cue_class("think", include_belief=False) is None
    assert lex.cue_class("eat") is None
    assert set(lex.cue_verbs) == set(CUE_CLASSES)


def test_modal_and_adverb_classes() -> None:
    lex = load_lexicon()
    assert lex.modal_class("will") == "future"
    assert lex.modal_class("might") == "possible"
    assert lex.adverb_class("reportedly") == "reported"
    assert lex.adverb_class("allegedly") == "alleged"


def test_malformed_entry_is_refused_with_a_hint() -> None:
    with pytest.raises(TidingsError, match=r"cues\.yaml"):
        parse_lexicon({"plan_verbs": "plan"})
