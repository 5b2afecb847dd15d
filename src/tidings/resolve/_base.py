"""Shared pieces of the mention finder: match items, the pass context, token tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from tidings.records import Actor
from tidings.resolve.kb import ActorKB, Entry, Words

POSSESSIVE = frozenset({"'s", "\u2019s", "'", "\u2019"})
ANCHOR_KINDS = ("igo", "media", "metonym", "country", "demonym")


@dataclass(slots=True)
class Item:
    """A knowledge-base match over tokens ``start``..``end`` (exclusive)."""

    start: int
    end: int
    surface: str
    entries: tuple[Entry, ...]
    kind: str = ""

    def first(self, *kinds: str) -> Entry | None:
        for entry in self.entries:
            if entry.kind in kinds:
                return entry
        return None


@dataclass(slots=True)
class Context:
    """State of one pass over a document."""

    doc: Doc
    kb: ActorKB
    as_of: dt.date | None
    strict: bool = True
    short_forms: dict[str, Actor] = field(default_factory=dict)


def actor_at(doc: Doc, start: int, end: int, **fields: object) -> Actor:
    span = doc[start:end]
    actor = Actor(text=span.text, start=span.start_char, end=span.end_char)
    for key, value in fields.items():
        setattr(actor, key, value)
    return actor


def is_name_token(token: Token, words: Words) -> bool:
    text = token.text
    return (
        len(text) > 1
        and text[0].isupper()
        and not text.isupper()
        and text.replace("-", "").replace(".", "").replace("'", "").isalpha()
        and text not in words.calendar
    )


def is_sentence_opener(token: Token) -> bool:
    return bool(token.is_sent_start) or token.i == 0 or token.nbor(-1).text in {'"', "\u201c", "("}


def remember(ctx: Context, actor: Actor, forms: tuple[str, ...]) -> None:
    for form in forms:
        ctx.short_forms[form] = actor
