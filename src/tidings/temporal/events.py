"""Event dating (placeholder, replaced below)."""
from __future__ import annotations

from typing import Any


def date_events(ctx: Any, events: list[Any]) -> list[Any]:
    return events
