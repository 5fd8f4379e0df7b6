"""The best hits of recent searches, kept while the index does not change, so that a search
typed again (or typed differently but compiled to the same query) costs only its snippets; and
the one way an engine turns a document's stored fields into a hit with its snippet."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, NamedTuple

from reader.search.engine import Hit
from reader.search.snippets import snippet
from reader.search.tree import Highlight

RESULTS_KEPT = 32
"""Searches whose best hits are kept for the live index (see `ResultCache`)."""


class Collected(NamedTuple):
    """What a search collected: the best hits' stored fields and scores, and the total."""

    found: list[tuple[dict[str, Any], Any]]
    total: int
    exact: bool


class ResultCache:
    """The best hits of the last `RESULTS_KEPT` searches on one searcher, keyed by the
    compiled query (not the typed text: "Russia" and "russia", or a prefix standing for the
    same words, are one search), the limit, the order and whether the total is exact.
    Snippets are made anew for each search's highlighting."""

    def __init__(self) -> None:
        self._kept: OrderedDict[tuple[Any, ...], Collected] = OrderedDict()
        self.hits = 0
        """How many searches were answered from the cache."""

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

    def clear(self) -> None:
        """Forget every search (the index changed)."""
        self._kept.clear()


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
