"""The plain word lists attributions are read with (`data/quote_words.yaml`) and those of what
is never a speaker (`data/quote_speakers.yaml`), both user-extendable."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TypeVar

from reader.config import load_table, table_cache


@dataclass(frozen=True)
class QuoteWords:
    """The lists of `quote_words.yaml`, lower case; the table's comments say what each is for."""

    pronouns: frozenset[str]
    person_pronouns: frozenset[str]
    writer_pronouns: frozenset[str]
    determiners: frozenset[str]
    filler: frozenset[str]
    np_break: frozenset[str]
    name_links: frozenset[str]
    title_small_words: frozenset[str]
    abbreviations: frozenset[str]
    title_modifiers: frozenset[str]
    object_verbs: frozenset[str]
    irregular_past: frozenset[str]
    time_nouns: frozenset[str]
    demonstratives: frozenset[str]
    document_nouns: frozenset[str]
    context_words: frozenset[str]


@table_cache
def quote_words() -> QuoteWords:
    """The word lists of `quote_words.yaml` (shipped, with the user's additions)."""
    return _lists("quote_words", QuoteWords)


@dataclass(frozen=True)
class NonSpeakers:
    """The lists of `quote_speakers.yaml`, lower case."""

    platforms: frozenset[str]
    venues: frozenset[str]
    time_words: frozenset[str]
    manner_words: frozenset[str]
    function_words: frozenset[str]


@table_cache
def non_speakers() -> NonSpeakers:
    """The word lists of `quote_speakers.yaml` (shipped, with the user's additions)."""
    return _lists("quote_speakers", NonSpeakers)


_Lists = TypeVar("_Lists", QuoteWords, NonSpeakers)


def _lists(name: str, kind: type[_Lists]) -> _Lists:
    """`kind` filled from the lists of table `name`, lower case, one per field."""
    table = load_table(name)
    return kind(
        **{
            f.name: frozenset(str(word).lower() for word in table.get(f.name) or ())
            for f in fields(kind)
        }
    )
