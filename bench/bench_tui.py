"""Interface benchmarks: launch to first usable screen, list scrolling, search latency, memory.

    python -m bench.bench_tui [--sizes 50000] [--runs 5]

For the sample corpus and each generated corpus (`bench.corpus`, indexed first so the index
is up to date), every figure comes from a fresh process:

- launch: wall time from starting `python` to the main screen painted with the source list
  filled (the app's real start-up: imports, theme, opening the index, reading the catalog);
- scroll: time from a key (pagedown, j) in the source list to its repaint;
- search: time from each keystroke in the search field to its first results painted (typing
  queries letter by letter; debounce included), p50 and p95; and to its complete results (the
  same when the first results were complete; the next key is typed once they are painted);
- memory: peak RSS of the process after launch and after the searches.

The app runs headless (no terminal output) at 120x36. `--engine whoosh` (or tantivy) forces
the engine (`READER_SEARCH_ENGINE`) and searches the generated corpora's benchmark indexes
(`bench.bench_search.index_dir`, built there when missing) instead of indexing them in the
user's cache.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

QUERIES = [
    "russia",
    "lavrov",
    "syria airstrikes",
    '"joint statement"',
    "turkey",
    "putin OR obama",
    "ceasefire",
    "election",
]

_LAUNCH = r"""
import json, sys, time
from pathlib import Path
from reader.tui.app import ReaderApp
from reader.tui.main_screen import MainScreen

start = float(sys.argv[1])
result = {}
app = ReaderApp(Path(sys.argv[2]), Path(sys.argv[3]) if sys.argv[3] else None)
shown = MainScreen.show_catalog

def show_catalog(self, entries, *, indexing):
    shown(self, entries, indexing=indexing)
    if entries and "launch" not in result:
        def painted():
            result["launch"] = time.time() - start
            app.exit()
        self.call_after_refresh(painted)

MainScreen.show_catalog = show_catalog
app.run(headless=True, size=(120, 36))
print(json.dumps(result))
"""

_INTERACT = r"""
import asyncio, json, resource, sys, time
from pathlib import Path
from textual import events
from reader.tui.app import ReaderApp
from reader.tui.search_panel import HitList
from reader.tui.source_list import SourceList

queries = json.loads(sys.argv[2])
painted = {}

def recording(cls, state):
    render_line = cls.render_line
    def wrapper(self, y):
        painted[cls.__name__] = (time.perf_counter(), state(self))
        return render_line(self, y)
    cls.render_line = wrapper

recording(SourceList, lambda self: (self.cursor, self.scroll_offset.y))
recording(HitList, lambda self: (self.search_query, self.partial))

def rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

async def key(app, name, char, widget, state):
    # Send the key as the terminal driver would, then wait for the widget to repaint with
    # the new state: keystroke-to-pixels, without the test pilot's own waits.
    start = time.perf_counter()
    app._driver.send_message(events.Key(name, char))
    while True:
        when, seen = painted.get(widget, (0, None))
        if when > start and seen == state():
            return when - start
        await asyncio.sleep(0.0005)

async def type_key(app, name, char, text):
    # A key in the search field: seconds to the first paint of its results (first or
    # complete), then to the paint of its complete results.
    start = time.perf_counter()
    app._driver.send_message(events.Key(name, char))
    first = None
    while True:
        when, seen = painted.get("HitList", (0, None))
        if when > start and seen is not None and seen[0] == text:
            if first is None:
                first = when - start
            if not seen[1]:
                return first, when - start
        await asyncio.sleep(0.0005)

async def main():
    app = ReaderApp(Path(sys.argv[1]), Path(sys.argv[3]) if sys.argv[3] else None)
    out = {"scroll": [], "search": [], "complete": []}
    async with app.run_test(size=(120, 36)) as pilot:
        while not app.catalog or app.status.index_state != "up to date":
            await asyncio.sleep(0.01)
        await app.workers.wait_for_complete()
        await pilot.pause()
        out["rss_launch_mb"] = rss_mb()
        out["articles"] = len(app.catalog)
        sources = app.main_screen.query_one(SourceList)
        state = lambda: (sources.cursor, sources.scroll_offset.y)
        for name, char in [("pagedown", None)] * 20 + [("j", "j")] * 20 + [("G", "G")]:
            out["scroll"].append(await key(app, name, char, "SourceList", state))
        out["rows"] = sources.item_count()
        hits = app.main_screen.query_one(HitList)
        await pilot.press("slash")
        for query in queries:
            for typed in range(1, len(query) + 1):
                text, char = query[:typed], query[typed - 1]
                name = {" ": "space", '"': "quotation_mark"}.get(char, char)
                if text.strip():
                    first, complete = await type_key(app, name, char, text.strip())
                    out["search"].append(first)
                    out["complete"].append(complete)
                else:
                    await pilot.press(name)
            await pilot.press("ctrl+a", "ctrl+k")
            await app.workers.wait_for_complete()
            await pilot.pause()
        out["rss_after_search_mb"] = rss_mb()
    print(json.dumps(out))

asyncio.run(main())
"""


def _python(code: str, *args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True
    )
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def measure(folder: Path, runs: int, index: Path | None = None) -> dict[str, Any]:
    """All figures for one indexed corpus folder (its index in `index`, else the default)."""
    where = str(index) if index else ""
    launches = [
        _python(_LAUNCH, str(time.time()), str(folder), where)["launch"] for _ in range(runs)
    ]
    interact = _python(_INTERACT, str(folder), json.dumps(QUERIES), where)
    return {
        "articles": interact["articles"],
        "launch_median": statistics.median(launches),
        "launch_max": max(launches),
        "scroll_p50": statistics.median(interact["scroll"]),
        "scroll_p95": _p95(interact["scroll"]),
        "search_p50": statistics.median(interact["search"]),
        "search_p95": _p95(interact["search"]),
        "search_keystrokes": len(interact["search"]),
        "complete_p50": statistics.median(interact["complete"]),
        "complete_p95": _p95(interact["complete"]),
        "rss_launch_mb": interact["rss_launch_mb"],
        "rss_after_search_mb": interact["rss_after_search_mb"],
    }


def main() -> None:
    """Measure the interface on the samples and each generated corpus; print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="*",
        default=[50000],
        help="generated corpus sizes to measure besides the samples (50000)",
    )
    parser.add_argument("--runs", type=int, default=5, help="launches per corpus (5)")
    parser.add_argument(
        "--engine",
        choices=("whoosh", "tantivy"),
        help="force the search engine; generated corpora use the benchmark's indexes",
    )
    args = parser.parse_args()

    from bench.corpus import build
    from reader.config import bundled_path
    from reader.search import open_library
    from reader.search.choice import ENVIRONMENT

    if args.engine:
        os.environ[ENVIRONMENT] = args.engine  # the children's too
    print(f"load average at start: {os.getloadavg()[0]:.1f} (2 cores)")
    corpora: list[tuple[str, Path, Path | None]] = [("samples", bundled_path("articles"), None)]
    for n in args.sizes:
        index = None
        if args.engine:
            from bench.bench_search import index_dir

            index = index_dir(n, args.engine)
        corpora.append((f"{n:,} articles", build(n), index))
    print(
        "| corpus | launch (median / max) | list key p95 | keystroke to first results "
        "p50 / p95 | to complete results p50 / p95 | peak RSS (launch / after searches) |"
    )
    print("| :- | -: | -: | -: | -: | -: |")
    for name, folder, index in corpora:
        library = open_library(folder, index)
        if library.needs_update():
            print(f"indexing {folder} first…", file=sys.stderr, flush=True)
            report = library.update()
            if library.needs_update():
                raise SystemExit(
                    f"{folder}: the index is not up to date: "
                    f"{'; '.join(str(p) for p in report.problems[:3])}"
                )
        r = measure(folder, args.runs, index)
        print(
            f"| {name} ({r['articles']:,}) | {_ms(r['launch_median'])} / "
            f"{_ms(r['launch_max'])} | {_ms(r['scroll_p95'])} | {_ms(r['search_p50'])} / "
            f"{_ms(r['search_p95'])} ({r['search_keystrokes']} keys) | "
            f"{_ms(r['complete_p50'])} / {_ms(r['complete_p95'])} | "
            f"{r['rss_launch_mb']:.0f} MB / {r['rss_after_search_mb']:.0f} MB |",
            flush=True,
        )
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
