"""Finding actor mentions in a tokenised article.

:func:`find_actors` works on the light pipeline's ``Doc`` (tokenizer and sentencizer only),
so it relies on token text and capitalisation: a case-sensitive phrase matcher finds every
surface form of the knowledge base, then a left-to-right pass joins adjacent pieces into
compound mentions ("South Korean Defense Minister Shin Won-sik", "North Korea's foreign
ministry", "Kremlin spokesman Dmitry Peskov") and resolves short forms ("Kim", "Mr. Shin",
"the North") to earlier full mentions.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from dataclasses import dataclass

from spacy.lang.en import English
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.vocab import Vocab

from tidings.records import Actor
from tidings.resolve._base import Context, Item
from tidings.resolve.compose import compose
from tidings.resolve.coref import coref, prefix_actors
from tidings.resolve.kb import ActorKB, Entry, _place_key

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class _Matchers:
    """Matchers of one vocabulary."""

    vocab: Vocab
    phrases: PhraseMatcher


def _matchers(kb: ActorKB, vocab: Vocab) -> _Matchers:
    """The phrase matcher of ``kb`` for ``vocab``, built once and cached on the KB."""
    cache: dict[int, _Matchers] = kb._cache.setdefault("matchers", {})
    found = cache.get(id(vocab))
    if found is not None and found.vocab is vocab:
        return found
    tokenizer: Tokenizer = English(vocab=vocab).tokenizer
    matcher = PhraseMatcher(vocab, attr="ORTH")
    surfaces = list(kb.aliases)
    for surface, doc in zip(surfaces, tokenizer.pipe(surfaces), strict=True):
        matcher.add(surface, [doc])
    built = _Matchers(vocab=vocab, phrases=matcher)
    cache[id(vocab)] = built
    logger.debug("built actor matcher for %d surface forms", len(surfaces))
    return built


def text_doc(kb: ActorKB, text: str) -> Doc:
    """Tokenise ``text`` with a tokenizer kept on the KB (for :func:`resolve_mention`)."""
    nlp = kb._cache.get("tokenizer")
    if nlp is None:
        nlp = English()
        nlp.add_pipe("sentencizer")
        kb._cache["tokenizer"] = nlp
    doc: Doc = nlp(text)
    return doc


def _items(doc: Doc, kb: ActorKB) -> list[Item]:
    """Longest non-overlapping KB matches, in text order."""
    matchers = _matchers(kb, doc.vocab)
    strings = doc.vocab.strings
    raw = matchers.phrases(doc)
    items = [
        Item(start, end, strings[match_id], kb.aliases.get(strings[match_id], ()))
        for match_id, start, end in raw
    ]
    items.sort(key=lambda it: (-(it.end - it.start), it.start))
    used = bytearray(len(doc))
    chosen: list[Item] = []
    for item in items:
        if any(used[item.start : item.end]):
            continue
        for i in range(item.start, item.end):
            used[i] = 1
        item.kind = _kind(item)
        chosen.append(item)
    chosen.sort(key=lambda it: it.start)
    return chosen


def _kind(item: Item) -> str:
    kinds = {e.kind for e in item.entries}
    for kind in ("person", "igo", "media", "metonym", "country", "demonym", "role"):
        if kind in kinds:
            return kind
    return ""


def find_actors(doc: Doc, kb: ActorKB, as_of: dt.date | None) -> list[Actor]:
    """Find and resolve the actor mentions of a tokenised article.

    Args:
        doc: The whole article, tokenised by the light pipeline (no tagger or parser needed).
        kb: The actor knowledge base (its matcher for ``doc.vocab`` is built once and cached).
        as_of: The article's date; roles ("the South Korean president") resolve to the
            person in office on that day. ``None`` leaves such roles unresolved.

    Returns:
        Non-overlapping actors in text order, with offsets into ``doc.text``.

    Example:
        >>> import spacy
        >>> nlp = spacy.blank("en"); _ = nlp.add_pipe("sentencizer")
        >>> kb = ActorKB.load()
        >>> found = find_actors(nlp("Russian troops left."), kb, None)
        >>> [(a.text, a.country, a.sector) for a in found]
        [('Russian troops', 'RUS', 'military')]
    """
    return scan(doc, kb, as_of, strict=True)


def scan(doc: Doc, kb: ActorKB, as_of: dt.date | None, *, strict: bool) -> list[Actor]:
    """:func:`find_actors`; ``strict=False`` skips the checks against ordinary words."""
    if len(doc) == 0:
        return []
    ctx = Context(doc=doc, kb=kb, as_of=as_of, strict=strict)
    items = _items(doc, kb)
    covered: list[Item | None] = [None] * len(doc)
    for item in items:
        for t in range(item.start, item.end):
            covered[t] = item
    actors: list[Actor] = []
    taken = bytearray(len(doc))
    i = 0
    while i < len(items):
        actor, nxt = compose(ctx, items, i, covered)
        if actor is not None:
            actors.append(actor)
            span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
            if span is not None:
                for t in range(span.start, span.end):
                    taken[t] = 1
        i = max(nxt, i + 1)
    coref(ctx, covered, taken, actors)
    actors.extend(prefix_actors(ctx, taken))
    actors.sort(key=lambda a: a.start)
    return _disambiguate_places(actors, kb)


def _disambiguate_places(actors: list[Actor], kb: ActorKB) -> list[Actor]:
    """A place name several countries share ("Tripoli") takes the country the rest of the text
    names when that is one of the others and the usual one is not named elsewhere."""
    if not kb.ambiguous_places:
        return actors
    out: list[Actor] = []
    for actor in actors:
        options = kb.ambiguous_places.get(_place_key(actor.text))
        if options:
            named = {b.country for b in actors if b is not actor and b.country}
            others = (options & named) - {actor.country}
            if others and actor.country not in named and len(others) == 1:
                actor = dataclasses.replace(  # a town there, not the usual reading's government
                    actor,
                    name=actor.text,
                    country=next(iter(others)),
                    sector=None,
                    role=None,
                    kb_id=None,
                    rule=f"{actor.rule}+context",
                )
        out.append(actor)
    return out


def role_entries(doc: Doc, kb: ActorKB) -> list[tuple[int, int, Entry]]:
    """Role words of ``doc`` as (start char, end char, entry), in text order."""
    out = []
    for item in _items(doc, kb):
        if item.kind == "role":
            entry = item.first("role")
            if entry is not None:
                span = doc[item.start : item.end]
                out.append((span.start_char, span.end_char, entry))
    return out
