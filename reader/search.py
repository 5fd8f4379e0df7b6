"""Search: the query language, ranked hits with snippets, did-you-mean, more-like-this.

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

Words are matched as the index analyses them ("strikes" finds "strike"); prefixes, fuzzy
words and spelling suggestions work on the words as written, not on stems.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, lru_cache

from whoosh import collectors
from whoosh import query as wq
from whoosh.matching import ListMatcher, NullMatcher
from whoosh.sorting import FieldFacet, ScoreFacet

from reader.corpus import normalise_date
from reader.index import WORD, IndexUnavailable, Library, fold_name, term, tokens

FIELDS = {"source": "outlet", "outlet": "outlet", "title": "title", "date": "date"}
SNIPPET_CHARS = 220
_MAX_EXPANSION = 200
_ALPHABET = "abcdefghijklmnopqrstuvwxyz"


class QueryError(ValueError):
    """A query that cannot be parsed; the message says what is wrong and how to write it."""


@dataclass(frozen=True, slots=True)
class Hit:
    """One search hit. `snippet_marks` are (start, end) offsets of matched words in snippet."""

    id: str
    title: str
    outlet: str | None
    date: str | None
    score: float
    snippet: str
    snippet_marks: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The hits of a query, how many articles matched in all, a spelling suggestion when
    nothing matched, or an error message (then there are no hits)."""

    query: str
    hits: list[Hit]
    total: int
    suggestion: str | None
    error: str | None


# ---------------------------------------------------------------------------- parsing


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # "(", ")", "OR", "AND", "NOT", "term"
    start: int
    end: int
    negated: bool = False
    field: str | None = None
    text: str = ""
    phrase: bool = False


_TOKEN = re.compile(
    r"""
    \s*(?:
      (?P<paren>[()])
    | (?P<sign>[-+]?)(?:(?P<field>[A-Za-z]+):)?
      (?:"(?P<phrase>[^"]*)(?P<close>"?)|(?P<word>[^\s()"]+)|(?=\())
    )""",
    re.X,
)


def _lex(text: str) -> list[_Token]:
    found: list[_Token] = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        match = _TOKEN.match(text, pos)
        if match is None or match.end() == pos:
            raise QueryError(f"cannot read the query at {text[pos : pos + 12]!r}")
        pos = match.end()
        start = match.start("paren") if match.group("paren") else match.start("sign")
        if match.group("paren"):
            found.append(_Token(match.group("paren"), start, pos))
            continue
        field_name = match.group("field")
        if field_name is not None and field_name.lower() not in FIELDS:
            raise QueryError(
                f"unknown field '{field_name}:'; the fields are "
                + ", ".join(f"{f}:" for f in FIELDS)
            )
        negated = match.group("sign") == "-"
        field_key = field_name.lower() if field_name else None
        if match.group("phrase") is not None:
            if not match.group("close"):
                raise QueryError('a quotation mark is not closed: phrases are written "like this"')
            found.append(
                _Token("term", start, pos, negated, field_key, match.group("phrase"), True)
            )
        elif match.group("word") is not None:
            word = match.group("word")
            if (
                word in ("OR", "AND", "NOT")
                and not negated
                and field_key is None
                and match.group("sign") == ""
            ):
                found.append(_Token(word, start, pos))
            elif word == "||":
                found.append(_Token("OR", start, pos))
            else:
                found.append(_Token("term", start, pos, negated, field_key, word))
        else:
            if field_key is None:
                raise QueryError(f"cannot read the query at {text[start : start + 12]!r}")
            found.append(_Token("field(", start, pos, negated, field_key))
    return found


@dataclass(slots=True)
class _Parsed:
    query: wq.Query
    highlight: _Highlighter
    words: list[tuple[int, int, str]]  # (start, end, word) of positive plain words


@dataclass(slots=True)
class _Highlighter:
    stems: set[str] = field(default_factory=set)
    phrases: list[tuple[str, ...]] = field(default_factory=list)
    prefixes: list[str] = field(default_factory=list)
    fuzzy: list[tuple[str, int]] = field(default_factory=list)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Offsets of the words of text that the query matches (phrases only where their
        words follow each other)."""
        if not (self.stems or self.phrases or self.prefixes or self.fuzzy):
            return []
        found: set[tuple[int, int]] = set()
        stems, prefixes, fuzzy = self.stems, tuple(self.prefixes), self.fuzzy
        starts = {phrase[0] for phrase in self.phrases}
        if fuzzy:  # no cheap way to find candidates: look at every word
            candidates = (m.start() for m in WORD.finditer(text))
        else:
            heads = {s[:3] for s in stems | starts} | {p[:3] for p in prefixes}
            candidates = (m.start() for m in _candidates(frozenset(heads)).finditer(text))
        for position in candidates:
            match = WORD.match(text, position)
            if match is None:
                continue
            start, end = match.span()
            stemmed = term(match.group())
            if stemmed in stems:
                found.add((start, end))
            elif prefixes or fuzzy:
                word = _fold_word(match.group())
                if word.startswith(prefixes) or any(_within(word, w, d) for w, d in fuzzy):
                    found.add((start, end))
            if stemmed in starts:
                run = [
                    (stemmed, start, end),
                    *itertools.islice(tokens(text, end), _longest(self.phrases) - 1),
                ]
                for phrase in self.phrases:
                    if tuple(t for t, _, _ in run[: len(phrase)]) == phrase:
                        found.update((s, e) for _, s, e in run[: len(phrase)])
        return sorted(found)


def _longest(phrases: list[tuple[str, ...]]) -> int:
    return max(len(p) for p in phrases)


@cache
def _variants() -> dict[str, str]:
    """Each ASCII letter with the accented letters that fold to it."""
    table: dict[str, str] = {c: c for c in _ALPHABET}
    for code in range(0xC0, 0x250):
        char = chr(code)
        base = _fold_word(char)
        if len(base) == 1 and base in table:
            table[base] += char + char.upper()
    return table


@lru_cache(maxsize=256)
def _candidates(heads: frozenset[str]) -> re.Pattern[str]:
    """Where words starting with any of heads (as folded) begin in a text."""
    variants = _variants()
    alternatives = sorted(
        "".join(f"[{re.escape(variants[c])}]" if c in variants else re.escape(c) for c in head)
        for head in heads
    )
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + ")", re.IGNORECASE)


class _Parser:
    """Recursive descent over the tokens; builds a Whoosh query and what to highlight."""

    def __init__(self, text: str, vocabulary: _Vocabulary | None) -> None:
        self.text = text
        self.tokens = _lex(text)
        self.pos = 0
        self.vocabulary = vocabulary
        self.highlight = _Highlighter()
        self.words: list[tuple[int, int, str]] = []

    def parse(self) -> _Parsed:
        if not self.tokens:
            raise QueryError("the query is empty: type some words to search for")
        query = self._sequence(None, negated=False)
        if self.pos < len(self.tokens):
            raise QueryError("a closing parenthesis has no opening one")
        if query is None:
            raise QueryError(
                "nothing to search for: every word is excluded or too common "
                "to be indexed (such as 'the' or 'of')"
            )
        return _Parsed(query, self.highlight, self.words)

    def _peek(self) -> _Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def _sequence(self, field_key: str | None, negated: bool) -> wq.Query | None:
        required: list[wq.Query] = []
        excluded: list[wq.Query] = []
        while (token := self._peek()) is not None and token.kind != ")":
            if token.kind == "AND":
                self.pos += 1
                continue
            if token.kind == "OR":
                raise QueryError("OR needs a word on both sides, as in: russia OR moscow")
            is_not, clause = self._clause(field_key, negated)
            if clause is not None:
                (excluded if is_not else required).append(clause)
        if not required:
            return None
        positive = required[0] if len(required) == 1 else wq.And(required)
        if excluded:
            return wq.AndNot(positive, excluded[0] if len(excluded) == 1 else wq.Or(excluded))
        return positive

    def _clause(self, field_key: str | None, negated: bool) -> tuple[bool, wq.Query | None]:
        is_not, first = self._unit(field_key, negated)
        options = [first]
        while (token := self._peek()) is not None and token.kind == "OR":
            self.pos += 1
            if self._peek() is None or self._peek().kind in (")", "OR"):
                raise QueryError("OR needs a word on both sides, as in: russia OR moscow")
            other_not, other = self._unit(field_key, negated)
            if other_not != is_not:
                raise QueryError("NOT cannot be combined with OR; group it instead: (a OR b) -c")
            options.append(other)
        kept = [q for q in options if q is not None]
        if not kept:
            return is_not, None
        return is_not, kept[0] if len(kept) == 1 else wq.Or(kept)

    def _unit(self, field_key: str | None, negated: bool) -> tuple[bool, wq.Query | None]:
        token = self._peek()
        is_not = False
        if token.kind == "NOT":
            self.pos += 1
            token = self._peek()
            if token is None or token.kind in (")", "OR", "NOT"):
                raise QueryError("NOT needs a word after it, as in: syria NOT isis")
            is_not = True
        if token.negated:
            is_not = True
        inner_negated = negated or is_not
        self.pos += 1
        if token.kind in ("(", "field("):
            if token.kind == "field(":
                self.pos += 1  # the "(" that follows the field name
                field_key = token.field
            query = self._sequence(field_key, inner_negated)
            closing = self._peek()
            if closing is None or closing.kind != ")":
                raise QueryError("a parenthesis is not closed")
            self.pos += 1
            if query is None and token.kind in ("(", "field("):
                raise QueryError(
                    "empty or all-negative parentheses: put words to look for "
                    "inside, as in (russia OR moscow)"
                )
            return is_not, query
        if token.kind != "term":
            raise QueryError(f"unexpected {token.kind}")
        return is_not, self._term(token, token.field or field_key, inner_negated)

    # ------------------------------------------------------------------ terms

    def _term(self, token: _Token, field_key: str | None, negated: bool) -> wq.Query | None:
        text = token.text
        if field_key in ("source", "outlet"):
            return _outlet_query(text, token.phrase)
        if field_key == "date":
            return _date_query(text)
        fields = ("title",) if field_key == "title" else ("title", "body")
        if token.phrase:
            return self._words(fields, text, negated)
        fuzzy = re.fullmatch(r"(.+?)~([12]?)", text)
        if fuzzy:
            return self._fuzzy(fields, fuzzy.group(1), int(fuzzy.group(2) or 1), negated)
        if text.endswith("*") and text.rstrip("*"):
            return self._prefix(fields, text.rstrip("*"), negated)
        if "*" in text or "?" in text:
            raise QueryError(f"'{text}': * is only allowed at the end of a word, as in elect*")
        query = self._words(fields, text, negated)
        if query is not None and not negated and field_key in (None, "title"):
            self.words.append((token.end - len(text), token.end, text))
        return query

    def _words(self, fields: tuple[str, ...], text: str, negated: bool) -> wq.Query | None:
        stems = [found for found, _, _ in tokens(text)]
        if not stems:
            return None
        if len(stems) == 1:
            if not negated:
                self.highlight.stems.add(stems[0])
            return _any_field(fields, lambda f: wq.Term(f, stems[0]))
        if not negated:
            self.highlight.phrases.append(tuple(stems))
        return _any_field(fields, lambda f: wq.Phrase(f, stems))

    def _prefix(self, fields: tuple[str, ...], prefix: str, negated: bool) -> wq.Query:
        folded = _fold_word(prefix)
        if len(folded) < 2:
            raise QueryError(f"'{prefix}*': a prefix needs at least two letters")
        if not negated:
            self.highlight.prefixes.append(folded)
        if self.vocabulary is None or not self.vocabulary.words:
            return _any_field(fields, lambda f: wq.Prefix(f, folded))
        stems = {term(w) for w in self.vocabulary.starting_with(folded)} - {None}
        if not stems:
            return wq.NullQuery
        return _any_field(fields, lambda f: wq.Or([wq.Term(f, s) for s in sorted(stems)]))

    def _fuzzy(
        self, fields: tuple[str, ...], word: str, distance: int, negated: bool
    ) -> wq.Query | None:
        folded = _fold_word(word)
        if not negated:
            self.highlight.fuzzy.append((folded, distance))
        candidates = {folded}
        if self.vocabulary is not None:
            candidates |= self.vocabulary.near(folded, distance)
        stems = {term(w) for w in candidates} - {None}
        if not stems:
            return None
        return _any_field(fields, lambda f: wq.Or([wq.Term(f, s) for s in sorted(stems)]))


def _any_field(fields: tuple[str, ...], make) -> wq.Query:
    """The query on the title alone, or on the body (which indexes the title too) with title
    matches adding to the score: one posting list to match instead of a union of two."""
    if fields == ("title",):
        return make("title")
    return wq.AndMaybe(make("body"), make("title"))


class _ColumnFilter(wq.Query):
    """Articles whose outlet or date (a sortable column) passes a test: a filter that adds
    nothing to the score and costs one pass over the column, cached per index segment."""

    def __init__(self, fieldname: str, label: str, test) -> None:
        self.fieldname, self.label, self.test = fieldname, label, test
        self.boost = 1.0

    def __str__(self) -> str:
        return f"{self.fieldname}:{self.label}"

    __repr__ = __str__

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and (self.fieldname, self.label) == (
            other.fieldname,
            other.label,
        )

    def __hash__(self) -> int:
        return hash((self.fieldname, self.label))

    def is_leaf(self) -> bool:
        return True

    def _ids(self, reader) -> list[int]:
        passed: dict[str, bool] = {}
        ids = []
        for docnum, value in enumerate(_column(reader, self.fieldname)):
            ok = passed.get(value)
            if ok is None:
                ok = passed[value] = bool(value) and self.test(value)
            if ok:
                ids.append(docnum)
        if reader.has_deletions():
            ids = [i for i in ids if not reader.is_deleted(i)]
        return ids

    def estimate_size(self, reader) -> int:
        return sum(len(self._ids(leaf)) for leaf, _ in reader.leaf_readers())

    def matcher(self, searcher, context=None):
        ids = self._ids(searcher.reader())
        return ListMatcher(ids, all_weights=0.0) if ids else NullMatcher()


_COLUMNS: dict[tuple[str, str, int], list[str]] = {}


def _column(reader, fieldname: str) -> list[str]:
    segment = reader.segment()
    if segment is None or not reader.has_column(fieldname):
        return [reader.stored_fields(i).get(fieldname, "") for i in range(reader.doc_count_all())]
    key = (segment.segment_id(), fieldname, reader.doc_count_all())
    values = _COLUMNS.get(key)
    if values is None:
        if len(_COLUMNS) > 32:
            _COLUMNS.clear()
        values = _COLUMNS[key] = list(reader.column_reader(fieldname))
    return values


def _outlet_query(text: str, phrase: bool) -> wq.Query:
    """Outlets whose name contains the words in order (the last one as a prefix with *)."""
    prefix = text.endswith("*") and not phrase
    words = WORD.findall(fold_name(text.rstrip("*")))
    if not words:
        raise QueryError(f"source:{text}: name an outlet, as in source:sputnik")
    wanted, last = words[:-1], words[-1]

    def test(name: str) -> bool:
        have = WORD.findall(name)
        for i in range(len(have) - len(words) + 1):
            if have[i : i + len(wanted)] == wanted and (
                have[i + len(wanted)].startswith(last) if prefix else have[i + len(wanted)] == last
            ):
                return True
        return False

    return _ColumnFilter("outlet_name", " ".join(words) + ("*" if prefix else ""), test)


_DATE_HELP = (
    "use YYYY, YYYY-MM or YYYY-MM-DD, a range such as 2015-01..2015-06, "
    "or a comparison such as >=2015-10"
)


def _date(value: str, text: str) -> str:
    if normalise_date(value) != value:
        raise QueryError(f"date:{text}: '{value}' is not a date; {_DATE_HELP}")
    return value


def _date_query(text: str) -> wq.Query:
    """ISO date prefixes compare as strings; a partial date stands for its whole period."""
    compare = re.fullmatch(r"(>=|<=|>|<)(.+)", text)
    if compare:
        op, value = compare.group(1), _date(compare.group(2), text)
        low, high = {
            ">": (value + "\uffff", None),
            ">=": (value, None),
            "<": (None, value),
            "<=": (None, value + "\uffff"),
        }[op]
        strict = op in (">", "<")
    elif ".." in text:
        low, _, high = text.partition("..")
        if not low and not high:
            raise QueryError(f"date:{text}: {_DATE_HELP}")
        low = _date(low, text) if low else None
        high = _date(high, text) + "\uffff" if high else None
        strict = False
    else:
        value = _date(text, text)
        return _ColumnFilter("date", text, lambda d: d.startswith(value))

    def test(date: str) -> bool:
        if strict:
            return (low is None or date > low) and (high is None or date < high)
        return (low is None or date >= low) and (high is None or date <= high)

    return _ColumnFilter("date", text, test)


def _fold_word(word: str) -> str:
    return fold_name(word)


def _within(a: str, b: str, distance: int) -> bool:
    """Whether two words are at most `distance` edits apart (Levenshtein)."""
    if abs(len(a) - len(b)) > distance:
        return False
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > distance:
            return False
        previous = current
    return previous[-1] <= distance


# ---------------------------------------------------------------------------- vocabulary


class _Vocabulary:
    """Words as written in the corpus, for prefixes, fuzzy words and suggestions."""

    def __init__(self, counts: Counter[str]) -> None:
        self.counts = counts
        self.words = sorted(counts)

    def starting_with(self, prefix: str) -> list[str]:
        start = bisect_left(self.words, prefix)
        end = bisect_left(self.words, prefix + "\uffff")
        found = self.words[start:end]
        if len(found) > _MAX_EXPANSION:
            found = sorted(found, key=self.counts.__getitem__, reverse=True)[:_MAX_EXPANSION]
        return found

    def near(self, word: str, distance: int) -> set[str]:
        found = {w for w in _edits(word) if w in self.counts}
        if distance > 1:
            found |= {w for e in _edits(word) for w in _edits(e) if w in self.counts}
        return found

    def correct(self, word: str) -> list[str]:
        """Known words close to word, the likeliest first."""
        for distance in (1, 2):
            if distance == 2 and len(word) < 5:
                break
            found = self.near(word, distance)
            found.discard(word)
            if found:
                return sorted(found, key=lambda w: (-self.counts[w], w))
        return []


def _edits(word: str) -> set[str]:
    letters = _ALPHABET + "".join(sorted({c for c in word if c not in _ALPHABET}))
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return (
        {a + b[1:] for a, b in splits if b}
        | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
        | {a + c + b[1:] for a, b in splits if b for c in letters}
        | {a + c + b for a, b in splits for c in letters}
    )


_VOCABULARIES: dict[tuple[str, str], _Vocabulary] = {}


def _vocabulary(library: Library) -> _Vocabulary:
    generation = library.generation()
    if generation is None:
        return _Vocabulary(Counter())
    path = generation / "words.json"
    try:
        key = (str(path), str(path.stat().st_mtime_ns))
    except OSError:
        return _Vocabulary(Counter())
    found = _VOCABULARIES.get(key)
    if found is None:
        _VOCABULARIES.clear()
        found = _VOCABULARIES[key] = _Vocabulary(library.vocabulary())
    return found


# ---------------------------------------------------------------------------- searching


def query_error(query: str) -> str | None:
    """Why a query cannot be parsed, or None when it can (no index needed)."""
    try:
        _Parser(query, None).parse()
    except QueryError as exc:
        return str(exc)
    return None


def search(
    library: Library, query: str, limit: int = 20, sort: str = "relevance", snippets: bool = True
) -> SearchResult:
    """Search the library's index; hits are ranked by relevance or by date (newest first).

    An unparsable query, or an index that cannot be searched, gives a result with `error`
    set and no hits. When nothing matches, `suggestion` may hold a corrected query.
    """
    if sort not in ("relevance", "date"):
        raise ValueError(f"sort must be 'relevance' or 'date', not {sort!r}")
    try:
        parsed = _Parser(query, _vocabulary(library)).parse()
    except QueryError as exc:
        return SearchResult(query, [], 0, None, str(exc))
    try:
        with library.lock:
            searcher = library.searcher()
            hits, total = _run(searcher, parsed, limit, sort, snippets)
            suggestion = _suggest(library, searcher, query, parsed) if total == 0 else None
    except IndexUnavailable as exc:
        return SearchResult(query, [], 0, None, str(exc))
    return SearchResult(query, hits, total, suggestion, None)


def _run(searcher, parsed: _Parsed, limit: int, sort: str, snippets: bool) -> tuple[list[Hit], int]:
    sortedby = [FieldFacet("date", reverse=True), ScoreFacet()] if sort == "date" else None
    if sortedby:
        collector = collectors.SortingCollector(sortedby, limit=max(1, limit))
    else:
        # No block-quality skipping and no matcher replacement: Whoosh then scores every match
        # once and counts exactly (with them, counting needs a second pass, and its count can
        # come out short when a replaced matcher stops reporting block quality).
        collector = collectors.TopCollector(max(1, limit), usequality=False, replace=0)
    searcher.search_with_collector(parsed.query, collector)
    results = collector.results()
    hits = []
    for found in results[:limit]:
        stored = found.fields()
        score = -found.score[-1] if sortedby else found.score  # ScoreFacet keys are -score
        snippet, marks = (
            _snippet(stored.get("text", ""), parsed.highlight) if snippets else ("", ())
        )
        hits.append(
            Hit(
                stored["id"],
                stored.get("title", ""),
                stored.get("outlet"),
                stored.get("date"),
                float(score or 0.0),
                snippet,
                marks,
            )
        )
    return hits, len(results)


def _snippet(text: str, highlight: _Highlighter) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The passage of text with the most distinct matched words, whitespace made single,
    and the offsets of the matches within it."""
    spans = highlight.spans(text)
    if not spans:
        end = _cut_end(text, 0, SNIPPET_CHARS)
        return _flatten(text, 0, end, [])
    best, best_score = 0, -1
    for i, (start, _) in enumerate(spans):
        seen = {text[s:e].lower() for s, e in spans[i:] if e - start <= SNIPPET_CHARS}
        if len(seen) > best_score:
            best, best_score = i, len(seen)
    first = spans[best][0]
    start = _cut_start(text, max(0, first - 60), first)
    end = _cut_end(text, start, SNIPPET_CHARS)
    inside = [(s, e) for s, e in spans if s >= start and e <= end]
    return _flatten(text, start, end, inside)


def _cut_start(text: str, start: int, first: int) -> int:
    if start == 0:
        return 0
    boundary = max(text.rfind(". ", start, first), text.rfind("\n", start, first))
    if boundary >= 0:
        return boundary + 1
    space = text.find(" ", start, first)
    return space + 1 if space >= 0 else start


def _cut_end(text: str, start: int, length: int) -> int:
    end = start + length
    if end >= len(text):
        return len(text)
    space = text.rfind(" ", start, end)
    return space if space > start else end


def _flatten(
    text: str, start: int, end: int, spans: list[tuple[int, int]]
) -> tuple[str, tuple[tuple[int, int], ...]]:
    pieces: list[str] = []
    marks: list[tuple[int, int]] = []
    length = 0
    prefix = "\u2026" if start > 0 else ""
    pieces.append(prefix)
    length += len(prefix)
    cursor = start
    for s, e in [*spans, (end, end)]:
        gap = re.sub(r"\s+", " ", text[cursor:s])
        if cursor == start:
            gap = gap.lstrip()
        pieces.append(gap)
        length += len(gap)
        if s == e == end:
            break
        word = text[s:e]
        marks.append((length, length + len(word)))
        pieces.append(word)
        length += len(word)
        cursor = e
    snippet = "".join(pieces).rstrip()
    if end < len(text):
        snippet += "\u2026"
    return snippet, tuple(marks)


def _suggest(library: Library, searcher, query: str, parsed: _Parsed) -> str | None:
    """A corrected query that finds articles: unknown words replaced by close known words."""
    vocabulary = _vocabulary(library)
    if not vocabulary.words or not parsed.words:
        return None
    replacements = []
    for start, end, word in parsed.words:
        stemmed = term(word)
        known = stemmed is None or searcher.doc_frequency("body", stemmed)
        if known:
            continue
        for candidate in vocabulary.correct(_fold_word(word))[:3]:
            stem_of = term(candidate)
            if stem_of and searcher.doc_frequency("body", stem_of):
                if word[:1].isupper():
                    candidate = candidate.capitalize()
                replacements.append((start, end, candidate))
                break
    if not replacements:
        return None
    corrected = query
    for start, end, candidate in sorted(replacements, reverse=True):
        corrected = corrected[:start] + candidate + corrected[end:]
    try:
        _, total = _run(searcher, _Parser(corrected, vocabulary).parse(), 1, "relevance", False)
    except QueryError:
        return None
    return corrected if total else None


@lru_cache(maxsize=256)
def _cached_highlighter(query: str) -> _Highlighter | None:
    try:
        return _Parser(query, None).parse().highlight
    except QueryError:
        return None


def match_spans(query: str, text: str) -> list[tuple[int, int]]:
    """Offsets in text (an article's cleaned text) of the words the query looks for, analysed
    as the index does ("strikes" matches "strike"); empty for a query that cannot be parsed.
    Words after NOT or '-' and field filters other than title: are not highlighted."""
    highlight = _cached_highlighter(query)
    return highlight.spans(text) if highlight is not None else []


def similar(library: Library, article_id: str, limit: int = 10) -> list[Hit]:
    """Articles most like the given one (by key terms of its body), best first."""
    try:
        with library.lock:
            searcher = library.searcher()
            docnum = searcher.document_number(id=article_id)
            if docnum is None:
                return []
            text = searcher.stored_fields(docnum).get("text", "")
            results = searcher.more_like(docnum, "body", text=text, top=limit, numterms=12)
            hits = []
            for found in results:
                stored = found.fields()
                snippet, marks = _snippet(stored.get("text", ""), _Highlighter())
                hits.append(
                    Hit(
                        stored["id"],
                        stored.get("title", ""),
                        stored.get("outlet"),
                        stored.get("date"),
                        float(found.score or 0.0),
                        snippet,
                        marks,
                    )
                )
            return hits
    except IndexUnavailable:
        return []
