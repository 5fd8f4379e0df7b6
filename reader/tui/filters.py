"""Source list filters (a date range, an outlet, unread only) and the dialog that sets them.

A filter keeps the catalog entries it lets through; the source list groups and counts only
those, so every outlet's count follows the filter. The filter is remembered in `state.yaml`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Static

from reader.text import fold_name

if TYPE_CHECKING:
    from reader.search import CatalogEntry

_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?\Z")


@dataclass(frozen=True, slots=True)
class ListFilter:
    """Which articles the source list shows: dated from `since` to `until` (ends included, a
    year or month stands for all of it), whose outlet contains `outlet`, and unread ones only."""

    since: str = ""
    until: str = ""
    outlet: str = ""
    unread: bool = False

    @property
    def active(self) -> bool:
        """The filter leaves some articles out (or may)."""
        return bool(self.since or self.until or self.outlet or self.unread)

    def keeps(self, entry: CatalogEntry, read: frozenset[str]) -> bool:
        """The entry passes the filter (`read`: the ids of the articles read)."""
        if self.unread and entry.id in read:
            return False
        if self.outlet and fold_name(self.outlet) not in fold_name(entry.outlet or ""):
            return False
        if self.since or self.until:
            date = entry.date or ""
            if not date:
                return False
            if self.since and date[: len(self.since)] < self.since:
                return False
            if self.until and date[: len(self.until)] > self.until:
                return False
        return True

    def apply(self, entries: Iterable[CatalogEntry], read: frozenset[str]) -> list[CatalogEntry]:
        """The entries the filter keeps, in order."""
        return [e for e in entries if self.keeps(e, read)]

    def describe(self) -> str:
        """The filter in a few words, for the status line ("" when none)."""
        parts = []
        if self.since or self.until:
            parts.append(f"{self.since or '…'}..{self.until or '…'}")
        if self.outlet:
            parts.append(f"outlet “{self.outlet}”")
        if self.unread:
            parts.append("unread")
        return ", ".join(parts)

    def to_state(self) -> dict[str, Any]:
        """The filter as state.yaml keeps it."""
        return {
            "since": self.since,
            "until": self.until,
            "outlet": self.outlet,
            "unread": self.unread,
        }


def from_state(value: object) -> ListFilter:
    """The filter kept in the state (no filter when it is missing or of the wrong shape)."""
    if not isinstance(value, dict):
        return ListFilter()
    text: dict[str, str] = {}
    for key in ("since", "until", "outlet"):
        item = value.get(key)
        text[key] = item if isinstance(item, str) else ""
    dates_ok = all(not text[k] or _DATE.match(text[k]) for k in ("since", "until"))
    if not dates_ok:
        return ListFilter()
    return ListFilter(
        text["since"], text["until"], text["outlet"][:200], value.get("unread") is True
    )


def date_problem(text: str) -> str | None:
    """Why `text` is not a date the filter takes, or None (empty is fine)."""
    if not text or _DATE.match(text):
        return None
    return f"“{text[:20]}” is not a date: write 2015, 2015-10 or 2015-10-02"


class FilterScreen(ModalScreen[ListFilter | None]):
    """The filter dialog: from, to, outlet, unread only. Enter applies, Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Cancel", id="filter.cancel"),
        Binding("ctrl+s", "apply", "Apply", id="filter.apply"),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | escape | Close the dialog without changing the filter. |
    | ctrl+s | Apply the filter (Enter in a field does too). |
    """

    def __init__(self, current: ListFilter) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="filter-dialog"):
            yield Static("Filter the source list", id="filter-title")
            yield Input(
                self.current.since,
                placeholder="from: 2015, 2015-10 or 2015-10-02",
                id="filter-since",
                compact=True,
            )
            yield Input(
                self.current.until,
                placeholder="to: 2016-01 (ends included)",
                id="filter-until",
                compact=True,
            )
            yield Input(
                self.current.outlet,
                placeholder="outlet: part of its name",
                id="filter-outlet",
                compact=True,
            )
            yield Checkbox("Unread only", self.current.unread, id="filter-unread", compact=True)
            yield Static(
                "Enter applies · Escape cancels · empty fields: no limit", id="filter-message"
            )

    def on_mount(self) -> None:
        self.query_one("#filter-since", Input).focus()

    def on_input_submitted(self) -> None:
        self.action_apply()

    def action_apply(self) -> None:
        since = self.query_one("#filter-since", Input).value.strip()
        until = self.query_one("#filter-until", Input).value.strip()
        problem = date_problem(since) or date_problem(until)
        if problem:
            message = self.query_one("#filter-message", Static)
            message.update(Content(problem))
            message.add_class("-error")
            return
        outlet = " ".join(self.query_one("#filter-outlet", Input).value.split())
        unread = self.query_one("#filter-unread", Checkbox).value
        self.dismiss(ListFilter(since, until, outlet, unread))
