"""Pilot tests and SVG snapshots of the stories view and the story comparison.

The corpus is the invented one of tests/story_corpus.py, indexed in the test's cache folder.
Tests wait on workers and messages, never on the clock. Snapshot baselines are generated with
`pytest tests/test_tui_stories.py --snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Input, Static

from reader.search import open_library
from reader.tui.app import ReaderApp
from reader.tui.bindings import binding_ids
from reader.tui.commands import COMMANDS
from reader.tui.main_screen import MainScreen
from reader.tui.split_screen import SplitScreen
from reader.tui.stories_screen import StoriesScreen, StoryList
from reader.tui.story_screen import MatrixList, StoryScreen
from tests.pilot import settle
from tests.story_corpus import FOLLOW_UP, VALDORIA, write_story_corpus

WIDE = (160, 45)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = write_story_corpus(tmp_path / "articles")
    open_library(folder).update()
    return folder


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Input, "_toggle_cursor", lambda _self: None)


async def open_stories(pilot: Pilot) -> StoriesScreen:
    await settle(pilot)
    await pilot.press("S")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, StoriesScreen)
    return screen


async def open_story(pilot: Pilot) -> StoryScreen:
    await open_stories(pilot)
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, StoryScreen) and screen.comparison is not None
    return screen


def lines_of(widget: MatrixList) -> list[str]:
    return [widget.render_line(y).text for y in range(widget.size.height)]


async def test_s_opens_the_stories_largest_first(corpus: Path):
    app = ReaderApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_stories(pilot)
        stories = screen.query_one(StoryList).stories
        assert {a.id for a in stories[0].articles} == {*VALDORIA, FOLLOW_UP}
        status = str(screen.query_one("#stories-status", Static).render())
        assert "3 stories of 7 articles" in status
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_opening_a_story_shows_the_matrix_with_blind_spots(corpus: Path):
    app = ReaderApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_story(pilot)
        comparison = screen.comparison
        assert comparison is not None and len(comparison.articles) == 4
        text = "\n".join(lines_of(screen.query_one(MatrixList)))
        assert "Maria Ostrand" in text and "Entities" in text
        columns = str(screen.query_one("#story-columns", Static).render())
        assert "Northern Herald" in columns and "Coastal Times" in columns
        matrix = screen.query_one(MatrixList)
        quote_line = next(i for i, line in enumerate(matrix.lines) if line.quote is not None)
        matrix.cursor = quote_line
        await pilot.pause()
        detail = str(screen.query_one("#story-detail", Static).render())
        assert "searching every building" in detail or "“" in detail


async def test_a_blind_spot_is_marked_in_its_column(corpus: Path):
    app = ReaderApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_story(pilot)
        assert screen.comparison is not None
        blind = [r for r in screen.comparison.entities if r.blind_spot is not None]
        assert blind
        text = "\n".join(lines_of(screen.query_one(MatrixList)))
        assert "✗ left out" in text


async def test_two_columns_open_the_split_view(corpus: Path):
    app = ReaderApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_story(pilot)
        assert screen.comparison is not None
        ids = [a.id for a in screen.comparison.articles]
        await pilot.press("space", "right", "right", "space", "v")
        await settle(pilot)
        split = app.screen
        assert isinstance(split, SplitScreen)
        assert split._pair == (ids[0], ids[2])
        await pilot.press("escape")
        assert isinstance(app.screen, StoryScreen)


async def test_export_writes_the_markdown_report(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(out)
    app = ReaderApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await open_story(pilot)
        await pilot.press("e")
        await pilot.pause()
    reports = list(out.glob("story-*.md"))
    assert len(reports) == 1
    assert "## Blind spots" in reports[0].read_text(encoding="utf-8")


async def test_markup_in_a_title_is_shown_as_text(tmp_path: Path):
    folder = write_story_corpus(tmp_path / "articles", VALDORIA)
    path = folder / f"{VALDORIA[0]}.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Magnitude 6.8", "[bold red]Magnitude[/] 6.8"),
        encoding="utf-8",
    )
    open_library(folder).update()
    app = ReaderApp(folder)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_stories(pilot)
        story_list = screen.query_one(StoryList)
        assert "[bold red]Magnitude[/]" in story_list.render_line(0).text


def test_bindings_and_palette_entries():
    assert {"app.stories", "stories.back", "story.split", "story.export"} <= binding_ids()
    assert any(action == "app.stories" for _, action, _ in COMMANDS)


# ---------------------------------------------------------------------------- snapshots


def opening_story():
    async def run_before(pilot: Pilot) -> None:
        await open_story(pilot)

    return run_before


def test_story_comparison_160x45(snap_compare, corpus: Path):
    assert snap_compare(ReaderApp(corpus), terminal_size=(160, 45), run_before=opening_story())


def test_story_comparison_80x24(snap_compare, corpus: Path):
    assert snap_compare(ReaderApp(corpus), terminal_size=(80, 24), run_before=opening_story())


async def test_the_detail_underlines_the_words_a_report_words_differently(tmp_path: Path):
    folder = write_story_corpus(tmp_path / "articles", VALDORIA)
    path = folder / f"{VALDORIA[2]}.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("we will not stop", "we will never stop"),
        encoding="utf-8",
    )
    open_library(folder).update()
    app = ReaderApp(folder)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_story(pilot)
        matrix = screen.query_one(MatrixList)
        matrix.cursor = next(
            i
            for i, line in enumerate(matrix.lines)
            if line.quote is not None and "searching every building" in line.quote.text
        )
        await pilot.pause()
        detail = screen.query_one("#story-detail", Static)
        content = detail.content
        assert isinstance(content, Content)
        underlined = [
            content.plain[s.start : s.end] for s in content.spans if "underline" in str(s.style)
        ]
        assert underlined == ["never"]
        assert "not in report 1's wording" in content.plain


async def test_the_stories_view_places_articles_that_arrive_while_it_is_open(tmp_path: Path):
    from tests.story_corpus import SARNIA, TRAM

    folder = write_story_corpus(tmp_path / "articles", [*VALDORIA, TRAM])
    open_library(folder).update()
    app = ReaderApp(folder)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_stories(pilot)
        story_list = screen.query_one(StoryList)
        assert len(story_list.stories) == 2
        write_story_corpus(folder, SARNIA)  # two reports of another earthquake arrive
        app.action_update_index()
        await settle(pilot)
        assert app.screen is screen
        found = {frozenset(a.id for a in s.articles) for s in story_list.stories}
        assert frozenset(SARNIA) in found and frozenset(VALDORIA) in found
        status = str(screen.query_one("#stories-status", Static).render())
        assert "3 stories of 6 articles" in status
