"""The index folder: its owner mark, `CURRENT` and the generations, the update lock, damage marks.

The reader deletes only what it made and checked: a generation is a folder directly inside an
index folder that carries the reader's mark (`OWNER`), named like the generations the reader
creates (`g-<14 digits>-<6 hex digits>`), and not a link. Whatever `CURRENT` or any other file
holds (`..`, `.`, an absolute path, bytes that are not text), nothing outside the index folder
and never the live or the new generation is removed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import time
import uuid
from pathlib import Path
from typing import Any, NamedTuple

from whoosh.util.filelock import FileLock

from reader.files import write_atomic

CURRENT = "CURRENT"
LOCK = "UPDATE.lock"
OWNER = "READER-INDEX"
"""The mark of an index folder the reader made (or adopted while it held only its files)."""
DAMAGED = "DAMAGED"
"""In a generation: why a search found its files unusable (the next update rebuilds)."""

GENERATION = re.compile(r"g-[0-9]{14}-[0-9a-f]{6}")
"""The names of the generations the reader creates."""
_OWNER_TEXT = "This folder is a search index made by `reader`; it may be deleted.\n"
_CURRENT_MAX = 256


class FolderError(Exception):
    """The index folder cannot be updated; the message says why and what to do."""


class Current(NamedTuple):
    """The live generation `CURRENT` names (None without one), and what is wrong with
    `CURRENT` when it names none (None when it is simply missing)."""

    generation: Path | None
    problem: str | None


# ---------------------------------------------------------------------------- ownership


def _ours(name: str) -> bool:
    """Whether a name in an index folder is one the reader writes there."""
    return (
        name in (CURRENT, LOCK, OWNER)
        or GENERATION.fullmatch(name) is not None
        or (name.startswith(f".{CURRENT}.") and name.endswith(".tmp"))
    )


def claim(index_dir: Path) -> None:
    """Make sure the index folder exists and carries the reader's mark (raises FolderError).

    A missing or empty folder is created and marked; a folder holding only the reader's
    files (an index made before the mark existed) is adopted; any other folder is refused,
    so `--index` pointed at a folder of the user's never gets anything removed from it.
    """
    if (index_dir / OWNER).is_file():
        return
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        foreign = sorted(name for name in os.listdir(index_dir) if not _ours(name))
    except OSError as exc:
        raise FolderError(cannot_write(index_dir, exc)) from exc
    if foreign:
        raise FolderError(
            f"{index_dir} holds files the reader did not make ({foreign[0]!r}"
            f"{' and more' if len(foreign) > 1 else ''}); choose an empty or new folder "
            "for --index"
        )
    try:
        write_atomic(index_dir / OWNER, _OWNER_TEXT)
    except OSError as exc:
        raise FolderError(cannot_write(index_dir, exc)) from exc


def owned(index_dir: Path) -> bool:
    """Whether an index folder carries the reader's mark."""
    return (index_dir / OWNER).is_file()


def cannot_write(index_dir: Path, exc: OSError) -> str:
    """A message for a write that failed in the index folder, with the way out."""
    if exc.errno == errno.ENOSPC or exc.errno == errno.EDQUOT:
        return (
            f"the disk holding the index is full ({index_dir}); free some space and run "
            "`reader index` again; the index is kept as it was"
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (
            f"the index folder cannot be written ({index_dir}: {exc.strerror}); "
            "searching the index as it is; make the folder writable or choose another "
            "with --index"
        )
    return (
        f"the index could not be written ({index_dir}: {exc.strerror or exc}); "
        "the index is kept as it was"
    )


# ---------------------------------------------------------------------------- generations


def read_current(index_dir: Path) -> Current:
    """The live generation named by `CURRENT`, checked: a generation's name, directly inside
    the index folder, a real folder (not a link)."""
    path = index_dir / CURRENT
    try:
        with path.open("rb") as handle:
            raw = handle.read(_CURRENT_MAX + 1)
    except FileNotFoundError:
        return Current(None, None)
    except OSError as exc:
        return Current(None, f"CURRENT cannot be read ({exc.strerror or exc})")
    name = raw.decode("ascii", "replace").strip()
    if GENERATION.fullmatch(name) is None:
        return Current(None, "CURRENT does not name a generation of the index")
    folder = index_dir / name
    if folder.is_symlink() or not folder.is_dir():
        return Current(None, f"the generation CURRENT names ({name}) is missing")
    return Current(folder, None)


def live_generation(index_dir: Path) -> Path | None:
    """The live generation's folder, or None when there is no usable one."""
    return read_current(index_dir).generation


def new_generation(index_dir: Path) -> Path:
    """A new, empty generation folder (not live yet)."""
    stamp = time.strftime("%Y%m%d%H%M%S")
    generation = index_dir / f"g-{stamp}-{uuid.uuid4().hex[:6]}"
    generation.mkdir()
    return generation


def make_live(index_dir: Path, generation: Path, old: Path | None) -> None:
    """Swap a generation in for the old one (removed)."""
    write_atomic(index_dir / CURRENT, generation.name)
    if old is not None and old != generation:
        remove_generation(index_dir, old, keep=generation)


def is_generation(index_dir: Path, folder: Path) -> bool:
    """Whether a folder is a generation the reader may delete: named like one, directly
    inside a marked index folder (after resolving links), itself not a link."""
    if GENERATION.fullmatch(folder.name) is None or folder.is_symlink():
        return False
    try:
        parent = folder.parent.resolve(strict=True)
        home = index_dir.resolve(strict=True)
    except OSError:
        return False
    return parent == home and folder.is_dir() and owned(home)


def remove_generation(index_dir: Path, folder: Path, keep: Path | None = None) -> bool:
    """Delete one generation folder, only after `is_generation` says it is one (and it is not
    `keep`); whether it was deleted."""
    if keep is not None and folder.name == keep.name:
        return False
    if not is_generation(index_dir, folder):
        return False
    shutil.rmtree(index_dir.resolve() / folder.name, ignore_errors=True)
    return True


def remove_stale_generations(index_dir: Path, live: Path | None) -> None:
    """Remove the generations left by interrupted builds (never the live one)."""
    try:
        names = os.listdir(index_dir)
    except OSError:
        return
    for name in names:
        if GENERATION.fullmatch(name) and (live is None or name != live.name):
            remove_generation(index_dir, index_dir / name, keep=live)


# ---------------------------------------------------------------------------- lock and damage


def update_lock(index_dir: Path) -> Any:
    """The lock one updating reader holds (a `whoosh.util.filelock.FileLock`)."""
    return FileLock(str(index_dir / LOCK))


def acquire(index_dir: Path) -> Any | None:
    """The update lock, held; None when another reader holds it (raises FolderError when the
    lock file cannot be used). An empty folder in the lock file's place is removed."""
    path = index_dir / LOCK
    if path.is_dir() and not path.is_symlink():
        try:
            path.rmdir()
        except OSError as exc:
            raise FolderError(
                f"{path} is a folder, not the reader's lock file; remove it and run "
                "`reader index` again"
            ) from exc
    lock = update_lock(index_dir)
    try:
        return lock if lock.acquire(blocking=False) else None
    except OSError as exc:
        raise FolderError(cannot_write(index_dir, exc)) from exc


def mark_damaged(generation: Path, reason: str) -> None:
    """Record that a generation's files are unusable, so the next update rebuilds it (best
    effort: a read-only folder keeps no mark)."""
    with contextlib.suppress(OSError):
        write_atomic(generation / DAMAGED, reason[:500])


def damage_mark(generation: Path) -> str | None:
    """Why a search found a generation unusable, or None."""
    try:
        with (generation / DAMAGED).open("rb") as handle:
            return handle.read(500).decode("utf-8", "replace").strip() or "unreadable files"
    except OSError:
        return None
