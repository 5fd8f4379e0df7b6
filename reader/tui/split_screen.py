"""SplitScreen: two articles side by side, with what they share highlighted, and a summary.

The comparison (`reader.analysis.comparison.compare`, cached per article versions) runs in a thread
worker; until it is ready the screen shows only its status line ("Comparing…"). Below 100
columns the panes stack vertically and the summary, when shown, takes their place.

`start_comparison(app)` is what `c` on the main screen does: the last two marked articles, or
the open article and one picked from the articles most like it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual import getters, on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.theme import Theme
from textual.widgets import Footer, Static
from textual.worker import Worker, WorkerState

from reader.tui.bindings import binding
from reader.tui.split_highlights import Highlights, Kind, build
from reader.tui.split_pane import HighlightStyles, SplitPane
from reader.tui.split_summary import SummaryList
from reader.tui.text import notify_error, plain, safe

if TYPE_CHECKING:
    from reader.tui.app import ReaderApp

_warmed = False


def warm_up(app: App[None]) -> None:
    """Load the comparison's modules and data tables in a thread (once), so that the first
    split view opens as fast as the next ones."""
    global _warmed
    if _warmed:
        return
    _warmed = True

    def load() -> None:
        from reader.analysis.entities import analyse
        from reader.analysis.matching import match_quotes
        from reader.analysis.quotes import extract_quotes

        text = 'The minister said: "The data tables of every step load only once."'
        quotes = extract_quotes(text, analyse(text))
        match_quotes(text, quotes, text, quotes)

    app.run_worker(load, thread=True, group="split-warm-up", exit_on_error=False)


def marked(app: ReaderApp) -> None:
    """An article was marked: get the comparison ready, and say how to compare two."""
    warm_up(app)
    if len(app.marks) == 2:
        app.notify(
            f"Two articles marked: press {_compare_key(app)} to compare them side by side.",
            timeout=4,
        )


def _compare_key(app: ReaderApp) -> str:
    return app.first_key(binding(type(app), "app.compare"))


def start_comparison(app: ReaderApp) -> None:
    """`c`: compare the last two marked articles, else pick the other side for the open one."""
    from reader.tui.article_view import ArticleView
    from reader.tui.main_screen import MainScreen
    from reader.tui.source_list import SourceList
    from reader.tui.split_picker import SidePicker

    if not isinstance(app.screen, MainScreen):
        return
    if len(app.marks) >= 2:
        app.open_split(*app.marks[-2:])
        return
    article = app.screen.query_one(ArticleView).article
    if article is None or app.library is None:
        mark = app.first_key(binding(SourceList, "list.mark"))
        key = _compare_key(app)
        app.notify(
            f"Mark two articles with {mark} (in the list or in search results), then "
            f"press {key}. Or open an article and press {key} to pick the other side.",
            title="Compare",
            timeout=6,
        )
        return
    warm_up(app)

    def chosen(other: str | None) -> None:
        if other:
            app.open_split(article.id, other)

    app.push_screen(SidePicker(app.library, article), chosen)


class SplitScreen(Screen[None]):
    """Two article panes (A and B) and the summary of their comparison."""

    if TYPE_CHECKING:
        app = getters.app(ReaderApp)

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="split.back"),
        Binding("right_square_bracket", "next_item", "Next shared", id="split.next-shared"),
        Binding(
            "left_square_bracket", "previous_item", "Previous shared", id="split.previous-shared"
        ),
        Binding("s", "toggle_summary", "Summary", id="split.toggle-summary"),
        Binding("u", "toggle_one_sided", "Unshared", show=False, id="split.toggle-one-sided"),
        Binding("l", "toggle_linked", "Link scroll", show=False, id="split.toggle-linked"),
        Binding("x", "swap", "Swap", id="split.swap"),
        Binding("R", "replace", "Replace", show=False, id="split.replace"),
        Binding("e", "export", "Export", id="split.export"),
        Binding("f", "find_entity", "Find", show=False, id="split.find-entity"),
        Binding("A", "entity_articles", "Articles", show=False, id="split.entity-articles"),
        Binding("tab", "app.focus_next", "Next pane", show=False, id="main.next-pane"),
        Binding(
            "shift+tab", "app.focus_previous", "Previous pane", show=False, id="main.previous-pane"
        ),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | escape | Back to where the split view was opened from. |
    | ] | Next shared entity or quote, in both panes. |
    | [ | Previous shared entity or quote, in both panes. |
    | s | Show or hide the summary. |
    | u | Show or hide what only one article has (muted). |
    | l | Link the panes' scrolling, or unlink them. |
    | x | Swap the sides. |
    | R | Replace the focused side with an article picked from those most like the other. |
    | e | Export the comparison as a Markdown report. |
    | tab | Focus the next pane. |
    | shift+tab | Focus the previous pane. |
    """

    linked: reactive[bool] = reactive(False, init=False)
    """Whether scrolling one pane scrolls the other to the same place (proportionally)."""

    current: reactive[int] = reactive(-1, init=False)
    """Index in `highlights.items` of the item the reader went to (-1: none)."""

    @dataclass
    class Compared(Message):
        """A comparison is ready (posted from the comparing worker)."""

        highlights: Highlights

    def __init__(self, a: str, b: str) -> None:
        super().__init__(classes="-loading")
        self._pair = (a, b)
        self.highlights: Highlights | None = None
        self._syncing = False

    def compose(self) -> ComposeResult:
        styles = HighlightStyles()
        yield styles
        with Horizontal(id="split-body"):
            with Container(id="split-panes"):
                yield SplitPane("A", styles, id="pane-a")
                yield SplitPane("B", styles, id="pane-b")
            yield SummaryList(id="summary")
        yield Static(Content("Comparing…"), id="split-status")
        yield Footer()

    def on_mount(self) -> None:
        a, b = self.panes
        self.watch(a, "scroll_y", lambda: self._scrolled(a, b), init=False)
        self.watch(b, "scroll_y", lambda: self._scrolled(b, a), init=False)
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        self.compare(*self._pair)

    @property
    def panes(self) -> tuple[SplitPane, SplitPane]:
        """Pane A and pane B."""
        return self.query_one("#pane-a", SplitPane), self.query_one("#pane-b", SplitPane)

    # ---------------------------------------------------------------- comparing

    def compare(self, a: str, b: str) -> None:
        """Compare two articles (ids or paths) in a worker and show them."""
        self._compare(a, b)

    @work(thread=True, exclusive=True, group="split", exit_on_error=False)
    def _compare(self, a: str, b: str) -> None:
        from reader.analysis.comparison import compare
        from reader.corpus import find_article

        library, folder = self.app.library, self.app.articles_dir
        first, second = (
            (library.article(ref) if library is not None else find_article(ref, folder))
            for ref in (a, b)
        )
        self.post_message(self.Compared(build(compare(first, second))))

    @on(Compared)
    def _compared(self, message: Compared) -> None:
        self._show(message.highlights)

    @on(Worker.StateChanged)
    def _compare_failed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "split" or event.state != WorkerState.ERROR:
            return
        notify_error(self, event.worker.error, "Cannot compare these articles", timeout=8)
        if self.highlights is None:
            self.dismiss()

    def _show(self, highlights: Highlights, item: int = -1) -> None:
        self.highlights = highlights
        comparison = highlights.comparison
        a, b = self.panes
        a.show_side(comparison.a, highlights.a)
        b.show_side(comparison.b, highlights.b)
        self.set_reactive(SplitScreen.current, -1)
        self._fill_summary(highlights)
        self._status()
        if self.has_class("-loading"):
            self.remove_class("-loading")
            a.focus()
        if item >= 0:
            self.call_after_refresh(self.go_to, item)

    def _fill_summary(self, highlights: Highlights) -> None:
        summary = self.query_one(SummaryList)
        summary.show(highlights, self.query_one(HighlightStyles).style)
        if self.current >= 0:
            summary.move_to(self.current)

    def _theme_changed(self, _theme: Theme) -> None:
        self.query_one(HighlightStyles).forget()
        if self.highlights is not None:
            for pane in self.panes:
                pane.restyle()
            self._fill_summary(self.highlights)

    # ---------------------------------------------------------------- going to items

    def go_to(self, item: int) -> None:
        """Show item `item` as current and scroll both panes to its first mention."""
        if self.highlights is None:
            return
        self.current = item
        self._syncing = True
        try:
            for pane in self.panes:
                pane.current_item = item
                offset = pane.first_offset(item)
                if offset is not None:
                    pane.scroll_to_offset(offset, immediate=True)
        finally:
            self._syncing = False
        self.query_one(SummaryList).move_to(item)

    def watch_current(self) -> None:
        self._status()

    @on(SummaryList.Chosen)
    def _chosen(self, message: SummaryList.Chosen) -> None:
        self.go_to(message.item)
        if self.has_class("-narrow") and self.has_class("-summary-open"):
            self.remove_class("-summary-open")
            self.panes[0].focus()

    @on(SummaryList.OptionSelected)
    def _selected(self, event: SummaryList.OptionSelected) -> None:
        event.stop()
        if event.option_id and event.option_id.startswith("item-"):
            self.post_message(SummaryList.Chosen(int(event.option_id.removeprefix("item-"))))

    def _step(self, delta: int) -> None:
        if self.highlights is None:
            return
        shared = self.highlights.shared
        if not shared:
            self.notify("These articles share no entity and no quote.", timeout=3)
            return
        if self.current in shared:
            position = shared.index(self.current) + delta
        else:
            position = 0 if delta > 0 else -1
        self.go_to(shared[position % len(shared)])

    def _status(self) -> None:
        status = self.query_one("#split-status", Static)
        if self.highlights is None:
            status.update(Content("Comparing…"))
            return
        comparison = self.highlights.comparison
        entities, quotes = len(comparison.shared_entities), len(comparison.shared_quotes)
        parts = [
            Content(
                f"Shared: {entities} entit{'y' if entities == 1 else 'ies'}, "
                f"{quotes} quote{'' if quotes == 1 else 's'}"
            )
        ]
        if 0 <= self.current < len(self.highlights.items):
            parts.append(_describe(self.highlights, self.current))
        if self.linked:
            parts.append(Content("linked scrolling"))
        if not self.panes[0].show_one_sided:
            parts.append(Content("unshared hidden (u)"))
        status.update(Content("  │  ").join(parts))

    # ---------------------------------------------------------------- scrolling

    def _scrolled(self, source: SplitPane, other: SplitPane) -> None:
        if not self.linked or self._syncing:
            return
        fraction = source.scroll_y / source.max_scroll_y if source.max_scroll_y else 0.0
        self._syncing = True
        try:
            other.scroll_to(y=round(fraction * other.max_scroll_y), animate=False, immediate=True)
        finally:
            self._syncing = False

    def watch_linked(self, linked: bool) -> None:
        self._status()
        if linked:
            a, b = self.panes
            source = b if b.has_focus else a
            self._scrolled(source, b if source is a else a)

    # ---------------------------------------------------------------- actions

    def action_back(self) -> None:
        if self.has_class("-narrow") and self.has_class("-summary-open"):
            self.remove_class("-summary-open")
            self.panes[0].focus()
        else:
            self.dismiss()

    def action_next_item(self) -> None:
        self._step(1)

    def action_previous_item(self) -> None:
        self._step(-1)

    def action_toggle_summary(self) -> None:
        summary = self.query_one(SummaryList)
        if self.has_class("-narrow"):
            self.toggle_class("-summary-open")
            opened = self.has_class("-summary-open")
        else:
            self.toggle_class("-summary-closed")
            opened = not self.has_class("-summary-closed")
        if opened:
            summary.focus()
        elif summary.has_focus:
            self.panes[0].focus()

    def action_find_entity(self, open_first: bool = False) -> None:
        """Search the corpus for the entity under the summary's cursor, by all its names."""
        from reader.analysis.comparison import SharedEntity
        from reader.analysis.entities import Entity
        from reader.tui.entity_search import entity_names, names_query

        items = self.highlights.items if self.highlights is not None else ()
        item = self.query_one(SummaryList).item_under_cursor()
        item = item if item >= 0 else self.current
        item = item if 0 <= item < len(items) else -1
        source = items[item].source if item >= 0 else None
        if not isinstance(source, SharedEntity | Entity):
            self.notify("Choose an entity in the summary first (s, then Enter).", timeout=4)
            return
        query = names_query(entity_names(source))
        self.dismiss()
        self.app.main_screen.search_for(query, open_first=open_first)

    def action_entity_articles(self) -> None:
        """Every article that names the chosen entity, in the hits list (the first opened)."""
        self.action_find_entity(open_first=True)

    def action_toggle_one_sided(self) -> None:
        for pane in self.panes:
            pane.show_one_sided = not pane.show_one_sided
        self._status()
        shown = self.panes[0].show_one_sided
        self.notify(
            "What only one article has is " + ("shown, muted." if shown else "hidden."), timeout=2
        )

    def action_toggle_linked(self) -> None:
        self.linked = not self.linked

    def action_swap(self) -> None:
        if self.highlights is not None:
            self._show(build(self.highlights.comparison.swapped()), self.current)

    def action_replace(self) -> None:
        from reader.tui.split_picker import SidePicker

        if self.highlights is None or self.app.library is None:
            return
        comparison = self.highlights.comparison
        replace_a = self.panes[0].has_focus
        keep = comparison.b if replace_a else comparison.a
        side = "A" if replace_a else "B"

        def chosen(other: str | None) -> None:
            if other and replace_a:
                self.compare(other, keep.id)
            elif other:
                self.compare(keep.id, other)

        self.app.push_screen(
            SidePicker(
                self.app.library,
                keep,
                (comparison.a.id, comparison.b.id),
                title=f"Replace side {side}: compare with…",
            ),
            chosen,
        )

    def action_export(self) -> None:
        from reader.report.saving import save_report
        from reader.tui.daily import notes_of

        if self.highlights is None:
            return
        comparison = self.highlights.comparison
        try:
            path = save_report(
                comparison,
                self.app.articles_dir,
                appendix=notes_of(self.app, comparison.a, comparison.b),
            )
        except OSError as exc:
            notify_error(self, exc, "The report could not be saved", timeout=8)
            return
        self.notify(safe(str(path)), title="Comparison saved (Markdown)", markup=False, timeout=8)


def _describe(highlights: Highlights, index: int) -> Content:
    """Item `index` for the status line: its name and counts, or the quote's kind."""
    from reader.analysis.comparison import SharedEntity
    from reader.analysis.entities import Entity
    from reader.analysis.matching import QuoteMatch

    item = highlights.items[index]
    source = item.source
    shared = highlights.shared
    where = f"{shared.index(index) + 1}/{len(shared)} " if item.shared else ""
    if isinstance(source, SharedEntity):
        return Content.assemble(
            where,
            plain(source.name).stylize("bold"),
            f" (A {source.a_count} · B {source.b_count})",
        )
    if isinstance(source, QuoteMatch):
        return Content(
            f"{where}quote {item.number} ({source.kind}, similarity {source.similarity:.2f})"
        )
    side = "A" if item.kind in (Kind.ONLY_A_ENTITY, Kind.ONLY_A_QUOTE) else "B"
    if isinstance(source, Entity):
        name = source.name
    else:
        name = f"“{source.text[:40]}…”" if len(source.text) > 40 else f"“{source.text}”"
    return Content.assemble(plain(name).stylize("bold"), f" (only in {side})")
