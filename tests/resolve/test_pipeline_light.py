"""find_actors with the pipeline's own light segmenter, on a whole multi-paragraph article."""

from __future__ import annotations

import datetime as dt

from tidings.nlp import load_segmenter
from tidings.resolve import ActorKB, find_actors

ARTICLE = (
    "SEOUL, June 3 — South Korean Defense Minister Shin Won-sik and his Japanese counterpart "
    "met on Sunday, Yonhap news agency reported.\n\n"
    "Shin said North Korea's latest launch violated U.N. Security Council resolutions. "
    "The North has rejected such criticism, and KCNA called the meeting a provocation.\n\n"
    "Kremlin spokesman Dmitry Peskov declined to comment."
)


def test_whole_article_with_the_pipeline_segmenter(kb: ActorKB) -> None:
    doc = load_segmenter()(ARTICLE)
    actors = find_actors(doc, kb, dt.date(2024, 6, 3))
    found = {(a.text, a.country) for a in actors}
    assert ("South Korean Defense Minister Shin Won-sik", "KOR") in found
    assert ("Shin", "KOR") in found
    assert ("The North", "PRK") in found
    assert ("KCNA", "PRK") in found
    assert ("Kremlin spokesman Dmitry Peskov", "RUS") in found
    assert ("U.N. Security Council", "IGO") in found
    for actor in actors:
        assert ARTICLE[actor.start : actor.end] == actor.text


def test_matcher_is_built_once_per_vocab(kb: ActorKB) -> None:
    nlp = load_segmenter()
    find_actors(nlp("Russia"), kb, None)
    cached = dict(kb._cache["matchers"])
    find_actors(nlp("China"), kb, None)
    assert kb._cache["matchers"] == cached
    assert id(nlp.vocab) in cached
