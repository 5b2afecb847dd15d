"""Places named in an event's sentence ("in Vladivostok", "at the Vostochny spaceport")."""

from __future__ import annotations

from typing import Any

from tidings.coding.arguments import ActorMapper
from tidings.records import Event, Place

#: Named-entity labels that denote places.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_ARTICLES = ("the ", "The ")


def find_places(ctx: Any, mapper: ActorMapper | None = None) -> list[Place]:
    """Every GPE/LOC/FAC entity of the sentence as a :class:`Place` (article offsets).

    The country comes from the knowledge base (``kb.country_for_place``) when the mapper
    has one. A leading "the" is left out of the name.
    """
    out: list[Place] = []
    for ent in ctx.doc.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        text = ent.text
        start = ent.start_char
        for article in _ARTICLES:
            if text.startswith(article):
                text = text[len(article) :]
                start += len(article)
        country = mapper.place_country(text) if mapper is not None else None
        out.append(
            Place(
                name=text,
                country=country,
                text=text,
                start=ctx.offset + start,
                end=ctx.offset + start + len(text),
            )
        )
    return out


def attach_places(events: list[Event], ctx: Any, mapper: ActorMapper | None = None) -> None:
    """Give each event the places of its sentence that are not its own source or target."""
    if not events:
        return
    places = find_places(ctx, mapper)
    for event in events:
        actors = [(a.start, a.end) for a in (*event.source, *event.target)]
        event.places = [p for p in places if not any(s < p.end and p.start < e for s, e in actors)]
