"""Query trees compiled to tantivy queries (the same tree as `reader.search.whoosh_compile`).

Words are matched in the body (which holds the title too), a title match adding to the score
with the title's boost, as the Whoosh engine does. Outlet and date filters are tested on each
distinct value the index holds (a few hundred outlets, a few thousand dates) and become a set of
raw terms. Imported only when tantivy is installed (`reader.search.tantivy_engine`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import singledispatch
from typing import Any, NamedTuple

import tantivy

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

TITLE_BOOST = 2.0
"""What a title match weighs against a body match (Whoosh's title field boost)."""


class Columns(NamedTuple):
    """The index's schema and the distinct values the filters test."""

    schema: Any
    outlets: tuple[str, ...]
    dates: tuple[str, ...]


@singledispatch
def compile_query(node: Node, columns: Columns) -> Any:
    """The tantivy query of a query tree."""
    raise TypeError(f"not a query node: {node!r}")


@compile_query.register
def _(node: Term, columns: Columns) -> Any:
    return _any_field(node.title_only, lambda f: _term(columns, f, node.stem))


@compile_query.register
def _(node: Phrase, columns: Columns) -> Any:
    stems: list[str | tuple[int, str]] = list(node.stems)
    if len(stems) < 2:  # tantivy refuses a phrase of one word
        return compile_query(Term(node.stems[0], node.title_only), columns) if stems else _nothing()
    return _any_field(
        node.title_only, lambda f: tantivy.Query.phrase_query(columns.schema, f, stems)
    )


@compile_query.register
def _(node: Prefix, columns: Columns) -> Any:
    if node.stems is None:
        pattern = re.escape(node.prefix) + ".*"
        return _any_field(
            node.title_only, lambda f: tantivy.Query.regex_query(columns.schema, f, pattern)
        )
    return _terms(columns, node.title_only, node.stems)


@compile_query.register
def _(node: Fuzzy, columns: Columns) -> Any:
    return _terms(columns, node.title_only, node.stems)


@compile_query.register
def _(node: OutletFilter, columns: Columns) -> Any:
    return _column(columns, "outlet_name", [v for v in columns.outlets if node.matches(v)])


@compile_query.register
def _(node: DateFilter, columns: Columns) -> Any:
    return _column(columns, "date", [v for v in columns.dates if node.matches(v)])


@compile_query.register
def _(node: IdFilter, columns: Columns) -> Any:
    return _column(columns, "id", sorted(node.ids))


@compile_query.register
def _(node: And, columns: Columns) -> Any:
    return _boolean([("must", compile_query(part, columns)) for part in node.parts])


@compile_query.register
def _(node: Or, columns: Columns) -> Any:
    return _boolean([("should", compile_query(part, columns)) for part in node.parts])


@compile_query.register
def _(node: AndNot, columns: Columns) -> Any:
    positive = compile_query(node.positive, columns)
    return _boolean([("must", positive), ("not", compile_query(node.negative, columns))])


def _boolean(parts: list[tuple[str, Any]]) -> Any:
    occur = {
        "must": tantivy.Occur.Must,
        "should": tantivy.Occur.Should,
        "not": tantivy.Occur.MustNot,
    }
    return tantivy.Query.boolean_query([(occur[kind], query) for kind, query in parts])


def _term(columns: Columns, fieldname: str, stem: str) -> Any:
    return tantivy.Query.term_query(columns.schema, fieldname, stem)


def _nothing() -> Any:
    return tantivy.Query.empty_query()


def _terms(columns: Columns, title_only: bool, stems: tuple[str, ...]) -> Any:
    if not stems:
        return _nothing()
    return _any_field(
        title_only, lambda f: _boolean([("should", _term(columns, f, s)) for s in stems])
    )


def _any_field(title_only: bool, make: Callable[[str], Any]) -> Any:
    """The query on the title alone, or on the body with title matches adding to the score."""
    if title_only:
        return make("title")
    title = tantivy.Query.boost_query(make("title"), TITLE_BOOST)
    return _boolean([("must", make("body")), ("should", title)])


def _column(columns: Columns, fieldname: str, values: list[str]) -> Any:
    """Articles whose raw value is one of `values` (a constant score)."""
    if not values:
        return _nothing()
    return tantivy.Query.term_set_query(columns.schema, fieldname, values)
