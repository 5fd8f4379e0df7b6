"""ProblemsScreen: the files the reader skipped or loaded with a caveat, and why."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.tui.row_list import RowList
from reader.tui.text import plain, safe, span_style

if TYPE_CHECKING:
    from reader.corpus import Problem


def _relative(path: Path, root: Path) -> str:
    try:
        return str(Path(path).relative_to(root))
    except ValueError:
        return str(path)


class ProblemList(RowList):
    """One row per problem: severity, file (relative to the corpus) and reason."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"problem-list--error", "problem-list--warning"}
    """
    | Class | Description |
    | :- | :- |
    | `problem-list--error` | The label of a skipped file. |
    | `problem-list--warning` | The label of a file loaded with a caveat. |
    """

    def __init__(self, problems: list[Problem], root: Path, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.problems, self.root = problems, root

    def item_count(self) -> int:
        return len(self.problems)

    def render_item_line(self, index: int, line: int, width: int) -> Content:
        problem = self.problems[index]
        error = problem.severity == "error"
        label = (
            ("skipped  ", span_style(self, "problem-list--error"))
            if error
            else ("warning  ", span_style(self, "problem-list--warning"))
        )
        return Content.assemble(
            label, plain(_relative(problem.path, self.root)), " — ", plain(problem.reason)
        )

    def watch_cursor(self, cursor: int) -> None:
        super().watch_cursor(cursor)
        if self.is_mounted and self.problems:
            self.screen.query_one("#problem-detail", Static).update(self.detail(cursor))

    def detail(self, index: int) -> Content:
        """The full file path and reason of a problem, for the detail box."""
        problem = self.problems[index]
        return Content.assemble((safe(str(problem.path)), "bold"), "\n", plain(problem.reason))


class ProblemsScreen(ModalScreen[None]):
    """The problems list: file and reason for each. Escape closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss", "Close", id="dialog.close"),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | escape, q | Close the list. |
    """

    def __init__(
        self, problems: list[Problem], root: Path, *, nothing_loaded: bool = False
    ) -> None:
        super().__init__()
        self.problems, self.root, self.nothing_loaded = problems, root, nothing_loaded

    def compose(self) -> ComposeResult:
        count = len(self.problems)
        title = f"{count:,} problem{'s' if count != 1 else ''} in {safe(str(self.root))}"
        with Vertical(id="problems-dialog"):
            yield Static(Content(title), id="problems-title")
            if self.nothing_loaded:
                yield Static(
                    Content(
                        "No article in this folder could be read. The reasons are "
                        "below; fix or replace the files and restart the reader."
                    ),
                    id="problems-intro",
                )
            rows = ProblemList(self.problems, self.root, id="problem-list")
            rows.placeholder = "No problems."
            yield rows
            yield Static(rows.detail(0) if self.problems else "", id="problem-detail")

    def on_mount(self) -> None:
        self.query_one(ProblemList).focus()
