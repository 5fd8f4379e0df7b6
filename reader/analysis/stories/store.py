"""Signatures kept between runs, and bringing a story index up to date with a folder.

One JSON file per articles folder in the cache folder (`<cache>/stories/<name>-<hash>.json`),
keyed by article digest: finding the stories again computes signatures only for new and changed
articles, and `refresh` places only those (deleted articles are taken out).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from hashlib import blake2b
from pathlib import Path
from typing import TYPE_CHECKING

from reader.analysis.stories.index import Placement, StoryIndex
from reader.analysis.stories.signature import Signature
from reader.config import cache_dir
from reader.files import write_atomic

if TYPE_CHECKING:
    from reader.corpus import Article

VERSION = 1
"""Format of the stored signatures; a file of another version is ignored (and replaced)."""


def store_path(articles_dir: Path) -> Path:
    """Where the signatures of a folder's articles are kept."""
    resolved = Path(articles_dir).expanduser().resolve()
    slug = re.sub(r"[^a-z0-9]+", "-", resolved.name.lower()).strip("-")[:40] or "corpus"
    digest = blake2b(str(resolved).encode("utf-8", "surrogateescape"), digest_size=6).hexdigest()
    return cache_dir() / "stories" / f"{slug}-{digest}.json"


def load_signatures(path: Path) -> dict[str, Signature]:
    """Stored signatures by article digest ({} when there are none or the file is damaged)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != VERSION:
            return {}
        return {d: Signature.from_json(s) for d, s in data["signatures"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def save_signatures(path: Path, signatures: Sequence[Signature]) -> None:
    """Store these signatures (replacing the file atomically)."""
    data = {"version": VERSION, "signatures": {s.digest: s.to_json() for s in signatures}}
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json.dumps(data, ensure_ascii=False))


def refresh(
    index: StoryIndex,
    articles: Sequence[Article],
    path: Path | None = None,
    processes: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> list[Placement]:
    """Bring `index` up to date with `articles`: take out those gone, place the new and changed
    ones (signatures read from `path` when stored there, else computed, then stored)."""
    from reader.analysis.stories import signatures

    present = {a.id for a in articles}
    index.remove([i for i in list(index.signatures) if i not in present])
    changed = [
        a
        for a in articles
        if a.id not in index.signatures or index.signatures[a.id].digest != a.digest
    ]
    stored = load_signatures(path) if path is not None else {}
    todo = [a for a in changed if a.digest not in stored]
    computed = {s.digest: s for s in signatures(todo, processes, progress)}
    found = []
    for article in changed:
        sig = stored.get(article.digest) or computed[article.digest]
        found.append(sig if sig.id == article.id else replace(sig, id=article.id))
    placed = index.add(found)
    if path is not None and (computed or len(stored) != len(index.signatures)):
        save_signatures(path, list(index.signatures.values()))
    return placed
