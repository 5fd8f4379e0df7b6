"""Refreshing the feeds followed from the interface (palette: "feeds: refresh").

The refresh (`reader.library.refresh`) runs in a thread worker (group `feeds`); the app stays
usable. When it is done a notification gives the summary, and when the open folder is the
library the index update is started, which picks up the new and changed files.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from textual.app import App

from reader.config import library_dir
from reader.tui.text import safe

FAILURES_SHOWN = 3


def refresh_feeds(app: App[object]) -> None:
    """Start refreshing every feed followed in the background."""
    app.run_worker(
        partial(_refresh, app),
        name="feeds",
        group="feeds",
        thread=True,
        exclusive=True,
        exit_on_error=False,
    )


def _refresh(app: App[object]) -> None:
    from reader.library.refresh import refresh
    from reader.library.subscriptions import load_feeds

    library = library_dir()
    feeds = load_feeds(library)
    if not feeds:
        app.call_from_thread(
            app.notify, "No feeds followed: `reader feeds add URL` follows one.", markup=False
        )
        return
    count = f"{len(feeds)} feed{'s' if len(feeds) != 1 else ''}"
    app.call_from_thread(app.notify, f"Refreshing {count}\N{HORIZONTAL ELLIPSIS}", timeout=3)
    summary = refresh(library)
    lines = [f"Feeds: {summary.line()}"]
    lines += [
        f"{safe(o.url)[:60]}: {safe(o.reason)}" for o in summary.of("failed")[:FAILURES_SHOWN]
    ]
    app.call_from_thread(_done, app, "\n".join(lines), bool(summary.of("failed")), library)


def _done(app: App[object], text: str, failed: bool, library: Path) -> None:
    opened = Path(getattr(app, "articles_dir", "")).expanduser()
    in_library = opened.resolve() == library.resolve()
    if not in_library:
        text += f"\nSaved in the library ({safe(str(library))}): `reader` opens it."
    app.notify(text, severity="warning" if failed else "information", markup=False, timeout=8)
    update = getattr(app, "action_update_index", None)
    if in_library and update is not None:
        update()
