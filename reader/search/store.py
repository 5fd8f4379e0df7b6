"""The index folder of a corpus: generations, the manifest, the vocabulary file, the lock.

Each corpus gets its own index folder (in the user's cache folder by default, never in the
articles folder). The folder holds generations: `CURRENT` names the live one, a subfolder with
the Whoosh index, a manifest (every article's id, file stat data, title, outlet, date and
digest, plus the files skipped and why) and the vocabulary of words as written (for spelling
suggestions). A rebuild is written aside into a new generation and swapped in by replacing
`CURRENT`, so a crash mid-build leaves the old index intact. One `reader` at a time updates an
index (`UPDATE.lock`); others keep searching the live generation.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import shutil
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from hashlib import blake2b
from pathlib import Path
from typing import Any, NamedTuple

from whoosh import index as whoosh_index
from whoosh.util.filelock import FileLock

from reader.config import cache_dir
from reader.files import write_atomic
from reader.search.engine import CatalogEntry

FORMAT_VERSION = 5
"""Bump when the schema, the analysis or the manifest changes: existing indexes are rebuilt.

Whoosh pickles the schema with the import paths of its analyzer and format classes, so moving
them is a change (5: they moved from `reader.index` to `reader.search.whoosh_schema`)."""

CURRENT = "CURRENT"
MANIFEST = "manifest.pickle"
WORDS = "words.json"
LOCK = "UPDATE.lock"
STOP = "STOP"


# ---------------------------------------------------------------------------- manifest


class Entry(NamedTuple):
    """One indexed file: its article's id, path, stat data, metadata, digest and warnings."""

    id: str
    rel: str
    mtime_ns: int
    size: int
    title: str
    outlet: str | None
    date: str | None
    digest: str
    warnings: list[str]


class Skipped(NamedTuple):
    """A file left out of the index: its stat data when it was read, and why."""

    mtime_ns: int
    size: int
    reasons: list[str]


@dataclass(slots=True)
class Manifest:
    """Every indexed file's stat data and metadata, and the files skipped (with reasons).

    Stored with pickle, like Whoosh's own table of contents: four times faster to load than
    JSON at 50,000 articles, and written only by the reader into its own cache folder. Rows
    are stored as plain tuples.
    """

    version: int
    entries: dict[str, Entry]
    skipped: dict[str, Skipped]

    @classmethod
    def empty(cls) -> Manifest:
        """A manifest of the current format with nothing in it."""
        return cls(FORMAT_VERSION, {}, {})

    @classmethod
    def load(cls, path: Path) -> Manifest:
        """Read a manifest file (raises whatever a damaged pickle raises)."""
        version, rows, skipped = pickle.loads(path.read_bytes())
        entries = {entry.id: entry for entry in map(Entry._make, rows)}
        return cls(int(version), entries, {rel: Skipped._make(row) for rel, row in skipped})

    def copy(self) -> Manifest:
        """A manifest whose tables can change without changing this one's."""
        return Manifest(self.version, dict(self.entries), dict(self.skipped))

    def save(self, path: Path) -> None:
        """Write the manifest file atomically."""
        rows = [tuple(entry) for entry in self.entries.values()]
        skipped = [(rel, tuple(row)) for rel, row in self.skipped.items()]
        write_atomic(path, pickle.dumps((self.version, rows, skipped), protocol=4))


class Manifests:
    """The live manifest and catalog of one index, reloaded when the manifest file changes;
    safe to share between threads."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self._manifest: Manifest | None = None
        self._key: tuple[str, int] | None = None
        self._catalog: list[CatalogEntry] | None = None
        self._catalog_key: tuple[str, int] | None = None

    def load(self, generation: Path) -> Manifest:
        """The manifest of a generation (raises for a missing or damaged one)."""
        path = generation / MANIFEST
        stat = path.stat()
        key = (str(path), stat.st_mtime_ns)
        with self.lock:
            if self._manifest is None or self._key != key:
                self._manifest = Manifest.load(path)
                self._key = key
            return self._manifest

    def catalog(self, generation: Path) -> list[CatalogEntry]:
        """Every article of a generation's manifest (empty for a damaged manifest)."""
        try:
            manifest = self.load(generation)
        except Exception:  # a damaged manifest: no catalog until the rebuild
            return []
        with self.lock:
            if self._catalog is None or self._catalog_key != self._key:
                self._catalog = [
                    CatalogEntry(e.id, e.title, e.outlet, e.date, e.rel)
                    for e in manifest.entries.values()
                ]
                self._catalog_key = self._key
            return list(self._catalog)

    def health(self, generation: Path | None) -> str | None:
        """Why a generation cannot be used (missing, wrong version, damaged), or None."""
        if generation is None:
            return "no index yet"
        try:
            manifest = self.load(generation)
        except Exception as exc:  # a damaged pickle raises many types
            return f"index was corrupt: manifest unreadable ({type(exc).__name__})"
        if manifest.version != FORMAT_VERSION:
            return f"index format changed (version {manifest.version} -> {FORMAT_VERSION})"
        return damage(generation)


# ---------------------------------------------------------------------------- generations


def default_index_dir(articles_dir: Path) -> Path:
    """The index folder of a corpus: `<cache>/indexes/<folder name>-<hash of its path>`."""
    resolved = Path(articles_dir).expanduser().resolve()
    slug = re.sub(r"[^a-z0-9]+", "-", resolved.name.lower()).strip("-")[:40] or "corpus"
    digest = blake2b(str(resolved).encode("utf-8"), digest_size=6).hexdigest()
    return cache_dir() / "indexes" / f"{slug}-{digest}"


def live_generation(index_dir: Path) -> Path | None:
    """The live generation's folder, or None when there is no index yet."""
    try:
        name = (index_dir / CURRENT).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    folder = index_dir / name
    return folder if name and "/" not in name and folder.is_dir() else None


def new_generation(index_dir: Path) -> Path:
    """A new, empty generation folder (not live yet)."""
    stamp = time.strftime("%Y%m%d%H%M%S")
    generation = index_dir / f"g-{stamp}-{uuid.uuid4().hex[:6]}"
    generation.mkdir()
    return generation


def make_live(index_dir: Path, generation: Path, old: Path | None) -> None:
    """Swap a generation in for the old one (removed)."""
    write_atomic(index_dir / CURRENT, generation.name)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def remove_stale_generations(index_dir: Path, live: Path | None) -> None:
    """Remove the generations left by interrupted builds."""
    for child in index_dir.iterdir():
        if child.is_dir() and child.name.startswith("g-") and child != live:
            shutil.rmtree(child, ignore_errors=True)


def update_lock(index_dir: Path) -> Any:
    """The lock one updating reader holds (a `whoosh.util.filelock.FileLock`)."""
    return FileLock(str(index_dir / LOCK))


def load_words(generation: Path) -> Counter[str]:
    """A generation's vocabulary: words as written, with how many articles used them."""
    try:
        return Counter(json.loads((generation / WORDS).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return Counter()


def save_words(generation: Path, words: Counter[str]) -> None:
    """Write a generation's vocabulary atomically."""
    write_atomic(generation / WORDS, json.dumps(words, separators=(",", ":")))


def damage(generation: Path) -> str | None:
    """Why a generation's Whoosh files are unusable, from its table of contents and a listing
    of its files; None when they look whole."""
    try:
        ix = whoosh_index.open_dir(str(generation))
    except Exception as exc:  # a truncated or garbled TOC raises struct/pickle/EOF errors
        return f"index was corrupt: {describe(exc)}"
    try:
        names = set(os.listdir(generation))
        for segment in ix._segments():
            prefix = segment.segment_id()
            wanted = {prefix + ".seg"} if segment.is_compound() else None
            if (
                wanted is not None
                and not wanted <= names
                or not any(name.startswith(prefix) for name in names)
            ):
                return f"index was corrupt: segment files {prefix}.* are missing"
    except Exception as exc:
        return f"index was corrupt: {describe(exc)}"
    finally:
        ix.close()
    return None


def describe(exc: BaseException) -> str:
    """An exception's type and message, for a problem report."""
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
