"""Pilot tests and SVG snapshots of the split view.

Config and index live in temporary folders (the autouse fixture in conftest.py); tests wait on
workers and messages, never on the clock. Snapshot baselines are generated on Python 3.11 with
`pytest tests/test_tui_split.py --snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from reader.analysis.comparison import compare
from reader.report.markdown import format_markdown
from reader.search import open_library
from reader.tui.app import ReaderApp
from reader.tui.article_view import Paragraph
from reader.tui.bindings import binding_ids
from reader.tui.main_screen import MainScreen
from reader.tui.search_panel import HitList, SearchPanel
from reader.tui.source_list import SourceList
from reader.tui.split_highlights import Kind, build, entity_style
from reader.tui.split_pane import SplitPane
from reader.tui.split_picker import CandidateList, SidePicker
from reader.tui.split_screen import SplitScreen
from reader.tui.split_summary import SummaryList
from reader.tui.themes import LIGHT
from tests.pilot import settle

SPUTNIK = "sputnik-joint-statement"
MEE = "mee-leaders-call-on-russia"
PRESSTV = "presstv-lavrov-turkey"
WIDE = (140, 40)


@pytest.fixture
def indexed_samples(samples: Path) -> Path:
    """The sample articles, indexed in the test's cache folder."""
    open_library(samples).update()
    return samples


async def split_open(pilot: Pilot) -> SplitScreen:
    """Wait until the split view shows its comparison."""
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SplitScreen) and screen.highlights is not None
    return screen


def text_of(widget) -> str:
    return widget.render().plain


def pane_text(pane: SplitPane) -> str:
    return "\n\n".join(text_of(p) for p in pane.query(Paragraph))


def styled(pane: SplitPane, start: int, end: int) -> list[str]:
    """The component styles of the spans that cover article text [start, end)."""
    return [s.style for s in pane.spans if s.start <= start and s.end >= end]


# ---------------------------------------------------------------------------- choosing


async def test_marking_two_articles_and_c_opens_the_split_view(indexed_samples: Path):
    app = ReaderApp(indexed_samples)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        sources = app.main_screen.query_one(SourceList)
        await pilot.press("c")
        assert isinstance(app.screen, MainScreen)
        assert "Mark two articles" in list(app._notifications)[-1].message
        for article_id in (SPUTNIK, MEE):
            sources.show_article(article_id)
            await pilot.press("space")
        assert app.marks == (SPUTNIK, MEE)
        assert "press c to compare them" in list(app._notifications)[-1].message
        await pilot.press("c")
        screen = await split_open(pilot)
        a, b = screen.panes
        assert a.article.id == SPUTNIK and b.article.id == MEE
        assert text_of(a.query_one("#article-title")).startswith(" A  The Turkish Foreign")
        assert text_of(a.query_one("#article-meta")) == "Sputnik · undated"
        assert text_of(b.query_one("#article-meta")) == "Middle East Eye · undated"


async def test_search_hits_can_be_marked_and_compared(indexed_samples: Path):
    app = ReaderApp(indexed_samples)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"Lavrov")
        await settle(pilot)
        hits = app.main_screen.query_one(HitList)
        assert hits.hits
        await pilot.press("down", "space", "down", "space")
        assert len(app.marks) == 2
        await pilot.press("c")
        screen = await split_open(pilot)
        assert tuple(p.article.id for p in screen.panes) == app.marks
        await pilot.press("escape")
        assert app.screen is app.main_screen
        assert app.screen.query_one(SearchPanel).display and hits.has_focus


async def test_c_on_an_open_article_picks_the_other_side_same_story_first(indexed_samples: Path):
    app = ReaderApp(indexed_samples)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        app.main_screen.open_article(SPUTNIK)
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, SidePicker)
        candidates = app.screen.query_one(CandidateList).candidates
        assert [c.id for c in candidates][-1] == PRESSTV  # another story
        assert candidates[0].id == MEE and "Islamic State" in candidates[0].shared
        assert "shared: " in app.screen.query_one(CandidateList).render_item_line(0, 1, 100).plain
        await pilot.press("enter")
        screen = await split_open(pilot)
        assert [p.article.id for p in screen.panes] == [SPUTNIK, MEE]


async def test_picker_escape_changes_nothing(indexed_samples: Path):
    app = ReaderApp(indexed_samples)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        app.main_screen.open_article(SPUTNIK)
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("escape")
        assert app.screen is app.main_screen


async def test_reader_split_opens_directly_and_escape_goes_to_the_main_screen(
    indexed_samples: Path,
):
    app = ReaderApp(indexed_samples, split=(SPUTNIK, MEE))
    async with app.run_test(size=WIDE) as pilot:
        screen = await split_open(pilot)
        assert "Shared: 13 entities, 1 quote" in text_of(screen.query_one("#split-status"))
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_articles_can_be_named_by_path(indexed_samples: Path):
    app = ReaderApp(indexed_samples, split=(str(indexed_samples / f"{SPUTNIK}.txt"), MEE))
    async with app.run_test(size=WIDE) as pilot:
        screen = await split_open(pilot)
        assert screen.panes[0].article.id == SPUTNIK


async def test_an_unknown_article_says_so_and_stays_on_the_main_screen(indexed_samples: Path):
    app = ReaderApp(indexed_samples, split=(SPUTNIK, "no-such-article"))
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        note = list(app._notifications)[-1]
        assert note.title == "Cannot compare these articles" and "no-such-article" in note.message


# ---------------------------------------------------------------------------- the view


async def test_shared_entities_have_one_style_in_both_panes_whatever_the_alias(
    indexed_samples: Path,
):
    app = ReaderApp(indexed_samples, split=(SPUTNIK, MEE))
    async with app.run_test(size=WIDE) as pilot:
        screen = await split_open(pilot)
        a, b = screen.panes
        comparison = screen.highlights.comparison
        uk = next(e for e in comparison.shared_entities if e.name == "United Kingdom")
        style = entity_style(comparison.shared_entities.index(uk))
        assert {m.text for m in uk.a_mentions} == {"Great Britain"}
        assert {"UK", "British"} <= {m.text for m in uk.b_mentions}
        for pane, mentions in ((a, uk.a_mentions), (b, uk.b_mentions)):
            for mention in mentions:
                assert style in styled(pane, mention.start, mention.end)
        assert a.highlights is b.highlights  # one table of styles for both panes and the summary
        assert a.highlights.style(style).underline  # never colour alone


async def test_shared_quotes_carry_a_matching_number_in_both_panes(indexed_samples: Path):
    app = ReaderApp(indexed_samples, split=(SPUTNIK, MEE))
    async with app.run_test(size=WIDE) as pilot:
        screen = await split_open(pilot)
        a, b = screen.panes
        assert " 1 These military operations may lead" in pane_text(a)
        assert " 1 These military actions constitute" in pane_text(b)
        match = screen.highlights.comparison.shared_quotes[0]
        assert "highlight--quote" in styled(a, match.a_start, match.a_end)
        assert "highlight--quote" in styled(b, match.b_start, match.b_end)


async def test_summary_lists_counts_quotes_with_diff_and_one_sided_items(indexed_samples: Path):
    app = ReaderApp(indexed_samples, split=(SPUTNIK, MEE))
    async with app.run_test(size=WIDE) as pilot:
        screen = await split_open(pilot)
        summary = screen.query_one(SummaryList)
        prompts = [str(summary.get_option_at_index(i).prompt) for i in range(summary.option_count)]
        assert prompts[0] == "Shared entities (13)"
        assert prompts[1] == "Islamic State  A 5 · B 18"
        quote = next(p for p in prompts if p.startswith(" 1 "))
        assert "reworded · similarity 0.52" in quote
        assert "A (the joint statement) These military operations" in quote
        assert "B (the statement) These military actions constitute" in quote
        assert "\nOnly in A · Sputnik" in prompts and "\nOnly in B · Middle East Eye" in prompts
        assert any(p.startswith("“only hit” — Francois Hollande") for p in prompts)


async def test_brackets_walk_the_shared_items_in_both_panes(indexed_samples: Path):
    app = ReaderApp(indexed_samples, split=(SPUTNIK, MEE))
    async with app.run_test(size=WIDE) as pilot:
        screen = await split_open(pilot)
        a, b = screen.panes
        shared = screen.highlights.shared
        await pilot.press("right_square_bracket")
        assert screen.current == shared[0] and a.current_item == b.current_item == shared[0]
        assert "1/14 Islamic State (A 5 · B 18)" in text_of(screen.query_one("#split-status"))
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert screen.current == shared[-2]  # wrapped round to the end, then back one
        await pilot.press("right_square_bracket")
        assert screen.current == shared[-1]
        assert screen.highlights.items[shared[-1]].kind == Kind.QUOTE
        assert a.scroll_y > 0 and b.scroll_y > 0  # the quote is not on the first screen
        summary = screen.query_one(SummaryList)
        assert summary.highlighted == summary.get_option_index(f"item-{shared[-1]}")
        assert "quote 1 (reworded" in text_of(screen.query_one("#split-status"))


async def test_choosing_a_summary_item_scrolls_both_panes_to_it(indexed_samples: Path):
    app = ReaderApp(indexed_samples, split=(SPUTNIK, MEE))
    async with app.run_test(size=WIDE) as pilot:
        screen = await split_open(pilot)
        a, b = screen.panes
        quote = next(i for i, item in enumerate(screen.highlights.items) if item.kind == Kind.QUOTE)
        summary = screen.query_one(SummaryList)
        summary.focus()
        summary.highlighted = summary.get_option_index(f"item-{quote}")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.current == quote and a.scroll_y > 0 and b.scroll_y > 0
        only_b = next(
            i for i, item in enumerate(screen.highlights.items) if item.kind == Kind.ONLY_B_ENTITY
        )
        summary.highlighted = summary.get_option_index(f"item-{only_b}")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.current == only_b and "(only in B)" in text_of(
            screen.query_one("#split-status")
        )


async def test_toggles_summary_one_sided_and_linked_scrolling(indexed_samples: Path):
    app = ReaderApp(indexed_samples, split=(SPUTNIK, MEE))
    async with app.run_test(size=WIDE) as pilot:
        screen = await split_open(pilot)
        a, b = screen.panes
        summary = screen.query_one(SummaryList)
        assert summary.display
        await pilot.press("s")
        assert not summary.display and a.has_focus
        await pilot.press("s")
        assert summary.display and summary.has_focus
        await pilot.press("tab")  # from the summary to pane A
        assert a.has_focus

        only = next(s for s in b.spans if s.style == "highlight--only")
        paragraph = next(p for p in b.query(Paragraph) if p.start <= only.start < p.end)
        muted = b.highlights.style("highlight--only")

        def muted_in_paragraph() -> bool:
            content = b._paragraph(paragraph.start, paragraph.end)
            return any(span.style == muted for span in content.spans)

        assert b.show_one_sided and muted_in_paragraph()
        await pilot.press("u")
        assert not b.show_one_sided and not muted_in_paragraph()
        await pilot.press("u")
        assert b.show_one_sided

        await pilot.press("l")
        assert screen.linked and "linked scrolling" in text_of(screen.query_one("#split-status"))
        await pilot.press("end")
        await pilot.pause()
        assert a.scroll_y == a.max_scroll_y and b.scroll_y == b.max_scroll_y
        await pilot.press("home")
        await pilot.pause()
        assert b.scroll_y == 0
        await pilot.press("l", "end")
        await pilot.pause()
        assert not screen.linked and b.scroll_y == 0


async def test_theme_switch_recolours_the_highlights(indexed_samples: Path):
    app = ReaderApp(indexed_samples, split=(SPUTNIK, MEE))
    async with app.run_test(size=WIDE) as pilot:
        screen = await split_open(pilot)
        b = screen.panes[1]
        only = next(s for s in b.spans if s.style == "highlight--only")
        paragraph = next(p for p in b.query(Paragraph) if p.start <= only.start < p.end)
        dark = b.highlights.style("highlight--only")
        await pilot.press("t")
        await pilot.pause()
        light = b.highlights.style("highlight--only")
        assert app.theme == LIGHT and light != dark
        assert light in [span.style for span in paragraph.render().spans]


async def test_swap_exchanges_the_sides_and_keeps_colours_and_the_item(indexed_samples: Path):
    app = ReaderApp(indexed_samples, split=(SPUTNIK, MEE))
    async with app.run_test(size=WIDE) as pilot:
        screen = await split_open(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket")
        before = screen.current
        styles = [e.name for e in screen.highlights.comparison.shared_entities]
        await pilot.press("x")
        await settle(pilot)
        a, b = screen.panes
        assert a.article.id == MEE and b.article.id == SPUTNIK
        assert [e.name for e in screen.highlights.comparison.shared_entities] == styles
        assert screen.current == before and a.current_item == before
        assert "Russia (A 17 · B 6)" in text_of(screen.query_one("#split-status"))


async def test_replace_the_focused_side_with_a_picked_article(indexed_samples: Path):
    app = ReaderApp(indexed_samples, split=(SPUTNIK, MEE))
    async with app.run_test(size=WIDE) as pilot:
        screen = await split_open(pilot)
        screen.panes[1].focus()
        await pilot.press("R")
        await settle(pilot)
        assert isinstance(app.screen, SidePicker)
        assert "Replace side B" in text_of(app.screen.query_one("#picker-title", Static))
        ids = [c.id for c in app.screen.query_one(CandidateList).candidates]
        assert SPUTNIK not in ids and MEE not in ids
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert screen.panes[0].article.id == SPUTNIK and screen.panes[1].article.id == ids[0]


# ---------------------------------------------------------------------------- export


async def test_export_writes_the_markdown_report_and_says_where(
    indexed_samples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    app = ReaderApp(indexed_samples, split=(SPUTNIK, MEE))
    async with app.run_test(size=WIDE) as pilot:
        screen = await split_open(pilot)
        await pilot.press("e", "e")
        first = tmp_path / f"compare-{SPUTNIK}-{MEE}.md"
        second = tmp_path / f"compare-{SPUTNIK}-{MEE}-2.md"
        assert first.read_text(encoding="utf-8") == format_markdown(screen.highlights.comparison)
        assert second.exists()  # never overwritten
        note = list(app._notifications)[-1]
        assert note.title == "Comparison saved (Markdown)" and note.message == str(second)


async def test_export_never_writes_into_the_articles_folder(
    tmp_path: Path, samples: Path, monkeypatch: pytest.MonkeyPatch
):
    import shutil

    articles = tmp_path / "articles"
    shutil.copytree(samples, articles)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(articles)
    app = ReaderApp(articles, split=(SPUTNIK, MEE))
    async with app.run_test(size=WIDE) as pilot:
        await split_open(pilot)
        await pilot.press("e")
        assert not list(articles.glob("compare-*"))
        assert (home / f"compare-{SPUTNIK}-{MEE}.md").exists()


async def test_export_failure_shows_a_message(
    indexed_samples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    nowhere = tmp_path / "gone"
    monkeypatch.setattr(Path, "cwd", classmethod(lambda cls: nowhere))
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: nowhere))
    app = ReaderApp(indexed_samples, split=(SPUTNIK, MEE))
    async with app.run_test(size=WIDE) as pilot:
        await split_open(pilot)
        await pilot.press("e")
        note = list(app._notifications)[-1]
        assert note.title == "The report could not be saved" and note.severity == "error"
        assert "gone" in note.message


# ---------------------------------------------------------------------------- layout


async def test_80x24_stacks_the_panes_and_the_summary_takes_their_place(indexed_samples: Path):
    app = ReaderApp(indexed_samples, split=(SPUTNIK, MEE))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await split_open(pilot)
        a, b = screen.panes
        summary = screen.query_one(SummaryList)
        assert screen.has_class("-narrow") and not summary.display
        assert a.region.x == b.region.x and b.region.y > a.region.y
        assert a.region.width == b.region.width >= 78 and a.region.height >= 9
        await pilot.press("s")
        panes = screen.query_one("#split-panes")
        assert summary.display and summary.has_focus and not panes.display
        quote = next(i for i, item in enumerate(screen.highlights.items) if item.kind == Kind.QUOTE)
        summary.highlighted = summary.get_option_index(f"item-{quote}")
        await pilot.press("enter")
        await pilot.pause()
        assert not summary.display and panes.display and screen.current == quote
        await pilot.press("s", "escape")
        assert isinstance(app.screen, SplitScreen) and not summary.display
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_every_split_binding_has_an_id_in_help(indexed_samples: Path):
    ids = binding_ids()
    for binding in SplitScreen.BINDINGS + SidePicker.BINDINGS:
        assert binding.id in ids
    assert "app.compare" in ids


async def test_split_keys_can_be_remapped(indexed_samples: Path):
    from reader.config import config_dir

    config_dir().mkdir(parents=True, exist_ok=True)
    (config_dir() / "config.yaml").write_text(
        "keymap:\n  split.next-shared: ctrl+n\n  app.compare: C\n"
    )
    app = ReaderApp(indexed_samples)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        app.marks = (SPUTNIK, MEE)
        await pilot.press("c")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("C")
        screen = await split_open(pilot)
        await pilot.press("right_square_bracket")
        assert screen.current == -1
        await pilot.press("ctrl+n")
        assert screen.current == screen.highlights.shared[0]


def test_highlights_put_quotes_before_the_entities_inside_them(samples: Path):
    from reader.corpus import find_article

    comparison = compare(find_article(SPUTNIK, samples), find_article(MEE, samples))
    highlights = build(comparison)
    assert len(highlights.shared) == 14
    for spans in (highlights.a, highlights.b):
        assert [s.start for s in spans] == sorted(s.start for s in spans)
        quote = next(s for s in spans if s.style == "highlight--quote")
        assert quote.label == " 1 "


# ---------------------------------------------------------------------------- snapshots


def showing(*keys: str):
    """A run_before coroutine: wait for the comparison, then press keys."""

    async def run_before(pilot: Pilot) -> None:
        await split_open(pilot)
        await pilot.press(*keys)
        await settle(pilot)

    return run_before


def test_snapshot_split_view_dark(snap_compare, indexed_samples: Path):
    app = ReaderApp(indexed_samples, split=(SPUTNIK, MEE))
    assert snap_compare(app, terminal_size=WIDE, run_before=showing("left_square_bracket"))


def test_snapshot_split_view_light(snap_compare, indexed_samples: Path):
    app = ReaderApp(indexed_samples, split=(SPUTNIK, MEE))
    assert snap_compare(app, terminal_size=WIDE, run_before=showing("t"))  # t: theme


def test_snapshot_split_view_80x24(snap_compare, indexed_samples: Path):
    app = ReaderApp(indexed_samples, split=(SPUTNIK, MEE))
    assert snap_compare(app, terminal_size=(80, 24), run_before=showing())
