"""Places named in an event's sentence ("in Vladivostok", "at the Vostochny spaceport")."""

from __future__ import annotations

from typing import Any

from tidings.coding.arguments import ActorMapper
from tidings.records import Event, Place

#: Named-entity labels that denote places.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_ARTICLES = ("the ", "The ")
#: Prepositions that introduce a location ("in Vladivostok", "at the spaceport").
LOCATIVE_PREPS = frozenset(
    {"in", "at", "near", "outside", "inside", "across", "around", "within", "off", "along"}
)


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


def _locative_spans(ctx: Any) -> list[tuple[int, int]]:
    """Article offsets of entities that are the object of a locative preposition."""
    out = []
    for ent in ctx.doc.ents:
        root = ent.root
        if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS:
            out.append((ctx.offset + ent.start_char, ctx.offset + ent.end_char))
    return out


def attach_places(events: list[Event], ctx: Any, mapper: ActorMapper | None = None) -> None:
    """Give each event the places of its sentence that are not actors.

    A place is left out when it is the event's own source or target, or when it is an actor
    of the sentence ("Germany condemned ...") unless it follows a locative preposition ("in
    Moscow").
    """
    if not events:
        return
    places = find_places(ctx, mapper)
    locative = _locative_spans(ctx)
    sentence_actors = [(a.start, a.end) for a in ctx.actors]

    def overlaps(place: Place, spans: list[tuple[int, int]]) -> bool:
        return any(s < place.end and place.start < e for s, e in spans)

    for event in events:
        own = [(a.start, a.end) for a in (*event.source, *event.target)]
        event.places = [
            p
            for p in places
            if not overlaps(p, own) and (overlaps(p, locative) or not overlaps(p, sentence_actors))
        ]
