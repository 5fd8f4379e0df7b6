"""Attack cases for the reading interface (issue 13), run by Pilot: article text that looks like
markup or holds escape sequences reaches every widget, notification and screen as plain text;
a hostile `config.yaml` or `state.yaml` never stops the app from starting or quitting.

The sections below are the kinds counted in docs/BENCHMARKS.md ("Reliability").
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from textual.pilot import Pilot

from reader.config import ConfigError, config_dir
from reader.tui.app import ReaderApp
from reader.tui.main_screen import MainScreen
from reader.tui.problems_screen import ProblemsScreen
from reader.tui.search_panel import HitList
from reader.tui.source_list import SourceList
from reader.tui.split_picker import SidePicker
from reader.tui.split_screen import SplitScreen
from reader.tui.state import load_state, state_path
from tests.pilot import settle

WIDE = (160, 44)
TITLE = "[bold red]Evil[/bold red] \x1b[2J\x1b]52;c;aGk=\x07title \u202eright"
OUTLET = "[link=https://x.test]Outlet[/link]"
MARKUP = ("[bold red]Evil[/bold red]", "[link=https://x.test]Outlet[/link]")


def _front(title: str, outlet: str) -> str:
    return (
        "---\n" + yaml.safe_dump({"title": title, "outlet": outlet}, allow_unicode=True) + "---\n"
    )


@pytest.fixture
def hostile(tmp_path: Path, samples: Path) -> Path:
    """Two sample articles of one story whose title and outlet look like markup and carry escape
    sequences, the other samples as they are, and a bad file whose name is markup."""
    folder = tmp_path / "articles"
    shutil.copytree(samples, folder)
    for name in ("sputnik-joint-statement.txt", "mee-leaders-call-on-russia.txt"):
        path = folder / name
        body = path.read_text(encoding="utf-8").split("---\n", 2)[2]
        path.write_text(_front(TITLE, OUTLET) + body, encoding="utf-8")
    (folder / "[bold]bad.txt").write_bytes(b"\x00\x01\x02binary")
    (folder / "caf\udce9.txt").write_bytes(b"")  # a name that is not UTF-8, an empty file
    return folder


def _screen_text(app: ReaderApp) -> str:
    """Everything the screen shows, as text (an SVG screenshot: markup would be gone from it)."""
    svg = app.export_screenshot()
    return svg.replace("&#160;", " ").replace("&amp;", "&")


def _assert_plain(app: ReaderApp, *expected: str) -> None:
    shown = _screen_text(app)
    for text in expected:
        assert text in shown, text
    for notification in app._notifications:
        assert "\x1b" not in notification.message and "\u202e" not in notification.message
        if "[" in notification.message or "[" in (notification.title or ""):
            assert not notification.markup, notification.message


async def _ready(pilot: Pilot) -> ReaderApp:
    await settle(pilot)
    app = pilot.app
    assert isinstance(app, ReaderApp)
    return app


async def test_titles_and_outlets_are_plain_in_the_list_and_the_article(hostile: Path):
    app = ReaderApp(hostile)
    async with app.run_test(size=WIDE) as pilot:
        await _ready(pilot)
        _assert_plain(app, "[link=https://x.test]Outlet[/link]")
        app.main_screen.query_one(SourceList).show_article("sputnik-joint-statement")
        await pilot.press("enter")
        await settle(pilot)
        _assert_plain(app, *MARKUP)


async def test_search_hits_are_plain(hostile: Path):
    app = ReaderApp(hostile)
    async with app.run_test(size=WIDE) as pilot:
        await _ready(pilot)
        await pilot.press("slash", *"Russia")
        await settle(pilot)
        assert app.main_screen.query_one(HitList).hits
        _assert_plain(app, "[bold red]Evil[/bold red]")


async def test_the_split_view_and_its_summary_are_plain(hostile: Path):
    app = ReaderApp(hostile)
    async with app.run_test(size=WIDE) as pilot:
        await _ready(pilot)
        app.open_split("sputnik-joint-statement", "mee-leaders-call-on-russia")
        await settle(pilot)
        assert isinstance(app.screen, SplitScreen) and app.screen.highlights is not None
        _assert_plain(app, *MARKUP)


async def test_the_side_picker_is_plain(hostile: Path):
    app = ReaderApp(hostile)
    async with app.run_test(size=WIDE) as pilot:
        await _ready(pilot)
        app.main_screen.open_article("presstv-lavrov-turkey")
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, SidePicker)
        _assert_plain(app, "[bold red]Evil[/bold red]")


async def test_the_problems_list_shows_a_markup_file_name_as_it_is(hostile: Path):
    app = ReaderApp(hostile)
    async with app.run_test(size=WIDE) as pilot:
        await _ready(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, ProblemsScreen)
        _assert_plain(app, "[bold]bad.txt", "caf\ufffd.txt")


async def test_the_palette_and_marks_notifications_are_plain(hostile: Path):
    app = ReaderApp(hostile)
    async with app.run_test(size=WIDE) as pilot:
        await _ready(pilot)
        sources = app.main_screen.query_one(SourceList)
        for article_id in ("sputnik-joint-statement", "mee-leaders-call-on-russia"):
            sources.show_article(article_id)
            await pilot.press("space")
        await pilot.press("ctrl+p", *"evil")
        await settle(pilot)
        _assert_plain(app)


# ---------------------------------------------------------------------------- config and state


def _write_config(text: str) -> None:
    config_dir().mkdir(parents=True, exist_ok=True)
    (config_dir() / "config.yaml").write_text(text, encoding="utf-8")


async def test_fifty_thousand_unknown_keymap_ids_are_one_notification_and_q_quits(
    samples: Path, monkeypatch: pytest.MonkeyPatch
):
    keymap = {f"nope.id{n}": "f12" for n in range(50_000)}
    _write_config(yaml.safe_dump({"keymap": keymap}))
    shown: list[str] = []
    notify = ReaderApp.notify

    def recording(self: ReaderApp, message: str, *args: Any, **kwargs: Any) -> None:
        shown.append(message)  # kept: the toast itself times out on a slow machine
        notify(self, message, *args, **kwargs)

    monkeypatch.setattr(ReaderApp, "notify", recording)
    app = ReaderApp(samples)
    async with app.run_test(size=WIDE) as pilot:
        await _ready(pilot)
        warnings = [m for m in shown if "keymap" in m]
        assert len(warnings) == 1 and "50,000 unknown binding ids" in warnings[0]
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0 or not app.is_running


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)


def test_an_alias_bomb_in_config_yaml_is_refused_with_its_reason(samples: Path):
    _write_config(BOMB)
    with pytest.raises(ConfigError, match="aliases are not allowed"):
        ReaderApp(samples)


def test_config_yaml_nested_ten_thousand_deep_is_refused(samples: Path):
    _write_config("keymap: " + "[" * 10_000 + "]" * 10_000 + "\n")
    with pytest.raises(ConfigError, match="nested deeper than"):
        ReaderApp(samples)


@pytest.mark.parametrize(
    "state",
    [
        BOMB,
        "last_article: 5\n",
        "last_article: [a, b]\ntheme: [1, 2]\n",
        "last_article: {5: 7, x: [1]}\ntheme: 12\n",
        "[" * 10_000 + "]" * 10_000,
    ],
)
async def test_a_state_file_of_any_shape_is_ignored_and_the_app_starts(samples: Path, state: str):
    state_path().parent.mkdir(parents=True, exist_ok=True)
    state_path().write_text(state, encoding="utf-8")
    loaded = load_state()
    assert not isinstance(loaded.get("last_article", {}), int)
    assert all(isinstance(v, str) for v in loaded.get("last_article", {}).values())
    app = ReaderApp(samples)
    async with app.run_test(size=WIDE) as pilot:
        await _ready(pilot)
        assert isinstance(app.screen, MainScreen)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
