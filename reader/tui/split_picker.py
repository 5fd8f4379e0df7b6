"""SidePicker: choose the other side of a comparison among the articles most like one article.

Candidates come from the index's more-like-this search (`reader.search.similar`) and are ranked
again by the entities and quoted statements they share with the article, so reports of the same
story come first. The ranking runs in a thread worker; the dialog returns the chosen article id,
or None.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from reader.tui.row_list import RowList
from reader.tui.text import UNKNOWN_OUTLET, plain, safe, span_style

CANDIDATES = 20
"""Articles the index is asked for (the most alike by their words)."""

NAMES_SHOWN = 4
"""Shared entity names shown per candidate."""


QUOTE_WEIGHT = 0.5
"""Score a shared quoted statement adds (up to two): the surest sign of one story."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """An article that could be the other side, with what it shares with the first."""

    id: str
    title: str
    outlet: str | None
    date: str | None
    score: float
    shared: tuple[str, ...]
    quotes: int


def rank(
    library: Any, article: Any, exclude: Collection[str] = (), limit: int = CANDIDATES
) -> list[Candidate]:
    """The articles most like `article`, best first: the index's similarity (scaled to the
    best hit), plus the share of entities in common (of the article naming fewer), plus
    `QUOTE_WEIGHT` for each of up to two shared quotes. Each candidate is compared with
    `reader.comparison.compare`, so the split view on the chosen pair opens from the cache."""
    from reader.comparison import compare
    from reader.search import similar

    hits = [
        hit
        for hit in similar(library, article.id, limit + len(exclude))
        if hit.id not in exclude and hit.id != article.id
    ][:limit]
    if not hits:
        return []
    best = max(hit.score for hit in hits) or 1.0
    candidates = []
    for hit in hits:
        comparison = compare(article, library.article(hit.id))
        shared = len(comparison.shared_entities)
        fewer = max(
            1, shared + min(len(comparison.only_a_entities), len(comparison.only_b_entities))
        )
        quotes = len(comparison.shared_quotes)
        score = hit.score / best + shared / fewer + QUOTE_WEIGHT * min(quotes, 2)
        candidates.append(
            Candidate(
                hit.id,
                hit.title,
                hit.outlet,
                hit.date,
                score,
                tuple(e.name for e in comparison.shared_entities),
                quotes,
            )
        )
    candidates.sort(key=lambda c: -c.score)
    return candidates


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
        library: Any,
        article: Any,
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
