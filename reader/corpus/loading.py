"""Loading a corpus: scanning a folder for article files, reading one into an Article, finding
the article a user names.

A corpus is a folder tree of `.txt` and `.md` files, each an article with or without YAML front
matter (`title`, `outlet`, `date`, `url`), and of saved web pages (`.html`, `.htm`, also gzipped:
`reader.corpus.html`). Bad files are reported as `Problem`s (file and reason)
and the rest of the corpus loads. Nothing in the articles folder is ever written.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
from pathlib import Path
from stat import S_ISBLK, S_ISCHR, S_ISDIR, S_ISFIFO, S_ISREG, S_ISSOCK
from typing import NamedTuple

from reader.corpus.article import (
    Article,
    ArticleNotFound,
    Corpus,
    Problem,
    SourceFile,
    article_id,
    rel_id,
)
from reader.corpus.cleaning import Removed, clean, sanitise
from reader.corpus.decoding import Decoded, decode
from reader.corpus.frontmatter import parse_front_matter, split_front_matter
from reader.corpus.html import PAGE_SUFFIXES, PageError, clean_page, is_page, read_page
from reader.corpus.outlets import canonical_outlet, infer_outlet

SUFFIXES = (".txt", ".md", *PAGE_SUFFIXES)
MAX_FILE_BYTES = 20 * 1024 * 1024
_TITLE_MAX = 90
_UNCLOSED_FRONT = re.compile(r"---[ \t]*\r?\n[^\n]*:")  # `---`, then a `key:` line


class Scan(NamedTuple):
    """The article files found below a root, and the problems met finding them."""

    files: list[SourceFile]
    problems: list[Problem]


class Loaded(NamedTuple):
    """One file read: the article (None when it was skipped) and what went wrong or was assumed."""

    article: Article | None
    problems: list[Problem]


class Titled(NamedTuple):
    """A title inferred from the text, and the text that remains once it is taken out."""

    title: str
    text: str


def scan(root: Path) -> Scan:
    """Find the article files below root by their names and stat data only (no reading).

    Only regular files are taken. Hidden files and folders are skipped; a symlink is followed
    only when it resolves inside the folder (one leaving it is reported, not followed), loops
    are reported; a second file with the same id is reported as a duplicate. A file with
    several problems is reported once, with every reason. Plain strings and `os.scandir` keep
    it fast: the start-up check of a 50,000-article corpus runs it.
    """
    root = Path(root)
    files: list[SourceFile] = []
    problems: list[Problem] = []
    seen_ids: dict[str, str] = {}
    visited: set[tuple[int, int]] = set()
    real_root = os.path.realpath(root)
    stack = [("", str(root))]
    while stack:
        rel_folder, folder = stack.pop()
        subfolders = []
        for entry in _folder_entries(folder, visited, problems):
            found = _entry(entry, real_root)
            if found is None:
                continue
            if found.reasons:
                problems.append(Problem(Path(entry.path), "; ".join(found.reasons)))
            elif found.stat is None:
                subfolders.append((f"{rel_folder}{entry.name}/", entry.path))
            else:
                rel = rel_folder + entry.name
                ident = rel_id(rel)
                if ident in seen_ids:
                    reason = f"duplicate id '{ident}' (already used by {seen_ids[ident]}); skipped"
                    problems.append(Problem(Path(entry.path), reason))
                    continue
                seen_ids[ident] = rel
                stat = found.stat
                files.append(SourceFile(root, rel, ident, stat.st_mtime_ns, stat.st_size))
        stack.extend(reversed(subfolders))
    return Scan(files, problems)


class _Entry(NamedTuple):
    """A folder entry worth a look: its stat data (None for a folder) and why it is skipped."""

    stat: os.stat_result | None
    reasons: list[str]


def _entry(entry: os.DirEntry[str], real_root: str) -> _Entry | None:
    """What an entry is (None when it is hidden or not named like an article file), with every
    reason it cannot be read; only stat data is used, nothing is opened."""
    name = entry.name
    if name[0] == ".":
        return None
    try:
        is_dir = entry.is_dir()
    except OSError:
        is_dir = False
    if not is_dir and not name.lower().endswith(SUFFIXES):
        return None
    reasons = _link_reasons(entry.path, real_root, is_dir) if entry.is_symlink() else []
    try:
        stat = entry.stat()
    except OSError as exc:
        kind = "broken or looping symlink" if entry.is_symlink() else "cannot read file information"
        return _Entry(None, [f"{kind} ({_os_reason(exc)})", *reasons])
    if is_dir:
        return _Entry(None, reasons)
    if not S_ISREG(stat.st_mode):
        reasons.append(f"not a regular file ({_file_kind(stat.st_mode)}); not read")
    elif not rel_id(name):
        reasons.append("the name gives an empty id (nothing before the suffix); rename the file")
    return _Entry(stat, reasons)


def _link_reasons(path: str, real_root: str, is_dir: bool) -> list[str]:
    """Why a symlink is not followed: it resolves outside the articles folder (none otherwise)."""
    target = os.path.realpath(path)
    if target == real_root or target.startswith(real_root.rstrip(os.sep) + os.sep):
        return []
    what = "a folder" if is_dir else "a file"
    return [f"symlink to {what} outside the articles folder ({target}); not followed"]


def _file_kind(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    kinds = (
        (S_ISFIFO, "a named pipe"),
        (S_ISCHR, "a character device"),
        (S_ISBLK, "a block device"),
        (S_ISSOCK, "a socket"),
        (S_ISDIR, "a folder"),
    )
    return next((words for test, words in kinds if test(mode)), "not a regular file")


def _folder_entries(
    folder: str, visited: set[tuple[int, int]], problems: list[Problem]
) -> list[os.DirEntry[str]]:
    """A folder's entries sorted by name; none (and a problem) when it cannot be listed or was
    already scanned through a symlink."""
    try:
        info = os.stat(folder)
    except OSError as exc:
        problems.append(Problem(Path(folder), f"cannot open folder ({_os_reason(exc)})"))
        return []
    key = (info.st_dev, info.st_ino)
    if key in visited:
        problems.append(
            Problem(Path(folder), "symlink loop: this folder was already scanned; skipped")
        )
        return []
    visited.add(key)
    try:
        with os.scandir(folder) as listing:
            return sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        problems.append(Problem(Path(folder), f"cannot list folder ({_os_reason(exc)})"))
        return []


def _os_reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def infer_title(text: str) -> Titled:
    """A title from the cleaned text when the file gives none; returns (title, remaining text).

    A headline-like first paragraph is taken as the title (and removed from the body);
    otherwise the first sentence, shortened at a word boundary.
    """
    first, _, rest = text.partition("\n\n")
    first_line = first.split("\n", 1)[0]
    if len(first_line.split()) <= 25 and not re.search(r"[.!?]$", first_line) and rest:
        remaining = first.split("\n", 1)[1] + "\n\n" + rest if "\n" in first else rest
        return Titled(first_line, remaining)
    sentence = re.split(r"(?<=[.!?])\s", first_line, maxsplit=1)[0]
    return Titled(_shorten(sentence), text)


def _shorten(sentence: str) -> str:
    if len(sentence) <= _TITLE_MAX:
        return sentence
    cut = sentence[:_TITLE_MAX].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "\u2026"


class Read(NamedTuple):
    """One file read in full: the article (None when skipped), the debris its cleaning removed
    (each with its rule), and the problems."""

    article: Article | None
    removed: tuple[Removed, ...]
    problems: list[Problem]


def load_article(path: Path, root: Path | None = None) -> Loaded:
    """Read, decode and clean one article file; problems explain what was skipped or assumed."""
    article, _, problems = read_article(path, root)
    return Loaded(article, problems)


def removed_debris(article: Article) -> tuple[Removed, ...]:
    """What cleaning removed from an article's file, recomputed from the file (for audits)."""
    return read_article(article.path).removed


def read_article(path: Path, root: Path | None = None) -> Read:
    """`load_article` with the debris its cleaning removed."""
    path = Path(path)
    root = Path(root) if root is not None else path.parent
    try:
        if is_page(path.name):
            _check_regular(path)  # a page is read by `reader.corpus.html`
            fields, body, problems = _page_source(path)
        else:
            fields, body, problems = _text_source(path)
    except _Skipped as exc:
        return Read(None, (), [Problem(path, str(exc))])
    read = _article(path, root, fields, body)
    return read._replace(problems=_one_per_file([*problems, *read.problems]))


def _article(path: Path, root: Path, fields: dict[str, str], body: str) -> Read:
    """The article made of a file's fields and body (None, and a problem, without text)."""
    page = is_page(path.name) or fields.get("extracted") == "page"
    cleaned = (clean_page if page else clean)(body, fields.get("title"))
    text = cleaned.text
    if not text:
        reason = (
            "no article text"
            if not body.strip()
            else "no article text (only navigation and boilerplate lines)"
        )
        return Read(None, cleaned.removed, [Problem(path, reason)])
    title = fields.get("title")
    if not title:
        title, text = infer_title(text)
    outlet = fields.get("outlet")
    outlet = canonical_outlet(outlet) if outlet else infer_outlet(text, cleaned.removed)
    date, url = fields.get("date"), fields.get("url")
    digest = _digest(title, outlet, date, url, text)
    ident = article_id(path, root)
    article = Article(ident, path.resolve(), title, outlet, date, url, text, digest)
    return Read(article, cleaned.removed, [])


def _one_per_file(problems: list[Problem]) -> list[Problem]:
    """The problems of one file as one, with every reason (an error when any is one)."""
    if len(problems) < 2:
        return problems
    severity = "error" if any(p.severity == "error" for p in problems) else "warning"
    return [Problem(problems[0].path, "; ".join(p.reason for p in problems), severity)]


def _check_regular(path: Path) -> None:
    """Raise _Skipped unless path is a regular file (stat data only, nothing is opened)."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise _Skipped(f"cannot read ({_os_reason(exc)})") from exc
    if not S_ISREG(mode):
        raise _Skipped(f"not a regular file ({_file_kind(mode)}); not read")


class _Skipped(Exception):
    """A file that cannot be an article; the message is the reason."""


class _Source(NamedTuple):
    """A file's fields (title, outlet, date, url), its body before cleaning, and warnings."""

    fields: dict[str, str]
    body: str
    problems: list[Problem]


def _text_source(path: Path) -> _Source:
    """A text file split into front-matter fields and body; raises _Skipped."""
    raw, decode_warning = _read_text(path)
    problems = [Problem(path, decode_warning, "warning")] if decode_warning else []
    front, body, _ = split_front_matter(raw)
    fields: dict[str, str] = {}
    if front is not None:
        fields, warnings = parse_front_matter(front)
        problems += [Problem(path, w, "warning") for w in warnings]
    elif _UNCLOSED_FRONT.match(raw):
        reason = "front matter not closed (no '---' line after it): read as article text"
        problems.append(Problem(path, reason, "warning"))
    return _Source(fields, body, problems)


def _page_source(path: Path) -> _Source:
    """A saved web page's main text and metadata (`reader.corpus.html`); raises _Skipped."""
    try:
        page = read_page(path)
    except PageError as exc:
        raise _Skipped(str(exc)) from exc
    meta = {"title": page.title, "outlet": page.outlet, "date": page.date, "url": page.url}
    return _Source({k: v for k, v in meta.items() if v}, page.text, [])


def _read_text(path: Path) -> Decoded:
    """The decoded text of a file; raises _Skipped when it is too large, unreadable, empty,
    binary or not a regular file."""
    try:
        data = _regular_bytes(path, MAX_FILE_BYTES)
    except OSError as exc:
        raise _Skipped(f"cannot read ({_os_reason(exc)})") from exc
    if not data.strip():
        raise _Skipped("empty file")
    try:
        return decode(data)
    except ValueError as exc:
        raise _Skipped(str(exc)) from exc


def _regular_bytes(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; raises _Skipped for anything else.

    The file is opened without blocking (a named pipe never waits for a writer) and its type
    and size are checked on the open file, so a file swapped after the scan is caught too.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as stream:
        info = os.fstat(fd)
        if not S_ISREG(info.st_mode):
            raise _Skipped(f"not a regular file ({_file_kind(info.st_mode)}); not read")
        if info.st_size > limit:
            raise _Skipped(
                f"too large ({info.st_size // (1024 * 1024)} MB; the limit is "
                f"{limit // (1024 * 1024)} MB)"
            )
        return stream.read(limit + 1)[:limit]


def _digest(title: str, outlet: str | None, date: str | None, url: str | None, text: str) -> str:
    """A short digest of what the reader shows of an article, to notice changed files."""
    return hashlib.blake2b(
        "\x1f".join((title, outlet or "", date or "", url or "", text)).encode("utf-8"),
        digest_size=10,
    ).hexdigest()


def load_corpus(root: Path) -> Corpus:
    """Load every article below root; bad files become problems, the rest loads."""
    root = Path(root)
    corpus = Corpus(root)
    if not root.is_dir():
        corpus.problems.append(
            Problem(root, "articles folder not found" if not root.exists() else "not a folder")
        )
        return corpus
    files, corpus.problems = scan(root)
    for source in files:
        article, problems = load_article(source.path, root)
        corpus.problems += problems
        if article is not None:
            corpus.articles.append(article)
    return corpus


def find_article(ref: str, root: Path) -> Article:
    """The article a user names: a path to an article file, or an id in the corpus at root."""
    candidate = Path(ref).expanduser()
    if candidate.is_file():
        resolved_root = Path(root).resolve()
        inside = resolved_root in candidate.resolve().parents
        return _found(load_article(candidate, resolved_root if inside else candidate.parent))
    ident = ref.strip().lower()
    root = Path(root)
    for suffix in SUFFIXES:
        for name in (ident + suffix, ref + suffix):
            path = root / name
            if path.is_file() and article_id(path, root) == ident and _inside(path, root):
                return _found(load_article(path, root))
    files, _ = scan(root)
    ids = {source.id: source for source in files}
    if ident in ids:
        return _found(load_article(ids[ident].path, root))
    close = difflib.get_close_matches(ident, list(ids), n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    message = f"no article '{ref}' in {root} (not a file and not an article id){hint}"
    raise ArticleNotFound(sanitise(message))  # file names may hold escape sequences


def _inside(path: Path, root: Path) -> bool:
    """Whether path, once its links are resolved, lies inside the folder root."""
    return not _link_reasons(str(path), os.path.realpath(root), False)


def _found(loaded: Loaded) -> Article:
    """The article loaded, or ArticleNotFound saying why the file is not one."""
    if loaded.article is None:
        raise ArticleNotFound(sanitise("; ".join(str(p) for p in loaded.problems)))
    return loaded.article
