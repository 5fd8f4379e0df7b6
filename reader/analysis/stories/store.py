"""Signatures kept between runs, and bringing a story index up to date with a folder.

One JSON-lines file per articles folder in the cache folder
(`<cache>/stories/<name>-<hash>.jsonl`): a header with the format version, then one record per
file (its path, modification time, size and signature); records of new and changed files are
appended, a later one standing for the file. `refresh` scans the folder (names and stat data
only), takes out the articles gone, and reads and signs only the files that are new or changed
since they were stored, in worker processes: a folder seen before costs a scan, one seen for the
first time is read once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from hashlib import blake2b
from pathlib import Path

from reader.analysis.stories.index import Placement, StoryIndex
from reader.analysis.stories.signature import Signature, signature
from reader.config import cache_dir
from reader.corpus import SourceFile, load_article, scan
from reader.files import write_atomic

VERSION = 3
"""Format of the stored signatures; a file of another version is ignored (and replaced)."""


Files = dict[str, tuple[int, int, Signature]]
"""File path (below the folder) -> (mtime_ns, size, signature)."""


@dataclass
class Stored:
    """What a store holds: file path -> (mtime_ns, size, signature); `lines` counts the records
    in its file (a file read again or changed since adds one)."""

    files: Files = field(default_factory=dict)
    lines: int = 0

    def known(self, source: SourceFile) -> Signature | None:
        """The stored signature of a file unchanged since it was stored (by its stat data)."""
        seen = self.files.get(source.rel)
        if seen is None or seen[:2] != (source.mtime_ns, source.size):
            return None
        return seen[2]


def store_path(articles_dir: Path) -> Path:
    """Where the signatures of a folder's articles are kept."""
    resolved = Path(articles_dir).expanduser().resolve()
    slug = re.sub(r"[^a-z0-9]+", "-", resolved.name.lower()).strip("-")[:40] or "corpus"
    digest = blake2b(str(resolved).encode("utf-8", "surrogateescape"), digest_size=6).hexdigest()
    return cache_dir() / "stories" / f"{slug}-{digest}.jsonl"


_LAST: dict[Path, tuple[tuple[int, int], Stored]] = {}
"""The store last read or written at each path in this process, with the file's stat data: a
store file unchanged since is not read again."""


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_mtime_ns, found.st_size


def _record(rel: str, mtime_ns: int, size: int, sig: Signature) -> str:
    return json.dumps([rel, mtime_ns, size, sig.to_json()], ensure_ascii=False) + "\n"


def load_store(path: Path) -> Stored:
    """What is stored at `path` (nothing when there is no file or it is of another version; a
    damaged record is skipped)."""
    seen = _stat(path)
    last = _LAST.get(path)
    if last is not None and last[0] == seen:
        return last[1]
    stored = Stored()
    try:
        with path.open(encoding="utf-8") as handle:
            if json.loads(handle.readline() or "{}").get("version") != VERSION:
                return stored
            for line in handle:
                stored.lines += 1
                try:
                    rel, mtime_ns, size, data = json.loads(line)
                    stored.files[str(rel)] = (int(mtime_ns), int(size), Signature.from_json(data))
                except (ValueError, KeyError, TypeError, AttributeError):
                    continue
    except (OSError, ValueError, AttributeError):
        return Stored()
    if seen is not None:
        _LAST[path] = (seen, stored)
    return stored


def save_store(
    path: Path,
    stored: Stored,
    present: set[str],
    added: Files,
    records: dict[str, str] | None = None,
) -> None:
    """Bring the store at `path` (holding `stored`) to the files of `present` with `added`:
    the new records appended, or, when a file is gone or the file would hold twice the
    records kept, the whole file rewritten (atomically) with only what is kept. `records`
    may hold the record lines of files of `added` already written out (`_record`)."""
    kept = {r: v for r, v in stored.files.items() if r in present}
    gone = len(kept) < len(stored.files)
    kept.update(added)
    written = records or {}

    def line(rel: str, seen: tuple[int, int, Signature]) -> str:
        known = written.get(rel) if rel in added and added[rel] is seen else None
        return known if known is not None else _record(rel, *seen)

    path.parent.mkdir(parents=True, exist_ok=True)
    if stored.lines and not gone and stored.lines + len(added) < 2 * len(kept):
        with path.open("a", encoding="utf-8") as handle:
            handle.writelines(line(r, v) for r, v in added.items())
        lines = stored.lines + len(added)
    else:
        header = json.dumps({"version": VERSION}) + "\n"
        write_atomic(path, header + "".join(line(r, v) for r, v in kept.items()))
        path.with_suffix(".json").unlink(missing_ok=True)  # the store of version 1
        lines = len(kept)
    seen = _stat(path)
    if seen is not None:
        _LAST[path] = (seen, Stored(kept, lines))


def _sign_files(sources: list[SourceFile]) -> list[Signature | None]:
    """Read and sign these files (None for a file that does not load)."""
    out: list[Signature | None] = []
    for source in sources:
        article = load_article(source.path, source.root).article
        out.append(None if article is None else signature(article))
    return out


def refresh(
    index: StoryIndex,
    folder: Path,
    path: Path | None = None,
    processes: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> list[Placement]:
    """Bring `index` up to date with the articles of `folder`: take out those gone, place the
    new and changed ones (signatures read from the store at `path` when their file is
    unchanged, else read and computed, in `processes` worker processes, then stored).
    `progress(done, total)` counts the files read."""
    from reader.analysis.stories import in_processes

    files = scan(Path(folder)).files
    stored = load_store(path) if path is not None else Stored()
    present = {f.id for f in files}
    index.remove([i for i in list(index.signatures) if i not in present])
    found: list[Signature] = []
    todo: list[SourceFile] = []
    for source in files:
        sig = stored.known(source)
        if sig is None:
            todo.append(source)
        else:
            found.append(sig if sig.id == source.id else replace(sig, id=source.id))
    added: Files = {}
    records: dict[str, str] = {}

    def arrived(sources: list[SourceFile], sigs: list[Signature | None]) -> None:
        # the store's records are written out while the workers sign the next files
        for source, sig in zip(sources, sigs, strict=True):
            if sig is not None:
                added[source.rel] = seen = (source.mtime_ns, source.size, sig)
                if path is not None:
                    records[source.rel] = _record(source.rel, *seen)

    in_processes(_sign_files, todo, processes, progress, arrived)
    present_files = {f.rel for f in files}
    if path is not None and (added or not present_files >= stored.files.keys()):
        save_store(path, stored, present_files, added, records)
    return index.add([*found, *(sig for _, _, sig in added.values())])
