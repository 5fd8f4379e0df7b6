"""The notes as the user reads them: `reader notes` (text and JSON) and a Markdown section."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import TYPE_CHECKING

from reader.corpus import UNKNOWN_OUTLET

if TYPE_CHECKING:
    from reader.notes.store import Record


def notes_text(records: list[Record]) -> str:
    """One block per article: title, outlet, date and id, then the note and each highlight."""
    blocks = []
    for record in records:
        about = " · ".join([record.outlet or UNKNOWN_OUTLET, record.date or "undated", record.id])
        lines = [record.title, f"  {about}"]
        lines += [f"  {line}" for line in record.note.strip().splitlines()]
        for highlight in record.highlights:
            lines.append(f"  > {' '.join(highlight.passage.split())}")
            if highlight.note.strip():
                lines.append(f"    {' '.join(highlight.note.split())}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def notes_json(records: list[Record]) -> str:
    """The records as a JSON array (id, title, outlet, date, url, marked, read, note,
    highlights [{passage, note, start}])."""
    items = []
    for record in records:
        item = asdict(record)
        item.pop("fingerprint")
        item["marked"] = bool(record.marked)
        items.append(item)
    return json.dumps(items, ensure_ascii=False, indent=2)


def _quoted(text: str) -> str:
    from reader.report.markdown import _md

    return _md(text)


def notes_markdown(records: list[Record], heading: str = "##") -> str:
    """A Markdown section of each record's note and highlights (empty when none has any)."""
    parts = []
    for record in records:
        if not record.has_notes:
            continue
        parts.append(f"{heading} Notes: {_quoted(record.title)}\n")
        if record.note.strip():
            parts.append(_quoted(record.note) + "\n")
        for highlight in record.highlights:
            line = f"> {_quoted(highlight.passage)}\n"
            if highlight.note.strip():
                line += f"\n{_quoted(highlight.note)}\n"
            parts.append(line)
    return "\n".join(parts)
