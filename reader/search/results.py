"""The best hits of recent searches, kept while the index does not change, so that a search
typed again (or typed differently but compiled to the same query) costs only its snippets; and
the one way an engine turns a document's stored fields into a hit with its snippet."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from typing import Any, NamedTuple

from reader.search.engine import Hit
from reader.search.snippets import snippet
from reader.search.tree import Highlight, Node, narrows

RESULTS_KEPT = 32
"""Searches whose best hits are kept for the live index (see `ResultCache`)."""
MATCHES_KEPT = 8
"""Searches whose every match is kept (as engine document numbers), for a later query that
narrows one of them (see `ResultCache.narrowed`)."""


class Collected(NamedTuple):
    """What a search collected: the best hits' stored fields and scores, and the total;
    `partial` for a first pass's (never kept)."""

    found: list[tuple[dict[str, Any], Any]]
    total: int
    exact: bool
    partial: bool = False


class ResultCache:
    """The best hits of the last `RESULTS_KEPT` searches on one searcher, keyed by the
    compiled query (not the typed text: "Russia" and "russia", or a prefix standing for the
    same words, are one search), the limit, the order and whether the total is exact.
    Snippets are made anew for each search's highlighting."""

    def __init__(self) -> None:
        self._kept: OrderedDict[tuple[Any, ...], Collected] = OrderedDict()
        self._matches: OrderedDict[Node, Sequence[int]] = OrderedDict()
        self.hits = 0
        """How many searches were answered from the cache."""
        self.reused = 0
        """How many searches looked only at the matches of an earlier search they narrow."""

    def get(self, key: tuple[Any, ...]) -> Collected | None:
        """A kept search, made the most recent."""
        found = self._kept.get(key)
        if found is not None:
            self._kept.move_to_end(key)
            self.hits += 1
        return found

    def put(self, key: tuple[Any, ...], collected: Collected) -> None:
        """Keep a search, forgetting the oldest past `RESULTS_KEPT`."""
        self._kept[key] = collected
        while len(self._kept) > RESULTS_KEPT:
            self._kept.popitem(last=False)

    def keep_matches(self, tree: Node, matched: Sequence[int]) -> None:
        """Keep every match of a search (sorted document numbers), forgetting the oldest
        past `MATCHES_KEPT`."""
        self._matches[tree] = matched
        self._matches.move_to_end(tree)
        while len(self._matches) > MATCHES_KEPT:
            self._matches.popitem(last=False)

    def narrowed(self, tree: Node) -> Sequence[int] | None:
        """The fewest kept matches of an earlier search that `tree` narrows (every article
        it matches is among them; see `reader.search.tree.narrows`), or None."""
        best: Sequence[int] | None = None
        for old, matched in self._matches.items():
            if (best is None or len(matched) < len(best)) and narrows(tree, old):
                best = matched
        return best

    def clear(self) -> None:
        """Forget every search (the index changed)."""
        self._kept.clear()
        self._matches.clear()


def make_hit(stored: dict[str, Any], score: float | None, highlight: Highlight | None) -> Hit:
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
