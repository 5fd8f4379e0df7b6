"""The user's own records about articles (marks, read state, notes, highlighted passages).

`store` keeps them in the user's data folder, found by the article's identity; `search` looks
for `note:` terms in them; `report` lists them as text, JSON and Markdown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.notes.store import Highlight, Identity, Notes, Record, notes_path

if TYPE_CHECKING:
    from reader.corpus import Article
    from reader.search import CatalogEntry

__all__ = ["Highlight", "Identity", "Notes", "Record", "identity", "notes_path"]


def identity(item: Article | CatalogEntry) -> Identity:
    """The identity of an article or of a catalog entry (which has no web address)."""
    return Identity(item.id, item.title, item.outlet, item.date, getattr(item, "url", None))
