"""Writing a generation: what an update must read, and the index writer (in this process, or
in the build process of `reader.search.child` for big builds).

Updates are incremental: files are compared by stat data with the manifest, so an unchanged
corpus is checked without reading any article. The manifest is saved only after the index
commit, stamped with that commit, and only when the index holds as many articles as the
manifest lists.
"""

from __future__ import annotations

import queue
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
from reader.search.store import (
    MANIFEST,
    Entry,
    Manifest,
    Skipped,
    describe,
    load_words,
    mark_engine,
    save_words,
    stamp_of,
)
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


class BuildFailed(RuntimeError):
    """An index build that did not write what it was given (the generation is discarded)."""


def _load(source: SourceFile, root: Path) -> tuple[Article | None, list[Problem]]:
    """Read one article for the index; a file that cannot be loaded, or whose id the index
    cannot hold (not valid text), is skipped with the reason, never stops the update."""
    try:
        article, problems = load_article(source.path, root)
    except Exception as exc:  # one bad file must not stop the corpus
        return None, [Problem(source.path, f"cannot be read ({describe(exc)})")]
    if article is not None and not _encodable(article.id):
        reason = "its name is not valid text (UTF-8), so the index cannot hold its id"
        return None, [*problems, Problem(source.path, reason)]
    return article, problems


def _encodable(text: str) -> bool:
    """Whether text can be written as UTF-8 (names read from disk may hold raw bytes)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _guard_queue(writer: Any) -> None:
    """Make a multiprocess writer's hand-over to its workers give up when a worker has died,
    instead of waiting for ever for room in the queue only the workers empty."""
    jobs = getattr(writer, "jobqueue", None)
    if jobs is None:
        return
    put = jobs.put

    def guarded(item: Any, block: bool = True, timeout: float | None = None) -> None:
        while True:
            try:
                put(item, True, 1.0)
                return
            except queue.Full:
                _check_workers(writer)

    jobs.put = guarded


def _check_workers(writer: Any) -> None:
    """Raise when an index worker process of a multiprocess writer has died (a full disk
    kills them): Whoosh would otherwise wait for it for ever, or commit without its part."""
    for task in getattr(writer, "tasks", ()):
        if task.exitcode not in (None, 0):
            raise BuildFailed(f"an index worker stopped (exit code {task.exitcode})")


class Writer:
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
            _guard_queue(writer)
        else:
            # No Whoosh write lock: the caller holds the update lock, and a writer that fails
            # to start (a full disk) would keep Whoosh's lock until it is garbage collected.
            writer = ix.writer(limitmb=128, _lk=False)
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
                _check_workers(writer)
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
        self.manifest.stamp = stamp_of(ix)
        if self.manifest.stamp.documents != len(self.manifest.entries):
            raise BuildFailed(
                f"the index holds {self.manifest.stamp.documents:,} articles where "
                f"{len(self.manifest.entries):,} were written"
            )
        return Counts(stopped, self.added, self.changed, len(self.plan.deleted))

    def _write_one(self, writer: Any, source: SourceFile) -> None:
        """Read one file and index its article, or record why it is skipped."""
        article, problems = _load(source, self.articles_dir)
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


def open_index(engine: str, generation: Path, create: bool) -> Any:
    """A generation's index for writing, created (and marked with its engine) or opened:
    Whoosh's, or tantivy's (`reader.search.tantivy_index`)."""
    if engine == "tantivy":
        from reader.search.tantivy_index import TantivyIndex

        if create:
            mark_engine(generation, engine)
        return TantivyIndex(generation, create)
    if create:
        return whoosh_index.create_in(str(generation), schema())
    return whoosh_index.open_dir(str(generation))


def write_in_process(
    articles_dir: Path,
    generation: Path,
    manifest: Manifest,
    plan: Plan,
    progress: ProgressCallback,
    should_stop: StopCallback,
    engine: str = "whoosh",
) -> Written:
    """Index the plan's files into generation (new or live) and save its manifest."""
    ix = open_index(engine, generation, plan.rebuild_reason is not None)
    if plan.rebuild_reason is not None:
        words: Counter[str] = Counter()
    else:
        words = load_words(generation)
        manifest = manifest.copy()
    writer = Writer(articles_dir, manifest, words, plan)
    try:
        counts = writer.write(ix, progress, should_stop)
    finally:
        ix.close()
    manifest.save(generation / MANIFEST)
    save_words(generation, words)
    return Written(counts, writer.problems)
