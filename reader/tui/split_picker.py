"""SidePicker: choose the other side of a comparison among the articles most like one article.

The candidates and their order come from the core (`reader.analysis.ranking.rank`), run in a
thread worker; the dialog returns the chosen article id, or None.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from reader.corpus import UNKNOWN_OUTLET
from reader.tui.row_list import RowList
from reader.tui.text import plain, safe, span_style

if TYPE_CHECKING:  # the comparison stack loads in the ranking worker, not at start-up
    from reader.analysis.ranking import Candidate
    from reader.corpus import Article
    from reader.search import Library

NAMES_SHOWN = 4
"""Shared entity names shown per candidate."""


class CandidateList(RowList):
    """Candidates: title, then outlet, date and what they share with the first article."""

    ROW_HEIGHT = 2

    COMPONENT_CLASSES: ClassVar[set[str]] = {"candidate-list--meta"}
    """
    | Class | Description |
    | :- | :- |
    | `candidate-list--meta` | A candidate's outlet, date and shared entities. |
    """

    @dataclass
    class Chosen(Message):
        """The reader chose a candidate."""

        article_id: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.candidates: list[Candidate] = []

    def set_candidates(self, candidates: list[Candidate]) -> None:
        """Show these candidates, cursor on the first."""
        self.candidates = candidates
        self.cursor = 0
        self.items_changed()

    def item_count(self) -> int:
        return len(self.candidates)

    def render_item_line(self, index: int, line: int, width: int) -> Content:
        candidate = self.candidates[index]
        if line == 0:
            return plain(candidate.title).stylize("bold")
        names = candidate.shared[:NAMES_SHOWN]
        more = len(candidate.shared) - len(names)
        shared = (
            (
                f"{len(candidate.shared)} shared: "
                + ", ".join(safe(n) for n in names)
                + (f" +{more}" if more > 0 else "")
            )
            if names
            else "no shared entities"
        )
        quotes = f"{candidate.quotes} shared quote{'s' if candidate.quotes != 1 else ''}"
        meta = " · ".join(
            [
                safe(candidate.outlet or UNKNOWN_OUTLET),
                candidate.date or "undated",
                *([quotes] if candidate.quotes else []),
                shared,
            ]
        )
        return Content("  " + meta).stylize(span_style(self, "candidate-list--meta"))

    def select_item(self, index: int) -> None:
        self.post_message(self.Chosen(self.candidates[index].id))


class SidePicker(ModalScreen[str | None]):
    """Pick the article to compare `article` with (Enter), or cancel (Escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="picker.cancel"),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | escape | Close without choosing. |
    """

    @dataclass
    class Ranked(Message):
        """The candidates are ranked (posted from the ranking worker)."""

        candidates: list[Candidate]

    def __init__(
        self,
        library: Library,
        article: Article,
        exclude: Collection[str] = (),
        title: str = "Compare with…",
    ) -> None:
        super().__init__()
        self.library, self.article, self.exclude = library, article, tuple(exclude)
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-dialog"):
            yield Static(Content(self.title_text), id="picker-title")
            yield Static(
                Content.assemble(
                    "Articles most like ",
                    plain(self.article.title).stylize("italic"),
                    ", same story first:",
                ),
                id="picker-intro",
            )
            candidates = CandidateList(id="picker-list")
            candidates.placeholder = "Finding articles like this one…"
            yield candidates

    def on_mount(self) -> None:
        self.query_one(CandidateList).focus()
        self._rank()

    @work(thread=True, exclusive=True, group="picker", exit_on_error=False)
    def _rank(self) -> None:
        from reader.analysis.ranking import rank

        self.post_message(self.Ranked(rank(self.library, self.article, self.exclude)))

    @on(Ranked)
    def _ranked(self, message: Ranked) -> None:
        candidates = self.query_one(CandidateList)
        candidates.placeholder = (
            "No similar article found (the index may still be building)."
            if not message.candidates
            else ""
        )
        candidates.set_candidates(message.candidates)

    @on(Worker.StateChanged)
    def _rank_failed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "picker" and event.state == WorkerState.ERROR:
            self.query_one(CandidateList).placeholder = safe(
                f"The articles could not be ranked: {event.worker.error}"
            )

    @on(CandidateList.Chosen)
    def _chosen(self, message: CandidateList.Chosen) -> None:
        self.dismiss(message.article_id)
