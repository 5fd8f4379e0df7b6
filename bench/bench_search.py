"""Search benchmark: query latency by class on the generated corpus, as the command line and
the search field run queries, with the build's CPU time and the memory after searching.

Builds (or reuses) the corpus of N articles (`bench.corpus`) and its index in the benchmark
folder, then times the top 20 hits with snippets for the query classes of `bench.bench_index`
(one word, two words, phrase, prefix, filtered), median and p95 over the rounds after a warm-up,
for each engine asked for:

    reader         `reader.search.search` as the command line calls it
    reader-typing  the search field: the last word read as a prefix too (`typing=True`)
    reader-mmap    the command line's search with the index files memory-mapped (Whoosh 3
                   copies mapped files: see `reader.search.whoosh_engine.MAP_FILES`)
    tantivy        the command line's search on the tantivy engine (`samestory[tantivy]`)
    tantivy-typing the search field's on the tantivy engine

The typing engines (the search field's) also time its first results
(`reader.search.first_results`: for indexes of 2,000+ articles the Whoosh engine's first pass,
bounded in work, whose page may change when completed; tantivy's are complete) before each
complete search: `first_median_ms` / `first_p95_ms`, `first_partial` (the share of the queries
whose first results were partial), `first_overlap` (over those, the mean share of the
complete top 20 that the first page already held) and `steps_p95_ms` (first results, then
the complete ones: the time until the complete page is shown).

The searches kept by `reader.search.results` are forgotten before each query, so every figure
is a search; but for `narrowing` (the typing engines): a query searched right after one it
narrows (`NARROWING`: a word added), with `reused` the number of them that looked only at the
earlier search's matches, against the same queries searched afresh (`scratch_*`).

Each engine runs in its own process, so that `rss_mb` (resident memory after the queries) is
its own. Each index engine has its own index of the corpus; `build_cpu_s` gives the
CPU seconds of each index built in this run. The last line is JSON.

    python -m bench.bench_search --size 10000 [--engines reader tantivy] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from bench.bench_index import QUERIES
from bench.corpus import bench_dir, build

if TYPE_CHECKING:
    from reader.search.engine import Library

ENGINES = ("reader", "reader-typing", "reader-mmap", "tantivy", "tantivy-typing")
NARROWING = [
    ("clinton campaign", "clinton campaign email"),
    ("clinton campaign email", "clinton campaign email server"),
    ("supreme court", "supreme court nominee"),
    ("supreme court nominee", "supreme court nominee senate"),
    ("police shooting", "police shooting video"),
    ("health insurance", "health insurance premiums"),
    ("border wall", "border wall mexico"),
    ("tax plan", "tax plan republicans"),
    ("foreign policy", "foreign policy speech"),
    ("republican debate", "republican debate trump"),
]
"""Pairs of queries typed one after the other, the second narrowing the first."""


def index_engine(engine: str) -> str:
    """The search engine whose index a benchmark engine searches."""
    return "tantivy" if engine.startswith("tantivy") else "whoosh"


def _cpu() -> float:
    """CPU seconds of this process and its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _rss_mb() -> float:
    """Resident memory of this process now, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _stats(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median_ms": round(statistics.median(ordered), 1), "p95_ms": round(p95, 1)}


def index_dir(size: int, engine: str = "whoosh") -> Path:
    """Where the benchmark keeps the index of the corpus of `size` articles (one per search
    engine)."""
    from reader.search.store import FORMAT_VERSION

    suffix = "" if engine == "whoosh" else f"-{engine}"
    return bench_dir() / f"search-index-{size}-v{FORMAT_VERSION}{suffix}"


def open_bench_library(size: int, engine: str) -> Library:
    """The library of the corpus of `size` articles on one search engine's index."""
    from reader.search import open_library

    return open_library(build(size), index_dir(size, engine), engine=engine)


def prepare(size: int, engine: str) -> float | None:
    """Build the corpus and one engine's index when missing; the build's CPU seconds (None
    when the index was reused)."""
    library = open_bench_library(size, engine)
    if not library.needs_update():
        return None
    started = _cpu()
    report = library.update(rebuild=True)
    assert report.rebuilt, report
    return round(_cpu() - started, 1)


def run_engine(engine: str, size: int, rounds: int) -> dict[str, object]:
    """Latency per query class for one engine, and the memory after the queries."""
    from reader.search import first_results, search, whoosh_engine

    whoosh_engine.MAP_FILES = engine == "reader-mmap"
    typing = engine.endswith("-typing")
    library = open_bench_library(size, index_engine(engine))
    results = library.results  # type: ignore[attr-defined]
    classes: dict[str, object] = {}
    for name, queries in QUERIES.items():
        times, totals, firsts, steps, partial, overlap = [], [], [], [], [], []
        for round_ in range(rounds + 1):
            for query in queries:
                first_ms = None
                if typing:  # the search field: its first results, then the complete ones
                    results.clear()
                    started = time.perf_counter()
                    first = first_results(library, query, limit=20, typing=True)
                    first_ms = (time.perf_counter() - started) * 1000
                results.clear()  # time the search, not the kept results of a round
                started = time.perf_counter()
                result = search(library, query, limit=20, typing=typing)
                elapsed = (time.perf_counter() - started) * 1000
                assert result.error is None, result.error
                if round_:  # round 0 warms caches
                    times.append(elapsed)
                    totals.append(result.total)
                    if first_ms is not None:
                        shown = first if first is not None else result
                        again = first is None or first.partial
                        firsts.append(first_ms if first is not None else elapsed)
                        steps.append(first_ms + elapsed if again else first_ms)
                        partial.append(shown.partial)
                        if shown.partial:
                            best = {h.id for h in result.hits}
                            held = len(best & {h.id for h in shown.hits})
                            overlap.append(held / len(best) if best else 1.0)
        row: dict[str, object] = {**_stats(times), "total_median": statistics.median(totals)}
        if firsts:
            row.update({f"first_{k}": v for k, v in _stats(firsts).items()})
            row["steps_p95_ms"] = _stats(steps)["p95_ms"]
            row["first_partial"] = round(sum(partial) / len(partial), 2)
            row["first_overlap"] = round(statistics.mean(overlap), 2) if overlap else None
        classes[name] = row
    found: dict[str, object] = {"classes": classes}
    if typing:
        found["narrowing"] = _narrowing(library, rounds)
    found["rss_mb"] = round(_rss_mb(), 1)
    return found


def _narrowing(library: Library, rounds: int) -> dict[str, object]:
    """The second query of each `NARROWING` pair searched right after the first, and afresh."""
    from reader.search import search

    results = library.results  # type: ignore[attr-defined]
    after, scratch, reused = [], [], 0
    for round_ in range(rounds + 1):
        for earlier, later in NARROWING:
            results.clear()
            search(library, earlier, limit=20, typing=True)
            before = results.reused
            started = time.perf_counter()
            narrowed = search(library, later, limit=20, typing=True)
            elapsed = (time.perf_counter() - started) * 1000
            results.clear()
            started = time.perf_counter()
            fresh = search(library, later, limit=20, typing=True)
            fresh_ms = (time.perf_counter() - started) * 1000
            assert (narrowed.total, [h.id for h in narrowed.hits]) == (
                fresh.total,
                [h.id for h in fresh.hits],
            ), later
            if round_:
                after.append(elapsed)
                scratch.append(fresh_ms)
                reused += results.reused > before
    return {
        **_stats(after),
        **{f"scratch_{k}": v for k, v in _stats(scratch).items()},
        "reused": reused,
        "of": len(after),
    }


def main() -> None:
    """Run the benchmark and print a table, then the JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES))
    parser.add_argument("--rounds", type=int, default=3, help="query rounds after a warm-up")
    parser.add_argument("--engine-job", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.engine_job:
        print(json.dumps(run_engine(args.engine_job, args.size, args.rounds)))
        return
    build_cpu = {e: prepare(args.size, e) for e in sorted({index_engine(e) for e in args.engines})}
    results: dict[str, object] = {
        "size": args.size,
        "build_cpu_s": build_cpu,
        "load_average": round(os.getloadavg()[0], 2),
        "engines": {},
    }
    for engine in args.engines:
        job = [sys.executable, "-m", "bench.bench_search", "--size", str(args.size)]
        job += ["--rounds", str(args.rounds), "--engine-job", engine]
        out = subprocess.run(job, check=True, capture_output=True, text=True).stdout
        found = json.loads(out.strip().splitlines()[-1])
        results["engines"][engine] = found  # type: ignore[index]
        for name, row in found["classes"].items():
            median, p95 = row["median_ms"], row["p95_ms"]
            line = f"{engine:14} {name:10} median {median:7.1f} ms  p95 {p95:7.1f} ms"
            if "first_p95_ms" in row:
                line += (
                    f"  first {row['first_median_ms']:6.1f} / {row['first_p95_ms']:6.1f} ms"
                    f" (partial {row['first_partial']}, overlap {row['first_overlap']})"
                    f"  steps p95 {row['steps_p95_ms']:7.1f} ms"
                )
            print(line)
        if "narrowing" in found:
            row = found["narrowing"]
            print(
                f"{engine:14} narrowing  median {row['median_ms']:7.1f} ms"
                f"  p95 {row['p95_ms']:7.1f} ms  afresh {row['scratch_median_ms']:7.1f}"
                f" / {row['scratch_p95_ms']:7.1f} ms"
                f"  (reused {row['reused']} of {row['of']})"
            )
        print(f"{engine:14} rss {found['rss_mb']} MB")
    print(f"build CPU seconds (None: index reused): {build_cpu}")
    results["load_average_after"] = round(os.getloadavg()[0], 2)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
