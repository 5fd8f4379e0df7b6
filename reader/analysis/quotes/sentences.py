"""Sentence edges around a quote: where a sentence starts and ends, abbreviations not counted."""

from __future__ import annotations

import re

from reader.analysis.quotes.model import Span
from reader.analysis.quotes.words import quote_words


def skip_space(text: str, pos: int) -> int:
    """`pos` moved past spaces and tabs."""
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    return pos


def _ends_abbreviation(text: str, start: int, cut: int) -> bool:
    """True when the full stop at `cut` closes an abbreviation or initials ('Col.', 'J.',
    'J.D.')."""
    word = re.search(r"([\w.]+)$", text[start:cut])
    return word is not None and (
        word.group(1).lower() in quote_words().abbreviations
        or _INITIALS.fullmatch(word.group(1)) is not None
    )


_INITIALS = re.compile(r"(?:[A-Z]\.)*[A-Z]")


def sentence_start(text: str, pos: int, floor: int) -> int:
    """Start of the sentence containing `pos` (never before `floor`, the line start)."""
    for match in reversed(list(re.finditer(r"[.!?][\"”’']?\s+", text[floor:pos]))):
        if _ends_abbreviation(text, floor, floor + match.start()):
            continue
        return floor + match.end()
    return floor


_TERMINATOR = re.compile(r"[.!?]([”\"’']*)(?=\s|$)")


def clause_end(text: str, pos: int, limit: int) -> int:
    """End of the sentence a quote lies in: before its full stop, or after a quote ending it."""
    for match in _TERMINATOR.finditer(text, pos - 2 if pos >= 2 else pos, limit):
        if _ends_abbreviation(text, pos, match.start()):
            continue
        return match.end() if match.group(1) else match.start()
    return limit


def ends_sentence(text: str, start: int, end: int) -> bool:
    """True when text[start:end] contains the end of a sentence (not 'Col.' or 'U.S.')."""
    return sentence_start(text, end, start) > start or bool(re.search(r"[;!?]", text[start:end]))


def previous_sentence(text: str, lines: list[tuple[int, int]], index: int) -> Span | None:
    """The last sentence of the line before line `index`."""
    if index == 0:
        return None
    start, end = lines[index - 1]
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(sentence_start(text, max(end - 1, start), start), end)
