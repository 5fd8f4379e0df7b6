"""An article's story signature: what story detection compares, computed once per article version.

A signature holds the content words of the body and of the title (counts, after folding and a
light plural strip), the pairs of content words that follow each other within a sentence (as
hashes: "23 pirate", "ins mysore", "sixth round" say more of one event than their words do),
the entity keys the entity layer finds (people, places, organisations, other names), the quoted
statements (as hashes of their five-word runs, so two reports that quote one sentence meet even
when one quotes only part of it), the years, weekdays and other numbers the text writes (two
reports of one event give its day and its figures; two events of one kind, other ones), and the
date. It is small, plain
data: it can be stored and read back (`to_json`, `from_json`) so placing a new article never
re-reads the old ones.
"""

from __future__ import annotations

import heapq
import re
import zlib
from array import array
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from reader.config import load_table, table_cache
from reader.text import fold_marks, strip_accents

if TYPE_CHECKING:
    from reader.corpus import Article

MAIN = 4
"""Main actors an article's signature keeps: the entities it names most (twice or more)."""
PHRASES = 200
"""Word pairs a signature keeps: those of the smallest hashes (a consistent sample: two long
articles keep the pairs they share whose hash is below both of their cuts)."""
QUOTE_RUN = 5
"""Words in a run of a quoted statement: two statements sharing one run are one statement."""

_WORD = re.compile(r"[^\W\d_][\w'-]*")
_TERM = re.compile(r"[^\W\d_][\w'-]*|\d+(?:[.,]\d+)?")
_TERM_OR_BREAK = re.compile(r"[^\W\d_][\w'-]*|\d+(?:[.,]\d+)?|[.!?;:\n]")
"""`_TERM`, or a mark that ends a sentence or clause (a pair of words never spans one)."""
_BREAKS = frozenset(".!?;:\n")
_BREAK = "|"
"""The content form of a break (never a word)."""
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_QUOTED = re.compile(r'"([^"\n]{12,800})"')
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?")
_ENTITY_TYPES = ("person", "place", "organisation", "other")


@table_cache
def stop_words() -> frozenset[str]:
    """Words never counted as shared content (`data/story_words.yaml`)."""
    return frozenset(str(w).lower() for w in load_table("story_words")["stop_words"])


@dataclass(frozen=True, slots=True)
class Signature:
    """What story detection knows of one article.

    `terms` counts the content words of the title and body; `title_terms` are the title's.
    `entities` maps each entity key to its display name; `main` are the keys of the entities it
    names most (its main actors: `MAIN` at most, each named at least twice). `quotes` holds, per
    quoted statement of five words or more, the hashes of its five-word runs. `when` is the
    date as a day number (days since 0001-01-01, with the hour as a fraction when the date gives
    one), `timed` says whether it gives the hour. `phrases` are the hashes of the pairs of
    content words that follow each other within a sentence of the title or body (`PHRASES` at
    most); `years`,
    `weekdays` (0 Monday .. 6 Sunday) and `numbers` are those its title and body write (numbers
    as written, years left out).
    """

    id: str
    digest: str
    title: str
    outlet: str | None
    date: str | None
    when: float | None
    timed: bool
    terms: dict[str, int]
    title_terms: frozenset[str]
    entities: dict[str, str]
    quotes: tuple[frozenset[int], ...]
    main: frozenset[str] = frozenset()
    phrases: frozenset[int] = frozenset()
    years: frozenset[int] = frozenset()
    weekdays: frozenset[int] = frozenset()
    numbers: frozenset[str] = frozenset()

    def to_json(self) -> dict[str, Any]:
        """The signature as compact JSON-ready data (words and counts as one string)."""
        return {
            "id": self.id,
            "digest": self.digest,
            "title": self.title,
            "outlet": self.outlet,
            "date": self.date,
            "when": self.when,
            "timed": self.timed,
            "terms": _by_count(self.terms),
            "title_terms": " ".join(sorted(self.title_terms)),
            "entities": self.entities,
            "quotes": [_packed(q) for q in self.quotes],
            "main": sorted(self.main),
            "phrases": _packed(self.phrases),
            "years": sorted(self.years),
            "weekdays": sorted(self.weekdays),
            "numbers": " ".join(sorted(self.numbers)),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Signature:
        """A signature read back from `to_json` data."""
        terms: dict[str, int] = {}
        for count, joined in data["terms"].items():
            terms.update(dict.fromkeys(joined.split(), int(count)))
        return cls(
            str(data["id"]),
            str(data["digest"]),
            str(data["title"]),
            data["outlet"],
            data["date"],
            data["when"],
            bool(data["timed"]),
            terms,
            frozenset(str(data["title_terms"]).split()),
            dict(data["entities"]),
            tuple(_unpacked(str(q)) for q in data["quotes"]),
            frozenset(data.get("main", ())),
            _unpacked(str(data.get("phrases", ""))),
            frozenset(int(y) for y in data.get("years", ())),
            frozenset(int(d) for d in data.get("weekdays", ())),
            frozenset(str(data.get("numbers", "")).split()),
        )


def _by_count(terms: dict[str, int]) -> dict[str, str]:
    """Words grouped by their count, each group one string: {"1": "word other", "2": ...}."""
    groups: dict[int, list[str]] = {}
    for term, count in terms.items():
        groups.setdefault(count, []).append(term)
    return {str(count): " ".join(group) for count, group in sorted(groups.items())}


def _packed(runs: frozenset[int]) -> str:
    """Hashes of runs as one hexadecimal string (32 bits each)."""
    return array("I", sorted(runs)).tobytes().hex()


def _unpacked(packed: str) -> frozenset[int]:
    return frozenset(array("I", bytes.fromhex(packed)))


def _folded(text: str) -> str:
    """`text` folded for words: ASCII quotation marks, lower case, no accents."""
    folded = fold_marks(text).lower()
    return folded if folded.isascii() else strip_accents(folded)


def words(text: str) -> list[str]:
    """The folded words of `text` (lower case, no accents, ASCII quotation marks)."""
    return [w.strip("'-") for w in _WORD.findall(_folded(text))]


WORD_MEMO = 200_000
"""Distinct words whose content form is remembered (then the memory starts again)."""


@table_cache
def _content_forms() -> dict[str, str]:
    """Word -> its content form ("" for a stop word), filled as words are met."""
    return {}


def _content_form(word: str) -> str:
    word = word.strip("'-")
    if len(word) < 2 or word in stop_words():
        return ""
    if word.endswith("'s"):
        return word[:-2]
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def content_words(text: str) -> list[str]:
    """The content words and numbers of `text`: folded, stop words left out, a plural -s
    stripped."""
    forms = _content_forms()
    if len(forms) > WORD_MEMO:
        forms.clear()
    found = _TERM.findall(_folded(text))
    for word in set(found).difference(forms):  # the words not met before
        forms[word] = _content_form(word)
    return list(filter(None, map(forms.__getitem__, found)))


def content_stream(text: str) -> list[str]:
    """The content words and numbers of `text` as `content_words` gives them, with `"|"` where
    a sentence or clause ends (a full stop, question or exclamation mark, colon, semicolon or
    line break)."""
    return _scan(text)[0]


def _scan(text: str) -> tuple[list[str], set[str]]:
    """`content_stream(text)`, and the distinct folded words and numbers of `text` (stop words
    included)."""
    forms = _content_forms()
    if len(forms) > WORD_MEMO:
        forms.clear()
    found = _TERM_OR_BREAK.findall(_folded(text))
    distinct = set(found)
    for word in distinct.difference(forms):
        forms[word] = _BREAK if word in _BREAKS else _content_form(word)
    return list(filter(None, map(forms.__getitem__, found))), distinct


def phrase_hashes(stream: list[str]) -> frozenset[int]:
    """Stable hashes of the pairs of content words that follow each other in `stream` (a
    `content_stream`) without a break between them."""
    crc = zlib.crc32
    return frozenset(
        crc(f"{a} {b}".encode())
        for a, b in zip(stream, stream[1:], strict=False)
        if a != _BREAK and b != _BREAK
    )


_WEEKDAY_NUMBER = {day: n for n, day in enumerate(WEEKDAYS)}


def _written(distinct: set[str]) -> tuple[frozenset[int], frozenset[int], frozenset[str]]:
    days = frozenset(map(_WEEKDAY_NUMBER.__getitem__, distinct.intersection(_WEEKDAY_NUMBER)))
    numbers = {w for w in distinct if w[0].isdigit()}
    years = {w for w in numbers if len(w) == 4 and w.isdigit() and w[:2] in _CENTURIES}
    return frozenset(map(int, years)), days, frozenset(numbers - years)


_CENTURIES = frozenset(("18", "19", "20"))


def written(text: str) -> tuple[frozenset[int], frozenset[int], frozenset[str]]:
    """The years (1800-2099), weekdays (0 Monday .. 6 Sunday) and other numbers (as written,
    "5.6", "10,000") of `text`."""
    return _written(_scan(text)[1])


def quote_runs(text: str) -> tuple[frozenset[int], ...]:
    """Per quoted statement of `QUOTE_RUN` words or more, the stable hashes of its word runs."""
    folded = fold_marks(text)
    found = []
    for match in _QUOTED.finditer(folded):
        quoted = words(match.group(1))
        if len(quoted) < QUOTE_RUN:
            continue
        runs = {
            zlib.crc32(" ".join(quoted[i : i + QUOTE_RUN]).encode())
            for i in range(len(quoted) - QUOTE_RUN + 1)
        }
        found.append(frozenset(runs))
    return tuple(found)


def day_number(value: str | None) -> tuple[float | None, bool]:
    """A date string as a day number (with the hour as a fraction when given), and whether the
    hour was given; (None, False) when the string does not give a day."""
    match = _DATE.match(value or "")
    if not match:
        return None, False
    year, month, day, hour, minute = match.groups()
    try:
        ordinal = date(int(year), int(month), int(day)).toordinal()
    except ValueError:
        return None, False
    if hour is None:
        return float(ordinal), False
    moment = datetime(int(year), int(month), int(day), int(hour) % 24, int(minute) % 60)
    return ordinal + (moment.hour * 60 + moment.minute) / 1440, True


def signature(article: Article, *, entities: bool = True) -> Signature:
    """The story signature of an article (its entities from `reader.analysis.entities`; with
    `entities=False` none, for callers that only need the words)."""
    keys: dict[str, str] = {}
    counts: dict[str, int] = {}
    if entities:
        from reader.analysis.limits import analyse_article

        for entity in analyse_article(article).entities.entities:
            if entity.type.value in _ENTITY_TYPES:
                keys[entity.key] = entity.name
                counts[entity.key] = len(entity.mentions)
    ranked = sorted((k for k, n in counts.items() if n >= 2), key=lambda k: (-counts[k], k))
    title_stream, title_distinct = _scan(article.title)
    stream, distinct = _scan(article.text)
    title_words = [w for w in title_stream if w != _BREAK]
    terms = Counter(stream)
    terms.pop(_BREAK, None)
    terms.update(set(title_words))
    phrases = phrase_hashes(title_stream) | phrase_hashes(stream)
    if len(phrases) > PHRASES:
        phrases = frozenset(heapq.nsmallest(PHRASES, phrases))
    years, weekdays, numbers = _written(distinct | title_distinct)
    when, timed = day_number(article.date)
    return Signature(
        article.id,
        article.digest,
        article.title,
        article.outlet,
        article.date,
        when,
        timed,
        dict(terms),
        frozenset(title_words),
        keys,
        quote_runs(article.text),
        frozenset(ranked[:MAIN]),
        phrases,
        years,
        weekdays,
        numbers,
    )
