"""The words of a capitalised run, and the candidate mentions they are cut into.

A `Token` is one word of a run with its offsets in the article text (a nickname's brackets and
an adjective ending such as "-based" stay outside the word, not outside the offsets). A
`Candidate` is a stretch of tokens that may be a mention, typed or not yet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from reader.analysis.entities.lexicon import Lexicon
from reader.analysis.entities.model import LOC, EntityType

_TOKEN = re.compile(r"&|[^\s&]+")
_CAMEL = re.compile(r"([A-Z][a-z]+)([A-Z][a-z]+)")
_PARTY_LABEL = re.compile(r"[DRI]-[A-Z]")


class Token(NamedTuple):
    """One word of a run: `start`/`end` are offsets into the article text."""

    start: int
    end: int
    word: str


@dataclass(slots=True)
class Candidate:
    """A stretch of the text that may be a mention."""

    start: int
    end: int
    type: EntityType | None  # None: not yet known
    key: str | None  # set for table entries
    name: str | None
    words: tuple[str, ...]
    titled: bool = False  # preceded by a personal title
    weak: bool = False  # a single unknown word at a sentence start or in a headline
    lone_title: bool = False  # a title or ordinary word alone ("King said", "says Early"): kept
    # only as a known surname
    gender: str = ""  # "f" or "m" when a title says it ("Mrs. Clinton", "Mr. Trump")
    learned: bool = False  # typed by the learned model, not by a rule or a name's shape
    regnal: bool = False  # after a title that goes with a given name ("Pope Francis")
    scores: list[float] | None = None  # the learned model's, when it typed the phrase
    household: bool = False  # typed by a household noun after it ("the Disney family")
    acronym: bool = False  # an unknown word in capitals, an organisation by its shape


def without_prefix(text: str, lex: Lexicon) -> str:
    """The name after a lower-case prefix joined by a hyphen ("anti-Trump": "Trump")."""
    head, _, rest = text.partition("-")
    return rest if rest and head in lex.adjective_prefixes else text


def run_tokens(run: str, offset: int, lex: Lexicon) -> list[Token]:
    """The tokens of a run found at `offset`; "-based" and the like stay out of the word."""
    if " " not in run and "&" not in run and "\u00a0" not in run:
        matches = [(0, len(run), run)]
    else:
        matches = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(run)]
    out = []
    for start, end, word in matches:
        if word[0] in '("“':  # a nickname inside a name: "Daniel (Danny) Okafor"
            start, end, word = start + 1, end - 1, word[1:-1]
        if _party_tag(word, lex):  # 'R-South Carolina', 'D-Ohio': the place, not the tag
            start, word = start + 2, word[2:]
            word = lex.state_names.get(word.rstrip("."), word)  # 'R-Ky.': Kentucky
        if "-" in word:
            word = without_prefix(lex.adjective.sub("", word), lex)
        out.append(Token(offset + start, offset + end, word))
    return out


def _party_tag(word: str, lex: Lexicon) -> bool:
    """True for a party letter joined to a place ('R-South', 'D-Ohio', 'I-Vt.'): a senator's
    tag, whose place is the name."""
    if len(word) < 4 or word[0] not in "RDI" or word[1] != "-" or not word[2].isupper():
        return False
    rest = word[2:]
    alias = lex.aliases.get(rest)
    return (
        rest in lex.place_modifiers
        or rest.rstrip(".") in lex.state_abbreviations
        or (alias is not None and alias.type is LOC)
    )


def is_initial(word: str) -> bool:
    """An initial: one letter and a full stop ("A.")."""
    return len(word) == 2 and word[1] == "."


def bare(word: str) -> str:
    """A word without its full stop; an initial ("A.") keeps it, so it is never the word "A"."""
    return word if len(word) == 2 and word[1] == "." else word.rstrip(".")


def surname(words: tuple[str, ...], lex: Lexicon) -> str:
    """The last word of a name that is not "Jr", "III" or an initial."""
    for word in reversed(words):
        stripped = word.rstrip(".")
        if len(stripped) > 1 and stripped not in lex.generations:
            return word
    return words[-1]


def is_connector(word: str) -> bool:
    """A word that joins the words of a name ("of", "de", "&"), not one of them."""
    return word == "&" or word.islower()


def is_debris_code(word: str, lex: Lexicon) -> bool:
    """Scraping debris glued to digits ("GMT03") and party-state labels ("R-Wis", "D-Md")."""
    if word[-1].isdigit():
        return word.rstrip("0123456789") in lex.never
    return word[1:2] == "-" and _PARTY_LABEL.match(word) is not None


def split_camel_debris(toks: list[Token], lex: Lexicon) -> list[Token]:
    """Cut debris glued to a word by scraping ("ObamaSkip" -> "Obama")."""
    if all(t.word[1:].islower() or t.word.isupper() for t in toks):
        return toks
    out = []
    for tok in toks:
        m = _CAMEL.fullmatch(tok.word)
        if m and m.group(2) in lex.never:
            out.append(Token(tok.start, tok.start + len(m.group(1)), m.group(1)))
            break
        out.append(tok)
    return out
