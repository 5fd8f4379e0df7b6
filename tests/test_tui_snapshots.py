"""SVG snapshots of the reading interface at fixed terminal sizes (pytest-textual-snapshot).

Baselines live in tests/__snapshots__/ and are generated on Python 3.11 with
`pytest tests/test_tui_snapshots.py --snapshot-update`; review the report before accepting.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from reader.search import open_library
from reader.tui.app import ReaderApp
from reader.tui.source_list import SourceList
from reader.tui.themes import LIGHT
from tests.pilot import settle
from tests.test_tui import write_article

SPUTNIK = "sputnik-joint-statement"


@pytest.fixture
def indexed_samples(samples: Path) -> Path:
    """The sample articles, indexed in the test's cache folder."""
    open_library(samples).update()
    return samples


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blinking cursor would make snapshots depend on timing."""
    monkeypatch.setattr(Input, "_toggle_cursor", lambda _self: None)


def opening(article_id: str | None = None, *keys: str, theme: str | None = None):
    """A run_before coroutine: wait for the index, optionally open an article, press keys."""

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        app = pilot.app
        if theme:
            app.theme = theme
        if article_id:
            app.main_screen.query_one(SourceList).show_article(article_id)
            await pilot.press("enter")
            await settle(pilot)
        if keys:
            await pilot.press(*keys)
            await settle(pilot)

    return run_before


def test_main_screen_with_an_article(snap_compare, indexed_samples: Path):
    app = ReaderApp(indexed_samples)
    assert snap_compare(app, terminal_size=(120, 36), run_before=opening(SPUTNIK))


def test_main_screen_light_theme(snap_compare, indexed_samples: Path):
    app = ReaderApp(indexed_samples)
    assert snap_compare(app, terminal_size=(120, 36), run_before=opening(SPUTNIK, theme=LIGHT))


def test_search_results(snap_compare, indexed_samples: Path):
    app = ReaderApp(indexed_samples)
    assert snap_compare(app, terminal_size=(120, 36), run_before=opening(None, "slash", *"Lavrov"))


def test_search_hit_opened_with_current_match(snap_compare, indexed_samples: Path):
    app = ReaderApp(indexed_samples)
    assert snap_compare(
        app,
        terminal_size=(120, 36),
        run_before=opening(None, "slash", *"Lavrov", "enter", "n", "n"),
    )


def test_help(snap_compare, indexed_samples: Path):
    app = ReaderApp(indexed_samples)
    assert snap_compare(app, terminal_size=(100, 30), run_before=opening(None, "question_mark"))


def test_80x24_list(snap_compare, indexed_samples: Path):
    app = ReaderApp(indexed_samples)
    assert snap_compare(app, terminal_size=(80, 24), run_before=opening())


def test_80x24_article(snap_compare, indexed_samples: Path):
    app = ReaderApp(indexed_samples)
    assert snap_compare(app, terminal_size=(80, 24), run_before=opening(SPUTNIK))


def test_wide_characters(snap_compare, tmp_path: Path):
    write_article(
        tmp_path,
        "cjk.txt",
        "東京で会談 🌏 首脳が共同声明を発表した長い見出し",
        "東京新聞",
        "首脳は東京で会談した。🌏 共同声明を発表した。\n\nThe summit ended 🎉.",
        "2015-11-20",
    )
    write_article(
        tmp_path, "latin.txt", "A plain title for comparison", "Outlet", "Plain text.", "2015-11-21"
    )
    open_library(tmp_path).update()
    app = ReaderApp(tmp_path)
    assert snap_compare(app, terminal_size=(90, 20), run_before=opening("cjk"))
