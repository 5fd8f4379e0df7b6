"""SourceList: the articles grouped by outlet, with counts, sortable by date or title, and
filtered by a date range, an outlet and unread only (`reader.tui.filters`; the counts follow
the filter). Articles already read are muted.

A virtual list (see `RowList`): one row per outlet and one per article of each expanded outlet.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.reactive import reactive

from reader.corpus import UNKNOWN_OUTLET
from reader.tui.filters import FilterScreen, ListFilter
from reader.tui.messages import ExportList, OpenArticle, ToggleMark, ToggleRead
from reader.tui.row_list import RowList
from reader.tui.text import safe, span_style

if TYPE_CHECKING:
    from reader.search import CatalogEntry

SORTS = ("date", "title")


@dataclass(slots=True, eq=False)
class Outlet:
    """One outlet's group: its display name and its articles in the current order."""

    name: str
    entries: list[CatalogEntry] = field(default_factory=list)
    expanded: bool = True

    @property
    def unknown(self) -> bool:
        """The group of the articles whose outlet is not known."""
        return self.name == UNKNOWN_OUTLET


def _sorted(entries: list[CatalogEntry], sort: str) -> list[CatalogEntry]:
    by_title = sorted(entries, key=lambda e: (e.title.casefold(), e.id))
    if sort == "title":
        return by_title
    # Newest first, undated last; a stable sort keeps titles in order within a date.
    return sorted(by_title, key=lambda e: e.date or "", reverse=True)


class SourceList(RowList):
    """Outlets, each with its articles (title and date) and a count.

    Posts `OpenArticle` when an article is chosen and `ToggleMark` when one is marked.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_mark", "Mark", id="list.mark"),
        Binding("s", "cycle_sort", "Sort", id="sources.sort"),
        Binding("left,h", "collapse", "Collapse", show=False, id="sources.collapse"),
        Binding("right,l", "expand", "Expand", show=False, id="sources.expand"),
        Binding("f", "filter", "Filter", show=False, id="sources.filter"),
        Binding("F", "clear_filter", "No filter", show=False, id="sources.clear-filter"),
        Binding("u", "toggle_read", "Read/unread", show=False, id="sources.toggle-read"),
        Binding("e", "export", "Export", show=False, id="list.export"),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | space | Mark or unmark the article under the cursor. |
    | s | Sort articles by date (newest first) or by title. |
    | left, h | Collapse the outlet (from one of its articles too). |
    | right, l | Expand the outlet under the cursor. |
    | f | Filter: a date range, an outlet, unread only. |
    | F | Show every article again (no filter). |
    | u | Mark the article read or unread. |
    | e | Export the marked articles (or, with none marked, the list) as CSV and Markdown. |
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "source-list--outlet",
        "source-list--unknown",
        "source-list--count",
        "source-list--date",
        "source-list--mark",
        "source-list--read",
    }
    """
    | Class | Description |
    | :- | :- |
    | `source-list--outlet` | An outlet row. |
    | `source-list--unknown` | The row of articles whose outlet is unknown. |
    | `source-list--count` | The article count of an outlet. |
    | `source-list--date` | An article's date. |
    | `source-list--mark` | The mark of a marked article. |
    | `source-list--read` | The title of an article already read. |
    """

    sort: reactive[str] = reactive("date", init=False)
    """How articles are ordered within an outlet: "date" (newest first) or "title"."""

    list_filter: reactive[ListFilter] = reactive(ListFilter, init=False)
    """Which articles are listed (see `reader.tui.filters`)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._all: list[CatalogEntry] = []
        self._entries: list[CatalogEntry] = []
        self._outlets: list[Outlet] = []
        self._starts: list[int] = []  # the row of each outlet's header
        self._row_total = 0
        self.marks: frozenset[str] = frozenset()
        self.read: frozenset[str] = frozenset()

    # ---------------------------------------------------------------- data

    @property
    def article_total(self) -> int:
        return len(self._entries)

    @property
    def shown_ids(self) -> list[str]:
        """The ids of the articles the filter lets through, outlet by outlet."""
        return [e.id for o in self._outlets for e in o.entries]

    def set_entries(self, entries: Sequence[CatalogEntry]) -> None:
        """Show these catalog entries (those the filter keeps), keeping the cursor's article."""
        self._all = list(entries)
        self._regroup()

    def _regroup(self) -> None:
        current = self.current_article_id()
        collapsed = {o.name for o in self._outlets if not o.expanded}
        self._entries = self.list_filter.apply(self._all, self.read)
        if self._all and not self._entries:
            self.placeholder = "No article passes the filter (f changes it, F shows all)."
        by_outlet: dict[str | None, list[CatalogEntry]] = {}
        for entry in self._entries:
            by_outlet.setdefault(entry.outlet, []).append(entry)
        groups: dict[str, list[CatalogEntry]] = {}
        for outlet, members in by_outlet.items():
            groups.setdefault(safe(outlet) if outlet else UNKNOWN_OUTLET, []).extend(members)
        names = sorted(groups, key=lambda n: (n == UNKNOWN_OUTLET, n.casefold()))
        self._outlets = [
            Outlet(n, _sorted(groups[n], self.sort), n not in collapsed) for n in names
        ]
        self._rebuild(current)
        if current is None and self.cursor == 0 and self._row_total > 1:
            self.cursor = 1  # the first article rather than its outlet

    def _rebuild(self, keep: str | None) -> None:
        starts, row = [], 0
        for outlet in self._outlets:
            starts.append(row)
            row += 1 + (len(outlet.entries) if outlet.expanded else 0)
        self._starts, self._row_total = starts, row
        self.items_changed()
        if keep:
            self.show_article(keep)

    def watch_sort(self, sort: str) -> None:
        current = self.current_article_id()
        for outlet in self._outlets:
            outlet.entries = _sorted(outlet.entries, sort)
        self._rebuild(current)

    def watch_list_filter(self) -> None:
        self._regroup()

    def set_read(self, read: frozenset[str]) -> None:
        """Show these article ids as read (and hide them when the filter is unread only)."""
        self.read = read
        if self.list_filter.unread:
            self._regroup()
        self.refresh()

    def set_marks(self, marks: frozenset[str]) -> None:
        """Show these article ids as marked."""
        self.marks = marks
        self.refresh()

    def entry_at(self, index: int) -> CatalogEntry | None:
        """The catalog entry of row `index`, or None for an outlet row."""
        outlet, position = self._row(index)
        return outlet.entries[position] if position >= 0 else None

    def current_article_id(self) -> str | None:
        """Id of the article under the cursor (None on an outlet row or an empty list)."""
        if not self._row_total:
            return None
        entry = self.entry_at(self.cursor)
        return entry.id if entry else None

    def show_article(self, article_id: str) -> bool:
        """Move the cursor to an article, expanding its outlet; False when it is not listed."""
        for outlet in self._outlets:
            for position, entry in enumerate(outlet.entries):
                if entry.id != article_id:
                    continue
                if not outlet.expanded:
                    outlet.expanded = True
                    self._rebuild(None)
                self.cursor = self._row_of(outlet, position)
                return True
        return False

    def _row(self, index: int) -> tuple[Outlet, int]:
        """The outlet of row `index` and the article's position in it (-1: the header)."""
        group = bisect_right(self._starts, index) - 1
        return self._outlets[group], index - self._starts[group] - 1

    def _row_of(self, outlet: Outlet, position: int) -> int:
        return self._starts[self._outlets.index(outlet)] + 1 + position

    # ---------------------------------------------------------------- rendering

    def item_count(self) -> int:
        return self._row_total

    def render_item_line(self, index: int, line: int, width: int) -> Content:
        outlet, position = self._row(index)
        if position < 0:
            arrow = "▾" if outlet.expanded else "▸"
            style = "source-list--unknown" if outlet.unknown else "source-list--outlet"
            count = f" {len(outlet.entries):,}"
            name = Content(f"{arrow} {outlet.name}").truncate(
                width - len(count), ellipsis=True, pad=True
            )
            return Content.assemble(
                name.stylize(span_style(self, style)),
                (count, span_style(self, "source-list--count")),
            )
        entry = outlet.entries[position]
        date = f" {entry.date}" if entry.date else ""
        marked = entry.id in self.marks
        mark = ("● ", span_style(self, "source-list--mark")) if marked else "  "
        title_width = max(1, width - 2 - cell_len(date) - 2)
        title = Content(safe(entry.title)).truncate(title_width, ellipsis=True, pad=True)
        if entry.id in self.read:
            title = title.stylize(span_style(self, "source-list--read"))
        return Content.assemble("  ", mark, title, (date, span_style(self, "source-list--date")))

    # ---------------------------------------------------------------- actions

    def select_item(self, index: int) -> None:
        outlet, position = self._row(index)
        if position < 0:
            outlet.expanded = not outlet.expanded
            self._rebuild(None)
            self.cursor = self._row_of(outlet, -1)
        else:
            self.post_message(OpenArticle(outlet.entries[position].id))

    def action_toggle_mark(self) -> None:
        article_id = self.current_article_id()
        if article_id:
            self.post_message(ToggleMark(article_id))

    def action_toggle_read(self) -> None:
        article_id = self.current_article_id()
        if article_id:
            self.post_message(ToggleRead(article_id))

    def action_filter(self) -> None:
        def chosen(new: ListFilter | None) -> None:
            if new is not None:
                self.list_filter = new

        self.app.push_screen(FilterScreen(self.list_filter), chosen)

    def action_clear_filter(self) -> None:
        self.list_filter = ListFilter()
        self.notify("Every article is listed (no filter).", timeout=2)

    def action_export(self) -> None:
        marked = [e.id for e in self._all if e.id in self.marks]
        if marked:
            self.post_message(ExportList(marked, "marked articles"))
        elif self._entries:
            self.post_message(
                ExportList(self.shown_ids, self.list_filter.describe() or "all articles")
            )

    def action_cycle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.notify(f"Articles sorted by {self.sort}", timeout=2)

    def action_collapse(self) -> None:
        if not self._row_total:
            return
        outlet, _ = self._row(self.cursor)
        outlet.expanded = False
        self._rebuild(None)
        self.cursor = self._row_of(outlet, -1)

    def action_expand(self) -> None:
        if not self._row_total:
            return
        outlet, position = self._row(self.cursor)
        if position < 0 and not outlet.expanded:
            outlet.expanded = True
            self._rebuild(None)
            self.cursor = self._row_of(outlet, -1)
