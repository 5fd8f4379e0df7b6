"""Recovery benchmark: how long the reader takes to repair each kind of index damage.

Builds the index of a generated corpus once (`bench.corpus`), then for each kind of damage
copies the healthy index, damages the copy, and times what a user runs: the search that meets
the damage (where a search is what finds it) and the plain `update()` of `reader index` that
repairs it, then checks that searching works again. Also counts the attack tests of the index
and of queries (as pytest collects them).

    python -m bench.bench_recovery --size 10000 [--kinds truncated garbled ...] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from bench.corpus import build


def _garble(index_dir: Path, library: Any) -> None:
    """Flip 16 bytes in the middle of the biggest segment file (what the start-up check does
    not see; the first search that reads them does)."""
    generation = library.generation()
    segment = max(generation.glob("*.seg"), key=lambda p: p.stat().st_size)
    data = bytearray(segment.read_bytes())
    rng = random.Random(13)
    for _ in range(64):  # 64 stretches across the file: some stored text is hit
        at = rng.randrange(12, len(data) - 16)
        data[at : at + 16] = bytes(b ^ 0x5A for b in data[at : at + 16])
    segment.write_bytes(bytes(data))


def _truncate(index_dir: Path, library: Any) -> None:
    generation = library.generation()
    segment = max(generation.glob("*.seg"), key=lambda p: p.stat().st_size)
    segment.write_bytes(segment.read_bytes()[: segment.stat().st_size // 2])


def _current(content: bytes) -> Callable[[Path, Any], None]:
    def damage(index_dir: Path, library: Any) -> None:
        (index_dir / "CURRENT").write_bytes(content)

    return damage


def _lock_folder(index_dir: Path, library: Any) -> None:
    lock = index_dir / "UPDATE.lock"
    lock.unlink(missing_ok=True)
    lock.mkdir()


def _manifest(index_dir: Path, library: Any) -> None:
    (library.generation() / "manifest.pickle").write_bytes(b"\x80\x04garbage")


def _interrupted(index_dir: Path, library: Any) -> None:
    """An update killed between the index commit and the manifest: the index moves on (one
    article re-added), the manifest is the old one."""
    generation = library.generation()
    manifest = (generation / "manifest.pickle").read_bytes()
    entry = next(iter(library.catalog()))
    path = library.articles_dir / entry.rel
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    library.update()
    (generation / "manifest.pickle").write_bytes(manifest)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


DAMAGE: dict[str, Callable[[Path, Any], None]] = {
    "current-dotdot": _current(b".."),  # CURRENT holds '..'
    "current-bytes": _current(b"\xff\xfe\x80"),  # CURRENT holds bytes that are not UTF-8
    "truncated": _truncate,  # the biggest segment file cut in half
    "garbled": _garble,  # 64 stretches of 16 bytes flipped in it
    "manifest": _manifest,  # the manifest garbled
    "interrupted": _interrupted,  # killed between the index commit and the manifest
    "lock-folder": _lock_folder,  # UPDATE.lock is a folder
}


def _time(work: Callable[[], Any]) -> tuple[float, Any]:
    began = time.perf_counter()
    found = work()
    return time.perf_counter() - began, found


QUERY = "president"


def _first_error(library: Any) -> str | None:
    """Search the commonest words of the corpus (with snippets, so stored text is read) until
    one search fails; its error (None when all 40 worked)."""
    from reader.search import search

    counts = library.vocabulary().counts
    for word in [QUERY, *sorted(counts, key=counts.__getitem__, reverse=True)[:39]]:
        error = search(library, word, limit=50).error
        if error and "index" in error:  # not a query error (a stop word)
            return str(error)
    return None


def recover(corpus: Path, workdir: Path, kinds: list[str]) -> dict[str, Any]:
    """Build once, then damage a copy of the index in each way and time the repair."""
    from reader.search import open_library, search

    healthy = workdir / "healthy"
    built, report = _time(lambda: open_library(corpus, healthy).update())
    results: dict[str, Any] = {"articles": report.added, "build_s": round(built, 1), "kinds": {}}
    for kind in kinds:
        damage = DAMAGE[kind]
        index_dir = workdir / "damaged"
        shutil.rmtree(index_dir, ignore_errors=True)
        shutil.copytree(healthy, index_dir, symlinks=True)
        library = open_library(corpus, index_dir)
        damage(index_dir, library)
        library = open_library(corpus, index_dir)
        searched, error = _time(partial(_first_error, library))
        repaired, fixed = _time(library.update)
        after = search(open_library(corpus, index_dir), QUERY)
        results["kinds"][kind] = {
            "search_s": round(searched, 2),
            "search_error": error,
            "repair_s": round(repaired, 1),
            "rebuilt": fixed.rebuilt,
            "reason": fixed.reason,
            "healthy_after": after.error is None and after.total > 0,
        }
        print(kind, results["kinds"][kind], flush=True)
    return results


def attack_cases() -> dict[str, int]:
    """How many attack cases the suite holds, by test file (collected by pytest)."""
    counts = {}
    for name in ("tests/test_attack_index.py", "tests/test_attack_queries.py"):
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "--collect-only",
                "-q",
                "-p",
                "no:cacheprovider",
                name,
            ],
            capture_output=True,
            text=True,
        )
        counts[name] = sum(1 for line in done.stdout.splitlines() if "::" in line)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--out", type=Path, help="also write the results as JSON")
    parser.add_argument("--kinds", nargs="+", choices=list(DAMAGE), default=list(DAMAGE))
    args = parser.parse_args()
    corpus = build(args.size)
    workdir = Path(tempfile.mkdtemp(prefix="reader-recovery-"))
    os.environ.setdefault("READER_CACHE_DIR", str(workdir / "cache"))
    try:
        results = {
            "size": args.size,
            **recover(corpus, workdir, args.kinds),
            "cases": attack_cases(),
        }
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    if args.out:
        args.out.write_text(json.dumps(results, indent=1))
    print(json.dumps(results))


if __name__ == "__main__":
    main()
