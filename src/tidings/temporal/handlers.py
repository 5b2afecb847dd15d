"""All handlers of the time grammar, gathered from their modules by theme.

:class:`Handlers` joins :class:`~tidings.temporal.dates.DateHandlers`,
:class:`~tidings.temporal.relative.RelativeHandlers` and
:class:`~tidings.temporal.amounts.AmountHandlers`; the shared records and helpers are in
:mod:`tidings.temporal.resolution`. :class:`~tidings.temporal.grammar.Grammar` adds the rules
that call the handlers.
"""

from __future__ import annotations

from tidings.temporal.amounts import AmountHandlers
from tidings.temporal.dates import DateHandlers
from tidings.temporal.relative import RelativeHandlers
from tidings.temporal.resolution import (
    CENTURY_ORDINALS,
    DECADE_WORDS,
    ONES,
    TEENS,
    TENS,
    Context,
    Resolution,
)

__all__ = [
    "CENTURY_ORDINALS",
    "DECADE_WORDS",
    "ONES",
    "TEENS",
    "TENS",
    "Context",
    "Handlers",
    "Resolution",
]


class Handlers(DateHandlers, RelativeHandlers, AmountHandlers):
    """Every handler of the grammar and their helpers."""
