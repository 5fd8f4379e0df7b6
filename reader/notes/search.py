"""`note:` in a query: words or phrases looked for in the user's notes, not in the index.

`note:word` and `note:"a phrase"` are taken out of the query before it is parsed; every one of
them must occur in an article's note, its highlighted passages or their notes (case and accents
folded). The rest of the query, if any, is searched in the index as usual and only the articles
whose notes match are kept (the engine is given their ids). The index engine knows nothing of
notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.notes.store import Notes, Record
from reader.text import fold_key

if TYPE_CHECKING:
    from reader.search import Hit, Library, SearchResult
    from reader.search.engine import Sort

_NOTE_TERM = re.compile(r'(?<!\S)note:(?:"([^"]*)"|(\S+))', re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class NoteQuery:
    """A query split into its `note:` terms (folded) and the rest (for the index)."""

    rest: str
    terms: tuple[str, ...]


def split_note_terms(query: str) -> NoteQuery:
    """Take the `note:` terms out of a query."""
    terms = [
        fold_key(m.group(1) if m.group(1) is not None else m.group(2))
        for m in _NOTE_TERM.finditer(query)
    ]
    rest = " ".join(_NOTE_TERM.sub(" ", query).split())
    return NoteQuery(rest, tuple(t for t in terms if t))


def note_text(record: Record) -> str:
    """Everything of a record that `note:` searches, one part a line."""
    parts = [record.note]
    for highlight in record.highlights:
        parts += [highlight.passage, highlight.note]
    return "\n".join(p for p in parts if p.strip())


def matching(records: list[Record], terms: tuple[str, ...]) -> list[Record]:
    """The records whose notes hold every term."""
    return [r for r in records if all(t in fold_key(note_text(r)) for t in terms)]


def _snippet(record: Record, terms: tuple[str, ...]) -> tuple[str, tuple[tuple[int, int], ...]]:
    text = " ".join(note_text(record).split())[:300]
    folded = text.lower()
    marks = []
    for term in terms:
        start = folded.find(term)
        if start >= 0:
            marks.append((start, start + len(term)))
    return text, tuple(sorted(marks))


def note_hit(record: Record, terms: tuple[str, ...]) -> Hit:
    """A search hit for an article found by its notes (the snippet is the note)."""
    from reader.search import Hit

    snippet, marks = _snippet(record, terms)
    return Hit(record.id, record.title, record.outlet, record.date, 1.0, snippet, marks)


def search_with_notes(
    library: Library,
    query: str,
    limit: int = 20,
    sort: Sort = "relevance",
    notes: Notes | None = None,
    typing: bool = False,
) -> SearchResult:
    """`reader.search.search`, with the `note:` terms of the query looked for in the notes."""
    from reader.search import SearchResult, search

    split = split_note_terms(query)
    if not split.terms:
        return search(library, query, limit=limit, sort=sort, typing=typing)
    found = matching((notes or Notes()).records, split.terms)
    if not split.rest:
        listed = {e.id for e in library.catalog()}
        hits = [note_hit(r, split.terms) for r in found if r.id in listed]
        if sort == "date":
            hits.sort(key=lambda h: h.date or "", reverse=True)
        return SearchResult(query, hits[:limit], len(hits), None, None)
    within = frozenset(r.id for r in found)
    result = search(library, split.rest, limit=limit, sort=sort, within=within)
    return SearchResult(query, result.hits, result.total, None, result.error, result.also)
