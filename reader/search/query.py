"""The query language: lexing and parsing a query into its syntax tree (`reader.search.tree`).

The query language (see the README, "Search"):

    russia airstrikes          both words (AND is the default; AND may be written)
    russia OR moscow           either word (OR binds tighter than the implicit AND)
    syria NOT isis, syria -isis   leave out articles with a word
    "joint statement"          an exact phrase
    airstrike*                 words as written that start with "airstrike"
    parliment~  parliment~2    words as written within 1 (or 2) edits
    source:sputnik  outlet:"middle east eye"   the outlet's name contains these words
    title:russia  title:"joint statement"      only in the title
    date:2015  date:2015-10  date:2015-10-01..2015-12-31  date:>=2015-10  date:<2016
    (russia OR moscow) -isis   parentheses group; a field applies to a group: title:(a OR b)
    =ISIL  ="Islamic State"    the name as written, without its aliases

Words are matched as the index analyses them ("strikes" finds "strike"); prefixes, fuzzy
words and spelling suggestions work on the words as written, not on stems. A word, phrase or
run of plain words that is a name of the alias tables also finds the other names of what it
names (see `reader.search.aliases`), unless written after `=`.

"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from reader.corpus import normalise_date
from reader.search import aliases
from reader.search.analysis import WORD, term, tokens
from reader.search.edits import MAX_LETTERS, within_budget
from reader.search.tree import (
    And,
    AndNot,
    DateFilter,
    Fuzzy,
    Highlight,
    Near,
    Node,
    Or,
    OutletFilter,
    ParsedQuery,
    Phrase,
    Prefix,
    QueryWord,
    Term,
)
from reader.text import fold_name

FIELDS = {"source": "outlet", "outlet": "outlet", "title": "title", "date": "date"}

MAX_DEPTH = 20
"""Parentheses nest at most this deep."""
MAX_TERMS = 100
"""A query has at most this many words, phrases and filters (the search engine's matchers
nest one level per word)."""
TYPING_EXPANSION = 16
"""The most known words the last word being typed stands for (the commonest)."""
MAX_QUERY_CHARS = 10_000
"""A longer query is refused before it is read."""
_END = re.compile(r"\s*\Z")
_SURROGATE = re.compile("[\ud800-\udfff]")


class QueryError(ValueError):
    """A query that cannot be parsed; the message says what is wrong and how to write it."""


class KnownWords(Protocol):
    """The corpus vocabulary as the parser uses it: words as written (folded)."""

    words: list[str]

    def starting_with(self, prefix: str, limit: int = ...) -> list[str]:
        """Known words that start with prefix (the commonest `limit` when there are more)."""
        ...

    def near(self, word: str, distance: int) -> set[str]:
        """Known words at most `distance` edits from word."""
        ...


def parse(text: str, vocabulary: KnownWords | None = None, typing: bool = False) -> ParsedQuery:
    """The tree of a query, what to highlight for it and its plain words (raises QueryError).

    With a vocabulary, prefixes and fuzzy words stand for the known words they match. With
    `typing` (a query being typed in the search field), a plain last word of two letters or
    more that the text ends on also stands for the known words it starts, at most
    `TYPING_EXPANSION` of them ("president tr" finds "president trump").
    """
    return _Parser(text, vocabulary, typing).parse()


def query_error(query: str) -> str | None:
    """Why a query cannot be parsed, or None when it can (no index needed)."""
    try:
        parse(query)
    except QueryError as exc:
        return str(exc)
    return None


# ---------------------------------------------------------------------------- lexing


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # "(", ")", "OR", "AND", "NOT", "term", "field("
    start: int
    end: int
    negated: bool = False
    field: str | None = None
    text: str = ""
    phrase: bool = False
    exact: bool = False


_TOKEN = re.compile(
    r"""
    \s*(?:
      (?P<paren>[()])
    | (?P<sign>[-+]?)(?:(?P<field>[A-Za-z]+):)?(?P<exact>=?)
      (?:"(?P<phrase>[^"]*)(?P<close>"?)|(?P<word>[^\s()"]+)|(?=\())
    )""",
    re.X,
)


def _lex(text: str) -> list[_Token]:
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is too long: at most {MAX_QUERY_CHARS:,} characters")
    if _SURROGATE.search(text):
        raise QueryError("the query holds bytes that are not valid text (UTF-8)")
    found: list[_Token] = []
    terms = 0
    pos = 0
    while pos < len(text) and not _END.match(text, pos):
        match = _TOKEN.match(text, pos)
        if match is None or match.end() == pos:
            raise QueryError(f"cannot read the query at {text[pos : pos + 12]!r}")
        pos = match.end()
        found.append(_token(text, match))
        terms += found[-1].kind == "term"
        if terms > MAX_TERMS:
            raise QueryError(
                f"the query has too many words: at most {MAX_TERMS} words, phrases and filters"
            )
    return found


def _shown(text: str) -> str:
    """Query text as a message quotes it: at most 40 characters."""
    return text if len(text) <= 40 else text[:37] + "..."


def _token(text: str, match: re.Match[str]) -> _Token:
    """The token one match of `_TOKEN` reads."""
    pos = match.end()
    if match.group("paren"):
        return _Token(match.group("paren"), match.start("paren"), pos)
    start = match.start("sign")
    field_name = match.group("field")
    if field_name is not None and field_name.lower() not in FIELDS:
        raise QueryError(
            f"unknown field '{_shown(field_name)}:'; the fields are "
            + ", ".join(f"{f}:" for f in FIELDS)
        )
    negated = match.group("sign") == "-"
    field_key = field_name.lower() if field_name else None
    exact = bool(match.group("exact"))
    if match.group("phrase") is not None:
        if not match.group("close"):
            raise QueryError('a quotation mark is not closed: phrases are written "like this"')
        phrase = match.group("phrase")
        return _Token("term", start, pos, negated, field_key, phrase, True, exact)
    word = match.group("word")
    if word is not None:
        plain = field_key is None and match.group("sign") == "" and not exact
        if word in ("OR", "AND", "NOT") and plain:
            return _Token(word, start, pos)
        if word == "||":
            return _Token("OR", start, pos)
        return _Token("term", start, pos, negated, field_key, word, False, exact)
    if field_key is None:
        raise QueryError(f"cannot read the query at {text[start : start + 12]!r}")
    return _Token("field(", start, pos, negated, field_key)


# ---------------------------------------------------------------------------- parsing

_OR_SIDES = "OR needs a word on both sides, as in: russia OR moscow"


class _Parser:
    """Recursive descent over the tokens; builds the tree and what to highlight."""

    def __init__(self, text: str, vocabulary: KnownWords | None, typing: bool = False) -> None:
        self.text = text
        self.tokens = _lex(text)
        self.typed = self.tokens[-1] if typing and self.tokens and text == text.rstrip() else None
        """The token being typed, when it ends the text."""
        self.pos = 0
        self.vocabulary = vocabulary
        self.highlight = Highlight.nothing()
        self.words: list[QueryWord] = []
        self.also: list[str] = []
        self.plain: dict[int, tuple[str, bool]] = {}
        """Nodes of plain words that runs of words may join into a name: word, title_only."""
        self.depth = 0

    def parse(self) -> ParsedQuery:
        if not self.tokens:
            raise QueryError("the query is empty: type some words to search for")
        tree = self._sequence(None, negated=False)
        if self.pos < len(self.tokens):
            raise QueryError("a closing parenthesis has no opening one")
        if tree is None:
            raise QueryError(
                "nothing to search for: every word is excluded or too common "
                "to be indexed (such as 'the' or 'of')"
            )
        return ParsedQuery(tree, self.highlight, self.words, self.also)

    def _peek(self) -> _Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def _current(self) -> _Token:
        """The token at the cursor, where the grammar knows there is one."""
        token = self._peek()
        assert token is not None
        return token

    def _sequence(self, field_key: str | None, negated: bool) -> Node | None:
        required: list[Node] = []
        excluded: list[Node] = []
        while (token := self._peek()) is not None and token.kind != ")":
            if token.kind == "AND":
                self.pos += 1
                continue
            if token.kind == "OR":
                raise QueryError(_OR_SIDES)
            is_not, clause = self._clause(field_key, negated)
            if clause is not None:
                (excluded if is_not else required).append(clause)
        if not required:
            return None
        if len(required) > 1:
            required = self._names(required)
        positive = required[0] if len(required) == 1 else And(tuple(required))
        if excluded:
            return AndNot(positive, excluded[0] if len(excluded) == 1 else Or(tuple(excluded)))
        return positive

    def _clause(self, field_key: str | None, negated: bool) -> tuple[bool, Node | None]:
        is_not, first = self._unit(field_key, negated)
        options = [first]
        while (token := self._peek()) is not None and token.kind == "OR":
            self.pos += 1
            following = self._peek()
            if following is None or following.kind in (")", "OR"):
                raise QueryError(_OR_SIDES)
            other_not, other = self._unit(field_key, negated)
            if other_not != is_not:
                raise QueryError("NOT cannot be combined with OR; group it instead: (a OR b) -c")
            options.append(other)
        kept = [node for node in options if node is not None]
        if not kept:
            return is_not, None
        return is_not, kept[0] if len(kept) == 1 else Or(tuple(kept))

    def _unit(self, field_key: str | None, negated: bool) -> tuple[bool, Node | None]:
        token = self._current()
        is_not = False
        if token.kind == "NOT":
            self.pos += 1
            following = self._peek()
            if following is None or following.kind in (")", "OR", "NOT"):
                raise QueryError("NOT needs a word after it, as in: syria NOT isis")
            token, is_not = following, True
        if token.negated:
            is_not = True
        inner_negated = negated or is_not
        self.pos += 1
        if token.kind in ("(", "field("):
            return is_not, self._group(token, field_key, inner_negated)
        if token.kind != "term":
            raise QueryError(f"unexpected {token.kind}")
        return is_not, self._term(token, token.field or field_key, inner_negated)

    def _group(self, opening: _Token, field_key: str | None, negated: bool) -> Node:
        """A parenthesised sequence (after its opening token), with the field before it."""
        if opening.kind == "field(":
            self.pos += 1  # the "(" that follows the field name
            field_key = opening.field
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise QueryError(f"parentheses are nested too deeply: at most {MAX_DEPTH} levels")
        node = self._sequence(field_key, negated)
        self.depth -= 1
        closing = self._peek()
        if closing is None or closing.kind != ")":
            raise QueryError("a parenthesis is not closed")
        self.pos += 1
        if node is None:
            raise QueryError(
                "empty or all-negative parentheses: put words to look for "
                "inside, as in (russia OR moscow)"
            )
        return node

    # ------------------------------------------------------------------ terms

    def _term(self, token: _Token, field_key: str | None, negated: bool) -> Node | None:
        text = token.text
        if field_key in ("source", "outlet"):
            return outlet_filter(text, token.phrase)
        if field_key == "date":
            return date_filter(text)
        title_only = field_key == "title"
        if token.phrase:
            node = self._words(title_only, text, negated)
            if isinstance(node, Phrase) and not negated and not token.exact:
                node = self._also(node, aliases.alternatives(text), title_only)
            return node
        fuzzy = re.fullmatch(r"(.+?)~([12]?)", text)
        if fuzzy:
            return self._fuzzy(title_only, fuzzy.group(1), int(fuzzy.group(2) or 1), negated)
        if text.endswith("*") and text.rstrip("*"):
            return self._prefix(title_only, text.rstrip("*"), negated)
        if "*" in text or "?" in text:
            raise QueryError(
                f"'{_shown(text)}': * is only allowed at the end of a word, as in elect*"
            )
        node = self._words(title_only, text, negated)
        if node is not None and not negated and field_key in (None, "title"):
            self.words.append(QueryWord(token.end - len(text), token.end, text))
            if not token.exact:
                node = self._also(node, aliases.alternatives(text), title_only)
                self.plain[id(node)] = (text, title_only)
        if token is self.typed and not negated and not token.exact and field_key in (None, "title"):
            return self._typed(node, title_only, text)
        return node

    def _typed(self, node: Node | None, title_only: bool, text: str) -> Node | None:
        """The word being typed: also the known words it starts (the commonest few)."""
        folded = fold_name(text)
        if len(folded) < 2 or not folded.isalnum() or self.vocabulary is None:
            return node
        stems = _stems(self.vocabulary.starting_with(folded, TYPING_EXPANSION))
        if not stems:
            return node
        self.highlight.prefixes.append(folded)
        prefix = Prefix(folded, title_only, stems)
        return prefix if node is None else Or((node, prefix))

    def _also(self, node: Node, names: list[aliases.Name], title_only: bool) -> Node:
        """A node that also finds other names, said in `also` and highlighted."""
        if isinstance(node, Phrase) and not names:
            names = aliases.variant_phrases(node.stems)
        for name in names:
            self.also.append(name.surface)
            if len(name.stems) == 1:
                self.highlight.stems.add(name.stems[0])
            else:
                self.highlight.phrases.append(name.stems)
        return aliases.with_alternatives(node, names, title_only)

    def _names(self, required: list[Node]) -> list[Node]:
        """Required parts with each run of plain words that is a name of the alias tables
        also finding the other names (the longest run first)."""
        joined: list[Node] = []
        i = 0
        while i < len(required):
            end, names, title_only = self._longest_name(required, i)
            if names:
                joined.append(self._also(And(tuple(required[i:end])), names, title_only))
            else:
                joined.extend(required[i:end])
            i = end
        return joined

    def _longest_name(self, required: list[Node], i: int) -> tuple[int, list[aliases.Name], bool]:
        """The end of the longest run of two or more plain words from `i` that is a name,
        its other names and whether it is looked for in titles (else `i + 1`, none)."""
        for end in range(len(required), i + 1, -1):
            run = [self.plain.get(id(node)) for node in required[i:end]]
            texts = [found for found in run if found is not None]
            if len(texts) < len(run) or len({title for _, title in texts}) > 1:
                continue
            names = aliases.alternatives(" ".join(text for text, _ in texts))
            if names:
                return end, names, texts[0][1]
        return i + 1, [], False

    def _words(self, title_only: bool, text: str, negated: bool) -> Node | None:
        stems = [found.term for found in tokens(text)]
        if not stems:
            return None
        if len(stems) == 1:
            if not negated:
                self.highlight.stems.add(stems[0])
            return Term(stems[0], title_only)
        if not negated:
            self.highlight.phrases.append(tuple(stems))
        return Phrase(tuple(stems), title_only)

    def _prefix(self, title_only: bool, prefix: str, negated: bool) -> Node:
        folded = fold_name(prefix)
        if len(folded) < 2:
            raise QueryError(f"'{_shown(prefix)}*': a prefix needs at least two letters")
        if not negated:
            self.highlight.prefixes.append(folded)
        if self.vocabulary is None or not self.vocabulary.words:
            return Prefix(folded, title_only, None)
        return Prefix(folded, title_only, _stems(self.vocabulary.starting_with(folded)))

    def _fuzzy(self, title_only: bool, word: str, distance: int, negated: bool) -> Node | None:
        folded = fold_name(word)
        if not within_budget(folded, distance):
            raise QueryError(
                f"'{_shown(word)}~{distance}': fuzzy words "
                f"are limited to {MAX_LETTERS} letters"
                + (" (fewer with two edits and letters outside a-z)" if distance > 1 else "")
            )
        if not negated:
            self.highlight.fuzzy.append(Near(folded, distance))
        candidates = {folded}
        if self.vocabulary is not None:
            candidates |= self.vocabulary.near(folded, distance)
        stems = _stems(candidates)
        if not stems:
            return None
        return Fuzzy(folded, distance, title_only, stems)


def _stems(words: list[str] | set[str]) -> tuple[str, ...]:
    """The distinct index terms of words, sorted."""
    return tuple(sorted({found for found in map(term, words) if found is not None}))


# ---------------------------------------------------------------------------- filters


def outlet_filter(text: str, phrase: bool) -> OutletFilter:
    """Outlets whose name contains the words in order (the last one as a prefix with *)."""
    prefix = text.endswith("*") and not phrase
    words = WORD.findall(fold_name(text.rstrip("*")))
    if not words:
        raise QueryError(f"source:{_shown(text)}: name an outlet, as in source:sputnik")
    return OutletFilter(tuple(words), prefix)


_DATE_HELP = (
    "use YYYY, YYYY-MM or YYYY-MM-DD, a range such as 2015-01..2015-06, "
    "or a comparison such as >=2015-10"
)
_BOUNDS = {  # a comparison's (low, high) as suffixes of its date, or None for an open end
    ">": ("\uffff", None),
    ">=": ("", None),
    "<": (None, ""),
    "<=": (None, "\uffff"),
}


def _date(value: str, text: str) -> str:
    if normalise_date(value) != value:
        raise QueryError(f"date:{_shown(text)}: '{_shown(value)}' is not a date; {_DATE_HELP}")
    return value


def date_filter(text: str) -> DateFilter:
    """ISO date prefixes compare as strings; a partial date stands for its whole period."""
    compare = re.fullmatch(r"(>=|<=|>|<)(.+)", text)
    if compare:
        op, value = compare.group(1), _date(compare.group(2), text)
        low, high = _BOUNDS[op]
        return DateFilter(
            text,
            low=None if low is None else value + low,
            high=None if high is None else value + high,
            strict=op in (">", "<"),
        )
    if ".." in text:
        low_text, _, high_text = text.partition("..")
        if not low_text and not high_text:
            raise QueryError(f"date:{_shown(text)}: {_DATE_HELP}")
        return DateFilter(
            text,
            low=_date(low_text, text) if low_text else None,
            high=_date(high_text, text) + "\uffff" if high_text else None,
        )
    return DateFilter(text, period=_date(text, text))
