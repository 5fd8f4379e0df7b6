"""The index's own records: the manifest, the vocabulary file, and checks of a generation.

Each corpus gets its own index folder (in the user's cache folder by default, never in the
articles folder; see `reader.search.folder`). The folder holds generations: `CURRENT` names
the live one, a subfolder with the Whoosh index, a manifest (every article's id, file stat
data, title, outlet, date and digest, plus the files skipped and why) and the vocabulary of
words as written (for spelling suggestions). A rebuild is written aside into a new generation
and swapped in by replacing `CURRENT`, so a crash mid-build leaves the old index intact. One
`reader` at a time updates an index (`UPDATE.lock`); others keep searching the live
generation.

The manifest is written after the index commit and records the commit it describes (the
Whoosh generation number and document count, a `Stamp`): at start a manifest that does not
match its index (an update killed between the two) is not trusted, and the index is rebuilt.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import threading
from collections import Counter
from dataclasses import dataclass
from hashlib import blake2b
from pathlib import Path
from typing import Any, NamedTuple

from whoosh.filedb.filestore import FileStorage

from reader.config import cache_dir
from reader.files import write_atomic
from reader.search.engine import CatalogEntry
from reader.search.folder import damage_mark

FORMAT_VERSION = 6
"""Bump when the schema, the analysis, the manifest or what an article's text is changes:
existing indexes are rebuilt.

Whoosh pickles the schema with the import paths of its analyzer and format classes, so moving
them is a change (5: they moved from `reader.index` to `reader.search.whoosh_schema`; 6: the
cleaning of articles changed their text). The commit stamp is an optional fifth part of a
manifest: manifests without one are still read."""

MANIFEST = "manifest.pickle"
WORDS = "words.json"
STOP = "STOP"
ENGINE = "ENGINE"
"""In a generation: the search engine that wrote it ("whoosh" when the file is missing)."""


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


class Stamp(NamedTuple):
    """The index commit a manifest describes: Whoosh's generation number and document count."""

    generation: int
    documents: int


@dataclass(slots=True)
class Manifest:
    """Every indexed file's stat data and metadata, and the files skipped (with reasons).

    Stored with pickle, like Whoosh's own table of contents: four times faster to load than
    JSON at 50,000 articles, and written only by the reader into its own cache folder. Rows
    are stored as plain tuples. `stamp` is the index commit it was written after (None in
    manifests written before stamps existed).
    """

    version: int
    entries: dict[str, Entry]
    skipped: dict[str, Skipped]
    stamp: Stamp | None = None

    @classmethod
    def empty(cls) -> Manifest:
        """A manifest of the current format with nothing in it."""
        return cls(FORMAT_VERSION, {}, {})

    @classmethod
    def load(cls, path: Path) -> Manifest:
        """Read a manifest file (raises whatever a damaged pickle raises)."""
        version, rows, skipped, *rest = pickle.loads(path.read_bytes())
        entries = {entry.id: entry for entry in map(Entry._make, rows)}
        stamp = Stamp._make(rest[0]) if rest and rest[0] is not None else None
        skips = {rel: Skipped._make(row) for rel, row in skipped}
        return cls(int(version), entries, skips, stamp)

    def copy(self) -> Manifest:
        """A manifest whose tables can change without changing this one's."""
        return Manifest(self.version, dict(self.entries), dict(self.skipped), self.stamp)

    def save(self, path: Path) -> None:
        """Write the manifest file atomically (after the index commit it describes)."""
        rows = [tuple(entry) for entry in self.entries.values()]
        skipped = [(rel, tuple(row)) for rel, row in self.skipped.items()]
        stamp = tuple(self.stamp) if self.stamp is not None else None
        write_atomic(path, pickle.dumps((self.version, rows, skipped, stamp), protocol=4))


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
        found = inspect(generation)
        if found.problem is not None:
            return found.problem
        mark = damage_mark(generation)
        if mark is not None:
            return f"index was corrupt: {mark}"
        if manifest.stamp not in (None, found.stamp):
            return (
                "index was interrupted: its manifest does not match the index "
                "(an update stopped between writing the two)"
            )
        return None


# ---------------------------------------------------------------------------- the folder


def default_index_dir(articles_dir: Path) -> Path:
    """The index folder of a corpus: `<cache>/indexes/<folder name>-<hash of its path>`."""
    resolved = Path(articles_dir).expanduser().resolve()
    slug = re.sub(r"[^a-z0-9]+", "-", resolved.name.lower()).strip("-")[:40] or "corpus"
    digest = blake2b(str(resolved).encode("utf-8", "surrogateescape"), digest_size=6).hexdigest()
    return cache_dir() / "indexes" / f"{slug}-{digest}"


def load_words(generation: Path) -> Counter[str]:
    """A generation's vocabulary: words as written, with how many articles used them."""
    try:
        return Counter(json.loads((generation / WORDS).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return Counter()


def save_words(generation: Path, words: Counter[str]) -> None:
    """Write a generation's vocabulary atomically."""
    write_atomic(generation / WORDS, json.dumps(words, separators=(",", ":")))


class Inspection(NamedTuple):
    """What a look at a generation's Whoosh files found: why they are unusable (None when they
    look whole) and the commit they hold (None when unusable)."""

    problem: str | None
    stamp: Stamp | None


def engine_of(generation: Path) -> str:
    """The search engine that wrote a generation: "whoosh" or "tantivy"."""
    try:
        with (generation / ENGINE).open("rb") as handle:
            name = handle.read(16).decode("ascii", "replace").strip()
    except OSError:
        return "whoosh"
    return name if name in ("whoosh", "tantivy") else "whoosh"


def mark_engine(generation: Path, engine: str) -> None:
    """Record which search engine writes a new generation."""
    write_atomic(generation / ENGINE, engine)


def inspect(generation: Path) -> Inspection:
    """Check a generation's index files (see `reader.search.tantivy_index.inspect` for
    tantivy's). Whoosh's: from its table of contents, a listing of its files and the
    directory of each compound segment file (a truncated one is caught here)."""
    if engine_of(generation) == "tantivy":
        from reader.search.tantivy_index import inspect as inspect_tantivy

        return inspect_tantivy(generation)
    try:
        # Read, not memory-mapped: Whoosh 3 copies a mapped file into memory (700 MB at
        # 50,000 articles for the doc count), see `reader.search.whoosh_engine.MAP_FILES`.
        ix = FileStorage(str(generation), supports_mmap=False).open_index()
    except Exception as exc:  # a truncated or garbled TOC raises struct/pickle/EOF errors
        return Inspection(f"index was corrupt: {describe(exc)}", None)
    try:
        names = set(os.listdir(generation))
        for segment in ix._segments():
            problem = _segment_problem(generation, names, segment)
            if problem is not None:
                return Inspection(f"index was corrupt: {problem}", None)
        stamp = Stamp(int(ix.latest_generation()), int(ix.doc_count()))
    except Exception as exc:
        return Inspection(f"index was corrupt: {describe(exc)}", None)
    finally:
        ix.close()
    return Inspection(None, stamp)


def damage(generation: Path) -> str | None:
    """Why a generation's Whoosh files are unusable, or None when they look whole."""
    return inspect(generation).problem


def stamp_of(ix: Any) -> Stamp:
    """The commit an open Whoosh index holds (after a writer's commit)."""
    return Stamp(int(ix.latest_generation()), int(ix.doc_count()))


def _segment_problem(generation: Path, names: set[str], segment: Any) -> str | None:
    """What is wrong with one segment's files (missing, or a compound file cut short)."""
    prefix = segment.segment_id()
    if not any(name.startswith(prefix) for name in names):
        return f"segment files {prefix}.* are missing"
    if not segment.is_compound():
        return None
    if prefix + ".seg" not in names:
        return f"segment files {prefix}.* are missing"
    path = generation / (prefix + ".seg")
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(12)
    except OSError as exc:
        return f"segment file {path.name} cannot be read ({exc.strerror or exc})"
    if len(head) < 12:
        return f"segment file {path.name} is cut short"
    offset, length = int.from_bytes(head[:8], "big", signed=True), int.from_bytes(head[8:], "big")
    if offset < 12 or offset + length != size:
        return f"segment file {path.name} is cut short or garbled"
    return None


def describe(exc: BaseException) -> str:
    """An exception's type and message, for a problem report."""
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
