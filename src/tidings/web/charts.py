"""Charts as SVG rendered on the server with Vega-Lite (vl-convert): no script runs in the
page, no request leaves the machine, and the marks are in the page's DOM."""

from __future__ import annotations

import json
import threading
from functools import lru_cache
from typing import Any

_RENDER = threading.Lock()

COLORS = {
    "verbal cooperation": "#6baed6",
    "material cooperation": "#2171b5",
    "verbal conflict": "#fc9272",
    "material conflict": "#cb181d",
    "cooperation, happened": "#2171b5",
    "cooperation, reported or alleged": "#9ecae1",
    "conflict, happened": "#cb181d",
    "conflict, reported or alleged": "#fcbba1",
}


def _spec(
    values: list[dict[str, Any]], y: str, y_title: str, color: str, title: str
) -> dict[str, Any]:
    domain = [k for k in COLORS if any(v[color] == k for v in values)]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": title,
        "width": 640,
        "height": 220,
        "data": {"values": values},
        "mark": {"type": "bar"},
        "encoding": {
            "x": {
                "field": "week",
                "type": "temporal",
                "timeUnit": "yearmonthdate",
                "title": "week",
            },
            "y": {"field": y, "type": "quantitative", "title": y_title, "stack": "zero"},
            "color": {
                "field": color,
                "type": "nominal",
                "title": None,
                "scale": {"domain": domain, "range": [COLORS[k] for k in domain]},
                "legend": {"orient": "bottom", "columns": 2},
            },
            "tooltip": [
                {"field": "week", "type": "temporal"},
                {"field": color, "type": "nominal"},
                {"field": y, "type": "quantitative"},
            ],
        },
        "config": {"font": "sans-serif"},
    }


@lru_cache(maxsize=256)
def _render(spec_json: str) -> str:
    import vl_convert as vlc

    with _RENDER:  # one renderer at a time
        return str(vlc.vegalite_to_svg(json.loads(spec_json)))


def render(spec: dict[str, Any]) -> str:
    """SVG text of a Vega-Lite spec (cached: the same data renders once)."""
    return _render(json.dumps(spec, sort_keys=True))


def weekly_quads(weekly: list[dict[str, Any]], what: str) -> str | None:
    """Bars per week, stacked by quad class, of ``what`` (events or happenings)."""
    values = [
        {"week": r["week"], "quad": r["quad"], "n": r["n"]} for r in weekly if r["what"] == what
    ]
    if not values:
        return None
    return render(_spec(values, "n", what, "quad", f"{what.capitalize()} per week by quad class"))


def dyad_chart(points: list[dict[str, Any]], title: str) -> str | None:
    """Weekly cooperation (up) and conflict (down), happened apart from reported."""
    values = [{"week": p["week"], "series": p["series"], "value": p["value"]} for p in points]
    if not values:
        return None
    return render(_spec(values, "value", "independent sources", "series", title))


def warm_up() -> None:
    """Render one small chart so the first page does not pay the renderer's start-up."""
    render(
        _spec([{"week": "2024-01-01", "quad": "verbal cooperation", "n": 1}], "n", "n", "quad", "")
    )
