"""The plain word lists attributions are read with (`data/quote_words.yaml`) and those of what
is never a speaker (`data/quote_speakers.yaml`), both user-extendable; and the verbs and adverbs
learned from tagged text (`data/verb_words.json`, bench/train_word_classes.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from functools import cache
from importlib import resources
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
    organisation_nouns: frozenset[str]
    member_nouns: frozenset[str]
    office_nouns: frozenset[str]
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
    number_words: frozenset[str]


@table_cache
def non_speakers() -> NonSpeakers:
    """The word lists of `quote_speakers.yaml` (shipped, with the user's additions)."""
    return _lists("quote_speakers", NonSpeakers)


@cache
def verb_words() -> frozenset[str]:
    """Lower-case words that are verbs, modals or adverbs in tagged news, never a noun phrase's
    head ('goes', 'should', 'actually'): `data/verb_words.json`."""
    path = resources.files("reader.data").joinpath("verb_words.json")
    return frozenset(json.loads(path.read_text(encoding="utf-8"))["words"])


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
