"""HelpScreen: every binding of the app, with its keys (after the user's keymap) and id."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.tui.bindings import BindingRow

MOUSE = (
    "Mouse: click an outlet to fold it, an article or a hit to open it; the wheel scrolls. "
    "Drag over the article to select text, ctrl+c copies it."
)
TEXTUAL = "Also: ctrl+p opens the command palette, ctrl+q quits from anywhere."
CONFIG = "Remap keys in config.yaml:  keymap: {binding-id: 'keys'}"


class HelpScreen(ModalScreen[None]):
    """A scrollable table of bindings grouped by area. Escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="dialog.close"),
        Binding("j", "scroll_body('down')", "Down", show=False, id="help.down"),
        Binding("k", "scroll_body('up')", "Up", show=False, id="help.up"),
        Binding("g", "scroll_body('home')", "Top", show=False, id="help.top"),
        Binding("G", "scroll_body('end')", "Bottom", show=False, id="help.bottom"),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | escape, q, ? | Close the help or the problems list. |
    | j, k | Scroll the help down, up a line (also the arrows, PgUp and PgDn). |
    | g, G | Go to the top, the bottom of the help (also Home, End). |
    """

    def __init__(self, rows: list[BindingRow], config_file: str) -> None:
        super().__init__()
        self.rows, self.config_file = rows, config_file

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog"):
            yield Static("Keys", id="help-title")
            with VerticalScroll(id="help-body"):
                yield Static(self._table(), id="help-table")
                yield Static(Content(MOUSE), classes="help-note")
                yield Static(Content(TEXTUAL), classes="help-note")
                yield Static(Content(f"{CONFIG}\n({self.config_file})"), classes="help-note")

    def _table(self) -> Content:
        width = max(len(row.keys) for row in self.rows) + 2
        lines: list[Content] = []
        area = None
        for row in self.rows:
            if row.area != area:
                area = row.area
                lines.append(Content(("\n" if lines else "") + area).stylize("bold $accent"))
            lines.append(
                Content.assemble(
                    (row.keys.ljust(width), "bold"),
                    row.description.ljust(18),
                    (f"  {row.id}", "dim"),
                )
            )
        return Content("\n").join(lines)

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_scroll_body(self, where: str) -> None:
        """Scroll the help like a list: a line down or up, to the top or the bottom."""
        body = self.query_one("#help-body", VerticalScroll)
        moves = {
            "down": body.scroll_down,
            "up": body.scroll_up,
            "home": body.scroll_home,
            "end": body.scroll_end,
        }
        moves[where](animate=False)
