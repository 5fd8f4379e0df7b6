"""Cleaning: scraped article text into clean, readable paragraphs.

The cleaned text is what the article pane shows and what every offset in the reader refers to.
Cleaning removes control characters (so article text can never drive the terminal), normalises
Unicode spacing, removes scraping debris with the rules in `data/boilerplate.yaml` (extendable by
the user) and keeps paragraphs separated by one blank line. Line rules remove a line that is
debris from end to end; span rules remove the debris inside a line (a credit, a promo, a
link-out) and keep the prose around it; a few layout heuristics remove short headline-like lines
among debris and at the end. Every removal is recorded with the name of its rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from reader.config import ConfigError, load_table, shipped_table, table_cache
from reader.corpus.patterns import backtracking_risk
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
_WORD = re.compile(r"\w")


class Removed(NamedTuple):
    """Debris removed from an article (a whole line or a span inside one) and its rule's name."""

    rule: str
    text: str


@dataclass(frozen=True, slots=True)
class Cleaned:
    """The cleaned text and the debris removed from it, in reading order, each with its rule."""

    text: str
    removed: tuple[Removed, ...]


class _Rule(NamedTuple):
    name: str
    pattern: re.Pattern[str]


class Span(NamedTuple):
    """Where a span rule matched in a line, and the rule's name."""

    start: int
    end: int
    rule: str


@dataclass(frozen=True, slots=True)
class _Rules:
    line_rules: tuple[_Rule, ...]
    span_rules: tuple[_Rule, ...]
    short_line_words: int
    tail_line_words: int


@table_cache
def _rules() -> _Rules:
    table = load_table("boilerplate")
    shipped = shipped_table("boilerplate")
    return _Rules(
        _compile(table.get("line_rules") or {}, shipped.get("line_rules") or {}),
        _compile(table.get("span_rules") or {}, shipped.get("span_rules") or {}),
        int(table.get("short_line_words", 5)),
        int(table.get("tail_line_words", 14)),
    )


def check_rules() -> None:
    """Compile the cleaning rules now: raises ConfigError naming a user's rule that is invalid
    or refused, before any file is read (so a command can stop with the reason)."""
    _rules()


def _compile(rules: dict[str, list[str]], shipped: dict[str, list[str]]) -> tuple[_Rule, ...]:
    """Compiled rules in table order; ConfigError names a rule whose pattern is invalid, or a
    user's pattern that could backtrack catastrophically (`reader.corpus.patterns`)."""
    compiled: list[_Rule] = []
    for name, patterns in rules.items():
        for pattern in patterns or ():
            try:
                if pattern not in (shipped.get(name) or ()) and (
                    risk := backtracking_risk(pattern)
                ):
                    raise ConfigError(
                        f"boilerplate.yaml: rule {name!r}: pattern {pattern[:80]!r} refused: it "
                        f"has {risk}, which can take exponential time; write it without the "
                        "nesting, or make the group atomic: (?>...)"
                    )
                compiled.append(_Rule(str(name), _compiled(pattern)))
            except (re.error, TypeError) as exc:
                raise ConfigError(
                    f"boilerplate.yaml: rule {name!r} has an invalid pattern {pattern!r} ({exc})"
                ) from exc
    return tuple(compiled)


def _compiled(pattern: str) -> re.Pattern[str]:
    """A rule's pattern, case-insensitive unless `(?-i:...)` wraps all of it: such a pattern is
    compiled without flags, which lets the regex engine skip ahead to its first literal."""
    if pattern.startswith("(?-i:") and pattern.endswith(")"):
        try:
            return re.compile(pattern[5:-1])  # fails unless the group spans the pattern
        except re.error:
            pass
    return re.compile(pattern, re.IGNORECASE)


def sanitise(text: str) -> str:
    """Remove control characters and normalise spacing inside one line of metadata."""
    flat = text.translate(_TRANSLATE).replace("\r", " ").replace("\n", " ")
    return _MULTISPACE.sub(" ", flat).strip()


def normalise_lines(raw: str) -> list[str]:
    """Split raw text into lines with control characters removed and spacing normalised."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").translate(_TRANSLATE)
    return [_MULTISPACE.sub(" ", line).strip() for line in text.split("\n")]


def debris_rule(line: str) -> str | None:
    """The name of the line rule a whole line matches (the line is debris), or None."""
    folded = fold_marks(line)
    for rule in _rules().line_rules:
        if rule.pattern.search(folded):
            return rule.name
    return None


def debris_spans(line: str) -> list[Span]:
    """The debris spans of one line the span rules find, in order, never overlapping (an earlier
    rule wins over a later one)."""
    folded = fold_marks(line)
    found: list[Span] = []
    for rule in _rules().span_rules:
        for match in rule.pattern.finditer(folded):
            start, end = match.span()
            if end > start and all(end <= s.start or start >= s.end for s in found):
                found.append(Span(start, end, rule.name))
    return sorted(found)


def strip_spans(line: str, spans: list[Span]) -> str:
    """The line without the spans, spacing and punctuation tidied where the spans were."""
    kept = ""
    pos = 0
    for span in [*spans, Span(len(line), len(line), "")]:
        kept = _join(kept, line[pos : span.start])
        pos = span.end
    return kept


def _join(left: str, right: str) -> str:
    left, right = left.rstrip(), right.lstrip()
    if not left:
        return right.lstrip(".,;:| ")
    if not right:
        return left
    return left + ("" if right[0] in ".,;:!?)" else " ") + right


def clean(raw: str, title: str | None = None) -> Cleaned:
    """Clean one article body.

    `title`, when known, lets the cleaner drop a repeat of the headline at the top of the body.
    """
    rules = _rules()
    lines = normalise_lines(raw)
    # kept[i]: what is left of line i once span rules took their debris out (spans[i]);
    # verdict[i]: the rule that makes the line debris, or None for a line that stays.
    kept = list(lines)
    verdict: list[str | None] = [None] * len(lines)
    spans: list[list[Removed]] = [[] for _ in lines]
    for i, line in enumerate(lines):
        if line:
            verdict[i] = debris_rule(line)
            if verdict[i] is None:
                kept[i], spans[i] = _without_spans(line)
                if spans[i] and not _WORD.search(kept[i]):
                    verdict[i] = spans[i][0].rule
    if title:
        _mark_headline(kept, verdict, title)
    content = [i for i, line in enumerate(lines) if line]
    _mark_navigation(kept, verdict, content, rules.short_line_words)
    _mark_related_links(kept, verdict, content, rules.tail_line_words)
    removed: list[Removed] = []
    for i in content:
        removed += spans[i]
        rule = verdict[i]
        if rule is not None and _WORD.search(kept[i]):
            removed.append(Removed(rule, kept[i]))
    return Cleaned(_paragraphs(lines, kept, verdict), tuple(removed))


def _without_spans(line: str) -> tuple[str, list[Removed]]:
    """A line without its debris spans, and the spans removed."""
    found = debris_spans(line)
    if not found:
        return line, []
    removed = [Removed(span.rule, line[span.start : span.end].strip()) for span in found]
    return strip_spans(line, found), removed


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


def _paragraphs(lines: list[str], kept: list[str], verdict: list[str | None]) -> str:
    """What stays of the lines, in paragraphs separated by one blank line."""
    paragraphs: list[list[str]] = [[]]
    for i, line in enumerate(lines):
        if not line:
            if paragraphs[-1]:
                paragraphs.append([])
        elif verdict[i] is None:
            paragraphs[-1].append(kept[i])
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
