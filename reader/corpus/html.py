"""Saved web pages as articles: the main text of an `.html`/`.htm` file (also gzipped) and its
title, outlet (site name), date, author and URL from the page's metadata.

The main text is found by trafilatura (chosen by measurement: `bench/eval_html.py`), in its
precision mode; what it returns is split into blank-line paragraphs for the reader's own
cleaning. Extraction results are cached in the reader's cache folder (`pages/`), keyed by a
digest of the page's bytes, so an article opened again is not extracted again; the articles
folder is never written. Nothing of the page runs: scripts, styles and markup are dropped.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import logging
import re
import zlib
from pathlib import Path
from typing import NamedTuple

from reader.config import cache_dir
from reader.corpus.cleaning import (
    Cleaned,
    Removed,
    debris_rule,
    debris_spans,
    normalise_lines,
    sanitise,
    strip_spans,
)
from reader.files import write_atomic
from reader.text import fold_marks

PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz")
MAX_PAGE_BYTES = 20 * 1024 * 1024
"""The largest page read, after decompression; larger pages are skipped with a reason."""
_FIELD_MAX = 300
_CACHE_VERSION = "2"  # bump when extraction or its options change
_SPACE_RUN = re.compile(r"\s+")
_WORD = re.compile(r"\w")
# The site's own name for itself wins over the publisher trafilatura may read from JSON-LD
# (a news service, a parent company).
_OG_SITE_NAME = '//head/meta[@property="og:site_name"][1]/@content'
_SITE_SEPARATOR = re.compile(r"\s+[|\u2013\u2014]\s+")
# A title's parts: what stands before and after " | ", " - ", " \u2013 ", " \u2014 ", ": ".
_TITLE_SEPARATOR = re.compile(r"(\s+[|\-\u2013\u2014\u00b7]\s+|:\s+)")


class Page(NamedTuple):
    """What a page gives the reader: its main text (blank-line paragraphs) and metadata."""

    text: str
    title: str | None
    outlet: str | None
    date: str | None
    author: str | None
    url: str | None


class PageError(ValueError):
    """A page that cannot be read as an article; the message is the reason."""


def is_page(name: str) -> bool:
    """Whether a file name is a saved web page's (by its suffix)."""
    return name.lower().endswith(PAGE_SUFFIXES)


def page_bytes(path: Path) -> bytes:
    """The bytes of a saved page, decompressed when gzipped; raises PageError past the limit."""
    try:
        if path.stat().st_size > MAX_PAGE_BYTES:
            raise PageError(_too_large())
        data = path.read_bytes()
    except OSError as exc:
        raise PageError(f"cannot read ({exc.strerror or type(exc).__name__})") from exc
    if path.name.lower().endswith(".gz") or data[:2] == b"\x1f\x8b":
        data = gunzip(data)
    return data


def gunzip(data: bytes, limit: int | None = None) -> bytes:
    """Decompress gzip data, never more than `limit` bytes (`MAX_PAGE_BYTES`); raises
    PageError."""
    limit = MAX_PAGE_BYTES if limit is None else limit
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            out = stream.read(limit + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise PageError(f"not a readable gzip file ({exc})") from exc
    if len(out) > limit:
        raise PageError(_too_large())
    return out


def _too_large() -> str:
    return f"too large (the limit is {MAX_PAGE_BYTES // (1024 * 1024)} MB of HTML)"


def read_page(path: Path) -> Page:
    """The article in a saved page file (through the extraction cache); raises PageError."""
    data = page_bytes(path)
    key = hashlib.blake2b(data + _CACHE_VERSION.encode(), digest_size=16).hexdigest()
    cached = _cache_get(key)
    if cached is not None:
        return cached
    page = extract_page(data)
    _cache_put(key, page)
    return page


def extract_page(html: bytes | str, url: str | None = None) -> Page:
    """The main text and metadata of a page's HTML; raises PageError when it holds no article.

    `url` is where the page came from, when known (the page's own canonical link wins).
    """
    import trafilatura
    from trafilatura.utils import load_html

    if not (html.strip() if isinstance(html, str) else html.strip()):
        raise PageError("empty page")
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    try:
        tree = load_html(html)
        if tree is None:
            raise PageError("not readable as HTML")
        own_name = field(next(iter(tree.xpath(_OG_SITE_NAME)), None))
        document = trafilatura.bare_extraction(
            tree,
            url=url,
            favor_precision=True,
            include_comments=False,
            with_metadata=True,
        )
    except (ValueError, TypeError, LookupError, RecursionError) as exc:
        raise PageError(f"not readable as HTML ({type(exc).__name__})") from exc
    text = getattr(document, "text", None) or ""
    body = paragraphs(text)
    if not body:
        raise PageError("no article text found in the page")
    host = field(getattr(document, "hostname", None))
    site = _site(field(getattr(document, "sitename", None)), own_name, host)
    return Page(
        body,
        page_title(field(getattr(document, "title", None)), site, host),
        site_name(site) or host,
        field(getattr(document, "date", None)),
        field(getattr(document, "author", None)),
        field(getattr(document, "url", None)) or url,
    )


def site_name(site: str | None) -> str | None:
    """The outlet from a page's site name: its first part ("LinkNaija | Nigeria's popular news
    platform" is LinkNaija)."""
    return _SITE_SEPARATOR.split(site, maxsplit=1)[0].strip() or site if site else None


def _site(extracted: str | None, own: str | None, host: str | None) -> str | None:
    """The site's name: trafilatura's, unless only the page's `og:site_name` is the name in
    the host ("Deccan Herald" on deccanherald.com, not its "DH News Service") and it is written
    as a name (capitals, no `@`)."""
    labels = {_fold(label) for label in (host or "").split(".")}
    if (
        own
        and own != extracted
        and not own.startswith("@")
        and any(c.isupper() for c in own)
        and _fold(own) in labels
        and _fold(extracted) not in labels
    ):
        return own
    return extracted


def page_title(title: str | None, site: str | None, host: str | None) -> str | None:
    """A page's title without the site's name before or after it ("Best gadgets | ZDNet")."""
    if not title:
        return None
    names = {_fold(name) for name in (site, site_name(site)) if name}
    names |= {_fold(label) for label in (host or "").split(".") if len(label) > 3}
    names.discard("")
    parts = _TITLE_SEPARATOR.split(title)
    while len(parts) >= 3 and _is_site(parts[-1], names):
        parts = parts[:-2]
    while len(parts) >= 3 and _is_site(parts[0], names):
        parts = parts[2:]
    return "".join(parts).strip() or title


def _is_site(part: str, names: set[str]) -> bool:
    """Whether a part of a title names the site (all of its name or a part of it)."""
    folded = _fold(part)
    return len(folded) >= 3 and any(folded in name for name in names)


def _fold(text: str | None) -> str:
    return "".join(c for c in (text or "").casefold() if c.isalnum())


def paragraphs(text: str) -> str:
    """Extracted text (one block a line) as blank-line paragraphs, sanitised."""
    return "\n\n".join(line for line in normalise_lines(text) if line)


def clean_page(text: str, title: str | None = None) -> Cleaned:
    """The reader's cleaning of a page's extracted text: a repeat of the title at the top, the
    paragraphs a line rule matches whole and the spans span rules match (`data/boilerplate.yaml`)
    go, each recorded with its rule. The layout heuristics of `cleaning.clean` (short lines
    among debris, headline-like lines at the end) are left out: the extractor has already told
    the page's layout from its article, and on extracted text they take lists and paragraphs
    without spaces ("June 9 -- Tampa, FL", Japanese) for link lists."""
    kept: list[str] = []
    removed: list[Removed] = []
    wanted = fold_marks(title).casefold() if title else None
    for paragraph in text.split("\n\n"):
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        first = not kept and not removed
        if first and wanted is not None and fold_marks(paragraph).casefold() == wanted:
            removed.append(Removed("headline", paragraph))
            continue
        rule = debris_rule(paragraph)
        if rule is not None:
            removed.append(Removed(rule, paragraph))
            continue
        spans = debris_spans(paragraph)
        if spans:
            removed += [Removed(sp.rule, paragraph[sp.start : sp.end].strip()) for sp in spans]
            paragraph = strip_spans(paragraph, spans).strip()
        if _WORD.search(paragraph):
            kept.append(paragraph)
    return Cleaned("\n\n".join(kept), tuple(removed))


def field(value: object) -> str | None:
    """A metadata value as one sanitised line of at most 300 characters (None when empty)."""
    if not isinstance(value, str):
        return None
    line = _SPACE_RUN.sub(" ", sanitise(value)).strip()
    return line[:_FIELD_MAX] or None


def _cache_file(key: str) -> Path:
    return cache_dir() / "pages" / key[:2] / f"{key}.json"


def _cache_get(key: str) -> Page | None:
    try:
        record = json.loads(_cache_file(key).read_text("utf-8"))
        return Page(*(record[name] for name in Page._fields))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _cache_put(key: str, page: Page) -> None:
    path = _cache_file(key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(page._asdict(), ensure_ascii=False))
    except OSError:
        pass  # a cache that cannot be written only costs time
