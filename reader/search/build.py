"""Writing a generation: what an update must read, and the index writer (in this process or in
a child process for big builds).

Updates are incremental: files are compared by stat data with the manifest, so an unchanged
corpus is checked without reading any article. A build of many articles runs in a fresh
`python` process (`child`), which may fork two index workers: it uses both cores and leaves
the calling process (the interface) responsive.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from whoosh import index as whoosh_index

from reader.corpus import Article, Problem, SourceFile, load_article, scan
from reader.search.analysis import raw_words
from reader.search.engine import Progress
from reader.search.store import MANIFEST, STOP, Entry, Manifest, Skipped, load_words, save_words
from reader.search.whoosh_schema import document, schema

ProgressCallback = Callable[[Progress], None] | None
StopCallback = Callable[[], bool] | None


@dataclass(slots=True)
class Plan:
    """What an update does: the files to read, how many are unchanged, the ids to delete, and
    why it rebuilds (None for an incremental update)."""

    load: list[SourceFile]
    unchanged: int
    deleted: list[str]
    rebuild_reason: str | None


class Counts(NamedTuple):
    """What a write did, and whether it was stopped before the end."""

    stopped: bool
    added: int
    changed: int
    deleted: int


@dataclass(slots=True)
class Written:
    """The counts of a write and the problems its articles had."""

    counts: Counts
    problems: list[Problem] = field(default_factory=list)


def plan(root: Path, manifest: Manifest, rebuild_reason: str | None) -> tuple[Plan, list[Problem]]:
    """Compare the articles folder with a manifest (stat data only), and the problems found:
    the folder's, and those recorded for unchanged files."""
    if root.is_dir():
        files, problems = scan(root)
    else:
        reason = "articles folder not found" if not root.exists() else "not a folder"
        files, problems = [], [Problem(root, reason)]
    load: list[SourceFile] = []
    unchanged = 0
    seen: set[str] = set()
    for source in files:
        entry = manifest.entries.get(source.id)
        seen.add(source.id)
        if rebuild_reason is None and _unchanged(entry, source):
            assert entry is not None
            unchanged += 1
            problems += [Problem(root / source.rel, w, "warning") for w in entry.warnings]
            continue
        skipped = manifest.skipped.get(source.rel)
        if (
            rebuild_reason is None
            and skipped is not None
            and entry is None
            and (skipped.mtime_ns, skipped.size) == (source.mtime_ns, source.size)
        ):
            problems += [Problem(root / source.rel, r) for r in skipped.reasons]
        else:
            load.append(source)
    deleted = [] if rebuild_reason else [i for i in manifest.entries if i not in seen]
    return Plan(load, unchanged, deleted, rebuild_reason), problems


def _unchanged(entry: Entry | None, source: SourceFile) -> bool:
    """Whether a file has the path and stat data its manifest entry recorded."""
    return (
        entry is not None
        and entry.rel == source.rel
        and entry.mtime_ns == source.mtime_ns
        and entry.size == source.size
    )


# ---------------------------------------------------------------------------- writing


class _Writer:
    """Writes a plan's files into an open Whoosh index, its manifest and its vocabulary."""

    def __init__(
        self, articles_dir: Path, manifest: Manifest, words: Counter[str], plan: Plan
    ) -> None:
        self.articles_dir = articles_dir
        self.manifest = manifest
        self.words = words
        self.plan = plan
        self.problems: list[Problem] = []
        self.added = self.changed = 0

    def write(
        self, ix: Any, progress: ProgressCallback, should_stop: StopCallback, procs: int = 1
    ) -> Counts:
        """Write every file of the plan (until should_stop says so) and commit."""
        if procs > 1:
            writer = ix.writer(procs=procs, limitmb=128, multisegment=True)
        else:
            writer = ix.writer(limitmb=128, timeout=5.0)
        stopped = False
        total = len(self.plan.load)
        began = last = time.perf_counter()
        try:
            for deleted in self.plan.deleted:
                writer.delete_by_term("id", deleted)
                self.manifest.entries.pop(deleted, None)
            for done, source in enumerate(self.plan.load, 1):
                if should_stop is not None and should_stop():
                    stopped = True
                    break
                self._write_one(writer, source)
                now = time.perf_counter()
                if progress is not None and (now - last >= 0.2 or done == total):
                    last = now
                    rate = done / (now - began) if now > began else 0.0
                    eta = (total - done) / rate if rate > 0 else None
                    progress(Progress(done, total, rate, eta))
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
        return Counts(stopped, self.added, self.changed, len(self.plan.deleted))

    def _write_one(self, writer: Any, source: SourceFile) -> None:
        """Read one file and index its article, or record why it is skipped."""
        article, problems = load_article(source.path, self.articles_dir)
        self.problems += problems
        entries = self.manifest.entries
        previous = entries.get(source.id)
        if article is None:
            reasons = [p.reason for p in problems if p.severity == "error"]
            self.manifest.skipped[source.rel] = Skipped(source.mtime_ns, source.size, reasons)
            if previous is not None:
                writer.delete_by_term("id", source.id)
                del entries[source.id]
                self.plan.deleted.append(source.id)
            return
        self.manifest.skipped.pop(source.rel, None)
        if previous is not None and previous.digest == article.digest:
            self.plan.unchanged += 1
        else:
            self._add(writer, article, source.rel, replace=previous is not None)
        entries[source.id] = Entry(
            article.id,
            source.rel,
            source.mtime_ns,
            source.size,
            article.title,
            article.outlet,
            article.date,
            article.digest,
            [p.reason for p in problems],
        )

    def _add(self, writer: Any, article: Article, rel: str, replace: bool) -> None:
        fields = document(article, rel)
        if self.plan.rebuild_reason is not None:
            writer.add_document(**fields)
        else:
            writer.update_document(**fields)
        self.words.update(raw_words(article.title + "\n" + article.text))
        if replace:
            self.changed += 1
        else:
            self.added += 1


def write_in_process(
    articles_dir: Path,
    generation: Path,
    manifest: Manifest,
    plan: Plan,
    progress: ProgressCallback,
    should_stop: StopCallback,
) -> Written:
    """Index the plan's files into generation (new or live) and save its manifest."""
    if plan.rebuild_reason is not None:
        ix = whoosh_index.create_in(str(generation), schema())
        words: Counter[str] = Counter()
    else:
        ix = whoosh_index.open_dir(str(generation))
        words = load_words(generation)
        manifest = manifest.copy()
    writer = _Writer(articles_dir, manifest, words, plan)
    try:
        counts = writer.write(ix, progress, should_stop)
    finally:
        ix.close()
    manifest.save(generation / MANIFEST)
    save_words(generation, words)
    return Written(counts, writer.problems)


# ---------------------------------------------------------------------------- child process


def build_in_child(
    articles_dir: Path,
    generation: Path,
    plan: Plan,
    progress: ProgressCallback,
    should_stop: StopCallback,
) -> Written:
    """Run a big build in a fresh `python` process (which may fork index workers)."""
    if should_stop is not None and should_stop():
        return Written(Counts(True, 0, 0, 0))
    job = {
        "articles_dir": str(articles_dir),
        "generation": str(generation),
        "files": [[f.rel, f.id, f.mtime_ns, f.size] for f in plan.load],
    }
    child_process = subprocess.Popen(
        [sys.executable, "-c", "import reader.search.build as b; b.child()"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    errors: list[str] = []
    stderr, stdin, stdout = child_process.stderr, child_process.stdin, child_process.stdout
    assert stderr is not None and stdin is not None and stdout is not None
    reader_thread = threading.Thread(target=lambda: errors.append(stderr.read()), daemon=True)
    reader_thread.start()
    try:
        stdin.write(json.dumps(job))
        stdin.close()
        result = _follow(stdout, generation / STOP, progress, should_stop)
        child_process.wait()
    except BaseException:
        child_process.kill()
        child_process.wait()
        raise
    reader_thread.join(timeout=5)
    if child_process.returncode != 0 or result is None:
        tail = (errors[0] if errors else "").strip().splitlines()[-1:]
        code = child_process.returncode
        raise RuntimeError(f"the index build failed ({'; '.join(tail) or code})")
    problems = [Problem(Path(p), r, sev) for p, r, sev in result["problems"]]
    stopped, added, changed, deleted, unchanged = result["result"]
    plan.unchanged += unchanged
    return Written(Counts(stopped, added, changed, deleted), problems)


def _follow(
    lines: Any, stop_file: Path, progress: ProgressCallback, should_stop: StopCallback
) -> dict[str, Any] | None:
    """Relay the child's progress messages; touch its stop file when asked to stop; its
    result message (None if it sent none)."""
    result = None
    for line in lines:
        message = json.loads(line)
        if "progress" in message and progress is not None:
            done, total, rate, eta = message["progress"]
            progress(Progress(done, total, rate, eta))
        elif "result" in message:
            result = message
        if should_stop is not None and should_stop() and not stop_file.exists():
            stop_file.touch()
    return result


def child() -> None:
    """The build process started by `build_in_child`: reads the job from stdin, writes the
    index, manifest and vocabulary into the new generation, reports on stdout."""
    job = json.loads(sys.stdin.read())
    articles_dir = Path(job["articles_dir"])
    generation = Path(job["generation"])
    files = [SourceFile(articles_dir, r, i, m, s) for r, i, m, s in job["files"]]
    plan = Plan(files, 0, [], "build")
    manifest, words = Manifest.empty(), Counter[str]()
    stop_file = generation / STOP

    def report(p: Progress) -> None:
        print(json.dumps({"progress": [p.done, p.total, p.rate, p.eta]}), flush=True)

    forkable = "fork" in multiprocessing.get_all_start_methods() and (os.cpu_count() or 1) > 1
    if forkable:  # this process has one thread, so forking index workers is safe
        multiprocessing.set_start_method("fork", force=True)
    ix = whoosh_index.create_in(str(generation), schema())
    writer = _Writer(articles_dir, manifest, words, plan)
    try:
        counts = writer.write(ix, report, stop_file.exists, procs=2 if forkable else 1)
    finally:
        ix.close()
    manifest.save(generation / MANIFEST)
    save_words(generation, words)
    problems = [[str(p.path), p.reason, p.severity] for p in writer.problems]
    print(json.dumps({"result": [*counts, plan.unchanged], "problems": problems}), flush=True)
