"""Publication dates normalised to ISO 8601; date stamp lines recognised by shape."""

from __future__ import annotations

import pytest

from tidings.extract.dates import looks_like_date_line, normalise_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-06-12", "2024-06-12"),
        ("2024-06-12T08:00:00+09:00", "2024-06-12T08:00:00+09:00"),
        ("2024-06-12T08:00:00Z", "2024-06-12T08:00:00+00:00"),
        ("Wed, 12 Jun 2024 08:00:00 +0900", "2024-06-12T08:00:00+09:00"),
        ("Updated On Jun 12, 2024, 09:40 AM KST", "2024-06-12"),
        ("Published: 12 June 2024", "2024-06-12"),
        ("Wednesday, June 12, 2024", "2024-06-12"),
        ("", None),
        (None, None),
        ("soon", None),
        ("2024-13-45", None),
    ],
)
def test_normalise_date(value: str | None, expected: str | None) -> None:
    assert normalise_date(value) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Updated On Jun 12, 2024, 09:40 AM KST", True),
        ("June 12, 2024 | 10:30 AM", True),
        ("Posted 2024-06-12 08:00", True),
        ("Updated On", True),
        ("Officials met on June 12, 2024 in Seoul to discuss the border.", False),
        ("Seoul and Tokyo", False),
    ],
)
def test_date_lines_are_recognised_by_shape(line: str, expected: bool) -> None:
    assert looks_like_date_line(line) is expected
