"""The compiled time grammar: every rule's gate is a necessary condition of its matches."""

from __future__ import annotations

import re

import pytest

from tidings.temporal.grammar import Grammar
from tidings.temporal.lexicon import Lexicon

#: Sentences written for these tests, meant to wake every rule of the grammar.
SENTENCES = [
    "The accord was signed on 2023-11-04 and ratified on 3/15/2024.",
    "Talks resume Tuesday, June 18, 2024, and end on 21 June.",
    "A hearing is set for the week of July 8; the panel met in March 2022.",
    "The drought of March last year hit harder than last October's floods.",
    "Exports peaked in the late 1990s, the '80s and the sixties.",
    "The fort dates from the 17th century and was rebuilt in 1911.",
    "Rains came in the spring of 2021 and again last summer.",
    "Growth slowed in the first half of 2023 and in the third quarter.",
    "The firm reports Q2 2024 results for the year-ago period.",
    "Shelling resumed overnight, a day after the truce; yesterday was calm.",
    "Crowds gathered this morning, and that evening the curfew began.",
    "Earlier this week the army withdrew; next month a census starts.",
    "Sales for the full year rose, and by year-end debt fell.",
    "He arrived on Friday night and left last Sunday.",
    "Markets close on Christmas Day and on Thanksgiving.",
    "The dam failed two weeks ago, nearly three months after an inspection.",
    "The siege lasted about six weeks, for months on end, over several years.",
    "Officials said recently that the current plan is now obsolete.",
    "The polls open at 7:30 a.m. Thursday and close at midnight.",
    "Inspectors visit every two weeks, meet daily and report twice a year.",
    "Markets open on Mondays, and the fund pays quarterly.",
    "In nineteen ninety-six the mill closed; it reopened in the year two thousand.",
    "Authorities and parties said times were hard, each time, per capita.",
    "The fair runs on May 9 and 10, or 11 at the latest.",
    "The ferry sank on a Monday; the next morning divers came, and later in the day, rain.",
    "Guards heard shots at 4 in the morning and at 11 at night, not at six o'clock.",
    "The market opens on April 2, 3 and 5, closing for Easter week.",
    "The port will one day reopen; someday, perhaps, in a year and a half.",
]


@pytest.fixture(scope="module")
def grammar() -> Grammar:
    return Grammar(Lexicon.load())


def test_grammar_every_gated_rule_finds_what_its_pattern_finds(grammar: Grammar) -> None:
    for text in SENTENCES:
        for rule in grammar.rules:
            plain = [m.span() for m in rule.pattern.finditer(text)]
            assert [m.span() for m in rule.finditer(text)] == plain, (rule.name, text)


def test_grammar_gates_hold_inside_every_match(grammar: Grammar) -> None:
    seen = set()
    for text in SENTENCES:
        for rule in grammar.rules:
            for m in rule.pattern.finditer(text):
                seen.add(rule.name)
                if rule.gate is not None:  # the gate may cover a lookbehind of a few letters
                    window = text[max(0, m.start() - 4) : m.end()]
                    assert rule.gate.search(window), (rule.name, m.group(0))
    gated = {r.name for r in grammar.rules if r.gate is not None}
    assert gated - seen == set()  # the sentences exercise every gated rule


def test_grammar_skips_a_rule_when_its_gate_is_absent(grammar: Grammar) -> None:
    clock = grammar.by_name["clock"]
    gates: dict[re.Pattern[str], bool] = {}
    assert list(clock.finditer("No hour is given here.", gates)) == []
    assert gates == {clock.gate: False}
