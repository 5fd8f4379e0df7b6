"""Words within one or two edits of a word (deletes, swaps of neighbours, replacements and
inserts), and the budget that keeps looking for them cheap.

The candidates grow with the square of a word's length for two edits: fuzzy query words and
spelling suggestions are limited to words whose candidates fit the budget.
"""

from __future__ import annotations

import string

_ALPHABET = string.ascii_lowercase

MAX_LETTERS = 20
"""Longer words get no suggestions and cannot be fuzzy (`word~`): the candidates grow with
the square of a word's length."""
BUDGET = 1_300_000
"""The most candidate words one look-up of close words examines (two edits of a 20-letter
word: about 1.2 million, 0.4 s)."""


def candidates(word: str, distance: int) -> int:
    """How many candidate words `near` generates for word (an upper bound for 2 edits)."""
    letters = len(_ALPHABET) + len({c for c in word if c not in _ALPHABET})
    first = 2 * len(word) - 1 + letters * (2 * len(word) + 1)
    return first if distance < 2 else first + first * (first + letters)


def within_budget(word: str, distance: int) -> bool:
    """Whether close words of word may be looked for: at most `MAX_LETTERS` letters and
    `BUDGET` candidates."""
    return len(word) <= MAX_LETTERS and candidates(word, distance) <= BUDGET


def edits(word: str) -> set[str]:
    """Every word one edit from word (letters a-z and the word's own other letters)."""
    letters = _ALPHABET + "".join(sorted({c for c in word if c not in _ALPHABET}))
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return (
        {a + b[1:] for a, b in splits if b}
        | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
        | {a + c + b[1:] for a, b in splits if b for c in letters}
        | {a + c + b for a, b in splits for c in letters}
    )
