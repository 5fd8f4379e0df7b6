"""The index: incremental updates, rebuilds after format changes and corruption, locks."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import reader.search.store as store_module
import reader.search.whoosh_engine as engine_module
from reader.corpus import ArticleNotFound, scan
from reader.search import Library, Progress, open_library, search
from reader.search.folder import CURRENT, LOCK


def write(
    folder: Path,
    name: str,
    title: str,
    body: str,
    outlet: str | None = None,
    date: str | None = None,
) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    meta = (
        [f"title: {title}"]
        + ([f"outlet: {outlet}"] if outlet else [])
        + ([f"date: {date}"] if date else [])
    )
    path.write_text("---\n" + "\n".join(meta) + "\n---\n" + body + "\n", encoding="utf-8")
    return path


def write_two_reports(folder: Path) -> None:
    """Sputnik's and TRT World's reports of the Russian strikes, as two files of `folder`."""
    write(
        folder,
        "moscow.md",
        "Moscow defends air strikes",
        "Russia said its air strikes in Syria hit militant targets near Homs. "
        "The parliament backed them.",
        "Sputnik",
        "2015-10-02",
    )
    write(
        folder,
        "ankara.md",
        "Ankara protests airspace violation",
        "Turkey summoned the Russian ambassador over a violation of its airspace.",
        "TRT World",
        "2015-10-05",
    )


def bump_mtime(path: Path) -> None:
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    write(
        folder,
        "moscow.md",
        "Moscow defends air strikes",
        "Russia said its air strikes in Syria hit militant targets near Homs.",
        "Sputnik",
        "2015-10-02",
    )
    write(
        folder,
        "ankara.md",
        "Ankara protests airspace violation",
        "Turkey summoned the Russian ambassador over a violation of its airspace.",
        "TRT World",
        "2015-10-05",
    )
    write(
        folder,
        "world/geneva.txt",
        "Talks in Geneva",
        "Diplomats met in Geneva to discuss a ceasefire in Syria.",
        None,
        "2016-02",
    )
    return folder


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p): (p.stat().st_mtime_ns, p.stat().st_size) for p in folder.rglob("*")}


def ids(library: Library, query: str) -> set[str]:
    return {hit.id for hit in search(library, query).hits}


def test_first_update_builds_the_index_in_the_cache_folder_and_leaves_articles_alone(
    corpus: Path, isolated_folders: Path
):
    before = snapshot(corpus)
    library = open_library(corpus)
    assert library.needs_update()
    assert library.catalog() == []
    report = library.update()
    assert (report.added, report.rebuilt, report.reason) == (3, True, "no index yet")
    assert library.index_dir.is_relative_to(isolated_folders / "cache")
    assert snapshot(corpus) == before
    assert not library.needs_update()
    entries = {entry.id: entry for entry in library.catalog()}
    assert set(entries) == {"moscow", "ankara", "world/geneva"}
    assert entries["moscow"].outlet == "Sputnik"
    assert entries["moscow"].date == "2015-10-02"
    assert entries["world/geneva"].rel == "world/geneva.txt"


def test_index_folder_can_be_chosen(corpus: Path, tmp_path: Path):
    library = open_library(corpus, tmp_path / "my-index")
    library.update()
    assert (tmp_path / "my-index" / CURRENT).is_file()
    assert ids(library, "airspace") == {"ankara"}


def test_unchanged_corpus_is_not_reindexed(corpus: Path):
    library = open_library(corpus)
    library.update()
    report = open_library(corpus).update()
    assert (report.added, report.changed, report.deleted, report.unchanged) == (0, 0, 0, 3)
    assert not report.rebuilt


def test_added_changed_deleted_and_renamed_files(corpus: Path):
    library = open_library(corpus)
    library.update()
    write(corpus, "new.md", "Kerry meets Lavrov", "Kerry and Lavrov met in Vienna.")
    moscow = write(
        corpus,
        "moscow.md",
        "Moscow defends air strikes",
        "Russia said the bombing campaign would go on.",
        "Sputnik",
        "2015-10-02",
    )
    bump_mtime(moscow)
    (corpus / "ankara.md").unlink()
    (corpus / "world" / "geneva.txt").rename(corpus / "world" / "talks.txt")
    assert library.needs_update()
    report = library.update()
    assert (report.added, report.changed, report.deleted, report.unchanged) == (2, 1, 2, 0)
    assert not report.rebuilt
    assert {e.id for e in library.catalog()} == {"moscow", "new", "world/talks"}
    assert ids(library, "vienna") == {"new"}
    assert ids(library, "bombing") == {"moscow"}
    assert ids(library, "homs") == set()
    assert ids(library, "airspace") == set()
    assert ids(library, "geneva") == {"world/talks"}
    assert not library.needs_update()


def test_touched_file_with_the_same_text_counts_as_unchanged(corpus: Path):
    library = open_library(corpus)
    library.update()
    bump_mtime(corpus / "moscow.md")
    assert library.needs_update()
    report = library.update()
    assert (report.added, report.changed, report.unchanged) == (0, 0, 3)
    assert not library.needs_update()


def test_bad_files_are_reported_every_time_but_not_reread(corpus: Path):
    (corpus / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    library = open_library(corpus)
    first = library.update()
    assert [p.path.name for p in first.problems] == ["broken.txt"]
    assert not library.needs_update()
    second = library.update()
    assert [p.reason for p in second.problems] == [p.reason for p in first.problems]
    (corpus / "broken.txt").write_text("Now it is an article about Syria.", encoding="utf-8")
    bump_mtime(corpus / "broken.txt")
    third = library.update()
    assert third.added == 1 and third.problems == []


def test_file_that_becomes_unreadable_leaves_the_index(corpus: Path):
    library = open_library(corpus)
    library.update()
    (corpus / "ankara.md").write_bytes(b"")
    report = library.update()
    assert report.deleted == 1
    assert "ankara" not in {e.id for e in library.catalog()}
    assert [p.reason for p in report.problems] == ["empty file"]


def test_format_version_change_rebuilds(corpus: Path, monkeypatch: pytest.MonkeyPatch):
    open_library(corpus).update()
    monkeypatch.setattr(store_module, "FORMAT_VERSION", store_module.FORMAT_VERSION + 1)
    library = open_library(corpus)
    assert library.needs_update()
    report = library.update()
    assert report.rebuilt and "format changed" in report.reason
    assert report.added == 3
    assert not library.needs_update()


def _generation(library: Library) -> Path:
    return library.index_dir / (library.index_dir / CURRENT).read_text().strip()


def test_truncated_table_of_contents_is_detected_and_rebuilt(corpus: Path):
    library = open_library(corpus)
    library.update()
    toc = next(_generation(library).glob("*.toc"))
    toc.write_bytes(toc.read_bytes()[:20])
    assert library.needs_update()
    report = library.update()
    assert report.rebuilt and report.reason.startswith("index was corrupt")
    assert ids(library, "airspace") == {"ankara"}


def test_missing_segment_is_reported_on_search_and_rebuilt(corpus: Path):
    library = open_library(corpus)
    library.update()
    library.close()
    for segment in _generation(library).glob("*.seg"):
        segment.unlink()
    result = search(open_library(corpus), "airspace")
    assert result.hits == [] and "damaged" in result.error
    assert library.needs_update()
    report = library.update()
    assert report.rebuilt and "missing" in report.reason
    assert ids(library, "airspace") == {"ankara"}


def _hold_lock(path: Path) -> subprocess.Popen:
    code = (
        "import sys; from whoosh.util.filelock import FileLock; "
        f"lock = FileLock({str(path)!r}); assert lock.acquire(); "
        "print('locked', flush=True); sys.stdin.read()"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout.readline().strip() == "locked"
    return holder


def test_locked_index_is_reported_and_stays_searchable(corpus: Path):
    library = open_library(corpus)
    library.update()
    write(corpus, "new.md", "Kerry meets Lavrov", "Kerry and Lavrov met in Vienna.")
    holder = _hold_lock(library.index_dir / LOCK)
    try:
        report = open_library(corpus).update(rebuild=True)
        assert (report.added, report.rebuilt) == (0, False)
        assert "another reader is updating" in report.problems[0].reason
        assert ids(open_library(corpus), "airspace") == {"ankara"}
    finally:
        holder.communicate("")
    assert library.update().added == 1


def test_stopped_rebuild_keeps_the_old_index(corpus: Path):
    library = open_library(corpus)
    library.update()
    old = _generation(library)
    report = library.update(rebuild=True, should_stop=lambda: True)
    assert not report.rebuilt
    assert _generation(library) == old
    assert [p.name for p in library.index_dir.iterdir() if p.name.startswith("g-")] == [old.name]
    assert ids(library, "airspace") == {"ankara"}


def test_stopped_first_build_keeps_what_was_done_and_resumes(corpus: Path):
    library = open_library(corpus)
    calls = iter([False, True])
    report = library.update(should_stop=lambda: next(calls, True))
    assert report.added == 1
    assert len(library.catalog()) == 1
    assert library.needs_update()
    assert library.update().added == 2


def test_progress_is_reported_to_the_end(corpus: Path):
    seen: list[Progress] = []
    open_library(corpus).update(progress=seen.append)
    assert seen[-1].done == seen[-1].total == 3
    assert seen[-1].eta == 0


def test_article_loads_the_cleaned_text_by_id(corpus: Path):
    library = open_library(corpus)
    library.update()
    article = library.article("world/geneva")
    assert article.title == "Talks in Geneva"
    assert article.text.startswith("Diplomats met in Geneva")
    with pytest.raises(ArticleNotFound):
        library.article("nowhere")


def test_opening_is_fast_because_it_reads_nothing(tmp_path: Path):
    missing = tmp_path / "not-there"
    library = open_library(missing)
    assert library.catalog() == []
    assert library.needs_update()
    report = library.update()
    assert report.added == 0
    assert "not found" in report.problems[0].reason


def test_searching_without_an_index_says_what_to_do(corpus: Path):
    result = search(open_library(corpus), "syria")
    assert result.hits == [] and "reader index" in result.error


def test_searcher_sees_updates_made_by_another_library(corpus: Path):
    reading = open_library(corpus)
    reading.update()
    assert ids(reading, "vienna") == set()
    write(corpus, "new.md", "Kerry meets Lavrov", "Kerry and Lavrov met in Vienna.")
    time.sleep(0.01)
    open_library(corpus).update()
    assert ids(reading, "vienna") == {"new"}


def test_scan_finds_articles_ids_and_problems_by_stat_data_only(tmp_path: Path):
    root = tmp_path / "articles"
    write(root, "World News/Story One.md", "A", "Text one.")
    write(root, "world news/story one.txt", "B", "Text two.")  # the same id
    write(root, ".hidden/secret.md", "C", "Hidden.")
    write(root, "notes.rtf", "D", "Not an article.")
    write(root, "a/b/c.v2.TXT", "E", "Deep.")
    (root / "a" / "loop").symlink_to(root / "a")
    (root / "dangling.md").symlink_to(tmp_path / "missing.md")
    files, problems = scan(root)
    assert sorted((f.id, f.rel) for f in files) == [
        ("a/b/c.v2", "a/b/c.v2.TXT"),
        ("world-news/story-one", "World News/Story One.md"),
    ]
    assert all(f.path == root / f.rel and f.size == f.path.stat().st_size for f in files)
    reasons = sorted(p.reason.split(" (")[0].split(":")[0] for p in problems)
    assert reasons == [
        "broken or looping symlink",
        "duplicate id 'world-news/story-one'",
        "symlink loop",
    ]


def test_large_builds_run_in_a_child_process_with_the_same_result(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(engine_module, "MULTIPROCESS_MIN", 2)
    (corpus / "broken.txt").write_bytes(b"\x00\x01binary")
    seen: list[Progress] = []
    library = open_library(corpus)
    report = library.update(progress=seen.append)
    assert (report.added, report.rebuilt) == (3, True)
    assert [p.path.name for p in report.problems] == ["broken.txt"]
    assert seen[-1].done == seen[-1].total == 4
    assert ids(library, "airspace") == {"ankara"}
    assert {e.id for e in library.catalog()} == {"moscow", "ankara", "world/geneva"}
    assert not library.needs_update()
    assert library.update(rebuild=True, should_stop=lambda: True).reason.startswith("stopped")
    assert ids(library, "airspace") == {"ankara"}


def test_damaged_manifest_is_rebuilt(corpus: Path):
    library = open_library(corpus)
    library.update()
    (_generation(library) / store_module.MANIFEST).write_bytes(b"\x80\x04garbage")
    fresh = open_library(corpus)
    assert fresh.catalog() == []
    assert fresh.needs_update()
    report = fresh.update()
    assert report.rebuilt and "manifest unreadable" in report.reason
    assert len(fresh.catalog()) == 3
