"""SummaryList: the split view's summary of a comparison, one option per item.

Shared entities with their counts in A and B, shared quotes with speakers, similarity and the
two wordings with the words that differ marked, then what only A and only B have. Choosing an
item (Enter or a click) posts `SummaryList.Chosen`; the screen scrolls the panes to it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.style import Style
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.corpus import UNKNOWN_OUTLET
from reader.report.wording import KIND_LABEL, mention_count
from reader.tui.row_list import LIST_NAVIGATION
from reader.tui.split_highlights import Highlights, Item, Kind
from reader.tui.text import plain, safe, span_style

if TYPE_CHECKING:
    from reader.analysis.matching import QuoteMatch
    from reader.analysis.quotes import Quote
    from reader.corpus import Article

Highlight = Callable[[str], Style]
"""The style of a highlight component class (`HighlightStyles.style`)."""

QUOTE_PREVIEW = 90
"""Characters of a one-sided quote shown in the summary."""


class SummaryList(OptionList):
    """The summary of a comparison; headings are disabled options."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *LIST_NAVIGATION,
        Binding("enter", "select", "Go to", id="list.open"),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | up, k | Previous item. |
    | down, j | Next item. |
    | home, g | First item. |
    | end, G | Last item. |
    | pageup | Up a page. |
    | pagedown | Down a page. |
    | enter | Scroll both panes to the item. |
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "summary-list--heading",
        "summary-list--count",
        "summary-list--changed",
        "summary-list--muted",
    }
    """
    | Class | Description |
    | :- | :- |
    | `summary-list--heading` | A section heading. |
    | `summary-list--count` | Counts, kinds and speakers. |
    | `summary-list--changed` | Words of a quote that the other article words differently. |
    | `summary-list--muted` | Entities and quotes only one article has. |
    """

    @dataclass
    class Chosen(Message):
        """The reader chose item `item` (an index into `Highlights.items`)."""

        item: int

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.highlights: Highlights | None = None

    def show(self, highlights: Highlights, highlight: Highlight) -> None:
        """List the items of `highlights`; `highlight(name)` is `HighlightStyles.style`."""
        self.highlights = highlights
        comparison = highlights.comparison
        heading = self._style("heading")
        options: list[Option] = []

        def section(text: str) -> None:
            gap = "\n" if options else ""
            options.append(Option(Content(gap + safe(text)).stylize(heading), disabled=True))

        items = list(enumerate(highlights.items))
        groups = (
            (f"Shared entities ({len(comparison.shared_entities)})", {Kind.ENTITY}),
            (f"Shared quotes ({len(comparison.shared_quotes)})", {Kind.QUOTE}),
            (f"Only in A · {_outlet(comparison.a)}", {Kind.ONLY_A_ENTITY, Kind.ONLY_A_QUOTE}),
            (f"Only in B · {_outlet(comparison.b)}", {Kind.ONLY_B_ENTITY, Kind.ONLY_B_QUOTE}),
        )
        for title, kinds in groups:
            section(title)
            chosen = [(i, item) for i, item in items if item.kind in kinds]
            options.extend(
                Option(self._prompt(item, highlight), id=f"item-{i}") for i, item in chosen
            )
            if not chosen:
                options.append(Option(Content("none").stylize(self._style("muted")), disabled=True))
        self.set_options(options)

    def item_under_cursor(self) -> int:
        """The index (into `Highlights.items`) of the item under the cursor, -1 for none."""
        if self.highlighted is None:
            return -1
        option_id = self.get_option_at_index(self.highlighted).id or ""
        return int(option_id.removeprefix("item-")) if option_id.startswith("item-") else -1

    def move_to(self, item: int) -> None:
        """Put the cursor on item `item`."""
        self.highlighted = self.get_option_index(f"item-{item}")

    def _style(self, name: str) -> Style:
        return span_style(self, f"summary-list--{name}")

    def _prompt(self, item: Item, highlight: Highlight) -> Content:
        from reader.analysis.comparison import SharedEntity
        from reader.analysis.entities import Entity
        from reader.analysis.matching import QuoteMatch

        count = self._style("count")
        source = item.source
        if isinstance(source, SharedEntity):
            tag = highlight("highlight--quote-number")
            return Content.assemble(
                (f" {item.tag} ", tag) if item.tag else "",
                " " if item.tag else "",
                plain(source.name).stylize(highlight(item.style)),
                (
                    f"  A {mention_count(source.a_mentions)}"
                    f" · B {mention_count(source.b_mentions)}",
                    count,
                ),
            )
        if isinstance(source, QuoteMatch):
            return self._quote(item.number, source, highlight)
        muted = self._style("muted")
        if isinstance(source, Entity):
            return Content.assemble(
                plain(source.name).stylize(muted), (f"  {len(source.mentions)}", count)
            )
        text = safe(source.text)
        if len(text) > QUOTE_PREVIEW:
            text = text[:QUOTE_PREVIEW].rsplit(" ", 1)[0] + "…"
        return Content.assemble((f"“{text}”", muted), (f" — {_who(source)}", count))

    def _quote(self, number: int, match: QuoteMatch, highlight: Highlight) -> Content:
        count, changed = self._style("count"), self._style("changed")
        head = Content.assemble(
            Content(f" {number} ").stylize(highlight("highlight--quote-number")),
            (
                f" {KIND_LABEL.get(match.kind, match.kind)} · similarity {match.similarity:.2f}",
                count,
            ),
        )
        lines = [head]
        if match.speakers_differ:
            lines.append(Content.assemble((" different speakers", changed)))
        for side, quote in (("A", match.a), ("B", match.b)):
            pieces = [Content.assemble((side, "bold"), (f" ({_who(quote)})", count))]
            for op, a_words, b_words in match.diff:
                text = a_words if side == "A" else b_words
                if text:
                    piece = plain(text)
                    pieces.append(piece if op == "equal" else piece.stylize(changed))
            lines.append(Content(" ").join(pieces))
        return Content("\n").join(lines)


def _outlet(article: Article) -> str:
    return safe(article.outlet) if article.outlet else UNKNOWN_OUTLET.lower()


def _who(quote: Quote | None) -> str:
    if quote is None:
        return "unquoted"
    return safe(quote.speaker) if quote.speaker else "unattributed"
