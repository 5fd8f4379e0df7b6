"""Saving a report (a comparison's or a story's Markdown) to a file.

The report goes to the current folder, or to the home folder when the current folder is inside
the articles folder (which the reader never writes to) or cannot be written. An existing file
is never overwritten: a number is added to the name instead.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from reader.report.markdown import format_markdown

if TYPE_CHECKING:
    from reader.analysis.comparison import Comparison


def name_part(article_id: str) -> str:
    """An article id made safe as part of a file name."""
    return re.sub(r"[^\w.-]+", "_", article_id).strip("._")[:60] or "article"


def report_name(comparison: Comparison) -> str:
    """`compare-A-B.md` from the two article ids, safe as a file name."""
    return f"compare-{name_part(comparison.a.id)}-{name_part(comparison.b.id)}.md"


def _inside(folder: Path, root: Path) -> bool:
    folder, root = folder.resolve(), root.resolve()
    return folder == root or root in folder.parents


def _free(path: Path) -> Path:
    candidate, number = path, 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        number += 1
    return candidate


def save_report(
    comparison: Comparison,
    articles_dir: Path,
    folders: list[Path] | None = None,
    appendix: str = "",
) -> Path:
    """Write the Markdown report (then `appendix`, Markdown: the user's notes) to the first
    folder of `folders` (default: the current folder, then home) that is outside
    `articles_dir` and writable; return the file's path.

    Raises OSError (from the last folder tried) when none can be written.
    """
    text = format_markdown(comparison) + (f"\n{appendix}" if appendix else "")
    return save_text(text, report_name(comparison), articles_dir, folders)


def save_text(text: str, name: str, articles_dir: Path, folders: list[Path] | None = None) -> Path:
    """Write `text` as `name` (or `name-2`, ... when taken) in the first folder of `folders`
    (default: the current folder, then home) outside `articles_dir` that can be written.

    Raises OSError (from the last folder tried) when none can be written.
    """
    tried = [Path(f) for f in (folders or [Path.cwd(), Path.home()])]
    error: OSError = OSError("no folder outside the articles folder to write the report to")
    for folder in tried:
        if _inside(folder, articles_dir):
            continue
        path = _free(folder / name)
        try:
            with path.open("x", encoding="utf-8") as handle:
                handle.write(text)
        except OSError as exc:
            error = exc
            continue
        return path
    raise error
