"""The search field: the last word being typed read as a prefix, the command line unchanged."""

from __future__ import annotations

from collections import Counter

import pytest

from reader.search import Library, open_library, search
from reader.search.query import TYPING_EXPANSION, parse
from reader.search.spelling import Vocabulary
from reader.search.tree import Term
from tests.test_index import write
from tests.test_search import ENGINES


@pytest.fixture(scope="module", params=ENGINES)
def library(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Library:
    folder = tmp_path_factory.mktemp("typing")
    write(folder, "a.md", "President Trump speaks", "President Trump spoke in Ohio.")
    write(folder, "b.md", "Trade talks", "The president met trade envoys.")
    write(folder, "c.md", "Elsewhere", "Nothing about it here.")
    lib = open_library(folder, tmp_path_factory.mktemp("index"), engine=request.param)
    lib.update()
    return lib


def _ids(library: Library, query: str, typing: bool) -> set[str]:
    return {hit.id for hit in search(library, query, typing=typing).hits}


def test_the_word_being_typed_is_a_prefix(library: Library) -> None:
    assert _ids(library, "president tr", typing=True) == {"a", "b"}
    assert _ids(library, "president tru", typing=True) == {"a"}
    assert _ids(library, "president trump", typing=True) == {"a"}
    assert _ids(library, "presi", typing=True) == {"a", "b"}


def test_the_command_line_keeps_exact_words(library: Library) -> None:
    assert _ids(library, "president tr", typing=False) == set()
    result = search(library, "president tr")
    assert result.total == 0


def test_only_the_last_word_and_only_when_the_text_ends_on_it(library: Library) -> None:
    assert _ids(library, "presi trump", typing=True) == set()
    assert _ids(library, "president tru ", typing=True) == set()  # a space ends the word
    assert parse("president -tr", Vocabulary(Counter({"trump": 1})), True).tree.negative == Term(  # type: ignore[attr-defined]
        "tr", False
    )
    assert parse('"president tr"', Vocabulary(Counter({"trump": 1})), True).tree.stems == (  # type: ignore[attr-defined]
        "presid",
        "tr",
    )


def test_the_expansion_is_bounded() -> None:
    words = Counter({f"tr{i:04d}x": i for i in range(1000)})
    parsed = parse("tr", Vocabulary(words), typing=True)
    prefix = parsed.tree.parts[1]  # type: ignore[attr-defined]
    assert len(prefix.stems) == TYPING_EXPANSION
    assert "tr0999x" in prefix.stems  # the commonest are kept


def test_a_long_unknown_word_examines_few_candidates() -> None:
    from reader.search.edits import candidates
    from reader.search.spelling import WORD_BUDGET

    vocabulary = Vocabulary(Counter({"parliament": 3, "russia": 5, "moscow": 2}))
    assert vocabulary.correct("abcdefghijklmnopqrst") == []
    assert vocabulary.examined <= candidates("abcdefghijklmnopqrst", 1) < 1_200
    vocabulary.examined = 0
    assert vocabulary.correct("parliment") == ["parliament"]  # one edit
    assert vocabulary.examined < 1_200
    vocabulary.examined = 0
    assert vocabulary.correct("rusisa") == ["russia"]  # two edits: a short word
    assert vocabulary.examined <= WORD_BUDGET


@pytest.fixture(scope="module", params=ENGINES)
def many(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Library:
    folder = tmp_path_factory.mktemp("many")
    for i in range(60):
        said = " ".join(["The election was close."] * (1 + i % 7))
        body = f"{said} Officials counted the election results in town{i} on Monday."
        write(folder, f"a{i:02d}.md", f"Count {i}", body + (" A debate followed." if i % 3 else ""))
    lib = open_library(folder, tmp_path_factory.mktemp("index"), engine=request.param)
    lib.update()
    return lib


def test_estimated_totals_keep_the_best_hits(many: Library) -> None:
    for query in ("election", "election debate", '"election results"', "elect*"):
        exact = search(many, query, limit=5)
        estimated = search(many, query, limit=5, exact=False)
        assert exact.exact and [h.id for h in exact.hits] == [h.id for h in estimated.hits]
        assert estimated.total >= exact.total
        if many.engine == "tantivy":  # it counts every match as fast as it would estimate
            assert estimated.exact and estimated.total == exact.total
        else:
            assert not estimated.exact


def test_totals_are_exact_unless_asked_and_few_hits_are_exact(many: Library) -> None:
    assert search(many, "election", limit=5, typing=True).exact
    estimated = search(many, "election", limit=5, typing=True, exact=False)
    assert estimated.exact == (many.engine == "tantivy")
    few = search(many, "town7", limit=5, exact=False)
    assert few.exact and few.total == 1
    assert search(many, "nothingatall", exact=False).total == 0


def test_a_search_compiled_to_the_same_query_reuses_the_hits(many: Library) -> None:
    cache = many.results  # type: ignore[attr-defined]
    first = search(many, "Election debate", limit=5, typing=True)
    before = cache.hits
    again = search(many, "election  DEBATE", limit=5, typing=True)  # other text, same query
    assert cache.hits == before + 1
    assert [h.id for h in again.hits] == [h.id for h in first.hits]
    assert again.total == first.total and again.exact == first.exact
    search(many, "election debate", limit=6, typing=True)  # another limit: searched anew
    assert cache.hits == before + 1
