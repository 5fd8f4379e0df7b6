"""The size limit of analysis: entities, quotes and comparisons read at most the first
`MAX_ANALYSED_CHARS` characters of an article (cut at a paragraph break), so that no article,
however long, makes them slow; the rest is still shown, searched and exported, only not analysed.
Every place that shows analysis says when it skipped part of an article (`limit_note`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from reader.analysis.entities import ArticleEntities
    from reader.corpus import Article

MAX_ANALYSED_CHARS = 1_000_000
"""The most characters of one article that entity, quote and comparison analysis reads."""


def analysed_part(text: str) -> str:
    """The part of an article's text that analysis reads: all of it up to the limit, else the
    paragraphs (or, failing those, the words) that fit in it. A prefix, so offsets hold."""
    if len(text) <= MAX_ANALYSED_CHARS:
        return text
    head = text[:MAX_ANALYSED_CHARS]
    for separator in ("\n\n", "\n", " "):
        cut = head.rfind(separator)
        if cut > MAX_ANALYSED_CHARS // 2:
            return head[:cut]
    return head


def limit_note(text: str) -> str | None:
    """What analysis skipped of an article's text, in words (None when it read all of it)."""
    read = len(analysed_part(text))
    if read == len(text):
        return None
    return (
        f"only the first {read:,} of {len(text):,} characters were analysed for entities and "
        f"quotes (the limit is {MAX_ANALYSED_CHARS:,})"
    )


class Analysed(NamedTuple):
    """The part of an article that analysis reads, and its entities."""

    text: str
    entities: ArticleEntities


def analyse_article(article: Article) -> Analysed:
    """An article's entities within the limit, cached per article version; a cut analysis has
    its own cache key, so it never stands for a whole one."""
    from reader.analysis.entities import analyse

    text = analysed_part(article.text)
    key = (
        article.digest if len(text) == len(article.text) else f"{article.digest}:first-{len(text)}"
    )
    return Analysed(text, analyse(text, cache_key=key))
