"""Pilot tests of the reading interface: every binding, search as you type, marks, screens.

Config and index live in temporary folders (the autouse fixture in conftest.py); tests wait on
workers and messages, never on the clock.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from textual.pilot import Pilot
from textual.widgets import Input, Static

from reader.config import ConfigError, config_dir
from reader.corpus import UNKNOWN_OUTLET
from reader.search import open_library
from reader.tui.app import ReaderApp
from reader.tui.article_view import ArticleView, Paragraph
from reader.tui.bindings import binding_ids
from reader.tui.commands import COMMANDS, ReaderCommands
from reader.tui.empty_screen import EmptyScreen
from reader.tui.help_screen import HelpScreen
from reader.tui.main_screen import MainScreen
from reader.tui.problems_screen import ProblemList, ProblemsScreen
from reader.tui.search_panel import HitList, SearchPanel
from reader.tui.source_list import SourceList
from reader.tui.state import load_state
from reader.tui.status_line import StatusLine
from reader.tui.themes import DARK, LIGHT
from tests.pilot import settle

WIDE = (120, 36)


async def ready(pilot: Pilot) -> ReaderApp:
    """Wait until the library is open and the index is up to date."""
    await settle(pilot)
    app = pilot.app
    assert isinstance(app, ReaderApp)
    assert app.main_screen.query_one(StatusLine).index_state == "up to date"
    return app


def write_article(
    folder: Path, name: str, title: str, outlet: str | None, body: str, date: str | None = None
) -> Path:
    front = (
        {"title": title} | ({"outlet": outlet} if outlet else {}) | ({"date": date} if date else {})
    )
    path = folder / name
    path.write_text(
        "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + body, encoding="utf-8"
    )
    return path


@pytest.fixture
def indexed_samples(samples: Path) -> Path:
    """The sample articles, indexed in the test's cache folder."""
    open_library(samples).update()
    return samples


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A small writable corpus: three outlets, an unknown one, CJK and emoji titles."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    write_article(
        folder,
        "a.txt",
        "Alpha talks resume",
        "Outlet One",
        "Alpha talks resume in Geneva.\n\nDelegates met for hours.",
        "2015-10-02",
    )
    write_article(
        folder,
        "b.txt",
        "Beta ceasefire holds",
        "Outlet One",
        "The ceasefire held overnight.\n\nBeta observers agree.",
        "2016-01-05",
    )
    write_article(
        folder,
        "c.txt",
        "東京で会談 🌏 summit",
        "Outlet Two",
        "Leaders met in Tokyo.\n\nThe summit ended.",
        "2015-11-20",
    )
    write_article(
        folder,
        "d.txt",
        "Zulu report without outlet",
        None,
        "Nobody says who wrote this.\n\nIt is still news.",
    )
    return folder


def sources(app: ReaderApp) -> SourceList:
    return app.main_screen.query_one(SourceList)


def article_view(app: ReaderApp) -> ArticleView:
    return app.main_screen.query_one(ArticleView)


def rows(source_list: SourceList) -> list[str]:
    width = source_list.scrollable_content_region.width
    return [
        source_list.render_item_line(i, 0, width).plain.rstrip()
        for i in range(source_list.item_count())
    ]


# ---------------------------------------------------------------------------- source list


async def test_source_list_groups_by_outlet_with_counts_and_unknown_last(corpus: Path):
    app = ReaderApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        listed = rows(sources(app))
        assert listed[0].startswith("▾ Outlet One") and listed[0].endswith("2")
        assert listed[1].strip().startswith("Beta ceasefire holds")  # newest first
        assert listed[1].endswith("2016-01-05")
        assert listed[3].startswith("▾ Outlet Two") and listed[3].endswith("1")
        assert listed[5].startswith(f"▾ {UNKNOWN_OUTLET}")
        assert app.main_screen.query_one(StatusLine).render().plain.startswith("4 articles")


async def test_sort_key_switches_between_date_and_title(corpus: Path):
    app = ReaderApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        await pilot.press("s")
        assert sources(app).sort == "title"
        assert rows(sources(app))[1].strip().startswith("Alpha talks resume")
        await pilot.press("s")
        assert sources(app).sort == "date"
        assert rows(sources(app))[1].strip().startswith("Beta ceasefire holds")


async def test_list_navigation_keys(corpus: Path):
    app = ReaderApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        source_list = sources(app)
        assert source_list.has_focus and source_list.cursor == 1
        await pilot.press("j")
        assert source_list.cursor == 2
        await pilot.press("down")
        assert source_list.cursor == 3
        await pilot.press("k", "up")
        assert source_list.cursor == 1
        await pilot.press("G")
        assert source_list.cursor == source_list.item_count() - 1
        await pilot.press("g")
        assert source_list.cursor == 0
        await pilot.press("end")
        assert source_list.cursor == source_list.item_count() - 1
        await pilot.press("home")
        assert source_list.cursor == 0
        await pilot.press("pagedown")
        assert source_list.cursor == source_list.item_count() - 1  # shorter than a page
        await pilot.press("pageup")
        assert source_list.cursor == 0


async def test_collapse_and_expand_outlets_by_key_and_click(corpus: Path):
    app = ReaderApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        source_list = sources(app)
        total = source_list.item_count()
        await pilot.press("h")  # from an article: folds its outlet, cursor on the outlet
        assert source_list.cursor == 0 and source_list.item_count() == total - 2
        assert rows(source_list)[0].startswith("▸ Outlet One")
        await pilot.press("l")
        assert source_list.item_count() == total
        await pilot.press("left", "right")
        assert source_list.item_count() == total
        await pilot.press("enter")  # Enter on an outlet folds it too
        assert source_list.item_count() == total - 2
        await pilot.click(SourceList, offset=(2, 0))
        assert source_list.item_count() == total


async def test_enter_opens_the_article_and_escape_and_tab_move_between_panes(corpus: Path):
    app = ReaderApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await settle(pilot)
        view = article_view(app)
        assert view.article.title == "Beta ceasefire holds" and view.has_focus
        assert (
            app.main_screen.query_one("#article-meta", Static)
            .render()
            .plain.startswith("Outlet One · 2016-01-05")
        )
        assert [p.render().plain for p in view.query(Paragraph)] == [
            "The ceasefire held overnight.\n\nBeta observers agree."
        ]
        await pilot.press("escape")
        assert sources(app).has_focus
        await pilot.press("tab")
        assert view.has_focus, app.focused
        await pilot.press("shift+tab")
        assert sources(app).has_focus


async def test_click_opens_an_article(corpus: Path):
    app = ReaderApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        await pilot.click(SourceList, offset=(6, 4))  # Outlet Two's article
        await settle(pilot)
        assert article_view(app).article.title == "東京で会談 🌏 summit"


async def test_unknown_outlet_shows_as_such_in_the_article(corpus: Path):
    app = ReaderApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        await pilot.press("G", "enter")
        await settle(pilot)
        meta = app.main_screen.query_one("#article-meta", Static).render().plain
        assert meta == UNKNOWN_OUTLET


async def test_wide_titles_never_overflow_a_row(corpus: Path):
    app = ReaderApp(corpus)
    async with app.run_test(size=(60, 20)) as pilot:
        await ready(pilot)
        source_list = sources(app)
        width = source_list.scrollable_content_region.width
        for y in range(source_list.item_count()):
            assert source_list.render_line(y).cell_length == width


# ---------------------------------------------------------------------------- article pane


async def test_article_pane_scroll_keys(indexed_samples: Path):
    app = ReaderApp(indexed_samples)
    async with app.run_test(size=(100, 20)) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await settle(pilot)
        view = article_view(app)
        assert view.has_focus and view.max_scroll_y > 5
        await pilot.press("j", "down")
        assert view.scroll_y == 2
        await pilot.press("k")
        assert view.scroll_y == 1
        await pilot.press("G")
        assert view.scroll_y == view.max_scroll_y
        await pilot.press("g")
        assert view.scroll_y == 0
        await pilot.press("end")
        assert view.scroll_y == view.max_scroll_y
        await pilot.press("home", "pagedown")
        assert view.scroll_y > 5
        await pilot.press("pageup")
        assert view.scroll_y == 0
        await pilot.press("space")
        assert view.scroll_y > 5


async def test_mouse_wheel_scrolls_the_article(indexed_samples: Path):
    from textual.events import MouseScrollDown

    app = ReaderApp(indexed_samples)
    async with app.run_test(size=(100, 20)) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await settle(pilot)
        view = article_view(app)
        await pilot._post_mouse_events([MouseScrollDown], ArticleView, offset=(10, 5))
        await pilot.pause()
        assert view.scroll_y > 0


async def test_a_book_length_article_opens_in_a_few_large_widgets(tmp_path: Path):
    from itertools import pairwise

    from reader.tui.article_view import CHUNK_CHARS

    body = "\n\n".join(f"Paragraph {i}: " + "words and more words " * 12 for i in range(3000))
    write_article(tmp_path, "book.txt", "A book", "Outlet", body)
    app = ReaderApp(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await settle(pilot)
        widgets = list(article_view(app).query(Paragraph))
        # One widget per paragraph (3,000) took 19 s to open: runs of about CHUNK_CHARS instead.
        assert len(widgets) <= 2 * len(body) // CHUNK_CHARS + 1
        assert all(w.end - w.start <= CHUNK_CHARS for w in widgets)
        assert all(b.end - a.start > CHUNK_CHARS for a, b in pairwise(widgets))
        assert widgets[-1].render().plain.endswith("more words")


async def test_article_text_can_be_selected_and_copied(corpus: Path):
    from textual.selection import Selection

    app = ReaderApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await settle(pilot)
        paragraph = article_view(app).query(Paragraph).first()
        assert paragraph.allow_select
        app.screen.selections = {paragraph: Selection(None, None)}
        await pilot.press("ctrl+c")
        assert app.clipboard == "The ceasefire held overnight.\n\nBeta observers agree."


async def test_o_opens_the_article_url(corpus: Path, monkeypatch: pytest.MonkeyPatch):
    write_article(corpus, "e.txt", "With an address", "Outlet Three", "Body text here.")
    path = corpus / "e.txt"
    path.write_text(path.read_text().replace("title:", "url: https://example.org/a\ntitle:"))
    app = ReaderApp(corpus)
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
    monkeypatch.setattr("reader.tui.daily.browser_available", lambda: True)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        sources(app).show_article("e")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("o")
        assert opened == ["https://example.org/a"]
        await pilot.press("escape", "g", "j", "enter")  # an article without an address
        await settle(pilot)
        await pilot.press("o")
        assert opened == ["https://example.org/a"]
        assert "no web address" in list(app._notifications)[-1].message


async def test_untrusted_text_is_never_markup_or_escape_sequences(corpus: Path):
    write_article(
        corpus,
        "evil.txt",
        "[bold red]Evil[/] \x1b[31mtitle",
        "[link=x]Out[/]",
        "Body with [b]markup[/b] and \x1b]0;pwned\x07 sequences.",
    )
    app = ReaderApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        assert sources(app).show_article("evil")
        await pilot.press("enter")
        await settle(pilot)
        title = app.main_screen.query_one("#article-title", Static).render().plain
        body = " ".join(p.render().plain for p in article_view(app).query(Paragraph))
        assert "[bold red]Evil[/]" in title and "\x1b" not in title
        assert "[b]markup[/b]" in body and "\x1b" not in body and "\x07" not in body
        shown = "".join(str(sources(app).render_line(y).text) for y in range(10))
        assert "[link=x]Out[/]" in shown and "\x1b" not in shown


# ---------------------------------------------------------------------------- search


async def search_for(pilot: Pilot, text: str) -> SearchPanel:
    await pilot.press("slash", *text)
    await settle(pilot)
    return pilot.app.main_screen.query_one(SearchPanel)


async def test_search_as_you_type_shows_hits_and_enter_opens_the_first(indexed_samples: Path):
    app = ReaderApp(indexed_samples)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        panel = await search_for(pilot, "Lavrov")
        assert app.focused is panel.query_one(Input)
        hits = panel.query_one(HitList)
        assert [h.id for h in hits.hits] == [
            "presstv-lavrov-turkey",
            "trtworld-coalition-statement",
        ]
        assert panel.query_one("#search-message", Static).render().plain.startswith("2 matches")
        first = [hits.render_item_line(0, line, 40).plain for line in range(4)]
        assert first[0].startswith("Russian FM insists")
        assert first[1] == "Press TV · 2016-02"
        assert "Lavrov" in first[2] + first[3]
        await pilot.press("enter")
        await settle(pilot)
        view = article_view(app)
        assert view.article.id == "presstv-lavrov-turkey" and view.has_focus
        assert view.search_query == "Lavrov" and len(view.matches) >= 2
        assert all(view.article.text[s:e] == "Lavrov" for s, e in view.matches)


async def test_hits_are_navigable_and_escape_returns_to_them(indexed_samples: Path):
    app = ReaderApp(indexed_samples)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        panel = await search_for(pilot, "Lavrov")
        hits = panel.query_one(HitList)
        await pilot.press("down")
        assert hits.has_focus
        await pilot.press("j", "enter")
        await settle(pilot)
        assert article_view(app).article.id == "trtworld-coalition-statement"
        await pilot.press("escape")
        assert hits.has_focus and hits.cursor == 1
        await pilot.press("escape")
        assert sources(app).has_focus
        assert app.main_screen.query_one("#sidebar").current == "sources"


async def test_clicking_a_hit_opens_it(indexed_samples: Path):
    app = ReaderApp(indexed_samples)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        await search_for(pilot, "Lavrov")
        await pilot.click(HitList, offset=(5, HitList.ROW_HEIGHT + 1))
        await settle(pilot)
        assert article_view(app).article.id == "trtworld-coalition-statement"
        assert article_view(app).search_query == "Lavrov"


async def test_n_and_N_visit_matches_and_scroll_to_them(indexed_samples: Path):
    app = ReaderApp(indexed_samples)
    async with app.run_test(size=(100, 16)) as pilot:
        await ready(pilot)
        await search_for(pilot, "Syria")
        await pilot.press("enter")
        await settle(pilot)
        view = article_view(app)
        count = len(view.matches)
        assert count >= 3
        await pilot.press("n")
        assert view.current_match == 0
        await pilot.press("n", "n")
        assert view.current_match == 2
        await pilot.press("N")
        assert view.current_match == 1
        await pilot.press("N", "N")
        assert view.current_match == count - 1  # wraps around
        await pilot.pause()
        assert view.scroll_y > 0  # the last match is further down


async def test_n_without_a_search_says_so(corpus: Path):
    app = ReaderApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("n")
        assert article_view(app).current_match == -1
        assert "open the article from a search" in list(app._notifications)[-1].message


async def test_bad_query_shows_its_message_inline(indexed_samples: Path):
    app = ReaderApp(indexed_samples)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        panel = await search_for(pilot, '"joint statement')
        message = panel.query_one("#search-message", Static)
        assert "quotation mark is not closed" in message.render().plain
        assert message.has_class("-error")
        assert not panel.query_one(HitList).hits


async def test_no_matches_suggests_a_spelling(indexed_samples: Path):
    app = ReaderApp(indexed_samples)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        panel = await search_for(pilot, "Lavrvo")
        text = panel.query_one("#search-message", Static).render().plain
        assert text == "No matches. Did you mean “Lavrov”? (^y to use it)"
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert panel.query_one(Input).value == "Lavrov"
        assert len(panel.query_one(HitList).hits) == 2


async def test_only_the_latest_query_shows_results(indexed_samples: Path):
    app = ReaderApp(indexed_samples)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        panel = await search_for(pilot, "Lavrov")
        from reader.search import search

        stale = search(app.library, "Syria")
        panel.post_message(SearchPanel.Finished(stale))
        await pilot.pause()
        assert panel.query_one(HitList).search_query == "Lavrov"
        await pilot.press("backspace", "backspace")  # "Lavr" while typing: no results
        await settle(pilot)
        assert panel.query_one(HitList).search_query == "Lavr"
        await pilot.press("ctrl+a", "ctrl+k")  # an empty field clears the hits
        await settle(pilot)
        assert not panel.query_one(HitList).hits


async def test_one_search_runs_at_a_time_and_the_latest_query_wins(
    indexed_samples: Path, monkeypatch: pytest.MonkeyPatch
):
    import threading
    import time

    import reader.search

    real, running, seen, lock = reader.search.search, [0], [], threading.Lock()

    def slow_search(library, query, **options):
        with lock:
            running[0] += 1
            seen.append((query, running[0]))
        time.sleep(0.3)  # a slow index: typing outpaces it
        try:
            return real(library, query, **options)
        finally:
            with lock:
                running[0] -= 1

    monkeypatch.setattr(reader.search, "search", slow_search)
    app = ReaderApp(indexed_samples)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        for char in "Lavrov":
            await pilot.press(char)
            await pilot.pause(0.05)  # longer than the debounce: each letter starts a search
        while app.main_screen.query_one(HitList).search_query != "Lavrov":
            await pilot.pause(0.05)
        assert max(depth for _, depth in seen) == 1
        assert seen[-1][0] == "Lavrov" and len(seen) < 6
        assert len(app.main_screen.query_one(HitList).hits) == 2


async def test_search_field_takes_typed_letters_not_bindings(indexed_samples: Path):
    app = ReaderApp(indexed_samples)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        panel = await search_for(pilot, "qtp?bs/")
        assert panel.query_one(Input).value == "qtp?bs/"
        assert app.is_running and app.theme == DARK and isinstance(app.screen, MainScreen)


# ---------------------------------------------------------------------------- marks


async def test_space_marks_articles_in_the_list_and_in_hits(indexed_samples: Path):
    app = ReaderApp(indexed_samples)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        first = sources(app).current_article_id()
        await pilot.press("space")
        assert app.marks == (first,)
        assert "●" in rows(sources(app))[1]
        panel = await search_for(pilot, "Lavrov")
        await pilot.press("down", "space")
        assert app.marks == (first, "presstv-lavrov-turkey")
        assert panel.query_one(HitList).render_item_line(0, 0, 40).plain.startswith("●")
        await pilot.press("space")
        assert app.marks == (first,)


# ---------------------------------------------------------------------------- screens


async def test_problems_key_lists_file_and_reason(corpus: Path):
    (corpus / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    app = ReaderApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        status = app.main_screen.query_one(StatusLine).render().plain
        assert "1 problem (p to list)" in status
        await pilot.press("p")
        assert isinstance(app.screen, ProblemsScreen)
        line = app.screen.query_one(ProblemList).render_item_line(0, 0, 100).plain
        assert line.startswith("skipped  broken.txt — binary file")
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_a_corpus_of_bad_files_opens_the_problems_list(tmp_path: Path):
    (tmp_path / "one.txt").write_bytes(b"\x00\x00binary")
    (tmp_path / "two.md").write_text("   \n")
    app = ReaderApp(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ProblemsScreen) and app.screen.nothing_loaded
        assert app.screen.query_one(ProblemList).item_count() == 2
        assert (
            "No article in this folder"
            in app.screen.query_one("#problems-intro", Static).render().plain
        )


async def test_empty_and_missing_folders_explain_how_to_add_articles(tmp_path: Path):
    missing = tmp_path / "nowhere"
    app = ReaderApp(missing)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, EmptyScreen) and app.screen.missing
        assert "does not exist" in app.screen.query_one("#empty-title", Static).render().plain
        missing.mkdir()
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, EmptyScreen) and not app.screen.missing
        assert "front matter" in app.screen.query_one("#empty-help", Static).render().plain
        write_article(missing, "new.txt", "A new one", "Outlet", "Now there is text.")
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert sources(app).current_article_id() == "new"


async def test_help_lists_every_binding_with_its_id(corpus: Path):
    app = ReaderApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#help-table", Static).render().plain
        for binding_id in binding_ids():
            assert binding_id in table
        await pilot.press("question_mark")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("question_mark", "escape")
        assert isinstance(app.screen, MainScreen)


async def test_q_quits(corpus: Path):
    app = ReaderApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_r_updates_the_index_in_the_background(corpus: Path):
    app = ReaderApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        write_article(corpus, "late.txt", "Late arrival", "Outlet Two", "Arrived later.")
        await pilot.press("r")
        await settle(pilot)
        assert sources(app).article_total == 5
        assert "1 added" in list(app._notifications)[-1].message


async def test_status_line_shows_indexing_progress(corpus: Path):
    from reader.search import Progress

    app = ReaderApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        status = app.main_screen.query_one(StatusLine)
        status.index_state = "updating"
        status.progress = Progress(1200, 50000, 800.0, 61.0)
        assert "indexing 1,200/50,000 · 800/s · 1m01s left" in status.render().plain


async def test_palette_offers_area_verb_entries(corpus: Path):
    app = ReaderApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        assert all(": " in text for text, _, _ in COMMANDS)
        assert all(": " in c.title for c in app.get_system_commands(app.screen))
        provider = ReaderCommands(app.screen)
        found = [hit.text async for hit in provider.search("theme")]
        assert "theme: switch dark and light" in [str(text) for text in found]
        await app.run_action("app.toggle_theme")
        assert app.theme == LIGHT
        await app.run_action("app.article('next_match')")  # no article yet: harmless


# ---------------------------------------------------------------------------- layout


async def test_80x24_list_and_article_take_turns(corpus: Path):
    app = ReaderApp(corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = app.main_screen
        assert screen.has_class("-narrow")
        assert screen.query_one("#sidebar").display and not article_view(app).display
        await pilot.press("enter")
        await settle(pilot)
        assert article_view(app).display and not screen.query_one("#sidebar").display
        await pilot.press("escape")
        assert screen.query_one("#sidebar").display and sources(app).has_focus
        await pilot.press("b")
        assert article_view(app).display and article_view(app).has_focus
        await pilot.press("slash")
        assert screen.query_one("#sidebar").display


async def test_b_hides_and_shows_the_sources_on_wide_screens(corpus: Path):
    app = ReaderApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        sidebar = app.main_screen.query_one("#sidebar")
        await pilot.press("b")
        assert not sidebar.display and article_view(app).has_focus
        await pilot.press("b")
        assert sidebar.display and sources(app).has_focus


# ---------------------------------------------------------------------------- settings and state


async def test_theme_switch_is_remembered(corpus: Path):
    app = ReaderApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        assert app.theme == DARK
        await pilot.press("t")
        assert app.theme == LIGHT
    assert load_state()["theme"] == LIGHT
    again = ReaderApp(corpus)
    async with again.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert again.theme == LIGHT
        await pilot.press("t")
        assert again.theme == DARK
    assert load_state()["theme"] == DARK


async def test_config_theme_and_keymap_apply(corpus: Path):
    config_dir().mkdir(parents=True, exist_ok=True)
    config = config_dir() / "config.yaml"
    config.write_text("theme: reader-light\nkeymap:\n  main.search: ctrl+f\n  nope.nothing: x\n")
    app = ReaderApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        assert app.theme == LIGHT
        assert "theme" not in load_state()  # not chosen in the app: config.yaml still decides
        assert any("nope.nothing" in n.message for n in app._notifications), [
            n.message for n in app._notifications
        ]
        await pilot.press("slash")
        assert sources(app).has_focus  # "/" is no longer bound
        await pilot.press("ctrl+f")
        assert isinstance(app.focused, Input)
        await pilot.press("escape", "question_mark")
        table = app.screen.query_one("#help-table", Static).render().plain
        assert any("^f" in line and "main.search" in line for line in table.splitlines())
    assert config.read_text().startswith("theme: reader-light")  # never rewritten


def test_a_broken_keymap_stops_before_the_app_starts(corpus: Path):
    from reader.cli import main

    config_dir().mkdir(parents=True, exist_ok=True)
    (config_dir() / "config.yaml").write_text("keymap: [main.search]\n")
    with pytest.raises(ConfigError, match="'keymap' must map binding ids"):
        ReaderApp(corpus)
    assert main(["--articles", str(corpus)]) == 2


async def test_last_article_is_reopened(corpus: Path):
    app = ReaderApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        await pilot.press("j", "j", "j", "enter")
        await settle(pilot)
        opened = article_view(app).article.id
    again = ReaderApp(corpus)
    async with again.run_test(size=WIDE) as pilot:
        await ready(pilot)
        assert article_view(again).article.id == opened
        assert sources(again).current_article_id() == opened


async def test_a_deleted_last_article_is_ignored(corpus: Path):
    app = ReaderApp(corpus)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await settle(pilot)
    shutil.copy(corpus / "a.txt", corpus / "kept.txt")
    (corpus / "b.txt").unlink()
    again = ReaderApp(corpus)
    async with again.run_test(size=WIDE) as pilot:
        await ready(pilot)
        assert article_view(again).article is None
