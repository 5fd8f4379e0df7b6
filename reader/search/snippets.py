"""Highlighting and snippets: where a query's words are in a text, and the passage to show.

Engine-independent: spans come from the query's `Highlight` and the index's analysis, so a
word is marked exactly when the index would match it ("strikes" marks "strike").
"""

from __future__ import annotations

import itertools
import re
import string
from collections import Counter
from functools import cache, lru_cache
from typing import NamedTuple

from reader.search.analysis import WORD, term, tokens
from reader.search.query import QueryError, parse
from reader.search.tree import Highlight
from reader.text import fold_name

SNIPPET_CHARS = 220

Span = tuple[int, int]
"""`(start, end)` offsets into a text, half-open."""


class Snippet(NamedTuple):
    """A passage of a text, whitespace made single, and the offsets of its matched words."""

    text: str
    marks: tuple[Span, ...]


def spans(highlight: Highlight, text: str) -> list[Span]:
    """Offsets of the words of text that the query matches (phrases only where their words
    follow each other)."""
    if not (highlight.stems or highlight.phrases or highlight.prefixes or highlight.fuzzy):
        return []
    found: set[Span] = set()
    starts = {phrase[0] for phrase in highlight.phrases}
    for position in _candidate_starts(highlight, starts, text):
        match = WORD.match(text, position)
        if match is None:
            continue
        start, end = match.span()
        stemmed = term(match.group())
        if stemmed in highlight.stems or _matches_as_written(highlight, match.group()):
            found.add((start, end))
        if stemmed is not None and stemmed in starts:
            found.update(_phrase_spans(highlight.phrases, stemmed, start, end, text))
    return sorted(found)


def _candidate_starts(highlight: Highlight, starts: set[str], text: str) -> list[int]:
    """Where words that may match begin in text."""
    if highlight.fuzzy:  # no cheap way to find candidates: look at every word
        return [m.start() for m in WORD.finditer(text)]
    heads = {s[:3] for s in highlight.stems | starts} | {p[:3] for p in highlight.prefixes}
    return [m.start() for m in _candidates(frozenset(heads)).finditer(text)]


def _matches_as_written(highlight: Highlight, word: str) -> bool:
    """Whether a word as written matches one of the query's prefixes or fuzzy words."""
    if not (highlight.prefixes or highlight.fuzzy):
        return False
    folded = fold_name(word)
    return folded.startswith(tuple(highlight.prefixes)) or any(
        _within(folded, near.word, near.distance) for near in highlight.fuzzy
    )


def _phrase_spans(
    phrases: list[tuple[str, ...]], stemmed: str, start: int, end: int, text: str
) -> set[Span]:
    """The spans of the words of each phrase that starts at the word (stemmed, start, end)."""
    longest = max(len(p) for p in phrases)
    run = [(stemmed, start, end), *itertools.islice(tokens(text, end), longest - 1)]
    found: set[Span] = set()
    for phrase in phrases:
        if tuple(t for t, _, _ in run[: len(phrase)]) == phrase:
            found.update((s, e) for _, s, e in run[: len(phrase)])
    return found


@cache
def _variants() -> dict[str, str]:
    """Each ASCII letter with the accented letters that fold to it."""
    table: dict[str, str] = {c: c for c in string.ascii_lowercase}
    for code in range(0xC0, 0x250):
        char = chr(code)
        base = fold_name(char)
        if len(base) == 1 and base in table:
            table[base] += char + char.upper()
    return table


@lru_cache(maxsize=256)
def _candidates(heads: frozenset[str]) -> re.Pattern[str]:
    """Where words starting with any of heads (as folded) begin in a text."""
    variants = _variants()
    alternatives = sorted(
        "".join(f"[{re.escape(variants[c])}]" if c in variants else re.escape(c) for c in head)
        for head in heads
    )
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + ")", re.IGNORECASE)


def _within(a: str, b: str, distance: int) -> bool:
    """Whether two words are at most `distance` edits apart (Levenshtein)."""
    if abs(len(a) - len(b)) > distance:
        return False
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > distance:
            return False
        previous = current
    return previous[-1] <= distance


@lru_cache(maxsize=256)
def _cached_highlight(query: str) -> Highlight | None:
    try:
        return parse(query).highlight
    except QueryError:
        return None


def match_spans(query: str, text: str) -> list[Span]:
    """Offsets in text (an article's cleaned text) of the words the query looks for, analysed
    as the index does ("strikes" matches "strike"); empty for a query that cannot be parsed.
    Words after NOT or '-' and field filters other than title: are not highlighted."""
    highlight = _cached_highlight(query)
    return spans(highlight, text) if highlight is not None else []


# ---------------------------------------------------------------------------- snippets


def snippet(text: str, highlight: Highlight) -> Snippet:
    """The passage of text with the most distinct matched words, whitespace made single,
    and the offsets of the matches within it."""
    found = spans(highlight, text)
    if not found:
        end = _cut_end(text, 0, SNIPPET_CHARS)
        return _flatten(text, 0, end, [])
    first = found[_densest(text, found)][0]
    start = _cut_start(text, max(0, first - 60), first)
    end = _cut_end(text, start, SNIPPET_CHARS)
    inside = [(s, e) for s, e in found if s >= start and e <= end]
    return _flatten(text, start, end, inside)


def _densest(text: str, found: list[Span]) -> int:
    """The index of the match that starts the window of `SNIPPET_CHARS` with the most distinct
    matched words (the first such): one pass, with a count of the words in the window.

    Matches are word spans sorted by start, so their ends never decrease and the window from
    each match is a run of the following matches: linear in the number of matches.
    """
    words = [text[s:e].lower() for s, e in found]
    inside: Counter[str] = Counter()
    best, best_score, end = 0, -1, 0
    for i, (start, _) in enumerate(found):
        end = max(end, i)
        while end < len(found) and found[end][1] - start <= SNIPPET_CHARS:
            inside[words[end]] += 1
            end += 1
        if len(inside) > best_score:
            best, best_score = i, len(inside)
        if end > i:  # the match leaves the window before the next one is looked at
            inside[words[i]] -= 1
            if not inside[words[i]]:
                del inside[words[i]]
    return best


def _cut_start(text: str, start: int, first: int) -> int:
    if start == 0:
        return 0
    boundary = max(text.rfind(". ", start, first), text.rfind("\n", start, first))
    if boundary >= 0:
        return boundary + 1
    space = text.find(" ", start, first)
    return space + 1 if space >= 0 else start


def _cut_end(text: str, start: int, length: int) -> int:
    end = start + length
    if end >= len(text):
        return len(text)
    space = text.rfind(" ", start, end)
    return space if space > start else end


def _flatten(text: str, start: int, end: int, found: list[Span]) -> Snippet:
    pieces: list[str] = []
    marks: list[Span] = []
    length = 0
    prefix = "\u2026" if start > 0 else ""
    pieces.append(prefix)
    length += len(prefix)
    cursor = start
    for s, e in [*found, (end, end)]:
        gap = re.sub(r"\s+", " ", text[cursor:s])
        if cursor == start:
            gap = gap.lstrip()
        pieces.append(gap)
        length += len(gap)
        if s == e == end:
            break
        word = text[s:e]
        marks.append((length, length + len(word)))
        pieces.append(word)
        length += len(word)
        cursor = e
    flat = "".join(pieces).rstrip()
    if end < len(text):
        flat += "\u2026"
    return Snippet(flat, tuple(marks))
