"""Searching a library: the functions the command line and the interface call.

They work on any `Library` (see `reader.search.engine`): parse the query with the corpus
vocabulary, run it, and suggest a correction when nothing matched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from reader.search.engine import (
    Hit,
    IndexUnavailable,
    Library,
    SearchResult,
    SearchStopped,
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
    those ids (a `note:` search's), with no suggestion (it would look outside them).
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
            found = searcher.run(parsed, limit, sort, snippets, exact)
            wanted = not found.total and within is None
            suggestion = suggest(searcher, vocabulary, query, parsed) if wanted else None
    except IndexUnavailable as exc:
        return SearchResult(query, [], 0, None, str(exc))
    also = tuple(parsed.also)
    return SearchResult(query, found.hits, found.total, suggestion, None, also, found.exact)


def search_steps(
    library: Library,
    query: str,
    limit: int = 20,
    snippets: bool = True,
    typing: bool = False,
    should_stop: Callable[[], bool] | None = None,
) -> Iterator[SearchResult]:
    """`search` by relevance in two steps, as the search field shows it: first results
    (`partial`) from a first pass bounded in work, then the complete ones that replace them.

    The first pass of the Whoosh engine scores at most a few thousand matches, read in short
    runs spread over the index, for at most `reader.search.whoosh_scan.FIRST_SECONDS`: its
    hits are the best of those, its total an estimate. When it read every match (a query with
    few matches), or the engine's complete search is as fast (tantivy), there is one step.
    A first pass that found nothing is not shown. `should_stop` is polled while searching:
    when it says so the steps end without a result (a newer query replaces this one)."""
    vocabulary = library.vocabulary()
    try:
        parsed = parse(query, vocabulary, typing)
    except QueryError as exc:
        yield SearchResult(query, [], 0, None, str(exc))
        return
    also = tuple(parsed.also)
    try:
        with library.searching() as searcher:
            found = searcher.run(parsed, limit, "relevance", snippets, True, True, should_stop)
        if found.partial and found.hits:
            yield SearchResult(query, found.hits, found.total, None, None, also, False, True)
        if found.partial:
            with library.searching() as searcher:
                found = searcher.run(parsed, limit, "relevance", snippets, True, False, should_stop)
        with library.searching() as searcher:
            suggestion = suggest(searcher, vocabulary, query, parsed) if not found.total else None
    except IndexUnavailable as exc:
        yield SearchResult(query, [], 0, None, str(exc))
        return
    except SearchStopped:
        return
    yield SearchResult(query, found.hits, found.total, suggestion, None, also, found.exact)


def similar(library: Library, article_id: str, limit: int = 10) -> list[Hit]:
    """Articles most like the given one (by key terms of its body), best first."""
    try:
        with library.searching() as searcher:
            return searcher.similar(article_id, limit)
    except IndexUnavailable:
        return []
