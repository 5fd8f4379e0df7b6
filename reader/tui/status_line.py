"""StatusLine: corpus size, index state (with progress while indexing), the search engine when
it is not the default, and problems found."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

if TYPE_CHECKING:
    from reader.search import Progress


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 60}m{seconds % 60:02d}s" if seconds >= 60 else f"{seconds}s"


class StatusLine(Static):
    """One line at the bottom of the main screen; the app sets its reactives."""

    articles: reactive[int | None] = reactive(None)
    """Articles in the catalog (None while the index opens)."""

    index_state: reactive[str] = reactive("opening")
    """"opening", "checking" (for changed files), "updating", "up to date" or "failed"."""

    progress: reactive[Progress | None] = reactive(None)
    """The last progress report of a running update."""

    problems: reactive[int] = reactive(0)
    """Files skipped or loaded with a caveat."""

    list_filter: reactive[str] = reactive("")
    """The source list's filter in a few words ("" when every article is listed)."""

    problems_key: reactive[str] = reactive("p")
    """The key that opens the problems list (follows the keymap)."""

    engine: reactive[str] = reactive("whoosh")
    """The search engine keeping the index; shown when it is not the default (Whoosh)."""

    def render(self) -> Content:
        parts: list[Content] = []
        if self.articles or (self.articles == 0 and self.index_state == "up to date"):
            parts.append(Content(f"{self.articles:,} article{'s' if self.articles != 1 else ''}"))
        state = f"index {self.index_state}"
        progress = self.progress
        if self.index_state == "updating" and progress is not None and progress.total:
            state = f"indexing {progress.done:,}/{progress.total:,}"
            if progress.done >= progress.total:
                state += " · writing the index"
            elif progress.rate:
                state += f" · {progress.rate:,.0f}/s"
            if progress.eta is not None and progress.done < progress.total:
                state += f" · {_duration(progress.eta)} left"
        parts.append(
            Content(state).stylize("$text-warning" if self.index_state != "up to date" else "")
        )
        if self.engine != "whoosh":
            parts.append(Content(f"search: {self.engine}"))
        if self.list_filter:
            parts.append(Content(f"filter: {self.list_filter} (F: all)").stylize("$text-accent"))
        if self.problems:
            word = "problem" if self.problems == 1 else "problems"
            parts.append(
                Content(f"{self.problems:,} {word} ({self.problems_key} to list)").stylize(
                    "$text-error"
                )
            )
        return Content(" · ").join(parts)
