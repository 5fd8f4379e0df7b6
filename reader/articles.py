"""Articles: the model, reading files safely, front matter, ids, and loading a corpus.

A corpus is a folder tree of `.txt` and `.md` files, each an article with or without YAML front
matter (`title`, `outlet`, `date`, `url`). Bad files are reported as `Problem`s (file and reason)
and the rest of the corpus loads. Nothing in the articles folder is ever written.
"""

from __future__ import annotations

import codecs
import datetime as dt
import difflib
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from reader.cleaning import clean, fold, sanitise
from reader.config import load_table, table_cache

SUFFIXES = (".txt", ".md")
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_FRONT_MATTER = 64 * 1024
_TITLE_MAX = 90


@dataclass(frozen=True, slots=True)
class Article:
    """One article. `text` is the cleaned body that every offset in the reader refers to."""

    id: str
    path: Path
    title: str
    outlet: str | None
    date: str | None
    url: str | None
    text: str
    digest: str

    @property
    def outlet_label(self) -> str:
        """The outlet for display: its name, or "Unknown outlet"."""
        return self.outlet or "Unknown outlet"


@dataclass(frozen=True, slots=True)
class Problem:
    """A file the reader skipped ("error") or loaded with a caveat ("warning")."""

    path: Path
    reason: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(slots=True)
class Corpus:
    """The articles of a folder and the problems found while loading it."""

    root: Path
    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def by_id(self) -> dict[str, Article]:
        """Articles keyed by id."""
        return {article.id: article for article in self.articles}


class ArticleNotFound(LookupError):
    """No article matches what the user named; the message says what was tried."""


@dataclass(frozen=True, slots=True)
class SourceFile:
    """An article file found by scanning, with the stat data used to detect changes."""

    root: Path
    rel: str
    id: str
    mtime_ns: int
    size: int

    @property
    def path(self) -> Path:
        """The file's path (below the corpus root)."""
        return self.root / self.rel


# ---------------------------------------------------------------------------- ids and scanning

_SPACE_RUN = re.compile(r"\s+")


def article_id(path: Path, root: Path) -> str:
    """The stable, readable id of an article file: its path below the root, without suffix."""
    try:
        rel = path.relative_to(root)
    except ValueError:
        rel = Path(path.name)
    return _id_of(rel.as_posix())


def _id_of(rel: str) -> str:
    stem = rel[: rel.rfind(".")] if "." in rel.rsplit("/", 1)[-1] else rel
    return _SPACE_RUN.sub("-", stem.strip()).lower()


def scan(root: Path) -> tuple[list[SourceFile], list[Problem]]:
    """Find the article files below root by their names and stat data only (no reading).

    Hidden files and folders are skipped; symlinks are followed once, loops are reported;
    a second file with the same id is reported as a duplicate. Plain strings and `os.scandir`
    keep it fast: the start-up check of a 50,000-article corpus runs it.
    """
    root = Path(root)
    files: list[SourceFile] = []
    problems: list[Problem] = []
    seen_ids: dict[str, str] = {}
    visited: set[tuple[int, int]] = set()
    stack = [("", str(root))]
    while stack:
        rel_folder, folder = stack.pop()
        try:
            info = os.stat(folder)
        except OSError as exc:
            problems.append(Problem(Path(folder), f"cannot open folder ({_os_reason(exc)})"))
            continue
        key = (info.st_dev, info.st_ino)
        if key in visited:
            problems.append(
                Problem(Path(folder), "symlink loop: this folder was already scanned; skipped")
            )
            continue
        visited.add(key)
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            problems.append(Problem(Path(folder), f"cannot list folder ({_os_reason(exc)})"))
            continue
        subfolders = []
        for entry in entries:
            name = entry.name
            if name[0] == ".":
                continue
            try:
                if entry.is_dir():
                    subfolders.append((f"{rel_folder}{name}/", entry.path))
                    continue
                if not name.lower().endswith(SUFFIXES):
                    continue
                stat = entry.stat()
            except OSError as exc:
                reason = (
                    f"broken or looping symlink ({_os_reason(exc)})"
                    if entry.is_symlink()
                    else f"cannot read file information ({_os_reason(exc)})"
                )
                problems.append(Problem(Path(entry.path), reason))
                continue
            rel = rel_folder + name
            ident = _id_of(rel)
            if ident in seen_ids:
                problems.append(
                    Problem(
                        Path(entry.path),
                        f"duplicate id '{ident}' (already used by {seen_ids[ident]}); file skipped",
                    )
                )
                continue
            seen_ids[ident] = rel
            files.append(SourceFile(root, rel, ident, stat.st_mtime_ns, stat.st_size))
        stack.extend(reversed(subfolders))
    return files, problems


def _os_reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


# ---------------------------------------------------------------------------- reading one file


_DECLARED = re.compile(rb"(?:encoding|charset|coding)\s*[:=]\s*[\"']?([A-Za-z0-9_.:-]+)")


def decode(data: bytes) -> tuple[str, str | None]:
    """Decode file bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else a declared or
    common fallback. Returns the text and a warning when a fallback was used.

    Raises ValueError for binary data.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError as exc:
            raise ValueError("starts with a UTF-16 mark but is not UTF-16 text") from exc
    head = data[:8192]
    if b"\x00" in head or _control_ratio(head) > 0.1:
        raise ValueError("binary file, not text")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        bad_at = exc.start
    declared = _DECLARED.search(data[:2048])
    if declared:
        name = declared.group(1).decode("ascii")
        try:
            return data.decode(name), f"not valid UTF-8 (byte {bad_at}); decoded as declared {name}"
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("cp1252"), f"not valid UTF-8 (byte {bad_at}); decoded as Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), f"not valid UTF-8 (byte {bad_at}); decoded as Latin-1"


def _control_ratio(data: bytes) -> float:
    if not data:
        return 0.0
    controls = sum(1 for b in data if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(data)


class _NoAliasLoader(yaml.SafeLoader):
    """A safe loader that also refuses anchors and aliases (no "billion laughs")."""

    def compose_node(self, parent, index):  # noqa: ANN001 - PyYAML's signature
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "aliases are not allowed", event.start_mark
            )
        return super().compose_node(parent, index)


_FRONT = re.compile(r"\A---[ \t]*\n(.*?)^(?:---|\.\.\.)[ \t]*$\n?", re.S | re.M)


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Split `---` front matter from the body: (front matter or None, body, body line offset)."""
    if not text.startswith("---"):
        return None, text, 0
    match = _FRONT.match(text)
    if not match:
        return None, text, 0
    return match.group(1), text[match.end() :], match.group(0).count("\n")


def parse_front_matter(front: str) -> tuple[dict[str, str], list[str]]:
    """Read the known fields of front matter safely; return them and warnings."""
    if len(front) > MAX_FRONT_MATTER:
        return {}, [f"front matter ignored: longer than {MAX_FRONT_MATTER // 1024} KB"]
    try:
        data = yaml.load(front, Loader=_NoAliasLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        return {}, [f"front matter ignored: {problem}{where}"]
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return {}, ["front matter ignored: expected 'key: value' lines"]
    fields: dict[str, str] = {}
    warnings: list[str] = []
    for key in ("title", "outlet", "source", "url"):
        value = data.get(key)
        if value is None:
            continue
        if not isinstance(value, str | int | float):
            warnings.append(f"front matter '{key}' ignored: not text")
            continue
        cleaned = sanitise(str(value))[:500]
        if cleaned:
            fields["outlet" if key == "source" else key] = cleaned
    if "url" in fields and not re.match(r"https?://\S+$", fields["url"]):
        bad_url = fields.pop("url")
        warnings.append(f"front matter 'url' ignored: not an http(s) address: {bad_url!r}")
    if "date" in data and data["date"] is not None:
        date = normalise_date(data["date"])
        if date:
            fields["date"] = date
        else:
            warnings.append(f"front matter 'date' ignored: not a date: {str(data['date'])[:40]!r}")
    return fields, warnings


def normalise_date(value: object) -> str | None:
    """An ISO date prefix ("YYYY", "YYYY-MM" or "YYYY-MM-DD") from a YAML value, or None."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and 1000 <= value <= 9999:
        return str(value)
    if not isinstance(value, str):
        return None
    match = re.fullmatch(r"\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?\s*", value)
    if not match:
        return None
    year, month, day = match.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    return "-".join(part for part in (year, month, day) if part)


# ---------------------------------------------------------------------------- inference


@table_cache
def _outlet_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for outlet in load_table("outlets").get("outlets") or []:
        name = str(outlet["name"])
        for alias in [name, *(outlet.get("aliases") or [])]:
            names[fold(str(alias)).casefold()] = name
    return names


def canonical_outlet(name: str) -> str:
    """The outlet's display name from the outlets table, or the name as written."""
    name = sanitise(name)
    return _outlet_names().get(fold(name).casefold(), name)


_DATELINE = re.compile(
    r"^[A-Z][A-Z .,'-]{1,40}(?:, [A-Z][a-z.]+)? \(([A-Za-z][\w .&-]{1,40})\) ?[-\u2013\u2014]"
)
_SIGN_OFF = re.compile(r"^([\w .&'-]{2,40}?) (?:and|with|/) agencies\.?$", re.I)
_POSSESSIVE_HOUSE = re.compile(r"^([A-Z][\w .&-]{1,40}?)['\u2019]s? (?:website|newsletters?|app)\b")
_LEADING_HOUSE = re.compile(r"^([A-Z][\w .&-]{1,40}?) (?:delivers|brings you|is an?)\b")


def infer_outlet(text: str, removed: tuple[tuple[str, str], ...]) -> str | None:
    """The outlet as the text tells it: a dateline ("MOSCOW (Sputnik) –"), a sign-off
    ("TRTWorld and agencies") or a publisher line; None when the text does not say."""
    for paragraph in text.split("\n\n")[:4]:
        match = _DATELINE.match(paragraph)
        if match:
            return canonical_outlet(match.group(1))
    known = _outlet_names()
    for rule, line in removed:
        if rule not in ("sign_offs", "publisher", "promotion"):
            continue
        for pattern in (_SIGN_OFF, _POSSESSIVE_HOUSE, _LEADING_HOUSE):
            match = pattern.match(fold(line))
            if match and (rule == "sign_offs" or fold(match.group(1)).casefold() in known):
                return canonical_outlet(match.group(1))
    return None


def infer_title(text: str) -> tuple[str, str]:
    """A title from the cleaned text when the file gives none; returns (title, remaining text).

    A headline-like first paragraph is taken as the title (and removed from the body);
    otherwise the first sentence, shortened at a word boundary.
    """
    first, _, rest = text.partition("\n\n")
    first_line = first.split("\n", 1)[0]
    if len(first_line.split()) <= 25 and not re.search(r"[.!?]$", first_line) and rest:
        remaining = first.split("\n", 1)[1] + "\n\n" + rest if "\n" in first else rest
        return first_line, remaining
    sentence = re.split(r"(?<=[.!?])\s", first_line, maxsplit=1)[0]
    return _shorten(sentence), text


def _shorten(sentence: str) -> str:
    if len(sentence) <= _TITLE_MAX:
        return sentence
    cut = sentence[:_TITLE_MAX].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "\u2026"


# ---------------------------------------------------------------------------- loading


def load_article(path: Path, root: Path | None = None) -> tuple[Article | None, list[Problem]]:
    """Read, decode and clean one article file; problems explain what was skipped or assumed."""
    path = Path(path)
    root = Path(root) if root is not None else path.parent
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [
                Problem(
                    path,
                    f"too large ({size // (1024 * 1024)} MB; the limit is "
                    f"{MAX_FILE_BYTES // (1024 * 1024)} MB)",
                )
            ]
        data = path.read_bytes()
    except OSError as exc:
        return None, [Problem(path, f"cannot read ({_os_reason(exc)})")]
    if not data.strip():
        return None, [Problem(path, "empty file")]
    try:
        raw, decode_warning = decode(data)
    except ValueError as exc:
        return None, [Problem(path, str(exc))]
    problems = [Problem(path, decode_warning, "warning")] if decode_warning else []
    front, body, _ = split_front_matter(raw)
    fields: dict[str, str] = {}
    if front is not None:
        fields, warnings = parse_front_matter(front)
        problems += [Problem(path, w, "warning") for w in warnings]
    cleaned = clean(body, fields.get("title"))
    text = cleaned.text
    if not text:
        reason = (
            "no article text"
            if not body.strip()
            else "no article text (only navigation and boilerplate lines)"
        )
        return None, [*problems, Problem(path, reason)]
    title = fields.get("title")
    if not title:
        title, text = infer_title(text)
    outlet = fields.get("outlet")
    outlet = canonical_outlet(outlet) if outlet else infer_outlet(text, cleaned.removed)
    date, url = fields.get("date"), fields.get("url")
    digest = hashlib.blake2b(
        "\x1f".join((title, outlet or "", date or "", url or "", text)).encode("utf-8"),
        digest_size=10,
    ).hexdigest()
    ident = article_id(path, root)
    return Article(ident, path.resolve(), title, outlet, date, url, text, digest), problems


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
        article, problems = load_article(candidate, resolved_root if inside else candidate.parent)
        if article is None:
            raise ArticleNotFound("; ".join(str(p) for p in problems))
        return article
    ident = ref.strip().lower()
    root = Path(root)
    for suffix in SUFFIXES:
        for name in (ident + suffix, ref + suffix):
            path = root / name
            if path.is_file() and article_id(path, root) == ident:
                article, problems = load_article(path, root)
                if article is None:
                    raise ArticleNotFound("; ".join(str(p) for p in problems))
                return article
    files, _ = scan(root)
    ids = {source.id: source for source in files}
    if ident in ids:
        article, problems = load_article(ids[ident].path, root)
        if article is not None:
            return article
        raise ArticleNotFound("; ".join(str(p) for p in problems))
    close = difflib.get_close_matches(ident, list(ids), n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise ArticleNotFound(f"no article '{ref}' in {root} (not a file and not an article id){hint}")
