"""Resolving a span of text found elsewhere (an NER entity, a gold actor string) to an actor."""

from __future__ import annotations

import datetime as dt
import logging

from spacy.tokens import Doc

from tidings.records import Actor
from tidings.resolve.find import role_entries, scan, text_doc
from tidings.resolve.kb import ActorKB, one_edit

logger = logging.getLogger(__name__)

_CAPITALISABLE = ("country", "demonym", "igo", "media", "metonym")


def resolve_mention(text: str, kb: ActorKB, as_of: dt.date | None = None) -> Actor | None:
    """Resolve a stretch of text to one actor, or ``None`` when it names no known actor.

    The text is read with the same rules as :func:`tidings.resolve.find_actors` but without
    the checks that guard against ordinary words in running text, since the caller already
    believes the span is an actor. When it holds several actors ("Hungarian and Romanian
    officials") the longest wins, the first on ties. A role word elsewhere in the span
    fills in the sector ("Rebels in the Ivory Coast" -> CIV rebel).

    Args:
        text: The span, e.g. ``"Israeli police"`` or ``"Kremlin spokesman Dmitry Peskov"``.
        kb: The actor knowledge base.
        as_of: Date that roles are resolved against.

    Returns:
        An :class:`~tidings.records.Actor` whose offsets refer to ``text``, or ``None``.

    Example:
        >>> kb = ActorKB.load()
        >>> actor = resolve_mention("South Korean army", kb)
        >>> (actor.country, actor.sector)
        ('KOR', 'military')
    """
    clean = text.strip()
    if not clean:
        return None
    shift = len(text) - len(text.lstrip())
    doc = text_doc(kb, clean)
    actors = [a for a in scan(doc, kb, as_of, strict=False) if a.country]
    if not actors:
        recased = _recase(clean, kb)
        if recased != clean:
            doc = text_doc(kb, recased)
            actors = [a for a in scan(doc, kb, as_of, strict=False) if a.country]
    if not actors:
        fallback = (
            _surname_actor(clean, kb, as_of)
            or _place_actor(doc, kb)
            or _misspelt_country(clean, kb)
        )
        if fallback is None:
            return None
        actors = [fallback]
    best = max(actors, key=lambda a: (a.end - a.start, -a.start))
    if best.sector is None or best.role is None:
        roles = [r for r in role_entries(doc, kb) if r[0] >= best.end or r[1] <= best.start]
        if roles:
            entry = roles[0][2]
            if best.sector is None and best.country not in ("IGO", "NGO"):
                best.sector = entry.sector
            if best.role is None and best.kb_id and best.kb_id.startswith("country:"):
                best.role = entry.role
    best.text = clean[best.start : best.end] if best.end <= len(clean) else best.text
    best.start += shift
    best.end += shift
    return best


def _surname_actor(text: str, kb: ActorKB, as_of: dt.date | None) -> Actor | None:
    """A lone surname ("Gallant") naming exactly one KB person in office on ``as_of``."""
    if as_of is None or " " in text or not text[:1].isupper():
        return None
    candidates = []
    for kb_id in kb.short.get(text, ()):
        term = kb.term_on(kb_id, as_of)
        if term is not None:
            candidates.append((kb_id, term))
    if len(candidates) != 1:
        return None
    kb_id, term = candidates[0]
    person = kb.people[kb_id]
    return Actor(
        text=text,
        name=person.name,
        country=term.country,
        sector=term.sector,
        role=term.role,
        kb_id=kb_id,
        start=0,
        end=len(text),
        rule="kb:surname+date",
    )


def _place_actor(doc: Doc, kb: ActorKB) -> Actor | None:
    """The first place name of ``doc`` (longest first): "Samarra" -> IRQ, "Gaza Strip" -> PSE."""
    n = len(doc)
    for size in range(min(4, n), 0, -1):
        for start in range(0, n - size + 1):
            span = doc[start : start + size]
            if not span[0].text[:1].isupper():
                continue
            code = kb.places.get(span.text.lower())
            if code is None and span[0].lower_ != "the":
                continue
            code = code or kb.places.get(doc[start + 1 : start + size].text.lower())
            if code:
                return Actor(
                    text=span.text,
                    name=span.text,
                    country=code,
                    start=span.start_char,
                    end=span.end_char,
                    rule="kb:place",
                )
    return None


#: Shortest country name a one-letter slip is corrected in ("Ethopia", "Quatar").
MIN_FUZZY_LENGTH = 6


def _misspelt_country(text: str, kb: ActorKB) -> Actor | None:
    """A single capitalised word one letter away from exactly one country name."""
    if " " in text or len(text) < MIN_FUZZY_LENGTH or not text[:1].isupper() or kb.lookup(text):
        return None
    names: dict[str, str] | None = kb._cache.get("country_names")
    if names is None:
        names = {
            surface: entry.country
            for surface, entries in kb.iter_entries()
            for entry in entries
            if entry.kind == "country" and entry.country and " " not in surface
        }
        kb._cache["country_names"] = names
    codes = {
        code
        for surface, code in names.items()
        if surface[:1] == text[:1]
        and abs(len(surface) - len(text)) <= 1
        and len(surface) >= MIN_FUZZY_LENGTH - 1
        and one_edit(surface, text)
    }
    if len(codes) != 1:
        return None
    code = codes.pop()
    return Actor(
        text=text,
        name=kb.country_name(code),
        country=code,
        kb_id=f"country:{code}",
        start=0,
        end=len(text),
        rule="kb:country~1",
    )


def _recase(text: str, kb: ActorKB) -> str:
    """Capitalise lower-case words that are country names or demonyms ("ethnic albanians")."""
    words = text.split(" ")
    out = []
    for word in words:
        if word.islower():
            cap = word[:1].upper() + word[1:]
            if any(e.kind in _CAPITALISABLE for e in kb.lookup(cap)):
                out.append(cap)
                continue
        out.append(word)
    return " ".join(out)
