"""The handler of `reader notes`, and the check of `--articles` for every command
(the parser and the dispatch stay in `reader/cli.py`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.notes.report import notes_json, notes_text
from reader.notes.store import Notes

EXIT_OK, EXIT_NOTHING, EXIT_USAGE = 0, 1, 2


def folder_problem(folder: Path) -> str | None:
    """Why `folder` cannot be an articles folder (missing, or a file), or None."""
    if folder.is_dir():
        return None
    if folder.exists():
        return f"--articles takes a folder, and {folder} is a file (its folder: {folder.parent})"
    return f"articles folder not found: {folder}"


def notes_command(args: argparse.Namespace) -> int:
    """`reader notes [--json]`: every article with a note or a highlight, by title."""
    records = Notes().with_notes()
    if args.json:
        print(notes_json(records))
    elif records:
        print(notes_text(records))
    else:
        print("No notes yet: in the reader, press a on an article to write one.", file=sys.stderr)
    return EXIT_OK if records else EXIT_NOTHING
