"""Named entities in an article: mentions with offsets, types and canonical keys.

Runs of capitalised words are split and typed with the word lists in `data/entity_words.yaml`
and the alias tables in `data/aliases.yaml` (both extendable by the user, see
`reader.config.load_table`); names no rule types are scored by a small averaged perceptron
learned from CoNLL-2003 (`learned`, weights in `data/entity_types_model.json`, plain Python).
Within one article, a surname or "Mr Obama" links to the full name (a title's gender decides
between spouses), spelling variants of a given name ("Sergei"/"Sergey") and of a prefixed
surname ("al-Assad"/"al Assad"/"Assad") meet, and acronyms introduced in the text ("Syrian
Democratic Forces (SDF)") take the key of their long form. `resolve_pair` does the same across
two articles without merging two people who share a surname.

Keys read "TYPE:folded name": "person:sergey lavrov", "place:russia", "organisation:islamic
state"; a nationality word that denotes a country ("Russian", "US-led") has the country's key
(`name_counts` tells its mentions from the country's name).
Offsets are `str` indices into the text given (the cleaned article text): `text[m.start:m.end]`
is always `m.text`.

The modules, in the order a text goes through them: `lexicon` (the tables), `tokens` and
`context` (words and what is around them), `candidates` and `classify` (finding and typing
names; `learned` for what no rule decides), `within` (one article's keys and entities),
`across` (two articles), `output`.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace

from reader.analysis.entities.across import resolve_pair
from reader.analysis.entities.candidates import Extractor
from reader.analysis.entities.lexicon import is_demonym, lexicon
from reader.analysis.entities.model import ArticleEntities, Entity, EntityType, Mention
from reader.analysis.entities.output import (
    NameCounts,
    entities_to_json,
    format_entities,
    name_counts,
)
from reader.analysis.entities.within import build
from reader.analysis.quotes.view import TextView, make_view

__all__ = [
    "ArticleEntities",
    "Entity",
    "EntityType",
    "Mention",
    "NameCounts",
    "analyse",
    "entities_to_json",
    "extract_mentions",
    "format_entities",
    "is_demonym",
    "name_counts",
    "resolve_pair",
]


def extract_mentions(text: str) -> list[Mention]:
    """All entity mentions of `text` in text order, keys resolved within the text (uncached)."""
    return list(build(text, Extractor(text).run()).mentions)


_CACHE: OrderedDict[tuple[int, str], ArticleEntities] = OrderedDict()
_CACHE_SIZE = 256


def _in_source(found: ArticleEntities, view: TextView, text: str) -> ArticleEntities:
    """The entities found in a view of `text`, their mentions' offsets and words in `text`."""
    moved: dict[Mention, Mention] = {}
    for m in found.mentions:
        start, end = view.to_source_start(m.start), view.to_source_end(m.end)
        moved[m] = replace(m, start=start, end=end, text=text[start:end])
    entities = tuple(
        replace(e, mentions=tuple(moved[m] for m in e.mentions)) for e in found.entities
    )
    return ArticleEntities(tuple(moved[m] for m in found.mentions), entities)


def analyse(text: str, cache_key: str | None = None) -> ArticleEntities:
    """Mentions and entities of one article, cached per `cache_key` (the article digest)."""
    lex = lexicon()
    slot = (id(lex), cache_key if cache_key is not None else text)
    cached = _CACHE.get(slot)
    if cached is not None:
        _CACHE.move_to_end(slot)
        return cached
    view = make_view(text)
    if view.kept is None:
        result = build(text, Extractor(text).run())
    else:  # tokenised text: read 'Karine Jean - Pierre ,' as 'Karine Jean-Pierre,'
        result = _in_source(build(view.text, Extractor(view.text).run()), view, text)
    _CACHE[slot] = result
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return result
