"""Pilot tests of what a daily reader keeps and does: notes, highlights, marks, read state and
the list filter surviving a restart (in the test's own data folder), list exports, the split
view's entity search, and the rough edges of issue 17; snapshots of the 80x24 list and of a
note in the article pane."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from textual.containers import VerticalScroll
from textual.widgets import Footer, Input, Static, TextArea
from textual.widgets._footer import FooterKey

from reader.config import data_dir
from reader.notes import Notes
from reader.tui.app import ReaderApp
from reader.tui.article_view import ArticleView
from reader.tui.filters import FilterScreen, ListFilter
from reader.tui.help_screen import HelpScreen
from reader.tui.note_screen import NoteScreen
from reader.tui.search_panel import HitList, SearchPanel
from reader.tui.split_highlights import ENTITY_STYLES, entity_tag
from reader.tui.split_screen import SplitScreen
from tests.pilot import settle
from tests.test_tui import WIDE, corpus, ready, sources  # noqa: F401 - fixtures

SPUTNIK = "sputnik-joint-statement"
MEE = "mee-leaders-call-on-russia"
NARROW = (80, 24)


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Input, "_toggle_cursor", lambda _self: None)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda _self: None)


@pytest.fixture
def out_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The current folder of the test (where exports go)."""
    folder = tmp_path / "out"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


@pytest.fixture
def samples_copy(tmp_path: Path, samples: Path) -> Path:
    folder = tmp_path / "articles"
    shutil.copytree(samples, folder)
    return folder


async def open_article(pilot, article_id: str) -> ArticleView:
    app = pilot.app
    sources(app).show_article(article_id)
    await pilot.press("enter")
    await settle(pilot)
    return app.main_screen.query_one(ArticleView)


def notes_line(app: ReaderApp) -> Static:
    return app.main_screen.query_one("#article-notes", Static)


async def test_note_marks_and_read_state_survive_a_restart(corpus: Path):  # noqa: F811
    app = ReaderApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        view = await open_article(pilot, "a")
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, NoteScreen)
        app.screen.query_one(TextArea).text = "[b]check[/b] the Geneva date"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "[b]check[/b] the Geneva date" in str(notes_line(app).render())
        assert notes_line(app).has_class("-has-notes")
        view.screen.set_focus(sources(app))
        sources(app).show_article("b")
        await pilot.press("space")
        await settle(pilot)
        assert app.marks == ("b",)
        assert "a" in app.read_ids
    assert not any(corpus.rglob("*.json"))  # nothing written in the articles folder
    assert (data_dir() / "notes.json").is_file()

    again = ReaderApp(corpus)
    async with again.run_test(size=WIDE) as pilot:
        await ready(pilot)
        assert again.marks == ("b",)
        assert "a" in again.read_ids
        assert sources(again).marks == frozenset({"b"})
        await open_article(pilot, "a")
        assert "the Geneva date" in str(notes_line(again).render())


async def test_a_note_follows_its_article_when_the_file_is_renamed(corpus: Path):  # noqa: F811
    app = ReaderApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        await open_article(pilot, "a")
        await pilot.press("a")
        await settle(pilot)
        app.screen.query_one(TextArea).text = "kept"
        await pilot.press("ctrl+s")
        await settle(pilot)
    (corpus / "a.txt").rename(corpus / "renamed.txt")
    again = ReaderApp(corpus)
    async with again.run_test(size=WIDE) as pilot:
        await ready(pilot)
        assert "renamed" in again.read_ids  # found by title, outlet and date
        await open_article(pilot, "renamed")
        assert "kept" in str(notes_line(again).render())


async def test_highlight_a_selected_passage(corpus: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: F811
    app = ReaderApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        view = await open_article(pilot, "a")
        await pilot.press("H")
        await settle(pilot)
        assert not isinstance(app.screen, NoteScreen)  # nothing selected: it says so
        monkeypatch.setattr(type(view.screen), "get_selected_text", lambda _s: "met for hours")
        await pilot.press("H")
        await settle(pilot)
        assert isinstance(app.screen, NoteScreen)
        app.screen.query_one(TextArea).text = "how long?"
        await pilot.press("ctrl+s")
        await settle(pilot)
    (record,) = Notes().records
    (highlight,) = record.highlights
    assert highlight.passage == "met for hours"
    assert highlight.note == "how long?"
    assert highlight.start > 0


async def test_filters_follow_counts_and_survive_a_restart(corpus: Path):  # noqa: F811
    app = ReaderApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        total = sources(app).article_total
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, FilterScreen)
        app.screen.query_one("#filter-since", Input).value = "2015-10"
        app.screen.query_one("#filter-until", Input).value = "2015-10"
        await pilot.press("ctrl+s")
        await settle(pilot)
        listed = sources(app).article_total
        assert 0 < listed < total
        assert all(
            sources(app).entry_at(i) is None or sources(app).entry_at(i).date.startswith("2015-10")
            for i in range(sources(app).item_count())
        )  # type: ignore[union-attr]
        assert "2015-10..2015-10" in str(app.status.render())
    again = ReaderApp(corpus)
    async with again.run_test(size=WIDE) as pilot:
        await ready(pilot)
        assert sources(again).list_filter == ListFilter("2015-10", "2015-10")
        assert sources(again).article_total == listed
        await pilot.press("F")
        await settle(pilot)
        assert sources(again).article_total == total


async def test_unread_only_and_u(corpus: Path):  # noqa: F811
    app = ReaderApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        total = sources(app).article_total
        sources(app).list_filter = ListFilter(unread=True)
        await open_article(pilot, "a")
        await settle(pilot)
        assert sources(app).article_total == total - 1
        app.main_screen.set_focus(sources(app))
        sources(app).list_filter = ListFilter()
        sources(app).show_article("a")
        await pilot.press("u")
        await settle(pilot)
        assert "a" not in app.read_ids
        assert any("unread" in n.message for n in app._notifications)


async def test_invalid_filter_date_is_refused(corpus: Path):  # noqa: F811
    app = ReaderApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        await pilot.press("f")
        await settle(pilot)
        app.screen.query_one("#filter-since", Input).value = "[b]oct"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FilterScreen)
        assert "is not a date" in str(app.screen.query_one("#filter-message", Static).render())


async def test_export_marked_and_hits(samples_copy: Path, out_folder: Path):
    app = ReaderApp(samples_copy)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        for article_id in (SPUTNIK, MEE):
            sources(app).show_article(article_id)
            await pilot.press("space")
        await pilot.press("e")
        await settle(pilot)
        rows = list(csv.reader((out_folder / "list-marked-articles.csv").open(encoding="utf-8")))
        assert rows[0] == ["title", "outlet", "date", "url", "id"]
        assert {r[4] for r in rows[1:]} == {SPUTNIK, MEE}
        assert "| title | outlet | date | url | id |" in (
            out_folder / "list-marked-articles.md"
        ).read_text("utf-8")
        await pilot.press("slash")
        await pilot.press(*"lavrov")
        await settle(pilot)
        app.main_screen.query_one(HitList).focus()
        await pilot.press("e")
        await settle(pilot)
        assert (out_folder / "list-search-lavrov.csv").is_file()
    assert not list(samples_copy.glob("list-*"))


async def test_export_a_story(samples_copy: Path, out_folder: Path):
    from reader.tui.stories_screen import StoriesScreen, StoryList

    app = ReaderApp(samples_copy)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        await pilot.press("S")
        await settle(pilot)
        assert isinstance(app.screen, StoriesScreen)
        story = app.screen.query_one(StoryList).stories[0]
        await pilot.press("e")
        await settle(pilot)
    (written,) = out_folder.glob("list-story-*.csv")
    rows = list(csv.reader(written.open(encoding="utf-8")))
    assert [r[4] for r in rows[1:]] == [a.id for a in story.articles]


async def test_note_search_in_the_field(corpus: Path):  # noqa: F811
    app = ReaderApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        await open_article(pilot, "a")
        await pilot.press("a")
        await settle(pilot)
        app.screen.query_one(TextArea).text = "Follow up with the delegates"
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("slash", *"note:delegates")
        await settle(pilot)
        assert [h.id for h in app.main_screen.query_one(HitList).hits] == ["a"]


async def test_split_export_holds_the_notes(samples_copy: Path, out_folder: Path):
    notes = Notes()
    app = ReaderApp(samples_copy, split=(SPUTNIK, MEE))
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        await settle(pilot)
        assert isinstance(app.screen, SplitScreen)
        from reader.notes import identity

        notes.update(identity(app.screen.highlights.comparison.a), note="Sputnik's wording")
        app.notes = Notes()
        await pilot.press("e")
        await settle(pilot)
    report = next(out_folder.glob("compare-*.md")).read_text("utf-8")
    assert "## Notes:" in report
    assert "Sputnik's wording" in report


async def test_entity_search_from_the_summary(samples_copy: Path):
    app = ReaderApp(samples_copy, split=(SPUTNIK, MEE))
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SplitScreen)
        names = [getattr(i.source, "name", "") for i in screen.highlights.items]
        screen.go_to(names.index("United Kingdom"))
        await pilot.press("A")
        await settle(pilot)
        field = app.main_screen.query_one("#search-input", Input)
        assert '"Great Britain"' in field.value and '"UK"' in field.value
        assert app.main_screen.query_one(HitList).hits
        assert app.main_screen.query_one(ArticleView).article is not None


# ---------------------------------------------------------------- rough edges


async def test_at_80_columns_the_list_takes_the_full_width(samples_copy: Path):
    app = ReaderApp(samples_copy)
    async with app.run_test(size=NARROW) as pilot:
        await ready(pilot)
        assert sources(app).size.width == 80


async def test_the_article_footer_shows_help(samples_copy: Path):
    app = ReaderApp(samples_copy)
    async with app.run_test(size=NARROW) as pilot:
        await ready(pilot)
        await open_article(pilot, SPUTNIK)
        await pilot.pause()
        footer_keys = app.main_screen.query_one(Footer).query(FooterKey)
        help_key = [k for k in footer_keys if k.description == "Help"]
        assert help_key and help_key[0].region.right <= 80 - len("^p palette")


async def test_marked_notification_is_dismissed_by_the_split_view(samples_copy: Path):
    app = ReaderApp(samples_copy)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        for article_id in (SPUTNIK, MEE):
            sources(app).show_article(article_id)
            await pilot.press("space")
        assert any("Two articles marked" in n.message for n in app._notifications)
        await pilot.press("c")
        await settle(pilot)
        assert not any("Two articles marked" in n.message for n in app._notifications)


async def test_u_in_the_split_view_says_so_in_the_status_line(samples_copy: Path):
    app = ReaderApp(samples_copy, split=(SPUTNIK, MEE))
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert "unshared hidden" in str(app.screen.query_one("#split-status", Static).render())


async def test_help_scrolls_with_j_k_g_G(samples_copy: Path):
    app = ReaderApp(samples_copy)
    async with app.run_test(size=NARROW) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        body = app.screen.query_one("#help-body", VerticalScroll)
        await pilot.press("j", "j")
        await settle(pilot)
        assert body.scroll_y == 2
        await pilot.press("k")
        await settle(pilot)
        assert body.scroll_y == 1
        await pilot.press("G")
        await settle(pilot)
        assert body.scroll_y == body.max_scroll_y > 0
        await pilot.press("g")
        await settle(pilot)
        assert body.scroll_y == 0


async def test_o_without_a_browser_copies_and_shows_the_url(
    corpus: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
):
    path = corpus / "a.txt"
    path.write_text(path.read_text().replace("title:", "url: https://example.org/a\ntitle:"))
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.1 5000 10.0.0.2 22")
    app = ReaderApp(corpus)
    opened: list[str] = []
    copied: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        await open_article(pilot, "a")
        await pilot.press("o")
        await settle(pilot)
        assert opened == []
        assert copied == ["https://example.org/a"]
        (notice,) = [n for n in app._notifications if "copied" in n.title]
        assert notice.message == "https://example.org/a"


def test_shared_entities_past_the_palette_get_letter_tags():
    assert [entity_tag(i) for i in range(ENTITY_STYLES)] == [""] * ENTITY_STYLES
    tags = [entity_tag(i) for i in range(ENTITY_STYLES, ENTITY_STYLES + 200)]
    assert tags[:3] == ["a", "b", "c"] and tags[26] == "aa"
    assert len(set(tags)) == len(tags)


async def test_search_field_says_where_a_parenthesis_is_open(samples_copy: Path):
    app = ReaderApp(samples_copy)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"title:((")
        await settle(pilot)
        message = app.main_screen.query_one(SearchPanel).query_one("#search-message", Static)
        assert "(column 7)" in str(message.render())


# ---------------------------------------------------------------- snapshots


def test_snapshot_list_80x24(snap_compare, samples_copy: Path):
    async def run_before(pilot) -> None:
        await settle(pilot)
        pilot.app.clear_notifications()  # "Index updated ... (0.2 s)" depends on the clock
        await pilot.pause()

    assert snap_compare(ReaderApp(samples_copy), terminal_size=NARROW, run_before=run_before)


def test_snapshot_note_in_the_pane(snap_compare, samples_copy: Path):
    async def run_before(pilot) -> None:
        await settle(pilot)
        app = pilot.app
        sources(app).show_article(SPUTNIK)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        app.screen.query_one(TextArea).text = "Compare the list of countries with MEE's."
        await pilot.press("ctrl+s")
        await settle(pilot)
        app.clear_notifications()
        await pilot.pause()

    assert snap_compare(ReaderApp(samples_copy), terminal_size=(100, 30), run_before=run_before)
