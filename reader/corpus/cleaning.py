"""Cleaning: scraped article text into clean, readable paragraphs.

The cleaned text is what the article pane shows and what every offset in the reader refers to.
Cleaning removes control characters (so article text can never drive the terminal), normalises
Unicode spacing, removes scraping debris line by line with the rules in `data/boilerplate.yaml`
(extendable by the user), and keeps paragraphs separated by one blank line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from reader.config import ConfigError, load_table, table_cache
from reader.text import fold_marks

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
_MULTISPACE = re.compile(r" {2,}")
_SENTENCE_END = re.compile(r"""[.!?:;\u2026]["'\u201d\u2019)]*$""")
_LIST_MARKER = re.compile(r"^([-*\u2022]|\d+[.)]) ")


class Removed(NamedTuple):
    """A debris line removed from an article, and the name of the rule that removed it."""

    rule: str
    line: str


@dataclass(frozen=True, slots=True)
class Cleaned:
    """The cleaned text and the debris lines removed from it (with the rule that removed each)."""

    text: str
    removed: tuple[Removed, ...]


class _LineRule(NamedTuple):
    name: str
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class _Rules:
    line_rules: tuple[_LineRule, ...]
    short_line_words: int
    tail_line_words: int


@table_cache
def _rules() -> _Rules:
    table = load_table("boilerplate")
    compiled: list[_LineRule] = []
    for name, patterns in (table.get("line_rules") or {}).items():
        for pattern in patterns or ():
            try:
                compiled.append(_LineRule(str(name), re.compile(pattern, re.IGNORECASE)))
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


def debris_rule(line: str) -> str | None:
    """The name of the boilerplate rule a single line matches, or None."""
    folded = fold_marks(line)
    for rule in _rules().line_rules:
        if rule.pattern.search(folded):
            return rule.name
    return None


def clean(raw: str, title: str | None = None) -> Cleaned:
    """Clean one article body.

    `title`, when known, lets the cleaner drop a repeat of the headline at the top of the body.
    """
    rules = _rules()
    lines = normalise_lines(raw)
    # verdict[i]: the rule that makes line i debris, or None for a line that stays.
    verdict: list[str | None] = [debris_rule(line) if line else None for line in lines]
    if title:
        _mark_headline(lines, verdict, title)
    content = [i for i, line in enumerate(lines) if line]
    _mark_navigation(lines, verdict, content, rules.short_line_words)
    _mark_related_links(lines, verdict, content, rules.tail_line_words)
    removed = tuple(Removed(rule, lines[i]) for i in content if (rule := verdict[i]) is not None)
    return Cleaned(_paragraphs(lines, verdict), removed)


def _mark_headline(lines: list[str], verdict: list[str | None], title: str) -> None:
    """The first line that stays, near the top, is debris when it repeats the title."""
    wanted = fold_marks(title).casefold()
    for i, line in enumerate(lines[:12]):
        if line and verdict[i] is None:
            if fold_marks(line).casefold() == wanted:
                verdict[i] = "headline"
            break


def _mark_navigation(
    lines: list[str], verdict: list[str | None], content: list[int], max_words: int
) -> None:
    """Short headline-like lines between debris lines are debris (section names, link lists)."""

    def is_debris(pos: int) -> bool:
        return pos < 0 or pos >= len(content) or verdict[content[pos]] is not None

    changed = True
    while changed:
        changed = False
        for pos, i in enumerate(content):
            if (
                verdict[i] is None
                and _headline_like(lines[i], max_words)
                and is_debris(pos - 1)
                and is_debris(pos + 1)
            ):
                verdict[i] = "navigation"
                changed = True


def _mark_related_links(
    lines: list[str], verdict: list[str | None], content: list[int], max_words: int
) -> None:
    """Headline-like lines closing the article are related links or tags."""
    for i in reversed(content):
        if verdict[i] is not None:
            continue
        if not _headline_like(lines[i], max_words):
            break
        verdict[i] = "related_links"


def _headline_like(line: str, max_words: int) -> bool:
    return (
        bool(line)
        and len(line.split()) <= max_words
        and not _SENTENCE_END.search(line)
        and not _LIST_MARKER.match(line)
    )


def _paragraphs(lines: list[str], verdict: list[str | None]) -> str:
    """The lines that stay, in paragraphs separated by one blank line."""
    paragraphs: list[list[str]] = [[]]
    for i, line in enumerate(lines):
        if not line:
            if paragraphs[-1]:
                paragraphs.append([])
        elif verdict[i] is None:
            paragraphs[-1].append(line)
    return "\n\n".join(_join_block(block) for block in paragraphs if block)


def _join_block(block: list[str]) -> str:
    """Reflow a hard-wrapped prose paragraph into one line; keep other blocks line by line."""
    if (
        len(block) > 1
        and all(len(line) >= 40 for line in block[:-1])
        and not any(_LIST_MARKER.match(line) for line in block)
    ):
        return " ".join(block)
    return "\n".join(block)
