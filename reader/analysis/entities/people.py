"""What a person's names say beyond the name: a generation suffix ("Jr.") and a gender, from
the pronouns that follow a full name."""

from __future__ import annotations

import re
from collections import Counter

from reader.analysis.entities.lexicon import Lexicon
from reader.analysis.entities.tokens import Candidate
from reader.text import fold_key

_HE = re.compile(r"\b(?:he|him|his|himself)\b", re.IGNORECASE)
_SHE = re.compile(r"\b(?:she|her|hers|herself)\b", re.IGNORECASE)
OPPOSITE = {"f": "m", "m": "f"}


def generation(words: tuple[str, ...], lex: Lexicon) -> str:
    """ "jr", "iii": the generation suffix of a name, folded ("" when there is none)."""
    for word in words[2:]:
        if word.rstrip(".") in lex.generations:
            return fold_key(word).rstrip(".")
    return ""


def generation_of(key: str, lex: Lexicon) -> str:
    """The generation suffix a person key ends with ("person:donald trump jr" -> "jr")."""
    last = key.rsplit(" ", 1)[-1]
    return last if last in lex.folded_generations else ""


def pronoun_gender(text: str, cands: list[Candidate]) -> str:
    """ "f" or "m" by the first personal pronoun after each full-name mention (in the next
    200 characters), when the votes agree at least two to one."""
    votes: Counter[str] = Counter()
    for cand in cands:
        window = text[cand.end : cand.end + 200]
        he, she = _HE.search(window), _SHE.search(window)
        if he and (not she or he.start() < she.start()):
            votes["m"] += 1
        elif she:
            votes["f"] += 1
    if votes["m"] >= 2 * votes["f"] and votes["m"]:
        return "m"
    if votes["f"] >= 2 * votes["m"] and votes["f"]:
        return "f"
    return ""
