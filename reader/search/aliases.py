"""Other names of what a query names: the alias tables read for search, and the query nodes
that also find those names.

The names come from `reader/data/aliases.yaml` and the user's additions (read with
`reader.config.load_table("aliases")`): an entity's name and its aliases (not its demonyms:
"Russian" is no name of Russia; not the `groups` section, whose aliases are adjectives such
as "Islamic" for Muslims) are one group, and the spelling variants of a given name
(`given_names`) another. A query word or phrase that is one name of a group also finds the
others (`ISIL` finds ISIS, Islamic State, Daesh). Like the entity layer, names of three letters
or fewer are case-sensitive: `DRC` is a name, `drc` is not. Search is case-folded, so a short
name is looked for as another name's alternative only when it is written in capitals, is not
a stop word (IS, US have no index term) and is not one of the English words listed in
`reader/data/search_words.yaml` (CAR, WHO): those would flood the results.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from reader.config import load_table, table_cache
from reader.search.analysis import WORD, term
from reader.search.tree import Node, Or, Phrase, Term
from reader.text import fold_name

SHORT = 3
"""Names of at most this many characters are case-sensitive."""
MAX_ALTERNATIVES = 12
"""A name finds at most this many other names."""
_SECTIONS = ("countries", "organisations", "places", "other")


@dataclass(frozen=True, slots=True)
class Name:
    """One name as the table writes it and its index terms."""

    surface: str
    stems: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Aliases:
    """The alias groups and how query text finds them."""

    groups: list[tuple[Name, ...]]
    by_stems: dict[tuple[str, ...], list[int]]
    """Index terms of a name longer than `SHORT` -> the groups it belongs to."""
    by_surface: dict[str, list[int]]
    """A short name exactly as written -> its groups."""
    given: dict[str, tuple[Name, ...]]
    """The index term of a given name -> every spelling of it (its table row)."""
    flooding: frozenset[str]
    """Short names (folded) never looked for as alternatives."""


def stems_of(text: str) -> tuple[str, ...]:
    """The index terms of a name or of query text, in order."""
    return tuple(found for found in map(term, WORD.findall(text)) if found is not None)


def _entry_names(item: object) -> list[str]:
    """An entity's name and aliases from one table entry (none for a plain string entry)."""
    if not isinstance(item, dict) or not item.get("name"):
        return []
    return [str(item["name"]), *(str(a) for a in item.get("aliases") or ())]


def _groups(table: dict[str, Any]) -> list[list[str]]:
    """The names of each entity, a user's entry naming a listed entity merged into it."""
    groups: list[list[str]] = []
    index: dict[str, int] = {}
    for section in _SECTIONS:
        items = table.get(section)
        for item in items if isinstance(items, list) else ():
            names = _entry_names(item)
            if len(names) < 2:
                continue
            key = fold_name(names[0])
            if key in index:
                groups[index[key]].extend(n for n in names[1:] if n not in groups[index[key]])
            else:
                index[key] = len(groups)
                groups.append(names)
    return groups


@table_cache
def aliases() -> Aliases:
    """The alias groups of the current tables (cached until the tables are reloaded)."""
    table = load_table("aliases")
    words = load_table("search_words")
    flooding = frozenset(fold_name(str(w)) for w in words.get("short_names_that_are_words") or ())
    groups: list[tuple[Name, ...]] = []
    by_stems: dict[tuple[str, ...], list[int]] = {}
    by_surface: dict[str, list[int]] = {}
    for names in _groups(table):
        number = len(groups)
        groups.append(tuple(Name(n, stems_of(n)) for n in names))
        for name in groups[-1]:
            if len(name.surface) <= SHORT:
                by_surface.setdefault(name.surface, []).append(number)
            elif name.stems:
                by_stems.setdefault(name.stems, []).append(number)
    given: dict[str, tuple[Name, ...]] = {}
    for row in table.get("given_names") or ():
        if isinstance(row, list):
            variants = tuple(Name(str(v), stems_of(str(v))) for v in row)
            for variant in variants:
                if len(variant.stems) == 1:
                    given.setdefault(variant.stems[0], variants)
    return Aliases(groups, by_stems, by_surface, given, flooding)


def _findable(name: Name, table: Aliases) -> bool:
    """Whether a name may be looked for as another's alternative without flooding results."""
    if not name.stems:
        return False
    if len(name.surface) > SHORT:
        return True
    return name.surface.isupper() and fold_name(name.surface) not in table.flooding


def _distinct(names: Iterable[Name], own: tuple[str, ...]) -> list[Name]:
    """Names whose terms differ from the query's and from each other, at most
    `MAX_ALTERNATIVES`."""
    seen = {own}
    kept = []
    for name in names:
        if name.stems not in seen:
            seen.add(name.stems)
            kept.append(name)
    return kept[:MAX_ALTERNATIVES]


def alternatives(text: str) -> list[Name]:
    """The other names of what query text (a word or words as written) names: its alias
    group's, else (for one word) its given name's spellings."""
    table = aliases()
    text = " ".join(text.split())
    own = stems_of(text)
    short = len(text) <= SHORT
    groups = table.by_surface.get(text, []) if short else table.by_stems.get(own, [])
    found = [n for g in groups for n in table.groups[g] if _findable(n, table)]
    if not found and len(own) == 1 and len(WORD.findall(text)) == 1:
        found = list(table.given.get(own[0], ()))
    return _distinct(found, own)


def is_name(word: str) -> bool:
    """Whether a query word is a name of the alias tables (then it gets no did-you-mean)."""
    table = aliases()
    own = stems_of(word)
    return (
        word in table.by_surface
        or (len(word) > SHORT and own in table.by_stems)
        or (len(own) == 1 and own[0] in table.given)
    )


def variant_phrases(stems: tuple[str, ...]) -> list[Name]:
    """A phrase's other spellings: each of its given names replaced by its variants
    ("sergei lavrov" -> "sergey lavrov"), at most `MAX_ALTERNATIVES`."""
    table = aliases()
    found: list[Name] = []
    for i, stem in enumerate(stems):
        for variant in table.given.get(stem, ()):
            if variant.stems and variant.stems[0] != stem:
                changed = (*stems[:i], variant.stems[0], *stems[i + 1 :])
                found.append(Name(variant.surface, changed))
    return _distinct(found, stems)


def node_of(name: Name, title_only: bool) -> Node:
    """The query node that finds a name."""
    if len(name.stems) == 1:
        return Term(name.stems[0], title_only)
    return Phrase(name.stems, title_only)


def with_alternatives(node: Node, names: list[Name], title_only: bool) -> Node:
    """A node that also finds other names."""
    return Or((node, *(node_of(n, title_only) for n in names))) if names else node
