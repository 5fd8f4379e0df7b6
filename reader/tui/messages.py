"""Messages the app's parts use to talk to each other (and that later screens can post too)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from reader.search import Progress


@dataclass
class OpenArticle(Message):
    """Open an article in the article pane.

    `query` is the search it was found with: its matches are highlighted and `n`/`N` visit them.
    """

    article_id: str
    query: str | None = None


@dataclass
class ToggleMark(Message):
    """Mark or unmark an article (marks choose the two sides of the split view)."""

    article_id: str


@dataclass
class ToggleRead(Message):
    """Mark an article read, or unread again."""

    article_id: str


@dataclass
class ExportList(Message):
    """Export these articles (in this order) as CSV and Markdown; `title` names the list."""

    article_ids: list[str]
    title: str


@dataclass
class IndexProgress(Message):
    """The background index update started (`progress` None) or advanced."""

    progress: Progress | None
