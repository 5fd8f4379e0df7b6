"""The learned part of typing: an averaged perceptron over a name's words and its context.

The weights (`data/entity_types_model.json`) are made by `bench/train_entity_types.py` from the
CoNLL-2003 training set, deterministically; inference here is plain Python and offline. The
model scores a name as PER, ORG, LOC or MISC from its words (each word and its first three
letters, the first and last word, the last word's endings, the shape), the words around it in
its sentence (the two before and after, the lower-case words within four, the noun heading a
list it is in) and the article (whether its words are also written in lower case there,
whether it is a sports report).
"""

from __future__ import annotations

import json
import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from reader.analysis.entities.model import LOC, ORG, OTH, PER, EntityType

LABELS = ("PER", "ORG", "LOC", "MISC")
TYPES: dict[str, EntityType] = {"PER": PER, "ORG": ORG, "LOC": LOC, "MISC": OTH}

_CONTEXT = re.compile(r"[\w'’.&-]+|[^\w\s]")
_SHAPE_RUNS = re.compile(r"(.)\1+")
_EMPTY = "<none>"
_ENDS = re.compile(r"(?:[a-z]{3}\.|[!?])$")  # a sentence's last word ("said.", not "Mr.", "U.S.")


@lru_cache(maxsize=65536)
def _shape(word: str) -> str:
    """ "McCain" -> "XxXx", "U.S." -> "X.X.", "1996" -> "d": letter classes, runs folded."""
    out = []
    for c in word:
        out.append("X" if c.isupper() else "x" if c.islower() else "d" if c.isdigit() else c)
    return _SHAPE_RUNS.sub(r"\1", "".join(out))


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = text.rfind("\n", max(0, start - 60), start) + 1 or max(0, start - 60)
    right = text.find("\n", end, end + 60)
    return left, right if right >= 0 else min(len(text), end + 60)


class Cues(NamedTuple):
    """What the features read from the whole text: its lower-case words, and whether it is a
    sports report."""

    lower: AbstractSet[str]
    sports: bool


_LIST_GLUE = {",", "and", "or", "&", "'s", "’s"}


def _list_head(before: list[str]) -> str:
    """The lower-case word before a list of names the name is in ("retailers Metro, Rewe and
    [Lidl]" -> "retailers"), or `_EMPTY`."""
    for word in reversed(before):
        if word in _LIST_GLUE or word[0].isupper():
            continue
        return word.lower() if word[0].islower() else _EMPTY
    return _EMPTY


def features(text: str, start: int, end: int, words: tuple[str, ...], cues: Cues) -> list[str]:
    """The features of the name `words` found at `text[start:end]`."""
    lower = [w.lower() for w in words]
    last = lower[-1]
    left, right = _line_bounds(text, start, end)
    before = _CONTEXT.findall(text, left, start)[-8:]
    after = _CONTEXT.findall(text, end, right)[:4]
    # the context stops at the sentence's ends, as in the training text (one sentence a line)
    cut = next((i for i in range(len(before) - 1, -1, -1) if _ENDS.search(before[i])), -1)
    before = before[cut + 1 :]
    cut = next((i for i, w in enumerate(after) if _ENDS.search(w)), len(after))
    after = after[: cut + 1]
    # a sentence's first word, in running text or in a table row or heading
    opening = "<start>" if sum(w[0].islower() for w in after) >= 2 else _EMPTY
    p1 = before[-1].lower() if before else opening
    p2 = before[-2].lower() if len(before) > 1 else opening
    n1 = after[0].lower() if after else _EMPTY
    n2 = after[1].lower() if len(after) > 1 else _EMPTY
    out = ["bias", f"n={min(len(words), 4)}", f"first={lower[0]}", f"last={last}"]
    out.extend(f"w={w}" for w in lower)
    out.extend(f"pre3={w[:3]}" for w in lower)  # "Gen-" of "Gencor", "Bund-" of "Bundesbank"
    out.extend(
        (
            f"suf3={last[-3:]}",
            f"suf2={last[-2:]}",
            f"suf4={last[-4:]}",
            f"shape={' '.join(_shape(w) for w in words[:3])}",
            f"p1={p1}",
            f"p2p1={p2} {p1}",
            f"n1={n1}",
            f"n1n2={n1} {n2}",
            f"p1n1={p1} {n1}",
            f"head={_list_head(before)}",
            f"lower={last in cues.lower} {lower[0] in cues.lower}",
            f"sports={cues.sports} {min(len(words), 2)}",
        )
    )
    out.extend(f"b={w}" for w in {w.lower() for w in before[-4:] if w[0].islower()})
    out.extend(f"a={w}" for w in {w for w in after if w[0].islower()})
    return out


@dataclass(frozen=True)
class TypeModel:
    """Feature -> weights per label (in `LABELS` order), and the capitalised words that are
    almost never names in the training text."""

    weights: dict[str, tuple[float, float, float, float]]  # one weight per label
    not_names: frozenset[str] = frozenset()

    def scores(self, feats: list[str]) -> list[float]:
        """The score of each label (in `LABELS` order)."""
        a = b = c = d = 0.0
        weights = self.weights
        for feat in feats:
            w = weights.get(feat)
            if w is not None:
                a, b, c, d = a + w[0], b + w[1], c + w[2], d + w[3]
        return [a, b, c, d]

    def best(self, feats: list[str]) -> EntityType:
        """The type the model gives the features."""
        total = self.scores(feats)
        return TYPES[LABELS[total.index(max(total))]]


@lru_cache(maxsize=1)
def type_model() -> TypeModel:
    """The shipped model (an empty one, always answering PER, if the file is missing)."""
    try:
        raw = resources.files("reader").joinpath("data/entity_types_model.json").read_text("utf-8")
    except FileNotFoundError:
        return TypeModel({})
    data = json.loads(raw)
    return TypeModel(
        {feat: (w[0], w[1], w[2], w[3]) for feat, w in data["weights"].items()},
        frozenset(data.get("not_names", ())),
    )
