"""RemovedScreen: what cleaning removed from the open article's file, each span with its rule.

The same audit as `reader show ARTICLE --removed`: the file is read again in a worker, so the
pane never waits on it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.tui.row_list import RowList
from reader.tui.text import plain, safe, span_style

if TYPE_CHECKING:
    from reader.corpus import Article, Removed


class RemovedList(RowList):
    """One row per removed span: the rule that removed it, then the text."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"removed-list--rule"}
    """
    | Class | Description |
    | :- | :- |
    | `removed-list--rule` | The name of the rule. |
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.removed: tuple[Removed, ...] = ()

    def set_removed(self, removed: tuple[Removed, ...]) -> None:
        """Show these spans."""
        self.removed = removed
        self.items_changed()

    def item_count(self) -> int:
        return len(self.removed)

    def render_item_line(self, index: int, line: int, width: int) -> Content:
        rule, text = self.removed[index]
        return Content.assemble((f"{rule}  ", span_style(self, "removed-list--rule")), plain(text))


class RemovedScreen(ModalScreen[None]):
    """The cleaning audit of one article. Escape closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss", "Close", id="dialog.close"),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | escape, q | Close the list. |
    """

    class Audited(Message):
        """The spans cleaning removed, read again from the file."""

        def __init__(self, removed: tuple[Removed, ...]) -> None:
            super().__init__()
            self.removed = removed

    def __init__(self, article: Article) -> None:
        super().__init__()
        self.article = article

    def compose(self) -> ComposeResult:
        with Vertical(id="removed-dialog"):
            title = Content("Removed by cleaning: ") + plain(self.article.title)
            yield Static(title, id="removed-title")
            rows = RemovedList(id="removed-list")
            rows.placeholder = "Reading the file…"
            yield rows

    def on_mount(self) -> None:
        self.query_one(RemovedList).focus()
        self._audit(self.article)

    @work(thread=True, exclusive=True, group="removed", exit_on_error=False)
    def _audit(self, article: Article) -> None:
        from reader.corpus import removed_debris

        try:
            removed = removed_debris(article)
        except OSError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.post_message(self.Audited(removed))

    def _failed(self, reason: str) -> None:
        rows = self.query_one(RemovedList)
        rows.placeholder = safe(f"The file could not be read: {reason}")

    @on(Audited)
    def _audited(self, message: Audited) -> None:
        rows = self.query_one(RemovedList)
        rows.placeholder = "Nothing was removed: the text is the file's, as written."
        rows.set_removed(message.removed)
        count = len(message.removed)
        self.query_one("#removed-title", Static).update(
            Content(f"{count:,} span{'s' if count != 1 else ''} removed by cleaning: ")
            + plain(self.article.title)
        )
