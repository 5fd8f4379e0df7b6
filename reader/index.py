"""The full-text index of a corpus: schema, analysis, incremental updates, corruption and locks.

Each corpus gets its own index folder (in the user's cache folder by default, never in the
articles folder). The folder holds generations: `CURRENT` names the live one, a subfolder with
the Whoosh index, a manifest (every article's id, file stat data, title, outlet, date and
digest, plus the files skipped and why) and the vocabulary of words as written (for spelling
suggestions). Updates are incremental: files are compared by stat data with the manifest, so an
unchanged corpus is checked without reading any article. A rebuild (first build, format
change, corrupt index, or on request) is written aside into a new generation and swapped in by
replacing `CURRENT`, so a crash mid-build leaves the old index intact. One `reader` at a time
updates an index (`UPDATE.lock`); others keep searching the live generation.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import pickle
import re
import shutil
import subprocess
import sys
import threading
import time
import unicodedata
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from hashlib import blake2b
from pathlib import Path
from typing import NamedTuple

from whoosh import index as whoosh_index
from whoosh.analysis import Analyzer, Token
from whoosh.analysis.filters import STOP_WORDS
from whoosh.fields import ID, STORED, TEXT, Schema
from whoosh.formats import Positions
from whoosh.lang.porter import stem
from whoosh.util.filelock import FileLock

from reader.config import cache_dir
from reader.corpus import (
    Article,
    ArticleNotFound,
    Problem,
    SourceFile,
    find_article,
    load_article,
    scan,
)
from reader.text import fold_marks as fold

FORMAT_VERSION = 4
"""Bump when the schema, the analysis or the manifest changes: existing indexes are rebuilt."""

CURRENT = "CURRENT"
MANIFEST = "manifest.pickle"
WORDS = "words.json"
LOCK = "UPDATE.lock"
STOP = "STOP"
MULTIPROCESS_MIN = 1000
"""Builds of at least this many articles run in a child process with two index workers."""


# ---------------------------------------------------------------------------- analysis

WORD = re.compile(r"\w+(?:\.?\w+)*")
"""What the index counts as a word."""
_STOP = frozenset(STOP_WORDS)
_TERMS: dict[str, str | None] = {}
_TERMS_MAX = 500_000


def term(word: str) -> str | None:
    """The index term of one word as written: case- and accent-folded, Porter-stemmed.

    None for a word the index leaves out (stop words and single characters).
    """
    found = _TERMS.get(word, "")
    if found != "":
        return found
    lowered = word.lower()
    if len(lowered) < 2 or lowered in _STOP:
        result = None
    else:
        if not lowered.isascii():
            lowered = "".join(
                c for c in unicodedata.normalize("NFKD", lowered) if not unicodedata.combining(c)
            )
        result = stem(lowered)
    if len(_TERMS) >= _TERMS_MAX:
        _TERMS.clear()
    _TERMS[word] = result
    return result


def tokens(text: str, start: int = 0) -> Iterator[tuple[str, int, int]]:
    """(term, start, end) for each indexed word of text from start; offsets index into text."""
    for match in WORD.finditer(text, start):
        found = term(match.group())
        if found is not None:
            yield found, match.start(), match.end()


def terms(text: str) -> list[str]:
    """The index terms of text, in order (what a field stores, positions are list indices)."""
    get = _TERMS.get
    result = []
    for word in WORD.findall(text):
        found = get(word, "")
        if found == "":
            found = term(word)
        if found is not None:
            result.append(found)
    return result


def raw_words(text: str) -> set[str]:
    """The distinct words of text as written (lowercased, letters only, 3+ characters)."""
    return {w for w in WORD.findall(text.lower()) if len(w) > 2 and w.isalpha()}


class LeanAnalyzer(Analyzer):
    """Tokenise, fold, drop stop words and stem in one pass with a shared term cache.

    Equivalent to Whoosh's StemmingAnalyzer plus accent folding, without a filter chain.
    """

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: object,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        pos = start_pos
        for text, start, end in tokens(value):
            token.text, token.boost, token.stopped = text, 1.0, False
            if keeporiginal:
                token.original = value[start:end]
            if positions:
                token.pos = pos
            if chars:
                token.startchar, token.endchar = start_char + start, start_char + end
            pos += 1
            yield token


class LeanPositions(Positions):
    """Positions postings computed straight from `terms()`, without Token objects."""

    def word_values(self, value: str, analyzer: object, **kwargs: object):
        poses: dict[str, list[int]] = {}
        for pos, text in enumerate(terms(value)):
            found = poses.get(text)
            if found is None:
                poses[text] = [pos]
            else:
                found.append(pos)
        boost = self.field_boost
        for text, poslist in poses.items():
            yield text, len(poslist), len(poslist) * boost, self.encode(poslist)


def _text_field(boost: float = 1.0, stored: bool = False) -> TEXT:
    field = TEXT(analyzer=LeanAnalyzer(), stored=stored, field_boost=boost)
    field.format = LeanPositions(field_boost=boost)
    return field


def fold_name(name: str) -> str:
    """An outlet name folded for matching: lower case, no accents, plain punctuation."""
    folded = unicodedata.normalize("NFKD", fold(name).casefold())
    return "".join(c for c in folded if not unicodedata.combining(c))


def schema() -> Schema:
    """The index schema: title (boosted) and body (title and text) stemmed; the outlet's
    folded name and the date as sortable columns (filters read them); id unique; the cleaned
    text stored for snippets and more-like-this."""
    return Schema(
        id=ID(stored=True, unique=True),
        path=STORED(),
        title=_text_field(2.0, stored=True),
        body=_text_field(),
        text=STORED(),
        outlet=STORED(),
        outlet_name=ID(sortable=True),
        date=ID(stored=True, sortable=True),
    )


# ---------------------------------------------------------------------------- public types


@dataclass(frozen=True, slots=True)
class CatalogEntry:
    """One indexed article's metadata."""

    id: str
    title: str
    outlet: str | None
    date: str | None
    rel: str
    """The file's path below the articles folder (a string: 50,000 Path objects cost start-up)."""


@dataclass(frozen=True, slots=True)
class Progress:
    """How far an update has got: articles done of total, articles/s, seconds left."""

    done: int
    total: int
    rate: float
    eta: float | None


@dataclass(frozen=True, slots=True)
class UpdateReport:
    """What an update did. `reason` says why a rebuild happened (None when it did not)."""

    added: int
    changed: int
    deleted: int
    unchanged: int
    problems: list[Problem]
    rebuilt: bool
    reason: str | None
    seconds: float

    @property
    def indexed(self) -> int:
        """Articles written to the index by this update."""
        return self.added + self.changed


class IndexUnavailable(RuntimeError):
    """The index cannot be searched (missing, damaged, or being built by another reader)."""


# ---------------------------------------------------------------------------- manifest


class _Entry(NamedTuple):
    id: str
    rel: str
    mtime_ns: int
    size: int
    title: str
    outlet: str | None
    date: str | None
    digest: str
    warnings: list[str]


@dataclass(slots=True)
class _Manifest:
    """Every indexed file's stat data and metadata, and the files skipped (with reasons).

    Stored with pickle, like Whoosh's own table of contents: four times faster to load than
    JSON at 50,000 articles, and written only by the reader into its own cache folder.
    """

    version: int
    entries: dict[str, _Entry]
    skipped: dict[str, tuple[int, int, list[str]]]

    @classmethod
    def empty(cls) -> _Manifest:
        return cls(FORMAT_VERSION, {}, {})

    @classmethod
    def load(cls, path: Path) -> _Manifest:
        version, rows, skipped = pickle.loads(path.read_bytes())
        make = _Entry._make
        return cls(int(version), {row[0]: make(row) for row in rows}, dict(skipped))

    def save(self, path: Path) -> None:
        rows = [tuple(entry) for entry in self.entries.values()]
        data = pickle.dumps((self.version, rows, list(self.skipped.items())), protocol=4)
        tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def default_index_dir(articles_dir: Path) -> Path:
    """The index folder of a corpus: `<cache>/indexes/<folder name>-<hash of its path>`."""
    resolved = Path(articles_dir).expanduser().resolve()
    slug = re.sub(r"[^a-z0-9]+", "-", resolved.name.lower()).strip("-")[:40] or "corpus"
    digest = blake2b(str(resolved).encode("utf-8"), digest_size=6).hexdigest()
    return cache_dir() / "indexes" / f"{slug}-{digest}"


# ---------------------------------------------------------------------------- the library


@dataclass(slots=True)
class _Plan:
    load: list[SourceFile]
    unchanged: int
    deleted: list[str]
    rebuild_reason: str | None


class Library:
    """A corpus folder and its index: catalog, incremental updates, article loading."""

    def __init__(self, articles_dir: Path, index_dir: Path) -> None:
        self.articles_dir = articles_dir
        self.index_dir = index_dir
        self.problems: list[Problem] = []
        self._lock = threading.RLock()
        self._manifest: _Manifest | None = None
        self._manifest_key: tuple[str, int] | None = None
        self._catalog: tuple[tuple[str, int] | None, list[CatalogEntry]] | None = None
        self._searcher = None
        self._searcher_generation: str | None = None

    @classmethod
    def open(cls, articles_dir: Path, index_dir: Path | None = None) -> Library:
        """A library for a corpus folder; fast: nothing is scanned or read yet."""
        articles_dir = Path(articles_dir).expanduser().resolve()
        index_dir = Path(index_dir).expanduser() if index_dir else default_index_dir(articles_dir)
        return cls(articles_dir, index_dir.resolve())

    # ------------------------------------------------------------------ reading state

    def generation(self) -> Path | None:
        """The live index generation's folder, or None when there is no index yet."""
        try:
            name = (self.index_dir / CURRENT).read_text(encoding="utf-8").strip()
        except OSError:
            return None
        folder = self.index_dir / name
        return folder if name and "/" not in name and folder.is_dir() else None

    def _load_manifest(self, generation: Path) -> _Manifest:
        path = generation / MANIFEST
        stat = path.stat()
        key = (str(path), stat.st_mtime_ns)
        with self._lock:
            if self._manifest is None or self._manifest_key != key:
                self._manifest = _Manifest.load(path)
                self._manifest_key = key
            return self._manifest

    def catalog(self) -> list[CatalogEntry]:
        """Every indexed article's metadata (from the manifest; empty without an index)."""
        generation = self.generation()
        if generation is None:
            return []
        try:
            manifest = self._load_manifest(generation)
        except Exception:  # a damaged manifest: no catalog until the rebuild
            return []
        with self._lock:
            if self._catalog is None or self._catalog[0] != self._manifest_key:
                entries = [
                    CatalogEntry(e.id, e.title, e.outlet, e.date, e.rel)
                    for e in manifest.entries.values()
                ]
                self._catalog = (self._manifest_key, entries)
            return list(self._catalog[1])

    def health(self) -> str | None:
        """Why the live index cannot be used (missing, wrong version, damaged), or None."""
        generation = self.generation()
        if generation is None:
            return "no index yet"
        try:
            manifest = self._load_manifest(generation)
        except Exception as exc:  # a damaged pickle raises many types
            return f"index was corrupt: manifest unreadable ({type(exc).__name__})"
        if manifest.version != FORMAT_VERSION:
            return f"index format changed (version {manifest.version} -> {FORMAT_VERSION})"
        return _damage(generation)

    def needs_update(self) -> bool:
        """Whether files were added, changed or deleted, or the index is missing, outdated or
        damaged. Uses file stat data only; no article is read."""
        if self.health() is not None:
            return True
        manifest = self._load_manifest(self.generation())
        plan = self._plan(manifest)
        return bool(plan.load or plan.deleted)

    def _plan(self, manifest: _Manifest, rebuild_reason: str | None = None) -> _Plan:
        root = self.articles_dir
        if root.is_dir():
            files, problems = scan(root)
        else:
            files, problems = (
                [],
                [
                    Problem(
                        root, "articles folder not found" if not root.exists() else "not a folder"
                    )
                ],
            )
        load: list[SourceFile] = []
        unchanged = 0
        entries, skipped_files = manifest.entries, manifest.skipped
        seen: set[str] = set()
        for source in files:
            ident, rel, mtime_ns, size = source.id, source.rel, source.mtime_ns, source.size
            entry = entries.get(ident)
            seen.add(ident)
            if (
                rebuild_reason is None
                and entry is not None
                and entry.rel == rel
                and entry.mtime_ns == mtime_ns
                and entry.size == size
            ):
                unchanged += 1
                if entry.warnings:
                    problems += [Problem(root / rel, w, "warning") for w in entry.warnings]
                continue
            skipped = skipped_files.get(rel)
            if (
                rebuild_reason is None
                and skipped is not None
                and entry is None
                and skipped[:2] == (mtime_ns, size)
            ):
                problems += [Problem(root / rel, r) for r in skipped[2]]
            else:
                load.append(source)
        deleted = [] if rebuild_reason else [i for i in entries if i not in seen]
        self.problems = problems
        return _Plan(load, unchanged, deleted, rebuild_reason)

    # ------------------------------------------------------------------ updating

    def update(
        self,
        progress: Callable[[Progress], None] | None = None,
        should_stop: Callable[[], bool] | None = None,
        rebuild: bool = False,
    ) -> UpdateReport:
        """Bring the index up to date with the articles folder: index new and changed files,
        remove deleted ones, rebuild aside when the index is missing, outdated or damaged (or
        when asked). Never raises for a lock held by another reader: the report says so and
        the live index stays searchable. `should_stop` is polled between articles."""
        started = time.perf_counter()
        self.index_dir.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(self.index_dir / LOCK))
        if not lock.acquire(blocking=False):
            problem = Problem(
                self.index_dir,
                "another reader is updating this index; searching the index as it is",
                "warning",
            )
            return UpdateReport(0, 0, 0, 0, [problem], False, None, time.perf_counter() - started)
        try:
            return self._update_locked(progress, should_stop, rebuild, started)
        finally:
            lock.release()

    def _update_locked(self, progress, should_stop, rebuild, started) -> UpdateReport:
        reason = self.health()
        if reason is None and rebuild:
            reason = "rebuild requested"
        old = self.generation()
        self._remove_stale_generations(old)
        manifest = _Manifest.empty() if reason else self._load_manifest(old)
        plan = self._plan(manifest, reason)
        if reason is None and not plan.load and not plan.deleted:
            return UpdateReport(
                0,
                0,
                0,
                plan.unchanged,
                list(self.problems),
                False,
                None,
                time.perf_counter() - started,
            )
        if reason is not None:
            stamp = time.strftime("%Y%m%d%H%M%S")
            generation = self.index_dir / f"g-{stamp}-{uuid.uuid4().hex[:6]}"
            generation.mkdir()
        else:
            generation = old
        try:
            if reason is not None and len(plan.load) >= MULTIPROCESS_MIN:
                counts = self._build_in_child(generation, plan, progress, should_stop)
            else:
                counts = self._write_in_process(generation, manifest, plan, progress, should_stop)
        except BaseException:
            if generation != old:
                shutil.rmtree(generation, ignore_errors=True)
            raise
        stopped, added, changed, deleted = counts
        usable_old = old is not None and (reason == "rebuild requested")
        if generation != old and stopped and usable_old:
            shutil.rmtree(generation, ignore_errors=True)
            return UpdateReport(
                0,
                0,
                0,
                plan.unchanged,
                list(self.problems),
                False,
                "stopped before the rebuild finished; the old index is kept",
                time.perf_counter() - started,
            )
        if generation != old:
            _write_atomic(self.index_dir / CURRENT, generation.name)
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
        with self._lock:
            self._searcher_generation = None
        return UpdateReport(
            added,
            changed,
            deleted,
            plan.unchanged,
            list(self.problems),
            reason is not None,
            reason,
            time.perf_counter() - started,
        )

    def _write_in_process(
        self, generation: Path, manifest: _Manifest, plan: _Plan, progress, should_stop
    ) -> tuple[bool, int, int, int]:
        """Index the plan's files into generation (new or live) and save its manifest."""
        if plan.rebuild_reason is not None:
            ix = whoosh_index.create_in(str(generation), schema())
            words: Counter[str] = Counter()
        else:
            ix = whoosh_index.open_dir(str(generation))
            words = _load_words(generation)
            manifest = _Manifest(manifest.version, dict(manifest.entries), dict(manifest.skipped))
        try:
            counts = self._write(ix, manifest, words, plan, progress, should_stop)
        finally:
            ix.close()
        manifest.save(generation / MANIFEST)
        _write_atomic(generation / WORDS, json.dumps(words, separators=(",", ":")))
        return counts

    def _build_in_child(
        self, generation: Path, plan: _Plan, progress, should_stop
    ) -> tuple[bool, int, int, int]:
        """Run a big build in a fresh `python` process (which may fork index workers): it
        uses both cores and leaves the calling process (the interface) responsive."""
        if should_stop is not None and should_stop():
            return True, 0, 0, 0
        job = {
            "articles_dir": str(self.articles_dir),
            "index_dir": str(self.index_dir),
            "generation": str(generation),
            "files": [[f.rel, f.id, f.mtime_ns, f.size] for f in plan.load],
        }
        child = subprocess.Popen(
            [sys.executable, "-c", "import reader.index as i; i._child()"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        stop_file = generation / STOP
        errors: list[str] = []
        reader_thread = threading.Thread(
            target=lambda: errors.append(child.stderr.read()), daemon=True
        )
        reader_thread.start()
        try:
            child.stdin.write(json.dumps(job))
            child.stdin.close()
            result = None
            for line in child.stdout:
                message = json.loads(line)
                if "progress" in message and progress is not None:
                    done, total, rate, eta = message["progress"]
                    progress(Progress(done, total, rate, eta))
                elif "result" in message:
                    result = message
                if should_stop is not None and should_stop() and not stop_file.exists():
                    stop_file.touch()
            child.wait()
        except BaseException:
            child.kill()
            child.wait()
            raise
        reader_thread.join(timeout=5)
        if child.returncode != 0 or result is None:
            tail = (errors[0] if errors else "").strip().splitlines()[-1:]
            raise RuntimeError(f"the index build failed ({'; '.join(tail) or child.returncode})")
        self.problems += [Problem(Path(p), r, sev) for p, r, sev in result["problems"]]
        stopped, added, changed, deleted, unchanged = result["result"]
        plan.unchanged += unchanged
        return stopped, added, changed, deleted

    def _write(
        self,
        ix,
        manifest: _Manifest,
        words: Counter[str],
        plan: _Plan,
        progress,
        should_stop,
        procs: int = 1,
    ) -> tuple[bool, int, int, int]:
        if procs > 1:
            writer = ix.writer(procs=procs, limitmb=128, multisegment=True)
        else:
            writer = ix.writer(limitmb=128, timeout=5.0)
        rebuilding = plan.rebuild_reason is not None
        added = changed = 0
        stopped = False
        total = len(plan.load)
        began = last = time.perf_counter()
        try:
            for deleted in plan.deleted:
                writer.delete_by_term("id", deleted)
                manifest.entries.pop(deleted, None)
            for done, source in enumerate(plan.load, 1):
                if should_stop is not None and should_stop():
                    stopped = True
                    break
                rel = source.rel
                article, problems = load_article(source.path, self.articles_dir)
                self.problems += problems
                previous = manifest.entries.get(source.id)
                if article is None:
                    manifest.skipped[rel] = (
                        source.mtime_ns,
                        source.size,
                        [p.reason for p in problems if p.severity == "error"],
                    )
                    if previous is not None:
                        writer.delete_by_term("id", source.id)
                        del manifest.entries[source.id]
                        plan.deleted.append(source.id)
                else:
                    manifest.skipped.pop(rel, None)
                    warnings = [p.reason for p in problems]
                    entry = _Entry(
                        article.id,
                        rel,
                        source.mtime_ns,
                        source.size,
                        article.title,
                        article.outlet,
                        article.date,
                        article.digest,
                        warnings,
                    )
                    if previous is not None and previous.digest == article.digest:
                        plan.unchanged += 1
                    else:
                        document = _document(article, rel)
                        if rebuilding:
                            writer.add_document(**document)
                        else:
                            writer.update_document(**document)
                        words.update(raw_words(article.title + "\n" + article.text))
                        if previous is None:
                            added += 1
                        else:
                            changed += 1
                    manifest.entries[source.id] = entry
                now = time.perf_counter()
                if progress is not None and (now - last >= 0.2 or done == total):
                    last = now
                    rate = done / (now - began) if now > began else 0.0
                    progress(
                        Progress(done, total, rate, (total - done) / rate if rate > 0 else None)
                    )
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
        return stopped, added, changed, len(plan.deleted)

    def _remove_stale_generations(self, live: Path | None) -> None:
        for child in self.index_dir.iterdir():
            if child.is_dir() and child.name.startswith("g-") and child != live:
                shutil.rmtree(child, ignore_errors=True)

    # ------------------------------------------------------------------ reading

    def article(self, article_id: str) -> Article:
        """Load and clean one article by id (raises ArticleNotFound)."""
        generation = self.generation()
        entry = None
        if generation is not None:
            try:
                entry = self._load_manifest(generation).entries.get(article_id)
            except Exception:  # a damaged manifest: look the id up in the folder
                entry = None
        if entry is not None:
            article, problems = load_article(self.articles_dir / entry.rel, self.articles_dir)
            if article is None:
                raise ArticleNotFound("; ".join(str(p) for p in problems))
            return article
        return find_article(article_id, self.articles_dir)

    def searcher(self):
        """A Whoosh searcher on the live generation, reused until the index changes.

        Raises IndexUnavailable when there is no usable index. Callers hold `self.lock`.
        """
        generation = self.generation()
        if generation is None:
            raise IndexUnavailable("no index yet: run `reader index`")
        if self._searcher is not None and self._searcher_generation == str(generation):
            if self._searcher.up_to_date():
                return self._searcher
            self._searcher = self._searcher.refresh()
            return self._searcher
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None
        try:
            ix = whoosh_index.open_dir(str(generation))
            self._searcher = ix.searcher()
            self._searcher.reader().doc_count()
        except Exception as exc:  # Whoosh raises many types for damaged files
            raise IndexUnavailable(
                f"the index is damaged ({_describe(exc)}); run `reader index` to rebuild it"
            ) from exc
        self._searcher_generation = str(generation)
        return self._searcher

    @property
    def lock(self) -> threading.RLock:
        """Serialises use of the shared searcher between threads."""
        return self._lock

    def vocabulary(self) -> Counter[str]:
        """Words as written in the indexed articles, with how many articles used them.

        Counts are approximate after changes and deletions (they only grow until a rebuild);
        use them to rank suggestions, and check a suggestion against the index.
        """
        generation = self.generation()
        return _load_words(generation) if generation is not None else Counter()

    def close(self) -> None:
        """Release the open searcher (files stay closed until the next search)."""
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
            self._searcher = None
            self._searcher_generation = None


def _document(article: Article, rel: str) -> dict[str, str]:
    document = {
        "id": article.id,
        "path": rel,
        "title": article.title,
        "body": f"{article.title}\n\n{article.text}",
        "text": article.text,
    }
    if article.outlet:
        document["outlet"] = article.outlet
        document["outlet_name"] = fold_name(article.outlet)
    if article.date:
        document["date"] = article.date
    return document


def _child() -> None:
    """The build process started by `Library._build_in_child`: reads the job from stdin,
    writes the index, manifest and vocabulary into the new generation, reports on stdout."""
    job = json.loads(sys.stdin.read())
    library = Library(Path(job["articles_dir"]), Path(job["index_dir"]))
    generation = Path(job["generation"])
    files = [SourceFile(library.articles_dir, r, i, m, s) for r, i, m, s in job["files"]]
    plan = _Plan(files, 0, [], "build")
    manifest, words = _Manifest.empty(), Counter()
    stop_file = generation / STOP

    def report(p: Progress) -> None:
        print(json.dumps({"progress": [p.done, p.total, p.rate, p.eta]}), flush=True)

    forkable = "fork" in multiprocessing.get_all_start_methods() and (os.cpu_count() or 1) > 1
    if forkable:  # this process has one thread, so forking index workers is safe
        multiprocessing.set_start_method("fork", force=True)
    ix = whoosh_index.create_in(str(generation), schema())
    try:
        counts = library._write(
            ix, manifest, words, plan, report, stop_file.exists, procs=2 if forkable else 1
        )
    finally:
        ix.close()
    manifest.save(generation / MANIFEST)
    _write_atomic(generation / WORDS, json.dumps(words, separators=(",", ":")))
    problems = [[str(p.path), p.reason, p.severity] for p in library.problems]
    print(json.dumps({"result": [*counts, plan.unchanged], "problems": problems}), flush=True)


def _load_words(generation: Path) -> Counter[str]:
    try:
        return Counter(json.loads((generation / WORDS).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return Counter()


def _damage(generation: Path) -> str | None:
    """Why a generation's Whoosh files are unusable, from its table of contents and a listing
    of its files; None when they look whole."""
    try:
        ix = whoosh_index.open_dir(str(generation))
    except Exception as exc:  # a truncated or garbled TOC raises struct/pickle/EOF errors
        return f"index was corrupt: {_describe(exc)}"
    try:
        names = set(os.listdir(generation))
        for segment in ix._segments():
            prefix = segment.segment_id()
            wanted = {prefix + ".seg"} if segment.is_compound() else None
            if (
                wanted is not None
                and not wanted <= names
                or not any(name.startswith(prefix) for name in names)
            ):
                return f"index was corrupt: segment files {prefix}.* are missing"
    except Exception as exc:
        return f"index was corrupt: {_describe(exc)}"
    finally:
        ix.close()
    return None


def _describe(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
