"""What quote matching reports: `QuoteMatch`, its kinds, and the thresholds that make a match."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from reader.analysis.quotes import Quote
from reader.text import fold_key

EXACT, PARTIAL, REWORDED, UNQUOTED = "exact", "partial", "reworded", "unquoted"
MIN_RUN = 5  # words of identical wording that make a partial quote
MIN_SHARED = 4  # content words a reworded sentence shares, in order
MIN_COVER = 0.5  # ... as a share of the shorter sentence's content words
MAX_GAP = 6  # words between two aligned pieces of one matched range


@dataclass(frozen=True)
class QuoteMatch:
    """One statement both articles carry.

    `a` and `b` are the quotes (`a` is None when B's quote appears unquoted in A, `b` when A's
    quote appears unquoted in B). `a_start`/`a_end` and `b_start`/`b_end` are the matched ranges
    in each text: the part of each wording that corresponds to the other. `similarity` (0..1)
    compares the two matched wordings word by word (1.0: identical after normalising). `kind` is
    "exact", "partial", "reworded" or "unquoted". `diff` is the word-level difference of the two
    matched wordings: (op, a_words, b_words) with op "equal", "replace", "delete" (words only
    in A) or "insert" (words only in B), the words as printed, joined by spaces.
    """

    a: Quote | None
    b: Quote | None
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    similarity: float
    kind: str
    diff: tuple[tuple[str, str, str], ...]

    @property
    def speakers_differ(self) -> bool:
        """True when both articles quote it and name two different speakers: two entities
        (the pair's entities are resolved together, so one person has one key). A description
        ("the statement", "a spokesman") may be anyone, so it never makes speakers differ."""
        return (
            self.a is not None
            and self.b is not None
            and self.a.speaker_key is not None
            and self.b.speaker_key is not None
            and not same_speaker(self.a, self.b)
        )


def same_speaker(a: Quote, b: Quote) -> bool:
    """True when two quotes' speakers may be one: the same entity key (the entities of a pair are
    resolved together), the same name after folding, one name ending the other ('Lavrov' and
    'Sergey Lavrov'), or two descriptions with one head word ('the joint statement', 'the
    statement')."""
    if a.speaker is None or b.speaker is None:
        return a.speaker == b.speaker
    if a.speaker_key is not None and a.speaker_key == b.speaker_key:
        return True
    name_a, name_b = fold_key(a.speaker), fold_key(b.speaker)
    if name_a == name_b:
        return True
    if a.speaker_key is not None and b.speaker_key is not None:
        return False
    words_a, words_b = name_a.split(), name_b.split()
    if a.speaker_key is None and b.speaker_key is None:
        return words_a[-1:] == words_b[-1:]  # 'the joint statement' and 'the statement'
    shorter, longer = sorted((words_a, words_b), key=len)
    return bool(shorter) and longer[-len(shorter) :] == shorter


class Extent(NamedTuple):
    """Two matched word ranges, words lo..hi-1 of each side (A, then B)."""

    lo_a: int
    hi_a: int
    lo_b: int
    hi_b: int
