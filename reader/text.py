"""Text primitives every part of the reader shares: folding and paragraph spans.

Each fold answers one question, so each has one name: `fold_marks` for matching rules against
text written with curly quotes and dashes, `fold_key` for keys that compare names, `fold_name`
for outlet names and search words. Offsets are `str` indices into the text given, half-open.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_MARKS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u201e": '"',
        "\u2013": "-",
        "\u2014": "-",
    }
)
_MARK_PAIRS = tuple((chr(mark), str(ascii_mark)) for mark, ascii_mark in _MARKS.items())


def fold_marks(text: str) -> str:
    """`text` with curly quotes, guillemets and dashes folded to ASCII (same length)."""
    for mark, ascii_mark in _MARK_PAIRS:  # str.replace: some 50 times faster than translate
        if mark in text:
            text = text.replace(mark, ascii_mark)
    return text


def strip_accents(text: str) -> str:
    """`text` without combining accents (NFKD, then the combining marks dropped: each distinct
    mark taken out at once, since few characters of a text are marks)."""
    decomposed = unicodedata.normalize("NFKD", text)
    if decomposed.isascii():
        return decomposed
    for char in set(decomposed):
        if unicodedata.combining(char):
            decomposed = decomposed.replace(char, "")
    return decomposed


@lru_cache(maxsize=65536)
def fold_key(text: str) -> str:
    """The lower-case, accent-free, single-spaced form of a name, with one apostrophe."""
    return " ".join(strip_accents(text.replace("\u2019", "'")).lower().split())


def fold_name(name: str) -> str:
    """An outlet name or search word folded for matching: case, accents and marks folded."""
    return strip_accents(fold_marks(name).casefold())


def paragraphs(text: str) -> list[tuple[int, int]]:
    """The `(start, end)` spans of the paragraphs of a cleaned text (blank-line separated)."""
    spans, start = [], 0
    while start <= len(text):
        end = text.find("\n\n", start)
        end = len(text) if end < 0 else end
        if text[start:end].strip():
            spans.append((start, end))
        start = end + 2
    return spans


def lines(text: str) -> list[tuple[int, int]]:
    """The `(start, end)` spans of the non-empty lines of `text` (no line break inside)."""
    spans, start = [], 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if end > start:
            spans.append((start, end))
        start = end + 1
    return spans
