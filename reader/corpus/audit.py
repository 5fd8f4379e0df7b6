"""An article as the reader uses it, and what cleaning removed from it, for `reader show`.

Everything printed comes from a file the user may not trust: one-line fields are sanitised and
the text keeps only its line breaks, so nothing printed can drive the terminal (escape
sequences, bidirectional overrides such as U+202E). JSON output keeps the values exact but
writes those characters as `\\uXXXX` escapes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from reader.corpus.article import UNKNOWN_OUTLET, Article
from reader.corpus.cleaning import Removed, sanitise

# Characters JSON leaves as they are but a terminal obeys: DEL, C1 controls, bidirectional
# marks, embeddings, overrides and isolates, line and paragraph separators.
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


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
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


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
