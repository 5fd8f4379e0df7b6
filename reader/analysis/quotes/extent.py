"""Where a reported statement begins and ends, chosen by a model learned on PolNeAR train.

An attributed quote's statement is the quoted words, or the reported clause they are quoted in
("Kerry said [the strikes were “a mistake”] and must stop"). The attribution patterns propose an
extent; the start is then chosen among the word starts from the sentence's start to the quote,
and the end among the quote's end and the word ends up to the end of its sentence, each by a
linear score of the words at the edge (`data/statement_model.json`, written by
bench/train_statements.py). The patterns' own choice is one feature among the others, so the
model learns when to trust them. A quote nobody is said to speak is its own statement.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from reader.analysis.quotes.scoring import LinearModel, linear_model
from reader.analysis.quotes.sentences import clause_end, sentence_start
from reader.analysis.quotes.verbs import reporting_verbs

MODEL_FILE = "statement_model.json"
_WORD = re.compile(r"\S+")
_EDGE_PUNCTUATION = ",.:;!?\"'“”‘’()"


class Edges(NamedTuple):
    """A quote's possible statement starts and ends, each with its features."""

    quote: tuple[int, int]
    starts: list[int]
    ends: list[int]
    start_features: list[tuple[str, ...]]
    end_features: list[tuple[str, ...]]
    rule: tuple[int, int]


ExtentChooser = Callable[[Edges], tuple[int, int]]


def _bare(word: str) -> str:
    return word.strip(_EDGE_PUNCTUATION).lower() or word


def statement_edges(
    text: str,
    quote: tuple[int, int],
    rule: tuple[int, int],
    speaker_end: int,
    line: tuple[int, int],
    end_line: int,
) -> Edges:
    """The candidate edges of the statement of `quote` (start, end) in `text`.

    `rule` is the extent the patterns found, `speaker_end` the end of the speaker's mention,
    `line` the line the quote opens in and `end_line` the end of the line it closes in.
    """
    start, end = quote
    floor = min(sentence_start(text, start, line[0]), rule[0])
    limit = max(clause_end(text, end, end_line), rule[1])
    before = [m.span() for m in _WORD.finditer(text, max(0, floor - 40), start)]
    words = [w for w in before if w[0] >= floor]
    previous = before[len(before) - len(words) - 1] if len(before) > len(words) else None
    starts = [w[0] for w in words] + [start]
    opening = _WORD.search(text, start, end)
    words.append(opening.span() if opening else (start, start))
    tail = [m.span() for m in _WORD.finditer(text, end, limit)]
    beyond = _WORD.search(text, limit)
    after = tail + [beyond.span()] if beyond else tail
    ends = [end] + [w[1] for w in tail]
    verbs = reporting_verbs().verbs
    start_features = []
    for i, pos in enumerate(starts):
        prior = words[i - 1] if i else previous
        word = words[i]
        bare_prior = _bare(text[prior[0] : prior[1]]) if prior else "<s>"
        features = [
            f"s:w={_bare(text[word[0] : word[1]])}",
            f"s:pw={bare_prior}",
            f"s:dist={min(len(starts) - 1 - i, 8)}",
        ]
        if pos == start:
            features.append("s:quote")
        if pos == rule[0]:
            features.append("s:rule")
        if rule != quote:
            features.append("s:ext")
        if i == 0:
            features.append("s:first")
        if prior and text[prior[1] - 1] in ",:;—-":
            features.append(f"s:pp={text[prior[1] - 1]}")
        if bare_prior in verbs:
            features.append("s:pw_verb")
        if speaker_end <= pos:
            features.append("s:after_sp_any")
            if not text[speaker_end:pos].strip(" ,"):
                features.append("s:after_speaker")
        start_features.append(tuple(features))
    first_after = _bare(text[after[0][0] : after[0][1]]) if after else "</s>"
    end_features = []
    for i, pos in enumerate(ends):
        following = after[i] if i < len(after) else None
        last = text[tail[i - 1][0] : tail[i - 1][1]] if i else text[max(0, end - 30) : end]
        last_word = last.split()[-1] if last.split() else ""
        features = [
            f"e:nw={_bare(text[following[0] : following[1]]) if following else '</s>'}",
            f"e:lw={_bare(last_word) if last_word else ''}",
            f"e:dist={min(i, 8)}",
        ]
        features.append("e:quote" if i == 0 else f"e:fa={first_after}")
        if pos == rule[1]:
            features.append("e:rule")
        if rule != quote:
            features.append("e:ext")
        if i == len(ends) - 1:
            features.append("e:last")
        if last_word and last_word[-1] in ",.;:":
            features.append(f"e:lp={last_word[-1]}")
        end_features.append(tuple(features))
    return Edges(quote, starts, ends, start_features, end_features, rule)


def choose_extent(model: LinearModel, edges: Edges) -> tuple[int, int]:
    """A model's choice of a statement's start and end (the first of equals)."""
    start = max(range(len(edges.starts)), key=lambda i: (model.score(edges.start_features[i]), -i))
    end = max(range(len(edges.ends)), key=lambda i: (model.score(edges.end_features[i]), -i))
    return edges.starts[start], edges.ends[end]


def model_extent(edges: Edges) -> tuple[int, int]:
    """The shipped model's choice of a statement's start and end."""
    return choose_extent(linear_model(MODEL_FILE), edges)
