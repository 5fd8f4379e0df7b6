"""The two search engines: which one a corpus gets, switching, updates, the same answers."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reader.search.choice as choice_module
from reader.config import ConfigError, config_dir
from reader.search import Hit, Library, open_library, search, similar
from reader.search.tantivy_index import available
from tests.test_attack_queries import _QUERY_PIECES as QUERY_PIECES
from tests.test_attack_queries import ATTACKS
from tests.test_index import write, write_two_reports
from tests.test_search import ENGINES

needs_tantivy = pytest.mark.skipif(not available(), reason="tantivy is not installed")


@pytest.fixture(autouse=True)
def no_engine_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(choice_module.ENVIRONMENT, raising=False)


def _corpus(folder: Path) -> Path:
    write(
        folder, "a.md", "Ceasefire in Syria", "The ceasefire held in Aleppo.", "Sputnik", "2016-02"
    )
    write(folder, "b.md", "Talks resume", "Talks on the ceasefire resumed.", "TRT World", "2016-03")
    write(folder, "c.md", "Markets", "Shares rose in Tokyo.", "Press TV", "2016-03-04")
    return folder


@needs_tantivy
def test_auto_gives_large_corpora_tantivy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _corpus(tmp_path / "articles")
    small = open_library(folder, tmp_path / "small")
    assert small.engine == "whoosh"  # 3 articles: under TANTIVY_MIN
    small.update()
    monkeypatch.setattr(choice_module, "TANTIVY_MIN", 3)
    large = open_library(folder, tmp_path / "large")  # no index yet, 3 files
    assert large.engine == "tantivy"
    large.update()
    assert {h.id for h in search(large, "ceasefire").hits} == {"a", "b"}
    grown = open_library(folder, tmp_path / "small")  # a Whoosh index of 3 articles
    assert grown.engine == "tantivy" and grown.health() == (
        "the search engine changed (whoosh -> tantivy)"
    )
    monkeypatch.setattr(choice_module, "TANTIVY_MIN", 100)
    assert open_library(folder, tmp_path / "large").engine == "tantivy"  # a tantivy index


def test_the_setting_and_the_environment_choose(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _corpus(tmp_path / "articles")
    config_dir().mkdir(parents=True, exist_ok=True)
    (config_dir() / "config.yaml").write_text("search_engine: whoosh\n", encoding="utf-8")
    monkeypatch.setattr(choice_module, "TANTIVY_MIN", 1)
    assert open_library(folder, tmp_path / "index").engine == "whoosh"
    (config_dir() / "config.yaml").write_text("search_engine: lucene\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown search engine 'lucene'"):
        open_library(folder, tmp_path / "index")
    if available():
        monkeypatch.setenv(choice_module.ENVIRONMENT, "tantivy")
        assert open_library(folder, tmp_path / "index").engine == "tantivy"


@needs_tantivy
@pytest.mark.parametrize("old, new", [("whoosh", "tantivy"), ("tantivy", "whoosh")])
def test_forcing_another_engine_rebuilds_the_index(tmp_path: Path, old: str, new: str) -> None:
    folder = _corpus(tmp_path / "articles")
    first = open_library(folder, tmp_path / "index", engine=old)
    first.update()
    switched = open_library(folder, tmp_path / "index", engine=new)
    reason = f"the search engine changed ({old} -> {new})"
    assert switched.needs_update() and switched.health() == reason
    before = search(switched, "ceasefire")  # the old index, by its own engine
    assert {h.id for h in before.hits} == {"a", "b"} and before.error is None
    assert switched.health() == reason
    report = switched.update()
    assert report.rebuilt and report.reason == reason
    assert {h.id for h in search(switched, "ceasefire").hits} == {"a", "b"}
    assert len([p for p in (tmp_path / "index").iterdir() if p.name.startswith("g-")]) == 1


def _id(hit: Hit) -> str:
    return hit.id


@needs_tantivy
def test_both_engines_find_the_same_articles(tmp_path: Path) -> None:
    folder = _corpus(tmp_path / "articles")
    write(folder, "d.md", "Ceasefire talks fail", "No ceasefire: the talks failed in Geneva.")
    engines = [open_library(folder, tmp_path / e, engine=e) for e in ("whoosh", "tantivy")]
    for library in engines:
        library.update()
    queries = [
        "ceasefire",
        "ceasefire talks",
        '"ceasefire held"',
        "ceas*",
        "talks -geneva",
        "source:trt ceasefire",
        "date:2016-03",
        "title:talks OR tokyo",
        "cesefire~",
    ]
    for query in queries:
        whoosh, tantivy = (search(library, query, limit=50) for library in engines)
        assert {h.id for h in whoosh.hits} == {h.id for h in tantivy.hits}, query
        assert whoosh.total == tantivy.total, query
        pairs = zip(sorted(whoosh.hits, key=_id), sorted(tantivy.hits, key=_id), strict=True)
        for a, b in pairs:
            assert (a.snippet, a.snippet_marks, a.title, a.date) == (
                b.snippet,
                b.snippet_marks,
                b.title,
                b.date,
            )
    for library in engines:  # the articles sharing its key terms, never itself
        assert {h.id for h in similar(library, "a")} == {"b", "d"}


@pytest.mark.parametrize("engine", ENGINES)
def test_sorting_by_date_keeps_the_best_of_one_date(tmp_path: Path, engine: str) -> None:
    folder = tmp_path / "articles"
    for i in range(6):
        body = " ".join(["Flooding closed roads."] * (1 + i)) + " Rain fell."
        write(folder, f"same{i}.md", f"Report {i}", body, "Outlet", "2017-05-01")
    write(folder, "newer.md", "Later", "Rain again, and flooding.", "Outlet", "2017-06-01")
    write(folder, "undated.md", "Undated", "Flooding everywhere, flooding, flooding, flooding.")
    library = open_library(folder, tmp_path / "index", engine=engine)
    library.update()
    result = search(library, "flooding", limit=3, sort="date")
    assert [h.id for h in result.hits] == ["newer", "same5", "same4"]  # then by score
    assert result.total == 8
    every = search(library, "flooding", limit=20, sort="date")
    assert every.hits[-1].id == "undated"


@pytest.mark.parametrize("engine", ENGINES)
def test_updates_reach_the_search(tmp_path: Path, engine: str) -> None:
    folder = _corpus(tmp_path / "articles")
    library = open_library(folder, tmp_path / "index", engine=engine)
    library.update()
    assert search(library, "ceasefire").total == 2
    write(folder, "b.md", "Talks resume", "Talks on trade resumed.", "TRT World", "2016-03")
    (folder / "c.md").unlink()
    write(folder, "e.md", "Truce", "A ceasefire in Yemen too.", "Sputnik", "2016-04")
    report = library.update()
    assert (report.added, report.changed, report.deleted, report.rebuilt) == (1, 1, 1, False)
    assert {h.id for h in search(library, "ceasefire").hits} == {"a", "e"}
    assert search(library, "tokyo").total == 0
    assert search(library, "source:sputnik").total == 2
    assert {e.id for e in library.catalog()} == {"a", "b", "e"}


@needs_tantivy
async def test_the_status_line_names_the_tantivy_engine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.tui.app import ReaderApp
    from reader.tui.status_line import StatusLine
    from tests.pilot import settle

    folder = _corpus(tmp_path / "articles")
    monkeypatch.setenv(choice_module.ENVIRONMENT, "tantivy")
    app = ReaderApp(folder)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        status = app.main_screen.query_one(StatusLine).render().plain
        assert "search: tantivy" in status and "index up to date" in status


@pytest.mark.parametrize("engine", ENGINES)
def test_a_search_within_some_articles(tmp_path: Path, engine: str) -> None:
    folder = _corpus(tmp_path / "articles")
    write(folder, "d.md", "Ceasefire talks fail", "No ceasefire, no ceasefire: talks failed.")
    library = open_library(folder, tmp_path / "index", engine=engine)
    library.update()
    every = [h.id for h in search(library, "ceasefire").hits]
    within = search(library, "ceasefire", within=frozenset({"d", "a", "c"}))
    assert [h.id for h in within.hits] == [i for i in every if i in {"a", "d"}]  # same order
    assert within.total == 2
    assert search(library, "ceasefire", within=frozenset()).total == 0
    nothing = search(library, "ceasfire", within=frozenset({"a"}))
    assert nothing.total == 0 and nothing.suggestion is None


@needs_tantivy
@pytest.mark.parametrize("damage", ["meta.json cut short", "a segment file missing"])
def test_damaged_tantivy_files_are_reported_and_rebuilt(tmp_path: Path, damage: str) -> None:
    folder = _corpus(tmp_path / "articles")
    library = open_library(folder, tmp_path / "index", engine="tantivy")
    library.update()
    generation = library.generation()  # type: ignore[attr-defined]
    if damage == "meta.json cut short":
        (generation / "meta.json").write_text('{"segm', encoding="utf-8")
    else:
        next(p for p in generation.iterdir() if p.suffix == ".store").unlink()
    assert (library.health() or "").startswith("index was corrupt")
    failed = search(library, "ceasefire")
    assert failed.hits == [] and "run `reader index` to rebuild it" in (failed.error or "")
    report = library.update()
    assert report.rebuilt and search(library, "ceasefire").total == 2


@needs_tantivy
def test_a_tantivy_panic_marks_the_generation_damaged(tmp_path: Path) -> None:
    from reader.search import IndexUnavailable
    from reader.search.reading import reading

    class PanicException(BaseException):  # pyo3's panics are BaseExceptions of this name
        pass

    folder = _corpus(tmp_path / "articles")
    library = open_library(folder, tmp_path / "index", engine="tantivy")
    library.update()
    generation = library.generation()  # type: ignore[attr-defined]
    with pytest.raises(IndexUnavailable, match="the index is damaged"), reading(generation):
        raise PanicException("index out of bounds")
    assert "index out of bounds" in (library.health() or "")

    class Stop(BaseException):  # any other BaseException goes through
        pass

    with pytest.raises(Stop), reading(generation):
        raise Stop


def test_without_tantivy_the_whoosh_engine_takes_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _corpus(tmp_path / "articles")
    made_by_tantivy = available()
    if made_by_tantivy:
        open_library(folder, tmp_path / "index", engine="tantivy").update()
    monkeypatch.setattr(choice_module, "available", lambda: False)
    monkeypatch.setattr(choice_module, "TANTIVY_MIN", 1)
    with pytest.raises(ConfigError, match="pip install 'samestory\\[tantivy\\]'"):
        open_library(folder, tmp_path / "other", engine="tantivy")
    assert open_library(folder, tmp_path / "other").engine == "whoosh"
    if not made_by_tantivy:
        return
    monkeypatch.setitem(sys.modules, "reader.search.tantivy_engine", None)  # cannot import
    library = open_library(folder, tmp_path / "index")
    assert library.engine == "whoosh"
    failed = search(library, "ceasefire")
    assert failed.hits == [] and "tantivy, which is not installed" in (failed.error or "")
    assert library.health() == "the search engine changed (tantivy -> whoosh)"
    assert library.update().rebuilt
    assert {h.id for h in search(library, "ceasefire").hits} == {"a", "b"}


@pytest.fixture(scope="module")
def tantivy_library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    root = tmp_path_factory.mktemp("tantivy-attacks")
    write_two_reports(root / "articles")
    library = open_library(root / "articles", root / "index", engine="tantivy")
    library.update()
    return library


@needs_tantivy
@pytest.mark.parametrize("query", list(ATTACKS.values()), ids=list(ATTACKS))
def test_hostile_queries_on_tantivy_give_results_or_a_message(
    tantivy_library: Library, query: str
) -> None:
    result = search(tantivy_library, query)
    assert result.error is None or not result.hits
    assert len(result.error or "") < 300


@needs_tantivy
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(QUERY_PIECES, st.text(max_size=30)), max_size=20).map("".join))
def test_any_query_on_tantivy_searches_or_gives_a_message(
    tantivy_library: Library, text: str
) -> None:
    for typing in (False, True):
        result = search(tantivy_library, text, typing=typing)
        assert result.error is None or not result.hits


@pytest.mark.parametrize("engine", ENGINES)
def test_a_phrase_needs_its_words_together_and_in_order(tmp_path: Path, engine: str) -> None:
    folder = tmp_path / "articles"
    write(folder, "a.md", "Vote", "The security council met. The council vote came later.")
    write(folder, "b.md", "Vote", "The security council vote came later.")
    write(folder, "c.md", "Vote", "A vote of the council on security came later.")
    lib = open_library(folder, tmp_path / "index", engine=engine)
    lib.update()
    assert [h.id for h in search(lib, '"security council vote"').hits] == ["b"]
    assert {h.id for h in search(lib, '"security council"').hits} == {"a", "b"}
    assert {h.id for h in search(lib, '"council vote"').hits} == {"a", "b"}
