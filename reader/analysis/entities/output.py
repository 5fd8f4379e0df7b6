"""An article's entities for the command line: a plain listing and JSON."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

from reader.analysis.entities.lexicon import is_demonym
from reader.analysis.entities.model import ArticleEntities, Entity, Mention


class NameCounts(NamedTuple):
    """An entity's mentions by its name and by a nationality word ("Russia" / "Russian")."""

    names: int
    nationality_words: int
    word: str | None = None
    """The nationality word used most, when there is one."""


def name_counts(mentions: Iterable[Mention]) -> NameCounts:
    """How many mentions name the entity and how many are nationality words standing for it:
    a nationality word has the country's key ("Russian strikes" counts for Russia), and a view
    that reads them differently shows the two apart ("Russia 4 · Russian 9")."""
    names = 0
    words: Counter[str] = Counter()
    for mention in mentions:
        if is_demonym(mention.text):
            words[mention.text] += 1
        else:
            names += 1
    word = words.most_common(1)[0][0] if words else None
    return NameCounts(names, words.total(), word)


def _ordered(result: ArticleEntities) -> list[Entity]:
    return sorted(result.entities, key=lambda e: (-len(e.mentions), e.mentions[0].start))


def format_entities(result: ArticleEntities) -> str:
    """One line per canonical entity: mention count, type and name, most mentioned first."""
    lines = [f"{len(e.mentions):>4}  {e.type.value:<12}  {e.name}" for e in _ordered(result)]
    return "\n".join(lines)


def entities_to_json(result: ArticleEntities) -> str:
    """The entities as a JSON list: name, key, type and mentions [{start, end, text}]."""
    return json.dumps(
        [
            {
                "name": e.name,
                "key": e.key,
                "type": e.type.value,
                "mentions": [{"start": m.start, "end": m.end, "text": m.text} for m in e.mentions],
            }
            for e in _ordered(result)
        ],
        ensure_ascii=False,
        indent=2,
    )
