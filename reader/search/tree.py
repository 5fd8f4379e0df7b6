"""The syntax tree of a parsed query: plain dataclasses that any search engine can compile.

Words are already analysed (their index terms, see `reader.search.analysis`); prefixes and fuzzy
words carry the terms of the words as written that they stand for. `title_only` says whether a
word is looked for in the title alone or anywhere in the article (title and body). Outlet and
date filters test one article's folded outlet name or ISO date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from reader.search.analysis import WORD


@dataclass(frozen=True, slots=True)
class Term:
    """One index term."""

    stem: str
    title_only: bool


@dataclass(frozen=True, slots=True)
class Phrase:
    """Index terms that must follow each other."""

    stems: tuple[str, ...]
    title_only: bool


@dataclass(frozen=True, slots=True)
class Prefix:
    """Words as written that start with `prefix` (folded). `stems` are their terms, from the
    corpus vocabulary; None when there is no vocabulary (then index terms are matched by
    prefix); empty when no known word starts so (nothing matches)."""

    prefix: str
    title_only: bool
    stems: tuple[str, ...] | None


@dataclass(frozen=True, slots=True)
class Fuzzy:
    """Words as written within `distance` edits of `word` (folded); `stems` are their terms
    (the word's own and its known neighbours'), sorted."""

    word: str
    distance: int
    title_only: bool
    stems: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OutletFilter:
    """Articles whose folded outlet name contains `words` in order (the last one as a prefix
    when `prefix`)."""

    words: tuple[str, ...]
    prefix: bool

    @property
    def label(self) -> str:
        """The filter as written back: its words, a `*` after a prefix."""
        return " ".join(self.words) + ("*" if self.prefix else "")

    def matches(self, name: str) -> bool:
        """Whether a folded outlet name passes."""
        words, wanted, last = self.words, list(self.words[:-1]), self.words[-1]
        have = WORD.findall(name)
        for i in range(len(have) - len(words) + 1):
            following = have[i + len(wanted)]
            if have[i : i + len(wanted)] == wanted and (
                following.startswith(last) if self.prefix else following == last
            ):
                return True
        return False


@dataclass(frozen=True, slots=True)
class DateFilter:
    """Articles whose ISO date falls in a period (`period`, a date prefix such as 2015-10) or
    a range (`low`/`high`, either open; `strict` leaves the bounds out). `label` is the
    filter as written after `date:`."""

    label: str
    period: str | None = None
    low: str | None = None
    high: str | None = None
    strict: bool = False

    def matches(self, date: str) -> bool:
        """Whether an ISO date (or date prefix) passes; partial dates compare as strings."""
        if self.period is not None:
            return date.startswith(self.period)
        low, high = self.low, self.high
        if self.strict:
            return (low is None or date > low) and (high is None or date < high)
        return (low is None or date >= low) and (high is None or date <= high)


@dataclass(frozen=True, slots=True)
class IdFilter:
    """Articles whose id is one of `ids` (such as those a `note:` search found)."""

    ids: frozenset[str]


@dataclass(frozen=True, slots=True)
class And:
    """Every part matches."""

    parts: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    """At least one part matches."""

    parts: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class AndNot:
    """`positive` matches and `negative` does not."""

    positive: Node
    negative: Node


Node = Term | Phrase | Prefix | Fuzzy | OutletFilter | DateFilter | IdFilter | And | Or | AndNot
"""Any part of a query."""


class Near(NamedTuple):
    """A fuzzy word as written (folded) and how many edits away matches may be."""

    word: str
    distance: int


class QueryWord(NamedTuple):
    """A plain word of the query looked for (not excluded) and where it is in the query text:
    what spelling suggestions may replace."""

    start: int
    end: int
    word: str


@dataclass(slots=True)
class Highlight:
    """What to mark in a text: the terms, phrases, prefixes and fuzzy words the query looks
    for (not those it excludes)."""

    stems: set[str]
    phrases: list[tuple[str, ...]]
    prefixes: list[str]
    fuzzy: list[Near]

    @classmethod
    def nothing(cls) -> Highlight:
        """Nothing to mark."""
        return cls(set(), [], [], [])


@dataclass(slots=True)
class ParsedQuery:
    """A query's tree, what to highlight for it, its plain words (for suggestions) and the
    other names it also finds."""

    tree: Node
    highlight: Highlight
    words: list[QueryWord]
    also: list[str] = field(default_factory=list)
    """Other names the query also looks for (alias expansion), as the tables write them."""


def narrows(new: Node, old: Node) -> bool:
    """Whether every article `new` matches is certainly one `old` matches (judged on the
    trees alone: `new` is `old` with more required parts, or one of the alternatives of an
    `old` that allows several, such as the typed word among its completions). False when
    unsure."""
    if new == old:
        return True
    if isinstance(old, And):
        return all(narrows(new, part) for part in old.parts)
    if isinstance(new, Or):
        return all(narrows(part, old) for part in new.parts)
    if isinstance(new, And) and any(narrows(part, old) for part in new.parts):
        return True
    if isinstance(new, AndNot) and narrows(new.positive, old):
        return True
    if isinstance(old, Or):
        return any(narrows(new, part) for part in old.parts)
    return False
