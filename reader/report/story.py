"""A story comparison (three to six reports) and a list of stories, as text, Markdown and JSON:
`reader compare A B C ...`, `reader stories`, and the stories view's export."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.corpus import UNKNOWN_OUTLET
from reader.report.saving import name_part, save_text
from reader.text import fold_key

if TYPE_CHECKING:
    from reader.analysis.stories import Story
    from reader.analysis.stories.matrix import Cell, StoryComparison, Wording
    from reader.corpus import Article


def _column(article: Article) -> str:
    return article.outlet or UNKNOWN_OUTLET


def story_json(comparison: StoryComparison) -> dict[str, Any]:
    """The JSON object of `reader compare A B C ... --json`."""
    return {
        "articles": [
            {"id": a.id, "title": a.title, "outlet": a.outlet, "date": a.date}
            for a in comparison.articles
        ],
        "entities": [
            {"name": r.name, "key": r.key, "type": r.type, "counts": list(r.counts)}
            for r in comparison.entities
        ],
        "quotes": [
            {
                "text": r.text,
                "in": [
                    None if c is None else {"text": c.text, "speaker": c.speaker, "kind": c.kind}
                    for c in r.cells
                ],
            }
            for r in comparison.quotes
        ],
    }


def _md(text: str) -> str:
    """Text from an article made inert in Markdown (no markup, one line, no table breaks)."""
    text = " ".join(text.split())
    for mark in "\\`*_[]<>|#":
        text = text.replace(mark, "\\" + mark)
    return text


def _wording(pieces: Wording) -> str:
    """A wording in Markdown, the report's own words in bold."""
    return " ".join(f"**{_md(words)}**" if own else _md(words) for words, own in pieces)


def _cell(cell: Cell | None) -> str:
    if cell is None:
        return "—"
    who = f" ({_md(cell.speaker)})" if cell.speaker else ""
    return ("unquoted" if cell.kind == "unquoted" else "quoted") + who


def format_story_markdown(comparison: StoryComparison) -> str:
    """The whole comparison as a Markdown report: reports, entity and statement matrices,
    each report's blind spots and every report's wording of each statement."""
    arts = comparison.articles
    lines = ["# Story comparison", ""]
    for n, a in enumerate(arts, 1):
        lines.append(
            f"{n}. **{_md(_column(a))}**, {_md(a.date or 'undated')}: {_md(a.title)} (`{a.id}`)"
        )
    header = "| | " + " | ".join(f"{n}. {_md(_column(a))}" for n, a in enumerate(arts, 1)) + " |"
    rule = "|---" * (len(arts) + 1) + "|"
    lines += ["", "## Entities", "", header, rule]
    for row in comparison.entities:
        cells = [str(c) if c else "—" for c in row.counts]
        if row.blind_spot is not None:
            cells[row.blind_spot] = "**left out**"
        lines.append(f"| {_md(row.name)} ({row.type}) | " + " | ".join(cells) + " |")
    lines += ["", "## Quoted statements", "", header, rule]
    for quote in comparison.quotes:
        cells = [_cell(c) for c in quote.cells]
        if quote.blind_spot is not None:
            cells[quote.blind_spot] = "**left out**"
        lines.append(f"| “{_md(quote.text[:120])}” | " + " | ".join(cells) + " |")
    lines += ["", "## Blind spots", ""]
    for n, a in enumerate(arts):
        entities, quotes = comparison.blind_spots(n)
        if not entities and not quotes:
            continue
        lines.append(
            f"- **{_md(_column(a))}** leaves out what the others carry: "
            + "; ".join([_md(e.name) for e in entities] + [f"“{_md(q.text[:80])}”" for q in quotes])
        )
    lines += [
        "",
        "## Wordings",
        "",
        "Words in bold are not in the wording of the first report that carries the statement.",
        "",
    ]
    for quote in comparison.quotes:
        if quote.carriers < 2:
            continue
        lines.append(f"- “{_md(quote.text[:120])}”")
        for a, c, w in zip(arts, quote.cells, quote.wordings(), strict=True):
            if c is not None and w is not None:
                lines.append(f"  - {_md(_column(a))}: “{_wording(w)}” {_cell(c)}")
    return "\n".join(lines) + "\n"


def _mark(cell: Cell | None, blind: bool) -> str:
    if blind:
        return "!"
    if cell is None:
        return "-"
    return "u" if cell.kind == "unquoted" else "q"


def format_story_text(comparison: StoryComparison) -> str:
    """The comparison as plain text for a terminal."""
    arts = comparison.articles
    lines = [
        f"{n}. {_column(a)} · {a.date or 'undated'} · {a.title} ({a.id})"
        for n, a in enumerate(arts, 1)
    ]
    lines += ["", "Entities (mentions per report; ! the one report leaving it out):"]
    for row in comparison.entities:
        counts = "  ".join(
            ("!" if i == row.blind_spot else str(c) if c else "-").rjust(3)
            for i, c in enumerate(row.counts)
        )
        lines.append(f"  {counts}   {row.name} ({row.type})")
    lines += [
        "",
        "Quoted statements (q quoted, u unquoted, - absent, ! the one report leaving it out):",
    ]
    for quote in comparison.quotes:
        marks = "  ".join(
            _mark(c, i == quote.blind_spot).rjust(3) for i, c in enumerate(quote.cells)
        )
        text = " ".join(quote.text.split())[:100]
        lines.append(f"  {marks}   “{text}” {_speakers(quote.cells)}".rstrip())
    return "\n".join(lines)


def _speakers(cells: Sequence[Cell | None]) -> str:
    """Who the reports say spoke: '— Todd Akin' when they agree (one surname: 'Paul Ryan' and
    'Paul D. Ryan'), each report's when they differ; nothing when none says."""
    given = [(n, c.speaker or "unattributed") for n, c in enumerate(cells, 1) if c is not None]
    surnames = {" ".join(fold_key(name).split()[-1:]) for _, name in given}
    if len(surnames) == 1:
        return "" if given[0][1] == "unattributed" else f"— {given[0][1]}"
    return "— speakers differ: " + " · ".join(f"{n} {name}" for n, name in given)


def stories_json(stories: list[Story]) -> list[dict[str, Any]]:
    """The list of `reader stories --json`."""
    return [s.to_json() for s in stories]


def format_stories(stories: list[Story]) -> str:
    """Stories for a terminal: each with its reports and why they are grouped."""
    lines = []
    for number, story in enumerate(stories, 1):
        dates = story.first_date or "undated"
        if story.last_date and story.last_date != story.first_date:
            dates += f" to {story.last_date}"
        size = len(story.articles)
        lines.append(f"{number:>3}. {story.title}")
        lines.append(f"     {size} report{'s' if size != 1 else ''} · {dates} · {story.why}")
        for a in story.articles:
            about = f"{a.outlet or UNKNOWN_OUTLET} · {a.date or 'undated'}"
            lines.append(f"       - {about} · {a.title} ({a.id})")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def story_report_name(comparison: StoryComparison) -> str:
    """`story-FIRST-and-N.md` from the first report's id, safe as a file name."""
    return f"story-{name_part(comparison.articles[0].id)}-and-{len(comparison.articles) - 1}.md"


def save_story_report(
    comparison: StoryComparison, articles_dir: Path, folders: list[Path] | None = None
) -> Path:
    """Write the Markdown report to the first writable folder of `folders` (default: the
    current folder, then home) outside `articles_dir`, never over an existing file; return the
    file's path. Raises OSError when no folder can be written."""
    text = format_story_markdown(comparison)
    return save_text(text, story_report_name(comparison), articles_dir, folders)
