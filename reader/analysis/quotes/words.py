"""The plain word lists attributions are read with (`data/quote_words.yaml`, user-extendable)."""

from __future__ import annotations

from dataclasses import dataclass, fields

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
    object_verbs: frozenset[str]
    irregular_past: frozenset[str]
    time_nouns: frozenset[str]
    demonstratives: frozenset[str]
    document_nouns: frozenset[str]
    context_words: frozenset[str]


@table_cache
def quote_words() -> QuoteWords:
    """The word lists of `quote_words.yaml` (shipped, with the user's additions)."""
    table = load_table("quote_words")
    lists = {
        field.name: frozenset(str(word).lower() for word in table.get(field.name) or ())
        for field in fields(QuoteWords)
    }
    return QuoteWords(**lists)
