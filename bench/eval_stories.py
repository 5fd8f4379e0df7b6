"""Story detection on development data with known stories, and its speed.

One corpus of BASIL 2010-2014 (triplets: one story, three outlets), PAC (STORY_<n>_DOCUMENT_<0|1>)
and ECB+ topics 1-22 (each topic holds two events of one kind: documents named `*ecb.xml` report
one, `*ecbplus.xml` the other; they are two stories). Scored with BCubed precision, recall and
F1 over all articles. The data is read from `../shared/eval` and never copied.

`--train` learns the pair model and the grouping threshold and linkage (`data/story_model.json`):
logistic weights over the pair features of every same-story pair and every retrieved candidate
pair, then the threshold and linkage with the best BCubed F1 (a threshold judged with its two
neighbours: the mean F1 of the three, so a lone peak on the articles learned from is not taken),
then whether and how stories are cut in two (`StoryModel.split`, none unless it raises that
F1), all on the articles given. The honest figure is the two-fold one: stories are split in two
halves (alternately within each data set, by sorted id; an ECB+ topic's two events stay in one
half), the model is learned on one half and scored on the other, both ways; and, since one
partition's F1 moves by about 0.01 with the partition, its mean over four partitions (the sorted
one and three shuffled).

    python -m bench.eval_stories [--eval DIR] [--train] [--speed]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import re
import resource
import shutil
import sys
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

from bench.corpus import DEFAULT_EVAL, bench_dir
from reader.analysis.stories import Signature, StoryIndex, StoryModel, signatures
from reader.analysis.stories.model import FEATURES, MODEL_FILE, story_model
from reader.corpus import Article, canonical_outlet

Gold = dict[str, str]
CACHE_VERSION = 6


def _article(key: str, title: str, outlet: str | None, date: str | None, text: str) -> Article:
    digest = hashlib.sha1(f"{title}\n{outlet}\n{date}\n{text}".encode()).hexdigest()
    return Article(key, Path(key), title, outlet, date, None, text, digest)


def _detokenise(text: str) -> str:
    text = re.sub(r" ([,.;:!?%)\]])", r"\1", text)
    text = re.sub(r"([(\[$]) ", r"\1", text)
    # numbers split by the tokeniser: "6. 1" (6.1), "1: 32 PM", "$30, 000"
    text = re.sub(r"(\d)([.:]) (\d)", r"\1\2\3", text)
    text = re.sub(r"(\d), (\d{3})(?!\d)", r"\1,\2", text)
    return re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", text)


def load_basil(root: Path) -> list[tuple[Article, str]]:
    """BASIL triplets: the story is the triplet."""
    out = []
    for path in sorted(root.glob("articles/*/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        body = "\n\n".join(" ".join(p) for p in data.get("body-paragraphs") or [] if p)
        outlet = canonical_outlet(data.get("source") or "") or data.get("source")
        article = _article(f"basil/{path.stem}", data["title"], outlet, data.get("date"), body)
        out.append((article, f"basil:{data['triplet-uuid']}"))
    return out


def load_pac(root: Path) -> list[tuple[Article, str]]:
    """PAC pairs: STORY_<n>_DOCUMENT_<k>."""
    out = []
    for path in sorted(root.glob("merged_annotations/STORY_*_DOCUMENT_*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        body = _detokenise(" ".join(s["text"] for s in data.get("news") or []))
        story = path.stem.split("_DOCUMENT_")[0]
        outlet = canonical_outlet(data.get("source") or "") or data.get("source")
        article = _article(f"pac/{path.stem}", data["title"], outlet, data.get("date"), body)
        out.append((article, f"pac:{story}"))
    return out


def load_ecb(root: Path) -> list[tuple[Article, str]]:
    """ECB+ topics: `<t>_<n>ecb.xml` and `<t>_<n>ecbplus.xml` are two different events."""
    out = []
    for path in sorted(root.glob("*/*.xml")):
        sentences: dict[str, list[str]] = defaultdict(list)
        for token in ET.parse(path).getroot().iter("token"):
            sentences[token.get("sentence", "")].append(token.text or "")
        lines = []
        for number in sorted(sentences, key=lambda s: int(s or 0)):
            line = _detokenise(" ".join(sentences[number]).replace("``", '"').replace("''", '"'))
            if not re.match(r"https? ?:", line):
                lines.append(line)
        if not lines:
            continue
        topic, _, name = path.stem.partition("_")
        event = "plus" if name.endswith("ecbplus") else "ecb"
        article = _article(f"ecb/{path.stem}", lines[0][:160], None, None, "\n\n".join(lines[1:]))
        out.append((article, f"ecb:{topic}:{event}"))
    return out


def load_all(eval_dir: Path) -> tuple[list[Article], Gold]:
    """The three data sets in one corpus, and each article's story."""
    pairs = (
        load_basil(eval_dir / "basil")
        + load_pac(eval_dir / "pac")
        + load_ecb(eval_dir / "ecbplus" / "ECB+")
    )
    return [a for a, _ in pairs], {a.id: g for a, g in pairs}


SIGNED_BY = (
    "reader/analysis/entities",
    "reader/analysis/limits.py",
    "reader/analysis/quotes/view.py",  # the entity layer reads tokenised text through it
    "reader/analysis/stories/signature.py",
    "reader/text.py",
    "reader/config.py",
    "reader/data/aliases.yaml",
    "reader/data/entity_types_model.json",
    "reader/data/entity_words.yaml",
    "reader/data/story_words.yaml",
)
"""What a signature is computed by (below the project folder): the cache of signatures is kept
per version of these, so a change to the entity layer is never scored on stale signatures."""


def _signed_by() -> str:
    """A short hash of the files of `SIGNED_BY` (their paths and contents)."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.blake2b(digest_size=6)
    for name in SIGNED_BY:
        found = root / name
        for path in sorted(found.rglob("*.py")) if found.is_dir() else [found]:
            if path.is_file():
                digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def cached_signatures(articles: list[Article]) -> list[Signature]:
    """Signatures, kept between runs in the bench folder (keyed by article digest, one file per
    version of the code and data that compute them; older files are removed)."""
    path = bench_dir() / f"story-signatures-v{CACHE_VERSION}-{_signed_by()}.json"
    known: dict[str, dict[str, Any]] = {}
    if path.exists():
        known = json.loads(path.read_text(encoding="utf-8"))
    missing = [a for a in articles if a.digest not in known]
    for sig in signatures(missing, processes=2):
        known[sig.digest] = sig.to_json()
    if missing:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(known), encoding="utf-8")
        for old in path.parent.glob("story-signatures-v*.json"):
            if old != path:
                old.unlink(missing_ok=True)
    return [Signature.from_json(known[a.digest]) for a in articles]


# --- scoring -------------------------------------------------------------------------------------


def bcubed(predicted: dict[str, str], gold: Gold) -> dict[str, float]:
    """BCubed precision, recall and F1 of a clustering against the gold one."""
    by_pred, by_gold = defaultdict(set), defaultdict(set)
    for item, cluster in predicted.items():
        by_pred[cluster].add(item)
    for item, cluster in gold.items():
        by_gold[cluster].add(item)
    p = r = 0.0
    for item in gold:
        mine, truth = by_pred[predicted[item]], by_gold[gold[item]]
        both = len(mine & truth)
        p += both / len(mine)
        r += both / len(truth)
    p, r = p / len(gold), r / len(gold)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def cluster(sigs: list[Signature], model: StoryModel) -> dict[str, str]:
    """Each article's story id under `model`."""
    index = StoryIndex(model)
    index.add(sigs)
    return {s.id: index.story_of(s.id) for s in sigs}


# --- learning ------------------------------------------------------------------------------------


def pairs(sigs: list[Signature], gold: Gold) -> tuple[list[list[float]], list[int], float]:
    """Feature vectors and labels of same-story pairs and retrieved pairs; and the share of
    same-story pairs the candidate retrieval finds."""
    index = StoryIndex(StoryModel({}, -1.0, threshold=2.0))  # never joins: all singletons
    index.add(sigs)
    seen: set[tuple[str, str]] = set()
    found = 0
    for sig in sigs:
        for other in index.candidates(sig, index.key_terms(sig)):
            if other != sig.id:
                seen.add((min(sig.id, other), max(sig.id, other)))
    by_story = defaultdict(list)
    for sig in sigs:
        by_story[gold[sig.id]].append(sig.id)
    positives = {
        (min(a, b), max(a, b)) for ids in by_story.values() for a in ids for b in ids if a < b
    }
    found = len(positives & seen)
    x, y = [], []
    for a, b in sorted(seen | positives):
        features = index.features(index.signatures[a], index.signatures[b])
        x.append(features.vector())
        y.append(1 if gold[a] == gold[b] else 0)
    return x, y, found / max(1, len(positives))


def logistic(x: list[list[float]], y: list[int], steps: int = 25) -> tuple[list[float], float]:
    """Logistic regression by Newton's method (balanced classes, a little L2)."""
    n = len(x[0]) + 1
    rows = [[*xi, 1.0] for xi in x]
    pos = sum(y) or 1
    neg = (len(y) - sum(y)) or 1
    weight = {1: len(y) / (2 * pos), 0: len(y) / (2 * neg)}
    beta = [0.0] * n
    for _ in range(steps):
        grad = [1e-2 * b for b in beta]
        hess = [[1e-2 if i == j else 0.0 for j in range(n)] for i in range(n)]
        for xi, yi in zip(rows, y, strict=True):
            z = sum(b * v for b, v in zip(beta, xi, strict=True))
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            c = weight[yi]
            for i in range(n):
                grad[i] += c * (p - yi) * xi[i]
                for j in range(i, n):
                    hess[i][j] += c * p * (1 - p) * xi[i] * xi[j]
        for i in range(n):
            for j in range(i):
                hess[i][j] = hess[j][i]
        step = _solve(hess, grad)
        beta = [b - s for b, s in zip(beta, step, strict=True)]
        if max(abs(s) for s in step) < 1e-6:
            break
    return beta[:-1], beta[-1]


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """x with a x = b (Gaussian elimination with partial pivoting)."""
    n = len(b)
    m = [[*row, v] for row, v in zip(a, b, strict=True)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(col + 1, n):
            f = m[r][col] / m[col][col]
            for c in range(col, n + 1):
                m[r][c] -= f * m[col][c]
    out = [0.0] * n
    for r in range(n - 1, -1, -1):
        out[r] = (m[r][n] - sum(m[r][c] * out[c] for c in range(r + 1, n))) / m[r][r]
    return out


SMOOTH = 1
"""Neighbouring thresholds (each side) whose F1 a threshold's is averaged with when learning."""
SPLIT_MIN = (4, 5, 6)
"""Smallest groups a story may be cut into, tried when learning."""
SPLIT_RATIO = (0.75, 0.8, 0.85, 0.9, 0.95)
"""Ratios of the mean probability across two groups to the mean within, tried when learning."""


def _smoothed(found: list[float]) -> list[float]:
    """Each setting's F1 as the mean of it and its neighbours (SMOOTH each side): a setting best
    on these articles alone, between two much worse, is not taken."""
    return [
        sum(near) / len(near)
        for near in (found[max(0, k - SMOOTH) : k + SMOOTH + 1] for k in range(len(found)))
    ]


def train(sigs: list[Signature], gold: Gold) -> tuple[StoryModel, dict[str, float]]:
    """The model learned on these articles, and what learning saw."""
    x, y, retrieved = pairs(sigs, gold)
    w, b = logistic(x, y)
    base = StoryModel(dict(zip(FEATURES, w, strict=True)), b)
    truth = {s.id: gold[s.id] for s in sigs}
    best, best_f1 = base, -1.0
    for mix in (0.0, 0.5, 1.0):
        steps = range(6, 19)
        found = [
            bcubed(cluster(sigs, replace(base, threshold=s / 20, mix=mix)), truth)["f1"]
            for s in steps
        ]
        for step, f1 in zip(steps, _smoothed(found), strict=True):
            if f1 > best_f1:
                best, best_f1 = replace(base, threshold=step / 20, mix=mix), f1
    joined = best
    best_f1 = bcubed(cluster(sigs, joined), truth)["f1"]
    for low in SPLIT_MIN:
        found = [
            bcubed(cluster(sigs, replace(joined, split=ratio, split_min=low)), truth)["f1"]
            for ratio in SPLIT_RATIO
        ]
        for ratio, f1 in zip(SPLIT_RATIO, _smoothed(found), strict=True):
            if f1 > best_f1:
                best, best_f1 = replace(joined, split=ratio, split_min=low), f1
    return best, {"pairs": len(y), "same_story_pairs": sum(y), "retrieved": retrieved}


def _unit(story: str) -> str:
    """What a fold keeps together: a story, or an ECB+ topic (both its events)."""
    return story.rsplit(":", 1)[0] if story.startswith("ecb:") else story


def folds(
    sigs: list[Signature], gold: Gold, seed: int = 0
) -> tuple[list[Signature], list[Signature]]:
    """Two halves: alternate stories (sorted) of BASIL and PAC, alternate ECB+ topics (the two
    events of a topic stay in one half, so the held-out half must still tell them apart). With
    a `seed` other than 0, each data set's stories (or topics) are shuffled by it first, then
    alternated: another partition of the same kind."""
    units = sorted(set(_unit(gold[s.id]) for s in sigs))
    if seed:
        random.Random(seed).shuffle(units)
        by_set: dict[str, list[str]] = defaultdict(list)
        for unit in units:
            by_set[unit.split(":")[0]].append(unit)
        half = {unit: i % 2 for group in by_set.values() for i, unit in enumerate(group)}
    else:
        half = {unit: i % 2 for i, unit in enumerate(units)}
    one = [s for s in sigs if half[_unit(gold[s.id])] == 0]
    return one, [s for s in sigs if half[_unit(gold[s.id])] == 1]


def _by_set(predicted: dict[str, str], gold: Gold) -> dict[str, dict[str, float]]:
    out = {"all": bcubed(predicted, gold)}
    for name in ("basil", "pac", "ecb"):
        part = {k: v for k, v in gold.items() if v.startswith(name + ":")}
        # Scored within the whole corpus: a story that mixes data sets costs precision here.
        by_pred: dict[str, set[str]] = defaultdict(set)
        for item, c in predicted.items():
            by_pred[c].add(item)
        p = r = 0.0
        members = defaultdict(set)
        for item, g in gold.items():
            members[g].add(item)
        for item in part:
            mine = by_pred[predicted[item]]
            both = len(mine & members[gold[item]])
            p += both / len(mine)
            r += both / len(members[gold[item]])
        p, r = p / len(part), r / len(part)
        out[name] = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}
    return out


PARTITIONS = 4
"""Two-fold partitions averaged (seed 0 is the reported two-fold split; the F1 of one
partition moves by about 0.01 from one partition to another, more than most changes)."""


def two_fold(sigs: list[Signature], gold: Gold, seed: int = 0) -> tuple[Gold, list[Any]]:
    """Each article's story when learned on one half and grouped with the other, both ways;
    and what each half learned."""
    one, two = folds(sigs, gold, seed)
    predicted: dict[str, str] = {}
    learned = []
    for learn, test in ((one, two), (two, one)):
        model, _ = train(learn, gold)
        learned.append(
            {
                "threshold": model.threshold,
                "mix": model.mix,
                "split": model.split,
                "split_min": model.split_min,
            }
        )
        for item, story in cluster(test, model).items():
            predicted[item] = f"{len(learned)}:{story}"
    return predicted, learned


def evaluate(sigs: list[Signature], gold: Gold) -> dict[str, object]:
    """Two-fold figures (learned on one half, scored on the other), their mean over
    `PARTITIONS` partitions, and the shipped model's."""
    runs = [two_fold(sigs, gold, seed) for seed in range(PARTITIONS)]
    scores = [_by_set(predicted, gold) for predicted, _ in runs]
    mean = {name: sum(score[name]["f1"] for score in scores) / len(scores) for name in scores[0]}
    shipped = cluster(sigs, story_model())
    return {
        "two_fold": _rounded(scores[0]),
        "two_fold_learned": runs[0][1],
        f"two_fold_f1_mean_of_{PARTITIONS}_partitions": _rounded(mean),
        "two_fold_f1_each_partition": [round(score["all"]["f1"], 4) for score in scores],
        "shipped_model_in_sample": _rounded(_by_set(shipped, gold)),
    }


def _rounded(value: object) -> object:
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return round(value, 4) if isinstance(value, float) else value


# --- speed ---------------------------------------------------------------------------------------


def _cpu() -> float:
    """CPU seconds of this process and of its finished children."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def speed(eval_dir: Path, sigs: list[Signature], articles: list[Article]) -> dict[str, float]:
    """A six-report story comparison (in this process, before anything else loads the data
    tables); stories of the 10,000-article bench corpus from scratch as `reader stories` finds
    them (a copy of the folder without 100 files, nothing stored), then the 100 files added."""
    result = _compare_six(_six(articles, sigs))
    result.update(_from_scratch(eval_dir))
    result["load_average"] = round(os.getloadavg()[0], 1)
    return result


def _compare_six(six: list[Article]) -> dict[str, float]:
    """The comparison of six reports: the data tables loaded as the interface's warm-up loads
    them, then nothing of the six known; with their entities known; prepared (cached)."""
    from reader.analysis.entities import analyse
    from reader.analysis.matching import match_quotes
    from reader.analysis.quotes import extract_quotes
    from reader.analysis.stories import matrix
    from reader.analysis.stories.matrix import compare_story

    t0 = time.perf_counter()
    text = 'The minister said: "The data tables of every step load only once."'
    quotes = extract_quotes(text, analyse(text))
    match_quotes(text, quotes, text, quotes)
    tables = time.perf_counter() - t0
    t0 = time.perf_counter()
    compare_story(six)
    cold = time.perf_counter() - t0
    matrix._CACHE.clear()
    t0 = time.perf_counter()
    compare_story(six)
    warm = time.perf_counter() - t0
    t0 = time.perf_counter()
    compare_story(six)
    prepared = time.perf_counter() - t0
    return {
        "data_tables_loaded_once_ms": round(tables * 1000),
        "compare_six_nothing_known_ms": round(cold * 1000),
        "compare_six_entities_known_ms": round(warm * 1000),
        "compare_six_prepared_ms": round(prepared * 1000, 2),
    }


def _from_scratch(eval_dir: Path) -> dict[str, float]:
    from bench.corpus import build
    from reader.analysis.stories.store import refresh

    work = bench_dir() / "stories-speed"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(build(10000, eval_dir), work / "articles")
    later = sorted((work / "articles").rglob("*.md"))[-100:]
    (work / "later").mkdir()
    for path in later:
        path.rename(work / "later" / path.name)
    store = work / "store.jsonl"
    signed: list[float] = []

    def progress(done: int, total: int) -> None:
        if done == total:
            signed.append(time.perf_counter())

    load_before = os.getloadavg()[0]
    cpu, own, start = _cpu(), time.process_time(), time.perf_counter()
    index = StoryIndex()
    refresh(index, work / "articles", store, processes=2, progress=progress)
    end = time.perf_counter()
    scratch, scratch_cpu = end - start, _cpu() - cpu
    main_cpu = time.process_time() - own
    load_after = os.getloadavg()[0]
    for path in later:
        (work / "later" / path.name).rename(path)
    start = time.perf_counter()
    placed = refresh(index, work / "articles", store, processes=2)
    place_100 = time.perf_counter() - start
    assert len(placed) == len(later)
    shutil.rmtree(work, ignore_errors=True)
    return {
        "articles": len(index.signatures),
        "from_scratch_9900_s": round(scratch, 2),
        "from_scratch_9900_cpu_s": round(scratch_cpu, 2),
        "from_scratch_9900_main_process_cpu_s": round(main_cpu, 2),
        "from_scratch_9900_after_last_signature_s": round(end - signed[-1], 2) if signed else 0,
        "from_scratch_load_average_before": round(load_before, 1),
        "from_scratch_load_average_after": round(load_after, 1),
        "place_100_s": round(place_100, 3),
    }


def _six(articles: list[Article], sigs: list[Signature]) -> list[Article]:
    """Six reports: the two largest BASIL triplets (three outlets of one story, twice)."""
    by_id = {a.id: a for a in articles}
    basil = [s.id for s in sigs if s.id.startswith("basil/")][:6]
    return [by_id[i] for i in basil]


def main(argv: Iterable[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--train", action="store_true", help="learn and write the shipped model")
    parser.add_argument("--speed", action="store_true", help="also time the 10,000 corpus")
    args = parser.parse_args(list(argv) if argv is not None else None)
    articles, gold = load_all(args.eval)
    sigs = cached_signatures(articles)
    result: dict[str, object] = {"articles": len(articles), "stories": len(set(gold.values()))}
    if args.train:
        model, seen = train(sigs, gold)
        model = replace(
            model,
            about={
                "trained_on": "BASIL 2010-2014, PAC, ECB+ topics 1-22 (development data)",
                "script": "bench/eval_stories.py --train",
                **{k: round(v, 4) for k, v in seen.items()},
            },
        )
        target = Path(str(resources.files("reader.data").joinpath(MODEL_FILE)))
        target.write_text(json.dumps(model.to_json(), indent=0, sort_keys=True) + "\n")
        story_model.cache_clear()
        result["learned"] = model.to_json()
    result.update(evaluate(sigs, gold))
    if args.speed:
        result["speed"] = speed(args.eval, sigs, articles)
    print(json.dumps(result), file=sys.stdout)


if __name__ == "__main__":
    main()
