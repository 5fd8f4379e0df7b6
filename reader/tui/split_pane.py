"""SplitPane: one side of the split view, an `ArticleView` with the comparison's highlights.

Shared entities get their own style (one per entity, the same in both panes), shared quotes a
quote style and their number, and what only this article has a muted style (toggled by the
screen). The mentions of the item the reader went to are shown as current.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.content import Span as ContentSpan
from textual.reactive import reactive
from textual.style import Style
from textual.widget import Widget
from textual.widgets import Static

from reader.analysis.limits import limit_note
from reader.corpus import UNKNOWN_OUTLET
from reader.tui.article_view import ArticleView, Paragraph
from reader.tui.split_highlights import ENTITY_STYLES, Span
from reader.tui.text import highlighted, plain, span_style

if TYPE_CHECKING:
    from reader.corpus import Article

ONE_SIDED = frozenset({"highlight--only", "highlight--only-quote"})


class HighlightStyles(Widget):
    """The styles of the split view's highlights, as component classes of a hidden widget.

    Both panes and the summary read them here (`style`), so a shared entity looks the same
    everywhere. Kept off the panes because Textual restyles every component class of a widget
    whenever the widget gains or loses focus.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "highlight--side",
        "highlight--quote",
        "highlight--quote-number",
        "highlight--only",
        "highlight--only-quote",
        "highlight--current",
        *(f"highlight--entity-{n}" for n in range(1, ENTITY_STYLES + 1)),
    }
    """
    | Class | Description |
    | :- | :- |
    | `highlight--side` | The side's letter before a pane's title. |
    | `highlight--entity-N` | Mentions of the Nth shared entity (N = 1..12, then again). |
    | `highlight--quote` | The matched words of a shared quote. |
    | `highlight--quote-number` | The number of a shared quote, before it. |
    | `highlight--only` | An entity only one article names. |
    | `highlight--only-quote` | A quote only one article has. |
    | `highlight--current` | Mentions of the item the reader went to. |
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._known: dict[str, Style] = {}

    def style(self, name: str) -> Style:
        """The style of component class `name` (cached until `forget`)."""
        found = self._known.get(name)
        if found is None:
            found = self._known[name] = span_style(self, name)
        return found

    def forget(self) -> None:
        """Drop the cached styles (the theme changed)."""
        self._known.clear()


class SplitPane(ArticleView):
    """An article pane of the split view (side "A" or "B"), styled by `HighlightStyles`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "open_url", "Open URL", show=False, id="article.open-url"),
        Binding("a", "note", "Note", show=False, id="article.note"),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | o | Open the article's web address in the browser (not shown in the footer here). |
    | a | Write or edit your note on this side's article (not shown in the footer here). |
    """

    current_item: reactive[int] = reactive(-1, init=False)
    """Index of the item whose mentions show as current (-1: none)."""

    show_one_sided: reactive[bool] = reactive(True, init=False)
    """Whether entities and quotes only this article has are highlighted."""

    def __init__(self, side: str, highlights: HighlightStyles, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.side, self.highlights = side, highlights
        self.spans: tuple[Span, ...] = ()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Search matches (`n`/`N`) have no place here: `]`/`[` walk the shared items."""
        return action not in ("next_match", "previous_match")

    def on_mount(self) -> None:
        self.query_one("#article-body").mount(Paragraph(Content(), 0, 0))

    def show_side(self, article: Article, spans: tuple[Span, ...]) -> None:
        """Show `article` with these spans (offsets into its text).

        The body is one `Paragraph` holding the whole text (paragraphs stay apart by their
        blank lines), updated in place: a new pair costs no new widgets.
        """
        self.article, self.spans = article, spans
        self.set_reactive(SplitPane.current_item, -1)
        paragraph = self.query_one(Paragraph)
        paragraph.start, paragraph.end = 0, len(article.text)
        self.restyle()
        meta = [
            plain(article.outlet) if article.outlet else plain(UNKNOWN_OUTLET, "italic"),
            plain(article.date or "undated"),
        ]
        if note := limit_note(article.text):  # the size limit of analysis
            meta.append(plain(note[:1].upper() + note[1:], "$text-warning"))
        self.query_one("#article-meta", Static).update(Content(" · ").join(meta))
        self.scroll_home(animate=False, immediate=True)
        self.add_class("-has-article")

    def _heading(self, article: Article) -> None:
        side = self.highlights.style("highlight--side")
        self.query_one("#article-title", Static).update(
            Content.assemble((f" {self.side} ", side), " ", plain(article.title))
        )

    def first_offset(self, item: int) -> int | None:
        """Where this article first mentions item `item` (None: it does not)."""
        return next((span.start for span in self.spans if span.item == item), None)

    def restyle(self) -> None:
        """Render the title and every paragraph again (after the current item, a toggle or the
        theme changed: spans hold colours, not theme variables)."""
        if self.article is None:
            return
        self._heading(self.article)
        for paragraph in self.query(Paragraph):
            paragraph.update(self._paragraph(paragraph.start, paragraph.end))

    def watch_current_item(self) -> None:
        self.restyle()

    def watch_show_one_sided(self) -> None:
        self.restyle()

    def _paragraph(self, start: int, end: int) -> Content:
        """`Article.text[start:end]` with its highlights, and each shared quote's number
        inserted before it. Built in one go: styling a long text span by span costs a copy of
        the text per span."""
        text = highlighted(self.article_text[start:end], [], "").plain
        style = self.highlights.style
        styled: list[tuple[int, int, Style]] = []
        labels: list[tuple[int, str]] = []
        for span in self.spans:
            if span.start >= end:
                break
            if span.end <= start or (span.style in ONE_SIDED and not self.show_one_sided):
                continue
            s, e = max(span.start, start) - start, min(span.end, end) - start
            styled.append((s, e, style(span.style)))
            if span.item == self.current_item:
                styled.append((s, e, style("highlight--current")))
            if span.label and span.start >= start:
                labels.append((s, span.label))
        if not labels:
            return Content(
                text, [ContentSpan(s, e, st) for s, e, st in styled], strip_control_codes=False
            )
        offsets = [offset for offset, _ in labels]
        before = [0]  # characters of labels inserted before each label, and after the last
        for _, label in labels:
            before.append(before[-1] + len(label))

        def moved(position: int, *, starts: bool) -> int:
            found = bisect_right(offsets, position) if starts else bisect_left(offsets, position)
            return position + before[found]

        spans = [
            ContentSpan(moved(s, starts=True), moved(e, starts=False), st) for s, e, st in styled
        ]
        number = style("highlight--quote-number")
        pieces, last = [], 0
        for index, (offset, label) in enumerate(labels):
            pieces += [text[last:offset], label]
            spans.append(ContentSpan(offset + before[index], offset + before[index + 1], number))
            last = offset
        pieces.append(text[last:])
        return Content("".join(pieces), spans, strip_control_codes=False)
