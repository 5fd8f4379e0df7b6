"""One comparison of two articles: the entities and quoted statements they share, and what
each has that the other leaves out. Computed once per pair of article versions and cached.

The split view and `reader compare` both use `compare(a, b)`; `Comparison.swapped()` gives the
same comparison with the sides exchanged, without computing anything again.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, replace

from reader.analysis.entities import (
    ArticleEntities,
    Entity,
    EntityType,
    Mention,
    resolve_pair,
)
from reader.analysis.limits import analyse_article
from reader.analysis.matching import QuoteMatch, match_quotes
from reader.analysis.quotes import Quote, extract_quotes
from reader.corpus import Article

CACHE_SIZE = 64


@dataclass(frozen=True)
class SharedEntity:
    """An entity both articles name: one key, whatever alias each article uses.

    `name` is the canonical display name (the fuller of the two articles' names), `a_mentions`
    and `b_mentions` its mentions in each text (offsets into each article's `text`).
    """

    key: str
    name: str
    type: EntityType
    a_mentions: tuple[Mention, ...]
    b_mentions: tuple[Mention, ...]

    @property
    def a_count(self) -> int:
        """How many times article A mentions it."""
        return len(self.a_mentions)

    @property
    def b_count(self) -> int:
        """How many times article B mentions it."""
        return len(self.b_mentions)


@dataclass(frozen=True)
class Comparison:
    """Two articles side by side.

    `shared_entities` are ordered by total mentions (most first); `only_a_entities` and
    `only_b_entities` are the entities one article names and the other does not. `shared_quotes`
    are the statements both carry (see `reader.analysis.matching.QuoteMatch`), in A's order; a
    quote of one article that appears unquoted in the other is shared too (kind "unquoted").
    `only_a_quotes`/`only_b_quotes` are the quotes (statements and phrases) in no shared pair.
    """

    a: Article
    b: Article
    shared_entities: tuple[SharedEntity, ...]
    only_a_entities: tuple[Entity, ...]
    only_b_entities: tuple[Entity, ...]
    shared_quotes: tuple[QuoteMatch, ...]
    only_a_quotes: tuple[Quote, ...]
    only_b_quotes: tuple[Quote, ...]

    def swapped(self) -> Comparison:
        """The same comparison with A and B exchanged."""
        return Comparison(
            self.b,
            self.a,
            tuple(
                SharedEntity(e.key, e.name, e.type, e.b_mentions, e.a_mentions)
                for e in self.shared_entities
            ),
            self.only_b_entities,
            self.only_a_entities,
            tuple(sorted((_swap(m) for m in self.shared_quotes), key=_match_order)),
            self.only_b_quotes,
            self.only_a_quotes,
        )


_SWAPPED_OPS = {"insert": "delete", "delete": "insert"}


def _swap(match: QuoteMatch) -> QuoteMatch:
    diff = tuple(
        (_SWAPPED_OPS.get(op, op), b_words, a_words) for op, a_words, b_words in match.diff
    )
    return replace(
        match,
        a=match.b,
        b=match.a,
        a_start=match.b_start,
        a_end=match.b_end,
        b_start=match.a_start,
        b_end=match.a_end,
        diff=diff,
    )


def _match_order(match: QuoteMatch) -> tuple[bool, int, int]:
    return match.a is None, match.a_start, match.b_start


_CACHE: OrderedDict[tuple[str, str], Comparison] = OrderedDict()


def compare(a: Article, b: Article) -> Comparison:
    """Compare two articles; cached per pair of article versions (`Article.digest`)."""
    key = (a.digest, b.digest)
    if key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key]
    if (b.digest, a.digest) in _CACHE:
        result = _CACHE[(b.digest, a.digest)].swapped()
    else:
        result = _compute(a, b)
    _CACHE[key] = result
    while len(_CACHE) > CACHE_SIZE:
        _CACHE.popitem(last=False)
    return result


def clear_cache() -> None:
    """Forget every cached comparison."""
    _CACHE.clear()


def _compute(a: Article, b: Article) -> Comparison:
    (text_a, within_a), (text_b, within_b) = analyse_article(a), analyse_article(b)
    entities_a, entities_b = resolve_pair(within_a, within_b)
    quotes_a = extract_quotes(text_a, entities_a)
    quotes_b = extract_quotes(text_b, entities_b)
    matches = match_quotes(text_a, quotes_a, text_b, quotes_b)
    shared, only_a, only_b = _entities(entities_a, entities_b)
    in_a = {(m.a.start, m.a.end) for m in matches if m.a is not None}
    in_b = {(m.b.start, m.b.end) for m in matches if m.b is not None}
    return Comparison(
        a,
        b,
        shared,
        only_a,
        only_b,
        tuple(matches),
        tuple(q for q in quotes_a if (q.start, q.end) not in in_a),
        tuple(q for q in quotes_b if (q.start, q.end) not in in_b),
    )


def _entities(
    a: ArticleEntities, b: ArticleEntities
) -> tuple[tuple[SharedEntity, ...], tuple[Entity, ...], tuple[Entity, ...]]:
    """The entities both articles name (by key), and those only A and only B name."""
    by_a, by_b = a.by_key(), b.by_key()
    shared: list[SharedEntity] = []
    for key, ea in by_a.items():
        eb = by_b.get(key)
        if eb is None:
            continue
        name = max(ea.name, eb.name, key=len)
        shared.append(SharedEntity(key, name, ea.type, ea.mentions, eb.mentions))
    shared.sort(key=lambda e: (-(e.a_count + e.b_count), e.name.lower()))

    def only(mine: dict[str, Entity], other: dict[str, Entity]) -> tuple[Entity, ...]:
        rest = [e for k, e in mine.items() if k not in other]
        return tuple(sorted(rest, key=lambda e: (-len(e.mentions), e.name.lower())))

    return tuple(shared), only(by_a, by_b), only(by_b, by_a)
