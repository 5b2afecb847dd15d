"""Shared fixtures: the model-backed resources are loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.config import Config

#: Public gold data lives beside the checkout; a user's fresh clone does not have it.
SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """Path to ``../shared/data``; skips the test with a reason when it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"gold data not found at {SHARED_DATA} (only CI and developers have it)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def config(tmp_path_factory: pytest.TempPathFactory) -> Config:
    """A configuration writing to a temporary database."""
    return Config(db=str(tmp_path_factory.mktemp("db") / "test.duckdb"))


@pytest.fixture(scope="session")
def resources(config: Config):  # type: ignore[no-untyped-def]
    """Full pipeline resources (spaCy model, actor KB, ontology), loaded once."""
    from tidings.pipeline import Resources

    return Resources.load(config)


@pytest.fixture(scope="session")
def nlp(resources):  # type: ignore[no-untyped-def]
    """The full spaCy pipeline."""
    return resources.nlp
