"""The Whoosh engine: a `Library` (see `reader.search.engine`) kept in a Whoosh index.

Updates are incremental; a rebuild (first build, format change, corrupt index, or on request)
is written aside into a new generation and swapped in (see `reader.search.store`). Builds of
at least `MULTIPROCESS_MIN` articles run in a child process with two index workers.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from whoosh import collectors
from whoosh.filedb.filestore import FileStorage
from whoosh.sorting import FieldFacet, ScoreFacet

from reader.corpus import Article, ArticleNotFound, Problem, find_article, load_article
from reader.search import build, child, folder, store, whoosh_scan
from reader.search.engine import (
    CatalogEntry,
    Found,
    Hit,
    IndexUnavailable,
    Progress,
    Searcher,
    Sort,
    UpdateReport,
)
from reader.search.reading import reading
from reader.search.results import Collected, ResultCache, make_hit
from reader.search.spelling import Vocabulary
from reader.search.tree import Highlight, ParsedQuery
from reader.search.whoosh_compile import compile_query, title_words

MULTIPROCESS_MIN = 1000
"""Builds of at least this many articles run in a child process with two index workers."""
MAP_FILES = False
"""Whether searching memory-maps the index files. Whoosh 3 wraps each mapped file in
`BytesIO(memoryview(...))`, which copies it into memory: read normally, the process stays
small for the same query times (see docs/BENCHMARKS.md)."""

_VOCABULARIES: dict[tuple[str, str], Vocabulary] = {}


class WhooshLibrary:
    """A corpus folder and its index: catalog, incremental updates, article loading.

    `engine` writes the new generations: Whoosh, or tantivy (`reader.search.tantivy_index`),
    with the same folder, manifest and update logic. A search uses the engine that wrote the
    live generation, so that while an index is rebuilt for the other engine the old one is
    searched as before."""

    def __init__(self, articles_dir: Path, index_dir: Path, engine: str = "whoosh") -> None:
        self.engine = engine
        """The search engine of new generations (see `reader.search.engine.Library.engine`)."""
        self.articles_dir = articles_dir
        self.index_dir = index_dir
        self.problems: list[Problem] = []
        self._manifests = store.Manifests()
        self._lock = self._manifests.lock
        self._searcher: Any = None
        self._searcher_generation: str | None = None
        self._ix: Any = None
        self._toc = -1
        self._tantivy: Any = None
        self.results = ResultCache()

    @classmethod
    def open(
        cls, articles_dir: Path, index_dir: Path | None = None, engine: str = "whoosh"
    ) -> WhooshLibrary:
        """A library for a corpus folder; fast: nothing is scanned or read yet."""
        articles_dir = Path(articles_dir).expanduser().resolve()
        index_dir = (
            Path(index_dir).expanduser() if index_dir else store.default_index_dir(articles_dir)
        )
        return cls(articles_dir, index_dir.resolve(), engine)

    # ------------------------------------------------------------------ reading state

    def generation(self) -> Path | None:
        """The live index generation's folder, or None when there is no index yet."""
        return folder.live_generation(self.index_dir)

    def catalog(self) -> list[CatalogEntry]:
        """Every indexed article's metadata (from the manifest; empty without an index)."""
        generation = self.generation()
        return [] if generation is None else self._manifests.catalog(generation)

    def health(self) -> str | None:
        """Why the live index cannot be used (missing, wrong version, damaged, a manifest that
        does not match its index), or None."""
        current = folder.read_current(self.index_dir)
        if current.problem is not None:
            return f"index was corrupt: {current.problem}"
        if current.generation is not None:
            made_by = store.engine_of(current.generation)
            if made_by != self.engine:
                return f"the search engine changed ({made_by} -> {self.engine})"
        return self._manifests.health(current.generation)

    def needs_update(self) -> bool:
        """Whether files were added, changed or deleted, or the index is missing, outdated or
        damaged. Uses file stat data only; no article is read."""
        generation = self.generation()
        if generation is None or self.health() is not None:
            return True
        plan, self.problems = build.plan(self.articles_dir, self._manifests.load(generation), None)
        return bool(plan.load or plan.deleted)

    def vocabulary(self) -> Vocabulary:
        """Words as written in the indexed articles, with how many articles used them.

        Counts are approximate after changes and deletions (they only grow until a rebuild);
        use them to rank suggestions, and check a suggestion against the index.
        """
        generation = self.generation()
        if generation is None:
            return Vocabulary(Counter())
        path = generation / store.WORDS
        try:
            key = (str(path), str(path.stat().st_mtime_ns))
        except OSError:
            return Vocabulary(Counter())
        found = _VOCABULARIES.get(key)
        if found is None:
            _VOCABULARIES.clear()
            found = _VOCABULARIES[key] = Vocabulary(store.load_words(generation))
        return found

    def article(self, article_id: str) -> Article:
        """Load and clean one article by id (raises ArticleNotFound)."""
        generation = self.generation()
        entry = None
        if generation is not None:
            try:
                entry = self._manifests.load(generation).entries.get(article_id)
            except Exception:  # a damaged manifest: look the id up in the folder
                entry = None
        if entry is not None:
            article, problems = load_article(self.articles_dir / entry.rel, self.articles_dir)
            if article is None:
                raise ArticleNotFound("; ".join(str(p) for p in problems))
            return article
        return find_article(article_id, self.articles_dir)

    # ------------------------------------------------------------------ updating

    def update(
        self,
        progress: Callable[[Progress], None] | None = None,
        should_stop: Callable[[], bool] | None = None,
        rebuild: bool = False,
    ) -> UpdateReport:
        """Bring the index up to date with the articles folder: index new and changed files,
        remove deleted ones, rebuild aside when the index is missing, outdated or damaged (or
        when asked). Never raises for a lock held by another reader, a folder that cannot be
        written or a full disk: the report says so and the live index stays searchable.
        `should_stop` is polled between articles."""
        started = time.perf_counter()
        try:
            folder.claim(self.index_dir)
            lock = folder.acquire(self.index_dir)
        except folder.FolderError as exc:
            return self._refused(str(exc), started, [])
        if lock is None:
            message = "another reader is updating this index; searching the index as it is"
            return self._refused(message, started, [])
        try:
            return self._update_locked(progress, should_stop, rebuild, started)
        except folder.FolderError as exc:
            return self._refused(str(exc), started, self.problems)
        finally:
            lock.release()
            with self._lock:
                self._searcher_generation = None

    def _update_locked(
        self,
        progress: build.ProgressCallback,
        should_stop: build.StopCallback,
        rebuild: bool,
        started: float,
    ) -> UpdateReport:
        reason = self.health()
        if reason is None and rebuild:
            reason = "rebuild requested"
        old = self.generation()
        folder.remove_stale_generations(self.index_dir, old)
        if reason is not None or old is None:
            manifest = store.Manifest.empty()
        else:
            manifest = self._manifests.load(old)
        plan, self.problems = build.plan(self.articles_dir, manifest, reason)
        if reason is None and not plan.load and not plan.deleted:
            return self._report(build.Counts(False, 0, 0, 0), plan, None, started)
        try:
            generation, written = self._write(plan, manifest, old, reason, progress, should_stop)
        except _LiveDamaged as exc:  # the live files failed while updating: rebuild aside
            assert old is not None
            reason = f"index was corrupt: {store.describe(exc.cause)}"
            folder.mark_damaged(old, store.describe(exc.cause))
            plan, self.problems = build.plan(self.articles_dir, store.Manifest.empty(), reason)
            generation, written = self._write(
                plan, store.Manifest.empty(), old, reason, progress, should_stop
            )
        self.problems += written.problems
        usable_old = old is not None and reason == "rebuild requested"
        if generation != old and written.counts.stopped and usable_old:
            self._discard(generation, old)
            stopped = "stopped before the rebuild finished; the old index is kept"
            return self._report(build.Counts(True, 0, 0, 0), plan, stopped, started, False)
        if generation != old:
            try:
                folder.make_live(self.index_dir, generation, old)
            except OSError as exc:
                self._discard(generation, old)
                raise folder.FolderError(folder.cannot_write(self.index_dir, exc)) from exc
        return self._report(written.counts, plan, reason, started)

    def _write(
        self,
        plan: build.Plan,
        manifest: store.Manifest,
        old: Path | None,
        reason: str | None,
        progress: build.ProgressCallback,
        should_stop: build.StopCallback,
    ) -> tuple[Path, build.Written]:
        """Write a plan: a rebuild into a new generation, an update into the live one.

        Raises FolderError for a folder that cannot be written, a full disk or a failed
        build (a new generation is removed, the live one kept), and `_LiveDamaged` when the
        live generation's own files fail while updating it.
        """
        try:
            generation = folder.new_generation(self.index_dir) if reason is not None else old
        except OSError as exc:
            raise folder.FolderError(folder.cannot_write(self.index_dir, exc)) from exc
        assert generation is not None
        try:
            if reason is not None and len(plan.load) >= MULTIPROCESS_MIN:
                written = child.build_in_child(
                    self.articles_dir, generation, plan, progress, should_stop, self.engine
                )
            else:
                written = build.write_in_process(
                    self.articles_dir,
                    generation,
                    manifest,
                    plan,
                    progress,
                    should_stop,
                    self.engine,
                )
        except OSError as exc:
            self._discard(generation, old)
            raise folder.FolderError(folder.cannot_write(self.index_dir, exc)) from exc
        except Exception as exc:  # the engines raise many types for damaged files
            self._discard(generation, old)
            if generation == old:
                raise _LiveDamaged(exc) from exc
            raise folder.FolderError(
                f"the index build failed ({store.describe(exc)}); the index is kept as it was"
            ) from exc
        except BaseException:
            self._discard(generation, old)
            raise
        return generation, written

    def _discard(self, generation: Path, old: Path | None) -> None:
        """Remove a new generation that will not go live (never the live one)."""
        if generation != old:
            folder.remove_generation(self.index_dir, generation, keep=old)

    def _refused(self, message: str, started: float, problems: list[Problem]) -> UpdateReport:
        """The report of an update that could not be done, with why (the index is kept)."""
        problem = Problem(self.index_dir, message, "warning")
        seconds = time.perf_counter() - started
        return UpdateReport(0, 0, 0, 0, [*problems, problem], False, None, seconds)

    def _report(
        self,
        counts: build.Counts,
        plan: build.Plan,
        reason: str | None,
        started: float,
        rebuilt: bool | None = None,
    ) -> UpdateReport:
        """The report of an update (a rebuild when it had a reason, unless said otherwise)."""
        return UpdateReport(
            counts.added,
            counts.changed,
            counts.deleted,
            plan.unchanged,
            list(self.problems),
            reason is not None if rebuilt is None else rebuilt,
            reason,
            time.perf_counter() - started,
        )

    # ------------------------------------------------------------------ searching

    @contextmanager
    def searching(self) -> Iterator[Searcher]:
        """A searcher on the live generation, by the engine that wrote it, holding the
        library's lock (raises IndexUnavailable when there is no usable index, or when its
        files fail to read: then the generation is marked damaged and the next update
        rebuilds it)."""
        with self._lock:
            generation = self._live_generation()
            if store.engine_of(generation) == "tantivy":
                self._release_whoosh()
                yield self._tantivy_searcher(generation)
            else:
                self._tantivy = None
                searcher = self._whoosh_searcher(generation)
                yield WhooshSearcher(searcher, generation, self.results)

    def _tantivy_searcher(self, generation: Path) -> Searcher:
        """A tantivy searcher on a generation tantivy wrote (`reader.search.tantivy_engine`)."""
        try:
            from reader.search.tantivy_engine import TantivyView
        except ImportError as exc:
            raise IndexUnavailable(
                "the index was made by tantivy, which is not installed: "
                "pip install 'samestory[tantivy]', or run `reader index` to rebuild it"
            ) from exc
        if self._tantivy is None:
            self._tantivy = TantivyView(self.results)
        searcher: Searcher = self._tantivy.searcher(generation)
        return searcher

    def _whoosh_searcher(self, generation: Path) -> Any:
        """A Whoosh searcher on the live generation, reused until the index changes.
        Callers hold `self._lock`."""
        if self._searcher is not None and self._searcher_generation == str(generation):
            with reading(generation):
                if self._ix.latest_generation() == self._toc:
                    return self._searcher
                if self._searcher.reader().generation() is not None:  # an empty index has none
                    self.results.clear()
                    self._searcher = self._searcher.refresh()
                    self._toc = self._ix.latest_generation()
                    return self._searcher
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None
        self.results.clear()
        with reading(generation):
            self._ix = FileStorage(str(generation), supports_mmap=MAP_FILES).open_index()
            self._toc = self._ix.latest_generation()
            self._searcher = self._ix.searcher()
            self._searcher.reader().doc_count()
        self._searcher_generation = str(generation)
        return self._searcher

    def _live_generation(self) -> Path:
        """The live generation to search (raises IndexUnavailable with the way out when there
        is none)."""
        current = folder.read_current(self.index_dir)
        generation = current.generation
        if generation is None:
            if current.problem is not None:
                raise IndexUnavailable(
                    f"the index is damaged ({current.problem}); run `reader index` to rebuild it"
                )
            raise IndexUnavailable("no index yet: run `reader index`")
        return generation

    def close(self) -> None:
        """Release the open searcher (files stay closed until the next search)."""
        with self._lock:
            self._release_whoosh()
            self._tantivy = None

    def _release_whoosh(self) -> None:
        """Close the Whoosh searcher, if one is open. Callers hold `self._lock`."""
        if self._searcher is not None:
            self._searcher.close()
        self._searcher = None
        self._searcher_generation = None


class _LiveDamaged(Exception):
    """The live generation's files failed while an update wrote into them."""

    def __init__(self, cause: Exception) -> None:
        super().__init__(str(cause))
        self.cause = cause


class WhooshSearcher:
    """One search's use of a Whoosh searcher (see `reader.search.engine.Searcher`); files
    that fail to read raise IndexUnavailable (see `reading`)."""

    def __init__(self, searcher: Any, generation: Path, cache: ResultCache | None = None) -> None:
        self._searcher = searcher
        self._generation = generation
        self._cache = cache if cache is not None else ResultCache()

    def run(
        self,
        query: ParsedQuery,
        limit: int,
        sort: Sort,
        snippets: bool,
        exact: bool = True,
        first: bool = False,
        should_stop: Callable[[], bool] | None = None,
    ) -> Found:
        """The best `limit` hits of a parsed query and the number it matches: exact, or with
        `exact` False (by relevance) Whoosh's estimate when its block-quality optimisation
        skipped articles that could not make the best `limit`.

        By relevance with exact totals, the matches are collected by `whoosh_scan` (the same
        hits and totals as Whoosh's collector), looking only at the matches of a kept earlier
        search that the query narrows when there are fewer of them than articles with the
        query's rarest part; with `first`, by a first pass bounded in work, whose hits are
        `partial` unless it read every match. `should_stop` is polled (`SearchStopped`)."""
        sortedby = [FieldFacet("date", reverse=True), ScoreFacet()] if sort == "date" else None
        compiled = compile_query(query.tree)
        key = (compiled, limit, sort, exact)
        collected = self._cache.get(key)
        if collected is None:
            if sortedby or not exact:
                collected = self._collect(compiled, limit, sortedby, exact)
            else:
                collected = self._scan(query, compiled, limit, first, should_stop)
            if not collected.partial:
                self._cache.put(key, collected)
        hits = []
        for stored, score in collected.found:
            score = -score[-1] if sortedby else score  # ScoreFacet keys are -score
            highlight = query.highlight if snippets else None
            hits.append(make_hit(stored, score, highlight))
        return Found(hits, collected.total, collected.exact, collected.partial)

    def _scan(
        self,
        query: ParsedQuery,
        compiled: Any,
        limit: int,
        first: bool,
        should_stop: Callable[[], bool] | None,
    ) -> Collected:
        """Collect by relevance with `whoosh_scan`: within an earlier search's matches when
        the query narrows it and they are fewer, else all of them or a first pass."""
        with reading(self._generation):
            candidates = self._cache.narrowed(query.tree)
            if candidates is not None:
                rarest = compiled.estimate_min_size(self._searcher.reader())
                if len(candidates) >= rarest:
                    candidates = None
                else:
                    self._cache.reused += 1
            scanned = whoosh_scan.scan(
                self._searcher,
                compiled,
                limit,
                first=first,
                candidates=candidates,
                should_stop=should_stop,
                leads=title_words(query.tree) if first else None,
            )
            found = [(self._searcher.stored_fields(d), score) for score, d in scanned.top]
        if scanned.matched is not None:
            self._cache.keep_matches(query.tree, scanned.matched)
        return Collected(found, scanned.total, scanned.complete, not scanned.complete)

    def _collect(self, compiled: Any, limit: int, sortedby: Any, exact: bool) -> Collected:
        """Run a compiled query: the best hits' stored fields and scores, and the total."""
        collector: Any
        if sortedby:
            collector = collectors.SortingCollector(sortedby, limit=max(1, limit))
        elif not exact:
            # Block-quality skipping without matcher replacement: with replacement, 2 of the
            # benchmark's 50 queries lost some of their best hits at 1,000 articles.
            collector = collectors.TopCollector(max(1, limit), usequality=True, replace=0)
        else:
            # No block-quality skipping and no matcher replacement: Whoosh then scores every
            # match once and counts exactly (with them, counting needs a second pass, and its
            # count can come out short when a replaced matcher stops reporting block quality).
            collector = collectors.TopCollector(max(1, limit), usequality=False, replace=0)
        with reading(self._generation):
            self._searcher.search_with_collector(compiled, collector)
            results = collector.results()
            found = [(f.fields(), f.score) for f in results[:limit]]
            total, counted = _total(results, limit)
        return Collected(found, total, counted)

    def articles(self) -> int:
        """How many articles the index holds."""
        return int(self._searcher.doc_count())

    def document_frequency(self, stem: str) -> int:
        """How many articles contain an index term (in the title or the body)."""
        with reading(self._generation):
            return int(self._searcher.doc_frequency("body", stem))

    def similar(self, article_id: str, limit: int) -> list[Hit]:
        """Articles most like the given one (by key terms of its body), best first."""
        with reading(self._generation):
            docnum = self._searcher.document_number(id=article_id)
            if docnum is None:
                return []
            text = self._searcher.stored_fields(docnum).get("text", "")
            results = self._searcher.more_like(docnum, "body", text=text, top=limit, numterms=12)
            found = [(f.fields(), f.score) for f in results]
        return [make_hit(stored, score, Highlight.nothing()) for stored, score in found]


def _total(results: Any, limit: int) -> tuple[int, bool]:
    """How many articles a search matched and whether the count is exact: fewer scored than
    the limit means nothing was skipped; else Whoosh's estimate of the query's size (never
    fewer than the articles scored)."""
    if results.has_exact_length() or results.scored_length() < max(1, limit):
        return (
            (len(results), True) if results.has_exact_length() else (results.scored_length(), True)
        )
    return max(results.estimated_length(), results.scored_length()), False
