"""RowList: a virtual list that renders only the rows on screen (the base of the app's lists).

No widget exists per row, so a list of 50,000 articles costs what its visible rows cost.
Subclasses say how many items there are and render one line of one item.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.events import Click
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

LIST_NAVIGATION: list[BindingType] = [
    Binding("up,k", "cursor_up", "Up", show=False, id="list.up"),
    Binding("down,j", "cursor_down", "Down", show=False, id="list.down"),
    Binding("home,g", "first", "First", show=False, id="list.first"),
    Binding("end,G", "last", "Last", show=False, id="list.last"),
    Binding("pageup", "page_up", "Page up", show=False, id="list.page-up"),
    Binding("pagedown", "page_down", "Page down", show=False, id="list.page-down"),
]
"""The moves every list of the app shares (ids `list.*`, so one keymap entry remaps them all)."""


class RowList(ScrollView, can_focus=True):
    """A keyboard- and mouse-driven virtual list of items, `ROW_HEIGHT` lines each."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *LIST_NAVIGATION,
        Binding("enter", "select", "Open", id="list.open"),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | up, k | Move the cursor up. |
    | down, j | Move the cursor down. |
    | home, g | Move to the first item. |
    | end, G | Move to the last item. |
    | pageup | Move up a page. |
    | pagedown | Move down a page. |
    | enter | Open the item under the cursor. |
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"row-list--cursor", "row-list--placeholder"}
    """
    | Class | Description |
    | :- | :- |
    | `row-list--cursor` | The item under the cursor. |
    | `row-list--placeholder` | The message shown when the list is empty. |
    """

    ROW_HEIGHT: ClassVar[int] = 1
    """Lines per item."""

    ROW_GAP: ClassVar[int] = 0
    """Blank lines after each item, not part of its highlight (included in ROW_HEIGHT)."""

    cursor: reactive[int] = reactive(0, init=False, always_update=True)
    """Index of the item under the cursor."""

    placeholder: reactive[str] = reactive("", init=False)
    """What the list says when it has no items."""

    def item_count(self) -> int:
        """How many items the list holds."""
        raise NotImplementedError

    def render_item_line(self, index: int, line: int, width: int) -> Content:
        """Line `line` (0 to ROW_HEIGHT - 1) of item `index`, at most `width` cells wide."""
        raise NotImplementedError

    def select_item(self, index: int) -> None:
        """Act on item `index` (Enter or a click)."""

    def items_changed(self) -> None:
        """Call after the items changed: resizes the scroll area and clamps the cursor."""
        count = self.item_count()
        self.virtual_size = Size(self.scrollable_content_region.width, count * self.ROW_HEIGHT)
        self.cursor = max(0, min(self.cursor, count - 1))
        self.refresh()

    def on_resize(self) -> None:
        self.virtual_size = Size(
            self.scrollable_content_region.width, self.item_count() * self.ROW_HEIGHT
        )

    def watch_cursor(self, cursor: int) -> None:
        self.scroll_to_cursor()
        self.refresh()

    def watch_placeholder(self) -> None:
        self.refresh()

    def scroll_to_cursor(self) -> None:
        """Scroll the least needed to show the whole item under the cursor."""
        top = self.cursor * self.ROW_HEIGHT
        bottom = top + self.ROW_HEIGHT
        height = self.scrollable_content_region.height
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif height and bottom > self.scroll_y + height:
            self.scroll_to(y=bottom - height, animate=False, immediate=True)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        blank = self.rich_style
        absolute = self.scroll_offset.y + y
        index, line = divmod(absolute, self.ROW_HEIGHT)
        count = self.item_count()
        if not count:
            if y == 0 and self.placeholder:
                style = self.get_visual_style("row-list--placeholder")
                content = Content(self.placeholder).truncate(width, ellipsis=True, pad=True)
                return Strip(content.render_segments(style), width)
            return Strip.blank(width, blank)
        if index >= count or line >= self.ROW_HEIGHT - self.ROW_GAP:
            return Strip.blank(width, blank)
        content = self.render_item_line(index, line, width).truncate(width, ellipsis=True, pad=True)
        base = (
            self.get_visual_style("row-list--cursor")
            if index == self.cursor
            else self.get_visual_style()
        )
        return Strip(content.render_segments(base), width)

    async def _on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = (offset.y + self.scroll_offset.y) // self.ROW_HEIGHT
        if 0 <= index < self.item_count():
            self.cursor = index
            self.select_item(index)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_cursor_up(self) -> None:
        self.cursor = max(0, self.cursor - 1)

    def action_cursor_down(self) -> None:
        self.cursor = max(0, min(self.item_count() - 1, self.cursor + 1))

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = max(0, self.item_count() - 1)

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height // self.ROW_HEIGHT - 1)

    def action_page_up(self) -> None:
        self.cursor = max(0, self.cursor - self._page())

    def action_page_down(self) -> None:
        self.cursor = max(0, min(self.item_count() - 1, self.cursor + self._page()))

    def action_select(self) -> None:
        if self.item_count():
            self.select_item(self.cursor)
