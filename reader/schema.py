"""The shape of a data table, read off the shipped table, and the check of a user's table.

A shipped table is its own schema: the top-level keys are fixed; a list holds items of the kinds
its shipped items have; a mapping whose shipped values are all of one kind is open (a user may add
keys of that kind, such as new boilerplate rules), any other mapping is a record with the keys
the shipped ones have. A user's file that strays from the shape is refused with the file, the key
and what was expected, so a typo never silently replaces or drops a shipped list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Scalar:
    """A string, a number or a flag."""

    kind: type

    def describe(self) -> str:
        return {str: "a string", int: "a whole number", float: "a number", bool: "true or false"}[
            self.kind
        ]


@dataclass(frozen=True)
class ListOf:
    """A list whose items each have one of `items`."""

    items: tuple[Shape, ...]

    def describe(self) -> str:
        return "a list of " + " or ".join(_plural(item) for item in self.items)


@dataclass(frozen=True)
class MapOf:
    """A mapping from names the user may choose to values of one shape."""

    values: Shape

    def describe(self) -> str:
        return f"a mapping of names to {self.values.describe()}"


@dataclass(frozen=True)
class Record:
    """A mapping with known keys, each with the kinds its shipped values have; `required` are
    present in every shipped entry."""

    fields: dict[str, tuple[Shape, ...]]
    required: frozenset[str] = field(default_factory=frozenset)

    def describe(self) -> str:
        return "a mapping with " + ", ".join(sorted(self.fields))


Shape = Scalar | ListOf | MapOf | Record


class SchemaError(ValueError):
    """A value does not have the shape the shipped table gives it; the message says where."""


def table_shape(table: dict[str, Any]) -> Record:
    """The shape of a shipped table: a record of its top-level keys."""
    fields: dict[str, tuple[Shape, ...]] = {key: (shape_of(v),) for key, v in table.items()}
    return Record(fields, frozenset())


def shape_of(value: Any) -> Shape:
    """The shape of one shipped value (a mapping inside a list is always a record)."""
    if isinstance(value, list):
        items: list[Shape] = []
        for item in value:
            _add_alternative(items, _record(item) if isinstance(item, dict) else shape_of(item))
        return ListOf(tuple(items) or (Scalar(str),))
    if isinstance(value, dict):
        shapes = [shape_of(v) for v in value.values()]
        merged: Shape | None = shapes[0] if shapes else None
        for other in shapes[1:]:
            merged = None if merged is None else _merge(merged, other)
        if merged is not None:  # every value of one shape: an open mapping
            return MapOf(merged)
        return _record(value)
    return Scalar(float if isinstance(value, float) else type(value))


def _record(value: dict[str, Any]) -> Record:
    return Record({key: (shape_of(item),) for key, item in value.items()}, frozenset(value))


def check(value: Any, shape: Shape, where: str) -> None:
    """Raise SchemaError unless `value` has `shape`; `where` names the key ("countries[3]")."""
    if isinstance(shape, Scalar):
        if not _is_scalar(value, shape.kind):
            raise SchemaError(f"{where}: expected {shape.describe()}, got {_kind(value)}")
    elif isinstance(shape, ListOf):
        if not isinstance(value, list):
            raise SchemaError(f"{where}: expected {shape.describe()}, got {_kind(value)}")
        for index, item in enumerate(value):
            _check_alternatives(item, shape.items, f"{where}[{index}]")
    elif isinstance(shape, MapOf):
        if not isinstance(value, dict):
            raise SchemaError(f"{where}: expected {shape.describe()}, got {_kind(value)}")
        for key, item in value.items():
            check(item, shape.values, _join(where, key))
    else:
        _check_record(value, shape, where)


def _check_record(value: Any, shape: Record, where: str) -> None:
    if not isinstance(value, dict):
        raise SchemaError(f"{where}: expected {shape.describe()}, got {_kind(value)}")
    for key, item in value.items():
        if key not in shape.fields:
            known = ", ".join(sorted(map(str, shape.fields)))
            raise SchemaError(f"{_join(where, key)}: unknown key (known keys: {known})")
        _check_alternatives(item, shape.fields[key], _join(where, key))
    missing = sorted(shape.required - set(value))
    if missing:
        raise SchemaError(f"{where}: missing {', '.join(missing)}")


def _check_alternatives(value: Any, shapes: tuple[Shape, ...], where: str) -> None:
    errors = []
    for shape in shapes:
        try:
            check(value, shape, where)
        except SchemaError as exc:
            errors.append(exc)
        else:
            return
    raise (
        errors[0]
        if len(errors) == 1
        else SchemaError(
            f"{where}: expected {' or '.join(s.describe() for s in shapes)}, got {_kind(value)}"
        )
    )


def _add_alternative(items: list[Shape], shape: Shape) -> None:
    for index, known in enumerate(items):
        merged = _merge(known, shape)
        if merged is not None:
            items[index] = merged
            return
    items.append(shape)


def _merge(a: Shape, b: Shape) -> Shape | None:
    """One shape that admits both, when they are of one kind; else None."""
    if isinstance(a, Scalar) and isinstance(b, Scalar):
        return a if a.kind is b.kind else None
    if isinstance(a, ListOf) and isinstance(b, ListOf):
        items = list(a.items)
        for item in b.items:
            _add_alternative(items, item)
        return ListOf(tuple(items))
    if isinstance(a, MapOf) and isinstance(b, MapOf):
        values = _merge(a.values, b.values)
        return MapOf(values) if values is not None else None
    if isinstance(a, Record) and isinstance(b, Record):
        fields = dict(a.fields)
        for key, shapes in b.fields.items():
            options = list(fields.get(key, ()))
            for shape in shapes:
                _add_alternative(options, shape)
            fields[key] = tuple(options)
        return Record(fields, a.required & b.required)
    return None


def _is_scalar(value: Any, kind: type) -> bool:
    if kind is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, kind)


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the string {value[:40]!r}"
    return repr(value)[:40]


def _plural(shape: Shape) -> str:
    text = shape.describe()
    if isinstance(shape, Scalar):
        return {"a string": "strings", "a whole number": "whole numbers"}.get(text, text)
    return text.removeprefix("a ")


def _join(where: str, key: object) -> str:
    return f"{where}.{key}" if where else str(key)
