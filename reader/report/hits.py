"""Search hits as `reader search` prints them: text for a terminal, JSON and CSV."""

from __future__ import annotations

import json
import os
import sys
from typing import TYPE_CHECKING

from reader.corpus import UNKNOWN_OUTLET
from reader.terminal import terminal_safe, unfiltered

if TYPE_CHECKING:
    from reader.search import Library, SearchResult


def hits_json(result: SearchResult) -> str:
    """The hits as a JSON array of id, title, source, date, score, snippet and marks."""
    return json.dumps(
        [
            {
                "id": h.id,
                "title": h.title,
                "source": h.outlet,
                "date": h.date,
                "score": round(h.score, 4),
                "snippet": h.snippet,
                "marks": [list(m) for m in h.snippet_marks],
            }
            for h in result.hits
        ],
        ensure_ascii=False,
        indent=2,
    )


def hits_csv(library: Library, result: SearchResult) -> str:
    """The hits as CSV (title, outlet, date, url, id); web addresses are read from the
    articles."""
    from reader.report.lists import ListRow, rows_csv

    rows = []
    for hit in result.hits:
        try:
            url = library.article(hit.id).url
        except Exception:  # noqa: BLE001 - a file gone since indexing: its row has no URL
            url = None
        rows.append(ListRow(hit.title, hit.outlet, hit.date, url, hit.id))
    return rows_csv(rows)


def print_hits(result: SearchResult) -> None:
    """The hits as `reader search` prints them: numbered, with outlet, date, id and the snippet
    (matches in bold colour on a terminal, `[like this]` otherwise)."""
    colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    mark_on, mark_off = ("\x1b[1;33m", "\x1b[0m") if colour else ("[", "]")
    bold, plain = ("\x1b[1m", "\x1b[0m") if colour else ("", "")
    shown = len(result.hits)
    if shown:
        more = f" (showing {shown})" if result.total > shown else ""
        matches = "1 article matches" if result.total == 1 else f"{result.total} articles match"
        print(f"{matches}{more}.\n")
    out = unfiltered(sys.stdout)  # the styling is ours: every piece from a file is filtered
    for number, hit in enumerate(result.hits, 1):
        about = " \u00b7 ".join([hit.outlet or UNKNOWN_OUTLET, hit.date or "undated", hit.id])
        print(f"{number:>2}. {bold}{terminal_safe(hit.title)}{plain}", file=out)
        print(f"    {terminal_safe(about)}", file=out)
        snippet, cursor, pieces = hit.snippet, 0, []
        for start, end in hit.snippet_marks:
            pieces += [terminal_safe(snippet[cursor:start]), mark_on]
            pieces += [terminal_safe(snippet[start:end]), mark_off]
            cursor = end
        pieces.append(terminal_safe(snippet[cursor:]))
        if snippet:
            print(f"    {''.join(pieces)}", file=out)
        print(file=out)
