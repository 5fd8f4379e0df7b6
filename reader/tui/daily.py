"""What the app keeps for the user between runs (marks, read state, notes, the list filter),
exporting a list, and opening a web address where a browser may not be able to.

The notes (`reader.notes.Notes`) are read in the library worker and written at each change (a
small file in the user's data folder, written atomically). Exports read each article's web
address in a thread worker.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from reader.notes import Highlight, Notes, Record, identity
from reader.tui.text import notify_error, safe

if TYPE_CHECKING:
    from reader.corpus import Article
    from reader.search import CatalogEntry, Library
    from reader.tui.app import ReaderApp


def restore(app: ReaderApp, catalog: list[CatalogEntry]) -> None:
    """Marks and read state of the articles listed, from the notes (by identity)."""
    notes = app.notes
    if notes is None:
        return
    located = notes.located(catalog)
    app.read_ids = frozenset(i for i, r in located.items() if r.read)
    marked = sorted(((r.marked, i) for i, r in located.items() if r.marked))
    app.set_reactive(type(app).marks, tuple(i for _, i in marked))
    app.mutate_reactive(type(app).marks)


def _entry(app: ReaderApp, article_id: str) -> CatalogEntry | None:
    return next((e for e in app.catalog if e.id == article_id), None)


def keep_mark(app: ReaderApp, article_id: str, marked: bool) -> None:
    """Remember that an article is marked or not."""
    entry = _entry(app, article_id)
    if app.notes is not None and entry is not None:
        _saving(app, lambda notes: notes.mark(identity(entry), marked))


def keep_read(app: ReaderApp, article: Article | CatalogEntry, read: bool = True) -> None:
    """Remember that an article was read (opened), or is unread again."""
    if app.notes is None:
        return
    record = app.notes.find(identity(article))
    if record is None and read or record is not None and record.read != read:
        _saving(app, lambda notes: notes.update(identity(article), read=read))
    app.read_ids = (app.read_ids | {article.id}) if read else (app.read_ids - {article.id})


def record_of(app: ReaderApp, article: Article) -> Record | None:
    """The user's record of an article, when there is one."""
    return app.notes.find(identity(article)) if app.notes is not None else None


def keep_note(app: ReaderApp, article: Article, note: str) -> Record | None:
    """Set the note on an article (empty: remove it)."""
    return _saving(app, lambda notes: notes.update(identity(article), note=note))


def keep_highlight(app: ReaderApp, article: Article, passage: str, note: str) -> Record | None:
    """Add a highlighted passage with a note to an article."""
    if app.notes is None:
        return None
    start = article.text.find(passage)
    old = app.notes.get(identity(article)).highlights
    added = (*old, Highlight(passage, note, start))
    return _saving(app, lambda notes: notes.update(identity(article), highlights=added))


def _saving(app: ReaderApp, change: Callable[[Notes], Record]) -> Record | None:
    """Run a change of the notes; say so when they cannot be written."""
    if app.notes is None:
        return None
    try:
        return change(app.notes)
    except OSError as exc:
        notify_error(app, exc, "Your notes could not be saved", timeout=8)
        return None


def load_notes() -> Notes:
    """The user's notes (for the library worker)."""
    return Notes()


# ---------------------------------------------------------------- exporting a list


def export_list(app: ReaderApp, library: Library, ids: list[str], title: str) -> None:
    """Write a list of articles as CSV and Markdown, in a thread worker; notify where."""
    from reader.report.lists import ListRow, save_list

    entries = {e.id: e for e in app.catalog}

    def work() -> None:
        rows = []
        for article_id in ids:
            entry = entries.get(article_id)
            try:
                url = library.article(article_id).url
            except Exception:  # noqa: BLE001 - an article gone since: its row has no URL
                url = None
            if entry is not None:
                rows.append(ListRow(entry.title, entry.outlet, entry.date, url, entry.id))
        try:
            csv_path, md_path = save_list(rows, title, app.articles_dir)
        except OSError as exc:
            app.call_from_thread(_export_failed, app, exc)
            return
        message = (
            f"{len(rows)} article{'' if len(rows) == 1 else 's'}: {csv_path} and {md_path.name}"
        )
        app.call_from_thread(
            app.notify,
            safe(message),
            title="List exported (CSV, Markdown)",
            markup=False,
            timeout=8,
        )

    app.run_worker(work, thread=True, group="export", exit_on_error=False)


def _export_failed(app: ReaderApp, exc: OSError) -> None:
    notify_error(app, exc, "The list could not be exported", timeout=8)


# ---------------------------------------------------------------- web addresses


def browser_available() -> bool:
    """A graphical browser can open here: not over SSH, and on Linux a display to show it on
    (a text browser would take over the terminal the reader draws)."""
    if os.environ.get("SSH_CONNECTION") or os.environ.get("SSH_TTY"):
        return False
    if sys.platform.startswith("linux") or "bsd" in sys.platform:
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def open_or_copy(app: ReaderApp, url: str) -> None:
    """Open a web address in the browser, or, where none can open, copy it and show it."""
    if browser_available():
        app.open_url(url)
        app.notify(safe(url), title="Opening in the browser", timeout=3, markup=False)
        return
    app.copy_to_clipboard(url)
    app.notify(
        safe(url),
        title="No browser can open here: the address is copied to the clipboard",
        timeout=10,
        markup=False,
    )


def notes_of(app: ReaderApp, *articles: Article) -> str:
    """The user's notes on these articles as Markdown, for a report ("" when none)."""
    from reader.notes.report import notes_markdown

    records = [r for r in (record_of(app, a) for a in articles) if r is not None]
    return notes_markdown(records)
