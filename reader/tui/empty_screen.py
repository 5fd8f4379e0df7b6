"""EmptyScreen: shown instead of the reader when there are no articles to read."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from reader.tui.text import safe

HOW_TO_ADD = (
    "Put articles in that folder as .txt or .md files, one article per file, in subfolders if "
    "you like. A file may start with YAML front matter giving its title, outlet, date and url:\n\n"
    "    ---\n    title: Leaders call on Russia to halt Syria strikes\n"
    "    outlet: Middle East Eye\n"
    "    date: 2015-10-02\n    ---\n    The article text…\n\n"
    "Then press r to look again, or start the reader on another folder: reader --articles DIR"
)


class EmptyScreen(Screen[None]):
    """Says why there is nothing to read (missing folder or no articles) and how to fix it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "app.reload", "Look again", id="empty.reload"),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | r | Look in the folder again. |
    """

    def __init__(self, folder: Path, *, missing: bool) -> None:
        super().__init__()
        self.folder, self.missing = folder, missing

    def compose(self) -> ComposeResult:
        where = safe(str(self.folder))
        title = (
            f"The folder {where} does not exist."
            if self.missing
            else f"There are no articles in {where} yet."
        )
        with Center(), Vertical(id="empty-box"):
            yield Static(Content(title), id="empty-title")
            yield Static(Content(HOW_TO_ADD), id="empty-help")
        yield Footer()
