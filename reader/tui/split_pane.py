"""SplitPane: one side of the split view, an `ArticleView` with the comparison's highlights.

Shared entities get their own style (one per entity, the same in both panes), shared quotes a
quote style and their number, and what only this article has a muted style (toggled by the
screen). The mentions of the item the reader went to are shown as current.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.reactive import reactive
from textual.style import Style
from textual.widget import Widget

from reader.tui.article_view import UNKNOWN_OUTLET, ArticleView, Paragraph
from reader.tui.split_highlights import ENTITY_STYLES, Span
from reader.tui.text import highlighted, plain

ONE_SIDED = frozenset({"split-pane--only", "split-pane--only-quote"})


def span_style(widget: Widget, name: str) -> Style:
    """The style of component class `name` of `widget`, for a span of text.

    Unlike `Widget.get_visual_style(name, partial=True)` in Textual 8.2, it keeps an opaque
    background and `reverse`, and resolves an `auto` colour (such as `$text-muted`) against
    the widget's background.
    """
    styles = widget.get_component_styles(name)
    text = styles.text_style
    foreground = styles.color if styles.has_rule("color") else None
    if foreground is not None and styles.has_rule("auto_color") and styles.auto_color:
        foreground = widget.background_colors[1].get_contrast_text(foreground.a)
    return Style(
        background=styles.background if styles.has_rule("background") else None,
        foreground=foreground,
        bold=text.bold, dim=text.dim, italic=text.italic, underline=text.underline,
        reverse=text.reverse, strike=text.strike)


class SplitPane(ArticleView):
    """An article pane of the split view (side "A" or "B")."""

    COMPONENT_CLASSES: ClassVar[set[str]] = ArticleView.COMPONENT_CLASSES | {
        "split-pane--side",
        "split-pane--quote",
        "split-pane--quote-number",
        "split-pane--only",
        "split-pane--only-quote",
        "split-pane--current",
        *(f"split-pane--entity-{n}" for n in range(1, ENTITY_STYLES + 1)),
    }
    """
    | Class | Description |
    | :- | :- |
    | `split-pane--side` | The side's letter before the title. |
    | `split-pane--entity-N` | Mentions of the Nth shared entity (N = 1..12, then again). |
    | `split-pane--quote` | The matched words of a shared quote. |
    | `split-pane--quote-number` | The number of a shared quote, before it. |
    | `split-pane--only` | An entity only this article names. |
    | `split-pane--only-quote` | A quote only this article has. |
    | `split-pane--current` | Mentions of the item the reader went to. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "open_url", "Open URL", show=False, id="article.open-url"),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | o | Open the article's web address in the browser (not shown in the footer here). |
    """

    current_item: reactive[int] = reactive(-1, init=False)
    """Index of the item whose mentions show as current (-1: none)."""

    show_one_sided: reactive[bool] = reactive(True, init=False)
    """Whether entities and quotes only this article has are highlighted."""

    def __init__(self, side: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.side = side
        self.spans: tuple[Span, ...] = ()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Search matches (`n`/`N`) have no place here: `]`/`[` walk the shared items."""
        return action not in ("next_match", "previous_match")

    def on_mount(self) -> None:
        self.query_one("#article-body").mount(Paragraph(Content(), 0, 0))

    def show_side(self, article: Any, spans: tuple[Span, ...]) -> None:
        """Show `article` with these spans (offsets into its text).

        The body is one `Paragraph` holding the whole text (paragraphs stay apart by their
        blank lines), updated in place: a new pair costs no new widgets.
        """
        self.article, self.spans = article, spans
        self.set_reactive(SplitPane.current_item, -1)
        paragraph = self.query_one(Paragraph)
        paragraph.start, paragraph.end = 0, len(article.text)
        self.restyle()
        meta = [plain(article.outlet) if article.outlet else plain(UNKNOWN_OUTLET, "italic"),
                plain(article.date or "undated")]
        self.query_one("#article-meta").update(Content(" · ").join(meta))
        self.scroll_home(animate=False, immediate=True)
        self.add_class("-has-article")

    def _heading(self) -> None:
        side = span_style(self, "split-pane--side")
        self.query_one("#article-title").update(
            Content.assemble((f" {self.side} ", side), " ", plain(self.article.title)))

    def first_offset(self, item: int) -> int | None:
        """Where this article first mentions item `item` (None: it does not)."""
        return next((span.start for span in self.spans if span.item == item), None)

    def restyle(self) -> None:
        """Render the title and every paragraph again (after the current item, a toggle or the
        theme changed: spans hold colours, not theme variables)."""
        if self.article is None:
            return
        self._heading()
        for paragraph in self.query(Paragraph):
            paragraph.update(self._paragraph(paragraph.start, paragraph.end))

    def watch_current_item(self) -> None:
        self.restyle()

    def watch_show_one_sided(self) -> None:
        self.restyle()

    def _paragraph(self, start: int, end: int) -> Content:
        content = highlighted(self.article.text[start:end], [], "")
        styles: dict[str, Style] = {}

        def style(name: str) -> Style:
            if name not in styles:
                styles[name] = span_style(self, name)
            return styles[name]

        labels: list[tuple[int, str]] = []
        for span in self.spans:
            if span.start >= end:
                break
            if span.end <= start or (span.style in ONE_SIDED and not self.show_one_sided):
                continue
            s, e = max(span.start, start) - start, min(span.end, end) - start
            content = content.stylize(style(span.style), s, e)
            if span.item == self.current_item:
                content = content.stylize(style("split-pane--current"), s, e)
            if span.label and span.start >= start:
                labels.append((s, span.label))
        for offset, label in reversed(labels):
            number = Content(label).stylize(style("split-pane--quote-number"))
            content = content[:offset] + number + content[offset:]
        return content
