"""Speed of comparing two articles (`reader.analysis.comparison.compare`), cold: no cached
comparison and no cached entities, as when the split view opens on a pair for the first time.

    python -m bench.bench_comparison [--runs 21]

Articles of 5 KB and 20 KB are made from the bundled sample articles: paragraphs of three
outlets for A and of the other two for B, taken in turn until the size is reached (so both sides
quote statements, some of them shared). Each run gives the articles new digests, so neither the
comparison cache nor the entity cache helps; the data tables are loaded once before timing.
Reports medians in milliseconds of CPU time (`time.process_time`: what the comparison costs,
steady when other programs share the machine) and of wall-clock time, the slowest wall-clock
run, and the median CPU time of each step. The last line is JSON.
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import replace
from itertools import cycle

from bench import print_figures
from reader.analysis.comparison import compare
from reader.analysis.entities import analyse, resolve_pair
from reader.analysis.matching import match_quotes
from reader.analysis.quotes import extract_quotes
from reader.config import bundled_path
from reader.corpus import Article, load_corpus

SIZES = {"5kb": 5_000, "20kb": 20_000}
SIDE_A = ("mee-leaders-call-on-russia", "trtworld-coalition-statement", "russia-urged-to-halt")
SIDE_B = ("sputnik-joint-statement", "presstv-lavrov-turkey")


def _sized(articles: list[Article], size: int) -> str:
    paragraphs = [p for a in articles for p in a.text.split("\n\n") if p.strip()]
    chosen, total = [], 0
    for paragraph in cycle(paragraphs):
        if total >= size:
            break
        chosen.append(paragraph)
        total += len(paragraph) + 2
    return "\n\n".join(chosen)[:size]


def _steps(a: Article, b: Article) -> dict[str, float]:
    """CPU time of each step of one cold comparison, in milliseconds."""
    t0 = time.process_time()
    ea, eb = resolve_pair(analyse(a.text, cache_key=a.digest), analyse(b.text, cache_key=b.digest))
    t1 = time.process_time()
    qa, qb = extract_quotes(a.text, ea), extract_quotes(b.text, eb)
    t2 = time.process_time()
    match_quotes(a.text, qa, b.text, qb)
    t3 = time.process_time()
    return {"entities": (t1 - t0) * 1000, "quotes": (t2 - t1) * 1000, "matching": (t3 - t2) * 1000}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="timed runs per size (21)")
    args = parser.parse_args(argv)
    corpus = load_corpus(bundled_path("articles")).by_id()
    side_a = [corpus[i] for i in SIDE_A]
    side_b = [corpus[i] for i in SIDE_B]
    result: dict[str, float] = {}
    for label, size in SIZES.items():
        a = replace(side_a[0], text=_sized(side_a, size))
        b = replace(side_b[0], text=_sized(side_b, size))
        compare(replace(a, digest="warm-a"), replace(b, digest="warm-b"))  # load the tables
        totals, cpu, steps = [], [], []
        for run in range(args.runs):
            fresh_a = replace(a, digest=f"{label}-a-{run}-{time.time_ns()}")
            fresh_b = replace(b, digest=f"{label}-b-{run}-{time.time_ns()}")
            began, began_cpu = time.perf_counter(), time.process_time()
            compare(fresh_a, fresh_b)
            cpu.append((time.process_time() - began_cpu) * 1000)
            totals.append((time.perf_counter() - began) * 1000)
            steps.append(
                _steps(
                    replace(fresh_a, digest=fresh_a.digest + "s"),
                    replace(fresh_b, digest=fresh_b.digest + "s"),
                )
            )
        result[f"compare_{label}_cpu_median_ms"] = round(statistics.median(cpu), 2)
        result[f"compare_{label}_wall_median_ms"] = round(statistics.median(totals), 2)
        result[f"compare_{label}_wall_max_ms"] = round(max(totals), 2)
        for step in ("entities", "quotes", "matching"):
            result[f"{step}_{label}_median_ms"] = round(
                statistics.median(s[step] for s in steps), 2
            )
        result[f"chars_{label}"] = len(a.text) + len(b.text)
    print_figures(result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
