"""The text as the attribution rules read it, mapped back to the text as the user sees it.

Some corpora print text tokenised: quotation marks and punctuation stand apart from the words
(`“ How dare you , ” he said .`, `do n't`), and French-style guillemets keep inner spaces
(`« Non »`). The quote finder reads a *view* of such text with those spaces left out
(`“How dare you,” he said.`) and maps every offset it finds back through `TextView`, so quotes,
statements and speakers point into the article text, which is never rewritten.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

# A space before these tokens goes in tokenised text: 'word ,' 'do n't' 'Women 's'.
_ATTACH_LEFT = re.compile(
    r"(?:[,.;:!?%)\]}]+|n[’']t|[’'](?:s|re|ve|ll|d|m|S|RE|VE|LL|D|M))(?=\s|$)"
)
_ATTACH_RIGHT = frozenset("([{$")
_SPACED_PUNCT = re.compile(r"\s[,.;:!?](?=\s|$)")
_ATTACHED_PUNCT = re.compile(r"\w[,.;:!?](?=\s|$)")
_SPACED_HYPHEN = re.compile(r"\b[A-Z][\w.’']*( )-( )(?=[A-Z])")  # 'R - La.', 'Patriot - News'
_CURLY_OPEN = frozenset("“‘«‹„")
_CURLY_CLOSE = frozenset("”’»›")
_STRAIGHT = frozenset("\"'")


def is_tokenised(text: str) -> bool:
    """True when punctuation mostly stands apart from the words ('he said .')."""
    spaced = len(_SPACED_PUNCT.findall(text))
    return spaced >= 2 and spaced > len(_ATTACHED_PUNCT.findall(text))


@dataclass(frozen=True)
class TextView:
    """`text` (what the rules read) with `kept`: the source offset of each of its characters."""

    text: str
    kept: tuple[int, ...] | None  # None: the view is the source text itself
    source_length: int

    def to_source_start(self, pos: int) -> int:
        """The source offset of a start offset of the view."""
        if self.kept is None:
            return pos
        return self.kept[pos] if pos < len(self.kept) else self.source_length

    def to_source_end(self, pos: int) -> int:
        """The source offset of an end offset of the view (just after its last character)."""
        if self.kept is None or pos <= 0:
            return pos if self.kept is None else 0
        return self.kept[min(pos, len(self.kept)) - 1] + 1

    def to_view_start(self, pos: int) -> int:
        """The view offset of a start offset of the source text."""
        return pos if self.kept is None else bisect_left(self.kept, pos)

    def to_view_end(self, pos: int) -> int:
        """The view offset of an end offset of the source text."""
        return pos if self.kept is None else bisect_left(self.kept, pos)


def _dropped_spaces(text: str, tokenised: bool) -> set[int]:
    """Offsets of the spaces the view leaves out."""
    dropped: set[int] = set()
    for line in re.finditer(r"[^\n]+", text):
        open_straight = {'"': False, "'": False}
        for token in re.finditer(r"\S+", line.group()):
            start, end = line.start() + token.start(), line.start() + token.end()
            word = token.group()
            before, after = start - 1, end  # the spaces around the token, when there
            has_before = before >= line.start() and text[before] in " \t"
            has_after = after < line.end() and text[after] in " \t"
            if len(word) == 1 and word in _STRAIGHT:
                if not tokenised:
                    continue
                opens = not open_straight[word]
                open_straight[word] = opens
                if opens and has_after:
                    dropped.add(after)
                elif not opens and has_before:
                    dropped.add(before)
            elif len(word) == 1 and word in _CURLY_OPEN and has_after:
                if word != "‘" or tokenised:
                    dropped.add(after)
            elif len(word) == 1 and word in _CURLY_CLOSE and has_before:
                if word != "’" or tokenised:
                    dropped.add(before)
            elif tokenised and has_before and _ATTACH_LEFT.fullmatch(word):
                dropped.add(before)
            elif tokenised and word in _ATTACH_RIGHT and has_after:
                dropped.add(after)
    if tokenised:  # 'Rep. Steve Scalise , R - La. ,', 'The Patriot - News': one word each
        for hyphen in _SPACED_HYPHEN.finditer(text):
            dropped.update((hyphen.start(1), hyphen.start(2)))
    return dropped


def make_view(text: str) -> TextView:
    """The view of `text` the quote finder reads (the text itself when nothing needs joining)."""
    spaced_marks = re.search(r"(?:^|\s)[“«‹„](?=\s)|(?<=\s)[”»›](?=\s|$)", text)
    tokenised = is_tokenised(text)
    if not (tokenised or spaced_marks):
        return TextView(text, None, len(text))
    dropped = _dropped_spaces(text, tokenised)
    if not dropped:
        return TextView(text, None, len(text))
    kept = tuple(i for i in range(len(text)) if i not in dropped)
    return TextView("".join(text[i] for i in kept), kept, len(text))
