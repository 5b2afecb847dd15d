"""Dated terms: a title resolves to whoever held the office on the article's date."""

from __future__ import annotations

import datetime as dt

import pytest

from tidings.resolve import ActorKB, resolve_mention


@pytest.mark.parametrize(
    ("text", "when", "kb_id"),
    [
        ("Qatar's emir", dt.date(2001, 3, 1), "person:hamad-bin-khalifa"),
        ("Qatar's emir", dt.date(2016, 3, 1), "person:tamim-bin-hamad"),
        ("the Spanish prime minister", dt.date(1999, 5, 1), "person:jose-maria-aznar"),
        ("the Mexican president", dt.date(1997, 5, 1), "person:ernesto-zedillo"),
        ("the Armenian president", dt.date(2003, 5, 1), "person:robert-kocharyan"),
    ],
)
def test_a_title_resolves_to_the_officeholder_of_the_day(
    kb: ActorKB, text: str, when: dt.date, kb_id: str
) -> None:
    actor = resolve_mention(text, kb, when)
    assert actor is not None and actor.kb_id == kb_id


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Sheikh Hamad bin Khalifa al-Thani", "QAT"),
        ("Mathieu Kerekou", "BEN"),
        ("Yevgeny Primakov", "RUS"),
        ("Boutros Boutros-Ghali", "IGO"),
    ],
)
def test_full_names_of_former_leaders_resolve(kb: ActorKB, text: str, code: str) -> None:
    actor = resolve_mention(text, kb)
    assert actor is not None and actor.country == code
