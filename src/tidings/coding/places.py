"""Places named in an event's sentence ("in Vladivostok", "at the Vostochny spaceport").

Two sources, so that the coder works with and without spaCy's statistical NER:

* the knowledge-base gazetteer (countries, capitals, metonyms and ``places.csv``) matched on
  capitalised token runs of the sentence, with the country from ``kb.country_for_place``;
* proper nouns that are the object of a locative preposition ("in Vladivostok", "near
  Sangin"), which are places even when the gazetteer does not know them (country unknown);
* when the parse carries NER, its GPE/LOC/FAC entities as well.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from tidings.coding.arguments import ActorMapper
from tidings.context import SentenceContext
from tidings.records import Event, Place

#: Named-entity labels that denote places.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_ARTICLES = ("the ", "The ")
#: Prepositions that introduce a location ("in Vladivostok", "at the spaceport").
LOCATIVE_PREPS = frozenset(
    {"in", "at", "near", "outside", "inside", "across", "around", "within", "off", "along"}
)
#: Capitalised words that never name a place on their own (days, months, pronoun "I").
CALENDAR = frozenset(
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december", "jan.", "feb.", "aug.", "sept.",
        "oct.", "nov.", "dec.", "i", "christmas", "easter", "ramadan",
    }
)  # fmt: skip
#: Longest run of tokens looked up in the gazetteer.
MAX_PLACE_TOKENS = 4
_NAME_LINKS = frozenset({"of", "-", "de", "al", "el"})


def _capitalised(tok: Token) -> bool:
    return (tok.text[:1].isupper() and tok.is_alpha) or tok.text in ("St.", "Ft.")


def _gazetteer_spans(doc: Doc, mapper: ActorMapper) -> list[tuple[int, int, str | None]]:
    """Token spans (start, end, country) of the longest gazetteer matches, left to right."""
    if mapper.kb is None:
        return []
    out: list[tuple[int, int, str | None]] = []
    i, n = 0, len(doc)
    while i < n:
        tok = doc[i]
        if not _capitalised(tok) or tok.lower_ in CALENDAR:
            i += 1
            continue
        found = None
        for size in range(min(MAX_PLACE_TOKENS, n - i), 0, -1):
            span = doc[i : i + size]
            if not _capitalised(span[-1]):
                continue
            country = mapper.place_country(span.text)
            if country:
                found = (i, i + size, country)
                break
        if found is None:
            i += 1
            continue
        out.append(found)
        i = found[1]
    return out


def _locative_root(tok: Token) -> bool:
    """Whether ``tok`` heads the object of a locative preposition."""
    return tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS


def _proper_place_spans(doc: Doc) -> list[tuple[int, int]]:
    """Proper-noun phrases that are objects of a locative preposition ("in Sangin")."""
    out: list[tuple[int, int]] = []
    for tok in doc:
        if not _locative_root(tok) or tok.lower_ in CALENDAR:
            continue
        names = [
            t
            for t in tok.subtree
            if t.i <= tok.i
            and (t.pos_ == "PROPN" or (t.dep_ == "compound" and _capitalised(t)))
            and t.lower_ not in CALENDAR
        ]
        if not names:
            continue
        if tok.pos_ != "PROPN" and not any(t.dep_ == "compound" and t.head == tok for t in names):
            continue
        start = min(t.i for t in names)
        end = tok.i + 1 if tok.pos_ == "PROPN" else max(t.i for t in names) + 1
        inside = doc[start:end]
        if all(t.pos_ == "PROPN" or _capitalised(t) or t.lower_ in _NAME_LINKS for t in inside):
            out.append((start, end))
    return out


def find_places(ctx: SentenceContext, mapper: ActorMapper | None = None) -> list[Place]:
    """Places named in the sentence, as :class:`Place` records (article offsets).

    The country comes from the knowledge base (``kb.country_for_place``) when the mapper
    has one. A leading "the" is left out of the name. Without NER the gazetteer and
    locative proper nouns are used; with NER its place entities are added.

    Example:
        >>> places = find_places(ctx, ActorMapper(ctx, kb))  # doctest: +SKIP
        >>> [(p.name, p.country) for p in places]  # doctest: +SKIP
        [('Vladivostok', 'RUS')]
    """
    doc = ctx.doc
    known: set[tuple[int, int]] = set()
    if mapper is not None:
        known = {(s, e) for s, e, _c in _gazetteer_spans(doc, mapper)}
    spans = set(known) | set(_proper_place_spans(doc))
    spans |= {(ent.start, ent.end) for ent in doc.ents if ent.label_ in PLACE_LABELS}
    chosen: list[tuple[int, int]] = []
    # gazetteer names first ("West Darfur" rather than "West Darfur State"), longest first
    for start, end in sorted(spans, key=lambda se: (se not in known, se[0] - se[1], se[0])):
        if any(s < end and start < e for s, e in chosen):
            continue
        chosen.append((start, end))
    out: list[Place] = []
    for start, end in sorted(chosen):
        span = doc[start:end]
        text = span.text
        char = span.start_char
        for article in _ARTICLES:
            if text.startswith(article):
                text = text[len(article) :]
                char += len(article)
        if not text:
            continue
        country = mapper.place_country(text) if mapper is not None else None
        out.append(
            Place(
                name=text,
                country=country,
                text=text,
                start=ctx.offset + char,
                end=ctx.offset + char + len(text),
            )
        )
    return out


def _locative_spans(ctx: SentenceContext, places: list[Place]) -> list[tuple[int, int]]:
    """Article offsets of places whose phrase is the object of a locative preposition."""
    out = []
    doc = ctx.doc
    for place in places:
        span = doc.char_span(
            place.start - ctx.offset, place.end - ctx.offset, alignment_mode="expand"
        )
        if span is None:
            continue
        root = span.root
        while root.dep_ == "compound" and root.head != root:
            root = root.head
        if _locative_root(root) or (
            root.dep_ == "pobj" and root.head.lower_ == "of" and _locative_root(root.head.head)
        ):
            out.append((place.start, place.end))
    return out


def attach_places(
    events: list[Event], ctx: SentenceContext, mapper: ActorMapper | None = None
) -> None:
    """Give each event the places of its sentence that are not actors.

    A place after a locative preposition ("in Moscow") is always kept, even when it also
    stands for the country of a side; any other place is left out when it is the event's own
    source or target or an actor of the sentence ("Germany condemned ...").
    """
    if not events:
        return
    places = find_places(ctx, mapper)
    locative = _locative_spans(ctx, places)
    sentence_actors = [(a.start, a.end) for a in ctx.actors]

    def overlaps(place: Place, spans: list[tuple[int, int]]) -> bool:
        return any(s < place.end and place.start < e for s, e in spans)

    for event in events:
        own = [(a.start, a.end) for a in (*event.source, *event.target)]
        event.places = [
            p
            for p in places
            if overlaps(p, locative) or not (overlaps(p, own) or overlaps(p, sentence_actors))
        ]
