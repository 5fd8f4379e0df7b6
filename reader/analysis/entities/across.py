"""Resolution across two articles: one entity gets one key in both.

An entity is linked only when exactly one entity of the other article matches it, both ways,
so two people who share a surname are never merged.
"""

from __future__ import annotations

from reader.analysis.entities.lexicon import Lexicon, lexicon
from reader.analysis.entities.model import GRP, LOC, PER, ArticleEntities, Entity
from reader.analysis.entities.names import initials_match, same_person, short_for
from reader.analysis.entities.spelling import skeleton
from reader.analysis.entities.within import Target, rekey


def _key_words(entity: Entity) -> list[str]:
    return entity.key.split(":", 1)[1].split()


def _matches(x: Entity, y: Entity, lex: Lexicon) -> bool:
    """Whether two entities of different articles name the same thing."""
    if x.key == y.key:
        return True
    if short_for(x, y, lex) or short_for(y, x, lex):
        return True
    if x.type is PER and y.type is PER:
        return same_person(_key_words(x), _key_words(y), lex)
    if x.type is PER or y.type is PER:
        person, other = (x, y) if x.type is PER else (y, x)
        return _surname_alone(person, other, lex)
    if x.type is not y.type:
        return False
    nx, ny = x.key.split(":", 1)[1], y.key.split(":", 1)[1]
    if x.type is LOC and (_bare_place(nx, y, lex) or _bare_place(ny, x, lex)):
        return True
    if " " not in nx and " " not in ny:
        return skeleton(nx) == skeleton(ny) and len(nx) > 3
    short, long = (x, y) if len(nx) < len(ny) else (y, x)
    acronym = short.mentions[0].text
    return (
        acronym.isupper()
        and len(short.key.split(":", 1)[1].split()) == 1
        and initials_match(acronym, tuple(long.name.split()))
    )


def _surname_alone(person: Entity, other: Entity, lex: Lexicon) -> bool:
    """Whether `other`, typed otherwise, is `person`'s surname alone and no table entry."""
    words = _key_words(other)
    return (
        other.type is not GRP
        and len(words) == 1
        and skeleton(words[0]) == skeleton(_key_words(person)[-1])
        and not any(m.text in lex.aliases for m in other.mentions)
    )


def _bare_place(name: str, bare: Entity, lex: Lexicon) -> bool:
    """Whether `bare` (a place the tables do not know) is the place called `name` without its
    class word ("Qeshm" for "Qeshm Island" or "Island of Qeshm", "Brazos" for "Brazos County")."""
    if bare.key in lex.names:
        return False
    words = name.split()
    if len(words) < 2:
        return False
    short = bare.key.split(":", 1)[1].split()
    if words[-1] in lex.place_classes:
        return words[:-1] == short
    return (
        len(words) > 2
        and words[0] in lex.place_classes
        and words[1] == "of"
        and (words[2:] == short)
    )


def resolve_pair(a: ArticleEntities, b: ArticleEntities) -> tuple[ArticleEntities, ArticleEntities]:
    """Re-key both articles so that one entity has one key in both (aliases, surnames, variants).

    An entity is linked only when exactly one entity of the other article matches it, so two
    people who share a surname are never merged.
    """
    lex = lexicon()
    links: dict[str, str] = {}  # key in b -> key in a
    a_keys = {e.key for e in a.entities}
    b_keys = {e.key for e in b.entities}
    for y in b.entities:
        if y.key in a_keys:
            continue
        options = [x for x in a.entities if x.key not in b_keys and _matches(x, y, lex)]
        if len(options) == 1:
            back = [z for z in b.entities if z.key not in a_keys and _matches(options[0], z, lex)]
            if len(back) == 1:
                links[y.key] = options[0].key
    if not links:
        return a, b
    chosen: dict[str, Target] = {}  # old key (either side) -> new key and display name
    a_by_key, b_by_key = a.by_key(), b.by_key()
    for key_b, key_a in links.items():
        x, y = a_by_key[key_a], b_by_key[key_b]
        best = max((x, y), key=lambda e: (len(e.key.split()), len(e.name), e is x))
        chosen[key_a] = chosen[key_b] = Target(best.key, best.name)
    return rekey(a, chosen), rekey(b, chosen)
