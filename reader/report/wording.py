"""How every report words a comparison: match kinds, sources, speakers, matched words, diffs."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only annotations: the interface imports this at start-up
    from collections.abc import Sequence

    from reader.analysis.entities import Entity, Mention
    from reader.analysis.matching import QuoteMatch
    from reader.analysis.quotes import Quote
    from reader.corpus.article import Article

KIND_LABEL = {
    "exact": "same words",
    "partial": "partial quote",
    "reworded": "reworded",
    "unquoted": "quoted in one, unquoted in the other",
}
"""What each kind of shared quote (`QuoteMatch.kind`) is called."""

_QUOTE_MARKS = "\"“”„«»‘’' "


def about(article: Article) -> str:
    """Outlet, date and id of an article, on one line."""
    return " · ".join([article.outlet_label, article.date or "undated", article.id])


def mention_count(mentions: Sequence[Mention]) -> str:
    """How often one article mentions an entity, with the nationality words that stand for a
    country told apart ("13 (9 as Russian)"): a reader weighs "Russia" and "Russian jets"
    differently."""
    from reader.analysis.entities import name_counts

    counts = name_counts(mentions)
    if not counts.nationality_words:
        return str(len(mentions))
    return f"{len(mentions)} ({counts.nationality_words} as {counts.word})"


def speaker(name: str | None) -> str:
    """A quote's speaker, or "unattributed"."""
    return name or "unattributed"


def who(quote: Quote | None) -> str:
    """Who a side of a shared quote is attributed to ("unquoted" when that side has no quote)."""
    return "unquoted" if quote is None else speaker(quote.speaker)


def speakers_note(match: QuoteMatch) -> str | None:
    """'A gives it to X, B to Y' when the two articles name different speakers, else None."""
    if not match.speakers_differ:
        return None
    return f"different speakers: A gives it to {who(match.a)}, B to {who(match.b)}"


def quoted(quote: Quote | None, text: str, start: int, end: int) -> str:
    """The matched words: in quotation marks (with … where the quote goes on), or unquoted."""
    if quote is None:
        return " ".join(text[start:end].split())
    words = " ".join(text[start:end].strip(_QUOTE_MARKS).split())
    before = "…" if text[quote.start : start].strip(_QUOTE_MARKS) else ""
    after = "…" if text[end : quote.end].strip(_QUOTE_MARKS + ",.") else ""
    return f"“{before}{words}{after}”"


def inline_diff(match: QuoteMatch, deleted: str, inserted: str) -> str:
    """The two wordings as one line: shared words plain, A's and B's own words marked."""
    pieces = []
    for op, a_words, b_words in match.diff:
        if op == "equal":
            pieces.append(a_words)
            continue
        if a_words:
            pieces.append(deleted.format(a_words))
        if b_words:
            pieces.append(inserted.format(b_words))
    return " ".join(pieces)


def entity_names(entities: tuple[Entity, ...]) -> str:
    """Entity names with their mention counts, comma-separated ("none" for none)."""
    return ", ".join(f"{e.name} ({len(e.mentions)})" for e in entities) or "none"
