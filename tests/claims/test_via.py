"""A source is never listed as relaying itself."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tidings.claims.assess import _same_actor
from tidings.config import Config
from tidings.ingest import iter_documents
from tidings.pipeline import process_batch
from tidings.records import Actor

DEMO = Path(__file__).resolve().parents[2] / "src" / "tidings" / "demo" / "corpus"


def test_same_actor_by_kb_id_or_text() -> None:
    assert _same_actor(
        Actor(text="Seoul", kb_id="country:KOR"), Actor(text="South Korea", kb_id="country:KOR")
    )
    assert _same_actor(Actor(text="Officials in Seoul"), Actor(text="officials in Seoul "))
    assert not _same_actor(Actor(text="unnamed sources"), Actor(text="NHK", kb_id="media:nhk"))


def test_demo_attributions_never_relay_themselves(resources: Any) -> None:
    docs = list(iter_documents([str(DEMO)], Config()))
    batch = process_batch(docs, resources)
    checked = 0
    for result in batch.results:
        for event in result.events:
            for att in event.attribution:
                checked += 1
                assert not any(_same_actor(v, att.source) for v in att.via), event.evidence
        for claim in result.claims:
            if claim.claimant is not None:
                assert not any(_same_actor(v, claim.claimant) for v in claim.via)
    assert checked > 20
