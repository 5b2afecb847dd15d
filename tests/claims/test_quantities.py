"""Figures stated in claims."""

from __future__ import annotations

from spacy.language import Language

from tidings.claims.quantities import find_quantities, parse_number


def test_parse_number_reads_digits_and_words() -> None:
    assert parse_number("12,500") == 12500
    assert parse_number("3.5") == 3.5
    assert parse_number("nine") == 9
    assert parse_number("several") is None


def test_quantity_with_unit_scale_and_approximation(nlp: Language) -> None:
    doc = nlp("The convoy carried nearly 2 million litres of fuel.")
    (qty,) = find_quantities(doc[:], offset=100)
    assert qty.value == 2_000_000
    assert qty.unit == "litres"
    assert qty.approximate
    assert qty.start == 100 + doc.text.index("nearly")


def test_dates_are_not_quantities(nlp: Language) -> None:
    doc = nlp("The treaty was signed on 4 May 1999 by 12 states.")
    values = [q.value for q in find_quantities(doc[:], offset=0)]
    assert values == [12]


def test_years_are_skipped_but_counts_are_kept(nlp: Language) -> None:
    doc = nlp("Since 2014 the militia has fired 300 rockets at the town.")
    assert [(q.value, q.unit) for q in find_quantities(doc[:], offset=0)] == [(300, "rockets")]
