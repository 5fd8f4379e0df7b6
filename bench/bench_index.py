"""Index and search benchmark: the reader's index against Whoosh's default writer and analyzer
and SQLite FTS5 (standard library), on the same generated corpus and queries, in one run.

Measures, per corpus size: full build (articles/s, MB/s, wall and CPU seconds, peak memory,
size on disk), re-index after 1% of the files change (and after 100 change), the start-up
check of an unchanged corpus, and query latency (median, p95) with snippets for the top 20
hits for one word, two words, a phrase, a prefix and a filtered query. Every build runs in a
fresh process so that its peak memory is its own.

    python -m bench.bench_index --sizes 1000 10000 [--rounds 5] [--builds 3] [--no-default]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from bench.corpus import build

if TYPE_CHECKING:
    from reader.corpus import Article

QUERIES = {
    "one word": [
        "president",
        "election",
        "police",
        "campaign",
        "immigration",
        "economy",
        "court",
        "military",
        "syria",
        "voters",
    ],
    "two words": [
        "clinton campaign",
        "police shooting",
        "health insurance",
        "foreign policy",
        "supreme court",
        "tax plan",
        "border wall",
        "gun control",
        "republican debate",
        "email server",
    ],
    "phrase": [
        '"white house"',
        '"united states"',
        '"health care"',
        '"supreme court"',
        '"prime minister"',
        '"climate change"',
        '"national security"',
        '"social security"',
        '"law enforcement"',
        '"foreign policy"',
    ],
    "prefix": [
        "elect*",
        "immigra*",
        "presiden*",
        "terror*",
        "vot*",
        "campaign*",
        "democrat*",
        "republic*",
        "econom*",
        "investigat*",
    ],
    "filtered": [
        "source:breitbart clinton",
        "source:politico trump",
        'source:"new york times" police',
        "source:huffpost election",
        "date:2016-10 debate",
        'source:"fox news" obama',
        "date:2016 email",
        'source:"usa today" voters',
        "title:trump",
        'source:"washington post" court',
    ],
}
# The same queries for FTS5: (MATCH expression, extra SQL condition on date).
FTS_QUERIES: dict[str, list[tuple[str, str | None]]] = {
    "one word": [(q, None) for q in QUERIES["one word"]],
    "two words": [(q, None) for q in QUERIES["two words"]],
    "phrase": [(q, None) for q in QUERIES["phrase"]],
    "prefix": [(q, None) for q in QUERIES["prefix"]],
    "filtered": [
        ("outlet:breitbart clinton", None),
        ("outlet:politico trump", None),
        ('outlet:"new york times" police', None),
        ("outlet:huffpost election", None),
        ("debate", "2016-10"),
        ('outlet:"fox news" obama', None),
        ("email", "2016"),
        ('outlet:"usa today" voters', None),
        ("title:trump", None),
        ('outlet:"washington post" court', None),
    ],
}
_FTS_SQL = (
    "SELECT id, title, outlet, date, snippet(docs, 2, '[', ']', '\u2026', 32) "
    "FROM docs WHERE docs MATCH ? {extra} ORDER BY bm25(docs, 0, 2.0, 1.0, 1.0) "
    "LIMIT 20"
)


# ---------------------------------------------------------------------------- build jobs
# Each runs in its own process: python -m bench.bench_index _job KIND CORPUS TARGET


def _load_all(corpus: Path) -> tuple[list[Article], float, int]:
    from reader.corpus import load_article, scan

    files, _ = scan(corpus)
    started = time.perf_counter()
    articles = [a for a in (load_article(f.path, corpus)[0] for f in files) if a is not None]
    return articles, time.perf_counter() - started, sum(f.size for f in files)


def _job_reader(corpus: Path, target: Path) -> dict:
    from reader.search import open_library

    library = open_library(corpus, target)
    started = time.perf_counter()
    report = library.update()
    return {"seconds": time.perf_counter() - started, "docs": report.added, "size": _du(target)}


def _job_default(corpus: Path, target: Path) -> dict:
    from whoosh import index
    from whoosh.analysis import StemmingAnalyzer
    from whoosh.fields import ID, TEXT, Schema

    articles, load_seconds, _ = _load_all(corpus)
    schema = Schema(
        id=ID(stored=True, unique=True),
        title=TEXT(analyzer=StemmingAnalyzer(), stored=True, field_boost=2.0),
        body=TEXT(analyzer=StemmingAnalyzer(), stored=True),
        outlet=TEXT(stored=True),
        date=ID(stored=True, sortable=True),
    )
    target.mkdir(parents=True)
    started = time.perf_counter()
    ix = index.create_in(str(target), schema)
    writer = ix.writer()
    for a in articles:
        writer.add_document(
            id=a.id, title=a.title, body=a.text, outlet=a.outlet or "", date=a.date or ""
        )
    writer.commit()
    index_seconds = time.perf_counter() - started
    return {
        "seconds": load_seconds + index_seconds,
        "load_seconds": load_seconds,
        "index_seconds": index_seconds,
        "docs": len(articles),
        "size": _du(target),
    }


def _job_fts5(corpus: Path, target: Path) -> dict:
    articles, load_seconds, _ = _load_all(corpus)
    target.mkdir(parents=True)
    started = time.perf_counter()
    db = sqlite3.connect(target / "fts.db")
    _fts_schema(db)
    db.executemany(
        "INSERT INTO docs (rowid, id, title, body, outlet, date) VALUES (?, ?, ?, ?, ?, ?)",
        [
            (n, a.id, a.title, a.text, a.outlet or "", a.date or "")
            for n, a in enumerate(articles, 1)
        ],
    )
    db.executemany("INSERT INTO keys VALUES (?, ?)", [(a.id, n) for n, a in enumerate(articles, 1)])
    db.commit()
    db.close()
    index_seconds = time.perf_counter() - started
    return {
        "seconds": load_seconds + index_seconds,
        "load_seconds": load_seconds,
        "index_seconds": index_seconds,
        "docs": len(articles),
        "size": _du(target),
    }


def _fts_schema(db: sqlite3.Connection) -> None:
    db.execute(
        "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, outlet, "
        "date UNINDEXED, tokenize='porter unicode61 remove_diacritics 2')"
    )
    db.execute("CREATE TABLE keys (id TEXT PRIMARY KEY, rid INTEGER) WITHOUT ROWID")


_JOBS = {"reader": _job_reader, "whoosh-default": _job_default, "fts5": _job_fts5}


def _run_job(kind: str, corpus: Path, target: Path) -> dict:
    """Run one build in a fresh process; add its CPU time and peak memory."""
    if target.exists():
        shutil.rmtree(target)
    out = subprocess.run(
        [sys.executable, "-m", "bench.bench_index", "_job", kind, str(corpus), str(target)],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _job_main(kind: str, corpus: str, target: str) -> None:
    result = _JOBS[kind](Path(corpus), Path(target))
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    result |= {
        "cpu": own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime,
        "peak_mb": own.ru_maxrss / 1024,
        "children_peak_mb": children.ru_maxrss / 1024,
    }
    print(json.dumps(result))


def _du(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


# ---------------------------------------------------------------------------- measurements


def _startup_check(corpus: Path, target: Path, repeats: int) -> dict:
    """open_library + needs_update() and catalog() in a fresh process (warm OS cache)."""
    code = (
        "import time, json, sys; from pathlib import Path; from reader.search import open_library;"
        "t = time.perf_counter(); lib = open_library(Path(sys.argv[1]), Path(sys.argv[2]));"
        "stale = lib.needs_update(); t1 = time.perf_counter(); n = len(lib.catalog());"
        "t2 = time.perf_counter(); print(json.dumps([t1 - t, t2 - t1, stale, n]))"
    )
    checks, catalogs = [], []
    for _ in range(repeats):
        out = subprocess.run(
            [sys.executable, "-c", code, str(corpus), str(target)],
            capture_output=True,
            text=True,
            check=True,
        )
        check, catalog, stale, _ = json.loads(out.stdout)
        assert not stale, "the unchanged corpus was reported as changed"
        checks.append(check)
        catalogs.append(catalog)
    return {"check": statistics.median(checks), "catalog": statistics.median(catalogs)}


def _reindex(corpus: Path, target: Path, fts_dir: Path, count: int) -> dict:
    """Change `count` files, time the reader's update and the FTS5 equivalent, then restore
    the files and time the update back (two samples each)."""
    from reader.corpus import load_article, scan
    from reader.search import open_library

    files, _ = scan(corpus)
    step = max(1, len(files) // count)
    chosen = files[::step][:count]
    originals = {f.path: (f.path.read_bytes(), f.mtime_ns) for f in chosen}
    reader_times, fts_times = [], []
    try:
        for phase in ("change", "restore"):
            for f in chosen:
                data, mtime = originals[f.path]
                if phase == "change":
                    f.path.write_bytes(
                        data + b"\nUpdate: the ministry issued a correction "
                        b"on Tuesday after the vote.\n"
                    )
                    os.utime(f.path, ns=(mtime + 10**9, mtime + 10**9))
                else:
                    f.path.write_bytes(data)
                    os.utime(f.path, ns=(mtime, mtime))
            started = time.perf_counter()
            report = open_library(corpus, target).update()
            reader_times.append(time.perf_counter() - started)
            assert report.changed == count and not report.rebuilt, report
            started = time.perf_counter()
            db = sqlite3.connect(fts_dir / "fts.db")
            rows = []
            for f in chosen:
                a = load_article(f.path, corpus)[0]
                assert a is not None
                rid = db.execute("SELECT rid FROM keys WHERE id = ?", (a.id,)).fetchone()[0]
                rows.append((rid, a.id, a.title, a.text, a.outlet or "", a.date or ""))
            db.executemany("DELETE FROM docs WHERE rowid = ?", [(r[0],) for r in rows])
            db.executemany(
                "INSERT INTO docs (rowid, id, title, body, outlet, date) VALUES (?, ?, ?, ?, ?, ?)",
                rows,
            )
            db.commit()
            db.close()
            fts_times.append(time.perf_counter() - started)
    finally:
        for path, (data, mtime) in originals.items():
            if path.read_bytes() != data:
                path.write_bytes(data)
                os.utime(path, ns=(mtime, mtime))
    return {
        "files": count,
        "reader": statistics.median(reader_times),
        "fts5": statistics.median(fts_times),
    }


def _queries(corpus: Path, target: Path, fts_dir: Path, rounds: int) -> dict:
    """Latency per query class (ms, median and p95), reader and FTS5 interleaved."""
    from reader.search import open_library, search

    library = open_library(corpus, target)
    db = sqlite3.connect(fts_dir / "fts.db")
    results = {}
    for name, queries in QUERIES.items():
        ours, theirs, hits = [], [], []
        for round_ in range(rounds + 1):
            for query, (match, date) in zip(queries, FTS_QUERIES[name], strict=True):
                started = time.perf_counter()
                result = search(library, query, limit=20)
                elapsed = time.perf_counter() - started
                assert result.error is None, result.error
                extra = "AND date LIKE ?" if date else ""
                args = (match, date + "%") if date else (match,)
                started_fts = time.perf_counter()
                rows = db.execute(_FTS_SQL.format(extra=extra), args).fetchall()
                elapsed_fts = time.perf_counter() - started_fts
                if round_:  # round 0 warms caches
                    ours.append(elapsed * 1000)
                    theirs.append(elapsed_fts * 1000)
                    hits.append((result.total, len(rows)))
        results[name] = {
            "reader": _stats(ours),
            "fts5": _stats(theirs),
            "hits": hits[: len(queries)],
        }
    db.close()
    return results


def _stats(values: list[float]) -> dict:
    ordered = sorted(values)
    return {
        "median": statistics.median(ordered),
        "p95": ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))],
        "max": ordered[-1],
    }


def bench(size: int, rounds: int, builds: int, default: bool, workdir: Path) -> dict:
    """Every measurement for one corpus size."""
    corpus = build(size)
    files_mb = sum(p.stat().st_size for p in corpus.rglob("*.md")) / 1e6
    result: dict = {"size": size, "corpus_mb": files_mb, "builds": {}}
    kinds = ["reader", "fts5"] + (["whoosh-default"] if default else [])
    runs: dict[str, list[dict]] = {kind: [] for kind in kinds}
    for _ in range(builds):  # interleaved, so that other load on the machine hits all alike
        for kind in kinds:
            runs[kind].append(_run_job(kind, corpus, workdir / kind))
            print(
                f"  {size}: {kind} build {runs[kind][-1]['seconds']:.1f} s",
                file=sys.stderr,
                flush=True,
            )
    for kind in kinds:
        median = sorted(runs[kind], key=lambda r: r["seconds"])[len(runs[kind]) // 2]
        median["all_seconds"] = [r["seconds"] for r in runs[kind]]
        result["builds"][kind] = median
    target, fts_dir = workdir / "reader", workdir / "fts5"
    result["startup"] = _startup_check(corpus, target, repeats=5)
    print(f"  {size}: start-up check {result['startup']}", file=sys.stderr, flush=True)
    result["reindex"] = [_reindex(corpus, target, fts_dir, max(1, size // 100))]
    if size >= 20000:
        result["reindex"].append(_reindex(corpus, target, fts_dir, 100))
    print(f"  {size}: re-index {result['reindex']}", file=sys.stderr, flush=True)
    result["queries"] = _queries(corpus, target, fts_dir, rounds)
    result["query_peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def table(results: list[dict]) -> str:
    """Markdown tables of the results."""
    lines = [
        "| articles (MB) | reader | Whoosh default | FTS5 | reader ÷ default | FTS5 ÷ reader |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        b = r["builds"]
        cells = []
        for kind in ("reader", "whoosh-default", "fts5"):
            if kind not in b:
                cells.append("not run")
                continue
            x = b[kind]
            cells.append(
                f"{x['docs'] / x['seconds']:.0f}/s, {r['corpus_mb'] / x['seconds']:.2f}"
                f" MB/s ({x['seconds']:.1f} s wall, {x['cpu']:.1f} s CPU)"
            )
        ratio = (
            f"{b['whoosh-default']['seconds'] / b['reader']['seconds']:.2f}×"
            if "whoosh-default" in b
            else "–"
        )
        lines.append(
            f"| {r['size']:,} ({r['corpus_mb']:.0f}) | {cells[0]} | {cells[1]} | "
            f"{cells[2]} | {ratio} | "
            f"{b['reader']['seconds'] / b['fts5']['seconds']:.1f}× |"
        )
    lines += [
        "",
        "| articles | index size reader / default / FTS5 (× corpus) | "
        "peak memory reader (parent + largest child) / default / FTS5 |",
        "|---|---|---|",
    ]
    for r in results:
        b = r["builds"]
        sizes = " / ".join(
            f"{b[k]['size'] / 1e6:.0f} MB ({b[k]['size'] / 1e6 / r['corpus_mb']:.2f}×)"
            if k in b
            else "–"
            for k in ("reader", "whoosh-default", "fts5")
        )
        memory = (
            f"{b['reader']['peak_mb']:.0f} + {b['reader']['children_peak_mb']:.0f} MB / "
            + " / ".join(
                f"{b[k]['peak_mb']:.0f} MB" if k in b else "–" for k in ("whoosh-default", "fts5")
            )
        )
        lines.append(f"| {r['size']:,} | {sizes} | {memory} |")
    lines += [
        "",
        "| articles | start-up check (unchanged) | catalog() | re-index changed files: "
        "reader / FTS5 |",
        "|---|---|---|---|",
    ]
    for r in results:
        reindex = "; ".join(
            f"{x['files']} files: {x['reader']:.2f} s / {x['fts5']:.2f} s" for x in r["reindex"]
        )
        lines.append(
            f"| {r['size']:,} | {r['startup']['check'] * 1000:.0f} ms | "
            f"{r['startup']['catalog'] * 1000:.0f} ms | {reindex} |"
        )
    lines += [
        "",
        "| query (top 20 + snippets), ms | "
        + " | ".join(
            f"reader {r['size']:,} median / p95 | FTS5 {r['size']:,} | reader ÷ FTS5 (p95)"
            for r in results
        )
        + " |",
        "|---|" + "---|---|---|" * len(results),
    ]
    for name in QUERIES:
        row = [name]
        for r in results:
            q = r["queries"][name]
            row += [
                f"{q['reader']['median']:.1f} / {q['reader']['p95']:.1f}",
                f"{q['fts5']['median']:.1f} / {q['fts5']['p95']:.1f}",
                f"{q['reader']['p95'] / max(q['fts5']['p95'], 0.001):.1f}×",
            ]
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_job":
        _job_main(*sys.argv[2:5])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--rounds", type=int, default=5, help="query rounds after a warm-up")
    parser.add_argument("--builds", type=int, default=1, help="builds per engine (median)")
    parser.add_argument(
        "--no-default", action="store_true", help="skip Whoosh's default writer (slow at 50k)"
    )
    parser.add_argument("--out", type=Path, help="also write the raw results as JSON")
    args = parser.parse_args()
    results = []
    workroot = Path(tempfile.mkdtemp(prefix="reader-bench-"))
    try:
        for size in args.sizes:
            results.append(
                bench(size, args.rounds, args.builds, not args.no_default, workroot / str(size))
            )
            if args.out:
                args.out.write_text(json.dumps(results, indent=1))
    finally:
        shutil.rmtree(workroot, ignore_errors=True)
    print(table(results))


if __name__ == "__main__":
    main()
