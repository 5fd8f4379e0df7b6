"""One story compared across its reports (two to six): the entities and quoted statements of the
story (rows) by report (columns), with counts, the wording and speaker each report gives, and
each report's blind spots (what all the other reports, at least two, carry and it leaves out).

Entities come from `reader.analysis.entities` (a person named by surname alone in one report
meets the one person of the story with that surname); statements are matched pairwise with
`reader.analysis.matching.match_quotes` and joined across reports (two reports quoting one
sentence, and a third reporting it without quotation marks, make one row).
"""

from __future__ import annotations

from collections import OrderedDict, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from reader.analysis.entities import ArticleEntities
from reader.analysis.limits import analyse_article
from reader.analysis.matching import match_quotes
from reader.analysis.quotes import STATEMENT, Quote, extract_quotes
from reader.corpus import Article
from reader.text import fold_key

MAX_REPORTS = 6
UNQUOTED = "unquoted"
_PUNCTUATION = "\"'“”‘’„«».,;:!?()[]…-—–"


@dataclass(frozen=True, slots=True)
class Cell:
    """One report's form of a statement: its wording, speaker and kind ("statement",
    "phrase", or "unquoted" when the report gives it without quotation marks)."""

    text: str
    speaker: str | None
    kind: str


def _blind_spot(carried: Sequence[bool]) -> int | None:
    """The one report leaving out what all the others (at least two) carry."""
    missing = [i for i, c in enumerate(carried) if not c]
    return missing[0] if len(carried) >= 3 and len(missing) == 1 else None


@dataclass(frozen=True, slots=True)
class EntityRow:
    """An entity of the story and how often each report names it."""

    key: str
    name: str
    type: str
    counts: tuple[int, ...]

    @property
    def carriers(self) -> int:
        """Reports naming it."""
        return sum(1 for c in self.counts if c)

    @property
    def blind_spot(self) -> int | None:
        """The report that alone leaves it out, if one does."""
        return _blind_spot([c > 0 for c in self.counts])


Wording = tuple[tuple[str, bool], ...]
"""A report's wording of a statement as pieces: (words, whether they are its own)."""


def _word_key(word: str) -> str:
    return fold_key(word.strip(_PUNCTUATION))


def wording_against(text: str, reference: str) -> Wording:
    """`text` in pieces, its own words (those `reference` does not have, in order, compared
    without case, accents and punctuation) marked."""
    mine, theirs = text.split(), reference.split()
    matcher = SequenceMatcher(
        None, [_word_key(w) for w in mine], [_word_key(w) for w in theirs], autojunk=False
    )
    pieces: list[tuple[str, bool]] = []
    for op, i1, i2, _, _ in matcher.get_opcodes():
        if i2 == i1:
            continue
        words, own = " ".join(mine[i1:i2]), op != "equal"
        if pieces and pieces[-1][1] == own:
            words = f"{pieces.pop()[0]} {words}"
        pieces.append((words, own))
    return tuple(pieces)


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """A statement of the story and each report's form of it (None: the report lacks it)."""

    text: str
    cells: tuple[Cell | None, ...]

    @property
    def reference(self) -> int:
        """The report whose wording the others are compared with: the first carrying it."""
        return next(i for i, c in enumerate(self.cells) if c is not None)

    def wordings(self) -> tuple[Wording | None, ...]:
        """Each report's wording, with the words the reference's wording does not have marked
        (none in the reference's own)."""
        base = self.cells[self.reference]
        assert base is not None
        return tuple(
            None
            if c is None
            else ((c.text, False),)
            if i == self.reference
            else wording_against(c.text, base.text)
            for i, c in enumerate(self.cells)
        )

    @property
    def carriers(self) -> int:
        """Reports carrying it."""
        return sum(1 for c in self.cells if c is not None)

    @property
    def blind_spot(self) -> int | None:
        """The report that alone leaves it out, if one does."""
        return _blind_spot([c is not None for c in self.cells])


@dataclass(frozen=True, slots=True)
class StoryComparison:
    """The reports of one story side by side (columns in the order given)."""

    articles: tuple[Article, ...]
    entities: tuple[EntityRow, ...]
    quotes: tuple[QuoteRow, ...]

    def blind_spots(self, column: int) -> tuple[list[EntityRow], list[QuoteRow]]:
        """What every other report carries and report `column` leaves out."""
        return (
            [r for r in self.entities if r.blind_spot == column],
            [r for r in self.quotes if r.blind_spot == column],
        )


_CACHE: OrderedDict[tuple[str, ...], StoryComparison] = OrderedDict()
CACHE_SIZE = 16


def compare_story(articles: Sequence[Article]) -> StoryComparison:
    """Compare two to `MAX_REPORTS` reports of one story; cached per article versions (the
    stories view prepares the story under the cursor, so opening it is immediate)."""
    if not 2 <= len(articles) <= MAX_REPORTS:
        raise ValueError(f"a story comparison takes 2 to {MAX_REPORTS} reports")
    key = tuple(a.digest for a in articles)
    cached = _CACHE.get(key)
    if cached is not None:
        _CACHE.move_to_end(key)
        return cached
    analysed = [analyse_article(a) for a in articles]  # within the size limit
    found = [entities for _, entities in analysed]
    quotes = [extract_quotes(text, entities) for text, entities in analysed]
    result = StoryComparison(
        tuple(articles), _entity_rows(found), _quote_rows(list(articles), quotes)
    )
    _CACHE[key] = result
    while len(_CACHE) > CACHE_SIZE:
        _CACHE.popitem(last=False)
    return result


# --- entities ------------------------------------------------------------------------------------


def _surname_keys(found: list[ArticleEntities]) -> dict[str, str]:
    """A person key of one word -> the one fuller person key of the story ending in that word."""
    people = {e.key for f in found for e in f.entities if e.type.value == "person"}
    by_last: dict[str, set[str]] = defaultdict(set)
    for key in people:
        words = key.split(":", 1)[1].split()
        if len(words) > 1:
            by_last[words[-1]].add(key)
    out = {}
    for key in people:
        words = key.split(":", 1)[1].split()
        if len(words) == 1 and len(by_last.get(words[0], ())) == 1:
            out[key] = next(iter(by_last[words[0]]))
    return out


def _typed_keys(found: list[ArticleEntities]) -> dict[str, str]:
    """A key -> the key of the same name typed otherwise in another report, when the story
    types one name two ways ('place:orlando' in one report, 'organisation:orlando' in
    another): the type with the most mentions over the story wins."""
    mentions: dict[str, int] = defaultdict(int)
    for entities in found:
        for entity in entities.entities:
            mentions[entity.key] += len(entity.mentions)
    by_name: dict[str, list[str]] = defaultdict(list)
    for key in mentions:
        by_name[key.split(":", 1)[1]].append(key)
    out: dict[str, str] = {}
    for keys in by_name.values():
        if len(keys) > 1:
            best = max(keys, key=lambda k: mentions[k])
            out.update((k, best) for k in keys if k != best)
    return out


def _entity_rows(found: list[ArticleEntities]) -> tuple[EntityRow, ...]:
    typed = _typed_keys(found)
    surnames = _surname_keys(found)
    merged = {k: surnames.get(v, v) for k, v in typed.items()} | {
        k: v for k, v in surnames.items() if k not in typed
    }
    counts: dict[str, list[int]] = {}
    names: dict[str, str] = {}
    types: dict[str, str] = {}
    for column, entities in enumerate(found):
        for entity in entities.entities:
            key = merged.get(entity.key, entity.key)
            counts.setdefault(key, [0] * len(found))[column] += len(entity.mentions)
            if len(entity.name) > len(names.get(key, "")) and key == entity.key:
                names[key] = entity.name
            names.setdefault(key, entity.name)
            if key == entity.key:  # the type the row's key says
                types[key] = entity.type.value
            types.setdefault(key, entity.type.value)
    rows = [EntityRow(k, names[k], types[k], tuple(c)) for k, c in counts.items()]
    rows.sort(key=lambda r: (-r.carriers, -sum(r.counts), r.name.lower()))
    return tuple(rows)


# --- quoted statements ---------------------------------------------------------------------------


class _Groups:
    """Union-find over (report, quote number)."""

    def __init__(self) -> None:
        self.parent: dict[tuple[int, int], tuple[int, int]] = {}

    def find(self, node: tuple[int, int]) -> tuple[int, int]:
        self.parent.setdefault(node, node)
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def join(self, a: tuple[int, int], b: tuple[int, int]) -> None:
        self.parent[self.find(a)] = self.find(b)


def _quote_rows(articles: list[Article], quotes: list[list[Quote]]) -> tuple[QuoteRow, ...]:
    groups = _Groups()
    number = [{(q.start, q.end): n for n, q in enumerate(qs)} for qs in quotes]
    unquoted: dict[tuple[int, int], dict[int, str]] = defaultdict(dict)
    for i in range(len(articles)):
        for j in range(i + 1, len(articles)):
            for m in match_quotes(articles[i].text, quotes[i], articles[j].text, quotes[j]):
                if m.a is not None and m.b is not None:
                    groups.join(
                        (i, number[i][m.a.start, m.a.end]), (j, number[j][m.b.start, m.b.end])
                    )
                elif m.a is not None:
                    unquoted[(i, number[i][m.a.start, m.a.end])][j] = articles[j].text[
                        m.b_start : m.b_end
                    ]
                elif m.b is not None:
                    unquoted[(j, number[j][m.b.start, m.b.end])][i] = articles[i].text[
                        m.a_start : m.a_end
                    ]
    members: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for i, qs in enumerate(quotes):
        for n in range(len(qs)):
            members[groups.find((i, n))].append((i, n))
    rows = []
    for nodes in members.values():
        row = _row(len(articles), quotes, sorted(nodes), unquoted)
        statement = any(quotes[i][n].kind == STATEMENT for i, n in nodes)
        if statement or row.carriers >= 2:
            rows.append((min(nodes), row))
    rows.sort(key=lambda item: (-item[1].carriers, item[0]))
    return tuple(row for _, row in rows)


def _row(
    width: int,
    quotes: list[list[Quote]],
    nodes: list[tuple[int, int]],
    unquoted: dict[tuple[int, int], dict[int, str]],
) -> QuoteRow:
    cells: list[Cell | None] = [None] * width
    for i, n in nodes:
        if cells[i] is None:
            quote = quotes[i][n]
            cells[i] = Cell(quote.text, quote.speaker, quote.kind)
    for node in nodes:
        for column, text in unquoted.get(node, {}).items():
            if cells[column] is None:
                cells[column] = Cell(text, None, UNQUOTED)
    first = quotes[nodes[0][0]][nodes[0][1]]
    return QuoteRow(first.text, tuple(cells))
