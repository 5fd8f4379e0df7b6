"""The tantivy engine's searching: the `Searcher` (see `reader.search.engine`) of a generation
that tantivy wrote.

The index folder, its generations, the manifest, the vocabulary and updates are the Whoosh
engine's (`WhooshLibrary`, whose `engine` says which one writes new generations); only the files
of a generation (`reader.search.tantivy_index`) and searching differ. Queries are the same
trees (`reader.search.tantivy_compile`), hits get the same snippets (`reader.search.snippets`),
and totals are always exact: tantivy counts every match without scoring it in Python. Needs the
`samestory[tantivy]` extra.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tantivy

from reader.search.analysis import terms
from reader.search.engine import Found, Hit, Sort
from reader.search.reading import reading
from reader.search.results import Collected, ResultCache, make_hit
from reader.search.tantivy_compile import Columns, compile_query
from reader.search.tantivy_index import TantivyIndex, date_key, stored
from reader.search.tree import Highlight, Node, ParsedQuery

SIMILAR_TERMS = 12
"""Key terms of an article that more-like-this looks for (as the Whoosh engine does)."""


class TantivyView:
    """The open tantivy index of a library's live generation, reopened when the generation
    changes and reloaded after a commit (the library holds its lock while it is used)."""

    def __init__(self, results: ResultCache) -> None:
        self._results = results
        self._index: Any = None
        self._opened: tuple[str, int] | None = None
        self._view: tuple[Any, Columns] | None = None

    def searcher(self, generation: Path) -> TantivySearcher:
        """A searcher on a generation tantivy wrote (raises IndexUnavailable when its files
        fail to read, marking it damaged)."""
        with reading(generation):
            searcher, columns = self._open(generation)
        return TantivySearcher(searcher, columns, generation, self._results)

    def _open(self, generation: Path) -> tuple[Any, Columns]:
        opened = (str(generation), (generation / "meta.json").stat().st_mtime_ns)
        if opened == self._opened and self._view is not None:
            return self._view
        self._results.clear()
        if self._index is None or self._opened is None or self._opened[0] != opened[0]:
            self._index = TantivyIndex(generation, create=False).index
        else:
            self._index.reload()
        searcher = self._index.searcher()
        outlets, dates = _values(searcher, "outlet_name"), _values(searcher, "date")
        self._opened, self._view = opened, (searcher, Columns(self._index.schema, outlets, dates))
        return self._view


def _values(searcher: Any, fieldname: str) -> tuple[str, ...]:
    """Every distinct value of a raw field in the index."""
    return tuple(value for value, _count in searcher.terms_with_prefix(fieldname, ""))


class TantivySearcher:
    """One search's use of a tantivy searcher (see `reader.search.engine.Searcher`)."""

    def __init__(
        self, searcher: Any, columns: Columns, generation: Path, cache: ResultCache
    ) -> None:
        self._searcher = searcher
        self._columns = columns
        self._generation = generation
        self._cache = cache

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
        """The best `limit` hits of a parsed query and the exact number it matches (tantivy
        counts in full as fast as it estimates, so `exact` changes nothing, and its complete
        search is its first results: `first` and `should_stop` change nothing either)."""
        key = ("tantivy", query.tree, limit, sort)
        collected = self._cache.get(key)
        if collected is None:
            with reading(self._generation):
                collected = self._collect(query.tree, max(1, limit), sort)
            self._cache.put(key, collected)
        highlight = query.highlight if snippets else None
        hits = [make_hit(fields, score, highlight) for fields, score in collected.found[:limit]]
        return Found(hits, collected.total, True)

    def _collect(self, tree: Node, limit: int, sort: Sort) -> Collected:
        compiled = compile_query(tree, self._columns)
        if sort == "date":
            return self._by_date(compiled, limit)
        result = self._searcher.search(compiled, limit, count=True)
        found = [(stored(self._searcher.doc(address)), score) for score, address in result.hits]
        return Collected(found, int(result.count), True)

    def _by_date(self, compiled: Any, limit: int) -> Collected:
        """The newest `limit` hits, those of one date by score (as Whoosh sorts): every hit
        newer than the last date that fits, then the best of those on that date."""
        first = self._searcher.search(compiled, limit, count=True, order_by_field="date_key")
        if not first.hits:
            return Collected([], int(first.count), True)
        last = int(first.hits[-1][0])
        newer = sum(1 for value, _ in first.hits if int(value) > last)
        rows = []
        for low, high, wanted in ((last + 1, None, newer), (last, last, limit - newer)):
            if not wanted:
                continue
            window = tantivy.Query.range_query(
                self._columns.schema, "date_key", tantivy.FieldType.Unsigned, low, high
            )
            both = tantivy.Query.boolean_query(
                [(tantivy.Occur.Must, compiled), (tantivy.Occur.Must, window)]
            )
            for score, address in self._searcher.search(both, wanted, count=False).hits:
                fields = stored(self._searcher.doc(address))
                rows.append((-date_key(fields.get("date")), -score, fields))
        rows.sort(key=lambda row: row[:2])
        return Collected([(fields, -score) for _, score, fields in rows], int(first.count), True)

    def articles(self) -> int:
        """How many articles the index holds."""
        return int(self._searcher.num_docs)

    def document_frequency(self, stem: str) -> int:
        """How many articles contain an index term (in the title or the body)."""
        with reading(self._generation):
            return int(self._searcher.doc_freq("body", stem))

    def similar(self, article_id: str, limit: int) -> list[Hit]:
        """Articles most like the given one: those sharing most of its key terms (the
        commonest in it and rarest in the corpus), best first."""
        schema = self._columns.schema
        with reading(self._generation):
            own = tantivy.Query.term_query(schema, "id", article_id)
            found = self._searcher.search(own, 1, count=False).hits
            if not found:
                return []
            counts = Counter(terms(stored(self._searcher.doc(found[0][1])).get("text", "")))
            documents = self._searcher.num_docs
            weights = {
                stem: count
                * math.log((documents + 1) / (self._searcher.doc_freq("body", stem) + 1))
                for stem, count in counts.items()
            }
            key_terms = heapq.nlargest(SIMILAR_TERMS, weights, key=weights.__getitem__)
            parts = [
                (tantivy.Occur.Should, tantivy.Query.term_query(schema, "body", stem))
                for stem in key_terms
            ]
            if not parts:
                return []
            query = tantivy.Query.boolean_query([*parts, (tantivy.Occur.MustNot, own)])
            result = self._searcher.search(query, max(1, limit), count=False)
            hits = [(stored(self._searcher.doc(a)), score) for score, a in result.hits[:limit]]
        return [make_hit(fields, score, Highlight.nothing()) for fields, score in hits]
