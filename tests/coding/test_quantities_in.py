"""Quantities inside part of a sentence, as claims use them."""

from __future__ import annotations

from spacy.language import Language

from tidings.coding.quantities import quantities_in


def test_quantity_with_unit_scale_and_approximation(nlp: Language) -> None:
    doc = nlp("The convoy carried nearly 2 million litres of fuel.")
    (qty,) = quantities_in(doc[:], offset=100)
    assert qty.value == 2_000_000
    assert qty.unit == "litres"
    assert qty.approximate
    assert qty.start == 100 + doc.text.index("nearly")


def test_dates_are_not_quantities(nlp: Language) -> None:
    doc = nlp("The treaty was signed on 4 May 1999 by 12 states.")
    assert [q.value for q in quantities_in(doc[:], offset=0)] == [12]


def test_years_are_skipped_but_counts_are_kept(nlp: Language) -> None:
    doc = nlp("Since 2014 the militia has fired 300 rockets at the town.")
    assert [(q.value, q.unit) for q in quantities_in(doc[:], offset=0)] == [(300, "rockets")]


def test_only_quantities_inside_the_span(nlp: Language) -> None:
    doc = nlp("Officials counted 40 trucks, and the minister claimed 7,000 containers left.")
    inside = doc[next(t.i for t in doc if t.text == "7,000") :]
    assert [q.value for q in quantities_in(inside, offset=0)] == [7000]
