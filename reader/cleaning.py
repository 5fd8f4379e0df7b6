"""Turn scraped article text into clean, readable paragraphs.

The cleaned text is what the article pane shows and what every offset in the reader refers to.
Cleaning removes control characters (so article text can never drive the terminal), normalises
Unicode spacing, removes scraping debris line by line with the rules in `data/boilerplate.yaml`
(extendable by the user), and keeps paragraphs separated by one blank line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.config import ConfigError, load_table, table_cache

# Spacing characters that become a plain space; characters that are dropped.
_SPACES = "\u00a0\u1680\u202f\u205f\u3000\t\v\f" + "".join(map(chr, range(0x2000, 0x200B)))
_DROPPED = (
    [chr(c) for c in range(0x00, 0x20) if chr(c) not in "\n\t\v\f\r"]
    + [chr(0x7F)]
    + [chr(c) for c in range(0x80, 0xA0)]
    + ["\u00ad", "\u200b", "\u2060", "\ufeff"]
    + ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
)
_TRANSLATE = {ord(c): " " for c in _SPACES} | {ord(c): None for c in _DROPPED}
_TRANSLATE |= {ord("\u2028"): "\n", ord("\u2029"): "\n\n"}
_FOLD_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u201e": '"',
        "\u2013": "-",
        "\u2014": "-",
    }
)
_MULTISPACE = re.compile(r" {2,}")
_SENTENCE_END = re.compile(r"""[.!?:;\u2026]["'\u201d\u2019)]*$""")
_LIST_MARKER = re.compile(r"^([-*\u2022]|\d+[.)]) ")


@dataclass(frozen=True, slots=True)
class Cleaned:
    """The cleaned text and the debris lines removed from it (with the rule that removed each)."""

    text: str
    removed: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class _Rules:
    line_rules: tuple[tuple[str, re.Pattern[str]], ...]
    short_line_words: int
    tail_line_words: int


@table_cache
def _rules() -> _Rules:
    table = load_table("boilerplate")
    compiled: list[tuple[str, re.Pattern[str]]] = []
    for name, patterns in (table.get("line_rules") or {}).items():
        for pattern in patterns or ():
            try:
                compiled.append((str(name), re.compile(pattern, re.IGNORECASE)))
            except (re.error, TypeError) as exc:
                raise ConfigError(
                    f"boilerplate.yaml: rule {name!r} has an invalid pattern {pattern!r} ({exc})"
                ) from exc
    return _Rules(
        tuple(compiled),
        int(table.get("short_line_words", 5)),
        int(table.get("tail_line_words", 14)),
    )


def sanitise(text: str) -> str:
    """Remove control characters and normalise spacing inside one line of metadata."""
    flat = text.translate(_TRANSLATE).replace("\r", " ").replace("\n", " ")
    return _MULTISPACE.sub(" ", flat).strip()


def normalise_lines(raw: str) -> list[str]:
    """Split raw text into lines with control characters removed and spacing normalised."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").translate(_TRANSLATE)
    return [_MULTISPACE.sub(" ", line).strip() for line in text.split("\n")]


def fold(line: str) -> str:
    """A line with curly quotes and dashes folded to ASCII, for matching rules and titles."""
    return line.translate(_FOLD_QUOTES)


def debris_rule(line: str) -> str | None:
    """The name of the boilerplate rule a single line matches, or None."""
    folded = fold(line)
    for name, pattern in _rules().line_rules:
        if pattern.search(folded):
            return name
    return None


def _headline_like(line: str, max_words: int) -> bool:
    return (
        bool(line)
        and len(line.split()) <= max_words
        and not _SENTENCE_END.search(line)
        and not _LIST_MARKER.match(line)
    )


def clean(raw: str, title: str | None = None) -> Cleaned:
    """Clean one article body.

    `title`, when known, lets the cleaner drop a repeat of the headline at the top of the body.
    """
    rules = _rules()
    lines = normalise_lines(raw)
    verdict: list[str | None] = [debris_rule(line) if line else None for line in lines]

    if title:
        wanted = fold(title).casefold()
        for i, line in enumerate(lines[:12]):
            if line and verdict[i] is None:
                if fold(line).casefold() == wanted:
                    verdict[i] = "headline"
                break

    content = [i for i, line in enumerate(lines) if line]

    def is_debris(pos: int) -> bool:
        return pos < 0 or pos >= len(content) or verdict[content[pos]] is not None

    # Short headline-like lines between debris lines are debris (section names, link lists).
    changed = True
    while changed:
        changed = False
        for pos, i in enumerate(content):
            if (
                verdict[i] is None
                and _headline_like(lines[i], rules.short_line_words)
                and is_debris(pos - 1)
                and is_debris(pos + 1)
            ):
                verdict[i] = "navigation"
                changed = True

    # Headline-like lines closing the article are related links or tags.
    for i in reversed(content):
        if verdict[i] is not None:
            continue
        if not _headline_like(lines[i], rules.tail_line_words):
            break
        verdict[i] = "related_links"

    removed = tuple((verdict[i], lines[i]) for i in content if verdict[i] is not None)
    paragraphs: list[list[str]] = [[]]
    for i, line in enumerate(lines):
        if not line:
            if paragraphs[-1]:
                paragraphs.append([])
        elif verdict[i] is None:
            paragraphs[-1].append(line)
    text = "\n\n".join(_join_block(block) for block in paragraphs if block)
    return Cleaned(text, removed)


def _join_block(block: list[str]) -> str:
    """Reflow a hard-wrapped prose paragraph into one line; keep other blocks line by line."""
    if (
        len(block) > 1
        and all(len(line) >= 40 for line in block[:-1])
        and not any(_LIST_MARKER.match(line) for line in block)
    ):
        return " ".join(block)
    return "\n".join(block)
