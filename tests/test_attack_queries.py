"""Hostile queries: every one gives results or a clear QueryError, with bounded work.

Bounds are tested as counts (parser depth, words, candidates examined by spelling), never as
times; the command line is run as a subprocess.
"""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.search import Library, open_library, search
from reader.search.edits import BUDGET, MAX_LETTERS
from reader.search.query import MAX_DEPTH, MAX_TERMS, QueryError, parse
from reader.search.snippets import SNIPPET_CHARS, _densest, snippet
from reader.search.spelling import SUGGEST_BUDGET, Vocabulary
from tests.test_index import write_two_reports

ATTACKS = {
    "400 nested parentheses": "(" * 400 + "russia" + ")" * 400,
    "3,000 repeated words": " ".join(["russia"] * 3000),
    "3,000 distinct words": " ".join(f"w{i}x" for i in range(3000)),
    "400 words": " ".join(f"w{i}x" for i in range(400)),
    "10,000-letter word": "a" * 10_000,
    "80-letter word~2": "b" * 80 + "~2",
    "80-letter word~1": "b" * 80 + "~",
    "100-letter unknown word": "q" * 100,
    "100-letter prefix": "p" * 100 + "*",
    "deep field groups": "title:(" * 30 + "russia" + ")" * 30,
    "unclosed": "(" * 5000,
    "closing only": ")" * 5000,
    "many ORs": " OR ".join(["russia"] * 2000),
    "surrogates": "russia \udcff\udcfe",
    "control characters": "russia \x1b[2J \x07 \u202e",
    "long date": "date:" + "2" * 5000,
    "long phrase": '"' + " ".join(["strikes"] * 500) + '"',
}


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    root = tmp_path_factory.mktemp("attack-queries")
    folder = root / "articles"
    write_two_reports(folder)
    found = open_library(folder, root / "index")
    found.update()
    return found


@pytest.mark.parametrize("query", list(ATTACKS.values()), ids=list(ATTACKS))
def test_hostile_query_gives_results_or_a_clear_message(library: Library, query: str):
    result = search(library, query)
    assert result.error is None or result.error and not result.hits
    if result.error:
        assert len(result.error) < 300


def test_parser_bounds_nesting_and_words():
    parse("(" * MAX_DEPTH + "russia" + ")" * MAX_DEPTH)
    with pytest.raises(QueryError, match="nested too deeply"):
        parse("(" * (MAX_DEPTH + 1) + "russia" + ")" * (MAX_DEPTH + 1))
    parse(" ".join(["russia"] * MAX_TERMS))
    with pytest.raises(QueryError, match="too many words"):
        parse(" ".join(["russia"] * (MAX_TERMS + 1)))


def test_fuzzy_words_are_capped_by_length():
    parse("a" * MAX_LETTERS + "~2")
    with pytest.raises(QueryError, match="limited to"):
        parse("a" * (MAX_LETTERS + 1) + "~")
    with pytest.raises(QueryError, match="limited to"):
        parse("b" * 80 + "~2")


def test_spelling_examines_a_bounded_number_of_candidates():
    vocabulary = Vocabulary(Counter({"parliament": 3, "russia": 5, "airspace": 2}))
    assert vocabulary.correct("parliment") == ["parliament"]
    assert 0 < vocabulary.examined <= BUDGET
    vocabulary.examined = 0
    assert vocabulary.correct("q" * 100) == []
    assert vocabulary.correct("x" * 10_000) == []
    assert vocabulary.examined == 0
    assert vocabulary.near("z" * 80, 2) == set()
    assert vocabulary.examined == 0
    vocabulary.near("abcdefghijklmnopqrst", 2)  # the longest word with two edits
    assert vocabulary.examined <= BUDGET
    vocabulary.examined = 0
    vocabulary.near("αβγδεζηθικλμνξοπρστυ", 2)  # letters outside a-z: more candidates
    assert vocabulary.examined <= BUDGET


def test_suggestions_for_many_unknown_words_stay_within_the_budget(library: Library):
    vocabulary = library.vocabulary()
    result = search(library, " ".join(f"zq{i}xw{i}" for i in range(90)))
    assert result.total == 0
    assert vocabulary.examined <= SUGGEST_BUDGET + BUDGET


def _densest_by_brute_force(text: str, found: list[tuple[int, int]]) -> int:
    best, best_score = 0, -1
    for i, (start, _) in enumerate(found):
        seen = {text[s:e].lower() for s, e in found[i:] if e - start <= SNIPPET_CHARS}
        if len(seen) > best_score:
            best, best_score = i, len(seen)
    return best


def test_snippet_window_is_the_one_a_brute_force_search_picks():
    rng = random.Random(13)
    for _ in range(200):
        words = [rng.choice(["Russia", "russia", "syria", "x" * 230, "aa"]) for _ in range(80)]
        text = " ".join(w + " " * rng.randint(0, 30) for w in words)
        found = [m.span() for m in re.finditer(r"\w+", text) if rng.random() < 0.7]
        if found:
            assert _densest(text, found) == _densest_by_brute_force(text, found)


def test_snippet_of_an_article_with_110000_matches():
    text = "The Russia strikes. " * 110_000
    found = snippet(text, parse("russia strikes").highlight)
    assert found.text.startswith("The Russia strikes.") and found.marks


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_any_text_parses_or_raises_query_error(text: str):
    try:
        parse(text)
    except QueryError as exc:
        assert str(exc)


_QUERY_PIECES = st.sampled_from(
    ["(", ")", " ", "OR", "AND", "NOT", "-", '"', "*", "~", "~2", "title:", "source:", "date:"]
    + ["russia", "airspace", "2015-10", "..", ">=", "\u202e", "é", "\x00", "\udcff"]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_QUERY_PIECES, st.text(max_size=12)), max_size=40).map("".join))
def test_query_shaped_text_parses_or_raises_query_error(text: str):
    try:
        parse(text)
    except QueryError as exc:
        assert str(exc)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_QUERY_PIECES, st.text(max_size=30)), max_size=20).map("".join))
def test_any_query_searches_or_gives_a_message(library: Library, text: str):
    result = search(library, text)
    assert result.error is None or not result.hits


def test_hostile_queries_through_the_command_line(library: Library, tmp_path: Path):
    env = {
        **os.environ,
        "READER_CACHE_DIR": str(tmp_path / "cache"),
        "READER_CONFIG_DIR": str(tmp_path / "config"),
    }
    queries = [ATTACKS[k] for k in ("400 nested parentheses", "80-letter word~2")]
    queries += ["q" * 100, "a" * 10_000, "\u202e\u0627\u0644 \U0001f600~2 \u4e2d\u6587*"]
    for query in queries:
        done = subprocess.run(
            [sys.executable, "-m", "reader", "search", "--articles", str(library.articles_dir)]
            + ["--index", str(library.index_dir), query],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode in (0, 1, 2), done.stderr
        assert "Traceback" not in done.stderr
