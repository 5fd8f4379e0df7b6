"""A damaged, hostile or unwritable index: no data loss, no traceback, a clear message, and the
next `reader index` repairs what it can.

Damage is made by fixtures and helpers below; crashes are simulated by raising an exception the
reader cannot catch (as a `kill -9` would stop it) at the moment in question; the command line
runs as a subprocess with its own cache and config folders.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from whoosh.filedb.filestore import FileStorage

import reader.search.child as child_module
import reader.search.store as store_module
import reader.search.whoosh_engine as engine_module
from reader.search import Library, open_library, search
from reader.search.folder import CURRENT, LOCK, OWNER
from tests.test_index import bump_mtime, write


class Killed(BaseException):
    """Stands for the process being killed: nothing in the reader catches it."""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    for number in range(6):
        write(
            folder,
            f"story-{number}.md",
            f"Moscow defends air strikes, part {number}",
            "Russia said its air strikes in Syria hit militant targets near Homs. " * 8
            + f"Officials in Ankara protested number {number}.",
            "Sputnik",
            f"2015-10-0{number + 1}",
        )
    return folder


@pytest.fixture
def library(corpus: Path, tmp_path: Path) -> Library:
    found = open_library(corpus, tmp_path / "home" / "index")
    report = found.update()
    assert report.added == 6
    return found


def live(library: Library) -> Path:
    generation = library.generation()  # type: ignore[attr-defined]
    assert generation is not None
    return generation


def hits(library: Library, query: str) -> set[str]:
    result = search(library, query)
    assert result.error is None, result.error
    return {hit.id for hit in result.hits}


def tree(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "READER_CACHE_DIR": str(tmp_path / "cli-cache"),
        "READER_CONFIG_DIR": str(tmp_path / "cli-config"),
    }
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def no_traceback(done: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in done.stderr + done.stdout, done.stderr


# ---------------------------------------------------------------------------- data loss


@pytest.mark.parametrize(
    "content",
    [b"..", b".", b"../..", b"/", b"ABSOLUTE", b"articles/x", b"g-1/../..", b"\xff\xfe\x80"],
    ids=["dotdot", "dot", "dotdot2", "root", "absolute", "slash", "tricky", "not-utf8"],
)
def test_current_never_makes_the_reader_delete_anything_else(
    library: Library, corpus: Path, tmp_path: Path, content: bytes
):
    sentinel = tmp_path / "home" / "notes.txt"
    sentinel.write_text("the user's notes")
    victim = tmp_path / "victim"
    (victim / "g-20200101000000-abcdef").mkdir(parents=True)
    (victim / "g-20200101000000-abcdef" / "keep.txt").write_text("keep")
    articles_before = tree(corpus)
    if content == b"ABSOLUTE":
        content = str(victim).encode()
    (library.index_dir / CURRENT).write_bytes(content)
    assert library.health() is not None
    assert "damaged" in (search(library, "homs").error or "")
    report = library.update()
    assert report.rebuilt and report.reason.startswith("index was corrupt")
    assert sentinel.read_text() == "the user's notes"
    assert tree(corpus) == articles_before
    assert (victim / "g-20200101000000-abcdef" / "keep.txt").exists()
    assert library.health() is None
    assert len(hits(library, "homs")) == 6
    report = library.update(rebuild=True)  # and the generation it just built survives
    assert report.rebuilt and len(hits(library, "homs")) == 6


def test_a_link_named_like_a_generation_is_never_followed_when_removing(
    library: Library, tmp_path: Path
):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "precious.txt").write_text("precious")
    (library.index_dir / "g-20200101000000-abcdef").symlink_to(outside)
    (library.index_dir / CURRENT).write_text("g-20200101000000-abcdef")
    report = library.update()
    assert report.rebuilt
    assert (outside / "precious.txt").read_text() == "precious"
    assert len(hits(library, "homs")) == 6


def test_an_index_folder_holding_other_files_is_refused(corpus: Path, tmp_path: Path):
    home = tmp_path / "documents"
    home.mkdir()
    (home / "letter.txt").write_text("dear")
    (home / "g-20200101000000-abcdef").mkdir()  # looks like a generation, is not the reader's
    library = open_library(corpus, home)
    report = library.update()
    assert report.added == 0 and "did not make" in report.problems[-1].reason
    assert tree(home) == {"letter.txt", "g-20200101000000-abcdef"}
    done = cli(tmp_path, "index", "--articles", str(corpus), "--index", str(home))
    no_traceback(done)
    assert done.returncode == 1 and "did not make" in done.stdout + done.stderr


def test_an_index_made_before_the_owner_mark_is_adopted(library: Library):
    (library.index_dir / OWNER).unlink()
    assert library.update(rebuild=True).rebuilt
    assert (library.index_dir / OWNER).is_file()
    assert [p.name for p in library.index_dir.iterdir() if p.name.startswith("g-")] == [
        live(library).name
    ]


# ---------------------------------------------------------------------------- atomic updates


def _change_every_article(corpus: Path) -> None:
    for path in sorted(corpus.glob("*.md")):
        text = path.read_text().replace("Homs", "Aleppo")
        path.write_text(text)
        bump_mtime(path)


def test_crash_before_the_commit_leaves_index_and_manifest_as_they_were(
    library: Library, corpus: Path, monkeypatch: pytest.MonkeyPatch
):
    _change_every_article(corpus)

    def killed(*args: object, **kwargs: object) -> None:
        raise Killed

    with monkeypatch.context() as patch:
        patch.setattr("whoosh.writing.SegmentWriter.commit", killed)
        with pytest.raises(Killed):
            library.update()
    fresh = open_library(corpus, library.index_dir)
    assert fresh.health() is None and fresh.needs_update()
    assert len(hits(fresh, "homs")) == 6 and hits(fresh, "aleppo") == set()
    report = fresh.update()
    assert (report.changed, report.rebuilt) == (6, False)
    assert hits(fresh, "homs") == set() and len(hits(fresh, "aleppo")) == 6


def test_crash_between_the_commit_and_the_manifest_is_detected_and_repaired(
    library: Library, corpus: Path, monkeypatch: pytest.MonkeyPatch
):
    _change_every_article(corpus)
    write(corpus, "new.md", "Kerry meets Lavrov", "Kerry and Lavrov met in Vienna. " * 5)

    def killed(self: object, path: Path) -> None:
        raise Killed

    with monkeypatch.context() as patch:
        patch.setattr(store_module.Manifest, "save", killed)
        with pytest.raises(Killed):
            library.update()
    fresh = open_library(corpus, library.index_dir)
    assert "does not match" in (fresh.health() or "")
    assert fresh.needs_update()
    report = fresh.update()
    assert report.rebuilt and "interrupted" in report.reason
    assert hits(fresh, "homs") == set() and len(hits(fresh, "aleppo")) == 6
    assert hits(fresh, "vienna") == {"new"}
    assert not fresh.needs_update()
    assert fresh.update().indexed == 0


def test_a_build_that_loses_articles_is_not_made_live(
    library: Library, corpus: Path, monkeypatch: pytest.MonkeyPatch
):
    real = store_module.stamp_of

    def short(ix: object) -> store_module.Stamp:
        found = real(ix)
        return found._replace(documents=found.documents - 1)

    monkeypatch.setattr("reader.search.build.stamp_of", short)
    old = live(library)
    report = library.update(rebuild=True)
    assert not report.rebuilt and "articles where" in report.problems[-1].reason
    assert live(library) == old and len(hits(library, "homs")) == 6
    assert [p.name for p in library.index_dir.iterdir() if p.name.startswith("g-")] == [old.name]


# ---------------------------------------------------------------------------- damaged files


def test_truncated_segment_is_repaired_by_a_plain_index_command(
    library: Library, corpus: Path, tmp_path: Path
):
    library.close()
    segment = next(live(library).glob("*.seg"))
    segment.write_bytes(segment.read_bytes()[: segment.stat().st_size // 2])
    done = cli(tmp_path, "index", "--articles", str(corpus), "--index", str(library.index_dir))
    no_traceback(done)
    assert done.returncode == 0 and "Rebuilt the index (index was corrupt" in done.stdout
    assert len(hits(open_library(corpus, library.index_dir), "homs")) == 6


def _garble_until_search_fails(library: Library, corpus: Path) -> str:
    """Flip bytes of the segment file, a stretch at a time, until a search fails on what the
    start-up check cannot see (such as a zlib error in stored text); the error."""
    library.close()
    segment = next(live(library).glob("*.seg"))
    original = segment.read_bytes()
    for offset in range(12, len(original) - 64, 61):
        data = bytearray(original)
        data[offset : offset + 16] = bytes(b ^ 0x5A for b in data[offset : offset + 16])
        segment.write_bytes(bytes(data))
        fresh = open_library(corpus, library.index_dir)
        error = search(fresh, "russia homs").error if fresh.health() is None else None
        fresh.close()
        if error:
            return error
    pytest.skip("no garbling made a search fail")


def test_garbled_segment_gives_a_message_and_a_plain_index_command_repairs_it(
    library: Library, corpus: Path, tmp_path: Path
):
    error = _garble_until_search_fails(library, corpus)
    assert "damaged" in error and "run `reader index`" in error
    args = ["--articles", str(corpus), "--index", str(library.index_dir)]
    done = cli(tmp_path, "index", *args)
    no_traceback(done)
    assert "Rebuilt the index (index was corrupt" in done.stdout
    done = cli(tmp_path, "search", *args, "homs")
    no_traceback(done)
    assert done.returncode == 0 and "6 articles match" in done.stdout


def test_garbage_current_through_the_command_line(library: Library, corpus: Path, tmp_path: Path):
    (library.index_dir / CURRENT).write_bytes(b"\xff\xfe\x00garbage\x1b[2J")
    args = ["--articles", str(corpus), "--index", str(library.index_dir)]
    done = cli(tmp_path, "search", *args, "homs")  # search repairs it on its way
    no_traceback(done)
    assert done.returncode == 0 and "Rebuilt the index (index was corrupt: CURRENT" in done.stderr


def test_lock_that_is_a_folder(library: Library, corpus: Path, tmp_path: Path):
    lock = library.index_dir / LOCK
    lock.unlink(missing_ok=True)
    lock.mkdir()
    write(corpus, "new.md", "Kerry meets Lavrov", "Kerry and Lavrov met in Vienna. " * 5)
    assert library.update().added == 1  # an empty folder in its place is removed
    lock.unlink()
    lock.mkdir()
    (lock / "something").write_text("not ours")
    report = library.update(rebuild=True)
    assert not report.rebuilt and "is a folder" in report.problems[-1].reason
    assert (lock / "something").exists()
    done = cli(tmp_path, "index", "--articles", str(corpus), "--index", str(library.index_dir))
    no_traceback(done)
    assert done.returncode == 1 and "is a folder" in done.stdout
    assert hits(library, "vienna") == {"new"}


def _failing_writes(number: int, monkeypatch: pytest.MonkeyPatch) -> None:
    def create_file(self: object, name: str, **kwargs: object) -> object:
        raise OSError(number, os.strerror(number))

    monkeypatch.setattr(FileStorage, "create_file", create_file)


@pytest.mark.parametrize("rebuild", [False, True], ids=["update", "rebuild"])
def test_full_disk_keeps_the_index_and_says_what_to_do(
    library: Library, corpus: Path, monkeypatch: pytest.MonkeyPatch, rebuild: bool
):
    old = live(library)
    _change_every_article(corpus)
    with monkeypatch.context() as patch:
        _failing_writes(errno.ENOSPC, patch)
        report = library.update(rebuild=rebuild)
    assert (report.indexed, report.rebuilt) == (0, False)
    assert "full" in report.problems[-1].reason and "free some space" in report.problems[-1].reason
    assert live(library) == old and len(hits(library, "homs")) == 6
    assert [p.name for p in library.index_dir.iterdir() if p.name.startswith("g-")] == [old.name]
    assert library.update().changed == 6 and len(hits(library, "aleppo")) == 6


def test_read_only_index_folder_still_searches_and_says_why_it_cannot_update(
    library: Library, corpus: Path, monkeypatch: pytest.MonkeyPatch
):
    write(corpus, "new.md", "Kerry meets Lavrov", "Kerry and Lavrov met in Vienna. " * 5)
    with monkeypatch.context() as patch:
        _failing_writes(errno.EROFS, patch)
        report = library.update()
        assert report.added == 0 and "cannot be written" in report.problems[-1].reason
        assert len(hits(library, "homs")) == 6
    assert library.update().added == 1


def test_unwritable_cache_folder_is_reported(corpus: Path, monkeypatch: pytest.MonkeyPatch):
    def mkdir(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    library = open_library(corpus)
    with monkeypatch.context() as patch:
        patch.setattr(Path, "mkdir", mkdir)
        report = library.update()
    assert "cannot be written" in report.problems[-1].reason
    assert "no index yet" in (search(library, "homs").error or "")


def test_an_empty_index_can_be_searched_again_and_again(tmp_path: Path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02")
    library = open_library(folder)
    library.update()
    for _ in range(3):
        result = search(library, "russia")
        assert (result.total, result.error) == (0, None)


# ---------------------------------------------------------------------------- names and children


def test_file_name_that_is_not_utf8_does_not_stop_the_index(corpus: Path, tmp_path: Path):
    name = os.fsdecode(b"caf\xe9-\xff.md")
    write(corpus, name, "Bad name", "Russia said its air strikes in Syria hit targets. " * 5)
    library = open_library(corpus, tmp_path / "index")
    report = library.update()
    assert report.added >= 6
    ids = [entry.id for entry in library.catalog()]
    for found in ids:
        found.encode("utf-8")  # every id the index holds is valid text
    named = [p for p in report.problems if "caf" in os.fsencode(p.path).decode("latin-1")]
    assert report.added == 7 or named, "the file is either indexed or reported"
    assert len(hits(library, "homs")) == 6
    done = cli(tmp_path, "index", "--articles", str(corpus), "--index", str(tmp_path / "i2"))
    no_traceback(done)


_HANG_IN_BUILD = textwrap.dedent(
    """
    import os, sys, time
    marker = os.environ.get("READER_TEST_HANG_BUILD")
    if marker and sys.argv[:1] == ["-c"]:
        import reader.search.build as build
        def hang(*args, **kwargs):
            open(marker, "w").close()
            while True:
                time.sleep(0.05)
        build.load_article = hang
    """
)

_PARENT = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    import reader.search.whoosh_engine as engine
    from reader.search import open_library
    engine.MULTIPROCESS_MIN = 1
    print("parent-ready", flush=True)
    open_library(Path(sys.argv[1]), Path(sys.argv[2])).update()
    """
)


def _session_members(session: int) -> list[int]:
    members = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) == session and fields[0] != "Z":  # field 6 is the session id
                members.append(int(entry.name))
    return members


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_killing_the_parent_leaves_no_build_process_running(corpus: Path, tmp_path: Path):
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(_HANG_IN_BUILD)
    (tmp_path / "parent.py").write_text(_PARENT)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(hooks), os.environ.get("PYTHONPATH", "")]),
        "READER_TEST_HANG_BUILD": str(tmp_path / "build-started"),
    }
    parent = subprocess.Popen(
        [sys.executable, str(tmp_path / "parent.py"), str(corpus), str(tmp_path / "index")],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert parent.stdout is not None
        assert parent.stdout.readline().strip() == "parent-ready"
        for _ in range(3000):  # until the child is building (or the parent is gone)
            if (tmp_path / "build-started").exists() or parent.poll() is not None:
                break
            subprocess.run(["sleep", "0.1"])
        assert (tmp_path / "build-started").exists(), parent.stderr.read()  # type: ignore[union-attr]
        children = [
            int(pid)
            for pid in Path(f"/proc/{parent.pid}/task/{parent.pid}/children").read_text().split()
        ]
        assert len(children) == 1
        build = children[0]
        assert _session_members(build)  # the build leads its own session
        parent.kill()
        parent.wait()
        # The build process notices within a second or so; wait generously, assert nothing
        # about the time it took.
        for _ in range(600):
            if not _session_members(build):
                break
            subprocess.run(["sleep", "0.1"])
        assert _session_members(build) == []
    finally:
        parent.kill()
        parent.wait()


def test_build_child_reports_a_full_disk_as_an_error(
    library: Library, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(engine_module, "MULTIPROCESS_MIN", 1)

    def fake_child(*args: object, **kwargs: object) -> None:
        return child_module._written(1, {"error": [errno.ENOSPC, "No space left"]}, [], None)  # type: ignore[arg-type]

    monkeypatch.setattr(child_module, "build_in_child", fake_child)
    old = live(library)
    report = library.update(rebuild=True)
    assert not report.rebuilt and "full" in report.problems[-1].reason
    assert live(library) == old


def test_a_dead_index_worker_stops_the_build_instead_of_hanging_it():
    import queue

    from reader.search.build import BuildFailed, _guard_queue

    class Full:
        def put(self, item: object, block: bool = True, timeout: float | None = None) -> None:
            raise queue.Full

    class Worker:
        exitcode: int | None = None

    class MpWriter:
        jobqueue = Full()
        tasks = [Worker(), Worker()]

    writer = MpWriter()
    _guard_queue(writer)
    writer.tasks[1].exitcode = 1  # a worker killed by a full disk, the queue full for ever
    with pytest.raises(BuildFailed, match="worker stopped"):
        writer.jobqueue.put(("job", 100))
