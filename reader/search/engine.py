"""What the reader needs from a search index, whatever engine keeps it, and what it returns.

`Library` is a corpus folder with its index: updates from the articles, the catalog, article
loading, the vocabulary for spelling, and `searching()`, a `Searcher` for one search (query
tree to hits with snippets and totals, document frequencies, more-like-this). The command line
and the interface use these types only; `reader.search.whoosh_engine` and
`reader.search.tantivy_engine` implement them.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, NamedTuple, Protocol

from reader.corpus import Article, Problem
from reader.search.spelling import Vocabulary
from reader.search.tree import ParsedQuery

Sort = Literal["relevance", "date"]
"""Hits by relevance, or by date (newest first, undated last)."""


@dataclass(frozen=True, slots=True)
class Hit:
    """One search hit. `snippet_marks` are (start, end) offsets of matched words in snippet."""

    id: str
    title: str
    outlet: str | None
    date: str | None
    score: float
    snippet: str
    snippet_marks: tuple[tuple[int, int], ...]


class Found(NamedTuple):
    """The best hits of a query and how many articles it matched in all (an estimate, at
    least as many as the hits, when `exact` is False); `partial` when they are a first
    pass's: the best of the matches it reached within its budget, not of every match."""

    hits: list[Hit]
    total: int
    exact: bool = True
    partial: bool = False


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The hits of a query, how many articles matched in all, a spelling suggestion when
    nothing matched, or an error message (then there are no hits); `also` are the other
    names the query looked for (alias expansion: "ISIL" also finds ISIS, Islamic State)."""

    query: str
    hits: list[Hit]
    total: int
    suggestion: str | None
    error: str | None
    also: tuple[str, ...] = ()
    exact: bool = True
    """False when `total` is an estimate (shown as "about N")."""
    partial: bool = False
    """True for the first results of a search that goes on (`reader.search.search_steps`):
    the best of the articles a first pass bounded in work reached, which the complete
    results replace (the page may change)."""


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


class SearchStopped(Exception):
    """A search was stopped by its caller (`should_stop`): a newer query replaces it."""


class Searcher(Protocol):
    """One search's view of the live index."""

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
        """The best `limit` hits of a parsed query (with snippets when asked) and the number
        of articles it matches: exact, or (when `exact` is False and the engine can skip
        articles that cannot make the best `limit`) an estimate. With `first`, an engine may
        answer from a first pass bounded in work (`Found.partial`). `should_stop` is polled
        while searching (an engine may then raise `SearchStopped`)."""
        ...

    def document_frequency(self, stem: str) -> int:
        """How many articles contain an index term."""
        ...

    def articles(self) -> int:
        """How many articles the index holds."""
        ...

    def similar(self, article_id: str, limit: int) -> list[Hit]:
        """Articles most like the given one (by key terms of its body), best first; empty
        for an article the index does not hold."""
        ...


class Library(Protocol):
    """A corpus folder and its index: catalog, incremental updates, article loading, search."""

    engine: str
    """The search engine that writes the index: "whoosh" or "tantivy" (a search uses the one
    that wrote the live index, which differs only until an update rebuilds it)."""
    articles_dir: Path
    index_dir: Path
    problems: list[Problem]
    """The problems the last scan or update found."""

    def update(
        self,
        progress: Callable[[Progress], None] | None = None,
        should_stop: Callable[[], bool] | None = None,
        rebuild: bool = False,
    ) -> UpdateReport:
        """Bring the index up to date with the articles folder (never raises for another
        reader holding the index: the report says so)."""
        ...

    def needs_update(self) -> bool:
        """Whether files were added, changed or deleted, or the index is missing, outdated
        or damaged (from file stat data only)."""
        ...

    def health(self) -> str | None:
        """Why the live index cannot be used, or None."""
        ...

    def catalog(self) -> list[CatalogEntry]:
        """Every indexed article's metadata (empty without an index)."""
        ...

    def article(self, article_id: str) -> Article:
        """Load and clean one article by id (raises ArticleNotFound)."""
        ...

    def vocabulary(self) -> Vocabulary:
        """Words as written in the indexed articles, with how many articles used them."""
        ...

    def searching(self) -> AbstractContextManager[Searcher]:
        """A searcher on the live index for the duration of a `with` block (raises
        IndexUnavailable when there is no usable index)."""
        ...

    def close(self) -> None:
        """Release open index files (until the next search)."""
        ...
