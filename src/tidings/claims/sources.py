"""Turning source phrases of the parse into :class:`~tidings.records.Actor` records.

A source span is matched with the actors the resolver found in the sentence; pronouns
("he said") and definite descriptions ("the Tokyo-based broadcaster", "both countries")
are resolved against the article's earlier actors. Each source gets a kind from
:data:`tidings.records.SOURCE_KINDS`.
"""

from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan

from tidings.claims.lexicon import CueLexicon
from tidings.context import SentenceContext
from tidings.records import Actor

_OFFICIAL_SECTORS = frozenset(
    {
        "government",
        "military",
        "igo",
        "police",
        "judiciary",
        "legislature",
        "diplomatic",
        "intelligence",
        "state",
    }
)
_SPEECH_AFTER = re.compile(
    r"^,?\s+(?:(?:also|later|then|again|further|earlier|\w+ly)\s+)?(said|says|told|added|"
    r"stated|announced|wrote|noted|insisted|declared|continued|explained|warned|stressed|"
    r"confirmed|posted|tweeted)\b"
)
#: "said X", "according to X"; not "told X": whoever is told something listens.
_SPEECH_BEFORE = re.compile(r"\b(said|says|added|according to)\s*\W{0,2}$")
_PERSONAL = frozenset({"he", "she", "him", "her"})
_PLURAL = frozenset({"they", "them"})


def _overlaps(actor: Actor, start: int, end: int) -> bool:
    return actor.start < end and start < actor.end


def article_offsets(ctx: SentenceContext, span: SpacySpan) -> tuple[int, int]:
    """Article character offsets of a span of ``ctx.doc``."""
    return ctx.offset + span.start_char, ctx.offset + span.end_char


#: Roles of bodies and groups, not people: "he"/"she" never refers to them.
_BODY_ROLES = frozenset(
    {"government", "military", "presidency", "ruling party", "civilians", "police", "army",
     "navy", "parliament", "legislature", "cabinet", "administration", "court", "party",
     "ethnic group", "people", "refugees", "protesters", "rebels", "militants", "students",
     "workers", "residents", "opposition"}
)  # fmt: skip
#: Knowledge-base kinds of places and bodies.
_PLACE_KINDS = frozenset({"capital", "country", "place", "igo", "metonym"})
#: "officials in Seoul", "diplomats at the UN": a plural noun and a locative preposition
#: right before a name make the whole phrase the speaker, not the place.
_GROUP_BEFORE = re.compile(r"\b([A-Za-z][a-z]+s)\s+(?:in|at|from)\s+(?:the\s+)?$")


def _is_person_like(actor: Actor) -> bool:
    """Could this actor be a speaker referred to by "he"/"she"?"""
    if actor.sector == "media":
        return False
    last = actor.text.split()[-1] if actor.text.split() else ""
    if last.islower() and last.endswith("s") and not last.endswith("ss"):
        return False  # "Thai officials": a group
    if actor.role:
        return actor.role not in _BODY_ROLES and not actor.role.endswith("ministry")
    kind = (actor.kb_id or "").split(":")[0]
    if kind == "person":
        return True
    if kind in _PLACE_KINDS:
        return False
    return bool(actor.rule) and ("person" in actor.rule or "title" in actor.rule)


def _group_phrase(text: str, actor: Actor) -> Actor | None:
    """The speaker phrase around a place named after a group ("Officials in Seoul")."""
    ahead = text[max(0, actor.start - 40) : actor.start]
    match = _GROUP_BEFORE.search(ahead)
    if match is None:
        return None
    start = actor.start - (len(ahead) - match.start())
    return Actor(
        text=text[start : actor.end],
        name=text[start : actor.end],
        country=actor.country,
        sector=actor.sector,
        start=start,
        end=actor.end,
        rule="claims:group-in->" + actor.text,
    )


def previous_speaker(ctx: SentenceContext, before: int, *, plural: bool = False) -> Actor | None:
    """The last named speaker before article offset ``before``.

    Prefers an actor followed or preceded by a speech verb ("Lee said", "said Lee");
    falls back to the last person-like actor (or, for ``plural``, any actor).
    """
    text = ctx.article.text
    candidates = [a for a in ctx.doc_actors if a.end <= before and a.start >= 0]
    earlier = _earlier_speaker(ctx, before, plural=plural)
    for actor in reversed(candidates):
        if earlier is not None and earlier.start > actor.start:
            return earlier  # a speaker the resolver did not know ("..., Chalida told VOA.")
        after = text[actor.end : actor.end + 40]
        ahead = text[max(0, actor.start - 30) : actor.start]
        if _SPEECH_AFTER.search(after) or _SPEECH_BEFORE.search(ahead):
            group = _group_phrase(text, actor)
            if group is not None:
                if plural:  # "Officials in Seoul said they ...": the officials, not Seoul
                    return group
                continue
            if plural or _is_person_like(actor):
                return actor
    if earlier is not None:
        return earlier
    for actor in reversed(candidates):
        if plural or _is_person_like(actor):
            return actor
    return None


#: A speaker named right after a closing quotation mark: '..." Jana Horvat told reporters.',
#: '...," the minister said.'
_AFTER_QUOTE = re.compile(
    r"[\"\u201d]\s+((?:[A-Z][\w'\u2019.-]*\s+){0,3}[A-Z][\w'\u2019-]+|the\s+[a-z]+(?:\s+[a-z]+)?)"
    r"\s+(?:said|says|told|tells|added|adds|wrote|explained|noted|stressed)\b"
)
#: How far back a speaker after a quotation is looked for.
QUOTE_SPEAKER_CHARS = 600


def _quote_speaker(ctx: SentenceContext, before: int) -> Actor | None:
    """The last speaker named after a quotation before ``before`` ("...," Horvat told X.)."""
    text = ctx.article.text
    lo = max(0, before - QUOTE_SPEAKER_CHARS)
    last = None
    for match in _AFTER_QUOTE.finditer(text, lo, before):
        last = match
    if last is None:
        return None
    start, end = last.span(1)
    name = text[start:end]
    known = next((a for a in ctx.doc_actors if a.start <= start and end <= a.end), None)
    return Actor(
        text=name,
        name=known.name if known is not None else name,
        country=known.country if known is not None else None,
        sector=known.sector if known is not None else None,
        role=known.role if known is not None else None,
        kb_id=known.kb_id if known is not None else None,
        start=start,
        end=end,
        rule="claims:quote-speaker",
    )


def _earlier_speaker(ctx: SentenceContext, before: int, *, plural: bool) -> Actor | None:
    """The last source of a claim in an earlier sentence, or the last speaker named after a
    quotation, named (not a pronoun), a person or official; for "he"/"she" not a group
    ("officials in Seoul")."""
    best: Actor | None = None
    quoted = _quote_speaker(ctx, before)
    if quoted is not None and (plural or not _group_words(quoted.text)):
        best = quoted
    for claim in ctx.prior_claims:
        actor = claim.claimant
        if actor is None or actor.end > before or (actor.rule or "").startswith("claims:pron"):
            continue
        if actor.sector == "media" or not actor.text[:1].isupper():
            continue
        known_body = bool(actor.kb_id or actor.role) and not _is_person_like(actor)
        if not plural and (_group_words(actor.text) or known_body):
            continue  # a group or a known body; an unknown name may be a person
        if best is None or actor.start > best.start:
            best = actor
    return best


def _group_words(text: str) -> bool:
    """Whether a phrase is headed by a plural noun ("Officials in Seoul", "Thai officials")."""
    head = re.split(r"\s+(?:in|of|at|from|for|with)\s+", text, maxsplit=1)[0].split()
    if not head:
        return False
    word = head[-1]
    return (
        word.lower().endswith("s")
        and not word.lower().endswith("ss")
        and (word.islower() or len(head) == 1)
    )


def _countries_before(ctx: SentenceContext, before: int, n: int) -> list[Actor]:
    """The ``n`` countries named most often before ``before`` ("both countries").

    Outlets do not count; ties go to the country named last.
    """
    counts: dict[str, int] = {}
    last: dict[str, int] = {}
    first_actor: dict[str, Actor] = {}
    for actor in ctx.doc_actors:
        if actor.end > before or not actor.country or actor.sector == "media":
            continue
        counts[actor.country] = counts.get(actor.country, 0) + 1
        last[actor.country] = actor.start
        first_actor.setdefault(actor.country, actor)
    ranked = sorted(counts, key=lambda c: (-counts[c], -last[c]))[:n]
    return [first_actor[c] for c in sorted(ranked, key=lambda c: last[c])]


def source_kind(actor: Actor, span: SpacySpan | None, lex: CueLexicon) -> str:
    """The kind of a source: ``anonymous``, ``media``, ``official``, ``document``,
    ``expert``, ``organization`` or ``person``."""
    words = {t.lower_ for t in span} if span is not None else set(actor.text.lower().split())
    head = span.root.lower_ if span is not None else actor.text.lower().split()[-1]
    lemma = span.root.lemma_.lower() if span is not None else head
    src = lex.sources
    named = span is not None and any(
        t.pos_ == "PROPN" or t.ent_type_ in {"PERSON", "ORG"} for t in span
    )
    if words & src.get("anonymous_modifiers", frozenset()) - {"senior", "informed"} and not (
        actor.kb_id
    ):
        return "anonymous"
    if (
        lemma in {"source", "insider"}
        or (lemma in {"person", "people"} and "familiar" in words)
        or (
            words & {"informed", "knowledgeable", "familiar"}
            and lemma in src.get("anonymous_heads", frozenset())
        )
    ):
        return "anonymous"
    if actor.sector == "media":
        return "media"
    if actor.sector in _OFFICIAL_SECTORS:
        return "official"
    if not actor.sector and (actor.kb_id or "").startswith(("country:", "capital:")):
        return "official"  # a state named by its country ("the United States believe")
    media_head = head in src.get("media_heads", frozenset())
    if head == "agency" and "news" not in words:
        media_head = False
    if head in {"post", "times", "journal", "herald", "tribune"} and not named:
        media_head = False
    if media_head:
        return "media"
    if lemma in src.get("document_heads", frozenset()) or head in src.get(
        "document_heads", frozenset()
    ):
        return "document"
    if head in src.get("expert_heads", frozenset()) or lemma in src.get(
        "expert_heads", frozenset()
    ):
        return "expert"
    if head in src.get("official_heads", frozenset()) or lemma in src.get(
        "official_heads", frozenset()
    ):
        return "official"
    if actor.sector:
        return "organization"
    if span is not None and span.root.ent_type_ == "PERSON":
        return "person"
    if span is not None and span.root.ent_type_ in {"ORG", "NORP"}:
        return "organization"
    if head in src.get("organization_heads", frozenset()):
        return "organization"
    return "person"


def _same_name(ctx: SentenceContext, text: str) -> Actor | None:
    """An actor of the article written exactly as ``text`` (a proper name), if any."""
    if not text[:1].isupper():
        return None
    return next((a for a in ctx.doc_actors if a.text == text and a.kb_id), None)


def _appositive_actor(ctx: SentenceContext, span: SpacySpan) -> Actor | None:
    """The actor named in an apposition of the span's head ("the broadcaster NHK")."""
    for child in span.root.children:
        if child.dep_ != "appos":
            continue
        sub = ctx.doc[child.left_edge.i : child.right_edge.i + 1]
        start, end = article_offsets(ctx, sub)
        found = [a for a in ctx.actors if _overlaps(a, start, end) and a.kb_id]
        if found:
            return max(found, key=lambda a: a.end - a.start)
    return None


def resolve_source(
    ctx: SentenceContext, span: SpacySpan, lex: CueLexicon
) -> list[tuple[Actor, str]]:
    """Actors (with their kinds) for one source span of ``ctx.doc``.

    Usually one; "both countries" gives the two countries named last.
    """
    start, end = article_offsets(ctx, span)
    head_start = ctx.offset + span.root.idx
    inside = [a for a in ctx.actors if _overlaps(a, start, end)]
    root_low = span.root.lower_
    if len(span) == 1 and root_low in _PERSONAL | _PLURAL:
        prev = previous_speaker(ctx, start, plural=root_low in _PLURAL)
        if prev is not None:
            resolved = Actor(
                text=span.text,
                name=prev.name or prev.text,
                country=prev.country,
                sector=prev.sector,
                role=prev.role,
                kb_id=prev.kb_id,
                start=start,
                end=end,
                rule="claims:pronoun->" + prev.text,
            )
            return [(resolved, source_kind(prev, None, lex))]
    lowers = {t.lower_ for t in span}
    if span.root.lemma_ in {"country", "nation", "side", "government"} and lowers & {"both", "two"}:
        countries = _countries_before(ctx, start, 2)
        if len(countries) == 2:
            return [
                (
                    Actor(
                        text=span.text,
                        name=c.name,
                        country=c.country,
                        sector=c.sector,
                        kb_id=c.kb_id,
                        start=start,
                        end=end,
                        rule="claims:both->" + c.text,
                    ),
                    "official",
                )
                for c in countries
            ]
    holder = [a for a in inside if a.start <= head_start < a.end]
    if not holder:
        # "Japan's public broadcaster NHK": the actor named in the apposition
        named = _appositive_actor(ctx, span)
        if named is not None:
            return [(named, source_kind(named, span, lex))]
    if inside:
        # the actor holding the head word, else the longest one
        best = holder[0] if holder else max(inside, key=lambda a: a.end - a.start)
        if best.end - best.start >= (end - start) * 0.5 or holder:
            return [(best, source_kind(best, span, lex))]
    if not inside:
        same = _same_name(ctx, span.text)
        if same is not None:
            # a name the resolver found elsewhere in the article ("Moscow" after "Both")
            actor = Actor(
                text=span.text,
                name=same.name,
                country=same.country,
                sector=same.sector,
                role=same.role,
                kb_id=same.kb_id,
                start=start,
                end=end,
                rule="claims:same-name->" + same.text,
            )
            return [(actor, source_kind(actor, span, lex))]
    country = next((a.country for a in inside if a.country), None)
    actor = Actor(text=span.text, country=country, start=start, end=end, rule="claims:source")
    kind = source_kind(actor, span, lex)
    if kind == "media":
        actor.sector = "media"
        if span[0].lower_ == "the" and span.root.pos_ != "PROPN":
            # "the Tokyo-based broadcaster": the last outlet named before
            prev = next(
                (a for a in reversed(ctx.doc_actors) if a.end <= start and a.sector == "media"),
                None,
            )
            if prev is not None:
                actor = Actor(
                    text=span.text,
                    name=prev.name or prev.text,
                    country=prev.country,
                    sector="media",
                    kb_id=prev.kb_id,
                    start=start,
                    end=end,
                    rule="claims:outlet->" + prev.text,
                )
    elif kind == "official" and not actor.sector:
        actor.sector = "government"
    return [(actor, kind)]
