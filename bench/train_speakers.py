"""Train the speaker model (`reader/data/speaker_model.json`) on PolNeAR train.

    python -m bench.train_speakers --polnear ../shared/eval/polnear/train
    python -m bench.train_speakers --polnear DIR --limit 40 --out /tmp/model.json

For every quote the reader finds in an article, its candidate speakers and their features
(`reader.analysis.quotes.candidates`) are recorded, and labelled from the annotations: the
candidates that overlap the Source of the annotated attribution whose Content covers most of
the quote are right; a quote in an annotated Content without a Source has "nobody" right; a
quote whose Source no candidate overlaps teaches nothing and is left out. A quote inside no
annotated Content also has "nobody" right; a phrase (titles, scare quotes) at full weight, but a
statement only at UNANNOTATED of an example: PolNeAR leaves many attributed statements
unannotated (read on train: a quote after "As for Ban, he seems content that ...:", "Issa
continued, “...”"), and at full weight they teach the model to leave real speakers out.
UNANNOTATED was chosen by five-fold cross-validation on train (`--cv --unannotated W`: the
held-out speaker accuracy as bench/eval_quotes measures it).
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

from bench.eval_quotes import (
    Attribution,
    documents,
    has_mark,
    read_annotations,
    speakers_scored,
)
from reader.analysis.entities import ArticleEntities, analyse
from reader.analysis.quotes import extract_quotes
from reader.analysis.quotes.candidates import NOBODY, Candidate, QuoteSite
from reader.analysis.quotes.model import STATEMENT
from reader.analysis.quotes.scoring import LinearModel, choose, model_from_json
from reader.analysis.quotes.speakers import Speaker
from reader.analysis.quotes.view import make_view

SEED = 20261201
EPOCHS = 20
UNANNOTATED = 0.3  # the weight of a statement PolNeAR does not annotate (see above)
RATE = 0.05  # divided by the square root of the epoch number (from 1)
DECAY = 1e-4
PRECISION = 4  # decimals kept in the file


class Example(NamedTuple):
    """One quote: its candidates' features, and which candidates are right."""

    features: list[tuple[str, ...]]
    right: list[int]
    weight: float = 1.0
    annotated: bool = True  # False: inside no annotated Content


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


class _Chooser:
    """A chooser with another model than the shipped one."""

    def __init__(self, model: LinearModel) -> None:
        self.model = model

    def __call__(
        self, site: QuoteSite, found: list[Candidate], rule: Speaker | None
    ) -> Candidate | None:
        return choose(self.model, found)


def _label(
    site: QuoteSite, found: list[Candidate], gold: list[Attribution], unannotated: float
) -> tuple[list[int], float, bool] | None:
    """Indices of the right candidates, the example's weight and whether it was annotated, or
    None when the quote teaches nothing."""
    quote = set(range(site.start, site.end))
    best, overlap = None, 0
    for attribution in gold:
        shared = sum(len(quote.intersection(range(s, e))) for s, e in attribution.content)
        if shared > overlap:
            best, overlap = attribution, shared
    nobody = [i for i, c in enumerate(found) if c.kind == NOBODY]
    if best is None or overlap < 0.5 * len(quote):
        return nobody, unannotated if site.kind == STATEMENT else 1.0, False
    if not best.sources:
        return nobody, 1.0, True
    right = [
        i
        for i, c in enumerate(found)
        if c.kind != NOBODY and any(c.start < e and s < c.end for s, e in best.sources)
    ]
    return (right, 1.0, True) if right else None


def examples(
    folder: Path, limit: int | None = None, unannotated: float = UNANNOTATED
) -> list[Example]:
    """The labelled quotes of a PolNeAR split, in article order."""
    result: list[Example] = []
    for text_path, ann_path in documents(folder)[:limit]:
        text = text_path.read_text(encoding="utf-8").replace("\u00a0", " ")
        result += _article_examples(text, ann_path, analyse(text), unannotated)
    return result


def _article_examples(
    text: str, ann_path: Path, entities: ArticleEntities, unannotated: float
) -> list[Example]:
    """The labelled quotes of one article."""
    if make_view(text).kept is not None:
        return []  # offsets of a tokenised view would not match the annotations
    gold = read_annotations(ann_path)
    recorder = _Recorder()
    extract_quotes(text, entities, chooser=recorder)
    result = []
    for site, found in recorder.sites:
        label = _label(site, found, gold, unannotated)
        if label is not None and len(found) > 1:
            result.append(Example([c.features for c in found], *label))
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
                gradient = (probs[i] - target) * example.weight
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


def cross_validate(folder: Path, unannotated: float, folds: int = 5) -> dict[str, float | int]:
    """Speaker accuracy as `bench.eval_quotes` measures it, held out: the split's articles in
    `folds` blocks (name order), each scored with a model trained on the other blocks."""
    docs = documents(folder)
    texts = [text_path.read_text(encoding="utf-8").replace("\u00a0", " ") for text_path, _ in docs]
    analysed = [analyse(text) for text in texts]
    labelled = [
        _article_examples(text, ann, entities, unannotated)
        for text, (_, ann), entities in zip(texts, docs, analysed, strict=True)
    ]
    spans = right = entity_right = 0
    for fold in range(folds):
        lo, hi = fold * len(docs) // folds, (fold + 1) * len(docs) // folds
        data = [e for i, found in enumerate(labelled) if not lo <= i < hi for e in found]
        chooser = _Chooser(model_from_json({"weights": train(data)}))
        for i in range(lo, hi):
            gold = [a for a in read_annotations(docs[i][1]) if has_mark(texts[i], a.content)]
            quotes = extract_quotes(texts[i], analysed[i], chooser=chooser)
            quoted = {c for q in quotes for c in range(q.start, q.end)}
            scored = speakers_scored(gold, quotes, quoted, analysed[i])
            spans, right = spans + scored.spans, right + scored.right
            entity_right += scored.entity_right
    return {
        "cv_speaker_accuracy": round(right / max(spans, 1), 4),
        "cv_speaker_entity_accuracy": round(entity_right / max(spans, 1), 4),
        "cv_speaker_spans": spans,
    }


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
    parser.add_argument(
        "--cv",
        action="store_true",
        help="print the five-fold held-out speaker accuracy instead of writing the model",
    )
    parser.add_argument(
        "--unannotated",
        type=float,
        default=UNANNOTATED,
        help=f"the weight of an unannotated statement (default {UNANNOTATED})",
    )
    args = parser.parse_args(argv)
    if not (args.polnear / "attributions").is_dir():
        print(f"{args.polnear}: no attributions/ folder", file=sys.stderr)
        return 2
    if args.cv:
        figures = cross_validate(args.polnear, args.unannotated)
        print(json.dumps({"unannotated": args.unannotated, **figures}))
        return 0
    data = examples(args.polnear, args.limit, args.unannotated)
    trained_on = f"PolNeAR {args.polnear.name}" + (f" (first {args.limit})" if args.limit else "")
    write_model(args.out, train(data), data, trained_on, "bench/train_speakers.py")
    return 0


def write_model(
    out: Path, weights: dict[str, float], data: list[Example], trained_on: str, script: str
) -> None:
    """Write a trained model's file and print what it is as one JSON line."""
    about = {
        "trained_on": trained_on,
        "examples": len(data),
        "epochs": EPOCHS,
        "seed": SEED,
        "script": script,
    }
    text = model_json(weights, about)
    out.write_text(text, encoding="utf-8")
    print(
        json.dumps(
            {
                **about,
                "features": text.count("\n") - len(about) - 2,
                "train_accuracy": round(accuracy(weights, data), 4),
            }
        )
    )


if __name__ == "__main__":
    raise SystemExit(main())
