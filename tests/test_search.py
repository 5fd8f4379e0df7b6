"""The query language, snippets, did-you-mean, highlighting spans and more-like-this."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.search import Library, match_spans, open_library, search, similar
from reader.search.tantivy_index import available
from tests.test_index import write

ENGINES = [
    "whoosh",
    pytest.param(
        "tantivy", marks=pytest.mark.skipif(not available(), reason="tantivy is not installed")
    ),
]
"""Both search engines, for fixtures that give every search test to each
(`pip install 'samestory[tantivy]'`, which the test extra includes, runs tantivy's)."""


@pytest.fixture(scope="module", params=ENGINES)
def library(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Library:
    folder = tmp_path_factory.mktemp("corpus")
    write(
        folder,
        "strike.md",
        "Russia defends air strikes",
        "Moscow said every strike hit militants. The parliament in Moscow backed the "
        "campaign. A joint statement followed.",
        "Sputnik",
        "2015-10-02",
    )
    write(
        folder,
        "statement.md",
        "Seven countries issue joint statement",
        "Seven governments released a joint statement calling on Russia to stop. "
        "The statement was joint in name only, critics said.",
        "Middle East Eye",
        "2015-10-03",
    )
    write(
        folder,
        "turkey.md",
        "Turkey summons ambassador",
        "Ankara summoned the Russian ambassador over an airspace violation. "
        "Parliamentary leaders condemned it.",
        "TRT World",
        "2015-11-20",
    )
    write(
        folder,
        "geneva.md",
        "Talks in Geneva",
        "Diplomats met in Geneva. Erdoğan was not there; the statement statement came later.",
        "Press TV",
        "2016-02",
    )
    write(
        folder,
        "nodate.md",
        "Analysis: what the airstrikes mean",
        "Airstrikes changed the balance of the war in Syria, analysts said.",
    )
    lib = open_library(folder, tmp_path_factory.mktemp("index"), engine=request.param)
    lib.update()
    assert lib.engine == request.param
    return lib


def ids(library: Library, query: str, **options) -> list[str]:
    result = search(library, query, **options)
    assert result.error is None, result.error
    return [hit.id for hit in result.hits]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("moscow", {"strike"}),
        ("russia stop", {"statement"}),  # all words must match
        ("russia AND stop", {"statement"}),
        ("ankara OR geneva", {"turkey", "geneva"}),
        ("russia -ankara", {"strike", "statement"}),
        ("russia NOT ankara", {"strike", "statement"}),
        ('"joint statement"', {"strike", "statement"}),
        ('"statement joint"', set()),  # word order matters in a phrase
        ("strikes", {"strike"}),  # stemmed: "strikes" finds "strike"
        ("airstrike*", {"nodate"}),
        ("parliament*", {"strike", "turkey"}),  # prefix of words as written
        ("source:sputnik", {"strike"}),
        ("outlet:sputnik", {"strike"}),
        ('source:"middle east eye"', {"statement"}),
        ("source:eye", {"statement"}),
        ("source:trt*", {"turkey"}),
        ("title:ambassador", {"turkey"}),
        ("title:statement", {"statement"}),
        ('title:"joint statement"', {"statement"}),
        ("date:2015", {"strike", "statement", "turkey"}),
        ("date:2015-10", {"strike", "statement"}),
        ("date:2015-10-03", {"statement"}),
        ("date:2015-10-03..2016", {"statement", "turkey", "geneva"}),
        ("date:..2015-10-02", {"strike"}),
        ("date:>2015-10", {"turkey", "geneva"}),
        ("date:>=2015-10-03", {"statement", "turkey", "geneva"}),
        ("date:<2015-11", {"strike", "statement"}),
        ("date:<=2015-10-03", {"strike", "statement"}),
        ("erdogan", {"geneva"}),  # accents folded
        ("ERDOĞAN", {"geneva"}),
        ("(ankara OR geneva) -diplomats", {"turkey"}),
        ("title:(geneva OR ambassador)", {"turkey", "geneva"}),
        ("ambasador~", {"turkey"}),  # fuzzy on words as written
        ("statement -source:sputnik date:2015", {"statement"}),
    ],
)
def test_query_language(library: Library, query: str, expected: set[str]):
    assert set(ids(library, query)) == expected


@pytest.mark.parametrize(
    "query, message",
    [
        ("", "empty"),
        ("   ", "empty"),
        ('"joint statement', "quotation mark"),
        ("(russia OR moscow", "parenthesis"),
        ("russia)", "parenthesis"),
        ("russia OR", "OR needs a word"),
        ("OR russia", "OR needs a word"),
        ("russia NOT", "NOT needs a word"),
        ("-russia", "nothing to search for"),
        ("the of", "nothing to search for"),
        ("colour:red", "unknown field 'colour:'"),
        ("date:yesterday", "not a date"),
        ("date:2015-13", "not a date"),
        ("r*", "at least two letters"),
        ("ru*ia", "only allowed at the end"),
    ],
)
def test_unparsable_queries_get_a_clear_message(library: Library, query: str, message: str):
    result = search(library, query)
    assert result.hits == [] and result.total == 0
    assert message in result.error


def test_relevance_ranks_title_matches_first(library: Library):
    assert ids(library, "statement")[0] == "statement"


def test_sort_by_date_puts_newest_first_and_undated_last(library: Library):
    assert ids(library, "russia OR statement OR airstrikes", sort="date") == [
        "geneva",
        "statement",
        "strike",
        "nodate",
    ]


def test_limit_and_total(library: Library):
    result = search(library, "date:2015", limit=2)
    assert len(result.hits) == 2 and result.total == 3


def test_snippet_marks_point_at_the_matched_words(library: Library):
    hit = search(library, "strikes parliament").hits[0]
    marked = [hit.snippet[start:end] for start, end in hit.snippet_marks]
    assert marked == ["strike", "parliament"]
    assert "\n" not in hit.snippet


def test_phrase_marks_its_words_and_not_excluded_words(library: Library):
    hit = search(library, '"joint statement" -ankara', limit=1).hits[0]
    assert {hit.snippet[s:e].lower() for s, e in hit.snippet_marks} == {"joint", "statement"}


def test_title_only_match_shows_the_opening_unmarked(library: Library):
    hit = search(library, "title:talks").hits[0]
    assert hit.snippet.startswith("Diplomats met in Geneva")
    assert hit.snippet_marks == ()


def test_hits_carry_metadata(library: Library):
    hit = search(library, "source:sputnik").hits[0]
    assert (hit.title, hit.outlet, hit.date) == (
        "Russia defends air strikes",
        "Sputnik",
        "2015-10-02",
    )
    assert hit.score > 0


def test_snippets_can_be_skipped(library: Library):
    hit = search(library, "moscow", snippets=False).hits[0]
    assert (hit.snippet, hit.snippet_marks) == ("", ())


def test_did_you_mean_corrects_words_as_written(library: Library):
    result = search(library, "parliment")
    assert result.hits == [] and result.suggestion == "parliament"
    assert search(library, "Ambasador summoned").suggestion == "Ambassador summoned"


def test_did_you_mean_keeps_the_rest_of_the_query(library: Library):
    assert search(library, "source:sputnik parliment").suggestion == "source:sputnik parliament"


def test_no_suggestion_when_nothing_is_close(library: Library):
    result = search(library, "zzyzx")
    assert result.hits == [] and result.suggestion is None and result.error is None


def test_no_suggestion_that_would_still_find_nothing(library: Library):
    assert search(library, "parliment source:trt").suggestion is None


def test_match_spans_uses_the_index_analysis():
    text = "Strikes hit Homs. The strike was one of many airstrikes."
    spans = match_spans("strike", text)
    assert [text[s:e] for s, e in spans] == ["Strikes", "strike"]
    assert [text[s:e] for s, e in match_spans("air*", text)] == ["airstrikes"]
    assert [text[s:e] for s, e in match_spans('"the strike" -homs', text)] == [
        "Strikes",
        "strike",
    ]  # "the" is not indexed
    assert [text[s:e] for s, e in match_spans('"strike was" -homs', text)] == ["strike", "was"]
    assert [text[s:e] for s, e in match_spans("hit -homs", text)] == ["hit"]
    assert match_spans('"unclosed', text) == []


def test_similar_finds_articles_sharing_key_terms(library: Library):
    hits = similar(library, "statement", limit=3)
    assert hits and "statement" not in {h.id for h in hits}
    assert similar(library, "no-such-article") == []


def test_search_does_not_write_to_the_articles_folder(library: Library):
    before = sorted(p.name for p in Path(library.articles_dir).iterdir())
    search(library, "russia")
    assert sorted(p.name for p in Path(library.articles_dir).iterdir()) == before


@pytest.mark.parametrize("engine", ENGINES)
def test_totals_are_exact_with_filters_over_several_segments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: str
):
    import reader.search.whoosh_engine as engine_module

    monkeypatch.setattr(engine_module, "MULTIPROCESS_MIN", 2)  # two index workers
    folder = tmp_path / "many"
    for i in range(240):
        outlet = ("Sputnik", "TRT World", "Press TV")[i % 3]
        body = " ".join(["Syria talks."] * (1 + i % 7) + (["Ceasefire."] if i % 2 else []))
        write(folder, f"a{i:03d}.md", f"Report {i}", body, outlet, f"2015-{1 + i % 12:02d}-01")
    library = open_library(folder, tmp_path / "index", engine=engine)
    library.update()  # in the build process (the tantivy engine's too)
    assert search(library, "syria", limit=2).total == 240
    assert search(library, "source:sputnik syria", limit=2).total == 80
    assert search(library, "syria ceasefire -source:trt", limit=2).total == 80
    assert search(library, "date:2015-01..2015-03 syria", limit=2).total == 60
