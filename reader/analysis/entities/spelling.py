"""The spelling-tolerant form of a name, which transliterations of one name share."""

from __future__ import annotations

import re
from functools import lru_cache

_NON_LETTERS = re.compile(r"[^a-z]")
_FINAL_H = re.compile(r"(?<=[aeiou])h$")
_DOUBLED = re.compile(r"(.)\1+")
_Y_OR_J = re.compile(r"(?<=[a-z])[yj]")


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """A spelling-tolerant form of a name: "Sergei"/"Sergey" -> "sergi", "Raqqah" -> "raqa"."""
    word = _NON_LETTERS.sub("", word)
    word = _FINAL_H.sub("", word)
    if word.endswith("ie"):
        word = word[:-1]
    word = _DOUBLED.sub(r"\1", word)
    return _Y_OR_J.sub("i", word).replace("ou", "u")
