"""SearchPanel: the search field and its hits, updated as you type.

Each change of the field restarts a short debounce timer; the search then runs in a thread
worker (group "search"), so typing never waits for the index. The worker shows first results
(`reader.search.search_steps`: the best of a first pass bounded in work, said as such) at once
and replaces them in place with the complete ones. A newer query cancels the running search,
which stops at its next poll, and only the latest is searched next (typing fast never queues
one search per letter). Results for a query that is no longer in the field are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, ClassVar

from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Static
from textual.worker import Worker, WorkerState, get_current_worker

from reader.corpus import UNKNOWN_OUTLET
from reader.tui.bindings import binding
from reader.tui.messages import ExportList, OpenArticle, ToggleMark
from reader.tui.row_list import RowList
from reader.tui.text import highlighted, plain, safe, span_style

if TYPE_CHECKING:  # the search engine loads in the search worker, not at start-up
    from reader.search import Hit, Library, SearchResult
    from reader.tui.app import ReaderApp

DEBOUNCE = 0.03
"""Seconds of quiet typing before a search starts."""

LIMIT = 50
"""Hits shown per search."""

FIRST_LIMIT = 20
"""Hits shown as first results (`reader.search.first_results`): a few screens' worth, with
fewer stored articles to read and snippets to make than `LIMIT` (10 ms less at 50,000)."""


class HitList(RowList):
    """Search hits: title, outlet and date, and a two-line snippet with the matches marked."""

    ROW_HEIGHT = 5
    ROW_GAP = 1

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_mark", "Mark", id="list.mark"),
        Binding("e", "export", "Export", show=False, id="list.export"),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | space | Mark or unmark the article of the hit under the cursor. |
    | e | Export the hits as CSV and Markdown. |
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "hit-list--title",
        "hit-list--meta",
        "hit-list--match",
        "hit-list--mark",
    }
    """
    | Class | Description |
    | :- | :- |
    | `hit-list--title` | A hit's title. |
    | `hit-list--meta` | A hit's outlet and date. |
    | `hit-list--match` | A match in a snippet. |
    | `hit-list--mark` | The mark of a marked article. |
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hits: list[Hit] = []
        self.search_query: str = ""
        self.partial = False
        """Whether the hits are first results, to be completed in place."""
        self.marks: frozenset[str] = frozenset()
        self._snippets: dict[tuple[int, int], list[Content]] = {}

    def set_hits(self, query: str, hits: list[Hit]) -> None:
        """Show the hits (`reader.search.Hit`) of a query, cursor on the first."""
        self.search_query, self.hits = query, list(hits)
        self._snippets.clear()
        self.cursor = 0
        self.scroll_to(y=0, animate=False, immediate=True)
        self.items_changed()

    def replace_hits(self, hits: list[Hit]) -> None:
        """Replace first results with the complete ones in place: the same query, the
        cursor on the same row (within the new hits) and the scroll kept."""
        self.hits = list(hits)
        self._snippets.clear()
        self.items_changed()

    def set_marks(self, marks: frozenset[str]) -> None:
        """Show these article ids as marked."""
        self.marks = marks
        self.refresh()

    def current_hit(self) -> Hit | None:
        """The hit under the cursor, if any."""
        return self.hits[self.cursor] if self.hits else None

    def item_count(self) -> int:
        return len(self.hits)

    def render_item_line(self, index: int, line: int, width: int) -> Content:
        hit = self.hits[index]
        if line == 0:
            mark = ("● ", span_style(self, "hit-list--mark")) if hit.id in self.marks else ""
            return Content.assemble(
                mark, plain(hit.title).stylize(span_style(self, "hit-list--title"))
            )
        if line == 1:
            meta = " · ".join(
                safe(part) for part in (hit.outlet or UNKNOWN_OUTLET, hit.date) if part
            )
            return plain(meta).stylize(span_style(self, "hit-list--meta"))
        key = (index, width)
        if key not in self._snippets:
            snippet = highlighted(
                hit.snippet.replace("\n", " "),
                list(hit.snippet_marks),
                span_style(self, "hit-list--match"),
            )
            self._snippets[key] = snippet.wrap(max(1, width - 2))
        lines = self._snippets[key]
        return Content("  ") + lines[line - 2] if line - 2 < len(lines) else Content("")

    def on_resize(self) -> None:
        super().on_resize()
        self._snippets.clear()

    def select_item(self, index: int) -> None:
        self.post_message(OpenArticle(self.hits[index].id, self.search_query))

    def action_toggle_mark(self) -> None:
        hit = self.current_hit()
        if hit is not None:
            self.post_message(ToggleMark(hit.id))

    def action_export(self) -> None:
        if self.hits:
            self.post_message(ExportList([h.id for h in self.hits], f"search {self.search_query}"))


class SearchPanel(Vertical):
    """The search field, a line for counts, errors and suggestions, and the hits."""

    if TYPE_CHECKING:
        app = getters.app(ReaderApp)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "focus_hits", "Hits", show=False, id="search.to-hits"),
        Binding(
            "ctrl+y", "use_suggestion", "Use suggestion", show=False, id="search.use-suggestion"
        ),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | down | From the search field, move to the hits. |
    | ctrl+y | Search for the "did you mean" suggestion instead. |
    """

    @dataclass
    class Finished(Message):
        """A search finished (posted from the worker thread)."""

        result: SearchResult

    class Ended(Message):
        """A search's thread ended (finished, failed or stopped): the next may start."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._timer: Timer | None = None
        self._open_first = False
        self._suggestion: str | None = None
        self._searching = False
        self._again = False

    def compose(self) -> ComposeResult:
        yield Input(
            placeholder='Search: words, "a phrase", outlet:… (Esc to go back)', id="search-input"
        )
        yield Static("", id="search-message")
        yield HitList(id="hits")

    @property
    def query_text(self) -> str:
        """The query in the field, stripped."""
        return self.query_one("#search-input", Input).value.strip()

    def focus_field(self) -> None:
        """Put the cursor in the search field, its text selected for retyping."""
        field = self.query_one("#search-input", Input)
        field.focus()
        field.select_all()

    def search_text(self, query: str, *, open_first: bool = False) -> None:
        """Put `query` in the field and search for it now (opening the first hit if asked)."""
        field = self.query_one("#search-input", Input)
        with field.prevent(Input.Changed):
            field.value = query
        self._open_first = open_first
        self.search_now()

    @on(Input.Changed, "#search-input")
    def _changed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, self.search_now)

    @on(Input.Submitted, "#search-input")
    def _submitted(self) -> None:
        hits = self.query_one(HitList)
        if hits.partial and hits.search_query == self.query_text:
            self._open_first = True  # the complete search's first hit, when it comes
        elif self._timer is None and hits.hits and hits.search_query == self.query_text:
            self._open_current()
        else:
            self._open_first = True
            self.search_now()

    def search_now(self) -> None:
        """Search for the field's query now, or as soon as the running search ends."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        query = self.query_text
        library = self.app.library
        if not query:
            self.workers.cancel_group(self, "search")
            self._again = False
            self.query_one(HitList).set_hits("", [])
            self._message(Content(""))
            return
        if library is None:
            self._message(Content("The index is still opening…"))
            return
        if self._searching:
            self._again = True
            self.workers.cancel_group(self, "search")  # the search stops at its next poll
            return
        self._searching = True
        self._search(library, query)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, library: Library, query: str) -> None:
        from reader.notes.search import search_with_notes, split_note_terms
        from reader.search import SearchStopped, first_results, stoppable

        worker = get_current_worker()
        try:
            with stoppable(lambda: worker.is_cancelled):
                first = None
                if not split_note_terms(query).terms:
                    first = first_results(library, query, FIRST_LIMIT, typing=True)
                if first is not None and first.total > len(first.hits):
                    first = replace(first, partial=True)  # complete, but LIMIT hits to come
                if first is not None and not worker.is_cancelled:
                    self.post_message(self.Finished(first))
                if first is None or first.partial:
                    notes = self.app.notes
                    result = search_with_notes(library, query, LIMIT, notes=notes, typing=True)
                    if not worker.is_cancelled:
                        self.post_message(self.Finished(result))
        except SearchStopped:
            pass
        finally:
            self.post_message(self.Ended())

    @on(Finished)
    def _finished(self, message: Finished) -> None:
        result = message.result
        if result.query.strip() != self.query_text:
            return
        hits = self.query_one(HitList)
        if hits.hits and hits.search_query == result.query and hits.partial:
            hits.replace_hits(result.hits)  # completing first results: keep the cursor's row
        else:
            hits.set_hits(result.query, result.hits)
        hits.partial = result.partial
        self._suggestion = result.suggestion if not result.hits else None
        if result.error:
            from reader.search.position import with_column

            self._message(plain(with_column(result.error, result.query)), "-error")
        elif not result.hits:
            text = "No matches."
            if result.suggestion:
                key = self.app.first_key(binding(SearchPanel, "search.use-suggestion"))
                text += f" Did you mean “{safe(result.suggestion)}”? ({key} to use it)"
            self._message(Content(text), "-empty")
        else:
            shown = f" (first {len(result.hits)})" if result.total > len(result.hits) else ""
            many = "es" if result.total != 1 else ""
            about = "" if result.exact else "about "
            also = f" · also: {safe(', '.join(result.also[:4]))}" if result.also else ""
            count = f"{about}{result.total:,} match{many}{shown}{also}"
            if result.partial:
                self._message(Content(f"First results, completing… · {count}"))
                return  # Enter on first results opens the complete search's first hit
            self._message(Content(f"{count} · Enter opens"))
        if self._open_first:
            self._open_first = False
            if result.hits:
                self._open_current()

    @on(Worker.StateChanged)
    def _search_failed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "search" and event.state == WorkerState.ERROR:
            self._message(plain(f"Search failed: {event.worker.error}"), "-error")

    @on(Ended)
    def _search_ended(self) -> None:
        # Not on the worker's state: a cancelled thread worker is "cancelled" at once, while
        # its thread runs on until the search polls; one search runs at a time.
        self._searching = False
        if self._again:
            self._again = False
            self.search_now()

    def _open_current(self) -> None:
        # Posted from the panel itself: a message a child posts while the panel handles an
        # event counts the panel as its sender and would stop bubbling there.
        hits = self.query_one(HitList)
        hit = hits.current_hit()
        if hit is not None:
            self.post_message(OpenArticle(hit.id, hits.search_query))

    def _message(self, content: Content, kind: str = "") -> None:
        message = self.query_one("#search-message", Static)
        message.update(content)
        message.set_class(kind == "-error", "-error")
        message.set_class(kind == "-empty", "-empty")

    def action_use_suggestion(self) -> None:
        if self._suggestion:
            field = self.query_one("#search-input", Input)
            field.value = self._suggestion
            field.cursor_position = len(field.value)
            field.focus()

    def action_focus_hits(self) -> None:
        hits = self.query_one(HitList)
        if hits.hits:
            hits.focus()

    def set_marks(self, marks: frozenset[str]) -> None:
        """Show these article ids as marked among the hits."""
        self.query_one(HitList).set_marks(marks)
