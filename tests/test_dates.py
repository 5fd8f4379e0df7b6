"""Front matter and dates: CRLF line ends, newsroom date forms, ambiguous and empty dates, and
values YAML cannot build (a warning about one field of one file, never an exception)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.corpus import (
    load_article,
    load_corpus,
    normalise_date,
    parse_front_matter,
    read_date,
    split_front_matter,
)

BODY = "The council voted on Tuesday to rebuild the old harbour bridge by next spring.\n"


@pytest.mark.parametrize(
    ("written", "date"),
    [
        ("2015-10-02", "2015-10-02"),
        ("2015-10-02T14:03:00Z", "2015-10-02"),
        ("2015-10-02 14:03:00+02:00", "2015-10-02"),
        ("2015-10", "2015-10"),
        ("2015", "2015"),
        ("Oct. 2, 2015", "2015-10-02"),
        ("Oct 2, 2015", "2015-10-02"),
        ("October 2, 2015", "2015-10-02"),
        ("Friday, October 2, 2015", "2015-10-02"),
        ("2 October 2015", "2015-10-02"),
        ("2 Oct 2015 10:04 BST", "2015-10-02"),
        ("October 2015", "2015-10"),
        ("Oct. 2015", "2015-10"),
        ("13/04/2015", "2015-04-13"),
        ("04/13/2015", "2015-04-13"),
        ("04/04/2015", "2015-04-04"),
    ],
)
def test_newsroom_date_forms_are_read(written, date):
    assert read_date(written) == (date, None)
    assert parse_front_matter(f"date: {written}\n").fields["date"] == date


def test_yaml_dates_and_years_are_read():
    assert normalise_date(dt.date(2015, 10, 2)) == "2015-10-02"
    assert normalise_date(dt.datetime(2015, 10, 2, 14, 3)) == "2015-10-02"
    assert normalise_date(2015) == "2015"


@pytest.mark.parametrize("written", ["03/04/2015", "10/2/15", "1.2.2015"])
def test_ambiguous_numeric_dates_are_reported_not_guessed(written):
    fields, warnings = parse_front_matter(f"date: '{written}'\n")
    assert "date" not in fields
    assert warnings == [
        f"front matter 'date' ignored: ambiguous date {written!r} "
        "(day and month could be either way)"
    ]


@pytest.mark.parametrize("written", ["yesterday", "Oct 2", "2015-02-30", "12", "Updated: soon"])
def test_what_is_not_a_date_is_a_warning(written):
    fields, warnings = parse_front_matter(f"date: '{written}'\n")
    assert "date" not in fields
    assert len(warnings) == 1 and warnings[0].startswith("front matter 'date' ignored: not a date")


@pytest.mark.parametrize("front", ['date: ""\n', "date: ''\n", "date:\n", "date: '  '\n"])
def test_empty_fields_are_ignored_silently(front):
    assert parse_front_matter(front + 'title: ""\noutlet: ""\n') == ({}, [])


def test_front_matter_with_windows_line_ends_is_recognised(tmp_path):
    text = "---\r\ntitle: Bridge vote\r\ndate: Oct. 2, 2015\r\noutlet: NYT\r\n---\r\n" + BODY
    path = tmp_path / "crlf.txt"
    path.write_bytes(text.replace("\r\n", "\n").replace("\n", "\r\n").encode())
    article, problems = load_article(path, tmp_path)
    assert problems == []
    assert (article.title, article.date, article.outlet) == (
        "Bridge vote",
        "2015-10-02",
        "The New York Times",
    )
    assert article.text == BODY.strip()
    assert split_front_matter(text).body_line == 5


@pytest.mark.parametrize(
    ("front", "field"),
    [
        ("date: 2015-02-30\n", "date"),
        ("date: 0000-01-01\n", "date"),
        ("date: 2015-13-45\n", "date"),
        ("date: !!timestamp next week\n", "date"),
        ("title: !!int abc\n", "title"),
        ("title: !!float\n", "title"),
        ("outlet: !!bool perhaps\n", "outlet"),
        ("url: !!binary '%%%'\n", "url"),
    ],
)
def test_a_value_yaml_cannot_build_is_a_warning_about_that_field(front, field):
    fields, warnings = parse_front_matter(front + "title2: kept\n")
    assert field not in fields
    assert len(warnings) == 1 and warnings[0].startswith(f"front matter '{field}' ignored")


def test_an_unbuildable_value_under_any_key_never_stops_the_folder(tmp_path):
    fronts = [
        "date: 2015-02-30",
        "published: 2015-13-45",
        "2015-13-45: key",
        "date: !!int abc",
        "title: !!timestamp hello",
        "tags: [0000-01-01, !!float x]",
    ]
    for number, front in enumerate(fronts):
        (tmp_path / f"a{number}.txt").write_text(f"---\n{front}\n---\n{BODY}", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert len(corpus.articles) == len(fronts)
    assert all(p.severity == "warning" for p in corpus.problems)


_TAGS = st.sampled_from(
    ["", "!!int ", "!!float ", "!!bool ", "!!timestamp ", "!!binary ", "!!null "]
)
_VALUES = st.sampled_from(
    ["", "abc", "2015-02-30", "0000-01-01", "2015-13-45", "[1, 2]", "{a: 1}", "'x'", "1e999"]
)
_KEYS = st.sampled_from(["title", "outlet", "source", "date", "url", "other", "2015-02-30"])


@given(st.lists(st.tuples(_KEYS, _TAGS, _VALUES), max_size=5))
def test_front_matter_never_raises(items):
    front = "\n".join(f"{key}: {tag}{value}" for key, tag, value in items)
    fields, warnings = parse_front_matter(front)
    assert all(isinstance(value, str) for value in fields.values())


@given(st.text())
def test_front_matter_of_any_text_never_raises(front):
    parse_front_matter(front)
