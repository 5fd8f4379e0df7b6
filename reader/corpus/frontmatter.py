"""YAML front matter: splitting it from the body (LF or CRLF line ends) and reading its known
fields safely: a value YAML cannot construct is a warning about that field, never an error."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, NamedTuple

import yaml

from reader import safe_yaml
from reader.corpus.cleaning import sanitise
from reader.corpus.dates import read_date
from reader.safe_yaml import SafeLoader

MAX_FRONT_MATTER = 64 * 1024
# `source` is another name for `outlet`; `extracted: page` says the body was extracted from a
# saved web page (the library writes it), so it is cleaned as a page's text is.
_TEXT_FIELDS = ("title", "outlet", "source", "url", "extracted")
_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*\r?$\n?", re.S | re.M)
_URL = re.compile(r"https?://\S+$")
# What PyYAML raises when a tagged or implicit value cannot be built ("2015-02-30", "!!int abc",
# "!!timestamp" on text, "!!bool maybe"), besides its own errors.
_CONSTRUCTION_ERRORS = (ValueError, TypeError, AttributeError, LookupError, OverflowError)


class FrontMatter(NamedTuple):
    """A file's text split: the front matter (None without any), the body, and the number of
    lines before the body."""

    front: str | None
    body: str
    body_line: int


class Fields(NamedTuple):
    """The known fields read from front matter, and warnings about what was ignored."""

    fields: dict[str, str]
    warnings: list[str]


class _Ignored(Exception):
    """The whole front matter is ignored; the message is the warning."""


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A front-matter value YAML could not build, kept as written with the tag it was read as."""

    tag: str
    text: str

    def __str__(self) -> str:
        return self.text


class _FrontMatterLoader(SafeLoader):
    """The reader's safe loader (no aliases, limited nesting: `reader.safe_yaml`) that turns a
    value it cannot build into `Unreadable` instead of raising."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if isinstance(node, yaml.ScalarNode):
            try:
                return super().construct_object(node, deep)
            except (*_CONSTRUCTION_ERRORS, yaml.constructor.ConstructorError):
                self.constructed_objects.pop(node, None)
                self.recursive_objects.pop(node, None)
                return Unreadable(node.tag.rsplit(":", 1)[-1], str(node.value))
        return super().construct_object(node, deep)


def split_front_matter(text: str) -> FrontMatter:
    """Split `---` front matter from the body: (front matter or None, body, body line offset)."""
    if not text.startswith("---"):
        return FrontMatter(None, text, 0)
    match = _FRONT.match(text)
    if not match:
        return FrontMatter(None, text, 0)
    return FrontMatter(match.group(1), text[match.end() :], match.group(0).count("\n"))


def parse_front_matter(front: str) -> Fields:
    """Read the known fields of front matter safely; return them and warnings."""
    try:
        data = _read_mapping(front)
    except _Ignored as exc:
        return Fields({}, [str(exc)])
    fields, warnings = _text_fields(data)
    if "date" in data and data["date"] is not None:
        date, problem = read_date(_plain(data["date"]))
        if date:
            fields["date"] = date
        elif problem:
            warnings.append(f"front matter 'date' ignored: {problem}")
    return Fields(fields, warnings)


def _plain(value: object) -> object:
    """A value as written when YAML could not build it (a date is read from its text)."""
    return value.text if isinstance(value, Unreadable) else value


def _read_mapping(front: str) -> dict[Any, Any]:
    """The front matter as a mapping (empty when there is nothing); raises _Ignored."""
    if len(front) > MAX_FRONT_MATTER:
        raise _Ignored(f"front matter ignored: longer than {MAX_FRONT_MATTER // 1024} KB")
    try:
        data = safe_yaml.load(front, MAX_FRONT_MATTER, _FrontMatterLoader)
    except _CONSTRUCTION_ERRORS as exc:
        raise _Ignored(f"front matter ignored: a value YAML cannot read ({exc})") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise _Ignored(f"front matter ignored: {problem}{where}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise _Ignored("front matter ignored: expected 'key: value' lines")
    return data


def _text_fields(data: dict[Any, Any]) -> Fields:
    """The text fields (title, outlet, url) sanitised, with warnings for unusable values."""
    fields: dict[str, str] = {}
    warnings: list[str] = []
    for key in _TEXT_FIELDS:
        value = data.get(key)
        if value is None:
            continue
        if isinstance(value, Unreadable):
            warnings.append(
                f"front matter '{key}' ignored: {value.text[:40]!r} is not a valid {value.tag}"
            )
            continue
        if not isinstance(value, str | int | float):
            warnings.append(f"front matter '{key}' ignored: not text")
            continue
        cleaned = sanitise(str(value))[:500]
        if cleaned:
            fields["outlet" if key == "source" else key] = cleaned
    if "url" in fields and not _URL.match(fields["url"]):
        bad_url = fields.pop("url")
        warnings.append(f"front matter 'url' ignored: not an http(s) address: {bad_url!r}")
    return Fields(fields, warnings)
