"""The Whoosh engine: a `Library` (see `reader.search.engine`) kept in a Whoosh index.

Updates are incremental; a rebuild (first build, format change, corrupt index, or on request)
is written aside into a new generation and swapped in (see `reader.search.store`). Builds of
at least `MULTIPROCESS_MIN` articles run in a child process with two index workers.
"""

from __future__ import annotations

import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from whoosh import collectors
from whoosh import index as whoosh_index
from whoosh.sorting import FieldFacet, ScoreFacet

from reader.corpus import Article, ArticleNotFound, Problem, find_article, load_article
from reader.search import build, store
from reader.search.engine import (
    CatalogEntry,
    Found,
    Hit,
    IndexUnavailable,
    Progress,
    Sort,
    UpdateReport,
)
from reader.search.snippets import snippet
from reader.search.spelling import Vocabulary
from reader.search.tree import Highlight, ParsedQuery
from reader.search.whoosh_compile import compile_query

MULTIPROCESS_MIN = 1000
"""Builds of at least this many articles run in a child process with two index workers."""

_VOCABULARIES: dict[tuple[str, str], Vocabulary] = {}


class WhooshLibrary:
    """A corpus folder and its Whoosh index: catalog, incremental updates, article loading."""

    def __init__(self, articles_dir: Path, index_dir: Path) -> None:
        self.articles_dir = articles_dir
        self.index_dir = index_dir
        self.problems: list[Problem] = []
        self._manifests = store.Manifests()
        self._lock = self._manifests.lock
        self._searcher: Any = None
        self._searcher_generation: str | None = None

    @classmethod
    def open(cls, articles_dir: Path, index_dir: Path | None = None) -> WhooshLibrary:
        """A library for a corpus folder; fast: nothing is scanned or read yet."""
        articles_dir = Path(articles_dir).expanduser().resolve()
        index_dir = (
            Path(index_dir).expanduser() if index_dir else store.default_index_dir(articles_dir)
        )
        return cls(articles_dir, index_dir.resolve())

    # ------------------------------------------------------------------ reading state

    def generation(self) -> Path | None:
        """The live index generation's folder, or None when there is no index yet."""
        return store.live_generation(self.index_dir)

    def catalog(self) -> list[CatalogEntry]:
        """Every indexed article's metadata (from the manifest; empty without an index)."""
        generation = self.generation()
        return [] if generation is None else self._manifests.catalog(generation)

    def health(self) -> str | None:
        """Why the live index cannot be used (missing, wrong version, damaged), or None."""
        return self._manifests.health(self.generation())

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
        when asked). Never raises for a lock held by another reader: the report says so and
        the live index stays searchable. `should_stop` is polled between articles."""
        started = time.perf_counter()
        self.index_dir.mkdir(parents=True, exist_ok=True)
        lock = store.update_lock(self.index_dir)
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
        store.remove_stale_generations(self.index_dir, old)
        if reason is not None or old is None:
            manifest = store.Manifest.empty()
        else:
            manifest = self._manifests.load(old)
        plan, self.problems = build.plan(self.articles_dir, manifest, reason)
        if reason is None and not plan.load and not plan.deleted:
            return self._report(build.Counts(False, 0, 0, 0), plan, None, started)
        generation = store.new_generation(self.index_dir) if reason is not None else old
        assert generation is not None
        try:
            if reason is not None and len(plan.load) >= MULTIPROCESS_MIN:
                written = build.build_in_child(
                    self.articles_dir, generation, plan, progress, should_stop
                )
            else:
                written = build.write_in_process(
                    self.articles_dir, generation, manifest, plan, progress, should_stop
                )
        except BaseException:
            if generation != old:
                shutil.rmtree(generation, ignore_errors=True)
            raise
        self.problems += written.problems
        usable_old = old is not None and reason == "rebuild requested"
        if generation != old and written.counts.stopped and usable_old:
            shutil.rmtree(generation, ignore_errors=True)
            stopped = "stopped before the rebuild finished; the old index is kept"
            return self._report(build.Counts(True, 0, 0, 0), plan, stopped, started, False)
        if generation != old:
            store.make_live(self.index_dir, generation, old)
        with self._lock:
            self._searcher_generation = None
        return self._report(written.counts, plan, reason, started)

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
    def searching(self) -> Iterator[WhooshSearcher]:
        """A searcher on the live generation, holding the library's lock (raises
        IndexUnavailable when there is no usable index)."""
        with self._lock:
            yield WhooshSearcher(self._whoosh_searcher())

    def _whoosh_searcher(self) -> Any:
        """A Whoosh searcher on the live generation, reused until the index changes.

        Raises IndexUnavailable when there is no usable index. Callers hold `self._lock`.
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
                f"the index is damaged ({store.describe(exc)}); run `reader index` to rebuild it"
            ) from exc
        self._searcher_generation = str(generation)
        return self._searcher

    def close(self) -> None:
        """Release the open searcher (files stay closed until the next search)."""
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
            self._searcher = None
            self._searcher_generation = None


class WhooshSearcher:
    """One search's use of a Whoosh searcher (see `reader.search.engine.Searcher`)."""

    def __init__(self, searcher: Any) -> None:
        self._searcher = searcher

    def run(self, query: ParsedQuery, limit: int, sort: Sort, snippets: bool) -> Found:
        """The best `limit` hits of a parsed query and the exact number it matches."""
        sortedby = [FieldFacet("date", reverse=True), ScoreFacet()] if sort == "date" else None
        collector: Any
        if sortedby:
            collector = collectors.SortingCollector(sortedby, limit=max(1, limit))
        else:
            # No block-quality skipping and no matcher replacement: Whoosh then scores every
            # match once and counts exactly (with them, counting needs a second pass, and its
            # count can come out short when a replaced matcher stops reporting block quality).
            collector = collectors.TopCollector(max(1, limit), usequality=False, replace=0)
        self._searcher.search_with_collector(compile_query(query.tree), collector)
        results = collector.results()
        hits = []
        for found in results[:limit]:
            score = -found.score[-1] if sortedby else found.score  # ScoreFacet keys are -score
            highlight = query.highlight if snippets else None
            hits.append(_hit(found.fields(), score, highlight))
        return Found(hits, len(results))

    def document_frequency(self, stem: str) -> int:
        """How many articles contain an index term (in the title or the body)."""
        return int(self._searcher.doc_frequency("body", stem))

    def similar(self, article_id: str, limit: int) -> list[Hit]:
        """Articles most like the given one (by key terms of its body), best first."""
        docnum = self._searcher.document_number(id=article_id)
        if docnum is None:
            return []
        text = self._searcher.stored_fields(docnum).get("text", "")
        results = self._searcher.more_like(docnum, "body", text=text, top=limit, numterms=12)
        return [_hit(found.fields(), found.score, Highlight.nothing()) for found in results]


def _hit(stored: dict[str, Any], score: float | None, highlight: Highlight | None) -> Hit:
    """A hit from a document's stored fields; no snippet without a highlight."""
    text, marks = snippet(stored.get("text", ""), highlight) if highlight is not None else ("", ())
    return Hit(
        stored["id"],
        stored.get("title", ""),
        stored.get("outlet"),
        stored.get("date"),
        float(score or 0.0),
        text,
        marks,
    )
