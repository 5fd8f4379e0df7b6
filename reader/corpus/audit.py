"""An article as the reader uses it, and what cleaning removed from it, for `reader show`.

Everything printed comes from a file the user may not trust: one-line fields are sanitised and
the text keeps only its line breaks, so nothing printed can drive the terminal (escape
sequences, bidirectional overrides such as U+202E). JSON output keeps the values exact but
writes those characters as `\\uXXXX` escapes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from reader.corpus.article import UNKNOWN_OUTLET, Article
from reader.corpus.cleaning import Removed, sanitise
from reader.terminal import terminal_safe


def article_record(article: Article, removed: Sequence[Removed]) -> dict[str, Any]:
    """The article as a JSON-ready mapping: id, title, outlet, date, url, text, removed."""
    return {
        "id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "date": article.date,
        "url": article.url,
        "text": article.text,
        "removed": [{"text": r.text, "rule": r.rule} for r in removed],
    }


def article_json(article: Article, removed: Sequence[Removed]) -> str:
    """`article_record` as indented JSON that is safe to print to a terminal."""
    text = json.dumps(article_record(article, removed), ensure_ascii=False, indent=2)
    return terminal_safe(text)  # JSON leaves C1, bidirectional controls and others as they are


def format_article(article: Article, removed: Sequence[Removed] | None = None) -> str:
    """The article for a terminal: its fields, its text, and (when given) every removed span
    with the rule that removed it."""
    lines = [
        sanitise(article.title),
        " \u00b7 ".join(
            sanitise(part)
            for part in (article.outlet or UNKNOWN_OUTLET, article.date or "undated", article.id)
        ),
    ]
    if article.url:
        lines.append(sanitise(article.url))
    lines += ["", printable(article.text)]
    if removed is not None:
        lines += ["", f"Removed by cleaning ({len(removed)}):"]
        lines += [f"  [{sanitise(r.rule)}] {sanitise(r.text)}" for r in removed]
    return "\n".join(lines)


def printable(text: str) -> str:
    """Text with its line breaks and nothing a terminal would obey."""
    return "\n".join(sanitise(line) for line in text.split("\n"))
