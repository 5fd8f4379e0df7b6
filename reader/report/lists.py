"""A list of articles (search hits, marked articles, a story's reports) as CSV and Markdown.

Each row has the title, outlet, date, web address and id. CSV cells that a spreadsheet would
run as a formula (starting with `=`, `+`, `-`, `@`) get a leading apostrophe; Markdown cells
are escaped like the comparison report's. `save_list` writes beside the comparison reports:
the current folder, or home when that is inside the articles folder, never overwriting.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from reader.report.markdown import _code, _md
from reader.report.saving import _inside
from reader.terminal import terminal_safe

COLUMNS = ("title", "outlet", "date", "url", "id")


@dataclass(frozen=True, slots=True)
class ListRow:
    """One article of an exported list."""

    title: str
    outlet: str | None
    date: str | None
    url: str | None
    id: str


def _cell(text: str | None) -> str:
    value = " ".join(terminal_safe(text or "").split())
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def rows_csv(rows: list[ListRow]) -> str:
    """The rows as CSV with a header line (title, outlet, date, url, id)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(
            [_cell(row.title), _cell(row.outlet), _cell(row.date), _cell(row.url), _cell(row.id)]
        )
    return out.getvalue()


def rows_markdown(rows: list[ListRow], title: str) -> str:
    """The rows as a Markdown table under a heading."""
    lines = [f"# {_md(title)}", "", f"{len(rows)} article{'' if len(rows) == 1 else 's'}.", ""]
    lines += ["| title | outlet | date | url | id |", "|---|---|---|---|---|"]
    for row in rows:
        url = f"<{_md(row.url)}>" if row.url else ""
        cells = [_md(row.title), _md(row.outlet or ""), _md(row.date or ""), url, _code(row.id)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def list_name(title: str) -> str:
    """A file name stem from a list's title: `list-russia-syria`."""
    stem = re.sub(r"[^\w.-]+", "-", title.casefold()).strip("-._")[:60]
    return f"list-{stem or 'articles'}"


def _free_pair(folder: Path, stem: str) -> Path:
    """`folder/STEM.csv`, numbered (`-2`, `-3`, ...) until neither it nor its `.md` exists."""
    candidate, number = folder / f"{stem}.csv", 2
    while candidate.exists() or candidate.with_suffix(".md").exists():
        candidate = folder / f"{stem}-{number}.csv"
        number += 1
    return candidate


def save_list(
    rows: list[ListRow], title: str, articles_dir: Path, folders: list[Path] | None = None
) -> tuple[Path, Path]:
    """Write the list as `NAME.csv` and `NAME.md` to the first writable folder of `folders`
    (default: the current folder, then home) outside `articles_dir`; return both paths.

    Raises OSError (from the last folder tried) when none can be written.
    """
    error: OSError = OSError("no folder outside the articles folder to write the list to")
    for folder in [Path(f) for f in (folders or [Path.cwd(), Path.home()])]:
        if _inside(folder, articles_dir):
            continue
        base = _free_pair(folder, list_name(title))
        written: list[Path] = []
        try:
            for path, text in (
                (base, rows_csv(rows)),
                (base.with_suffix(".md"), rows_markdown(rows, title)),
            ):
                with path.open("x", encoding="utf-8", newline="") as handle:
                    handle.write(text)
                written.append(path)
        except OSError as exc:
            for path in written:
                path.unlink(missing_ok=True)
            error = exc
            continue
        return written[0], written[1]
    raise error
