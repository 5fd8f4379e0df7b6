"""Train the entity type model on CoNLL-2003 eng.train and write its weights as package data.

    python -m bench.train_entity_types ../shared/eval/conll2003/eng.train
    python -m bench.train_entity_types TRAIN --check ../shared/eval/conll2003/eng.testa

The model types only what no table or person rule does, so the examples are the gold names of
the training set (PER, ORG, LOC, MISC) with no table entry in them and no known given name
first. One word of a person's full name in the same document ("Yeltsin" after "Boris Yeltsin"),
which the rules type, teaches only what the word itself says (its word features alone: "Dole" is
a person where no "Bob Dole" is). Every other name is an example twice: with its features
(`reader.analysis.entities.learned.features` on the document detokenised as in
`bench.eval_entities`, one sentence per line, so training and the reader see the same text), and
without the features of its own words, so that the context and the word's shape also learn to
type a name never seen in training. An averaged perceptron (10 passes, examples in a fixed
shuffled order) learns the weights, three times with seeds 0, 1 and 2, and the three are
averaged; features seen fewer than 2 times are left out, weights are rounded to 3 decimals,
and features whose weights all round to 0 are dropped. The model file also lists the
capitalised words that are almost never names in the training text (`not_names`: "GDP", "MPs",
"Farm" of "Farm Minister"), which the reader does not take for an unknown name. The output is
deterministic: the same input gives the same file. `--check FILE` prints the accuracy on
another CoNLL file's gold names of that kind (the typing of a given span, not extraction).
`--halves` also scores the whole reader (as `bench.eval_entities --conll` does, prose lines) on
each half of the training documents with a model trained on the other half only: a held-out
estimate from documents no rule was tuned on.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from bench.eval_entities import detokenise, gold_spans, read_conll, score_conll
from reader.analysis.entities import classify, extract_mentions
from reader.analysis.entities.context import Reading
from reader.analysis.entities.learned import LABELS, Cues, TypeModel, features
from reader.analysis.entities.lexicon import lexicon

OUTPUT = Path(__file__).resolve().parent.parent / "reader" / "data" / "entity_types_model.json"
PASSES = 10
ORDERS = 3  # runs averaged (1, 3 and 5 tried on the halves: 0.8507, 0.8518, 0.8514 typed F1)
MIN_COUNT = 2
WORD_FEATURES = ("w=", "first=", "last=")
# A capitalised word seen inside sentences at least this often and outside names at least this
# share of the time is no name (chosen among 2/0.8, 2/0.9, 3/0.95 and 5/0.9 on the halves:
# 2/0.9 gives 0.0004 more typed F1 than 3/0.95)
NOT_NAME_COUNT = 2
NOT_NAME_SHARE = 0.9


class Example(NamedTuple):
    """One gold name: its features and its label's index in `LABELS`."""

    feats: list[str]
    label: int


Documents = list[list[list[tuple[str, str]]]]


def examples(docs: Documents, unseen: bool = True) -> list[Example]:
    """The gold names of CoNLL documents that the model may type (no table entry in them, no
    known given name first), with features read from the detokenised text; with `unseen`,
    each also once without the features of its words, as a name never seen in training."""
    lex = lexicon()
    out = []
    for doc in docs:
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
        reading = Reading(text)
        cues = Cues(reading.lower_words, reading.sports)
        named = {
            w for _, _, words, label in spans if label == "PER" and len(words) > 1 for w in words
        }
        for a, b, words, label in spans:
            if words[0] in lex.first_names or any(w in lex.aliases for w in words):
                continue  # typed by the tables, never by the model
            feats = features(text, a, b, words, cues)
            if len(words) == 1 and words[0] in named:
                # a person named in full in the text, typed by the rules: only what the word
                # itself says is learnt from it ("Dole" where no "Bob Dole" is)
                words_only = [f for f in feats if f.startswith(WORD_FEATURES)]
                out.append(Example(words_only, LABELS.index(label)))
                continue
            out.append(Example(feats, LABELS.index(label)))
            if unseen:
                context = [f for f in feats if not f.startswith(WORD_FEATURES)]
                out.append(Example(context, LABELS.index(label)))
    return out


def not_names(docs: Documents) -> list[str]:
    """Capitalised words that are almost never a name in the documents: seen inside a sentence
    (not first) at least `NOT_NAME_COUNT` times, and tagged outside any name in at least
    `NOT_NAME_SHARE` of their occurrences ("GDP", "TV", "MPs", "Farm" of "Farm Minister")."""
    outside: Counter[str] = Counter()
    inside: Counter[str] = Counter()
    for doc in docs:
        for sentence in doc:
            for i, (token, tag) in enumerate(sentence):
                if i and len(token) > 1 and token[0].isupper():
                    (outside if tag == "O" else inside)[token] += 1
    return sorted(
        word
        for word, n in outside.items()
        if n >= NOT_NAME_COUNT and n >= NOT_NAME_SHARE * (n + inside[word])
    )


def train(data: list[Example]) -> dict[str, list[float]]:
    """Averaged perceptron weights (feature -> one weight per label), averaged again over
    `ORDERS` runs that see the examples in different fixed orders (seeds 0, 1, ...): one run's
    figures move by about 0.002 typed F1 with the order alone."""
    runs = [_train(data, seed) for seed in range(ORDERS)]
    n = len(LABELS)
    out = {}
    for feat in sorted(set().union(*runs)):
        avg = [round(sum(r.get(feat, [0.0] * n)[k] for r in runs) / ORDERS, 3) for k in range(n)]
        if any(avg):
            out[feat] = avg
    return out


def _train(data: list[Example], seed: int) -> dict[str, list[float]]:
    counts = Counter(f for ex in data for f in set(ex.feats))
    kept = [Example([f for f in ex.feats if counts[f] >= MIN_COUNT], ex.label) for ex in data]
    n = len(LABELS)
    weights: dict[str, list[float]] = {}
    totals: dict[str, list[float]] = {}  # sum of weights over time, updated lazily
    stamps: dict[str, list[int]] = {}
    step = 0
    order = list(range(len(kept)))
    random.Random(seed).shuffle(order)
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


def halves(docs: Documents) -> dict[str, float]:
    """The reader's prose figures on each half of `docs` with a model trained on the other
    half (documents alternate between the halves), averaged over the two halves."""
    parts = [docs[0::2], docs[1::2]]
    keys = (
        "prose_untyped_f1",
        "prose_typed_f1",
        "prose_per_f1",
        "prose_org_f1",
        "prose_loc_f1",
        "prose_misc_f1",
    )
    totals = dict.fromkeys(keys, 0.0)
    shipped = classify.type_model
    try:
        for k in (0, 1):
            weights = train(examples(parts[1 - k]))
            model = TypeModel(
                {f: (w[0], w[1], w[2], w[3]) for f, w in weights.items()},
                frozenset(not_names(parts[1 - k])),
            )
            setattr(classify, "type_model", lambda model=model: model)  # noqa: B010
            figures = score_conll(parts[k], extract_mentions)[0]
            for key in keys:
                totals[key] += figures[key] / 2
    finally:
        setattr(classify, "type_model", shipped)  # noqa: B010
    return {f"halves_{key}": round(value, 4) for key, value in totals.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.train_entity_types",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("train", type=Path, help="CoNLL-2003 eng.train")
    parser.add_argument("--check", type=Path, metavar="FILE", help="report accuracy on FILE")
    parser.add_argument("--halves", action="store_true", help="held-out figures on train halves")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    docs = read_conll(args.train)
    data = examples(docs)
    weights = train(data)
    model = {
        "about": "entity types from context; made by bench/train_entity_types.py on CoNLL-2003 "
        "eng.train (averaged perceptron)",
        "labels": list(LABELS),
        "not_names": not_names(docs),
        "weights": weights,
    }
    args.output.write_text(
        json.dumps(model, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n",
        encoding="utf-8",
    )
    result = {"examples": len(data), "features": len(weights), "train_accuracy": 0.0}
    result["train_accuracy"] = round(accuracy(weights, data), 4)
    if args.check:
        result["check_accuracy"] = round(
            accuracy(weights, examples(read_conll(args.check), False)), 4
        )
    if args.halves:
        result.update(halves(docs))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
