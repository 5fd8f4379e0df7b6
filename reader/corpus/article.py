"""The corpus model: articles, problems, the corpus, scanned source files and article ids."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

UNKNOWN_OUTLET = "Unknown outlet"
"""How an article without a known outlet is labelled wherever outlets are shown."""


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
        """The outlet for display: its name, or `UNKNOWN_OUTLET`."""
        return self.outlet or UNKNOWN_OUTLET


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


_SPACE_RUN = re.compile(r"\s+")
# What an id never holds: controls (escape sequences), bidirectional controls, and the lone
# surrogates Python uses for the bytes of a file name that are not UTF-8.
_UNPRINTABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def article_id(path: Path, root: Path) -> str:
    """The stable, readable id of an article file: its path below the root, without suffix."""
    try:
        rel = path.relative_to(root)
    except ValueError:
        rel = Path(path.name)
    return rel_id(rel.as_posix())


def rel_id(rel: str) -> str:
    """The id of a file from its `/`-separated path below the root: no suffix (`.html.gz` as
    one), dashes, lower."""
    if rel.lower().endswith(".gz"):
        rel = rel[:-3]
    stem = rel[: rel.rfind(".")] if "." in rel.rsplit("/", 1)[-1] else rel
    stem = _UNPRINTABLE.sub(_printable, stem)
    return _SPACE_RUN.sub("-", stem.strip()).lower()


def _printable(match: re.Match[str]) -> str:
    """A byte of a file name that is not UTF-8 (a lone surrogate) as U+FFFD; a control or
    bidirectional character as nothing."""
    return "\ufffd" if "\ud800" <= match.group() <= "\udfff" else ""
