"""Quotation marks: which marks open or close a quote, how they pair, and the quoted spans.

A quote never runs past the end of its line unless the next line reopens it, so one stray mark
never swallows the rest of the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from reader.analysis.quotes.sentences import skip_space
from reader.analysis.quotes.verbs import reporting_verbs
from reader.text import lines

# Three apostrophes after a word close a single quote, then a double one (NYT: "Fox,''' said").
_MARK = re.compile(r"(?<=[^\s'’])['’](?=['’]{2}(?!['’]))|’’|''|‘‘|``|,,|[\"“”„‟«»‘’'‚‹›]")
_DOUBLE = {'"', "“", "”", "„", "‟", "«", "»", "’’", "''", "‘‘", "``", ",,"}
_OPENERS = {"“", "„", "‟", "«", "‘‘", "``", ",,", "‘", "‚", "‹"}
_CLOSERS = {"”", "»", "’’", "''", "’", "›"}
_LEFT_CONTEXT = set(" \t\n([{—–-/")  # a mark after these opens
_RIGHT_CONTEXT = set(" \t\n)]}—–-.,;:!?/…")  # a mark before these closes


@dataclass(frozen=True)
class _Mark:
    pos: int
    end: int
    double: bool
    can_open: bool
    can_close: bool


class QuoteSpan(NamedTuple):
    """One outermost quote: its extent, marks included, and the words of each of its lines."""

    start: int
    end: int
    pieces: list[tuple[int, int]]  # per line, without the marks and spacing at the ends


_SAID_AFTER = re.compile(r"\s*([a-z]+)")


def _misprinted_closer(text: str, pos: int, end: int) -> bool:
    """True for an opening mark printed where a quote closes: after a comma or a full stop
    that ends the quoted words and before a verb of saying ('go, “ said the Republican')."""
    before = text[max(0, pos - 3) : pos].rstrip()
    if not before or before[-1] not in ",.?!":
        return False
    verb = _SAID_AFTER.match(text, end)
    return verb is not None and verb.group(1) in reporting_verbs().reporting


def _classify(text: str, match: re.Match[str]) -> _Mark | None:
    glyph, pos, end = match.group(), match.start(), match.end()
    before = text[pos - 1] if pos > 0 else "\n"
    after = text[end] if end < len(text) else "\n"
    left_open = before in _LEFT_CONTEXT or before in "\"“”„«»‘’'‚‹›"
    if (
        before in "'’"
        and pos >= 2
        and text[pos - 2] not in _LEFT_CONTEXT
        and (glyph in _CLOSERS or glyph == '"')
    ):
        left_open = False  # the double closer after a single one: 'Friends,'' / 'you,'"''
    right_open = after in _RIGHT_CONTEXT or after in "\"“”„«»‘’'‚‹›"
    double = glyph in _DOUBLE
    if not double and before.isalnum() and after.isalnum():
        return None  # an apostrophe inside a word: don't, Russia’s
    if glyph in "«‹":  # guillemets are unambiguous, French spacing included
        can_open, can_close = True, False
    elif glyph in "»›":
        can_open, can_close = False, True
    elif glyph in _OPENERS:
        can_open = not right_open or (double and after in "\"'’”")
        can_close = double and not left_open
    elif glyph in _CLOSERS:
        can_close = not left_open
        can_open = double and left_open and not right_open
    else:  # straight marks decide by their neighbours
        can_open = left_open and not right_open
        can_close = not left_open and (right_open or double)
        if (
            double
            and before == " "
            and text[pos - 2 : pos - 1] in ("'", "’")
            and text[pos - 3 : pos - 2].strip()
        ):
            can_open, can_close = False, True  # '"... a 'flight to quality,' " he said'
    if glyph == "“" and can_open and _misprinted_closer(text, pos, end):
        can_open, can_close = False, True  # 'want to go, “ said Jim Jordan': a closing mark
    if glyph in "‘'" and can_open and not after.isalpha() and after not in '"“':
        can_open = False  # ‘90s, 'em-dash: single marks only open before a letter
    if not (can_open or can_close):
        return None
    return _Mark(pos, end, double, can_open, can_close)


def _pair_line(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], _Mark | None]:
    """Outermost quote spans of one line, and a double opener left open at its end."""
    spans: list[tuple[int, int]] = []
    stack: list[_Mark] = []
    for match in _MARK.finditer(text, start, end):
        mark = _classify(text, match)
        if mark is None:
            continue
        if stack:
            closes = [i for i, m in enumerate(stack) if m.double == mark.double]
            if closes and mark.can_close and (mark.double or closes[-1] == len(stack) - 1):
                opener = stack[closes[-1]]
                del stack[closes[-1] :]
                if not stack:
                    spans.append((opener.pos, mark.end))
                continue
            if _unclosed_before(text, stack, mark, end):
                spans.append((stack[0].pos, _end_before(text, mark.pos)))
                stack.clear()
            if mark.can_open and len(stack) < 4:
                stack.append(mark)
        elif mark.can_open:
            stack.append(mark)
    doubles = [m for m in stack if m.double]
    return spans, (doubles[0] if doubles else None)


def _unclosed_before(text: str, stack: list[_Mark], mark: _Mark, line_end: int) -> bool:
    """True when an opening “ comes while a quote opened with “ is still open and the line
    does not close both ('“Rubio failed, the campaign said. “But ...” Weaver said, “...”'): the
    open quote was never closed. Quotes nested in the same mark close twice ('“what he calls
    “hell” than this”')."""
    if not (text[mark.pos] == "“" and mark.can_open and text[stack[0].pos] == "“"):
        return False
    following = [text[m.start()] for m in _CURLY.finditer(text, mark.end, line_end)][:2]
    return following != ["”", "”"]


_CURLY = re.compile(r"[“”]")


def _end_before(text: str, pos: int) -> int:
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return pos


def quote_spans(text: str) -> list[QuoteSpan]:
    """Every outermost quote of `text`, in order; a quote over several lines is one span."""
    result: list[QuoteSpan] = []
    pending: list[tuple[int, int]] = []  # the lines of a quote still open from above
    line_spans = lines(text)

    def close() -> None:
        result.append(QuoteSpan(pending[0][0], pending[-1][1], _inner(text, pending)))
        pending.clear()

    for index, (l_start, l_end) in enumerate(line_spans):
        spans, left_open = _pair_line(text, l_start, l_end)
        reopens_next = index + 1 < len(line_spans) and _reopens(text, line_spans[index + 1])
        if pending:
            reopen = skip_space(text, l_start)
            if spans and spans[0][0] == reopen:  # the quote goes on and ends in this line
                pending.append(spans.pop(0))
                close()
            elif not spans and left_open is not None and left_open.pos == reopen:
                pending.append((reopen, l_end))  # ... and goes on past this one too
                if not reopens_next:
                    close()
                continue
            else:
                close()
        result.extend(QuoteSpan(s, e, _inner(text, [(s, e)])) for s, e in spans)
        if left_open is not None and not any(s <= left_open.pos < e for s, e in spans):
            pending.append((left_open.pos, l_end))
            if not reopens_next:
                close()  # never closed: it stops at its line's end, nothing beyond is lost
    if pending:
        close()
    result.sort()
    return [q for q in result if q.pieces and q.pieces[0][1] > q.pieces[0][0]]


def _reopens(text: str, line: tuple[int, int]) -> bool:
    start = skip_space(text, line[0])
    match = _MARK.match(text, start)
    if match is None:
        return False
    mark = _classify(text, match)
    return mark is not None and mark.double and mark.can_open


def _inner(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Each piece without the quotation marks (and spacing) at its ends."""
    inner = []
    for start, end in pieces:
        opener = _MARK.match(text, start)
        s = opener.end() if opener else start
        closer = re.search(r"(?:’’|''|[\"”»“’'›])$", text[s:end])
        e = s + closer.start() if closer else end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        inner.append((s, e))
    return inner
