"""Shared fixtures: every test runs with its own config and cache folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.config import bundled_path, reload_tables

SAMPLES = bundled_path("articles")


@pytest.fixture(autouse=True)
def isolated_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Keep tests away from the user's real config, index and state."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("READER_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("READER_CACHE_DIR", str(home / "cache"))
    monkeypatch.setenv("READER_LIBRARY_DIR", str(home / "library"))
    monkeypatch.setenv("READER_DATA_DIR", str(home / "data"))
    reload_tables()
    yield home
    reload_tables()


@pytest.fixture
def samples() -> Path:
    """The bundled sample articles folder (read-only to the reader)."""
    return SAMPLES
