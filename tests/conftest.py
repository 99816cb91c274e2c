"""Shared fixtures: settings pointed at a temporary store, and the sample corpus location."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.settings import Settings, load_settings


@pytest.fixture(scope="session")
def base_settings() -> Settings:
    return load_settings()


@pytest.fixture
def settings(base_settings: Settings, tmp_path: Path) -> Settings:
    """Default settings with the store in a temporary folder."""
    return base_settings.with_run(db=str(tmp_path / "store.sqlite"))
