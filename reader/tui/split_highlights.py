"""What the split view highlights: the items of a comparison and their spans in each article.

`build(comparison)` turns a `reader.analysis.comparison.Comparison` into `Highlights`: one `Item`
per shared entity, shared quote, and entity or quote only one article has (in the summary's order),
and for each side the styled `Span`s over `Article.text` offsets. Styles are component class
names of `HighlightStyles`, so colours come from the theme (see `styles/split.tcss`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:  # the comparison stack loads in a worker, not at start-up
    from reader.analysis.comparison import Comparison, SharedEntity
    from reader.analysis.entities import Entity
    from reader.analysis.matching import QuoteMatch
    from reader.analysis.quotes import Quote

    Source: TypeAlias = SharedEntity | QuoteMatch | Entity | Quote
    """What an item shows: a shared entity or quote, or one only one article has."""

ENTITY_STYLES = 12
"""Distinct styles for shared entities; more entities than this reuse them in turn, each with a
letter tag (`entity_tag`) beside its mentions and its line in the summary."""


class Kind(StrEnum):
    """What an item is."""

    ENTITY = "entity"
    QUOTE = "quote"
    ONLY_A_ENTITY = "only-a-entity"
    ONLY_A_QUOTE = "only-a-quote"
    ONLY_B_ENTITY = "only-b-entity"
    ONLY_B_QUOTE = "only-b-quote"


@dataclass(frozen=True, slots=True)
class Item:
    """One line of the summary: its spans in A and in B (empty on the side that lacks it).

    `style` is the component class of its spans; `number` is a shared quote's number (shown in
    both panes and in the summary), else 0. `source` is the comparison's own object
    (`SharedEntity`, `QuoteMatch`, `Entity` or `Quote`).
    """

    kind: Kind
    style: str
    a_spans: tuple[tuple[int, int], ...]
    b_spans: tuple[tuple[int, int], ...]
    source: Source
    number: int = 0
    tag: str = ""
    """A shared entity's letter tag, when the styles ran out (the 13th entity and later)."""

    @property
    def shared(self) -> bool:
        """Both articles have it (what `]` and `[` walk through)."""
        return self.kind in (Kind.ENTITY, Kind.QUOTE)


@dataclass(frozen=True, slots=True)
class Span:
    """A styled range of one article's text; `item` indexes `Highlights.items`."""

    start: int
    end: int
    style: str
    item: int
    label: str = ""


@dataclass(frozen=True, slots=True)
class Highlights:
    """The items of a comparison and each side's spans, sorted by start (quotes before the
    entities inside them, so entity colours show over the quote style)."""

    comparison: Comparison
    items: tuple[Item, ...]
    a: tuple[Span, ...]
    b: tuple[Span, ...]

    @property
    def shared(self) -> list[int]:
        """Indexes of the shared items, in summary order."""
        return [i for i, item in enumerate(self.items) if item.shared]


def entity_style(index: int) -> str:
    """The component class of the shared entity at `index` (most mentioned first)."""
    return f"highlight--entity-{index % ENTITY_STYLES + 1}"


def entity_tag(index: int) -> str:
    """The letter tag of the shared entity at `index`: "" for the first ENTITY_STYLES, then
    "a", "b", ... "z", "aa", "ab", ... (so two entities sharing a style never look alike)."""
    if index < ENTITY_STYLES:
        return ""
    number, tag = index - ENTITY_STYLES, ""
    while True:
        number, letter = divmod(number, 26)
        tag = chr(ord("a") + letter) + tag
        if not number:
            return tag
        number -= 1


def _mentions(entity: Entity) -> tuple[tuple[int, int], ...]:
    return tuple((m.start, m.end) for m in entity.mentions)


def _quote(quote: Quote) -> tuple[tuple[int, int], ...]:
    return ((quote.start, quote.end),)


def build(comparison: Comparison) -> Highlights:
    """The items and spans of a comparison."""
    items: list[Item] = []
    for index, shared in enumerate(comparison.shared_entities):
        items.append(
            Item(
                Kind.ENTITY,
                entity_style(index),
                tuple((m.start, m.end) for m in shared.a_mentions),
                tuple((m.start, m.end) for m in shared.b_mentions),
                shared,
                tag=entity_tag(index),
            )
        )
    for number, match in enumerate(comparison.shared_quotes, 1):
        items.append(
            Item(
                Kind.QUOTE,
                "highlight--quote",
                ((match.a_start, match.a_end),),
                ((match.b_start, match.b_end),),
                match,
                number,
            )
        )
    for kind, entities, a_side in (
        (Kind.ONLY_A_ENTITY, comparison.only_a_entities, True),
        (Kind.ONLY_B_ENTITY, comparison.only_b_entities, False),
    ):
        quotes = comparison.only_a_quotes if a_side else comparison.only_b_quotes
        quote_kind = Kind.ONLY_A_QUOTE if a_side else Kind.ONLY_B_QUOTE
        for entity in entities:
            spans = _mentions(entity)
            items.append(
                Item(
                    kind,
                    "highlight--only",
                    spans if a_side else (),
                    () if a_side else spans,
                    entity,
                )
            )
        for quote in quotes:
            spans = _quote(quote)
            items.append(
                Item(
                    quote_kind,
                    "highlight--only-quote",
                    spans if a_side else (),
                    () if a_side else spans,
                    quote,
                )
            )
    return Highlights(comparison, tuple(items), _spans(items, True), _spans(items, False))


def _spans(items: list[Item], a_side: bool) -> tuple[Span, ...]:
    spans = []
    for index, item in enumerate(items):
        label = f" {item.number} " if item.number else (f" {item.tag} " if item.tag else "")
        for start, end in item.a_spans if a_side else item.b_spans:
            spans.append(Span(start, end, item.style, index, label))
    quotes_first = {Kind.QUOTE: 0, Kind.ONLY_A_QUOTE: 0, Kind.ONLY_B_QUOTE: 0}
    return tuple(
        sorted(spans, key=lambda s: (s.start, quotes_first.get(items[s.item].kind, 1), -s.end))
    )
