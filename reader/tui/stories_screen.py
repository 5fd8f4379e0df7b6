"""StoriesScreen: the corpus grouped into stories, largest first, each with its outlets, dates
and why its reports are grouped. Enter opens the story comparison (`story_screen.StoryScreen`).

Stories are found in a thread worker (`reader.analysis.stories`), from the library's articles;
until they are ready the list says so, and the rest of the app stays usable. When the index is
updated (articles arrive, change or go) while the view is open, the stories are found again,
placing only what changed. The story index is kept for the run and the signatures in the cache
folder, so opening the view again places only the articles added or changed since.
"""

from __future__ import annotations

from dataclasses import dataclass
from threading import Lock
from typing import TYPE_CHECKING, ClassVar

from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static
from textual.worker import Worker, WorkerState, get_current_worker

from reader.corpus import UNKNOWN_OUTLET
from reader.tui.messages import ExportList
from reader.tui.row_list import RowList
from reader.tui.text import notify_error, plain, span_style

if TYPE_CHECKING:
    from reader.analysis.stories import Story, StoryIndex
    from reader.tui.app import ReaderApp


MAX_REPORTS = 6
"""Reports of a story the comparison shows (the first ones)."""
PREFETCH_DELAY = 0.3
"""Seconds the cursor rests on a story before its comparison is prepared in the background."""

_INDEXES: dict[str, StoryIndex] = {}
"""The story index of each articles folder opened in this run: opening the stories again places
only the articles added or changed since (`reader.analysis.stories.store.refresh`)."""
_LOCKS: dict[str, Lock] = {}
"""One lock per story index: a newer finding waits for the one running to finish."""


class StoryList(RowList):
    """The stories: a title line, then the reports, outlets and dates, and why."""

    ROW_HEIGHT: ClassVar[int] = 3
    ROW_GAP: ClassVar[int] = 1

    COMPONENT_CLASSES: ClassVar[set[str]] = {"story-list--about"}
    """
    | Class | Description |
    | :- | :- |
    | `story-list--about` | The line under a story's title (reports, outlets, dates, why). |
    """

    @dataclass
    class Chosen(Message):
        """The reader opened a story."""

        story: Story

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "export", "Export", show=False, id="list.export"),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | e | Export the reports of the story under the cursor as CSV and Markdown. |
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.stories: list[Story] = []

    def action_export(self) -> None:
        if self.stories:
            story = self.stories[self.cursor]
            self.post_message(ExportList([a.id for a in story.articles], f"story {story.title}"))

    def set_stories(self, stories: list[Story]) -> None:
        """Show these stories."""
        self.stories = stories
        self.items_changed()

    def item_count(self) -> int:
        return len(self.stories)

    def render_item_line(self, index: int, line: int, width: int) -> Content:
        story = self.stories[index]
        size = len(story.articles)
        if line == 0:
            return Content.assemble((f"{size:>3} ", "bold"), plain(story.title, "bold"))
        dates = story.first_date or "undated"
        if story.last_date and story.last_date != story.first_date:
            dates += f" – {story.last_date}"
        outlets = ", ".join(story.outlets) or UNKNOWN_OUTLET
        about = plain(f"{outlets} · {dates} · {story.why}")
        return Content.assemble("    ", about.stylize(span_style(self, "story-list--about")))

    def select_item(self, index: int) -> None:
        self.post_message(self.Chosen(self.stories[index]))

    @dataclass
    class Highlighted(Message):
        """The cursor rests on a story."""

        story: Story

    def watch_cursor(self, cursor: int) -> None:
        super().watch_cursor(cursor)
        if self.stories:
            self.post_message(self.Highlighted(self.stories[cursor]))


class StoriesScreen(Screen[None]):
    """The corpus as stories."""

    if TYPE_CHECKING:
        app = getters.app(ReaderApp)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="stories.back"),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | escape | Back to the articles. |
    """

    @dataclass
    class Found(Message):
        """The stories are ready (posted from the finding worker)."""

        stories: list[Story]

    @dataclass
    class Progress(Message):
        """Signatures computed so far (posted from the finding worker)."""

        done: int
        total: int

    def __init__(self) -> None:
        super().__init__()
        self._prefetch_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static(Content("Finding stories…"), id="stories-status")
        stories = StoryList(id="stories")
        stories.placeholder = "Finding stories…"
        yield stories
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(StoryList).focus()
        self.app.catalog_changed.subscribe(self, self._articles_changed)
        self._find()

    def _articles_changed(self, _catalog: object) -> None:
        """Articles arrived, changed or went (the index was updated): place them."""
        self._find()

    @work(thread=True, exclusive=True, group="stories", exit_on_error=False)
    def _find(self) -> None:
        from reader.analysis.stories import StoryIndex, stories
        from reader.analysis.stories.store import refresh, store_path

        library = self.app.library
        if library is None:
            self.post_message(self.Found([]))
            return

        def progress(done: int, total: int) -> None:
            self.post_message(self.Progress(done, total))

        folder = library.articles_dir
        key = str(folder.resolve())
        index = _INDEXES.setdefault(key, StoryIndex())
        with _LOCKS.setdefault(key, Lock()):  # one refresh of an index at a time
            if get_current_worker().is_cancelled:
                return
            refresh(index, folder, store_path(folder), processes=2, progress=progress)
            found = stories(index)
        if get_current_worker().is_cancelled:
            return
        self.post_message(self.Found(found))

    @on(Progress)
    def _progress(self, message: Progress) -> None:
        status = self.query_one("#stories-status", Static)
        status.update(Content(f"Finding stories… {message.done:,}/{message.total:,} articles read"))

    @on(Found)
    def _found(self, message: Found) -> None:
        grouped = sum(1 for s in message.stories if len(s.articles) > 1)
        articles = sum(len(s.articles) for s in message.stories)
        status = self.query_one("#stories-status", Static)
        status.update(
            Content(
                f"{len(message.stories):,} stories of {articles:,} articles · "
                f"{grouped:,} with more than one report · Enter: compare the reports"
            )
        )
        stories = self.query_one(StoryList)
        stories.placeholder = "No articles."
        stories.set_stories(message.stories)

    @on(Worker.StateChanged)
    def _failed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "stories" and event.state == WorkerState.ERROR:
            notify_error(self, event.worker.error, "Cannot find the stories")

    @on(StoryList.Highlighted)
    def _highlighted(self, message: StoryList.Highlighted) -> None:
        """Prepare the comparison of the story under the cursor once the cursor rests on it."""
        if self._prefetch_timer is not None:
            self._prefetch_timer.stop()
        ids = [a.id for a in message.story.articles[:MAX_REPORTS]]
        if len(ids) >= 2:
            self._prefetch_timer = self.set_timer(PREFETCH_DELAY, lambda: self._prefetch(ids))

    @work(thread=True, exclusive=True, group="story-prefetch", exit_on_error=False)
    def _prefetch(self, ids: list[str]) -> None:
        from reader.analysis.stories.matrix import compare_story

        library = self.app.library
        if library is not None:
            compare_story([library.article(i) for i in ids])

    @on(StoryList.Chosen)
    def _chosen(self, message: StoryList.Chosen) -> None:
        from reader.tui.story_screen import StoryScreen

        if len(message.story.articles) < 2:
            self.notify("A story of one report: nothing to compare it with.", timeout=3)
            return
        self.app.push_screen(StoryScreen([a.id for a in message.story.articles[:MAX_REPORTS]]))

    def action_back(self) -> None:
        self.dismiss()
