"""Helpers to build sentence contexts and events by hand for the claims tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from spacy.language import Language

from tidings.claims import assess
from tidings.pipeline import SentenceContext
from tidings.records import Actor, Article, Claim, Event, Evidence, Span


@dataclass
class Analysed:
    """Events and claims of a hand-built article, keyed by trigger word."""

    events: dict[str, Event] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)
    text: str = ""

    def claims_of(self, kind: str) -> list[Claim]:
        return [c for c in self.claims if c.kind == kind]


def _actor(text: str, surface: str, start_at: int = 0, **attrs: str) -> Actor:
    i = text.index(surface, start_at)
    fields = {"rule": "test", **attrs}
    return Actor(text=surface, start=i, end=i + len(surface), **fields)


def _first(actors: list[Actor], surface: str, start: int) -> list[Actor]:
    """The first actor written as ``surface`` at or after ``start`` (none for ``""``)."""
    if not surface:
        return []
    return [a for a in actors if a.text == surface and a.start >= start][:1]


Analyse = Callable[..., Analysed]


@pytest.fixture
def analyse(nlp: Language) -> Analyse:
    """Run :func:`assess` over a hand-built article.

    ``actors`` maps a surface string to Actor attributes (every occurrence is an actor);
    ``triggers`` lists trigger words (first occurrence in the text), optionally
    ``"word@source"`` or ``"word@source>target"`` to give the event sides by surface text
    (the first actor written so at or after the sentence start). As in the pipeline, each
    sentence sees the events and claims of the sentences before it.
    """

    def run(
        text: str,
        triggers: list[str],
        actors: dict[str, dict[str, str]] | None = None,
    ) -> Analysed:
        article = Article(
            id="atest",
            url=None,
            title=None,
            author=None,
            published="2024-06-12",
            source=None,
            language="en",
            text=text,
        )
        all_actors: list[Actor] = []
        for surface, attrs in (actors or {}).items():
            pos = 0
            while (i := text.find(surface, pos)) >= 0:
                all_actors.append(_actor(text, surface, i, **attrs))
                pos = i + len(surface)
        all_actors.sort(key=lambda a: a.start)
        seg = nlp.tokenizer(text)
        sents = list(nlp(text).sents) if len(text) < 2000 else [seg[:]]
        out = Analysed(text=text)
        prior_events: list[Event] = []
        used: set[str] = set()
        for sent in sents:
            start, end = sent.start_char, sent.end_char
            doc = nlp(sent.text)
            events: list[Event] = []
            for spec in triggers:
                if spec in used:
                    continue
                word, _, sides = spec.partition("@")
                src, _, tgt = sides.partition(">")
                i = text.find(word, start)
                if i < 0 or i + len(word) > end:
                    continue
                used.add(spec)
                sources = _first(all_actors, src, start)
                targets = _first(all_actors, tgt, start)
                events.append(
                    Event(
                        id=f"e-{word}",
                        article_id=article.id,
                        type="TEST",
                        mode="",
                        cameo=None,
                        quad_class=None,
                        goldstein=None,
                        source=sources,
                        target=targets,
                        status="asserted",
                        evidence=Evidence(
                            sentence=sent.text,
                            start=start,
                            end=end,
                            trigger=Span(word, i, i + len(word)),
                        ),
                    )
                )
            ctx = SentenceContext(
                article=article,
                doc=doc,
                offset=start,
                actors=[a for a in all_actors if a.start >= start and a.end <= end],
                doc_actors=all_actors,
                prior_events=list(prior_events),
                prior_claims=list(out.claims),
            )
            events, claims = assess(ctx, events)
            for event in events:
                out.events[event.id[2:]] = event
            prior_events.extend(events)
            out.claims.extend(claims)
        return out

    return run
