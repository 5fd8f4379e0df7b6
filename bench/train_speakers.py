"""Train the speaker model (`reader/data/speaker_model.json`) on PolNeAR train.

    python -m bench.train_speakers --polnear ../shared/eval/polnear/train
    python -m bench.train_speakers --polnear DIR --limit 40 --out /tmp/model.json

For every quote the reader finds in an article, its candidate speakers and their features
(`reader.analysis.quotes.candidates`) are recorded, and labelled from the annotations: the
candidates that overlap the Source of the annotated attribution whose Content covers most of
the quote are right; a quote inside no annotated Content, or in one without a Source, has
"nobody" right; a quote whose Source no candidate overlaps teaches nothing and is left out.
The model is a conditional logistic regression over each quote's candidates (the probability of
the right ones is maximised), trained by plain stochastic gradient descent with L2 decay and
averaged weights: fixed seed, articles in name order, so a rerun writes the same file.
Articles annotated by several annotators are read with the first annotator's file, as
bench/eval_quotes does. Prints one JSON line: examples, features, training accuracy.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from pathlib import Path
from typing import Any, NamedTuple

from bench.eval_quotes import Attribution, documents, read_annotations
from reader.analysis.entities import analyse
from reader.analysis.quotes import extract_quotes
from reader.analysis.quotes.candidates import NOBODY, Candidate, QuoteSite
from reader.analysis.quotes.speakers import Speaker
from reader.analysis.quotes.view import make_view

SEED = 20261201
EPOCHS = 20
RATE = 0.05  # divided by the square root of the epoch number (from 1)
DECAY = 1e-4
PRECISION = 4  # decimals kept in the file


class Example(NamedTuple):
    """One quote: its candidates' features, and which candidates are right."""

    features: list[tuple[str, ...]]
    right: list[int]


class _Recorder:
    """A chooser that keeps every quote's candidates and answers as the patterns do."""

    def __init__(self) -> None:
        self.sites: list[tuple[QuoteSite, list[Candidate]]] = []

    def __call__(
        self, site: QuoteSite, found: list[Candidate], rule: Speaker | None
    ) -> Candidate | None:
        self.sites.append((site, found))
        if rule is None:
            return found[0]
        return next((c for c in found if c.start < rule.end and rule.start < c.end), found[0])


def _label(site: QuoteSite, found: list[Candidate], gold: list[Attribution]) -> list[int] | None:
    """Indices of the right candidates, or None when the quote teaches nothing."""
    quote = set(range(site.start, site.end))
    best, overlap = None, 0
    for attribution in gold:
        shared = sum(len(quote.intersection(range(s, e))) for s, e in attribution.content)
        if shared > overlap:
            best, overlap = attribution, shared
    if best is None or overlap < 0.5 * len(quote) or not best.sources:
        return [i for i, c in enumerate(found) if c.kind == NOBODY]
    right = [
        i
        for i, c in enumerate(found)
        if c.kind != NOBODY and any(c.start < e and s < c.end for s, e in best.sources)
    ]
    return right or None


def examples(folder: Path, limit: int | None = None) -> list[Example]:
    """The labelled quotes of a PolNeAR split, in article order."""
    result: list[Example] = []
    for text_path, ann_path in documents(folder)[:limit]:
        text = text_path.read_text(encoding="utf-8").replace("\u00a0", " ")
        if make_view(text).kept is not None:
            continue  # offsets of a tokenised view would not match the annotations
        gold = read_annotations(ann_path)
        recorder = _Recorder()
        extract_quotes(text, analyse(text), chooser=recorder)
        for site, found in recorder.sites:
            right = _label(site, found, gold)
            if right is not None and len(found) > 1:
                result.append(Example([c.features for c in found], right))
    return result


def _probabilities(weights: dict[str, float], example: Example) -> list[float]:
    scores = [sum(weights.get(f, 0.0) for f in feats) for feats in example.features]
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


def train(data: list[Example], epochs: int = EPOCHS, seed: int = SEED) -> dict[str, float]:
    """Averaged SGD on the conditional log-likelihood of the right candidates."""
    weights: dict[str, float] = {}
    accumulated: dict[str, float] = {}  # step-weighted updates, for the average
    order = list(range(len(data)))
    rng = random.Random(seed)
    step = 1
    for epoch in range(epochs):
        rng.shuffle(order)
        rate = RATE / math.sqrt(1 + epoch)
        for index in order:
            example = data[index]
            probs = _probabilities(weights, example)
            right = sum(probs[i] for i in example.right)
            for i, feats in enumerate(example.features):
                target = probs[i] / right if i in example.right else 0.0
                gradient = probs[i] - target
                if gradient == 0.0:
                    continue
                for f in feats:
                    change = -rate * (gradient + DECAY * weights.get(f, 0.0))
                    weights[f] = weights.get(f, 0.0) + change
                    accumulated[f] = accumulated.get(f, 0.0) + step * change
            step += 1
    return {f: w - accumulated[f] / step for f, w in sorted(weights.items())}


def accuracy(weights: dict[str, float], data: list[Example]) -> float:
    """Share of quotes whose best-scoring candidate is a right one."""
    right = 0
    for example in data:
        scores = [sum(weights.get(f, 0.0) for f in feats) for feats in example.features]
        right += scores.index(max(scores)) in example.right
    return right / len(data) if data else 0.0


def model_json(weights: dict[str, float], about: dict[str, Any]) -> str:
    """The file's text: sorted keys, rounded weights, near-zero ones left out."""
    kept = {f: round(w, PRECISION) for f, w in sorted(weights.items()) if abs(w) >= 1e-4}
    return json.dumps({**about, "weights": kept}, indent=0, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", type=Path, required=True, help="a PolNeAR split folder")
    parser.add_argument("--limit", type=int, help="train on the first N articles only")
    parser.add_argument(
        "--out", type=Path, default=Path("reader/data/speaker_model.json"), help="model file"
    )
    args = parser.parse_args(argv)
    if not (args.polnear / "attributions").is_dir():
        print(f"{args.polnear}: no attributions/ folder", file=sys.stderr)
        return 2
    data = examples(args.polnear, args.limit)
    weights = train(data)
    about = {
        "trained_on": f"PolNeAR {args.polnear.name}"
        + (f" (first {args.limit})" if args.limit else ""),
        "examples": len(data),
        "epochs": EPOCHS,
        "seed": SEED,
        "script": "bench/train_speakers.py",
    }
    text = model_json(weights, about)
    args.out.write_text(text, encoding="utf-8")
    print(
        json.dumps(
            {
                **about,
                "features": text.count("\n") - len(about) - 2,
                "train_accuracy": round(accuracy(weights, data), 4),
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
