"""Tuning and check halves: deterministic, disjoint, keyed by story or record."""

from __future__ import annotations

import pytest

from tidings.evaluation.splits import half_of, in_split, plover_key


def test_half_is_deterministic_and_one_of_two() -> None:
    keys = [f"article:{n}" for n in range(200)]
    first = [half_of("plover", k) for k in keys]
    assert first == [half_of("plover", k) for k in keys]
    assert set(first) == {"tune", "check"}


def test_halves_are_disjoint_and_cover_everything() -> None:
    keys = [f"record:R{n}" for n in range(300)]
    tune = {k for k in keys if in_split("plover", k, "tune")}
    check = {k for k in keys if in_split("plover", k, "check")}
    assert tune.isdisjoint(check)
    assert tune | check == set(keys) == {k for k in keys if in_split("plover", k, "all")}
    # a fair coin: neither half is tiny
    assert 100 < len(tune) < 200


def test_kinds_are_split_independently() -> None:
    keys = [str(n) for n in range(100)]
    assert [half_of("timeml", k) for k in keys] != [half_of("petrarch", k) for k in keys]


def test_sentences_of_one_story_share_a_half() -> None:
    a = {"id": "X-AGREE-0001", "article_id": "42"}
    b = {"id": "X-FIGHT-0007", "article_id": "42"}
    assert plover_key(a) == plover_key(b) == "article:42"
    assert plover_key({"id": "GSR-1", "article_id": ""}) == "record:GSR-1"


def test_unknown_split_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown split"):
        in_split("plover", "k", "dev")
