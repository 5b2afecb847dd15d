"""Numbers with units, approximate or exact, attached to the event they belong to."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tidings.coding import Ontology, code_sentence, find_quantities
from tidings.pipeline import SentenceContext

MakeCtx = Callable[..., SentenceContext]


@pytest.mark.parametrize(
    ("sentence", "value", "unit", "approximate"),
    [
        ("Freedonia shipped about 7,000 containers to Ruritania.", 7000, "containers", True),
        ("Ruritania has received more than 9,000 rockets this year.", 9000, "rockets", True),
        ("Freedonia promised two million shells to Ruritania.", 2_000_000, "shells", False),
        ("Ruritania fired 12 missiles at the port.", 12, "missiles", False),
        ("Nearly 300 protesters were detained in the capital.", 300, "protesters", True),
    ],
)
def test_quantity_value_unit_and_approximation(
    make_ctx: MakeCtx, sentence: str, value: float, unit: str, approximate: bool
) -> None:
    quantities = find_quantities(make_ctx(sentence))
    assert len(quantities) == 1
    q = quantities[0]
    assert (q.value, q.unit, q.approximate) == (value, unit, approximate)


def test_quantity_offsets_refer_to_the_article(make_ctx: MakeCtx) -> None:
    ctx = make_ctx("Ruritania fired 12 missiles at the port.", before="Earlier news. ")
    q = find_quantities(ctx)[0]
    assert ctx.article.text[q.start : q.end] == q.text == "12 missiles"


def test_years_and_dates_are_not_quantities(make_ctx: MakeCtx) -> None:
    ctx = make_ctx("In 2023 Ruritania signed the accord on 12 March.")
    assert find_quantities(ctx) == []


def test_quantity_attaches_to_the_event_that_governs_it(
    make_ctx: MakeCtx, ontology: Ontology
) -> None:
    ctx = make_ctx(
        "Freedonia has shipped about 7,000 containers of munitions to Ruritania, "
        "and Ruritanian forces shelled the port.",
        {"Freedonia": "FRE", "Ruritania": "RUR", "Ruritanian": "RUR"},
    )
    events = {e.type: e for e in code_sentence(ctx, ontology)}
    assert [q.value for q in events["AID"].quantities] == [7000]
    assert events["ASSAULT"].quantities == []
