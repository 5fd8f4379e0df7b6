"""What quote matching reports: `QuoteMatch`, its kinds, and the thresholds that make a match."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from reader.analysis.quotes import Quote

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


class Extent(NamedTuple):
    """Two matched word ranges, words lo..hi-1 of each side (A, then B)."""

    lo_a: int
    hi_a: int
    lo_b: int
    hi_b: int
