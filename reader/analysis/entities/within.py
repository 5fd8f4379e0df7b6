"""Resolution within one article: candidates become mentions with keys, grouped into entities.

A surname or "Mr Obama" links to the nearest full name before it, spelling variants of a given
name ("Sergei"/"Sergey") and of a prefixed surname ("al-Assad"/"Assad") meet, acronyms
introduced in the text ("Syrian Democratic Forces (SDF)") take the key of their long form, a
nationality word can stand for the one person it introduced ("American Tony Smith ... the
American said"), and an organisation's shorter names join it ("Mayfield Center").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import NamedTuple

from reader.analysis.entities.context import ACRONYM_DEF, word_after, word_before
from reader.analysis.entities.lexicon import Lexicon, lexicon
from reader.analysis.entities.model import (
    GRP,
    LOC,
    ORG,
    OTH,
    PER,
    ArticleEntities,
    Entity,
    EntityType,
    Mention,
)
from reader.analysis.entities.names import (
    INVERTED_HEADS,
    expanded,
    initials_match,
    name_tokens,
    person_key,
    same_person,
    short_for,
    spelled_as,
)
from reader.analysis.entities.people import OPPOSITE, generation, generation_of, pronoun_gender
from reader.analysis.entities.spelling import skeleton
from reader.analysis.entities.tokens import Candidate, without_prefix
from reader.text import fold_key

_ROLE_GAP = re.compile(r"(?:[ \t]+[a-z]+){0,2}[ \t]+")  # "American challenger Tony Smith"
_THE_BEFORE = re.compile(r"\b[Tt]he(?:[ \t]+[\w -]*?old)?[ \t]+$")  # "the 40-year-old"


class Target(NamedTuple):
    """The key an entity takes when it is merged into another, the name it then has, and its
    type when that changes too."""

    key: str
    name: str
    type: EntityType | None = None


class _Resolved(NamedTuple):
    """The key and type a candidate's mention gets."""

    key: str
    type: EntityType


class _FullName(NamedTuple):
    """A person's full name where it is mentioned."""

    start: int
    key: str


def _typed(cand: Candidate) -> EntityType:
    """The type of a candidate; every candidate has one once the extractor is done."""
    if cand.type is None:
        raise ValueError(f"untyped candidate {cand.words!r}")
    return cand.type


def build(text: str, cands: list[Candidate]) -> ArticleEntities:
    """The mentions and entities of an article from its candidates (in text order)."""
    lex = lexicon()
    _name_people_by_surname(cands, lex)
    resolver = _Resolver(text, cands, lex)
    resolved = [resolver.resolve(cand) for cand in cands]  # in order: it retypes some
    mentions = _one_type_per_name(
        [
            _mention(text, cand.start, cand.end, etype, key)
            for cand, (key, etype) in zip(cands, resolved, strict=True)
        ],
        lex,
    )
    grouped = _group(text, mentions, lex, {**resolver.pronoun_genders, **resolver.genders})
    return _merge_organisations(grouped, lex, _entered(text, mentions, lex))


def _name_people_by_surname(cands: list[Candidate], lex: Lexicon) -> None:
    """A name of two or three words typed otherwise whose last word the article uses alone for a
    person is that person's full name ("Alexandria Ocasio-Cortez", read as a place and a word,
    beside "Ocasio-Cortez said she"); not a name in the tables (they have a key), nor one with
    an organisation's word ("Lewis Department Store")."""
    organised = lex.org_words | lex.company_forms
    surnames = {
        fold_key(c.words[0]) for c in cands if c.type is PER and len(c.words) == 1 and c.key is None
    }
    for cand in cands:
        if (
            cand.type in (ORG, LOC, OTH)
            and cand.key is None
            and 2 <= len(cand.words) <= 3
            and fold_key(cand.words[-1]) in surnames
            and all(w[:1].isupper() for w in cand.words)
            and not any(w.rstrip(".") in organised for w in cand.words)
        ):
            cand.type = PER


def _mention(text: str, start: int, end: int, etype: EntityType, key: str) -> Mention:
    """The mention of text[start:end], its bracket opened where the name holds only the closing
    one ('Sen. (Lindsey) Graham' is '(Lindsey) Graham', not 'Lindsey) Graham')."""
    if start and text[start - 1] == "(" and "(" not in text[start:end] and ")" in text[start:end]:
        start -= 1
    return Mention(start, end, text[start:end], etype, key)


def _one_type_per_name(mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """One name typed two ways in one article ("Greta Thunberg" a person and, in a headline, a
    place) is one entity: the type of most of its mentions (ties: the first type by name)."""
    votes: dict[str, Counter[EntityType]] = {}
    for m in mentions:
        if m.key not in lex.names and m.type is not GRP:
            votes.setdefault(m.key.split(":", 1)[1], Counter())[m.type] += 1
    mixed = {
        name: max(counts, key=lambda t: (counts[t], t.value))
        for name, counts in votes.items()
        if len(counts) > 1
    }
    if not mixed:
        return mentions
    out = []
    for m in mentions:
        etype = mixed.get(m.key.split(":", 1)[1]) if m.key not in lex.names else None
        if etype is None or etype is m.type or m.type is GRP:
            out.append(m)
        else:
            out.append(replace(m, type=etype, key=f"{etype.value}:{m.key.split(':', 1)[1]}"))
    return out


class _Resolver:
    """The keys of one article's candidates, from what the article says of the names."""

    def __init__(self, text: str, cands: list[Candidate], lex: Lexicon) -> None:
        self.text = text
        self.lex = lex
        self.acronyms = _acronyms(text, cands)
        self.persons: dict[str, list[_FullName]] = {}  # surname -> full names with it
        self.full_names: dict[str, list[str]] = {}  # key -> name tokens
        self.person_keys: dict[int, str] = {}  # id(candidate) -> key, for full names
        self.genders: dict[str, str] = {}  # person key -> "f"/"m" by a title or given name
        self.pronoun_genders: dict[str, str] = {}  # the same by pronouns, a weaker sign
        self.counts: Counter[str] = Counter()  # person key -> mentions resolved so far
        self._read_full_names(cands)
        self.others = self._others(cands)
        self.given: dict[str, set[str]] = {}  # given, middle and nick names -> full names
        for key, tokens in self.full_names.items():
            for token in tokens[:-1]:
                self.given.setdefault(token, set()).add(key)
        self.nationals = self._nationals(cands)

    def _read_full_names(self, cands: list[Candidate]) -> None:
        """Give each person named in full a key, one key for the variants of one name."""
        lex = self.lex
        by_surname: dict[str, list[str]] = {}  # surname skeleton -> keys
        for cand in cands:
            if cand.type is not PER or len(cand.words) < 2:
                continue
            tokens = name_tokens(cand.words, lex)
            if len(tokens) < 2:
                continue
            suffix = generation(cand.words, lex)
            gender = cand.gender or lex.given_genders.get(tokens[0], "")
            same_surname = by_surname.setdefault(skeleton(tokens[-1]), [])
            key = next(
                (
                    k
                    for k in same_surname
                    if same_person(tokens, self.full_names[k], lex)
                    and generation_of(k, lex) == suffix
                    and OPPOSITE.get(gender) != self.genders.get(k)
                ),
                " ".join([person_key(tokens, lex), suffix]).rstrip(),
            )
            if key not in self.full_names:
                self.full_names[key] = tokens
                same_surname.append(key)
            if gender and key not in self.genders:
                self.genders[key] = gender
            self.person_keys[id(cand)] = key
            self.persons.setdefault(tokens[-1], []).append(_FullName(cand.start, key))
        unknown = self.full_names.keys() - self.genders.keys()
        if unknown:
            named: dict[str, list[Candidate]] = {}
            for cand in cands:
                known = self.person_keys.get(id(cand))
                if known is not None and known in unknown:
                    named.setdefault(known, []).append(cand)
            for key, mentions in named.items():
                pronoun = pronoun_gender(self.text, mentions)
                if pronoun:
                    self.pronoun_genders[key] = pronoun

    def _nationals(self, cands: list[Candidate]) -> dict[str | None, set[str]]:
        """Nationality key -> the people it introduces ("American Tony Smith", "American
        challenger Tony Smith"); a nationality word retyped in a sports report has no key."""
        nationals: dict[str | None, set[str]] = {}
        for cand, after in zip(cands, cands[1:], strict=False):
            if (
                id(after) in self.person_keys
                and _ROLE_GAP.fullmatch(self.text, cand.end, after.start)
                and (_demonym(cand, self.lex))
            ):
                nationals.setdefault(cand.key, set()).add(self.person_keys[id(after)])
        return nationals

    def resolve(self, cand: Candidate) -> _Resolved:
        """The key and type of one candidate's mention (it may retype the candidate)."""
        national = self._national(cand)
        if national is not None:
            cand.type = PER
            return _Resolved(national, PER)
        surface = " ".join(cand.words)
        if cand.key is not None and not (
            cand.type is LOC and len(cand.words) == 1 and fold_key(surface) in self.persons
        ):
            return _Resolved(cand.key, _typed(cand))
        defined = self.acronyms.get(surface)
        if defined is not None and defined is not cand:
            cand.type = defined.type
            return _Resolved(_plain_key(defined, self.lex), _typed(defined))
        return self._by_name(cand, surface)

    def _national(self, cand: Candidate) -> str | None:
        """ "American Tony Smith ... the American": the one person the nationality word alone
        stands for, if it does."""
        people = self.nationals.get(cand.key)
        if (
            people is not None
            and len(people) == 1
            and _demonym(cand, self.lex)
            and _stands_for_a_person(self.text, cand, self.lex)
        ):
            return next(iter(people))
        return None

    def _by_name(self, cand: Candidate, surface: str) -> _Resolved:
        """A name the tables do not give a key: a surname or given name of someone named in
        full, a person's own key, or the key of the name as written."""
        lex = self.lex
        tokens = name_tokens(cand.words, lex)
        single = tokens[0] if len(tokens) == 1 else None
        if single is not None and single in self.persons:
            key = self._surname_key(cand, single)
            if key is not None:
                return _Resolved(key, PER)
        elif (
            single is not None
            and not cand.regnal  # "Pope Francis" is not Francis DeBernardo
            and len(self.given.get(single, ())) == 1
            and cand.type in (PER, ORG)
        ):
            return _Resolved(next(iter(self.given[single])), PER)  # "Hillary" -> Hillary Clinton
        if cand.type is PER or single in self.persons:
            key = self.person_keys.get(id(cand)) or (
                person_key(tokens, lex) if tokens else "person:" + fold_key(surface)
            )
            self.counts[key] += 1
            if cand.gender and key not in self.full_names:
                self.genders.setdefault(key, cand.gender)
            return _Resolved(key, PER)
        return _Resolved(_plain_key(cand, lex), _typed(cand))

    def _others(self, cands: list[Candidate]) -> dict[str, tuple[str, int]]:
        """Surname -> (key, mentions) of someone called only by title and surname whom the
        title's gender tells from every full name with that surname ("Mr. Obama" in an article
        that names only Michelle Obama in full)."""
        votes: dict[str, Counter[str]] = {}
        for cand in cands:
            if not cand.gender or len(cand.words) != 1 or cand.type not in (PER, None):
                continue
            tokens = name_tokens(cand.words, self.lex)
            fulls = self.persons.get(tokens[0], []) if len(tokens) == 1 else []
            if fulls and all(self.genders.get(full.key) == OPPOSITE[cand.gender] for full in fulls):
                votes.setdefault(tokens[0], Counter())[cand.gender] += 1
        others = {}
        for surname, counts in votes.items():
            if len(counts) == 1:
                gender, n = counts.most_common(1)[0]
                others[surname] = (f"person:{surname}", n)
                self.genders[f"person:{surname}"] = gender
        return others

    def _surname_key(self, cand: Candidate, surname: str) -> str | None:
        """The person a surname alone stands for: of the full names with it that a title's
        gender allows ("Mrs. Trump" is not Donald Trump), the one mentioned most so far, then
        the nearest before; someone named only by title and surname when they are mentioned
        more ("President Obama" is Mr. Obama, not Michelle Obama); None when the title rules
        out every full name."""
        options = [
            full
            for full in self.persons[surname]
            if not (cand.gender and self.genders.get(full.key) == OPPOSITE[cand.gender])
        ]
        if not options:
            return None
        before = [full for full in options if full.start <= cand.start] or options[:1]
        seen = Counter(full.key for full in before)
        nearest = {full.key: i for i, full in enumerate(before)}
        key = max(seen, key=lambda k: (seen[k] + self.counts[k], nearest[k]))
        other = self.others.get(surname)
        if not cand.gender and other is not None and other[1] > self.counts[key]:
            key = other[0]
        self.counts[key] += 1
        return key


def _acronyms(text: str, cands: list[Candidate]) -> dict[str, Candidate]:
    """Acronyms introduced in the text -> their long form: "Syrian Democratic Forces (SDF)";
    and the first party of a court case -> the case ("Roe" -> "Roe v. Wade")."""
    acronyms: dict[str, Candidate] = {}
    for cand in cands:
        if len(cand.words) < 2:
            continue
        if cand.words[1] == "v." and cand.key is None:
            acronyms.setdefault(cand.words[0], cand)
        m = ACRONYM_DEF.match(text, cand.end)
        if m and initials_match(m.group(1), cand.words):
            acronyms[m.group(1)] = cand
    for short, long in _spelled_out(cands).items():
        acronyms.setdefault(short, long)
    return acronyms


def _spelled_out(cands: list[Candidate]) -> dict[str, Candidate]:
    """Acronyms of the article ("NRA", "SEC") -> the one organisation of the same article they
    are the initials of ("National Rifle Association", "Securities and Exchange Commission"),
    without the text defining them; an acronym two names could spell is left alone."""
    longs: dict[str, list[Candidate]] = {}
    for cand in cands:
        if cand.type is not ORG or len(cand.words) < 2:
            continue
        spelled = spelled_as(list(cand.words), True)
        for letters in spelled:
            if len(letters) >= 3 and all(cand is not c for c in longs.get(letters, [])):
                longs.setdefault(letters, []).append(cand)
    found: dict[str, Candidate] = {}
    for cand in cands:
        word = cand.words[0] if len(cand.words) == 1 else ""
        if word.isalpha() and word.isupper() and len(word) >= 3:
            names = {" ".join(c.words) for c in longs.get(word, [])}
            if len(names) == 1:
                found[word] = longs[word][0]
    return found


def _demonym(cand: Candidate, lex: Lexicon) -> bool:
    alias = lex.aliases.get(" ".join(cand.words))
    return alias is not None and alias.demonym and alias.type is LOC


def _stands_for_a_person(text: str, cand: Candidate, lex: Lexicon) -> bool:
    """ "the American said", "the 40-year-old Ukrainian, who": a nationality word as a noun."""
    if not _THE_BEFORE.search(text, max(0, cand.start - 40), cand.start):
        return False
    following = text[cand.end : cand.end + 20]
    after = word_after(text, cand.end).lower()
    return (
        following[:1] in (",", ".", ";", ":", ")", "'", "’")
        or after in lex.speech_verbs
        or after in lex.person_verbs
    )


def _plain_key(cand: Candidate, lex: Lexicon) -> str:
    words = expanded(cand.words, lex) if cand.type is not PER else cand.words
    tokens = name_tokens(words, lex) or [fold_key(" ".join(cand.words))]
    tokens = [lex.spellings.get(t, t) for t in tokens]
    if cand.type is ORG:
        tokens = _head_first(tokens)
    return f"{_typed(cand).value}:{' '.join(tokens)}"


def _head_first(tokens: list[str]) -> list[str]:
    """ "justice department" and "department of the justice" -> "department of justice": one
    key for the two forms of a ministry's name."""
    if len(tokens) > 2 and tokens[0] in INVERTED_HEADS and tokens[1] == "of":
        rest = tokens[3:] if tokens[2] == "the" and len(tokens) > 3 else tokens[2:]
        return [tokens[0], "of", *rest]
    if 1 < len(tokens) <= 3 and tokens[-1] in INVERTED_HEADS and "of" not in tokens:
        return [tokens[-1], "of", *tokens[:-1]]
    return tokens


def _entered(text: str, mentions: list[Mention], lex: Lexicon) -> frozenset[str]:
    """The keys of names only ever after "at", "into", "entered", "to" ("in" for a person's
    name) whose first word starts an organisation's name: "checked into Betty Ford" may name
    an institution named after her (merged when the article names exactly one)."""
    org_heads = {fold_key(m.text).split()[0] for m in mentions if m.type is ORG and " " in m.text}
    if not org_heads:
        return frozenset()
    named = {
        m.key
        for m in mentions
        if m.type in (PER, LOC)
        and m.key not in lex.names
        and fold_key(m.text).split()[0] in org_heads
    }
    entered: dict[str, bool] = {}
    for m in mentions:
        if m.key in named:
            before = word_before(text, m.start).lower()
            entered[m.key] = (
                entered.get(m.key, True)
                and before in lex.entered_words
                and (m.type is PER or before != "in")
            )
    return frozenset(key for key, ok in entered.items() if ok)


def _merge_organisations(
    result: ArticleEntities, lex: Lexicon, placed: frozenset[str] = frozenset()
) -> ArticleEntities:
    """One organisation under its shorter names in one article ("Mayfield Center" and
    "Mayfield Treatment Center"), when the longer name is the only one that fits; a person's or
    place's name used only after "at", "into" ("at Betty Ford") is the organisation named
    after it ("Betty Ford Center") when that is the only one that fits."""
    orgs = [e for e in result.entities if e.type is ORG]
    if not orgs or len(orgs) + len(placed) < 2:
        return result
    by_word: dict[str, list[Entity]] = {}
    for org in orgs:
        for word in set(fold_key(org.name).split()):
            by_word.setdefault(word, []).append(org)
    chosen: dict[str, Target] = {}
    for short in orgs:
        last = fold_key(short.name).split()[-1]  # every shorter name keeps the last word it has
        longer = [e for e in by_word[last] if e is not short and short_for(short, e, lex)]
        if len(longer) == 1:
            chosen[short.key] = Target(longer[0].key, longer[0].name)
    retype: dict[str, EntityType] = {}
    for short in result.entities:
        if short.key not in placed:
            continue
        words = fold_key(short.name).split()
        longer = [
            e
            for e in by_word.get(words[0], ())
            if len(e.name.split()) > len(words) and fold_key(e.name).split()[: len(words)] == words
        ]
        if len(longer) == 1:
            chosen[short.key] = Target(longer[0].key, longer[0].name)
            retype[short.key] = ORG
    if retype:
        result = _retyped(result, retype)
    for key, target in list(chosen.items()):
        while target.key in chosen:
            target = chosen[target.key]
        chosen[key] = target
    return rekey(result, chosen) if chosen else result


def _retyped(result: ArticleEntities, retype: dict[str, EntityType]) -> ArticleEntities:
    """The entities whose keys `retype` names, and their mentions, with the type it gives."""
    return ArticleEntities(
        tuple(replace(m, type=retype[m.key]) if m.key in retype else m for m in result.mentions),
        tuple(
            replace(
                e,
                type=retype[e.key],
                mentions=tuple(replace(m, type=retype[m.key]) for m in e.mentions),
            )
            if e.key in retype
            else e
            for e in result.entities
        ),
    )


def _group(
    text: str, mentions: list[Mention], lex: Lexicon, genders: dict[str, str]
) -> ArticleEntities:
    """Group mentions by key; the display name is the table name or the fullest surface form."""
    by_key: dict[str, list[Mention]] = {}
    for mention in mentions:
        by_key.setdefault(mention.key, []).append(mention)
    entities = []
    for key, group in by_key.items():
        name = _display_name(key, group, lex)
        person = group[0].type is PER
        gender = genders.get(key, "") if person else ""
        modifier = (
            (person or key not in lex.names)
            and " " not in key
            and all(word_after(text, m.end).lower() in lex.modifier_nouns for m in group)
        )
        entities.append(Entity(key, name, group[0].type, tuple(group), gender, modifier))
    return ArticleEntities(tuple(mentions), tuple(entities))


def _unbracketed(words: str) -> str:
    """A name without the brackets of a given name an editor put in ('(Lindsey) Graham')."""
    return words.replace("(", " ").replace(")", " ") if ")" in words else words


def _display_name(key: str, group: list[Mention], lex: Lexicon) -> str:
    table_name = lex.names.get(key)
    if table_name is not None:
        return table_name
    surfaces = Counter(
        without_prefix(lex.adjective.sub("", " ".join(_unbracketed(m.text).split())), lex)
        for m in group
    )
    return max(surfaces, key=lambda s: (len(s.split()), surfaces[s], len(s), s))


def rekey(side: ArticleEntities, chosen: dict[str, Target]) -> ArticleEntities:
    """An article's entities with the keys in `chosen` replaced by their targets."""
    if not any(e.key in chosen for e in side.entities):
        return side
    mentions = tuple(
        replace(m, key=chosen[m.key].key, type=chosen[m.key].type or m.type)
        if m.key in chosen
        else m
        for m in side.mentions
    )
    by_key: dict[str, list[Mention]] = {}
    for mention in mentions:
        by_key.setdefault(mention.key, []).append(mention)
    entities: dict[str, Entity] = {}
    for entity in side.entities:
        key, name, etype = chosen.get(entity.key, Target(entity.key, entity.name))
        if key not in entities:
            entities[key] = Entity(
                key,
                name,
                etype or entity.type,
                tuple(by_key[key]),
                entity.gender,
                entity.modifier_only,
            )
    return ArticleEntities(mentions, tuple(entities.values()))
