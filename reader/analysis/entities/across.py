"""Resolution across two articles: one entity gets one key, one name and one type in both.

An entity is linked only when exactly one entity of the other article matches it, both ways,
so two people who share a surname are never merged; a title's gender ("Mrs. Clinton") and a
generation suffix ("Donald Trump Jr.") tell people apart, and a person is never linked to the
organisation or place named after them ("Trump" / "Trump Organization"). The outcome does not
depend on which article is given first: names and types are chosen by content alone.
"""

from __future__ import annotations

from reader.analysis.entities.lexicon import Lexicon, lexicon
from reader.analysis.entities.model import GRP, LOC, ORG, OTH, PER, ArticleEntities, Entity
from reader.analysis.entities.names import INVERTED_HEADS, same_person, short_for, spelled_as
from reader.analysis.entities.spelling import skeleton
from reader.analysis.entities.within import Target, rekey


def _key_words(entity: Entity) -> list[str]:
    return entity.key.split(":", 1)[1].split()


def _org_forms(words: list[str]) -> set[tuple[str, ...]]:
    """An organisation's name and its inverted form ("justice department" / "department of
    justice")."""
    forms = {tuple(words)}
    if len(words) > 2 and words[0] in INVERTED_HEADS and words[1] == "of":
        forms.add((*words[2:], words[0]))
    elif len(words) > 1 and words[-1] in INVERTED_HEADS:
        forms.add((words[-1], "of", *words[:-1]))
    return forms


def _people_match(x: Entity, y: Entity, lex: Lexicon) -> bool:
    """Two people of different articles who may be one: names agree (a one-word name only as
    the surname, and not a surname only ever used as a modifier, "the Clinton campaign"), and no
    title, given name or pronoun gives them different genders."""
    if x.gender and y.gender and x.gender != y.gender:
        return False
    if x.modifier_only or y.modifier_only:
        return False  # "the Clinton campaign" is not Chelsea Clinton
    return same_person(_key_words(x), _key_words(y), lex, given_alone=False)


def _matches(x: Entity, y: Entity, lex: Lexicon) -> bool:
    """Whether two entities of different articles name the same thing."""
    if x.key == y.key:
        return True
    nx, ny = x.key.split(":", 1)[1], y.key.split(":", 1)[1]
    if x.type is not y.type and nx == ny and GRP not in (x.type, y.type):
        # one name typed two ways ("Orlando" a place and an organisation): one entity, unless
        # the tables know both ("Georgia" the country and the US state)
        return not (x.key in lex.names and y.key in lex.names)
    if short_for(x, y, lex) or short_for(y, x, lex):
        return True
    if _first_party(x, y) or _first_party(y, x):
        return True
    if x.type is PER and y.type is PER:
        return _people_match(x, y, lex)
    if x.type is PER or y.type is PER:
        person, other = (x, y) if x.type is PER else (y, x)
        return _surname_alone(person, other, lex)
    if x.type is not y.type:
        return False
    if x.type is LOC and (_bare_place(nx, y, lex) or _bare_place(ny, x, lex)):
        return True
    if x.type is ORG and not _org_forms(nx.split()).isdisjoint(_org_forms(ny.split())):
        return True
    if " " not in nx and " " not in ny:
        return skeleton(nx) == skeleton(ny) and len(nx) > 3
    return _acronym_of(x, y) or _acronym_of(y, x)


def _first_party(short: Entity, case: Entity) -> bool:
    """Whether `short` is one word, the first party of the court case `case` ("Roe" for "Roe
    v. Wade")."""
    words = _key_words(short)
    return (
        case.type is OTH
        and " v. " in case.name
        and short.type is not GRP
        and len(words) == 1
        and words[0] == _key_words(case)[0]
    )


def _acronym_of(short: Entity, long: Entity) -> bool:
    """Whether `short` is written as an acronym of `long` or of its inverted form ("DOJ" for
    "Justice Department"); looser matches are left to acronyms an article defines itself
    ("Syrian Democratic Forces (SDF)")."""
    acronym = short.mentions[0].text
    if not acronym.isupper() or len(_key_words(short)) != 1 or len(_key_words(long)) < 2:
        return False
    letters = "".join(c for c in acronym if c.isalpha()).upper()
    return letters in spelled_as(long.name.split(), long.type is ORG)


def _surname_alone(person: Entity, other: Entity, lex: Lexicon) -> bool:
    """Whether `other`, typed otherwise, is `person`'s surname alone and no table entry, nor
    only ever before a noun ("the Fairweather campaign")."""
    words = _key_words(other)
    return (
        other.type is not GRP
        and not other.modifier_only
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


def _links(a: ArticleEntities, b: ArticleEntities, lex: Lexicon) -> list[tuple[Entity, Entity]]:
    """The pairs (entity of a, entity of b) that match each other and nothing else."""
    a_keys = {e.key for e in a.entities}
    b_keys = {e.key for e in b.entities}
    a_open = [x for x in a.entities if x.key not in b_keys]
    b_open = [y for y in b.entities if y.key not in a_keys]
    links = []
    for y in b_open:
        options = _preferred(y, [x for x in a_open if _matches(x, y, lex)])
        if len(options) == 1:
            back = _preferred(options[0], [z for z in b_open if _matches(options[0], z, lex)])
            if back == [y]:
                links.append((options[0], y))
    return links


def _preferred(entity: Entity, options: list[Entity]) -> list[Entity]:
    """Of several entities that match `entity`, the one with the same name when there is
    exactly one ("Morningside Recovery" a person in one article and a place in the other, rather
    than "Morningside" alone)."""
    if len(options) < 2:
        return options
    name = _key_words(entity)
    same = [o for o in options if _key_words(o) == name]
    return same if len(same) == 1 else options


def _canonical(x: Entity, y: Entity, lex: Lexicon) -> Target:
    """The key, name and type two linked entities share, chosen by content alone: a court
    case's or a table entry's type, else the type with more mentions; then the fuller name;
    ties by the text."""
    etype = x.type
    if _first_party(x, y) or _first_party(y, x):
        etype = OTH  # "Roe" and "Roe v. Wade": the case
    elif x.type is not y.type:
        tabled = [e.type for e in (x, y) if e.key in lex.names]
        votes = {x.type: 0, y.type: 0}
        for e in (x, y):
            votes[e.type] += len(e.mentions)
        etype = tabled[0] if len(tabled) == 1 else max(votes, key=lambda t: (votes[t], t.value))
    best = max(
        (e for e in (x, y) if e.type is etype),
        key=lambda e: (e.key in lex.names, len(e.key.split()), len(e.name), e.name, e.key),
    )
    return Target(best.key, best.name, etype)


def resolve_pair(a: ArticleEntities, b: ArticleEntities) -> tuple[ArticleEntities, ArticleEntities]:
    """Re-key both articles so that one entity has one key in both (aliases, surnames, variants).

    An entity is linked only when exactly one entity of the other article matches it, so two
    people who share a surname are never merged. An entity both articles already key alike gets
    one display name and one type in both. `resolve_pair(b, a)` is `resolve_pair(a, b)` with
    the sides exchanged.
    """
    lex = lexicon()
    chosen: dict[str, Target] = {}  # old key (either side) -> new key, name and type
    for x, y in _links(a, b, lex):
        chosen[x.key] = chosen[y.key] = _canonical(x, y, lex)
    b_by_key = b.by_key()
    for x in a.entities:
        same = b_by_key.get(x.key)
        if same is not None and (x.name != same.name or x.type is not same.type):
            chosen[x.key] = _canonical(x, same, lex)
    if not chosen:
        return a, b
    return rekey(a, chosen), rekey(b, chosen)
