"""Query trees compiled to Whoosh queries, with the column filters for outlets and dates."""

from __future__ import annotations

from collections.abc import Callable
from functools import singledispatch
from typing import Any

from whoosh import query as wq
from whoosh.matching import ListMatcher, NullMatcher

from reader.search.tree import (
    And,
    AndNot,
    DateFilter,
    Fuzzy,
    IdFilter,
    Node,
    Or,
    OutletFilter,
    Phrase,
    Prefix,
    Term,
)

WhooshQuery = Any
"""A `whoosh.query.Query` (Whoosh has no type hints)."""


@singledispatch
def compile_query(node: Node) -> WhooshQuery:
    """The Whoosh query of a query tree."""
    raise TypeError(f"not a query node: {node!r}")


@compile_query.register
def _(node: Term) -> WhooshQuery:
    return _any_field(node.title_only, lambda f: wq.Term(f, node.stem))


@compile_query.register
def _(node: Phrase) -> WhooshQuery:
    return _any_field(node.title_only, lambda f: wq.Phrase(f, list(node.stems)))


@compile_query.register
def _(node: Prefix) -> WhooshQuery:
    if node.stems is None:
        return _any_field(node.title_only, lambda f: wq.Prefix(f, node.prefix))
    if not node.stems:
        return wq.NullQuery
    return _terms(node.title_only, node.stems)


@compile_query.register
def _(node: Fuzzy) -> WhooshQuery:
    return _terms(node.title_only, node.stems)


@compile_query.register
def _(node: OutletFilter) -> WhooshQuery:
    return _ColumnFilter("outlet_name", node.label, node.matches)


@compile_query.register
def _(node: DateFilter) -> WhooshQuery:
    return _ColumnFilter("date", node.label, node.matches)


@compile_query.register
def _(node: IdFilter) -> WhooshQuery:
    if not node.ids:
        return wq.NullQuery
    return wq.ConstantScoreQuery(wq.Or([wq.Term("id", i) for i in sorted(node.ids)]), 0.0)


@compile_query.register
def _(node: And) -> WhooshQuery:
    return wq.And([compile_query(part) for part in node.parts])


@compile_query.register
def _(node: Or) -> WhooshQuery:
    return wq.Or([compile_query(part) for part in node.parts])


@compile_query.register
def _(node: AndNot) -> WhooshQuery:
    return wq.AndNot(compile_query(node.positive), compile_query(node.negative))


def _terms(title_only: bool, stems: tuple[str, ...]) -> WhooshQuery:
    return _any_field(title_only, lambda f: wq.Or([wq.Term(f, s) for s in stems]))


def _any_field(title_only: bool, make: Callable[[str], WhooshQuery]) -> WhooshQuery:
    """The query on the title alone, or on the body (which indexes the title too) with title
    matches adding to the score: one posting list to match instead of a union of two."""
    if title_only:
        return make("title")
    return wq.AndMaybe(make("body"), make("title"))


class _ColumnFilter(wq.Query):
    """Articles whose outlet or date (a sortable column) passes a test: a filter that adds
    nothing to the score and costs one pass over the column, cached per index segment."""

    def __init__(self, fieldname: str, label: str, test: Callable[[str], bool]) -> None:
        self.fieldname, self.label, self.test = fieldname, label, test
        self.boost = 1.0

    def __str__(self) -> str:
        return f"{self.fieldname}:{self.label}"

    __repr__ = __str__

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, _ColumnFilter)
            and type(other) is type(self)
            and (
                self.fieldname,
                self.label,
            )
            == (other.fieldname, other.label)
        )

    def __hash__(self) -> int:
        return hash((self.fieldname, self.label))

    def is_leaf(self) -> bool:
        return True

    def _ids(self, reader: Any) -> list[int]:
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

    def estimate_size(self, reader: Any) -> int:
        return sum(len(self._ids(leaf)) for leaf, _ in reader.leaf_readers())

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        ids = self._ids(searcher.reader())
        return ListMatcher(ids, all_weights=0.0) if ids else NullMatcher()


_COLUMNS: dict[tuple[str, str, int], list[str]] = {}


def _column(reader: Any, fieldname: str) -> list[str]:
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


def title_words(node: Node) -> WhooshQuery | None:
    """The articles with a word the query looks for (not one it excludes) in their title:
    where a first pass looks first (a title match adds most to a score), None without words."""
    stems = sorted(_positive_stems(node))
    return wq.Or([wq.Term("title", s) for s in stems]) if stems else None


def _positive_stems(node: Node) -> set[str]:
    if isinstance(node, Term):
        return {node.stem}
    if isinstance(node, Phrase | Fuzzy):
        return set(node.stems)
    if isinstance(node, Prefix):
        return set(node.stems or ())
    if isinstance(node, And | Or):
        return set().union(*(_positive_stems(part) for part in node.parts))
    if isinstance(node, AndNot):
        return _positive_stems(node.positive)
    return set()
