"""NoteScreen: write or edit the note on an article, or on a highlighted passage of it."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from reader.tui.text import plain

PASSAGE_PREVIEW = 160
"""Characters of the highlighted passage shown above the note."""


class NoteScreen(ModalScreen[str | None]):
    """A text area for a note; ctrl+s saves (an empty note removes it), Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="note.save"),
        Binding("escape", "dismiss", "Cancel", id="note.cancel"),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | ctrl+s | Save the note (an empty note removes it). |
    | escape | Close without saving. |
    """

    def __init__(self, title: str, text: str = "", passage: str = "") -> None:
        super().__init__()
        self.heading, self.text, self.passage = title, text, passage

    def compose(self) -> ComposeResult:
        with Vertical(id="note-dialog"):
            yield Static(plain(self.heading), id="note-title")
            if self.passage:
                short = " ".join(self.passage.split())
                if len(short) > PASSAGE_PREVIEW:
                    short = short[:PASSAGE_PREVIEW] + "…"
                yield Static(plain(f"“{short}”", "italic"), id="note-passage")
            yield TextArea(self.text, id="note-text", soft_wrap=True)
            yield Static(Content("ctrl+s saves · Escape cancels"), id="note-hint")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text.strip())
