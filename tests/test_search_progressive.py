"""First results then complete ones, narrowing reuse and stopping: the search field's search."""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh import collectors

import reader.search.searching as searching
from reader.search import (
    Library,
    SearchStopped,
    first_results,
    open_library,
    search,
    search_steps,
    stoppable,
    whoosh_scan,
)
from reader.search.query import parse
from reader.search.tree import And, Or, Phrase, Term, narrows
from reader.search.whoosh_compile import compile_query
from tests.test_index import write
from tests.test_search import ENGINES

ARTICLES = 300


def _body(i: int) -> str:
    """Article i: "ceasefire" in the even ones, "talks" in every third, "aleppo" in 4 of
    every 15 (so "ceasefire talks" matches 50, fewer than "aleppo"'s 80)."""
    words = [f"report{i}", "filler", "words"]
    if i % 2 == 0:
        words += ["ceasefire"] * (1 + i % 5)
    if i % 3 == 0:
        words.append("talks")
    if i % 15 < 4:
        words.append("aleppo")
    if i % 7 == 0:
        words.append("geneva")
    return " ".join(words) + "."


@pytest.fixture(scope="module", params=ENGINES)
def library(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Library:
    folder = tmp_path_factory.mktemp("progressive")
    for i in range(ARTICLES):
        write(folder, f"a{i:03d}.md", f"Report {i}", _body(i), "Sputnik", "2016-02-01")
    lib = open_library(folder, tmp_path_factory.mktemp("index"), engine=request.param)
    lib.update()
    return lib


@pytest.fixture
def small_first_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    """A first pass for every index, of 40 matches in runs of 8, with no clock."""
    monkeypatch.setattr(searching, "FIRST_MIN_ARTICLES", 0)
    monkeypatch.setattr(whoosh_scan, "FIRST_MATCHES", 40)
    monkeypatch.setattr(whoosh_scan, "RUN", 8)
    monkeypatch.setattr(whoosh_scan, "FIRST_SECONDS", None)


def _forget(library: Library) -> None:
    library.results.clear()  # type: ignore[attr-defined]


def _ids(result: object) -> list[str]:
    return [hit.id for hit in result.hits]  # type: ignore[attr-defined]


@pytest.mark.usefixtures("small_first_pass")
def test_typing_shows_first_results_then_the_complete_ones(library: Library) -> None:
    for typed in ("cease", "ceasefire", "ceasefire t", "ceasefire talks"):
        _forget(library)
        steps = list(search_steps(library, typed, limit=10, typing=True))
        _forget(library)
        complete = search(library, typed, limit=10, typing=True)
        assert steps[-1].partial is False
        assert (_ids(steps[-1]), steps[-1].total) == (_ids(complete), complete.total)
        assert complete.exact and complete.total >= 50
        if library.engine == "tantivy":  # complete at once: one step
            assert len(steps) == 1
            continue
        first, last = steps
        assert first.partial and not first.exact  # the page is marked, its total "about"
        assert len(first.hits) == 10
        matching = {h.id for h in search(library, typed, limit=ARTICLES, typing=True).hits}
        assert {h.id for h in first.hits} <= matching  # a page of true matches
        assert complete.total / 2 <= first.total <= complete.total * 2


@pytest.mark.usefixtures("small_first_pass")
def test_few_matches_are_read_whole_by_the_first_pass(library: Library) -> None:
    _forget(library)
    steps = list(search_steps(library, "geneva aleppo", limit=10))
    assert len(steps) == 1  # 11 matches: the first pass read them all
    assert not steps[0].partial and steps[0].exact and steps[0].total == 11


def test_small_indexes_have_no_first_results(library: Library) -> None:
    assert searching.FIRST_MIN_ARTICLES > ARTICLES
    assert first_results(library, "ceasefire", typing=True) is None
    assert len(list(search_steps(library, "ceasefire", typing=True))) == 1


def test_a_narrowing_query_looks_only_at_the_earlier_matches(library: Library) -> None:
    if library.engine == "tantivy":
        pytest.skip("tantivy searches in full (as fast)")
    cache = library.results  # type: ignore[attr-defined]
    _forget(library)
    expected = search(library, "ceasefire talks aleppo", limit=10, typing=True)
    _forget(library)
    search(library, "ceasefire talks", limit=10, typing=True)  # 50 matches, kept
    reused = cache.reused
    narrowed = search(library, "ceasefire talks aleppo", limit=10, typing=True)
    assert cache.reused == reused + 1
    assert (_ids(narrowed), narrowed.total) == (_ids(expected), expected.total)
    assert narrowed.total == 20  # i % 30 in (0, 18): 20 of the 300
    # Not a narrowing of a kept search: searched in full.
    search(library, "geneva aleppo", limit=10, typing=True)
    assert cache.reused == reused + 1
    # "ceasefire" alone matches 150, as many as its own articles: no gain, not reused.
    _forget(library)
    search(library, "ceasefire", limit=10)
    search(library, "ceasefire geneva", limit=10)
    assert cache.reused == reused + 1


def test_what_narrows_what() -> None:
    a, b, c = Term("a", False), Term("b", False), Term("c", False)
    assert narrows(And((a, b)), a)
    assert narrows(And((a, b, c)), And((b, a)))
    assert narrows(a, Or((a, b)))  # the typed word among its completions
    assert narrows(And((a, c)), And((Or((a, b)), c)))
    assert narrows(Or((a, b)), Or((b, c, a)))
    assert not narrows(a, And((a, b)))
    assert not narrows(Or((a, b)), a)
    assert not narrows(And((a, Or((b, c)))), And((a, b)))
    assert not narrows(Phrase(("a", "b"), False), a)  # unsure: not judged


def test_a_stopped_search_raises(library: Library) -> None:
    if library.engine == "tantivy":
        pytest.skip("tantivy's searches are not stopped (a few ms)")
    _forget(library)
    with stoppable(lambda: True), pytest.raises(SearchStopped):
        search(library, "ceasefire", typing=True)
    assert library.health() is None  # not taken for damage
    with stoppable(lambda: False):
        assert search(library, "ceasefire", typing=True).total == 150


def test_the_scan_collects_as_whoosh_does(library: Library) -> None:
    if library.engine == "tantivy":
        pytest.skip("Whoosh's collection")
    vocabulary = library.vocabulary()
    for text in ("ceasefire", "ceasefire talks", "talks OR aleppo", '"filler words"', "cease"):
        compiled = compile_query(parse(text, vocabulary, typing=True).tree)
        with library.searching() as searcher:
            whoosh = searcher._searcher  # type: ignore[attr-defined]
            collector = collectors.TopCollector(7, usequality=False, replace=0)
            whoosh.search_with_collector(compiled, collector)
            expected = [(hit.score, hit.docnum) for hit in collector.results()]
            scanned = whoosh_scan.scan(whoosh, compiled, 7)
            first = whoosh_scan.scan(whoosh, compiled, 7, first=True, budget=ARTICLES * 2)
        assert scanned.top == expected[:7] and scanned.total == len(collector.results())
        assert scanned.complete and len(scanned.matched or ()) == scanned.total
        assert first.complete and first.top == scanned.top  # a budget above every match


def test_a_partial_first_pass_counts_its_sample(library: Library, tmp_path: Path) -> None:
    if library.engine == "tantivy":
        pytest.skip("Whoosh's first pass")
    compiled = compile_query(parse("ceasefire", library.vocabulary()).tree)
    with library.searching() as searcher:
        whoosh = searcher._searcher  # type: ignore[attr-defined]
        first = whoosh_scan.scan(whoosh, compiled, 5, first=True, budget=40, seconds=None)
    assert not first.complete and first.matched is None
    assert first.scored <= 40 + whoosh_scan.RUN  # the budget, give or take a run
    assert 100 <= first.total <= 200  # estimated from the sample: 150 match
