"""Train the statement model (`reader/data/statement_model.json`) on PolNeAR train.

    python -m bench.train_statements --polnear ../shared/eval/polnear/train
    python -m bench.train_statements --polnear ../shared/eval/polnear/train --cv

For every quote the reader finds, the candidate starts and ends of its statement and their
features (`reader.analysis.quotes.extent`) are recorded, and labelled from the annotations: of
the annotated Content (one holding a quotation mark) that overlaps the quote most, the
candidate start nearest its first character is right, and the candidate end nearest its last,
each when it lies within two characters (a Content that starts where no candidate does teaches
nothing). Start and end are two choices of one conditional logistic regression, trained as the
speaker model is (`bench.train_speakers.train`: averaged SGD, fixed seed, articles in name order,
so a rerun writes the same file). Train the speaker model first: the statement features read the
speaker it chooses. `--cv` prints the five-fold held-out statement figures of PolNeAR train (as
bench/eval_quotes measures them) instead of writing the model. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bench.eval_quotes import (
    THRESHOLDS,
    Attribution,
    _figures,
    _score,
    documents,
    has_mark,
    read_annotations,
)
from bench.train_speakers import Example, train, write_model
from reader.analysis.entities import ArticleEntities, analyse
from reader.analysis.quotes import extract_quotes
from reader.analysis.quotes.extent import Edges, choose_extent
from reader.analysis.quotes.scoring import model_from_json
from reader.analysis.quotes.view import make_view

SCRIPT = "bench/train_statements.py"
NEAR = 2  # characters between a candidate edge and the annotated one
MIN_COUNT = 5  # a feature seen in fewer examples is left out (the file stays small)


class _Recorder:
    """An extent chooser that keeps every quote's edges and answers as the patterns do."""

    def __init__(self) -> None:
        self.edges: list[Edges] = []

    def __call__(self, edges: Edges) -> tuple[int, int]:
        self.edges.append(edges)
        return edges.rule


class _Chooser:
    """An extent chooser with other weights than the shipped ones."""

    def __init__(self, weights: dict[str, float]) -> None:
        self.model = model_from_json({"weights": weights})

    def __call__(self, edges: Edges) -> tuple[int, int]:
        return choose_extent(self.model, edges)


def _nearest(candidates: list[int], target: int) -> int | None:
    best = min(range(len(candidates)), key=lambda i: abs(candidates[i] - target))
    return best if abs(candidates[best] - target) <= NEAR else None


def _article_examples(
    text: str, gold: list[Attribution], entities: ArticleEntities | None
) -> list[Example]:
    """The labelled statement edges of one article."""
    if make_view(text).kept is not None:
        return []  # offsets of a tokenised view would not match the annotations
    recorder = _Recorder()
    extract_quotes(text, entities, extents=recorder)
    result = []
    for edges in recorder.edges:
        quote = set(range(*edges.quote))
        best, overlap = None, 0
        for attribution in gold:
            shared = sum(len(quote.intersection(range(s, e))) for s, e in attribution.content)
            if shared > overlap:
                best, overlap = attribution, shared
        if best is None:
            continue
        first = min(s for s, _ in best.content)
        last = max(e for _, e in best.content)
        start, end = _nearest(edges.starts, first), _nearest(edges.ends, last)
        if start is not None and len(edges.starts) > 1:
            result.append(Example(edges.start_features, [start]))
        if end is not None and len(edges.ends) > 1:
            result.append(Example(edges.end_features, [end]))
    return result


def _common(data: list[Example]) -> list[Example]:
    """The examples with only the features seen in at least MIN_COUNT of them."""
    counts: dict[str, int] = {}
    for example in data:
        for f in {f for feats in example.features for f in feats}:
            counts[f] = counts.get(f, 0) + 1
    kept = [[tuple(f for f in fs if counts[f] >= MIN_COUNT) for fs in e.features] for e in data]
    return [Example(features, e.right) for features, e in zip(kept, data, strict=True)]


def _articles(folder: Path) -> list[tuple[str, list[Attribution]]]:
    result = []
    for text_path, ann_path in documents(folder):
        text = text_path.read_text(encoding="utf-8").replace("\u00a0", " ")
        gold = [a for a in read_annotations(ann_path) if has_mark(text, a.content)]
        result.append((text, gold))
    return result


def cross_validate(folder: Path, folds: int = 5) -> dict[str, float]:
    """Statement figures held out: the split's articles in `folds` blocks (name order), each
    scored with a model trained on the other blocks."""
    articles = _articles(folder)
    analysed = [analyse(text) for text, _ in articles]
    labelled = [
        _article_examples(text, gold, entities)
        for (text, gold), entities in zip(articles, analysed, strict=True)
    ]
    counts = {t: {"gold": 0, "found": 0, "reported": 0, "correct": 0} for t in THRESHOLDS}
    for fold in range(folds):
        lo, hi = fold * len(articles) // folds, (fold + 1) * len(articles) // folds
        data = [e for i, found in enumerate(labelled) if not lo <= i < hi for e in found]
        chooser = _Chooser(train(_common(data)))
        for i in range(lo, hi):
            text, gold = articles[i]
            quotes = extract_quotes(text, analysed[i], extents=chooser)
            _score(gold, sorted({q.statement for q in quotes}), counts)
    return {f"cv_{k}": v for k, v in _figures(counts, "quote_").items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", type=Path, required=True, help="a PolNeAR split folder")
    parser.add_argument(
        "--out", type=Path, default=Path("reader/data/statement_model.json"), help="model file"
    )
    parser.add_argument(
        "--cv", action="store_true", help="print held-out figures instead of writing the model"
    )
    args = parser.parse_args(argv)
    if not (args.polnear / "attributions").is_dir():
        print(f"{args.polnear}: no attributions/ folder", file=sys.stderr)
        return 2
    if args.cv:
        print(json.dumps(cross_validate(args.polnear)))
        return 0
    data = _common(
        [e for text, gold in _articles(args.polnear) for e in _article_examples(text, gold, None)]
    )
    write_model(args.out, train(data), data, f"PolNeAR {args.polnear.name}", SCRIPT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
