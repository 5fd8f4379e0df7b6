"""RSS and Atom feeds: telling a feed from a page, and reading a feed's entries (feedparser).

A feed's links may be relative: they are resolved against the feed's own address. An entry
keeps the full text the feed carries, when it carries more than a summary.
"""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import urljoin

MAX_ENTRIES = 200
"""The most entries read from one feed (the newest first, as feeds list them)."""
FULL_TEXT_WORDS = 150
"""An entry whose text in the feed has at least this many words is taken as the article;
a shorter one is a summary, and the linked page is fetched."""
_FEED_TYPES = ("rss", "atom", "rdf", "/xml", "+xml")
_FEED_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b", re.S)
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"\w+")


class Entry(NamedTuple):
    """One entry of a feed: its link (absolute), title, date, author, and the HTML of the full
    text when the feed carries it (else None)."""

    link: str
    title: str | None
    date: str | None
    author: str | None
    content: str | None
    fingerprint: str


class Feed(NamedTuple):
    """A feed's title and entries."""

    title: str | None
    entries: list[Entry]


def is_feed(content_type: str, body: bytes) -> bool:
    """Whether a response is a feed: by its type, or by how its XML starts (servers that send
    a feed as `text/html` or `text/plain`)."""
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind == "application/xhtml+xml":
        return False
    return any(t in kind for t in _FEED_TYPES) or bool(_FEED_START.match(body[:4096]))


def parse_feed(body: bytes, url: str) -> Feed:
    """The entries of a feed's XML fetched from `url`; raises ValueError when it is not one."""
    import feedparser  # type: ignore[import-untyped]

    parsed = feedparser.parse(body, response_headers={"content-location": url})
    if not parsed.get("version") and not parsed.entries:
        raise ValueError("not an RSS or Atom feed")
    entries = []
    for item in parsed.entries[:MAX_ENTRIES]:
        link = item.get("link") or _alternate(item)
        if not link:
            continue
        content = _full_text(item)
        entries.append(
            Entry(
                urljoin(url, link),
                item.get("title"),
                item.get("published") or item.get("updated"),
                item.get("author"),
                content,
                "\x1f".join(str(item.get(k) or "") for k in ("id", "title", "updated", "published"))
                + "\x1f"
                + (content or str(item.get("summary") or "")),
            )
        )
    return Feed(parsed.feed.get("title"), entries)


def _alternate(item: dict[str, object]) -> str | None:
    links = item.get("links") or []
    for link in links if isinstance(links, list) else []:
        if isinstance(link, dict) and link.get("href"):
            return str(link["href"])
    return None


def _full_text(item: dict[str, object]) -> str | None:
    """The entry's HTML when it carries the article's full text (long enough), else None."""
    blocks = item.get("content")
    listed = blocks if isinstance(blocks, list) else []
    texts = [str(b.get("value") or "") for b in listed if isinstance(b, dict)]
    if not texts and item.get("summary"):
        texts = [str(item.get("summary"))]
    html = max(texts, key=len, default="")
    words = len(_WORD.findall(_TAG.sub(" ", html)))
    return html if words >= FULL_TEXT_WORDS else None
