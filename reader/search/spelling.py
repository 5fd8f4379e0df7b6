"""Did-you-mean: the corpus vocabulary of words as written, and corrected queries.

Engine-independent: a suggestion replaces each plain query word the index does not know by
the likeliest close known word, and is offered only when the corrected query finds articles.
Names of the alias tables are never corrected.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from typing import TYPE_CHECKING

from reader.search.aliases import is_name
from reader.search.analysis import term
from reader.search.edits import candidates, edits, within_budget
from reader.search.query import QueryError, parse
from reader.search.tree import ParsedQuery, QueryWord
from reader.text import fold_name

if TYPE_CHECKING:
    from reader.search.engine import Searcher

_MAX_EXPANSION = 200

SUGGEST_BUDGET = 300_000
"""The most candidates one query's suggestions examine, all its words together (about a
tenth of a second in all)."""
WORD_BUDGET = 150_000
"""A suggestion looks two edits away only for a word whose candidates fit this (words of six
letters a-z at most, some 40 ms); longer words are corrected by one edit (about 1,100
candidates for 20 letters: a millisecond), so that a long unknown word never holds up the
next keystroke."""


class Vocabulary:
    """Words as written in the corpus, for prefixes, fuzzy words and suggestions."""

    def __init__(self, counts: Counter[str]) -> None:
        self.counts = counts
        self.words = sorted(counts)
        self.examined = 0
        """Candidate words generated so far by `near` (what bounds its cost)."""

    def starting_with(self, prefix: str, limit: int = _MAX_EXPANSION) -> list[str]:
        """Known words that start with prefix (the commonest `limit` when there are more)."""
        start = bisect_left(self.words, prefix)
        end = bisect_left(self.words, prefix + "\uffff")
        found = self.words[start:end]
        if len(found) > limit:
            found = sorted(found, key=self.counts.__getitem__, reverse=True)[:limit]
        return found

    def near(self, word: str, distance: int) -> set[str]:
        """Known words at most `distance` (1 or 2) edits from word; empty for a word whose
        candidates would exceed the budget (see `within_budget`)."""
        if not within_budget(word, distance):
            return set()
        first = edits(word)
        self.examined += len(first)
        found = {w for w in first if w in self.counts}
        if distance > 1:
            for edit in first:
                second = edits(edit)
                self.examined += len(second)
                found.update(w for w in second if w in self.counts)
        return found

    def correct(self, word: str) -> list[str]:
        """Known words close to word, the likeliest first (none for a word longer than
        `MAX_LETTERS`; two edits away only within `WORD_BUDGET`)."""
        for distance in (1, 2):
            if distance == 2 and (len(word) < 5 or candidates(word, 2) > WORD_BUDGET):
                break
            found = self.near(word, distance)
            found.discard(word)
            if found:
                return sorted(found, key=lambda w: (-self.counts[w], w))
        return []


def suggest(
    searcher: Searcher, vocabulary: Vocabulary, query: str, parsed: ParsedQuery
) -> str | None:
    """A corrected query that finds articles: unknown words replaced by close known words."""
    if not vocabulary.words or not parsed.words:
        return None
    vocabulary.examined = 0
    replacements = []
    for word in parsed.words:
        if vocabulary.examined >= SUGGEST_BUDGET:
            break
        fix = _replacement(searcher, vocabulary, word)
        if fix is not None:
            replacements.append(fix)
    if not replacements:
        return None
    corrected = query
    for start, end, candidate in sorted(replacements, reverse=True):
        corrected = corrected[:start] + candidate + corrected[end:]
    try:
        found = searcher.run(parse(corrected, vocabulary), 1, "relevance", False, exact=False)
    except QueryError:
        return None
    return corrected if found.total else None


def _replacement(searcher: Searcher, vocabulary: Vocabulary, word: QueryWord) -> QueryWord | None:
    """The known word to put in place of a query word the index does not know, if any."""
    stemmed = term(word.word)
    if stemmed is None or is_name(word.word) or searcher.document_frequency(stemmed):
        return None
    for candidate in vocabulary.correct(fold_name(word.word))[:3]:
        stem_of = term(candidate)
        if stem_of and searcher.document_frequency(stem_of):
            if word.word[:1].isupper():
                candidate = candidate.capitalize()
            return QueryWord(word.start, word.end, candidate)
    return None
