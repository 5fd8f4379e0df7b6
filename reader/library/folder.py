"""The library folder: fetched articles saved as Markdown files with front matter, one a
canonical URL, with a record of what is stored.

`<library>/<site>/<date>-<slug>.md`: the site and slug are made from the host and the title and
sanitised, so no URL or title can name a file outside the folder. `<library>/.reader/` holds the
record (canonical URL -> file, text digest, feed fingerprint) and the feed list; the reader's
scan skips hidden folders. Every file is written whole or not at all (`write_atomic`).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, NamedTuple

import yaml

from reader.corpus.html import field
from reader.fetch.urls import canonical_url
from reader.files import write_atomic

STATE_FOLDER = ".reader"
SLUG_MAX = 80
_NOT_SLUG = re.compile(r"[^\w]+")
_HOST_CHARS = re.compile(r"[^a-z0-9.-]+")

Outcome = Literal["new", "changed", "skipped"]


class Saved(NamedTuple):
    """What saving an article did: new, changed (its text changed) or skipped (already stored,
    or the same text stored under another address), the file, and why it was skipped."""

    outcome: Outcome
    path: Path
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Fetched:
    """An article ready to be stored: where it was found, its metadata and its text (blank-line
    paragraphs, already sanitised)."""

    url: str
    title: str | None
    outlet: str | None
    date: str | None
    author: str | None
    text: str


def slug(text: str | None, limit: int = SLUG_MAX) -> str:
    """A file-name part from any text: letters, digits and single dashes, at most `limit`
    characters, never empty, never `.` or `..`."""
    folded = unicodedata.normalize("NFKC", text or "").casefold()
    cleaned = _NOT_SLUG.sub("-", folded).strip("-_")
    cut = cleaned[:limit].rstrip("-_")
    return cut or "article"


def site_folder(url: str) -> str:
    """The folder an article's site gets: its host, sanitised (`www.` dropped)."""
    host = canonical_url(url).split("/")[2].split(":")[0]
    cleaned = _HOST_CHARS.sub("-", host).strip(".-")
    return cleaned[:SLUG_MAX] or "site"


def text_digest(text: str) -> str:
    """The digest by which a reprint (the same text under another address) is recognised."""
    words = " ".join(text.split()).casefold()
    return hashlib.blake2b(words.encode("utf-8"), digest_size=12).hexdigest()


def markdown(article: Fetched) -> str:
    """The Markdown file of an article: YAML front matter (safe, one line a field), the text."""
    meta = {
        "title": field(article.title),
        "outlet": field(article.outlet),
        "date": field(article.date),
        "author": field(article.author),
        "url": field(article.url),
        "extracted": "page",
    }
    front = yaml.safe_dump(
        {k: v for k, v in meta.items() if v}, allow_unicode=True, sort_keys=False, width=10_000
    )
    return f"---\n{front}---\n\n{article.text.strip()}\n"


class LibraryFolder:
    """The library folder and its record of stored articles."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.state_dir = self.root / STATE_FOLDER
        self._record_file = self.state_dir / "articles.json"
        self._record: dict[str, dict[str, str]] = self._load()

    def _load(self) -> dict[str, dict[str, str]]:
        try:
            data = json.loads(self._record_file.read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _save_record(self) -> None:
        self.state_dir.mkdir(parents=True, exist_ok=True)
        write_atomic(self._record_file, json.dumps(self._record, ensure_ascii=False, indent=1))

    def known(self, url: str) -> dict[str, str] | None:
        """What is recorded for an address (after canonicalisation), if it is stored."""
        entry = self._record.get(canonical_url(url))
        if entry and (self.root / entry["file"]).is_file():
            return entry
        return None

    def fingerprint(self, url: str) -> str | None:
        """The feed fingerprint recorded with an address (None when unknown)."""
        entry = self.known(url)
        return entry.get("fingerprint") if entry else None

    def save(self, article: Fetched, *aliases: str, fingerprint: str = "") -> Saved:
        """Store an article under its canonical URL (and record its other addresses)."""
        keys = list(dict.fromkeys(canonical_url(u) for u in (article.url, *aliases) if u))
        digest = text_digest(article.text)
        entry = next((self._record[k] for k in keys if k in self._record), None)
        if entry and (self.root / entry["file"]).is_file():
            path = self.root / entry["file"]
            if entry.get("digest") == digest:
                self._remember(keys, entry["file"], digest, fingerprint)
                return Saved("skipped", path, "unchanged")
            self._write(path, article)
            self._remember(keys, entry["file"], digest, fingerprint)
            return Saved("changed", path)
        twin = next((e for e in self._record.values() if e.get("digest") == digest), None)
        if twin and (self.root / twin["file"]).is_file():
            return Saved("skipped", self.root / twin["file"], "the same text is already stored")
        path = self._new_path(article)
        self._write(path, article)
        self._remember(keys, path.relative_to(self.root).as_posix(), digest, fingerprint)
        return Saved("new", path)

    def _remember(self, keys: list[str], rel: str, digest: str, fingerprint: str) -> None:
        for key in keys:
            self._record[key] = {"file": rel, "digest": digest, "fingerprint": fingerprint}
        self._save_record()

    def _new_path(self, article: Fetched) -> Path:
        """A free file name below the site's folder, checked to be inside the library."""
        folder = self.root / site_folder(article.url)
        date = slug(article.date, 10) + "-" if article.date else ""
        stem = date + slug(article.title)
        path, number = folder / f"{stem}.md", 1
        while path.exists():
            number += 1
            path = folder / f"{stem}-{number}.md"
        root = self.root.resolve()
        if root not in path.resolve().parents:
            raise ValueError(f"refusing to write outside the library: {path}")
        return path

    def _write(self, path: Path, article: Fetched) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, markdown(article))


def read_json(path: Path, default: Any) -> Any:
    """A JSON file of the library's state, or `default` when it is missing or damaged."""
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return default


def has_articles(root: Path) -> bool:
    """Whether a folder holds at least one article file (hidden folders aside); stops at the
    first."""
    from reader.corpus import SUFFIXES

    if not Path(root).is_dir():
        return False
    for _, subfolders, files in os.walk(root):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        if any(name.lower().endswith(SUFFIXES) for name in files if not name.startswith(".")):
            return True
    return False
