"""The size limit of analysis: entities, quotes and comparisons read at most the first
`MAX_ANALYSED_CHARS` characters of an article (cut at a paragraph break), so that no article,
however long, makes them slow; the rest is still shown, searched and exported, only not analysed.
Every place that shows analysis says when it skipped part of an article (`limit_note`).
"""

from __future__ import annotations

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


def analysis_key(digest: str, text: str) -> str:
    """The cache key of the analysis of an article's text: its digest, marked when the analysis
    read only part of it (so a cut analysis never stands for a whole one)."""
    read = len(analysed_part(text))
    return digest if read == len(text) else f"{digest}:first-{read}"
