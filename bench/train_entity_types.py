"""Train the entity type model on CoNLL-2003 eng.train and write its weights as package data.

    python -m bench.train_entity_types ../shared/eval/conll2003/eng.train
    python -m bench.train_entity_types TRAIN --check ../shared/eval/conll2003/eng.testa

Every gold name of the training set (PER, ORG, LOC, MISC) is one example; its features are
`reader.analysis.entities.learned.features` on the document detokenised as in
`bench.eval_entities` (one sentence per line), so training and the reader see the same text.
An averaged perceptron (10 passes, examples in a fixed shuffled order, seed 0) learns the
weights; features seen fewer than 2 times are left out, weights are rounded to 3 decimals, and
features whose weights all round to 0 are dropped. The output is deterministic: the same input
gives the same file. `--check FILE` prints the accuracy on another CoNLL file's gold names
(the typing of a given span, not extraction).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from bench.eval_entities import detokenise, gold_spans, read_conll
from reader.analysis.entities.learned import LABELS, features

OUTPUT = Path(__file__).resolve().parent.parent / "reader" / "data" / "entity_types_model.json"
PASSES = 10
MIN_COUNT = 2


class Example(NamedTuple):
    """One gold name: its features and its label's index in `LABELS`."""

    feats: list[str]
    label: int


def examples(path: Path) -> list[Example]:
    """The gold names of a CoNLL file, with features read from the detokenised text."""
    out = []
    for doc in read_conll(path):
        lines, offset, spans = [], 0, []
        for sentence in doc:
            tokens = [t for t, _ in sentence]
            line, token_spans = detokenise(tokens)
            for first, last, label in gold_spans([tag for _, tag in sentence]):
                words = tuple(tokens[first:last])
                a, b = token_spans[first][0] + offset, token_spans[last - 1][1] + offset
                spans.append((a, b, words, label))
            lines.append(line)
            offset += len(line) + 1
        text = "\n".join(lines)
        for a, b, words, label in spans:
            out.append(Example(features(text, a, b, words), LABELS.index(label)))
    return out


def train(data: list[Example]) -> dict[str, list[float]]:
    """Averaged perceptron weights: feature -> one weight per label."""
    counts = Counter(f for ex in data for f in set(ex.feats))
    kept = [Example([f for f in ex.feats if counts[f] >= MIN_COUNT], ex.label) for ex in data]
    n = len(LABELS)
    weights: dict[str, list[float]] = {}
    totals: dict[str, list[float]] = {}  # sum of weights over time, updated lazily
    stamps: dict[str, list[int]] = {}
    step = 0
    order = list(range(len(kept)))
    random.Random(0).shuffle(order)
    for _ in range(PASSES):
        for i in order:
            step += 1
            ex = kept[i]
            scores = [0.0] * n
            for f in ex.feats:
                w = weights.get(f)
                if w is not None:
                    for k in range(n):
                        scores[k] += w[k]
            guess = max(range(n), key=lambda k: (scores[k], -k))
            if guess == ex.label:
                continue
            for f in ex.feats:
                w = weights.setdefault(f, [0.0] * n)
                t = totals.setdefault(f, [0.0] * n)
                s = stamps.setdefault(f, [0] * n)
                for k, delta in ((ex.label, 1.0), (guess, -1.0)):
                    t[k] += (step - s[k]) * w[k]
                    s[k] = step
                    w[k] += delta
    averaged = {}
    for f, w in weights.items():
        t, s = totals[f], stamps[f]
        avg = [round((t[k] + (step - s[k]) * w[k]) / step, 3) for k in range(n)]
        if any(avg):
            averaged[f] = avg
    return dict(sorted(averaged.items()))


def accuracy(weights: dict[str, list[float]], data: list[Example]) -> float:
    """Share of examples whose best-scoring label is the gold one."""
    right = 0
    for ex in data:
        scores = [0.0] * len(LABELS)
        for f in ex.feats:
            for k, value in enumerate(weights.get(f, ())):
                scores[k] += value
        right += scores.index(max(scores)) == ex.label
    return right / len(data) if data else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.train_entity_types",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("train", type=Path, help="CoNLL-2003 eng.train")
    parser.add_argument("--check", type=Path, metavar="FILE", help="report accuracy on FILE")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    data = examples(args.train)
    weights = train(data)
    model = {
        "about": "entity types from context; made by bench/train_entity_types.py on CoNLL-2003 "
        "eng.train (averaged perceptron)",
        "labels": list(LABELS),
        "weights": weights,
    }
    args.output.write_text(
        json.dumps(model, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n",
        encoding="utf-8",
    )
    result = {"examples": len(data), "features": len(weights), "train_accuracy": 0.0}
    result["train_accuracy"] = round(accuracy(weights, data), 4)
    if args.check:
        result["check_accuracy"] = round(accuracy(weights, examples(args.check)), 4)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
