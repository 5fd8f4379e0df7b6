"""MainScreen: the source list (or the search panel) beside the article pane, and the status line.

Below 100 columns the screen is in its narrow layout: the sidebar and the article take turns
at full width (opening an article shows it, Escape goes back to the list).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer
from textual.worker import Worker, WorkerState

from reader.tui.article_view import ArticleView
from reader.tui.bindings import binding
from reader.tui.daily import keep_read, record_of
from reader.tui.filters import ListFilter, from_state
from reader.tui.messages import OpenArticle, ToggleMark, ToggleRead
from reader.tui.search_panel import HitList, SearchPanel
from reader.tui.source_list import SourceList
from reader.tui.state import save_state
from reader.tui.status_line import StatusLine
from reader.tui.text import notify_error, safe

if TYPE_CHECKING:
    from reader.corpus import Article
    from reader.search import CatalogEntry, Library
    from reader.tui.app import ReaderApp


class MainScreen(Screen[None]):
    """The reading screen: sources or search on the left, the article on the right."""

    if TYPE_CHECKING:
        app = getters.app(ReaderApp)

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "Search", id="main.search"),
        Binding("escape", "back", "Back", show=False, id="main.back"),
        Binding("tab", "app.focus_next", "Next pane", show=False, id="main.next-pane"),
        Binding(
            "shift+tab", "app.focus_previous", "Previous pane", show=False, id="main.previous-pane"
        ),
        Binding("b", "toggle_sidebar", "Sources", id="main.toggle-sources"),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | / | Search: focus the search field. |
    | escape | Go back: from the article to the list, from the search to the sources. |
    | tab | Focus the next pane. |
    | shift+tab | Focus the previous pane. |
    | b | Show or hide the source list. |
    """

    @dataclass
    class ArticleLoaded(Message):
        """An article was read from the library (posted from the loading worker)."""

        article: Article
        query: str | None
        matches: list[tuple[int, int]]

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            with ContentSwitcher(initial="sources", id="sidebar"):
                sources = SourceList(id="sources")
                sources.placeholder = "Opening the index…"
                yield sources
                yield SearchPanel(id="search")
            yield ArticleView(id="article")
        yield StatusLine(id="status")
        yield Footer()

    def on_mount(self) -> None:
        problems = binding(type(self.app), "app.problems")
        self.query_one(StatusLine).problems_key = self.app.first_key(problems)
        self.watch(self.app, "marks", self._marks_changed)
        sources = self.query_one(SourceList)
        self.watch(self.app, "read_ids", sources.set_read)
        sources.list_filter = from_state(self.app.state.get("list_filter"))
        self.watch(sources, "list_filter", self._filter_changed)
        sources.focus()

    # ---------------------------------------------------------------- what the app tells us

    def show_catalog(self, entries: list[CatalogEntry], *, indexing: bool) -> None:
        """List these catalog entries in the source list."""
        sources = self.query_one(SourceList)
        sources.placeholder = "Indexing the articles…" if indexing else "No articles."
        sources.set_entries(entries)

    def _filter_changed(self, list_filter: ListFilter) -> None:
        self.query_one(StatusLine).list_filter = safe(list_filter.describe())
        if self.app.state.get("list_filter", ListFilter().to_state()) != list_filter.to_state():
            self.app.state["list_filter"] = list_filter.to_state()
            save_state(self.app.state)

    def _marks_changed(self, marks: tuple[str, ...]) -> None:
        self.query_one(SourceList).set_marks(frozenset(marks))
        self.query_one(SearchPanel).set_marks(frozenset(marks))

    # ---------------------------------------------------------------- opening articles

    @on(OpenArticle)
    def _open(self, message: OpenArticle) -> None:
        message.stop()
        self.open_article(message.article_id, message.query)

    def open_article(self, article_id: str, query: str | None = None) -> None:
        """Load an article in a worker and show it, with the matches of `query` highlighted."""
        library = self.app.library
        if library is not None:
            self._load(library, article_id, query)

    @work(thread=True, exclusive=True, group="article", exit_on_error=False)
    def _load(self, library: Library, article_id: str, query: str | None) -> None:
        article = library.article(article_id)
        matches: list[tuple[int, int]] = []
        if query:
            from reader.search import match_spans

            matches = list(match_spans(query, article.text))
        self.post_message(self.ArticleLoaded(article, query, matches))

    @on(ArticleLoaded)
    async def _loaded(self, message: ArticleLoaded) -> None:
        view = self.query_one(ArticleView)
        await view.show(message.article, message.query, message.matches)
        self.add_class("-reading")
        self.query_one(SourceList).show_article(message.article.id)
        view.focus()
        self.app.remember_article(message.article.id)
        keep_read(self.app, message.article)
        view.show_notes(record_of(self.app, message.article))

    @on(Worker.StateChanged)
    def _load_failed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "article" and event.state == WorkerState.ERROR:
            notify_error(self, event.worker.error, "Cannot open the article")

    @on(ToggleRead)
    def _toggle_read(self, message: ToggleRead) -> None:
        message.stop()
        entry = next((e for e in self.app.catalog if e.id == message.article_id), None)
        if entry is not None:
            read = entry.id not in self.app.read_ids
            keep_read(self.app, entry, read)
            self.notify(f"Marked {'read' if read else 'unread'}.", timeout=2)

    @on(ToggleMark)
    def _toggle_mark(self, message: ToggleMark) -> None:
        message.stop()
        self.app.toggle_mark(message.article_id)

    # ---------------------------------------------------------------- actions

    def action_search(self) -> None:
        self.remove_class("-reading", "-sidebar-hidden")
        self.query_one(ContentSwitcher).current = "search"
        self.query_one(SearchPanel).focus_field()

    def search_for(self, query: str, *, open_first: bool = False) -> None:
        """Show the search with `query` in the field, and its hits (the first opened too)."""
        self.action_search()
        self.query_one(SearchPanel).search_text(query, open_first=open_first)

    def action_back(self) -> None:
        switcher = self.query_one(ContentSwitcher)
        narrow_reading = self.has_class("-narrow") and self.has_class("-reading")
        if isinstance(self.focused, ArticleView) or narrow_reading:
            self.remove_class("-reading", "-sidebar-hidden")
            self.focus_sidebar()
        elif switcher.current == "search":
            switcher.current = "sources"
            self.query_one(SourceList).focus()

    def focus_sidebar(self) -> None:
        """Focus the list the sidebar shows: the hits during a search, else the sources."""
        if self.query_one(ContentSwitcher).current != "search":
            self.query_one(SourceList).focus()
        elif self.query_one(HitList).hits:
            self.query_one(HitList).focus()
        else:
            self.query_one(SearchPanel).focus_field()

    def action_toggle_sidebar(self) -> None:
        if self.has_class("-narrow"):
            self.toggle_class("-reading")
        else:
            self.toggle_class("-sidebar-hidden")
        if self.has_class("-reading") or self.has_class("-sidebar-hidden"):
            self.query_one(ArticleView).focus()
        else:
            self.focus_sidebar()
