"""Saved web pages: article extraction measured on the Zyte article extraction benchmark.

    python -m bench.eval_html ../shared/eval/html [--judge] [--only reader]

Each page of `pages/<id>.html.gz` is read by several extractors and scored against
`ground-truth.json` with the benchmark's own metric: the extracted body and the true body are
cut into 4-word shingles (`\\w+` tokens), per page precision and recall over the shingle
multisets (normalised so every page weighs the same), averaged over pages, F1 of the averages.

Extractors: `trafilatura` as the benchmark runs it (`extract(html, include_comments=False)`),
`readability-lxml` (when installed), `trafilatura-precision` (what `reader.corpus.html` calls:
the extractor alone) and `reader`: the page file read by `reader.corpus.read_article` (extractor,
then the reader's cleaning and title handling, exactly what the article pane shows), with an
empty extraction cache. Time per page is the mean wall time.

Title and outlet: the reader's title and outlet of each page are compared with the judgements
in `bench/html_judgements.tsv` (page id, field, digest of the value judged, verdict `ok` or
`wrong`, note): a field is "found" when it has a value judged `ok`. A value that changed since
it was judged is counted as unjudged and printed; `--judge` prints every value with the page's
URL, to judge them again (the digests keep the dataset's text out of the repository). The last
line is JSON.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib
import importlib.util
import json
import os
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

JUDGEMENTS = Path(__file__).with_name("html_judgements.tsv")
_TOKEN = re.compile(r"\w+")


class Score(NamedTuple):
    """One page's shingle precision and recall, and whether each is defined."""

    precision: float
    recall: float
    has_precision: bool
    has_recall: bool


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """The multiset of n-word shingles of a text (the benchmark's tokenisation)."""
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens)


def score(true: str, pred: str) -> Score:
    """The benchmark's per-page precision and recall of `pred` against `true`."""
    a, b = shingles(true), shingles(pred)
    counts = [float(sum(c.values())) for c in (a & b, b - a, a - b)]
    total = sum(counts)
    tp, fp, fn = (c / total for c in counts) if total else counts
    if fp == fn == 0:
        return Score(1.0, 1.0, tp + fp > 0, tp + fn > 0)
    precision = 0.0 if tp == fp == 0 else tp / (tp + fp)
    recall = 0.0 if tp == fn == 0 else tp / (tp + fn)
    return Score(precision, recall, tp + fp > 0, tp + fn > 0)


def summarise(scores: list[Score]) -> dict[str, float]:
    """Precision and recall averaged over pages, and the F1 of the two averages."""
    ps = [s.precision for s in scores if s.has_precision]
    rs = [s.recall for s in scores if s.has_recall]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def _trafilatura(path: Path) -> str:
    import trafilatura

    html = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
    return trafilatura.extract(html, include_comments=False) or ""


def _readability(path: Path) -> str:
    # Neither lxml nor readability-lxml ships types, and readability-lxml is not a dependency:
    # both are imported by name.
    html_module = importlib.import_module("lxml.html")
    readability = importlib.import_module("readability")
    html = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
    summary = readability.Document(html).summary()
    return str(html_module.fromstring(summary).text_content())


def _precision_mode(path: Path) -> str:
    from reader.corpus.html import PageError, extract_page, page_bytes

    try:
        return extract_page(page_bytes(path)).text
    except PageError:
        return ""


def _reader(path: Path) -> str:
    from reader.corpus import read_article

    article = read_article(path).article
    return article.text if article is not None else ""


def extractors() -> dict[str, Callable[[Path], str]]:
    """The extractors measured, by name (readability-lxml only when it is installed)."""
    chosen: dict[str, Callable[[Path], str]] = {"trafilatura": _trafilatura}
    if importlib.util.find_spec("readability") is not None:
        chosen["readability-lxml"] = _readability
    chosen["trafilatura-precision"] = _precision_mode
    chosen["reader"] = _reader
    return chosen


def run(name: str, extract: Callable[[Path], str], pages: Path, truth: dict[str, str]) -> dict:
    """One extractor over every page: the benchmark figures and the mean time per page."""
    scores, started = [], time.perf_counter()
    for ident in sorted(truth):
        scores.append(score(truth[ident], extract(pages / f"{ident}.html.gz")))
    seconds = (time.perf_counter() - started) / len(truth)
    figures = {k: round(v, 4) for k, v in summarise(scores).items()}
    return {"extractor": name, **figures, "ms_per_page": round(seconds * 1000, 1)}


def digest(value: str | None) -> str:
    """The short digest a judgement names a value by."""
    return hashlib.blake2b((value or "").encode("utf-8"), digest_size=6).hexdigest()


def load_judgements() -> dict[tuple[str, str], tuple[str, str]]:
    """(page id, field) -> (digest of the value judged, verdict)."""
    judged: dict[tuple[str, str], tuple[str, str]] = {}
    if not JUDGEMENTS.is_file():
        return judged
    for line in JUDGEMENTS.read_text("utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        ident, name, value_digest, verdict = line.split("\t")[:4]
        judged[(ident, name)] = (value_digest, verdict)
    return judged


def fields_found(pages: Path, truth_urls: dict[str, str], judge: bool) -> dict[str, object]:
    """Share of pages whose title and outlet the reader found and a judge found right."""
    from reader.corpus import read_article

    judged = load_judgements()
    found: Counter[str] = Counter()
    unjudged: list[str] = []
    for ident in sorted(truth_urls):
        article = read_article(pages / f"{ident}.html.gz").article
        values = {
            "title": article.title if article else None,
            "outlet": article.outlet if article else None,
        }
        for name, value in values.items():
            if judge:
                print(f"{ident[:12]}\t{name}\t{digest(value)}\t{value!r}\t{truth_urls[ident]}")
            verdict = judged.get((ident[:12], name))
            if verdict is None or verdict[0] != digest(value):
                unjudged.append(f"{ident[:12]} {name}: {value!r}")
            elif value and verdict[1] == "ok":
                found[name] += 1
    for line in unjudged:
        print(f"unjudged {line}", file=sys.stderr)
    total = len(truth_urls)
    return {
        "title_found": round(found["title"] / total, 4),
        "outlet_found": round(found["outlet"] / total, 4),
        "unjudged": len(unjudged),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path, help="the benchmark folder (../shared/eval/html)")
    parser.add_argument("--only", help="measure only this extractor")
    parser.add_argument("--judge", action="store_true", help="print titles and outlets to judge")
    args = parser.parse_args(argv)
    ground = json.loads((args.folder / "ground-truth.json").read_text("utf-8"))
    truth = {k: v.get("articleBody", "") for k, v in ground.items()}
    pages = args.folder / "pages"
    cache = tempfile.mkdtemp(prefix="eval-html-cache-")
    os.environ["READER_CACHE_DIR"] = cache  # an empty extraction cache: times are extractions
    results = []
    try:
        for name, extract in extractors().items():
            if args.only and name != args.only:
                continue
            results.append(run(name, extract, pages, truth))
            print(json.dumps(results[-1]), flush=True)
        fields = fields_found(pages, {k: v.get("url", "") for k, v in ground.items()}, args.judge)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    print(json.dumps({"pages": len(truth), "results": results, **fields}))


if __name__ == "__main__":
    main()
