"""Split view: time from the `c` keypress to the split view painted with its comparison.

    python -m bench.bench_split [--runs 5]

The app runs headless at 140x45 on a copy of the sample articles plus two long ones (about
20 KB each, made of the samples' paragraphs), indexed first, with config and index in a
temporary folder. Two articles are marked and `c`
is sent as the terminal driver would. Two times are taken: until the split screen is first
painted (its status line, "Comparing…"), and until a pane's text is painted after the
comparison was shown (the complete view). Escape returns to the main screen between runs.

- first open: in a fresh process, before the data tables are loaded (what `reader split`
  and a `c` without any marking before it pay once);
- new pair: every pair of the five samples, after the warm-up that marking starts, with the
  comparison and entity caches emptied before each run (a pair never compared before);
- cached: the same pairs opened again (the comparison comes from the cache);
- long pair: the two 20 KB articles, new and cached.

Each run gives wall-clock time and the CPU time of the app's process over the same interval
(`time.process_time`, all threads: the app does nothing else meanwhile, so it is what the
opening costs, steady when other programs share the machine). The last line is JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from itertools import combinations, cycle
from pathlib import Path
from typing import Any

SAMPLES = (
    "sputnik-joint-statement",
    "mee-leaders-call-on-russia",
    "trtworld-coalition-statement",
    "russia-urged-to-halt",
    "presstv-lavrov-turkey",
)
LONG = ("long-a", "long-b")
LONG_SIZE = 20_000

_MEASURE = r"""
import asyncio, json, sys, time
from pathlib import Path
from textual import events
from reader.analysis import comparison
from reader.analysis import entities
from reader.tui.app import ReaderApp
from reader.tui.article_view import Paragraph
from textual.widgets import Static
from reader.tui.split_screen import SplitScreen, warm_up

folder, pairs, runs, warm = Path(sys.argv[1]), json.loads(sys.argv[2]), int(sys.argv[3]), \
    sys.argv[4] == "warm"
shown, painted, cpu, screen_painted = [0.0], [0.0], [0.0], [0.0]
done = asyncio.Event()
show = SplitScreen._show

def _show(self, highlights, item=-1):
    show(self, highlights, item)
    shown[0] = time.perf_counter()

SplitScreen._show = _show
render_line = Paragraph.render_line

def _render_line(self, y):
    if shown[0] and not painted[0]:
        painted[0], cpu[0] = time.perf_counter(), time.process_time()
        done.set()
    return render_line(self, y)

Paragraph.render_line = _render_line
static_render_line = Static.render_line

def _static_render_line(self, y):
    if self.id == "split-status" and not screen_painted[0]:
        screen_painted[0] = time.perf_counter()
    return static_render_line(self, y)

Static.render_line = _static_render_line

async def press(app, name):
    app._driver.send_message(events.Key(name, name))

async def open_once(app, pair, fresh):
    if fresh:
        comparison.clear_cache()
        entities._CACHE.clear()  # a pair never analysed: no cached entities either
    app.marks = tuple(pair)
    shown[0] = painted[0] = screen_painted[0] = 0.0
    done.clear()
    start, start_cpu = time.perf_counter(), time.process_time()
    await press(app, "c")
    await done.wait()  # no polling: it would take turns with the app on the event loop
    took = (painted[0] - start, cpu[0] - start_cpu, screen_painted[0] - start)
    screen = app.screen
    assert isinstance(screen, SplitScreen), screen
    assert [p.article.id for p in screen.panes] == list(pair)
    await press(app, "escape")
    while isinstance(app.screen, SplitScreen):
        await asyncio.sleep(0.001)
    await app.workers.wait_for_complete()
    return took

async def main():
    app = ReaderApp(folder)
    out = {"new": {}, "cached": {}}
    async with app.run_test(size=(140, 45)) as pilot:
        while not app.catalog or app.status.index_state != "up to date":
            await asyncio.sleep(0.01)
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not warm:
            out["first"] = await open_once(app, pairs[0], True)
            print(json.dumps(out))
            return
        warm_up(app)
        await app.workers.wait_for_complete()
        for pair in pairs:
            key = "/".join(pair)
            out["new"][key] = [await open_once(app, pair, True) for _ in range(runs)]
            out["cached"][key] = [await open_once(app, pair, False) for _ in range(runs)]
    print(json.dumps(out))

asyncio.run(main())
"""


def _long_articles(samples: Path, folder: Path) -> None:
    """Two articles of about LONG_SIZE characters from the samples' paragraphs (three outlets'
    paragraphs for A, the other two for B, so that both sides share statements)."""
    from reader.corpus import find_article

    for name, ids in ((LONG[0], SAMPLES[1:4]), (LONG[1], (SAMPLES[0], SAMPLES[4]))):
        paragraphs = [
            p for i in ids for p in find_article(i, samples).text.split("\n\n") if p.strip()
        ]
        chosen, total = [], 0
        for paragraph in cycle(paragraphs):
            if total >= LONG_SIZE:
                break
            chosen.append(paragraph)
            total += len(paragraph) + 2
        (folder / f"{name}.txt").write_text(
            f"---\ntitle: A long article ({name})\noutlet: Bench\n---\n" + "\n\n".join(chosen),
            encoding="utf-8",
        )


def _run(folder: Path, pairs: list[tuple[str, str]], runs: int, mode: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(folder), json.dumps(pairs), str(runs), mode],
        capture_output=True,
        text=True,
        check=True,
    )
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def main() -> None:
    """Measure opening the split view on each pair and case; print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="opens per pair and case (5)")
    args = parser.parse_args()

    from reader.config import bundled_path
    from reader.search import open_library

    with tempfile.TemporaryDirectory() as temp:
        for name in ("READER_CONFIG_DIR", "READER_CACHE_DIR"):  # the runs inherit them
            os.environ[name] = str(Path(temp) / name.lower())
        folder = Path(temp) / "articles"
        shutil.copytree(bundled_path("articles"), folder)
        _long_articles(bundled_path("articles"), folder)
        open_library(folder).update()
        pairs = list(combinations(SAMPLES, 2))
        first = [_run(folder, pairs[:1], 1, "cold")["first"] for _ in range(args.runs)]
        found = _run(folder, pairs + [LONG], args.runs, "warm")

    def values(case: str, long: bool) -> list[list[float]]:
        return [
            t
            for key, times in found[case].items()
            if (key == "/".join(LONG)) == long
            for t in times
        ]

    rows = [("first open in a process (tables not loaded)", first)]
    rows += [
        ("new pair, five samples (10 pairs)", values("new", False)),
        ("cached pair, five samples", values("cached", False)),
        ("new pair, two 20 KB articles", values("new", True)),
        ("cached pair, two 20 KB articles", values("cached", True)),
    ]
    print(
        "| case | runs | screen painted (median) | comparison painted: wall median / max "
        "| CPU median / max |"
    )
    print("| :- | -: | -: | -: | -: |")
    result = {}
    names = ("screen_ms", "wall_median_ms", "wall_max_ms", "cpu_median_ms", "cpu_max_ms")
    for name, times in rows:
        wall, cpu = [t[0] for t in times], [t[1] for t in times]
        figures = [
            statistics.median(t[2] for t in times),
            statistics.median(wall),
            max(wall),
            statistics.median(cpu),
            max(cpu),
        ]
        ms = [_ms(f) for f in figures]
        print(f"| {name} | {len(times)} | {ms[0]} | {ms[1]} / {ms[2]} | {ms[3]} / {ms[4]} |")
        result[name] = dict(zip(names, (round(f * 1000, 1) for f in figures), strict=True))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
