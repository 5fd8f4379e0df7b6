"""Named entities in an article: mentions with offsets, types and canonical keys.

The extractor is rule-based and needs no model: runs of capitalised words are split and typed
with the word lists in `data/entity_words.yaml` and the alias tables in `data/aliases.yaml`
(both extendable by the user, see `reader.config.load_table`). Within one article, a surname or
"Mr Obama" links to the full name, spelling variants of a given name ("Sergei"/"Sergey") and of
a prefixed surname ("al-Assad"/"al Assad"/"Assad") meet, and acronyms introduced in the text
("Syrian Democratic Forces (SDF)") take the key of their long form. `resolve_pair` does the same
across two articles without merging two people who share a surname.

Keys read "TYPE:folded name": "person:sergey lavrov", "place:russia", "organisation:islamic
state"; a nationality word that denotes a country ("Russian", "US-led") has the country's key.
Offsets are `str` indices into the text given (the cleaned article text): `text[m.start:m.end]`
is always `m.text`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, OrderedDict
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import lru_cache

from reader.config import load_table, table_cache


class EntityType(StrEnum):
    """What kind of thing an entity is."""

    PERSON = "person"
    ORGANISATION = "organisation"
    PLACE = "place"  # countries, cities, regions
    GROUP = "group"  # nationalities, peoples and faiths that do not denote a country
    OTHER = "other"  # events, awards, laws, products


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention: `text[start:end] == text` of the article; `key` is its entity's key."""

    start: int
    end: int
    text: str
    type: EntityType
    key: str


@dataclass(frozen=True, slots=True)
class Entity:
    """One canonical entity of an article with all its mentions."""

    key: str
    name: str
    type: EntityType
    mentions: tuple[Mention, ...]


@dataclass(frozen=True, slots=True)
class ArticleEntities:
    """The mentions of an article (in text order) and the entities they group into."""

    mentions: tuple[Mention, ...]
    entities: tuple[Entity, ...]

    def by_key(self) -> dict[str, Entity]:
        """The entities keyed by their canonical key."""
        return {entity.key: entity for entity in self.entities}


_PER, _ORG, _LOC = EntityType.PERSON, EntityType.ORGANISATION, EntityType.PLACE
_GRP, _OTH = EntityType.GROUP, EntityType.OTHER

# --- the lexicon built from the data tables -----------------------------------------------------

_UPPER = "".join(c for c in map(chr, range(0x41, 0x530)) if c.isupper())


@dataclass(frozen=True, slots=True)
class _Alias:
    type: EntityType
    key: str
    name: str
    demonym: bool = False
    country: bool = False


_NOT_COUNTRY = _Alias(_OTH, "", "")


@dataclass(frozen=True)
class _Lexicon:
    aliases: dict[str, _Alias]  # exact surface form -> alias
    names: dict[str, str]  # key -> display name of table entries
    folded_aliases: dict[str, _Alias]  # casefolded surface form (longer than 3 chars) -> alias
    max_alias_words: int
    alias_heads: frozenset[str]  # first words of table entries of several words
    single_aliases: frozenset[str]  # one-word table entries that are not also other words
    given_names: dict[str, str]  # folded variant -> folded canonical variant
    given_skeletons: dict[str, frozenset[str]]  # canonical variant -> skeletons of all variants
    titles: frozenset[str]
    particles: frozenset[str]
    name_prefixes: frozenset[str]
    org_suffixes: frozenset[str]
    org_of_heads: frozenset[str]
    place_of_heads: frozenset[str]
    place_suffixes: frozenset[str]
    other_suffixes: frozenset[str]
    never: frozenset[str]  # months, weekdays, debris
    function: frozenset[str]
    common: frozenset[str]
    not_names: frozenset[str]  # never | common
    org_words: frozenset[str]  # org_of_heads | org_suffixes
    company_forms: frozenset[str]  # "Inc", "Corp", "Ltd", ...
    suffixes: frozenset[str]  # org, place and other suffixes
    first_names: frozenset[str]
    speech_verbs: frozenset[str]
    place_modifiers: frozenset[str]
    spellings: dict[str, str]
    sports_words: frozenset[str]
    place_prepositions: frozenset[str]
    state_abbreviations: frozenset[str]
    person_roles: frozenset[str]  # "spokesman", "bowler": before a name
    role_nouns: dict[str, EntityType]  # "airbase" -> place, "regime" -> person, ...
    common_endings: tuple[str, ...]
    adjective: re.Pattern[str]  # "-based" at the end of a word
    run: re.Pattern[str]


def _words(table: dict, name: str) -> frozenset[str]:
    items = table.get(name)
    return frozenset(str(word) for word in items) if isinstance(items, list) else frozenset()


def _entries(items: list | None) -> list[tuple[str, list[str], list[str], dict]]:
    out = []
    for item in items if isinstance(items, list) else ():
        if isinstance(item, str):
            out.append((item, [], [], {}))
        elif isinstance(item, dict) and item.get("name"):
            out.append(
                (
                    str(item["name"]),
                    [str(a) for a in item.get("aliases") or ()],
                    [str(d) for d in item.get("demonyms") or ()],
                    item,
                )
            )
    return out


@table_cache
def _lexicon() -> _Lexicon:
    table = load_table("aliases")
    words = load_table("entity_words")
    aliases: dict[str, _Alias] = {}

    def add(surface: str, alias: _Alias) -> None:
        aliases.setdefault(" ".join(surface.split()), alias)

    sections = (
        ("countries", _LOC),
        ("organisations", _ORG),
        ("places", _LOC),
        ("groups", _GRP),
        ("other", _OTH),
    )
    for section, default_type in sections:
        for name, others, demonyms, item in _entries(table.get(section)):
            etype = EntityType(item.get("type", default_type.value))
            key = f"{etype.value}:{_fold(name)}"
            existing = aliases.get(name)
            if existing is not None:  # a user entry adding aliases to a shipped entity
                etype, key, name = existing.type, existing.key, existing.name
            country = section == "countries"
            for surface in (name, *others):
                add(surface, _Alias(etype, key, name, country=country))
            for surface in demonyms:
                add(surface, _Alias(etype, key, name, demonym=True, country=country))
    folded = {surface.casefold(): alias for surface, alias in aliases.items() if len(surface) > 3}
    given: dict[str, str] = {}
    for variants in table.get("given_names") or ():
        if not isinstance(variants, list) or not variants:
            continue
        folded_variants = [_fold(str(v)) for v in variants]
        for variant in folded_variants:
            given.setdefault(variant, folded_variants[0])
    first_names = _words(words, "first_names")
    never = _words(words, "months") | _words(words, "weekdays") | _words(words, "debris")
    common = _words(words, "common_words") - first_names
    titles = _words(words, "titles")
    abbreviations = sorted(_words(words, "abbreviations"), key=len, reverse=True)
    particles = _words(words, "particles")
    prefixes = _words(words, "name_prefixes")
    spellings = words.get("spelling_variants")
    spellings = spellings if isinstance(spellings, dict) else {}
    adjective_suffixes = sorted(_words(words, "adjective_suffixes"), key=len, reverse=True)
    return _Lexicon(
        aliases=aliases,
        names={alias.key: alias.name for alias in aliases.values()},
        folded_aliases=folded,
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
            canonical: frozenset(_skeleton(v) for v, c in given.items() if c == canonical)
            for canonical in set(given.values())
        },
        titles=titles,
        particles=particles,
        name_prefixes=prefixes,
        org_suffixes=_words(words, "org_suffixes"),
        org_of_heads=_words(words, "org_of_heads"),
        place_of_heads=_words(words, "place_of_heads"),
        place_suffixes=_words(words, "place_suffixes"),
        other_suffixes=_words(words, "other_suffixes"),
        never=never,
        function=_words(words, "function_words"),
        common=common,
        not_names=never | common,
        org_words=_words(words, "org_of_heads") | _words(words, "org_suffixes"),
        company_forms=_words(words, "company_forms"),
        suffixes=(
            _words(words, "org_suffixes")
            | _words(words, "place_suffixes")
            | _words(words, "other_suffixes")
        ),
        first_names=first_names,
        speech_verbs=_words(words, "speech_verbs"),
        place_modifiers=_words(words, "place_modifiers"),
        spellings={_fold(str(k)): _fold(str(v)) for k, v in spellings.items()},
        sports_words=_words(words, "sports_words"),
        place_prepositions=_words(words, "place_prepositions"),
        state_abbreviations=_words(words, "state_abbreviations"),
        person_roles=_words(words, "person_roles"),
        role_nouns={
            noun: etype
            for name, etype in (
                ("place_nouns", _LOC),
                ("person_nouns", _PER),
                ("organisation_nouns", _ORG),
            )
            for noun in _words(words, name)
        },
        common_endings=tuple(_words(words, "common_endings")),
        adjective=re.compile(rf"-(?:{'|'.join(map(re.escape, adjective_suffixes))})$"),
        run=_run_pattern(
            abbreviations, particles, prefixes, adjective_suffixes, _words(words, "company_forms")
        ),
    )


def _run_pattern(
    abbreviations: list[str],
    particles: frozenset[str],
    prefixes: frozenset[str],
    adjective_suffixes: list[str],
    company_forms: frozenset[str],
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
    token = (
        rf"(?<![\w.])(?:(?:[{u}]\.){{2,}}|(?:{abbrev})\.(?=[ \t]+[{u}])"
        rf"|(?:{forms})\.(?=[ \t]*[,;:)]|[ \t]+[a-z])"
        rf"|[{u}]\.(?=[ \t]+[{u}][a-z])|(?:(?:{prefix})[-‑])?{word})"
    )
    connectors = sorted(
        {"of", "and", "the", "for", "on", "upon", "in", *particles}, key=len, reverse=True
    )
    conn = "|".join(re.escape(c) for c in connectors)
    nickname = rf"(?:\([{u}][a-z]+\)|\"[{u}][a-z]+\"|“[{u}][a-z]+”)"  # "Daniel (Danny) Okafor"
    gap = (
        rf"(?:[ \t\u00a0]+(?:(?:{conn}|{nickname})[ \t\u00a0]+)*"
        rf"|[ \t\u00a0]*&[ \t\u00a0]*)"
    )
    return re.compile(rf"{token}(?:{gap}{token})*")


@lru_cache(maxsize=65536)
def _fold(text: str) -> str:
    """Lower-case ASCII-ish form used in keys: accents removed, apostrophes unified."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).lower().split())


def is_demonym(text: str) -> bool:
    """True when `text` is a nationality or group word ("Russian", "Kurds"), not a proper name."""
    alias = _lexicon().aliases.get(" ".join(text.split()))
    return alias is not None and (alias.demonym or alias.type is _GRP)


# --- text analysis -------------------------------------------------------------------------------

_SENTENCE_OPENERS = set(".!?:;\"“”‘'—–-•*|>")
_PAREN_CREDIT = re.compile(
    r"\((?:photos?|pictures?|images?|credit|file|pictured)\b[^)\n]*\)", re.IGNORECASE
)
_CREDIT_LINE = re.compile(
    r"^[ \t]*(?:by|photo|photos|photograph|picture|image|credit|source|reporting|editing|writing|"
    r"additional reporting|copyright|©)\b.{0,80}$",
    re.IGNORECASE | re.MULTILINE,
)
_ACRONYM_DEF = re.compile(r"[ \t]*\([ \t]*([A-Z][A-Za-z0-9.&-]{1,9})[ \t]*\)")
_LOWER_START = re.compile(r"(?:^|\s)[a-z]")
_PARTY_LABEL = re.compile(r"[DRI]-[A-Z]")
_COMMA_WORD = re.compile(r",[ \t]+([A-Z][A-Za-z.]*[A-Za-z])")  # ", Ky", ", Calif"
_WORD_COMMA = re.compile(r"[A-Z][a-z]+,[ \t]+$")  # "Springfield, " before a state
_WORD_BEFORE = re.compile(r"([A-Za-z]+)[ \t]+$")
_WORD_AFTER = re.compile(r"[ \t]+([A-Za-z']+)")
_TOKEN = re.compile(r"&|[^\s&]+")
_CAMEL = re.compile(r"([A-Z][a-z]+)([A-Z][a-z]+)")
_PERSON_VERBS = frozenset(
    (
        "is",
        "was",
        "has",
        "had",
        "will",
        "would",
        "who",
        "won",
        "lost",
        "beat",
        "took",
        "made",
        "came",
        "went",
        "became",
        "remains",
        "remained",
        "never",
        "also",
        "then",
        "in",
        "and",
        "after",
        "before",
        "with",
    )
)
_ROLE_GAP = re.compile(r"(?:[ \t]+[a-z]+){0,2}[ \t]+")  # "American challenger Tony Smith"
_THE_BEFORE = re.compile(r"\b[Tt]he(?:[ \t]+[\w -]*?old)?[ \t]+$")  # "the 40-year-old"
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z'-]*")


_HONORIFICS = frozenset(("Mr", "Mrs", "Ms", "Miss", "Dr"))


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    type: EntityType | None  # None: not yet known
    key: str | None  # set for table entries
    name: str | None
    words: tuple[str, ...]
    titled: bool = False  # preceded by a personal title
    weak: bool = False  # a single unknown word at a sentence start or in a headline
    lone_title: bool = False  # a title word alone ("King said"): kept only as a known surname


def _line_kinds(text: str) -> tuple[list[int], list[bool]]:
    """Line start offsets, and whether each line is in upper or headline case."""
    starts, shouting = [], []
    pos = 0
    opening = True  # no text before this line
    for line in text.split("\n"):
        starts.append(pos)
        pos += len(line) + 1
        first, opening = opening, opening and not line.strip()
        if line.isupper():
            shouting.append(sum(1 for c in line if c.isalpha()) > 3)
            continue
        closed = line.rstrip().endswith((".", '"', "”"))
        if closed and not first:  # a sentence (only a title opening the text may end so)
            shouting.append(False)
            continue
        tokens = line.split()
        if len(tokens) < 3 or len(_LOWER_START.findall(line)) > 0.4 * len(tokens):
            shouting.append(False)
            continue
        words = [w for w in tokens if w[0].isalpha() and len(w) > 1]
        long_words = [w for w in words if len(w) > 3]
        if (
            len(words) < 3
            or len(long_words) < 2
            or 2 * len(words) < len(tokens)
            or sum(1 for w in tokens if w[0].isdigit()) > 1
        ):  # a results line
            shouting.append(False)
            continue
        share = 0.6
        if closed:  # the opening line, ending like a sentence: a title only if more follows
            if not text[pos:].strip():
                shouting.append(False)
                continue
            share = 0.8
        shouting.append(
            sum(1 for w in long_words if w[0].isupper()) >= 0.75 * len(long_words)
            and sum(1 for w in words if w[0].isupper()) >= share * len(words)
        )
    return starts, shouting


def _is_sentence_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] == "\n" or text[i] in _SENTENCE_OPENERS


def _word_before(text: str, start: int) -> str:
    m = _WORD_BEFORE.search(text, max(0, start - 30), start)
    return m.group(1) if m else ""


def _word_after(text: str, end: int) -> str:
    m = _WORD_AFTER.match(text, end, end + 30)
    return m.group(1) if m else ""


def _tokens(run: str, offset: int, lex: _Lexicon) -> list[tuple[int, int, str]]:
    """(start, end, word) of each word of a run; "-based" and the like stay out of the word."""
    if " " not in run and "&" not in run and "\u00a0" not in run:
        matches = [(0, len(run), run)]
    else:
        matches = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(run)]
    out = []
    for start, end, word in matches:
        if word[0] in '("“':  # a nickname inside a name: "Daniel (Danny) Okafor"
            start, end, word = start + 1, end - 1, word[1:-1]
        if "-" in word:
            word = lex.adjective.sub("", word)
        out.append((offset + start, offset + end, word))
    return out


def _is_initial(word: str) -> bool:
    return len(word) == 2 and word[1] == "."


def _bare(word: str) -> str:
    """A word without its full stop; an initial ("A.") keeps it, so it is never the word "A"."""
    return word if len(word) == 2 and word[1] == "." else word.rstrip(".")


def _surname(words: tuple[str, ...]) -> str:
    """The last word of a name that is not "Jr", "III" or an initial."""
    for word in reversed(words):
        bare = word.rstrip(".")
        if len(bare) > 1 and bare not in ("Jr", "Sr", "II", "III", "IV"):
            return word
    return words[-1]


def _is_connector(word: str) -> bool:
    return word == "&" or word.islower()


def _is_debris_code(word: str, lex: _Lexicon) -> bool:
    """Scraping debris glued to digits ("GMT03") and party-state labels ("R-Wis", "D-Md")."""
    if word[-1].isdigit():
        return word.rstrip("0123456789") in lex.never
    return word[1:2] == "-" and _PARTY_LABEL.match(word) is not None


def _split_camel_debris(
    tokens: list[tuple[int, int, str]], lex: _Lexicon
) -> list[tuple[int, int, str]]:
    """Cut debris glued to a word by scraping ("ObamaSkip" -> "Obama")."""
    if all(word[1:].islower() or word.isupper() for _, _, word in tokens):
        return tokens
    out = []
    for start, end, word in tokens:
        m = _CAMEL.fullmatch(word)
        if m and m.group(2) in lex.never:
            out.append((start, start + len(m.group(1)), m.group(1)))
            break
        out.append((start, end, word))
    return out


class _Extractor:
    """One pass over one text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lex = _lexicon()
        self.line_starts, self.shouting = _line_kinds(text)
        self.lower_words = set(_LOWER_WORD.findall(text))
        self.sports = len(self.lower_words & self.lex.sports_words) >= 3
        self.skip = [(m.start(), m.end()) for m in _PAREN_CREDIT.finditer(text)]
        self.skip += [
            (m.start(), m.end()) for m in _CREDIT_LINE.finditer(text) if len(m.group().split()) <= 8
        ]

    def run(self) -> list[_Candidate]:
        body: list[_Candidate] = []
        shouted: list[tuple[int, int, str]] = []
        line = 0
        n_lines = len(self.line_starts)
        lex = self.lex
        for m in lex.run.finditer(self.text):
            start = m.start()
            while line + 1 < n_lines and self.line_starts[line + 1] <= start:
                line += 1
            if self.skip and any(a <= start < b for a, b in self.skip):
                continue
            run = m.group()
            if self.shouting[line]:
                shouted.append((start, m.end(), run))
            elif run in lex.single_aliases:  # the commonest case, "Russia", "U.S."
                alias = lex.aliases[run]
                body.append(_Candidate(start, m.end(), alias.type, alias.key, alias.name, (run,)))
            elif run not in lex.function and run not in lex.never:
                body.extend(self._split_run(start, run))
        body = self._resolve_weak(body)
        known = self._known_names(body)
        for start, _end, run in shouted:
            body.extend(self._shouted_run(start, run, known))
        body.sort(key=lambda c: c.start)
        return body

    # -- splitting a run into candidate mentions

    def _split_run(self, start: int, run: str) -> list[_Candidate]:
        lex = self.lex
        tokens = _split_camel_debris(_tokens(run, start, lex), lex)
        initial = _is_sentence_start(self.text, start)
        # drop leading function words and the like ("The", "However", "On")
        while tokens and self._droppable(tokens, initial):
            tokens = tokens[1:]
            initial = False
        # "Fullback Andre Joubert": a capitalised word opening the sentence before a given name
        if (
            initial
            and len(tokens) > 2
            and tokens[1][2] in lex.first_names
            and tokens[0][2] not in lex.first_names
            and not self._alias_length(tokens, 0)
            and not self._is_title(tokens[0][2])
        ):
            tokens = tokens[1:]
        if len(tokens) < 2:
            return self._gazetteer_scan(tokens, initial) if tokens else []
        defined = _ACRONYM_DEF.match(self.text, tokens[-1][1])
        words = tuple(t[2] for t in tokens)
        if (
            defined
            and _initials_match(defined.group(1), words)
            and (" ".join(words) not in lex.aliases)
        ):
            return [self._candidate(tokens, _ORG)]
        out: list[_Candidate] = []
        for part in self._split_at_breaks(tokens):
            out.extend(self._segment(part, initial and part[0][0] == tokens[0][0]))
        return out

    def _droppable(self, tokens: list, initial: bool) -> bool:
        lex = self.lex
        word = tokens[0][2]
        bare = _bare(word)
        if _is_connector(word) or bare in lex.never or _is_debris_code(bare, lex):
            return True
        if self._shouted_word(word) and not self._alias_length(tokens, 0):
            return True
        if self._alias_length(tokens, 0) or bare in lex.first_names:
            return False
        if bare in lex.function:
            return True
        if not initial or bare in lex.titles:
            return False
        last = tokens[-1][2]
        if len(tokens) > 1 and (last in lex.org_suffixes or last in lex.place_suffixes):
            return False
        return bare in lex.common or (len(tokens) > 1 and bare.lower() in self.lower_words)

    def _is_title(self, word: str) -> bool:
        """A personal title, also hyphenated ("Major-General", "Secretary-General")."""
        bare = _bare(word)
        return bare in self.lex.titles or (
            "-" in bare and all(part in self.lex.titles for part in bare.split("-"))
        )

    def _shouted_word(self, word: str) -> bool:
        """An ordinary word in capitals ("SAVE A QUARTER Let's say")."""
        return (
            word.isupper()
            and len(word) > 1
            and (
                word.capitalize() in self.lex.not_names
                or word.capitalize() in self.lex.function
                or word.lower() in self.lower_words
            )
        )

    def _alias_length(self, tokens: list, i: int) -> int:
        """Number of tokens of the longest table entry starting at token i (0: none)."""
        aliases = self.lex.aliases
        if tokens[i][2] not in self.lex.alias_heads:
            return 1 if tokens[i][2] in aliases else 0
        for n in range(min(self.lex.max_alias_words, len(tokens) - i), 0, -1):
            if " ".join(t[2] for t in tokens[i : i + n]) in aliases:
                return n
        return 0

    def _split_at_breaks(self, tokens: list[tuple[int, int, str]]) -> list[list]:
        """Split at never-entity words and at connectors that do not belong to a name."""
        lex = self.lex
        if not any(
            tok[1] - tok[0] != len(tok[2])
            or _is_connector(tok[2])
            or tok[2] in lex.never
            or tok[2] in lex.function
            or tok[2].isupper()
            or tok[2][-1] in "0123456789."
            or "-" in tok[2]
            for tok in tokens
        ):
            return [tokens]  # "Vladimir Putin": nothing to split at
        covered = set()
        i = 0
        while i < len(tokens):
            n = self._alias_length(tokens, i)
            covered.update(range(i, i + n))
            i += max(n, 1)
        parts: list[list] = [[]]
        for i, tok in enumerate(tokens):
            word = tok[2]
            bare = _bare(word)
            if i not in covered and (
                bare in lex.never
                or bare in lex.function
                or _is_debris_code(bare, lex)
                or self._shouted_word(word)
            ):
                parts.append([])
                continue
            if _is_connector(word) and not self._keeps_connector(tokens, i):
                parts.append([])
                continue
            if tok[1] - tok[0] != len(word):  # "US-backed" ends a name, or stands alone
                if i in covered:
                    parts[-1].append(tok)
                    parts.append([])
                else:
                    parts.extend(([tok], []))
                continue
            parts[-1].append(tok)
        cleaned = []
        for part in parts:
            while part and _is_connector(part[-1][2]):
                part.pop()
            while part and _is_connector(part[0][2]):
                part.pop(0)
            if part:
                cleaned.append(part)
        return cleaned

    def _keeps_connector(self, tokens: list, i: int) -> bool:
        lex = self.lex
        word = tokens[i][2]
        before = [t[2] for t in tokens[:i]]
        after = [t[2] for t in tokens[i + 1 :]]
        if not before or not after:
            return False
        # inside a known multi-word name ("Bosnia and Herzegovina")
        for j in range(max(0, i - lex.max_alias_words), i):
            for k in range(i + 1, min(len(tokens), j + lex.max_alias_words) + 1):
                if " ".join(t[2] for t in tokens[j:k]) in lex.aliases:
                    return True
        if word in lex.particles and word not in ("of", "and", "the", "for", "on"):
            # "Joost van der Westhuizen": the next word that is not a particle is a name
            rest = [w for w in after if w not in lex.particles]
            return bool(rest) and not rest[0][0].islower()
        if before[-1] in lex.company_forms:  # "Acme Inc and ...", "Acme Inc of Ohio"
            return False
        if word == "of":
            return before[-1] in lex.suffixes or any(
                w in lex.org_of_heads or w in lex.place_of_heads for w in before
            )
        if word == "the":
            return before[-1] in ("of", "for", "on") or before[-1] in lex.place_of_heads
        if word == "&":
            return len(after[0]) > 1
        if word not in ("and", "for", "on"):
            return False
        # "Ministry of Trade and Industry", "Commission on Human Rights"
        return any(w in lex.org_of_heads for w in before) or (
            word != "and" and any(w in lex.org_words for w in before)
        )

    def _segment(self, tokens: list[tuple[int, int, str]], initial: bool) -> list[_Candidate]:
        """Type one connector-free stretch: a whole organisation, or titles + names + aliases."""
        lex = self.lex
        words = [t[2] for t in tokens]
        last = words[-1].rstrip(".")
        joined = " ".join(words)
        alias = lex.aliases.get(joined)
        if alias is not None:
            return [self._candidate(tokens, alias.type, alias)]
        if len(words) > 1 and not (set(words) <= lex.titles):
            suffix_type = (
                _ORG
                if last in lex.org_suffixes
                else _LOC
                if last in lex.place_suffixes
                else _OTH
                if last in lex.other_suffixes
                else None
            )
            if "of" in words[1:]:  # "Bank of England", "Federal Republic of Yugoslavia"
                head = words[words.index("of") - 1]
                if head in lex.org_of_heads:
                    suffix_type = _ORG
                elif head in lex.place_of_heads:
                    suffix_type = _LOC
                elif words[0] in lex.org_of_heads:
                    suffix_type = _ORG
            # "Foreign Ministry", "Labor Day"; but "Minister John Hall" is a person
            if suffix_type is not None and not (
                words[0] in lex.titles and any(w in lex.first_names for w in words[:-1])
            ):
                return [self._candidate(tokens, suffix_type)]
        # titles split a run: "Russian Foreign Minister Sergey Lavrov"
        last_title = -1
        for i, word in enumerate(words):
            if self._is_title(word) and i < len(words) - 1 and (_bare(word) not in lex.first_names):
                last_title = i
        if last_title >= 0:
            first_title = last_title
            while first_title > 0 and self._is_title(words[first_title - 1]):
                first_title -= 1
            head = self._gazetteer_scan(tokens[:first_title], initial)
            name = tokens[last_title + 1 :]
            if (
                len(name) == 1
                and _bare(words[last_title]) in _HONORIFICS
                and (self._is_title(name[0][2]) and name[0][2][1:].islower())
            ):
                # "Mr King": a title word after an honorific is a surname when someone in the
                # article has it ("Billy King"); `_resolve_weak` decides
                cand = self._candidate(name, None, titled=True, weak=True)
                cand.lone_title = True
                return [*head, cand]
            if name and self._is_title(name[0][2]):
                return head
            person = self._gazetteer_scan(name, False, titled=True)
            return head + person
        if all(self._is_title(w) for w in words):
            return []
        return self._gazetteer_scan(tokens, initial)

    def _gazetteer_scan(
        self, tokens: list, initial: bool, titled: bool = False
    ) -> list[_Candidate]:
        """Longest table matches left to right; the stretches between them are names."""
        lex = self.lex
        merged = self._place_with_name(tokens, titled)
        if merged is not None:
            return [merged]
        out: list[_Candidate] = []
        rest: list = []
        people_end = -1  # end of the last nationality or group word
        i = 0
        while i < len(tokens):
            n = self._alias_length(tokens, i)
            hit = (n, lex.aliases[" ".join(t[2] for t in tokens[i : i + n])]) if n else None
            if hit is None:
                parts = self._hyphen_parts(tokens[i])
                if parts:
                    tokens[i : i + 1] = parts
                    continue
                rest.append(tokens[i])
                i += 1
                continue
            if rest:
                out.extend(self._name(rest, initial and rest[0] is tokens[0], titled))
                rest = []
            n, alias = hit
            people = alias.demonym or alias.type is _GRP
            if people and i and out and people_end == tokens[i - 1][1]:
                # "Iraqi Kurds": one group
                out[-1] = _Candidate(
                    out[-1].start,
                    tokens[i + n - 1][1],
                    _GRP,
                    None,
                    None,
                    out[-1].words + tuple(t[2] for t in tokens[i : i + n]),
                )
            else:
                out.append(self._candidate(tokens[i : i + n], alias.type, alias))
            people_end = out[-1].end if people else -1
            i += n
        if rest:
            out.extend(self._name(rest, initial and rest[0] is tokens[0], titled))
        return out

    def _place_with_name(self, tokens: list, titled: bool) -> _Candidate | None:
        """A place inside a longer name: "East Jerusalem", "Kansas City", "Inter Milan", and a
        person whose surname is a place: "Michael Jordan", "President George Washington"."""
        lex = self.lex
        if len(tokens) < 2:
            return None
        for i in range(len(tokens)):
            n = self._alias_length(tokens, i)
            if not n:
                continue
            alias = lex.aliases[" ".join(t[2] for t in tokens[i : i + n])]
            rest = [t[2] for t in tokens[:i] + tokens[i + n :]]
            if (
                n == 1
                and i == len(tokens) - 1
                and alias.type is _LOC
                and not alias.demonym
                and (titled or rest[0] in lex.first_names)
                and all(w[0].isupper() and w not in lex.aliases for w in rest)
            ):
                return self._candidate(tokens, _PER, titled=titled)
            if titled:
                return None
            if (
                alias.type is not _LOC
                or alias.demonym
                or not rest
                or any(
                    w in lex.first_names or w in lex.aliases or w in lex.titles or w.isupper()
                    for w in rest
                )
            ):
                return None
            if all(w in lex.place_modifiers for w in rest):
                return self._candidate(tokens, _LOC)
            return self._candidate(tokens, _ORG)
        return None

    def _hyphen_parts(self, token: tuple[int, int, str]) -> list | None:
        """A hyphenated word made of table entries ("Kurdish-Arab"), as one token per part."""
        start, _, word = token
        if "-" not in word:
            return None
        parts, pos = [], start
        for piece in word.split("-"):
            if piece not in self.lex.aliases:
                return None
            parts.append((pos, pos + len(piece), piece))
            pos += len(piece) + 1
        return parts

    def _name(self, tokens: list, initial: bool, titled: bool) -> list[_Candidate]:
        lex = self.lex
        while tokens and _is_connector(tokens[0][2]):  # left between two table entries
            tokens = tokens[1:]
        while tokens and _is_connector(tokens[-1][2]):
            tokens = tokens[:-1]
        while len(tokens) > 1 and self._is_title(tokens[0][2]):
            tokens = tokens[1:]
            titled = True
        words = [t[2] for t in tokens]
        if len(words) == 1 and self._is_title(words[0]) and words[0][1:].islower():
            # "King said": the surname of a person named in full elsewhere ("Billy King"), or
            # nothing (`_resolve_weak` decides)
            cand = self._candidate(tokens, None, weak=True)
            cand.lone_title = True
            return [cand]
        if not words or all(self._is_title(w) for w in words):
            return []
        if len(words) == 1 and words[0] in lex.common and not titled:
            return []  # "Free" left over from "the Free Syrian forces"
        first = words[0].rstrip(".")
        if len(words) == 1 and len(first) == 1:
            return []
        if titled or first in lex.first_names:
            return [self._candidate(tokens, _PER, titled=titled)]
        if len(words) == 1:
            word = words[0]
            alias = lex.folded_aliases.get(word.casefold()) if word.isupper() else None
            if alias is not None:
                return [self._candidate(tokens, alias.type, alias)]
            if word.isupper() and len(word) >= 2 and word.isalpha():
                cand = self._candidate(tokens, _ORG, weak=initial)
                if self._in_town_comma_state(cand):
                    cand.type = _LOC  # a dateline: "DANVILLE, Ky. -"
                return [cand]
            return [self._candidate(tokens, None, weak=initial)]
        if any(c.isdigit() for c in "".join(words)):
            return [self._candidate(tokens, _OTH)]
        if "&" in words:
            return [self._candidate(tokens, _ORG)]  # "Procter & Gamble"
        if first in lex.place_modifiers:
            return [self._candidate(tokens, _LOC)]  # "New Haven", "Port Harcourt"
        if len(first) == 1 or (
            len(words) <= 4
            and all(
                w[0].isupper() and (not w.isupper() or _is_initial(w))
                for w in words
                if w not in lex.particles
            )
        ):
            return [self._candidate(tokens, _PER)]
        return [self._candidate(tokens, _ORG)]

    def _candidate(
        self,
        tokens: list,
        etype: EntityType | None,
        alias: _Alias | None = None,
        titled: bool = False,
        weak: bool = False,
    ) -> _Candidate:
        return _Candidate(
            start=tokens[0][0],
            end=tokens[-1][1],
            type=etype,
            key=alias.key if alias else None,
            name=alias.name if alias else None,
            words=tuple(t[2] for t in tokens),
            titled=titled,
            weak=weak,
        )

    # -- headlines and upper-case lines

    def _known_names(self, body: list[_Candidate]) -> dict[str, _Candidate]:
        known: dict[str, _Candidate] = {}
        for cand in body:
            if cand.type is None:
                continue
            known.setdefault(" ".join(cand.words).casefold(), cand)
            if cand.type is _PER and len(cand.words) > 1:
                known.setdefault(cand.words[-1].casefold(), cand)
        return known

    def _shouted_run(self, start: int, run: str, known: dict[str, _Candidate]) -> list[_Candidate]:
        """Upper-case and headline lines: only table entries and names known from the body."""
        lex = self.lex
        tokens = _tokens(run, start, lex)
        out = []
        i = 0
        while i < len(tokens):
            hit = None
            for n in range(min(max(lex.max_alias_words, 4), len(tokens) - i), 0, -1):
                words = [t[2] for t in tokens[i : i + n]]
                surface = " ".join(words)
                alias = lex.aliases.get(surface)
                if alias is None and len(surface) > 3:
                    alias = lex.folded_aliases.get(surface.casefold())
                if alias is not None and not (n == 1 and surface.capitalize() in lex.common):
                    hit = self._candidate(tokens[i : i + n], alias.type, alias)
                    break
                cand = known.get(surface.casefold())
                if cand is not None and surface.capitalize() not in lex.not_names:
                    hit = _Candidate(
                        tokens[i][0],
                        tokens[i + n - 1][1],
                        cand.type,
                        cand.key,
                        cand.name,
                        cand.words,
                    )
                    break
            if hit is None:
                i += 1
                continue
            out.append(hit)
            i += len(_tokens(self.text[hit.start : hit.end], 0, lex))
        return out

    # -- single unknown words

    def _resolve_weak(self, cands: list[_Candidate]) -> list[_Candidate]:
        lex = self.lex
        surnames = {_surname(c.words) for c in cands if c.type is _PER and len(c.words) > 1}
        firsts = {c.words[0] for c in cands if c.type is _PER and len(c.words) > 1}
        confident: dict[tuple[str, ...], Counter] = {}
        for c in cands:
            if not c.weak and c.type is not None:
                confident.setdefault(c.words, Counter())[c.type] += 1
        out, guessed = [], []
        for cand in cands:
            word = cand.words[0] if len(cand.words) == 1 else None
            if cand.lone_title and word not in surnames:
                continue
            if word is not None and (word in surnames or (word in firsts and cand.type is None)):
                cand.type = _PER
            elif cand.key is None and cand.words in confident:
                cand.type = confident[cand.words].most_common(1)[0][0]
            elif (
                self.sports
                and word is not None
                and cand.type is _LOC
                and cand.key
                and (not lex.folded_aliases.get(word.casefold(), _NOT_COUNTRY).country)
            ):
                cand.type, cand.key, cand.name = _ORG, None, None
            elif cand.type is None:
                keep, cand.type = self._guess(cand)
                if not keep:
                    continue
                guessed.append(cand)
            elif (
                cand.weak
                and cand.type is _ORG
                and (word is not None and word.capitalize() in lex.common)
            ):
                continue
            out.append(cand)
        # one type per unknown word: what its contexts say most often, else organisation
        votes: dict[tuple[str, ...], Counter] = {}
        for cand in guessed:
            if cand.type is not None:
                votes.setdefault(cand.words, Counter())[cand.type] += 1
        for cand in guessed:
            counts = votes.get(cand.words)
            cand.type = counts.most_common(1)[0][0] if counts else _ORG
        return out

    def _guess(self, cand: _Candidate) -> tuple[bool, EntityType | None]:
        """Whether an unknown word is a name, and its type where the context tells one."""
        lex = self.lex
        word = cand.words[0]
        before = _word_before(self.text, cand.start).lower()
        after = _word_after(self.text, cand.end).lower()
        if cand.weak and (
            word.lower() in self.lower_words
            or word.capitalize() in lex.common
            or word.endswith(lex.common_endings)
            or (after not in lex.speech_verbs and word[1:].islower() and not self.sports)
        ):
            return False, None
        if before in lex.person_roles:
            return True, _PER
        if before in lex.place_prepositions or (before in ("from", "to", "of") and not self.sports):
            return True, _LOC
        if self._in_town_comma_state(cand):
            return True, _LOC
        return True, lex.role_nouns.get(after)

    def _in_town_comma_state(self, cand: _Candidate) -> bool:
        """ "Springfield, Ill.", "Austin, Tex.": a town and its state, or a dateline."""
        lex = self.lex
        m = _COMMA_WORD.match(self.text, cand.end)
        if m and (
            m.group(1) in lex.state_abbreviations
            or (lex.aliases.get(m.group(1), _NOT_COUNTRY).type is _LOC)
        ):
            return True
        m = _WORD_COMMA.search(self.text, max(0, cand.start - 40), cand.start)
        return cand.words[0] in lex.state_abbreviations and m is not None


# --- within-article resolution --------------------------------------------------------------------


def _name_tokens(words: tuple[str, ...], lex: _Lexicon) -> list[str]:
    """Folded name tokens without particles, initials, prefixes and "Jr"."""
    out = []
    for word in words:
        folded = _fold(word).rstrip(".")
        if folded in lex.particles or folded in ("jr", "sr", "ii", "iii", "iv") or len(folded) == 1:
            continue
        head, _, tail = folded.partition("-")
        if tail and head in lex.name_prefixes:
            folded = tail
        out.append(folded)
    return out


def _person_key(tokens: list[str], lex: _Lexicon) -> str:
    if len(tokens) > 1:
        tokens = [lex.given_names.get(tokens[0], tokens[0]), *tokens[1:]]
    return "person:" + " ".join(tokens)


def _build(text: str, cands: list[_Candidate]) -> ArticleEntities:
    lex = _lexicon()
    # acronyms introduced in the text: "Syrian Democratic Forces (SDF)"
    acronyms: dict[str, _Candidate] = {}
    for cand in cands:
        if len(cand.words) < 2:
            continue
        m = _ACRONYM_DEF.match(text, cand.end)
        if m and _initials_match(m.group(1), cand.words):
            acronyms[m.group(1)] = cand
    keys: list[tuple[str, EntityType]] = []  # (key, type) per candidate
    persons: dict[str, list[tuple[int, str]]] = {}  # surname -> [(position, key)]
    full_names: dict[str, list[str]] = {}  # key -> name tokens
    by_surname: dict[str, list[str]] = {}  # surname skeleton -> keys
    person_keys: dict[int, str] = {}  # id(candidate) -> key, for full names
    for cand in cands:
        if cand.type is not _PER or len(cand.words) < 2:
            continue
        tokens = _name_tokens(cand.words, lex)
        if len(tokens) < 2:
            continue
        same_surname = by_surname.setdefault(_skeleton(tokens[-1]), [])
        key = next(
            (k for k in same_surname if _same_person(tokens, full_names[k], lex)),
            _person_key(tokens, lex),
        )
        if key not in full_names:
            full_names[key] = tokens
            same_surname.append(key)
        person_keys[id(cand)] = key
        persons.setdefault(tokens[-1], []).append((cand.start, key))
    given: dict[str, set[str]] = {}  # given, middle and nick names -> full names
    for key, tokens in full_names.items():
        for token in tokens[:-1]:
            given.setdefault(token, set()).add(key)
    # "American Tony Smith ... the American": the nationality word alone stands for the person
    nationals: dict[str, set[str]] = {}
    for cand, after in zip(cands, cands[1:], strict=False):
        # "American Tony Smith", "American challenger Tony Smith"
        if (
            id(after) in person_keys
            and _ROLE_GAP.fullmatch(text, cand.end, after.start)
            and (_demonym(cand, lex))
        ):
            nationals.setdefault(cand.key, set()).add(person_keys[id(after)])
    for cand in cands:
        surface = " ".join(cand.words)
        if (
            cand.key in nationals
            and len(nationals[cand.key]) == 1
            and _demonym(cand, lex)
            and _stands_for_a_person(text, cand, lex)
        ):
            cand.type = _PER
            keys.append((next(iter(nationals[cand.key])), _PER))
            continue
        if cand.key is not None and not (
            cand.type is _LOC and len(cand.words) == 1 and _fold(surface) in persons
        ):
            keys.append((cand.key, cand.type))
            continue
        defined = acronyms.get(surface)
        if defined is not None and defined is not cand:
            cand.type = defined.type
            keys.append((_plain_key(defined, lex), defined.type))
            continue
        tokens = _name_tokens(cand.words, lex)
        single = tokens[0] if len(tokens) == 1 else None
        if single in persons:
            # a surname after the full name: the nearest full name before it
            options = persons[single]
            before = [k for pos, k in options if pos <= cand.start]
            keys.append((before[-1] if before else options[0][1], _PER))
            continue
        if single is not None and len(given.get(single, ())) == 1 and cand.type in (_PER, _ORG):
            keys.append((next(iter(given[single])), _PER))  # "Hillary" -> Hillary Clinton
            continue
        if cand.type is _PER:
            key = person_keys.get(id(cand)) or (
                _person_key(tokens, lex) if tokens else "person:" + _fold(surface)
            )
            keys.append((key, _PER))
            continue
        keys.append((_plain_key(cand, lex), cand.type))
    mentions = [
        Mention(cand.start, cand.end, text[cand.start : cand.end], etype, key)
        for cand, (key, etype) in zip(cands, keys, strict=True)
    ]
    # "checked into Betty Ford": a name only ever after "at", "into", "entered", "to" ("in" for
    # a person's name) may be the short name of an institution named after it (merged below
    # when the article names exactly one organisation that starts with it)
    org_heads = {_fold(m.text).split()[0] for m in mentions if m.type is _ORG and " " in m.text}
    named = (
        {
            m.key
            for m in mentions
            if m.type in (_PER, _LOC)
            and m.key not in lex.names
            and _fold(m.text).split()[0] in org_heads
        }
        if org_heads
        else ()
    )
    entered: dict[str, bool] = {}
    for m in mentions if named else ():
        if m.key in named:
            before = _word_before(text, m.start).lower()
            entered[m.key] = (
                entered.get(m.key, True)
                and before in _ENTERED
                and (m.type is _PER or before != "in")
            )
    placed = frozenset(key for key, ok in entered.items() if ok)
    return _merge_organisations(_group(mentions, lex), lex, placed)


_ENTERED = frozenset(("at", "into", "entered", "in", "to"))  # "in": only before a person's name


def _merge_organisations(
    result: ArticleEntities, lex: _Lexicon, placed: frozenset[str] = frozenset()
) -> ArticleEntities:
    """One organisation under its shorter names in one article ("Mayfield Center" and
    "Mayfield Treatment Center"), when the longer name is the only one that fits; a person's or
    place's name used only after "at", "into" ("at Betty Ford") is the organisation named
    after it ("Betty Ford Center") when that is the only one that fits."""
    orgs = [e for e in result.entities if e.type is _ORG]
    if not orgs or len(orgs) + len(placed) < 2:
        return result
    by_word: dict[str, list[Entity]] = {}
    for org in orgs:
        for word in set(_fold(org.name).split()):
            by_word.setdefault(word, []).append(org)
    chosen: dict[str, tuple[str, str]] = {}
    retype: dict[str, EntityType] = {}
    for short in orgs:
        last = _fold(short.name).split()[-1]  # every shorter name keeps the last word it has
        longer = [e for e in by_word[last] if e is not short and _short_for(short, e, lex)]
        if len(longer) == 1:
            chosen[short.key] = (longer[0].key, longer[0].name)
    for short in result.entities:
        if short.key not in placed:
            continue
        words = _fold(short.name).split()
        longer = [
            e
            for e in by_word.get(words[0], ())
            if len(e.name.split()) > len(words) and _fold(e.name).split()[: len(words)] == words
        ]
        if len(longer) == 1:
            chosen[short.key] = (longer[0].key, longer[0].name)
            retype[short.key] = _ORG
    if retype:
        result = ArticleEntities(
            tuple(
                replace(m, type=retype[m.key]) if m.key in retype else m for m in result.mentions
            ),
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
    for key, (target, name) in list(chosen.items()):
        while target in chosen:
            target, name = chosen[target]
        chosen[key] = (target, name)
    return _rekey(result, chosen) if chosen else result


def _demonym(cand: _Candidate, lex: _Lexicon) -> bool:
    alias = lex.aliases.get(" ".join(cand.words))
    return alias is not None and alias.demonym and alias.type is _LOC


def _stands_for_a_person(text: str, cand: _Candidate, lex: _Lexicon) -> bool:
    """ "the American said", "the 40-year-old Ukrainian, who": a nationality word as a noun."""
    if not _THE_BEFORE.search(text, max(0, cand.start - 40), cand.start):
        return False
    following = text[cand.end : cand.end + 20]
    after = _word_after(text, cand.end).lower()
    return (
        following[:1] in (",", ".", ";", ":", ")", "'", "’")
        or after in lex.speech_verbs
        or after in _PERSON_VERBS
    )


def _plain_key(cand: _Candidate, lex: _Lexicon) -> str:
    tokens = _name_tokens(cand.words, lex) or [_fold(" ".join(cand.words))]
    tokens = [lex.spellings.get(t, t) for t in tokens]
    return f"{cand.type.value}:{' '.join(tokens)}"


def _initials_match(acronym: str, words: tuple[str, ...]) -> bool:
    letters = [c for c in acronym if c.isalpha()]
    caps = [w[0] for w in words if w[0].isupper()]
    if "".join(caps).upper() == "".join(letters).upper():
        return True
    # letters appearing in order, the first letter starting the long form
    long_form = " ".join(words).lower()
    if not letters or long_form[0] != letters[0].lower():
        return False
    pos = 0
    for c in letters:
        pos = long_form.find(c.lower(), pos)
        if pos < 0:
            return False
        pos += 1
    return len(letters) >= 2


def _group(mentions: list[Mention], lex: _Lexicon) -> ArticleEntities:
    """Group mentions by key; the display name is the table name or the fullest surface form."""
    by_key: dict[str, list[Mention]] = {}
    for mention in mentions:
        by_key.setdefault(mention.key, []).append(mention)
    entities = []
    for key, group in by_key.items():
        entities.append(Entity(key, _display_name(key, group, lex), group[0].type, tuple(group)))
    return ArticleEntities(tuple(mentions), tuple(entities))


def _display_name(key: str, group: list[Mention], lex: _Lexicon) -> str:
    table_name = lex.names.get(key)
    if table_name is not None:
        return table_name
    surfaces = Counter(" ".join(m.text.split()) for m in group)
    return max(surfaces, key=lambda s: (len(s.split()), surfaces[s], len(s), s))


# --- public API -----------------------------------------------------------------------------------


def extract_mentions(text: str) -> list[Mention]:
    """All entity mentions of `text` in text order, keys resolved within the text (uncached)."""
    return list(_build(text, _Extractor(text).run()).mentions)


_CACHE: OrderedDict[tuple[int, str], ArticleEntities] = OrderedDict()
_CACHE_SIZE = 256


def analyse(text: str, cache_key: str | None = None) -> ArticleEntities:
    """Mentions and entities of one article, cached per `cache_key` (the article digest)."""
    lex = _lexicon()
    slot = (id(lex), cache_key if cache_key is not None else text)
    cached = _CACHE.get(slot)
    if cached is not None:
        _CACHE.move_to_end(slot)
        return cached
    result = _build(text, _Extractor(text).run())
    _CACHE[slot] = result
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return result


# --- across two articles -------------------------------------------------------------------------


_NON_LETTERS = re.compile(r"[^a-z]")
_FINAL_H = re.compile(r"(?<=[aeiou])h$")
_DOUBLED = re.compile(r"(.)\1+")
_Y_OR_J = re.compile(r"(?<=[a-z])[yj]")


@lru_cache(maxsize=65536)
def _skeleton(word: str) -> str:
    """A spelling-tolerant form of a name: "Sergei"/"Sergey" -> "sergi", "Raqqah" -> "raqa"."""
    word = _NON_LETTERS.sub("", word)
    word = _FINAL_H.sub("", word)
    if word.endswith("ie"):
        word = word[:-1]
    word = _DOUBLED.sub(r"\1", word)
    return _Y_OR_J.sub("i", word).replace("ou", "u")


def _same_given(a: str, b: str, lex: _Lexicon) -> bool:
    """Two given names are one: variants in the table, or spelt alike ("Yevgeni"/"Yevgeny")."""
    a, b = lex.given_names.get(a, a), lex.given_names.get(b, b)
    if a == b:
        return True
    if len(a) < 3 or len(b) < 3:
        return False
    forms_a = lex.given_skeletons.get(a) or frozenset((_skeleton(a),))
    forms_b = lex.given_skeletons.get(b) or frozenset((_skeleton(b),))
    return not forms_a.isdisjoint(forms_b)


def _same_person(a: list[str], b: list[str], lex: _Lexicon) -> bool:
    """Two name token lists naming one person.

    The surnames agree up to spelling, and the given name of one is a spelling variant of a
    given or middle name of the other ("Tayyip Erdogan" / "Recep Tayyip Erdogan"); a one-word
    name on either side is the surname, or the given name of the other ("Hillary").
    """
    if len(a) == 1 or len(b) == 1:
        single, full = (a, b) if len(a) == 1 else (b, a)
        return _skeleton(single[0]) == _skeleton(full[-1]) or (
            len(full) > 1 and _same_given(single[0], full[0], lex)
        )
    if _skeleton(a[-1]) != _skeleton(b[-1]):
        return False
    return any(_same_given(a[0], g, lex) for g in b[:-1]) or any(
        _same_given(b[0], g, lex) for g in a[:-1]
    )


def _key_words(entity: Entity) -> list[str]:
    return entity.key.split(":", 1)[1].split()


def _is_place_word(folded: str, lex: _Lexicon) -> bool:
    alias = lex.folded_aliases.get(folded)
    return alias is not None and alias.type is _LOC and not alias.demonym


def _short_for(short: Entity, long: Entity, lex: _Lexicon) -> bool:
    """A shorter name of an organisation: its leading words ("Lakeview" for "Lakeview Recovery
    Center"), or its words with some left out, keeping the first and the last ("Mayfield
    Center" for "Mayfield Treatment Center"), or without a place before it ("Arizona")."""
    if long.type is not _ORG or short.type is _GRP or short.key in lex.names:
        return False
    short_words = [w for w in _fold(short.name).split() if w != "the"]
    long_words = [w for w in _fold(long.name).split() if w != "the"]
    if not short_words or len(short_words) >= len(long_words):
        return False
    if long_words[: len(short_words)] == short_words:
        return short.type is not _OTH
    if short.type is not _ORG:
        return False
    head = len(long_words) - len(short_words)
    if long_words[head:] == short_words and all(_is_place_word(w, lex) for w in long_words[:head]):
        return True
    rest = iter(long_words)
    return (
        short_words[0] == long_words[0]
        and short_words[-1] == long_words[-1]
        and all(w in rest for w in short_words)
    )


def _matches(x: Entity, y: Entity, lex: _Lexicon) -> bool:
    """Whether two entities of different articles name the same thing."""
    if x.key == y.key:
        return True
    if _short_for(x, y, lex) or _short_for(y, x, lex):
        return True
    if x.type is _PER and y.type is _PER:
        return _same_person(_key_words(x), _key_words(y), lex)
    if x.type is _PER or y.type is _PER:
        person, other = (x, y) if x.type is _PER else (y, x)
        words = _key_words(other)
        return (
            other.type is not _GRP
            and len(words) == 1
            and _skeleton(words[0]) == _skeleton(_key_words(person)[-1])
            and not any(m.text in lex.aliases for m in other.mentions)
        )
    if x.type is not y.type:
        return False
    nx, ny = x.key.split(":", 1)[1], y.key.split(":", 1)[1]
    if x.type is _LOC and (_bare_place(nx, y, lex) or _bare_place(ny, x, lex)):
        return True
    if " " not in nx and " " not in ny:
        return _skeleton(nx) == _skeleton(ny) and len(nx) > 3
    short, long = (x, y) if len(nx) < len(ny) else (y, x)
    acronym = short.mentions[0].text
    return (
        acronym.isupper()
        and len(short.key.split(":", 1)[1].split()) == 1
        and _initials_match(acronym, tuple(long.name.split()))
    )


# "Qeshm Island", "Island of Qeshm", "Brazos County": the class word of a place named without it
_PLACE_CLASSES = frozenset(
    (
        "island",
        "islands",
        "atoll",
        "archipelago",
        "county",
        "province",
        "governorate",
        "oblast",
        "prefecture",
        "region",
        "district",
        "parish",
        "township",
        "borough",
        "town",
        "village",
    )
)


def _bare_place(name: str, bare: Entity, lex: _Lexicon) -> bool:
    """Whether `bare` (a place the tables do not know) is the place called `name` without its
    class word ("Qeshm" for "Qeshm Island" or "Island of Qeshm", "Brazos" for "Brazos County")."""
    if bare.key in lex.names:
        return False
    words = name.split()
    if len(words) < 2:
        return False
    short = bare.key.split(":", 1)[1].split()
    if words[-1] in _PLACE_CLASSES:
        return words[:-1] == short
    return (
        len(words) > 2 and words[0] in _PLACE_CLASSES and words[1] == "of" and (words[2:] == short)
    )


def resolve_pair(a: ArticleEntities, b: ArticleEntities) -> tuple[ArticleEntities, ArticleEntities]:
    """Re-key both articles so that one entity has one key in both (aliases, surnames, variants).

    An entity is linked only when exactly one entity of the other article matches it, so two
    people who share a surname are never merged.
    """
    lex = _lexicon()
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
    chosen: dict[str, tuple[str, str]] = {}  # old key (either side) -> (new key, display name)
    a_by_key, b_by_key = a.by_key(), b.by_key()
    for key_b, key_a in links.items():
        x, y = a_by_key[key_a], b_by_key[key_b]
        best = max((x, y), key=lambda e: (len(e.key.split()), len(e.name), e is x))
        chosen[key_a] = chosen[key_b] = (best.key, best.name)
    return _rekey(a, chosen), _rekey(b, chosen)


def _rekey(side: ArticleEntities, chosen: dict[str, tuple[str, str]]) -> ArticleEntities:
    if not any(e.key in chosen for e in side.entities):
        return side
    mentions = tuple(
        replace(m, key=chosen[m.key][0]) if m.key in chosen else m for m in side.mentions
    )
    by_key: dict[str, list[Mention]] = {}
    for mention in mentions:
        by_key.setdefault(mention.key, []).append(mention)
    entities: dict[str, Entity] = {}
    for entity in side.entities:
        key, name = chosen.get(entity.key, (entity.key, entity.name))
        if key not in entities:
            entities[key] = Entity(key, name, entity.type, tuple(by_key[key]))
    return ArticleEntities(mentions, tuple(entities.values()))


# --- output for the command line ------------------------------------------------------------------


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
