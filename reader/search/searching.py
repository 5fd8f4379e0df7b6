"""Searching a library: the functions the command line and the interface call.

They work on any `Library` (see `reader.search.engine`): parse the query with the corpus
vocabulary, run it, and suggest a correction when nothing matched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from reader.search.engine import (
    Hit,
    IndexUnavailable,
    Library,
    SearchResult,
    Sort,
)
from reader.search.query import QueryError, parse
from reader.search.spelling import suggest
from reader.search.tree import And, IdFilter


def search(
    library: Library,
    query: str,
    limit: int = 20,
    sort: Sort = "relevance",
    snippets: bool = True,
    typing: bool = False,
    exact: bool = True,
    within: frozenset[str] | None = None,
) -> SearchResult:
    """Search the library's index; hits are ranked by relevance or by date (newest first).

    An unparsable query, or an index that cannot be searched, gives a result with `error`
    set and no hits. When nothing matches, `suggestion` may hold a corrected query. Names of
    the alias tables also find their other names, listed in `also`. `typing` (the search
    field, not the command line) reads the last word as a prefix too (see `parse`); with
    `exact` False the total may be an estimate (`exact` False in the result: measured at
    10,000 articles it saves no time and overcounts phrases up to 3.7 times, so neither the
    command line nor the search field asks for it). `within` keeps only the articles of
    those ids (a `note:` search's), with no suggestion (it would look outside them). Within
    `stoppable`, the search raises `SearchStopped` when told to stop.
    """
    if sort not in ("relevance", "date"):
        raise ValueError(f"sort must be 'relevance' or 'date', not {sort!r}")
    vocabulary = library.vocabulary()
    try:
        parsed = parse(query, vocabulary, typing)
    except QueryError as exc:
        return SearchResult(query, [], 0, None, str(exc))
    if within is not None:
        parsed.tree = And((parsed.tree, IdFilter(frozenset(within))))
    try:
        with library.searching() as searcher:
            found = searcher.run(parsed, limit, sort, snippets, exact, False, _STOP.get())
            wanted = not found.total and within is None
            suggestion = suggest(searcher, vocabulary, query, parsed) if wanted else None
    except IndexUnavailable as exc:
        return SearchResult(query, [], 0, None, str(exc))
    also = tuple(parsed.also)
    return SearchResult(query, found.hits, found.total, suggestion, None, also, found.exact)


FIRST_MIN_ARTICLES = 2000
"""Indexes of fewer articles have no first results: their complete search is as quick (at
1,000 articles its p95 is about 35 ms; docs/BENCHMARKS.md)."""

_STOP: ContextVar[Callable[[], bool] | None] = ContextVar("search_stop", default=None)


@contextmanager
def stoppable(should_stop: Callable[[], bool]) -> Iterator[None]:
    """Within the block, searches of this thread poll `should_stop` while they run and
    raise `SearchStopped` when it says so (a newer query replaces them)."""
    token = _STOP.set(should_stop)
    try:
        yield
    finally:
        _STOP.reset(token)


def first_results(
    library: Library, query: str, limit: int = 20, typing: bool = False
) -> SearchResult | None:
    """The first results of a search by relevance, as the search field shows them before the
    complete ones: None for an index of fewer than `FIRST_MIN_ARTICLES` articles (search
    in full: as quick); else the result of a first pass bounded in work, `partial` when it
    did not read every match (its hits are then the best of the matches it reached, its total
    an estimate, and `search` gives the complete results). The Whoosh engine's first pass
    scores at most a few thousand matches, read in short runs spread evenly over the index,
    for at most `reader.search.whoosh_scan.FIRST_SECONDS` once it has one; tantivy's search
    is complete. A partial first pass that found nothing is None too (nothing to show)."""
    vocabulary = library.vocabulary()
    try:
        parsed = parse(query, vocabulary, typing)
    except QueryError as exc:
        return SearchResult(query, [], 0, None, str(exc))
    stop = _STOP.get()
    try:
        with library.searching() as searcher:
            if searcher.articles() < FIRST_MIN_ARTICLES:
                return None
            found = searcher.run(parsed, limit, "relevance", True, True, True, stop)
            if found.partial and not found.hits:
                return None
            wanted = not found.partial and not found.total
            suggestion = suggest(searcher, vocabulary, query, parsed) if wanted else None
    except IndexUnavailable as exc:
        return SearchResult(query, [], 0, None, str(exc))
    also = tuple(parsed.also)
    return SearchResult(
        query, found.hits, found.total, suggestion, None, also, found.exact, found.partial
    )


def search_steps(
    library: Library, query: str, limit: int = 20, typing: bool = False
) -> Iterator[SearchResult]:
    """A search by relevance in the steps the search field shows: its `first_results` when
    there are any, then, unless those were complete, the complete results (`search`)."""
    first = first_results(library, query, limit, typing)
    if first is not None:
        yield first
    if first is None or first.partial:
        yield search(library, query, limit, typing=typing)


def similar(library: Library, article_id: str, limit: int = 10) -> list[Hit]:
    """Articles most like the given one (by key terms of its body), best first."""
    try:
        with library.searching() as searcher:
            return searcher.similar(article_id, limit)
    except IndexUnavailable:
        return []
