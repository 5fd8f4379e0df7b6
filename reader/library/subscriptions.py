"""The feeds the user follows: `<library>/.reader/feeds.json`, with each feed's validators
(ETag, Last-Modified) for conditional requests."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from reader.fetch.http import check_url
from reader.files import write_atomic
from reader.library.folder import STATE_FOLDER, read_json


@dataclass(slots=True)
class Subscription:
    """One feed followed: its address, its title once fetched, and the validators the server
    sent last."""

    url: str
    title: str | None = None
    etag: str | None = None
    modified: str | None = None


def feeds_file(library: Path) -> Path:
    """Where the feed list of a library lives."""
    return Path(library) / STATE_FOLDER / "feeds.json"


def load_feeds(library: Path) -> list[Subscription]:
    """The feeds followed (none when the list is missing or damaged)."""
    data = read_json(feeds_file(library), [])
    feeds = []
    for item in data if isinstance(data, list) else []:
        if isinstance(item, dict) and isinstance(item.get("url"), str):
            title, etag, modified = (_text(item.get(k)) for k in ("title", "etag", "modified"))
            feeds.append(Subscription(item["url"], title, etag, modified))
    return feeds


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def save_feeds(library: Path, feeds: list[Subscription]) -> None:
    """Write the feed list whole."""
    path = feeds_file(library)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json.dumps([asdict(f) for f in feeds], ensure_ascii=False, indent=1))


def add_feed(library: Path, url: str) -> bool:
    """Follow a feed; False when it was already followed. Raises FetchError on a bad URL."""
    url = check_url(url)
    feeds = load_feeds(library)
    if any(f.url == url for f in feeds):
        return False
    save_feeds(library, [*feeds, Subscription(url)])
    return True


def remove_feed(library: Path, url: str) -> bool:
    """Stop following a feed; False when it was not followed. Stored articles stay."""
    feeds = load_feeds(library)
    kept = [f for f in feeds if f.url != url.strip()]
    if len(kept) == len(feeds):
        return False
    save_feeds(library, kept)
    return True
