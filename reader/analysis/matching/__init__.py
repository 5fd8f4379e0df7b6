"""Which quoted statements two articles share, and how their wordings differ.

`match_quotes` pairs the quotes of article A with those of article B when they are the same
statement:

- **exact**: the same words after folding case, punctuation, quotation marks, spacing and
  British/American spelling (-ise/-ize), with at least one content word;
- **partial**: both quote the same run of at least five words with a content word in it (one
  quotes part of the other's quote), or one whole quote appears inside the other (a statement
  of four words or more, or a phrase of two or three words with two content words);
- **reworded**: another wording or translation of one sentence: at least four content words
  shared in the same order, covering at least half of the shorter sentence's content words;
- **unquoted**: a statement one article quotes appears in the other without quotation marks
  (reported speech or paraphrase), by the same tests against the other article's unquoted text.

Function words and the commonest words of reported speech never count as shared content, so
common phrases ("the United States", "we will") alone never make a match.

Modules: `model` (QuoteMatch, kinds, thresholds), `document` (an article's words), `align`
(aligning two wordings), `match` (match_quotes).
"""

from reader.analysis.matching.match import match_quotes
from reader.analysis.matching.model import (
    EXACT,
    MAX_GAP,
    MIN_COVER,
    MIN_RUN,
    MIN_SHARED,
    PARTIAL,
    REWORDED,
    UNQUOTED,
    QuoteMatch,
    same_speaker,
)

__all__ = [
    "EXACT",
    "MAX_GAP",
    "MIN_COVER",
    "MIN_RUN",
    "MIN_SHARED",
    "PARTIAL",
    "REWORDED",
    "UNQUOTED",
    "QuoteMatch",
    "match_quotes",
    "same_speaker",
]
