"""Did-you-mean: the corpus vocabulary of words as written, and corrected queries.

Engine-independent: a suggestion replaces each plain query word the index does not know by
the likeliest close known word, and is offered only when the corrected query finds articles.
"""

from __future__ import annotations

import string
from bisect import bisect_left
from collections import Counter
from typing import TYPE_CHECKING

from reader.search.analysis import term
from reader.search.query import QueryError, parse
from reader.search.tree import ParsedQuery, QueryWord
from reader.text import fold_name

if TYPE_CHECKING:
    from reader.search.engine import Searcher

_MAX_EXPANSION = 200
_ALPHABET = string.ascii_lowercase


class Vocabulary:
    """Words as written in the corpus, for prefixes, fuzzy words and suggestions."""

    def __init__(self, counts: Counter[str]) -> None:
        self.counts = counts
        self.words = sorted(counts)

    def starting_with(self, prefix: str) -> list[str]:
        """Known words that start with prefix (the commonest when there are very many)."""
        start = bisect_left(self.words, prefix)
        end = bisect_left(self.words, prefix + "\uffff")
        found = self.words[start:end]
        if len(found) > _MAX_EXPANSION:
            found = sorted(found, key=self.counts.__getitem__, reverse=True)[:_MAX_EXPANSION]
        return found

    def near(self, word: str, distance: int) -> set[str]:
        """Known words at most `distance` (1 or 2) edits from word."""
        found = {w for w in _edits(word) if w in self.counts}
        if distance > 1:
            found |= {w for e in _edits(word) for w in _edits(e) if w in self.counts}
        return found

    def correct(self, word: str) -> list[str]:
        """Known words close to word, the likeliest first."""
        for distance in (1, 2):
            if distance == 2 and len(word) < 5:
                break
            found = self.near(word, distance)
            found.discard(word)
            if found:
                return sorted(found, key=lambda w: (-self.counts[w], w))
        return []


def _edits(word: str) -> set[str]:
    letters = _ALPHABET + "".join(sorted({c for c in word if c not in _ALPHABET}))
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return (
        {a + b[1:] for a, b in splits if b}
        | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
        | {a + c + b[1:] for a, b in splits if b for c in letters}
        | {a + c + b for a, b in splits for c in letters}
    )


def suggest(
    searcher: Searcher, vocabulary: Vocabulary, query: str, parsed: ParsedQuery
) -> str | None:
    """A corrected query that finds articles: unknown words replaced by close known words."""
    if not vocabulary.words or not parsed.words:
        return None
    replacements = [
        fix for fix in (_replacement(searcher, vocabulary, w) for w in parsed.words) if fix
    ]
    if not replacements:
        return None
    corrected = query
    for start, end, candidate in sorted(replacements, reverse=True):
        corrected = corrected[:start] + candidate + corrected[end:]
    try:
        found = searcher.run(parse(corrected, vocabulary), 1, "relevance", False)
    except QueryError:
        return None
    return corrected if found.total else None


def _replacement(searcher: Searcher, vocabulary: Vocabulary, word: QueryWord) -> QueryWord | None:
    """The known word to put in place of a query word the index does not know, if any."""
    stemmed = term(word.word)
    if stemmed is None or searcher.document_frequency(stemmed):
        return None
    for candidate in vocabulary.correct(fold_name(word.word))[:3]:
        stem_of = term(candidate)
        if stem_of and searcher.document_frequency(stem_of):
            if word.word[:1].isupper():
                candidate = candidate.capitalize()
            return QueryWord(word.start, word.end, candidate)
    return None
