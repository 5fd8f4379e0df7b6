"""The user's own records about articles: marks, read state, a note and highlighted passages.

Kept in `notes.json` in the user's data folder (`config.data_dir()`), never in the articles
folder, written whole with `reader.files.write_atomic`. A record is found by the article's
identity, not its path: first by a fingerprint of its title, outlet and date (which survives
the file being renamed, moved or re-saved with other text), then by its id (which survives an
edited title). A damaged file is set aside as `notes.json.damaged` and the notes start empty.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from reader.config import data_dir
from reader.files import write_atomic
from reader.text import fold_key

NOTES_FILE = "notes.json"
FORMAT = 1
MAX_NOTES_BYTES = 64 * 1024 * 1024
"""A notes file larger than this is not read (it is not one the reader wrote)."""


@dataclass(frozen=True, slots=True)
class Highlight:
    """A passage of an article (as selected, with its offset into the text) and a note."""

    passage: str
    note: str = ""
    start: int = -1


@dataclass(frozen=True, slots=True)
class Identity:
    """What names an article across re-saves: its id and a fingerprint of its metadata."""

    id: str
    title: str
    outlet: str | None
    date: str | None
    url: str | None = None

    @property
    def fingerprint(self) -> str:
        """A digest of the folded title, outlet and date (all three known to the catalog)."""
        parts = (fold_key(self.title), fold_key(self.outlet or ""), self.date or "")
        return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Record:
    """Everything the user said about one article."""

    id: str
    fingerprint: str
    title: str
    outlet: str | None = None
    date: str | None = None
    url: str | None = None
    marked: int = 0
    """0 when not marked, else the order of marking (the split view compares the last two)."""
    read: bool = False
    note: str = ""
    highlights: tuple[Highlight, ...] = field(default_factory=tuple)

    @property
    def has_notes(self) -> bool:
        """The record holds a note or a highlighted passage."""
        return bool(self.note.strip() or self.highlights)

    @property
    def empty(self) -> bool:
        """Nothing worth keeping."""
        return not (self.marked or self.read or self.has_notes)


class Listed(Protocol):
    """What the catalog knows of an article (`reader.search.CatalogEntry`)."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def outlet(self) -> str | None: ...
    @property
    def date(self) -> str | None: ...


def notes_path() -> Path:
    """Where the notes live."""
    return data_dir() / NOTES_FILE


class Notes:
    """The records, found by identity; every change is written at once."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or notes_path()
        self.records: list[Record] = _load(self.path)

    def find(self, identity: Identity) -> Record | None:
        """The record of an article: by fingerprint first, then by id."""
        fingerprint = identity.fingerprint
        by_id = None
        for record in self.records:
            if record.fingerprint == fingerprint:
                return record
            if record.id == identity.id and by_id is None:
                by_id = record
        return by_id

    def get(self, identity: Identity) -> Record:
        """The record of an article, or a new empty one (not stored until changed)."""
        found = self.find(identity)
        if found is not None:
            return found
        return Record(
            identity.id,
            identity.fingerprint,
            identity.title,
            identity.outlet,
            identity.date,
            identity.url,
        )

    def update(self, identity: Identity, **changes: Any) -> Record:
        """Change an article's record (its identity refreshed) and save the notes."""
        old = self.find(identity)
        record = replace(
            self.get(identity),
            id=identity.id,
            fingerprint=identity.fingerprint,
            title=identity.title,
            outlet=identity.outlet,
            date=identity.date,
            url=identity.url or (old.url if old else None),
            **changes,
        )
        self.records = [r for r in self.records if r is not old]
        if not record.empty:
            self.records.append(record)
        self.save()
        return record

    def located(self, entries: Sequence[Listed]) -> dict[str, Record]:
        """The records of the listed articles, by the articles' ids now: by id first, then,
        for the records left, by fingerprint (a file renamed or moved)."""
        by_id = {r.id: r for r in self.records}
        found = {e.id: by_id[e.id] for e in entries if e.id in by_id}
        left = {r.fingerprint: r for r in self.records if found.get(r.id) is not r}
        if left:
            for entry in entries:
                if entry.id in found:
                    continue
                fingerprint = Identity(entry.id, entry.title, entry.outlet, entry.date).fingerprint
                if fingerprint in left:
                    found[entry.id] = left[fingerprint]
        return found

    def mark(self, identity: Identity, marked: bool) -> Record:
        """Mark or unmark an article (a new mark comes after every other)."""
        order = max((r.marked for r in self.records), default=0) + 1 if marked else 0
        return self.update(identity, marked=order)

    def marked(self) -> list[Record]:
        """The marked records, oldest mark first."""
        return sorted((r for r in self.records if r.marked), key=lambda r: r.marked)

    def with_notes(self) -> list[Record]:
        """The records that hold a note or a highlight, by title."""
        return sorted(
            (r for r in self.records if r.has_notes), key=lambda r: (r.title.casefold(), r.id)
        )

    def save(self) -> None:
        """Write every record atomically (the folder is made when needed)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        payload = {"format": FORMAT, "articles": [_record_json(r) for r in self.records]}
        write_atomic(self.path, json.dumps(payload, ensure_ascii=False, indent=1) + "\n")


def _record_json(record: Record) -> dict[str, Any]:
    data = asdict(record)
    data["highlights"] = [asdict(h) for h in record.highlights]
    return data


def _load(path: Path) -> list[Record]:
    try:
        if path.stat().st_size > MAX_NOTES_BYTES:
            raise ValueError("too large")
        data = json.loads(path.read_text(encoding="utf-8"))
        return [_record(item) for item in data["articles"]]
    except FileNotFoundError:
        return []
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        with contextlib.suppress(OSError):
            path.replace(path.with_name(path.name + ".damaged"))
        return []


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("expected text")
    return value


def _optional(value: object) -> str | None:
    return None if value is None else _text(value)


def _record(item: dict[str, Any]) -> Record:
    """A record from its JSON form (TypeError or KeyError when it is not one)."""
    highlights = tuple(
        Highlight(_text(h["passage"]), _text(h.get("note", "")), int(h.get("start", -1)))
        for h in item.get("highlights", [])
    )
    return Record(
        id=_text(item["id"]),
        fingerprint=_text(item["fingerprint"]),
        title=_text(item.get("title", "")),
        outlet=_optional(item.get("outlet")),
        date=_optional(item.get("date")),
        url=_optional(item.get("url")),
        marked=int(item.get("marked", 0)),
        read=bool(item.get("read", False)),
        note=_text(item.get("note", "")),
        highlights=highlights,
    )
