"""The words the index sees: what a word is, and the index term of a word as written.

A term is the word case- and accent-folded and Porter-stemmed; stop words and single
characters have none. The stemmer and the stop list are Whoosh's (plain Python functions and
data, no index involved), so queries, highlighting and the index agree on every word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from whoosh.analysis.filters import STOP_WORDS
from whoosh.lang.porter import stem

from reader.text import strip_accents

WORD = re.compile(r"\w+(?:\.?\w+)*")
"""What the index counts as a word."""
_STOP = frozenset(STOP_WORDS)
_TERMS: dict[str, str | None] = {}
_TERMS_MAX = 500_000


class Token(NamedTuple):
    """One indexed word of a text: its term and its `(start, end)` offsets in the text."""

    term: str
    start: int
    end: int


def term(word: str) -> str | None:
    """The index term of one word as written: case- and accent-folded, Porter-stemmed.

    None for a word the index leaves out (stop words and single characters).
    """
    found = _TERMS.get(word, "")
    if found != "":
        return found
    lowered = word.lower()
    result: str | None
    if len(lowered) < 2 or lowered in _STOP:
        result = None
    else:
        if not lowered.isascii():
            lowered = strip_accents(lowered)
        result = stem(lowered)
    if len(_TERMS) >= _TERMS_MAX:
        _TERMS.clear()
    _TERMS[word] = result
    return result


def tokens(text: str, start: int = 0) -> Iterator[Token]:
    """Each indexed word of text from start; offsets index into text."""
    for match in WORD.finditer(text, start):
        found = term(match.group())
        if found is not None:
            yield Token(found, match.start(), match.end())


def terms(text: str) -> list[str]:
    """The index terms of text, in order (what a field stores, positions are list indices)."""
    get = _TERMS.get
    result = []
    for word in WORD.findall(text):
        found = get(word, "")
        if found == "":
            found = term(word)
        if found is not None:
            result.append(found)
    return result


def raw_words(text: str) -> set[str]:
    """The distinct words of text as written (lowercased, letters only, 3+ characters)."""
    return {w for w in WORD.findall(text.lower()) if len(w) > 2 and w.isalpha()}
