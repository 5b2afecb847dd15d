"""Short forms that point back to earlier mentions, and hyphenated prefixes.

"Kim", "Putin", "Mr. Shin" resolve to the last full mention with that short form; "the North"
and "the South" resolve once one of a divided pair of countries (the Koreas, the Sudans) has
been named; "U.S.-led" and "Russian-backed" yield the country of their first part.
"""

from __future__ import annotations

from tidings.records import Actor
from tidings.resolve._base import Context, Item, actor_at, is_name_token, is_sentence_opener
from tidings.resolve.kb import Words


def coref(ctx: Context, covered: list[Item | None], taken: bytearray, actors: list[Actor]) -> None:
    """Resolve short forms ("Kim", "Mr. Shin", "the North") to earlier full mentions."""
    doc = ctx.doc
    if not actors:
        return
    ordered = sorted(actors, key=lambda a: a.start)
    extra: list[Actor] = []
    for token in doc:
        if taken[token.i]:
            continue
        text = token.text
        if text in ("North", "South") and token.i > 0 and doc[token.i - 1].lower_ == "the":
            nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if nxt is not None and is_name_token(nxt, ctx.kb.words) and not taken[nxt.i]:
                continue
            code = _north_south(ordered, token.idx, text, ctx.kb.words)
            if code:
                extra.append(
                    actor_at(
                        doc,
                        token.i - 1,
                        token.i + 1,
                        name=ctx.kb.country_name(code),
                        country=code,
                        kb_id=f"country:{code}",
                        rule=f"coref:the-{text.lower()}",
                    )
                )
            continue
        if not text[:1].isupper() or text in ctx.kb.words.calendar:
            continue
        antecedent = _antecedent(ordered, ctx.short_forms, text, token.idx)
        if antecedent is None:
            continue
        start = token.i
        if start > 0 and doc[start - 1].text in ctx.kb.words.honorifics and not taken[start - 1]:
            start -= 1
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if nxt is not None and is_name_token(nxt, ctx.kb.words) and not taken[nxt.i]:
            continue  # "Kim Yo Jong" is someone else
        if start == token.i and token.i > 0:
            prev = doc[token.i - 1]
            if (
                is_name_token(prev, ctx.kb.words)
                and not taken[prev.i]
                and not is_sentence_opener(prev)
            ):
                continue
        actor = actor_at(doc, start, token.i + 1, rule="coref:surname")
        for key in ("name", "country", "sector", "role", "kb_id"):
            setattr(actor, key, getattr(antecedent, key))
        extra.append(actor)
    actors.extend(extra)


def _antecedent(ordered: list[Actor], forms: dict[str, Actor], text: str, at: int) -> Actor | None:
    actor = forms.get(text)
    if actor is None or actor.start >= at:
        return None
    return actor


def _north_south(ordered: list[Actor], at: int, word: str, words: Words) -> str | None:
    seen = [a.country for a in ordered if a.start < at and a.country]
    for pair, mapping in words.north_south:
        if any(c in pair for c in seen):
            return mapping[word]
    return None


def prefix_actors(ctx: Context, taken: bytearray) -> list[Actor]:
    doc = ctx.doc
    out: list[Actor] = []
    for token in doc:
        if taken[token.i] or "-" not in token.text[1:]:
            continue
        head = token.text.split("-", 1)[0]
        if not head[:1].isupper():
            continue
        for entry in ctx.kb.aliases.get(head, ()):
            if entry.kind in ("country", "demonym") and entry.country:
                out.append(
                    Actor(
                        text=head,
                        name=entry.name,
                        country=entry.country,
                        kb_id=entry.kb_id,
                        start=token.idx,
                        end=token.idx + len(head),
                        rule="kb:prefix",
                    )
                )
                break
    return out
