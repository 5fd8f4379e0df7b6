"""Which articles to compare with this one: the index's most alike, ranked by what they share.

Candidates come from the index's more-like-this search (`similar`) and are ranked again by the
entities and quoted statements they share with the article, so reports of the same story come
first.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.analysis.comparison import Comparison, compare
from reader.search import similar

if TYPE_CHECKING:
    from reader.corpus import Article
    from reader.search import Library

CANDIDATES = 20
"""Articles the index is asked for (the most alike by their words)."""

QUOTE_WEIGHT = 0.5
"""Score a shared quoted statement adds (up to two): the surest sign of one story."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """An article that could be the other side, with what it shares with the first."""

    id: str
    title: str
    outlet: str | None
    date: str | None
    score: float
    shared: tuple[str, ...]
    """Names of the shared entities, most mentioned first."""
    quotes: int
    """Shared quotes."""


def _entity_share(comparison: Comparison) -> float:
    """Shared entities over the entities of the article naming fewer (0 to 1)."""
    shared = len(comparison.shared_entities)
    fewer = shared + min(len(comparison.only_a_entities), len(comparison.only_b_entities))
    return shared / max(1, fewer)


def rank(
    library: Library, article: Article, exclude: Collection[str] = (), limit: int = CANDIDATES
) -> list[Candidate]:
    """The articles most like `article`, best first, leaving out `exclude`: the index's
    similarity (scaled to the best hit), plus the share of entities in common (of the article
    naming fewer), plus `QUOTE_WEIGHT` for each of up to two shared quotes. Each candidate is
    compared with `compare`, so a comparison of the chosen pair comes from the cache."""
    hits = [
        hit
        for hit in similar(library, article.id, limit + len(exclude))
        if hit.id not in exclude and hit.id != article.id
    ][:limit]
    if not hits:
        return []
    best = max(hit.score for hit in hits) or 1.0
    candidates = []
    for hit in hits:
        comparison = compare(article, library.article(hit.id))
        quotes = len(comparison.shared_quotes)
        score = hit.score / best + _entity_share(comparison) + QUOTE_WEIGHT * min(quotes, 2)
        candidates.append(
            Candidate(
                hit.id,
                hit.title,
                hit.outlet,
                hit.date,
                score,
                tuple(e.name for e in comparison.shared_entities),
                quotes,
            )
        )
    candidates.sort(key=lambda c: -c.score)
    return candidates
