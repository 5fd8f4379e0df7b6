"""ReaderApp: opens the library, keeps the index up to date in the background, and hosts screens.

Screens:
- `MainScreen` (default): source list or search beside the article pane, status line.
- `HelpScreen`, `ProblemsScreen` (modal), `EmptyScreen` (no articles, or no folder).
- `SplitScreen` (see `split_screen.py`), pushed by `open_split`.

The app owns what several screens share: `library` (a `reader.search.Library`), `catalog`,
`marks` (the article ids marked in any list, in marking order: the two sides of a comparison),
and the remembered state (theme, last article per corpus). A new screen is a module of its own
with a documented BINDINGS table (ids `area.verb`), listed in `bindings.areas()` for the help
and the keymap, its styles in `styles/`, pushed by an app method or action.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.signal import Signal
from textual.theme import Theme
from textual.worker import Worker, WorkerState, get_current_worker

from reader.config import CONFIG_FILE, bundled_path, config_dir, load_settings
from reader.tui.article_view import ArticleView
from reader.tui.bindings import user_keymap
from reader.tui.commands import ReaderCommands
from reader.tui.main_screen import MainScreen
from reader.tui.messages import ExportList, IndexProgress
from reader.tui.source_list import SourceList
from reader.tui.split_screen import SplitScreen, marked, start_comparison
from reader.tui.state import load_state, save_state
from reader.tui.status_line import StatusLine
from reader.tui.text import notify_error, safe
from reader.tui.themes import DARK, DEFAULT_THEME, LIGHT, THEMES, VARIABLE_DEFAULTS

if TYPE_CHECKING:  # the index opens in a worker: start-up does not import it
    from reader.corpus import Problem
    from reader.notes import Notes
    from reader.search import CatalogEntry, Library, Progress, UpdateReport

PROGRESS_INTERVAL = 0.2
"""Seconds between progress reports from the index update to the status line."""


class ReaderApp(App[None]):
    """The reader: read, search and (with the split view) compare articles."""

    CSS_PATH: ClassVar[list[str | PurePath]] = sorted(bundled_path("styles").glob("*.tcss"))
    TITLE = "reader"
    COMMANDS = App.COMMANDS | {ReaderCommands}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("p", "problems", "Problems", show=False, id="app.problems"),
        Binding("t", "toggle_theme", "Theme", show=False, id="app.toggle-theme"),
        Binding("r", "update_index", "Update index", show=False, id="app.update-index"),
        Binding("c", "compare", "Compare", id="app.compare"),
        Binding("S", "stories", "Stories", show=False, id="app.stories"),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | q | Quit. |
    | ? | Show every binding. |
    | p | List the problems found while loading the articles. |
    | t | Switch between the dark and the light theme. |
    | r | Update the index now (new, changed and deleted files). |
    | c | Compare the two marked articles, or the open one with one picked for it. |
    | S | Stories: the articles grouped by story, and every report of one story compared. |
    """

    marks: var[tuple[str, ...]] = var(())
    """Marked article ids, oldest first (the split view compares the last two); kept in the
    user's notes between runs."""

    read_ids: var[frozenset[str]] = var(frozenset())
    """Ids of the articles the user opened (read), from the notes."""

    @dataclass
    class LibraryOpened(Message):
        """The library and its catalog are ready (posted from the opening worker)."""

        library: Library
        catalog: list[CatalogEntry]

    @dataclass
    class IndexUpdated(Message):
        """The index is up to date (posted from the update worker); `report` is None and
        `catalog` the one shown when there was nothing to do."""

        report: UpdateReport | None
        catalog: list[CatalogEntry]

    def __init__(
        self,
        articles_dir: Path,
        index_dir: Path | None = None,
        *,
        split: tuple[str, str] | None = None,
        settings: dict[str, Any] | None = None,
    ) -> None:
        super().__init__()
        self.articles_dir = Path(articles_dir).expanduser()
        self.index_dir = index_dir
        self.split = split
        self.settings = load_settings() if settings is None else settings
        self.library: Library | None = None
        self.catalog: list[CatalogEntry] = []
        self.catalog_changed: Signal[list[CatalogEntry]] = Signal(self, "catalog-changed")
        """Published when the catalog changes (articles indexed, changed or removed)."""
        self.problems: list[Problem] = []
        self.notes: Notes | None = None
        self.state = load_state()
        self._user_keymap, self._keymap_warnings = user_keymap(self.settings)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return VARIABLE_DEFAULTS

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's own palette entries worth keeping, named like the reader's."""
        yield SystemCommand(
            "theme: choose any theme", "Every Textual theme, previewed", self.action_change_theme
        )
        yield SystemCommand(
            "app: save a screenshot",
            "An SVG of the screen, in the current folder",
            lambda: self.set_timer(0.1, self.deliver_screenshot),
        )

    def get_default_screen(self) -> MainScreen:
        return MainScreen()

    def on_mount(self) -> None:
        for theme in THEMES:
            self.register_theme(theme)
        wanted = self.state.get("theme") or self.settings.get("theme") or DEFAULT_THEME
        if not isinstance(wanted, str) or wanted not in self.available_themes:
            self.notify(
                f"Unknown theme {safe(str(wanted))!r}; using {DEFAULT_THEME}.",
                severity="warning",
                markup=False,
            )
            wanted = DEFAULT_THEME
        self.theme = wanted
        # The change above is announced with call_next: listen only after it.
        self.call_after_refresh(self.theme_changed_signal.subscribe, self, self._theme_changed)
        self.set_keymap(self._user_keymap)
        for warning in self._keymap_warnings:
            self.notify(safe(warning), severity="warning", markup=False, timeout=8)
        self.call_after_refresh(self.action_reload)

    def first_key(self, binding: Binding) -> str:
        """The first key of a binding after the user's keymap, as displayed."""
        keys = self._keymap.get(binding.id, binding.key) if binding.id else binding.key
        return self.get_key_display(Binding(keys.split(",")[0], binding.action))

    # ---------------------------------------------------------------- library and index

    def action_reload(self) -> None:
        """Open the articles folder (again): the empty screen's "look again"."""
        from reader.tui.empty_screen import EmptyScreen

        if isinstance(self.screen, EmptyScreen):
            self.pop_screen()
        if not self.articles_dir.is_dir():
            self.push_screen(EmptyScreen(self.articles_dir, missing=True))
            return
        self._open_library()

    @work(thread=True, exclusive=True, group="library", exit_on_error=False)
    def _open_library(self) -> None:
        from reader.search import open_library
        from reader.tui.daily import load_notes

        self.notes = load_notes()
        library = open_library(self.articles_dir, self.index_dir)
        self.post_message(self.LibraryOpened(library, library.catalog()))

    @on(LibraryOpened)
    def _library_opened(self, message: LibraryOpened) -> None:
        self.library = message.library
        self.status.engine = message.library.engine
        self._show_catalog(message.catalog, indexing=True)
        last = self.state.get("last_article", {}).get(str(self.articles_dir.resolve()))
        if self.split:
            self.open_split(*self.split)
        elif last and any(entry.id == last for entry in message.catalog):
            self.main_screen.open_article(last)
        # Checking the folder for changes reads every file's stat data: paint the list first.
        self.status.index_state = "checking"
        self.call_after_refresh(self._update_index, message.library, False, True)

    def action_update_index(self, rebuild: bool = False) -> None:
        """Bring the index up to date in the background (the app stays usable)."""
        if self.library is not None:
            self._update_index(self.library, rebuild, False)

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def _update_index(self, library: Library, rebuild: bool, only_if_needed: bool) -> None:
        import time

        if only_if_needed and not library.needs_update():
            self.post_message(self.IndexUpdated(None, self.catalog))
            return
        self.post_message(IndexProgress(None))
        worker = get_current_worker()
        last = 0.0

        def progress(report: Progress) -> None:
            nonlocal last
            now = time.monotonic()
            if now - last >= PROGRESS_INTERVAL or report.done == report.total:
                last = now
                self.post_message(IndexProgress(report))

        report = library.update(
            progress=progress, should_stop=lambda: worker.is_cancelled, rebuild=rebuild
        )
        self.post_message(self.IndexUpdated(report, library.catalog()))

    @on(IndexProgress)
    def _index_progress(self, message: IndexProgress) -> None:
        self.status.index_state = "updating"
        self.status.progress = message.progress

    @on(IndexUpdated)
    def _index_updated(self, message: IndexUpdated) -> None:
        from reader.tui.empty_screen import EmptyScreen
        from reader.tui.problems_screen import ProblemsScreen

        if self.library is not None:
            self.problems = list(self.library.problems)
        self.status.index_state = "up to date"
        self._show_catalog(message.catalog, indexing=False)
        report = message.report
        if report is not None and (report.indexed or report.deleted):
            self.notify(
                f"Index updated: {report.added:,} added, {report.changed:,} changed, "
                f"{report.deleted:,} removed ({report.seconds:.1f} s).",
                timeout=4,
            )
        if message.catalog:
            return
        if any(problem.severity == "error" for problem in self.problems):
            self.push_screen(ProblemsScreen(self.problems, self.articles_dir, nothing_loaded=True))
        else:
            self.push_screen(EmptyScreen(self.articles_dir, missing=False))

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        if event.state != WorkerState.ERROR or event.worker.group not in ("library", "index"):
            return
        self.status.index_state = "failed"
        notify_error(self, event.worker.error, "The index could not be used", timeout=10)

    def _show_catalog(self, catalog: list[CatalogEntry], *, indexing: bool) -> None:
        from reader.tui.daily import restore

        changed = catalog != self.catalog
        self.catalog = catalog
        if changed:
            restore(self, catalog)
            self.catalog_changed.publish(catalog)
        self.status.articles = len(catalog)
        self.status.problems = len(self.problems)
        if changed or not catalog:
            self.main_screen.show_catalog(catalog, indexing=indexing)

    # ---------------------------------------------------------------- shared parts

    @property
    def main_screen(self) -> MainScreen:
        """The main screen (also while a dialog covers it)."""
        return next(s for s in self.screen_stack if isinstance(s, MainScreen))

    @property
    def status(self) -> StatusLine:
        """The main screen's status line."""
        return self.main_screen.query_one(StatusLine)

    def toggle_mark(self, article_id: str) -> None:
        """Mark an article, or unmark it when it is marked."""
        from reader.tui.daily import keep_mark

        if article_id in self.marks:
            self.marks = tuple(i for i in self.marks if i != article_id)
        else:
            self.marks = (*self.marks, article_id)
            marked(self)
        keep_mark(self, article_id, article_id in self.marks)

    @on(ExportList)
    def _export_list(self, message: ExportList) -> None:
        """A list (the marked articles, the hits, a story's reports) to CSV and Markdown."""
        from reader.tui.daily import export_list

        if self.library is not None:
            export_list(self, self.library, message.article_ids, message.title)

    def open_split(self, a: str, b: str) -> None:
        """Open the split view on two articles (ids or paths to article files)."""
        self.clear_notifications()  # "Two articles marked: press c ..." is done with
        self.push_screen(SplitScreen(a, b))

    def action_compare(self) -> None:
        start_comparison(self)

    def action_stories(self) -> None:
        """Open the stories view (from the main screen)."""
        from reader.tui.stories_screen import StoriesScreen

        if isinstance(self.screen, MainScreen):
            self.push_screen(StoriesScreen())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`c` (compare) belongs to the main screen only."""
        return action != "compare" or isinstance(self.screen, MainScreen)

    def remember_article(self, article_id: str) -> None:
        """Remember the last article opened in this corpus, for the next run."""
        last = dict(self.state.get("last_article") or {})
        last[str(self.articles_dir.resolve())] = article_id
        self.state["last_article"] = last
        save_state(self.state)

    def _theme_changed(self, theme: Theme) -> None:
        self.state["theme"] = theme.name
        save_state(self.state)

    # ---------------------------------------------------------------- actions

    def action_help(self) -> None:
        from reader.tui.bindings import binding_table
        from reader.tui.help_screen import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            rows = binding_table(self._keymap, lambda key: self.get_key_display(Binding(key, "")))
            self.push_screen(HelpScreen(rows, str(config_dir() / CONFIG_FILE)))

    def action_problems(self) -> None:
        from reader.tui.problems_screen import ProblemsScreen

        if not isinstance(self.screen, ProblemsScreen):
            self.push_screen(ProblemsScreen(self.problems, self.articles_dir))

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.current_theme.dark else DARK

    def action_sort_sources(self) -> None:
        self.main_screen.query_one(SourceList).action_cycle_sort()

    def action_article(self, action: str) -> None:
        """Run an article pane action (palette entries)."""
        view = self.main_screen.query_one(ArticleView)
        getattr(view, f"action_{action}")()


def run(
    articles_dir: Path, index_dir: Path | None = None, split: tuple[str, str] | None = None
) -> int:
    """Run the reading interface (raises ConfigError for a broken config.yaml); exit code 0."""
    ReaderApp(articles_dir, index_dir, split=split).run()
    return 0
