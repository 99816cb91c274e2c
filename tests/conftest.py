"""Shared fixtures: settings pointed at a temporary store, and the sample corpus location."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.settings import Settings, load_settings

SAMPLE = Path(__file__).resolve().parent.parent / "corpus" / "sample"


@pytest.fixture(scope="session")
def base_settings() -> Settings:
    return load_settings()


@pytest.fixture
def settings(base_settings: Settings, tmp_path: Path) -> Settings:
    """Default settings with the store in a temporary folder."""
    return base_settings.with_run(db=str(tmp_path / "store.sqlite"))


@pytest.fixture(scope="session")
def sample_store(base_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus run once into a store (about 15 s), for tests that need the whole pipeline's output."""
    from extract.run import run

    db = tmp_path_factory.mktemp("sample") / "sample.sqlite"
    summary = run([str(SAMPLE)], base_settings.with_run(db=str(db)))
    assert not summary.interrupted and summary.claims > 0
    return db
