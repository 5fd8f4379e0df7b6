"""YAML front matter: splitting it from the body, reading its known fields safely, dates."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, NamedTuple

import yaml

from reader.corpus.cleaning import sanitise

MAX_FRONT_MATTER = 64 * 1024
_TEXT_FIELDS = ("title", "outlet", "source", "url")  # `source` is another name for `outlet`
_FRONT = re.compile(r"\A---[ \t]*\n(.*?)^(?:---|\.\.\.)[ \t]*$\n?", re.S | re.M)
_URL = re.compile(r"https?://\S+$")
_DATE = re.compile(r"\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?\s*")


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


class _NoAliasLoader(yaml.SafeLoader):
    """A safe loader that also refuses anchors and aliases (no "billion laughs")."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "aliases are not allowed", event.start_mark
            )
        return super().compose_node(parent, index)


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
        date = normalise_date(data["date"])
        if date:
            fields["date"] = date
        else:
            warnings.append(f"front matter 'date' ignored: not a date: {str(data['date'])[:40]!r}")
    return Fields(fields, warnings)


def _read_mapping(front: str) -> dict[Any, Any]:
    """The front matter as a mapping (empty when there is nothing); raises _Ignored."""
    if len(front) > MAX_FRONT_MATTER:
        raise _Ignored(f"front matter ignored: longer than {MAX_FRONT_MATTER // 1024} KB")
    try:
        data = yaml.load(front, Loader=_NoAliasLoader)  # noqa: S506 - a SafeLoader subclass
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


def normalise_date(value: object) -> str | None:
    """An ISO date prefix ("YYYY", "YYYY-MM" or "YYYY-MM-DD") from a YAML value, or None."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and 1000 <= value <= 9999:
        return str(value)
    if not isinstance(value, str):
        return None
    match = _DATE.fullmatch(value)
    if not match:
        return None
    year, month, day = match.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    return "-".join(part for part in (year, month, day) if part)
