"""The build process: big builds run in a fresh `python` process that may fork two index
workers, so they use both cores and leave the calling process (the interface) responsive.

The build process and its workers die with the process that started them: the build process
leads its own process group, checks every second that its parent is still there and, when it
is gone, kills the whole group; the parent kills the group when it stops the build itself.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path
from typing import Any

from reader.corpus import Problem, SourceFile
from reader.search.build import (
    BuildFailed,
    Counts,
    Plan,
    ProgressCallback,
    StopCallback,
    Writer,
    Written,
    open_index,
)
from reader.search.engine import Progress
from reader.search.store import MANIFEST, STOP, Manifest, save_words

_COMMAND = "import reader.search.child as c; c.main()"
_WATCH_SECONDS = 1.0


def build_in_child(
    articles_dir: Path,
    generation: Path,
    plan: Plan,
    progress: ProgressCallback,
    should_stop: StopCallback,
    engine: str = "whoosh",
) -> Written:
    """Run a big build in a fresh `python` process (which may fork Whoosh's index workers).

    Raises OSError for what the build process reports as one (a full disk), BuildFailed for
    any other failure; the build process and its workers never outlive the call.
    """
    if should_stop is not None and should_stop():
        return Written(Counts(True, 0, 0, 0))
    job = {
        "articles_dir": str(articles_dir),
        "generation": str(generation),
        "parent": os.getpid(),
        "engine": engine,
        "files": [[f.rel, f.id, f.mtime_ns, f.size] for f in plan.load],
    }
    process = subprocess.Popen(
        [sys.executable, "-c", _COMMAND],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        start_new_session=True,
    )
    errors: list[str] = []
    stderr, stdin, stdout = process.stderr, process.stdin, process.stdout
    assert stderr is not None and stdin is not None and stdout is not None
    reader_thread = threading.Thread(target=lambda: errors.append(stderr.read()), daemon=True)
    reader_thread.start()
    try:
        stdin.write(json.dumps(job))
        stdin.close()
        result = _follow(stdout, generation / STOP, progress, should_stop)
        process.wait()
    except BaseException:
        _kill_group(process)
        raise
    reader_thread.join(timeout=5)
    return _written(process.returncode, result, errors, plan)


def _written(code: int, result: dict[str, Any] | None, errors: list[str], plan: Plan) -> Written:
    """What the build process reported, or the error it reported (raised)."""
    if result is not None and "error" in result:
        number, text = result["error"]
        if number is not None:
            raise OSError(number, text)
        raise BuildFailed(text)
    if code != 0 or result is None:
        tail = (errors[0] if errors else "").strip().splitlines()[-1:]
        raise BuildFailed(f"the index build failed ({'; '.join(tail) or code})")
    problems = [Problem(Path(p), r, sev) for p, r, sev in result["problems"]]
    stopped, added, changed, deleted, unchanged = result["result"]
    plan.unchanged += unchanged
    return Written(Counts(stopped, added, changed, deleted), problems)


def _kill_group(process: subprocess.Popen[str]) -> None:
    """Kill the build process and every worker it forked (its process group), before the
    build process is waited for (so its group id cannot belong to anyone else)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def _follow(
    lines: Any, stop_file: Path, progress: ProgressCallback, should_stop: StopCallback
) -> dict[str, Any] | None:
    """Relay the child's progress messages; touch its stop file when asked to stop; its
    result or error message (None if it sent none)."""
    result = None
    for line in lines:
        try:
            message = json.loads(line)
        except ValueError:
            continue
        if "progress" in message and progress is not None:
            done, total, rate, eta = message["progress"]
            progress(Progress(done, total, rate, eta))
        elif "result" in message or "error" in message:
            result = message
        if should_stop is not None and should_stop() and not stop_file.exists():
            stop_file.touch()
    return result


# ---------------------------------------------------------------------------- in the child


_LEADER = 0
"""The build process's id, in it and in the workers it forks (its process group's id)."""
_WATCHED = 0
"""The process whose end ends this one: the build process's parent, or a worker's parent."""


def _watch_parent(parent: int) -> None:
    """Check every second that `parent` is still this process's parent; when it is not, kill
    the build's process group (this process and the workers)."""
    global _WATCHED
    _WATCHED = parent
    if os.getppid() != parent:
        _end_group()
    signal.signal(signal.SIGALRM, _check_parent)
    signal.setitimer(signal.ITIMER_REAL, _WATCH_SECONDS, _WATCH_SECONDS)


def _check_parent(signum: int, frame: object) -> None:
    if os.getppid() != _WATCHED:
        _end_group()


def _end_group() -> None:
    """Kill the build's process group, never any other."""
    if _LEADER and os.getpgrp() == _LEADER:
        os.killpg(_LEADER, signal.SIGKILL)
    os._exit(1)


def _after_fork() -> None:
    """In a forked index worker: watch the build process (timers are not inherited)."""
    _watch_parent(os.getppid())


def main() -> None:
    """The build process started by `build_in_child`: reads the job from stdin, writes the
    index, manifest and vocabulary into the new generation, reports on stdout (a result, or
    an error: an OSError's number and text, or a failure's message)."""
    global _LEADER
    job = json.loads(sys.stdin.read())
    if os.getpgrp() == os.getpid():
        _LEADER = os.getpid()
    if hasattr(signal, "setitimer"):
        _watch_parent(int(job["parent"]))
        os.register_at_fork(after_in_child=_after_fork)
    try:
        message = _build(job)
    except OSError as exc:
        message = {"error": [exc.errno, exc.strerror or str(exc)]}
    except Exception as exc:
        message = {"error": [None, f"{type(exc).__name__}: {exc}"]}
    if hasattr(signal, "setitimer"):
        # Stop watching: the interpreter's shutdown restores SIGALRM's default action, so a
        # tick during a slow shutdown (tantivy's threads ending) would kill the process.
        signal.setitimer(signal.ITIMER_REAL, 0)
    print(json.dumps(message), flush=True)
    for worker in multiprocessing.active_children():  # stuck after a failure
        worker.kill()
    if "error" in message:
        os._exit(1)


def _build(job: dict[str, Any]) -> dict[str, Any]:
    """Write the job's files into its generation; the result message."""
    articles_dir = Path(job["articles_dir"])
    generation = Path(job["generation"])
    files = [SourceFile(articles_dir, r, i, m, s) for r, i, m, s in job["files"]]
    plan = Plan(files, 0, [], "build")
    manifest, words = Manifest.empty(), Counter[str]()
    stop_file = generation / STOP

    def report(p: Progress) -> None:
        print(json.dumps({"progress": [p.done, p.total, p.rate, p.eta]}), flush=True)

    engine = job.get("engine", "whoosh")
    forkable = "fork" in multiprocessing.get_all_start_methods() and (os.cpu_count() or 1) > 1
    forkable = forkable and engine == "whoosh"  # tantivy writes in its own threads
    if forkable:  # this process has one thread, so forking index workers is safe
        multiprocessing.set_start_method("fork", force=True)
    ix = open_index(engine, generation, create=True)
    writer = Writer(articles_dir, manifest, words, plan)
    try:
        counts = writer.write(ix, report, stop_file.exists, procs=2 if forkable else 1)
    finally:
        ix.close()
    manifest.save(generation / MANIFEST)
    save_words(generation, words)
    problems = [[str(p.path), p.reason, p.severity] for p in writer.problems]
    return {"result": [*counts, plan.unchanged], "problems": problems}
