"""StoryScreen: up to six reports of one story side by side, as a matrix.

Rows are the story's entities (mentions per report) and quoted statements (the speaker each
report gives, or "unquoted"); columns are the reports. What every other report (at least two)
carries and one leaves out is marked in that report's column: its blind spot. Below the matrix,
the row under the cursor in every report's wording. The comparison
(`reader.analysis.stories.matrix.compare_story`) runs in a thread worker. Any two columns open
the two-article split view.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import Worker, WorkerState

from reader.corpus import UNKNOWN_OUTLET
from reader.tui.row_list import LIST_NAVIGATION, RowList
from reader.tui.text import notify_error, plain, safe, span_style

if TYPE_CHECKING:
    from reader.analysis.stories.matrix import Cell, EntityRow, QuoteRow, StoryComparison
    from reader.tui.app import ReaderApp

LABEL_SHARE = 0.34
"""Share of the width the row labels take (the rest is split between the reports)."""


@dataclass(frozen=True, slots=True)
class _Line:
    """One line of the matrix: a heading, an entity row or a statement row."""

    heading: str | None = None
    entity: EntityRow | None = None
    quote: QuoteRow | None = None


class MatrixList(RowList):
    """The matrix: a line per entity and per statement, a column per report."""

    BINDINGS: ClassVar[list[BindingType]] = [*LIST_NAVIGATION]
    """The moves of every list (`list.*`); nothing to open."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "matrix-list--heading",
        "matrix-list--blind",
        "matrix-list--absent",
        "matrix-list--column",
    }
    """
    | Class | Description |
    | :- | :- |
    | `matrix-list--heading` | A section heading (Entities, Quoted statements). |
    | `matrix-list--blind` | A report's blind spot: what all the others carry. |
    | `matrix-list--absent` | A report that does not carry the row. |
    | `matrix-list--column` | The column under the column cursor. |
    """

    column: reactive[int] = reactive(0, init=False)
    """The column (report) under the column cursor."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.comparison: StoryComparison | None = None
        self.lines: list[_Line] = []

    def show(self, comparison: StoryComparison) -> None:
        """Show this comparison."""
        self.comparison = comparison
        self.lines = [_Line(heading=f"Entities ({len(comparison.entities)})")]
        self.lines += [_Line(entity=row) for row in comparison.entities]
        self.lines.append(_Line(heading=f"Quoted statements ({len(comparison.quotes)})"))
        self.lines += [_Line(quote=row) for row in comparison.quotes]
        self.items_changed()
        self.cursor = 1 if len(self.lines) > 1 else 0

    def widths(self, width: int) -> tuple[int, int]:
        """The label column's width and each report column's, for a width."""
        reports = len(self.comparison.articles) if self.comparison else 1
        label = max(12, int(width * LABEL_SHARE))
        return label, max(3, (width - label) // reports)

    def item_count(self) -> int:
        return len(self.lines)

    def watch_column(self) -> None:
        self.refresh()

    def render_item_line(self, index: int, line: int, width: int) -> Content:
        item = self.lines[index]
        if item.heading is not None:
            return plain(item.heading).stylize(span_style(self, "matrix-list--heading"))
        label_width, cell_width = self.widths(width)
        if item.entity is not None:
            row = item.entity
            label = plain(f"{row.name} ({row.type})")
            cells = [str(c) if c else "—" for c in row.counts]
            blind = row.blind_spot
        else:
            assert item.quote is not None
            row_q = item.quote
            label = plain(f"“{row_q.text}”")
            cells = [_cell(c) for c in row_q.cells]
            blind = row_q.blind_spot
        pieces = [label.truncate(label_width - 1, ellipsis=True, pad=True), Content(" ")]
        for column, text in enumerate(cells):
            cell = plain("✗ left out" if column == blind else text)
            if column == blind:
                cell = cell.stylize(span_style(self, "matrix-list--blind"))
            elif text == "—":
                cell = cell.stylize(span_style(self, "matrix-list--absent"))
            cell = cell.truncate(cell_width - 1, ellipsis=True, pad=True)
            if column == self.column:
                cell = cell.stylize(span_style(self, "matrix-list--column"))
            pieces += [cell, Content(" ")]
        return Content.assemble(*pieces)

    def current(self) -> _Line | None:
        """The line under the cursor."""
        return self.lines[self.cursor] if self.lines else None

    def watch_cursor(self, cursor: int) -> None:
        super().watch_cursor(cursor)
        self.post_message(self.Moved())

    class Moved(Message):
        """The cursor moved to another line."""


def _cell(cell: Cell | None) -> str:
    if cell is None:
        return "—"
    if cell.kind == "unquoted":
        return "unquoted"
    return cell.speaker or "unattributed"


class StoryScreen(Screen[None]):
    """The story comparison of two to six reports."""

    if TYPE_CHECKING:
        app = getters.app(ReaderApp)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="story.back"),
        Binding("right,l", "column(1)", "Next report", show=False, id="story.next-report"),
        Binding("left,h", "column(-1)", "Previous report", show=False, id="story.previous-report"),
        Binding("space", "mark_column", "Mark report", id="story.mark-report"),
        Binding("v", "split", "Split view", id="story.split"),
        Binding("e", "export", "Export", id="story.export"),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | escape | Back to the stories. |
    | right, l | Move the column cursor to the next report. |
    | left, h | Move the column cursor to the previous report. |
    | space | Mark or unmark the report under the column cursor. |
    | v | Open the split view on the two marked reports (or this one and the first). |
    | e | Export the comparison as a Markdown report. |
    """

    @dataclass
    class Compared(Message):
        """The story comparison is ready (posted from the comparing worker)."""

        comparison: StoryComparison

    def __init__(self, article_ids: list[str]) -> None:
        super().__init__(classes="-loading")
        self.article_ids = article_ids[:6]
        self.comparison: StoryComparison | None = None
        self.marked: list[int] = []

    def compose(self) -> ComposeResult:
        yield Static(Content("Comparing the reports…"), id="story-status")
        yield Static(Content(""), id="story-columns")
        yield MatrixList(id="matrix")
        yield Static(Content(""), id="story-detail")
        yield Footer()

    def on_mount(self) -> None:
        self._compare(self.article_ids)

    @work(thread=True, exclusive=True, group="story", exit_on_error=False)
    def _compare(self, ids: list[str]) -> None:
        from reader.analysis.stories.matrix import compare_story
        from reader.corpus import find_article

        library, folder = self.app.library, self.app.articles_dir
        articles = [
            library.article(i) if library is not None else find_article(i, folder) for i in ids
        ]
        self.post_message(self.Compared(compare_story(articles)))

    @on(Compared)
    def _compared(self, message: Compared) -> None:
        self.comparison = message.comparison
        matrix = self.query_one(MatrixList)
        matrix.show(message.comparison)
        self.remove_class("-loading")
        matrix.focus()
        self.call_after_refresh(self._columns)
        self._status()
        self._detail()

    @on(Worker.StateChanged)
    def _failed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "story" and event.state == WorkerState.ERROR:
            notify_error(self, event.worker.error, "Cannot compare these reports")

    def on_resize(self) -> None:
        self._columns()

    def _columns(self) -> None:
        """The column titles: number, outlet and date of each report."""
        if self.comparison is None:
            return
        matrix = self.query_one(MatrixList)
        width = matrix.scrollable_content_region.width or max(20, self.size.width - 2)
        label_width, cell_width = matrix.widths(width)
        pieces = [Content("").pad_right(label_width)]
        for n, article in enumerate(self.comparison.articles):
            mark = "●" if n in self.marked else " "
            title = plain(f"{mark}{n + 1} {article.outlet or UNKNOWN_OUTLET}", "bold")
            if n == matrix.column:
                title = title.stylize("reverse")
            pieces.append(title.truncate(cell_width - 1, ellipsis=True, pad=True))
            pieces.append(Content(" "))
        self.query_one("#story-columns", Static).update(Content.assemble(*pieces))

    def _status(self) -> None:
        if self.comparison is None:
            return
        arts = self.comparison.articles
        blind = sum(1 for r in self.comparison.entities if r.blind_spot is not None) + sum(
            1 for q in self.comparison.quotes if q.blind_spot is not None
        )
        matrix = self.query_one(MatrixList)
        article = arts[matrix.column]
        text = (
            f"{len(arts)} reports · {blind} blind spots · report {matrix.column + 1}: "
            f"{safe(article.title)} ({article.date or 'undated'})"
        )
        self.query_one("#story-status", Static).update(Content(text))

    @on(MatrixList.Moved)
    def _moved(self) -> None:
        self._detail()

    def _detail(self) -> None:
        """Every report's wording of the statement under the cursor (or an entity's counts)."""
        if self.comparison is None:
            return
        line = self.query_one(MatrixList).current()
        lines: list[Content] = []
        arts = self.comparison.articles
        if line is not None and line.quote is not None:
            row = line.quote
            cells = zip(arts, row.cells, row.wordings(), strict=True)
            for n, (article, cell, wording) in enumerate(cells, 1):
                who = article.outlet or UNKNOWN_OUTLET
                if cell is None or wording is None:
                    lines.append(plain(f"{n} {who}: —"))
                    continue
                speaker = "unquoted" if cell.kind == "unquoted" else cell.speaker or "unattributed"
                words = Content(" ").join(
                    plain(piece, "underline" if own else "") for piece, own in wording
                )
                lines.append(
                    Content.assemble(plain(f"{n} {who} ({speaker}):", "bold"), " “", words, "”")
                )
            if row.carriers > 1:
                lines.append(
                    plain(f"underlined: not in report {row.reference + 1}'s wording", "dim")
                )
        elif line is not None and line.entity is not None:
            entity = line.entity
            counts = ", ".join(
                f"{a.outlet or UNKNOWN_OUTLET} {c}"
                for a, c in zip(arts, entity.counts, strict=True)
            )
            lines.append(plain(f"{entity.name} ({entity.type}, {entity.key}): {counts}"))
        self.query_one("#story-detail", Static).update(Content("\n").join(lines))

    # ---------------------------------------------------------------- actions

    def action_back(self) -> None:
        self.dismiss()

    def action_column(self, delta: int) -> None:
        if self.comparison is None:
            return
        matrix = self.query_one(MatrixList)
        matrix.column = (matrix.column + delta) % len(self.comparison.articles)
        self._columns()
        self._status()

    def action_mark_column(self) -> None:
        column = self.query_one(MatrixList).column
        if column in self.marked:
            self.marked.remove(column)
        else:
            self.marked = [*self.marked, column][-2:]
        self._columns()

    def action_split(self) -> None:
        """The split view on the two marked reports, or the current one and the first other."""
        if self.comparison is None:
            return
        column = self.query_one(MatrixList).column
        pair = self.marked if len(self.marked) == 2 else [column, 1 if column == 0 else 0]
        a, b = (self.comparison.articles[i].id for i in pair)
        self.app.open_split(a, b)

    def action_export(self) -> None:
        from reader.report.story import save_story_report

        if self.comparison is None:
            return
        try:
            path = save_story_report(self.comparison, self.app.articles_dir)
        except OSError as exc:
            notify_error(self, exc, "Cannot save the report")
            return
        self.notify(
            safe(str(path)), title="Story comparison saved (Markdown)", markup=False, timeout=8
        )
