"""PLOVER event coding of one parsed sentence.

The coder matches triggers (:mod:`tidings.coding.triggers`), works out how their grammatical
frame changes them (``modality.yaml``: "will meet" is an offer, "threatened to cut ties" a
threat, "X said Y must ..." a demand), finds source and target actors in the dependency tree
(:mod:`tidings.coding.sides`), and builds one :class:`~tidings.records.Event` per trigger
that is not part of a larger one, with quantities and places attached.
"""

from __future__ import annotations

import logging

from tidings.coding.arguments import ActorMapper
from tidings.coding.frames import (
    _act_verb,
    _adjust_depths,
    _apply_modality,
    _link_frames,
    _merge_objects,
    _resolve_frames,
    _withholds_speech,
)
from tidings.coding.ontology import Ontology
from tidings.coding.places import attach_places
from tidings.coding.quantities import attach_quantities
from tidings.coding.ranking import (
    _confidence,
    _merge_same_happening,
    _rank_key,
)
from tidings.coding.roles import retype_by_participants
from tidings.coding.sides import (
    _actor_does_it,
    _find_arguments,
    _response_targets,
)
from tidings.coding.triggers import Trigger, find_triggers
from tidings.context import SentenceContext
from tidings.ids import record_id
from tidings.records import Event, Evidence, Span

logger = logging.getLogger(__name__)


def code_sentence(ctx: SentenceContext, ontology: Ontology) -> list[Event]:
    """Code the PLOVER events of one parsed sentence.

    Args:
        ctx: A :class:`tidings.context.SentenceContext`; ``ctx.doc`` is the sentence parsed
            by the full model, ``ctx.offset`` its offset in the article, ``ctx.actors`` the
            actors inside it.
        ontology: The loaded :class:`Ontology` (its ``kb``, when set, resolves mentions the
            actor finder missed and gives places a country).

    Returns:
        Events in rank order (the main event of the sentence first, also carrying the
        highest ``confidence``), with ``status="asserted"``, no attribution and no date.

    Example:
        >>> events = code_sentence(ctx, Ontology.load())  # doctest: +SKIP
        >>> events[0].type, events[0].mode  # doctest: +SKIP
        ('CONSULT', 'visit')
    """
    doc = ctx.doc
    if len(doc) == 0:
        return []
    triggers = find_triggers(doc, ontology)
    if not triggers:
        return []
    mapper = ActorMapper(
        ctx,
        ontology.kb,
        ontology.words("residence_verbs"),
        ontology.words("origin_nouns"),
    )
    _adjust_depths(triggers)
    _link_frames(triggers, ontology)
    _merge_objects(triggers)
    for trig in triggers:
        _find_arguments(trig, triggers, mapper, ontology)
    for trig in triggers:
        if trig.embedded_in is None and trig.merged_into is None:
            _apply_modality(trig, ontology)
    _resolve_frames(triggers, ontology)
    for trig in triggers:
        retype_by_participants(trig, ontology)
    _response_targets(triggers)
    kept = [
        t
        for t in triggers
        if t.embedded_in is None
        and t.merged_into is None
        # a bare noun ("a ceasefire") or generic verb ("without giving a date") is no event
        and (t.source or t.target or (t.is_verbal and t.entry.weight >= GENERIC_WEIGHT))
        and (t.is_verbal or t.own_arguments or _act_verb(t.head, ontology))
        and _actor_does_it(t, triggers, mapper, ontology)
        and not _withholds_speech(t, ontology)
    ]
    kept = _merge_same_happening(kept)
    kept.sort(key=_rank_key)
    events = [_to_event(t, ctx, ontology, rank) for rank, t in enumerate(kept)]
    attach_quantities(events, kept, ctx)
    attach_places(events, ctx, mapper)
    return events


#: Verbal triggers below this weight are generic verbs ("give", "help", "return"): with no
#: actor on either side they code nothing.
GENERIC_WEIGHT = 0.6


def _to_event(trig: Trigger, ctx: SentenceContext, ontology: Ontology, rank: int) -> Event:
    start = ctx.offset + trig.start
    end = ctx.offset + trig.end
    cameo = trig.cameo or ontology.default_cameo(trig.type)
    quad = ontology.quad_class(cameo) or ontology.type_quad_class(trig.type)
    text = ctx.doc.text
    return Event(
        id=record_id("e", ctx.article.id, start, end, trig.type),
        article_id=ctx.article.id,
        type=trig.type,
        mode=trig.mode,
        cameo=cameo,
        quad_class=quad,
        goldstein=ontology.goldstein(cameo),
        source=list(trig.source),
        target=list(trig.target),
        status="asserted",
        evidence=Evidence(
            sentence=text,
            start=ctx.offset,
            end=ctx.offset + len(text),
            trigger=Span(text=text[trig.start : trig.end], start=start, end=end),
        ),
        rule=trig.rule,
        confidence=_confidence(trig, rank),
    )
