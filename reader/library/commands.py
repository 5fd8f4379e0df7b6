"""The `reader fetch` and `reader feeds` commands: what they do with the library and print.

Exit codes as for every command (`reader.cli`): 0 done, 1 nothing done (every fetch failed, no
feeds, a feed already followed), 2 bad usage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.library.refresh import Step
from reader.terminal import unfiltered

EXIT_OK, EXIT_NOTHING, EXIT_USAGE = 0, 1, 2


def fetch_command(args: argparse.Namespace, library: Path) -> int:
    """`reader fetch URL...`, or the refresh of every feed followed without a URL."""
    from reader.fetch.http import Client
    from reader.library.refresh import fetch, refresh
    from reader.library.subscriptions import load_feeds

    if not args.urls and not load_feeds(library):
        print(
            "reader: no URL given and no feeds followed (`reader feeds add URL`)", file=sys.stderr
        )
        return EXIT_USAGE
    client = Client(timeout=args.timeout, delay=args.delay)
    progress = _FetchLine()
    if args.urls:
        summary = fetch(args.urls, library, client, progress)
    else:
        summary = refresh(library, client, progress)
    progress.finish()
    print(f"Library {library}: {summary.line()}")
    for outcome in summary.outcomes:
        if outcome.outcome in ("new", "changed") and outcome.path is not None:
            print(f"  {outcome.outcome}: {outcome.path.relative_to(library)}")
        elif outcome.outcome == "failed" or outcome.reason != "unchanged in the feed":
            print(f"  {outcome.outcome}: {_safe(outcome.url)} ({outcome.reason})")
    return EXIT_NOTHING if summary.of("failed") and not summary.of("new") else EXIT_OK


def feeds_command(args: argparse.Namespace, library: Path) -> int:
    """`reader feeds [list]`, `reader feeds add URL`, `reader feeds remove URL`."""
    from reader.fetch.http import FetchError
    from reader.library.subscriptions import add_feed, load_feeds, remove_feed

    if args.action == "list":
        feeds = load_feeds(library)
        for feed in feeds:
            print(f"{_safe(feed.url)}" + (f"  {_safe(feed.title)}" if feed.title else ""))
        if not feeds:
            print("No feeds followed; `reader feeds add URL` follows one.", file=sys.stderr)
        return EXIT_OK if feeds else EXIT_NOTHING
    if not args.url:
        print(f"reader: `reader feeds {args.action}` needs the feed's URL", file=sys.stderr)
        return EXIT_USAGE
    try:
        changed = (
            add_feed(library, args.url) if args.action == "add" else remove_feed(library, args.url)
        )
    except FetchError as exc:
        print(f"reader: {args.url}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    done = {
        "add": ("Following", "Already following"),
        "remove": ("Stopped following", "Not following"),
    }[args.action]
    print(f"{done[0] if changed else done[1]} {_safe(args.url)}")
    return EXIT_OK if changed else EXIT_NOTHING


def _safe(text: str | None) -> str:
    """Text from the web, made safe for the terminal (no control or escape characters)."""
    from reader.corpus import sanitise

    return " ".join(sanitise(text or "").split())


class _FetchLine:
    """Progress of a fetch on stderr: one line rewritten in place on a terminal, silent else."""

    def __init__(self) -> None:
        self._tty = sys.stderr.isatty()
        self._shown = False

    def __call__(self, step: Step) -> None:
        if not self._tty:
            return
        done, total = step.done + 1, max(step.total, step.done + 1)
        line = f"fetching {done}/{total} {_safe(step.url)[:60]}"
        print(f"\r{line}\x1b[K", end="", file=unfiltered(sys.stderr), flush=True)
        self._shown = True

    def finish(self) -> None:
        """End the progress line."""
        if self._shown:
            print("\r\x1b[K", end="", file=unfiltered(sys.stderr), flush=True)
