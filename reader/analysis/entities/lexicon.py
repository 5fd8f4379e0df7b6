"""The lexicon built from the data tables: aliases, word lists and the pattern of a name run.

The word lists come from `data/entity_words.yaml`, the alias tables from `data/aliases.yaml`
(both extendable by the user, see `reader.config.load_table`). The lexicon is built once and
rebuilt after `reader.config.reload_tables`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, NamedTuple

from reader.analysis.entities.model import GRP, LOC, ORG, OTH, PER, EntityType
from reader.analysis.entities.spelling import skeleton
from reader.config import load_table, table_cache
from reader.text import fold_key

_UPPER = "".join(c for c in map(chr, range(0x41, 0x530)) if c.isupper())


@dataclass(frozen=True, slots=True)
class Alias:
    """What a table entry's surface form stands for."""

    type: EntityType
    key: str
    name: str
    demonym: bool = False
    country: bool = False


NOT_COUNTRY = Alias(OTH, "", "")  # the default of alias look-ups that test `.type` or `.country`


@dataclass(frozen=True)
class Lexicon:
    """Everything the rules look words up in, built from the data tables."""

    aliases: dict[str, Alias]  # exact surface form -> alias
    names: dict[str, str]  # key -> display name of table entries
    folded_aliases: dict[str, Alias]  # casefolded surface form (longer than 3 chars) -> alias
    max_alias_words: int
    alias_heads: frozenset[str]  # first words of table entries of several words
    single_aliases: frozenset[str]  # one-word table entries that are not also other words
    given_names: dict[str, str]  # folded variant -> folded canonical variant
    given_skeletons: dict[str, frozenset[str]]  # canonical variant -> skeletons of all variants
    titles: frozenset[str]
    honorifics: frozenset[str]  # "Mr", "Dr": titles after which a title word is a surname
    title_genders: dict[str, str]  # "Mrs" -> "f", "Mr" -> "m"
    regnal_titles: frozenset[str]  # "Pope", "King": titles followed by a given name
    given_genders: dict[str, str]  # folded given name -> "f" or "m"
    particles: frozenset[str]
    name_prefixes: frozenset[str]
    generations: frozenset[str]  # "Jr", "III": after a surname
    folded_generations: frozenset[str]  # "jr", "iii"
    org_suffixes: frozenset[str]
    org_of_heads: frozenset[str]
    place_of_heads: frozenset[str]
    place_suffixes: frozenset[str]
    other_suffixes: frozenset[str]
    numbered_heads: frozenset[str]  # "Section" of "Section 230": the number is in the name
    never: frozenset[str]  # months, weekdays, debris
    debris: frozenset[str]  # "Photo", "Share", "Policy": page furniture, never a name alone
    function: frozenset[str]
    common: frozenset[str]
    not_names: frozenset[str]  # never | common
    org_words: frozenset[str]  # org_of_heads | org_suffixes
    fragment_words: frozenset[str]  # "Council", "Department": no name standing alone
    company_forms: frozenset[str]  # "Inc", "Corp", "Ltd", ...
    suffixes: frozenset[str]  # org, place and other suffixes
    first_names: frozenset[str]
    speech_verbs: frozenset[str]
    person_verbs: frozenset[str]  # "the American was": a nationality word standing for a person
    entered_words: frozenset[str]  # "checked into Betty Ford": an institution named after someone
    place_classes: frozenset[str]  # "island", "county": a place is also named without them
    place_modifiers: frozenset[str]
    spellings: dict[str, str]
    sports_words: frozenset[str]
    place_prepositions: frozenset[str]
    place_of_nouns: frozenset[str]  # "residents" in "residents of Brennan"
    state_abbreviations: frozenset[str]
    state_names: dict[str, str]  # "Ky" -> "Kentucky": the state of a party tag
    person_roles: frozenset[str]  # "spokesman", "bowler": before a name
    role_nouns: dict[str, EntityType]  # "airbase" -> place, "regime" -> person, ...
    modifier_nouns: frozenset[str]  # "campaign" after "the Clinton"
    common_endings: tuple[str, ...]
    other_endings: tuple[str, ...]  # "-ism": a doctrine's or a faith's name
    adjective: re.Pattern[str]  # "-based" at the end of a word
    adjective_prefixes: frozenset[str]  # "anti", "post": before a hyphen and a name
    run: re.Pattern[str]


class _Entry(NamedTuple):
    """One entry of an alias table section."""

    name: str
    aliases: list[str]
    demonyms: list[str]
    item: dict[str, Any]  # the entry as written (its `type`, if any)


def _words(table: dict[str, Any], name: str) -> frozenset[str]:
    items = table.get(name)
    return frozenset(str(word) for word in items) if isinstance(items, list) else frozenset()


def _entries(items: object) -> list[_Entry]:
    out = []
    for item in items if isinstance(items, list) else ():
        if isinstance(item, str):
            out.append(_Entry(item, [], [], {}))
        elif isinstance(item, dict) and item.get("name"):
            out.append(
                _Entry(
                    str(item["name"]),
                    [str(a) for a in item.get("aliases") or ()],
                    [str(d) for d in item.get("demonyms") or ()],
                    item,
                )
            )
    return out


_SECTIONS = (
    ("countries", LOC),
    ("organisations", ORG),
    ("places", LOC),
    ("groups", GRP),
    ("other", OTH),
)


def _aliases(table: dict[str, Any]) -> dict[str, Alias]:
    """Every surface form of the alias tables (names, aliases, demonyms) -> what it stands for."""
    aliases: dict[str, Alias] = {}

    def add(surface: str, alias: Alias) -> None:
        aliases.setdefault(" ".join(surface.split()), alias)

    for section, default_type in _SECTIONS:
        for name, others, demonyms, item in _entries(table.get(section)):
            etype = EntityType(item.get("type", default_type.value))
            key = f"{etype.value}:{fold_key(name)}"
            existing = aliases.get(name)
            if existing is not None:  # a user entry adding aliases to a shipped entity
                etype, key, name = existing.type, existing.key, existing.name
            country = section == "countries"
            for surface in (name, *others):
                add(surface, Alias(etype, key, name, country=country))
            for surface in demonyms:
                add(surface, Alias(etype, key, name, demonym=True, country=country))
    return aliases


def _given_genders(words: dict[str, Any], first_names: frozenset[str]) -> dict[str, str]:
    """Folded given name -> "f" or "m": the female list, and the other known given names that
    are not unisex."""
    female = _words(words, "female_given_names")
    unisex = _words(words, "unisex_given_names")
    genders = {fold_key(name): "m" for name in first_names - female - unisex}
    genders.update((fold_key(name), "f") for name in female - unisex)
    return genders


def _given_names(table: dict[str, Any]) -> dict[str, str]:
    """Folded variant of a given name -> the folded first variant of its table row."""
    given: dict[str, str] = {}
    for variants in table.get("given_names") or ():
        if not isinstance(variants, list) or not variants:
            continue
        folded_variants = [fold_key(str(v)) for v in variants]
        for variant in folded_variants:
            given.setdefault(variant, folded_variants[0])
    return given


@table_cache
def lexicon() -> Lexicon:
    """The lexicon of the current data tables (cached until the tables are reloaded)."""
    table = load_table("aliases")
    words = load_table("entity_words")
    state_names = {str(k): str(v) for k, v in (words.get("state_names") or {}).items()}
    aliases = _aliases(table)
    given = _given_names(table)
    first_names = _words(words, "first_names")
    never = _words(words, "months") | _words(words, "weekdays") | _words(words, "debris")
    common = _words(words, "common_words") - first_names
    titles = _words(words, "titles")
    abbreviations = sorted(_words(words, "abbreviations"), key=len, reverse=True)
    particles = _words(words, "particles")
    prefixes = _words(words, "name_prefixes")
    generations = _words(words, "generation_suffixes")
    spellings = words.get("spelling_variants")
    spellings = spellings if isinstance(spellings, dict) else {}
    adjective_suffixes = sorted(_words(words, "adjective_suffixes"), key=len, reverse=True)
    adjective_prefixes = _words(words, "adjective_prefixes")
    return Lexicon(
        aliases=aliases,
        names={alias.key: alias.name for alias in aliases.values()},
        folded_aliases={s.casefold(): alias for s, alias in aliases.items() if len(s) > 3},
        max_alias_words=max(len(surface.split()) for surface in aliases),
        alias_heads=frozenset(s.split()[0] for s in aliases if " " in s),
        single_aliases=frozenset(
            s
            for s in aliases
            if " " not in s
            and "-" not in s
            and s not in never
            and s.capitalize() not in common
            and s not in first_names
            and s not in titles
        ),
        given_names=given,
        given_skeletons={
            canonical: frozenset(skeleton(v) for v, c in given.items() if c == canonical)
            for canonical in set(given.values())
        },
        titles=titles,
        honorifics=_words(words, "honorifics"),
        title_genders={
            **{t: "m" for t in _words(words, "male_titles")},
            **{t: "f" for t in _words(words, "female_titles")},
        },
        given_genders=_given_genders(words, first_names),
        regnal_titles=_words(words, "regnal_titles"),
        particles=particles,
        name_prefixes=prefixes,
        generations=generations,
        folded_generations=frozenset(fold_key(word) for word in generations),
        org_suffixes=_words(words, "org_suffixes"),
        org_of_heads=_words(words, "org_of_heads"),
        place_of_heads=_words(words, "place_of_heads"),
        place_suffixes=_words(words, "place_suffixes"),
        other_suffixes=_words(words, "other_suffixes"),
        numbered_heads=_words(words, "numbered_heads"),
        never=never,
        debris=_words(words, "debris"),
        function=_words(words, "function_words"),
        common=common,
        not_names=never | common,
        org_words=_words(words, "org_of_heads") | _words(words, "org_suffixes"),
        fragment_words=_words(words, "fragment_words"),
        company_forms=_words(words, "company_forms"),
        suffixes=(
            _words(words, "org_suffixes")
            | _words(words, "place_suffixes")
            | _words(words, "other_suffixes")
        ),
        first_names=first_names,
        speech_verbs=_words(words, "speech_verbs"),
        person_verbs=_words(words, "person_verbs"),
        entered_words=_words(words, "entered_words"),
        place_classes=_words(words, "place_classes"),
        place_modifiers=_words(words, "place_modifiers"),
        spellings={fold_key(str(k)): fold_key(str(v)) for k, v in spellings.items()},
        sports_words=_words(words, "sports_words"),
        place_prepositions=_words(words, "place_prepositions"),
        place_of_nouns=_words(words, "place_of_nouns"),
        state_abbreviations=_words(words, "state_abbreviations") | frozenset(state_names),
        state_names=state_names,
        person_roles=_words(words, "person_roles"),
        role_nouns={
            noun: etype
            for name, etype in (
                ("place_nouns", LOC),
                ("person_nouns", PER),
                ("organisation_nouns", ORG),
            )
            for noun in _words(words, name)
        },
        modifier_nouns=_words(words, "modifier_nouns"),
        common_endings=tuple(_words(words, "common_endings")),
        other_endings=tuple(_words(words, "other_endings")),
        adjective=re.compile(rf"-(?:{'|'.join(map(re.escape, adjective_suffixes))})$"),
        adjective_prefixes=adjective_prefixes,
        run=_run_pattern(
            abbreviations,
            particles,
            prefixes,
            adjective_suffixes,
            _words(words, "company_forms"),
            adjective_prefixes,
        ),
    )


def _run_pattern(
    abbreviations: list[str],
    particles: frozenset[str],
    prefixes: frozenset[str],
    adjective_suffixes: list[str],
    company_forms: frozenset[str],
    adjective_prefixes: frozenset[str],
) -> re.Pattern[str]:
    """A run of capitalised tokens, possibly joined by connectors ("of", "de", "and", "&")."""
    u = _UPPER
    abbrev = "|".join(re.escape(a) for a in abbreviations)
    prefix = "|".join(sorted((re.escape(p) for p in prefixes), key=len, reverse=True))
    adjective = "|".join(map(re.escape, adjective_suffixes))
    syllables = rf"[{u}][a-z]{{1,4}}-(?!(?:{adjective})\b)[a-z]{{2,4}}\b(?!-)"  # "Ki-moon"
    word = (
        rf"(?:{syllables}|[{u}][^\W_]*(?:-(?:[a-z]{{1,3}}-)?[{u}0-9][^\W_]*)*"
        rf"(?:['’](?!(?:s|ve|m|re|ll|d|t)\b)[a-z][^\W_]*)?(?:['’][{u}][^\W_]*)?)"
        rf"(?:-(?:{adjective})\b)?"
    )
    forms = "|".join(sorted((re.escape(f) for f in company_forms), key=len, reverse=True))
    lead = "|".join(sorted(map(re.escape, adjective_prefixes), key=len, reverse=True))
    lead = rf"(?:(?:{lead})-(?=[{u}]))?" if lead else ""  # "anti-", "post-" before a name
    token = (
        rf"(?<![\w.]){lead}(?:(?:[{u}]\.){{2,}}(?:-(?:{adjective})\b)?"
        rf"|(?:{abbrev})\.(?=[ \t]+\(?[{u}])"  # 'Sen. Ann', 'Sen. (Lindsey) Graham'
        rf"|(?:{forms})\.(?=[ \t]*[,;:)]|[ \t]+[a-z])"
        rf"|[{u}]\.(?=[ \t]+[{u}][a-z])|(?:(?:{prefix})[-‑])?{word})"
    )
    connectors = sorted(
        {"of", "and", "the", "for", "on", "upon", "in", "v.", *particles}, key=len, reverse=True
    )
    conn = "|".join(re.escape(c) for c in connectors)
    nickname = rf"(?:\([{u}][a-z]+\)|\"[{u}][a-z]+\"|“[{u}][a-z]+”)"  # "Daniel (Danny) Okafor"
    gap = (
        rf"(?:[ \t\u00a0]+(?:(?:{conn}|{nickname})[ \t\u00a0]+)*"
        rf"|[ \t\u00a0]*&[ \t\u00a0]*)"
    )
    return re.compile(rf"{token}(?:{gap}{token})*")


def is_demonym(text: str) -> bool:
    """True when `text` is a nationality or group word ("Russian", "Kurds"), not a proper name."""
    alias = lexicon().aliases.get(" ".join(text.split()))
    return alias is not None and (alias.demonym or alias.type is GRP)
