"""Full-text search of a corpus: the query language, the index, hits with snippets, did-you-mean
and more-like-this.

The command line and the interface use what this package exposes: `open_library` gives a
`Library` (the engine interface, `reader.search.engine`: `reader.search.whoosh_engine`), its
index kept by Whoosh or by tantivy (`reader.search.tantivy_engine`, chosen by
`reader.search.choice`); `search` and `similar` run on any `Library`; `query_error` and
`match_spans` need no index.
"""

from __future__ import annotations

from pathlib import Path

from reader.search.choice import choose
from reader.search.engine import (
    CatalogEntry,
    Hit,
    IndexUnavailable,
    Library,
    Progress,
    SearchResult,
    SearchStopped,
    UpdateReport,
)
from reader.search.query import QueryError, query_error
from reader.search.searching import first_results, search, search_steps, similar, stoppable
from reader.search.snippets import match_spans
from reader.search.whoosh_engine import WhooshLibrary

__all__ = [
    "CatalogEntry",
    "Hit",
    "IndexUnavailable",
    "Library",
    "Progress",
    "QueryError",
    "SearchResult",
    "SearchStopped",
    "UpdateReport",
    "first_results",
    "match_spans",
    "open_library",
    "query_error",
    "search",
    "search_steps",
    "similar",
    "stoppable",
]


def open_library(
    articles_dir: Path, index_dir: Path | None = None, engine: str | None = None
) -> Library:
    """The library of a corpus folder, its index in `index_dir` (by default a folder of the
    user's cache named after the corpus), kept by `engine` ("whoosh", "tantivy" or "auto":
    see `reader.search.choice`); fast: nothing is read yet but, for the choice, the manifest
    of a Whoosh index (which the catalog reads anyway) or the names in a folder without one."""
    library = WhooshLibrary.open(articles_dir, index_dir)
    library.engine = choose(library, engine)
    return library
