"""Comparing two articles: the comparison, its cache, its reports, `reader compare` and `quotes`."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from reader.analysis.comparison import clear_cache, compare
from reader.cli import main
from reader.corpus import load_article
from reader.report.json import comparison_json
from reader.report.markdown import format_markdown
from reader.report.text import format_text

SPUTNIK, MEE = "sputnik-joint-statement", "mee-leaders-call-on-russia"


@pytest.fixture
def pair(samples: Path):
    clear_cache()
    sputnik, _ = load_article(samples / f"{SPUTNIK}.txt", samples)
    mee, _ = load_article(samples / f"{MEE}.txt", samples)
    return sputnik, mee


def run(capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_shared_entities_have_one_name_and_counts_in_each_article(pair):
    sputnik, mee = pair
    result = compare(sputnik, mee)
    shared = {e.name: e for e in result.shared_entities}
    assert {"Russia", "Syria", "Islamic State"} <= set(shared)
    russia = shared["Russia"]
    assert russia.a_count == len(russia.a_mentions) > 0
    assert all(sputnik.text[m.start : m.end] == m.text for m in russia.a_mentions)
    assert all(mee.text[m.start : m.end] == m.text for m in russia.b_mentions)
    only_b = {e.name for e in result.only_b_entities}
    assert "Michael Fallon" in only_b and "Michael Fallon" not in shared


def test_the_joint_statement_is_shared_with_both_speakers(pair):
    sputnik, mee = pair
    result = compare(sputnik, mee)
    [match] = [m for m in result.shared_quotes if m.kind == "reworded"]
    assert "further escalation" in sputnik.text[match.a_start : match.a_end]
    assert "further escalation" in mee.text[match.b_start : match.b_end]
    assert match.a.speaker == "the joint statement" and match.b.speaker == "the statement"
    assert match.b not in result.only_b_quotes
    assert any(q.speaker == "Michael Fallon" for q in result.only_b_quotes)


def test_a_comparison_is_computed_once_per_pair_of_versions(pair):
    sputnik, mee = pair
    first = compare(sputnik, mee)
    assert compare(sputnik, mee) is first
    edited = dataclasses.replace(mee, text=mee.text + "\n\nA new paragraph.", digest="edited")
    assert compare(sputnik, edited) is not first


def test_swapping_sides_mirrors_everything(pair):
    sputnik, mee = pair
    forward = compare(sputnik, mee)
    backward = compare(mee, sputnik)
    assert backward.a is mee and backward.only_a_entities == forward.only_b_entities
    [f] = [m for m in forward.shared_quotes if m.kind == "reworded"]
    [b] = [m for m in backward.shared_quotes if m.kind == "reworded"]
    assert (b.a_start, b.b_start) == (f.b_start, f.a_start)
    assert [(op, x, y) for op, y, x in f.diff if op == "equal"] == [
        step for step in b.diff if step[0] == "equal"
    ]


def test_reports_show_the_shared_statement_and_its_wording(pair):
    result = compare(*pair)
    text = format_text(result)
    assert "Shared quotes (1)" in text
    assert "[-operations may lead to the-] {+actions constitute a+}" in text
    markdown = format_markdown(result)
    assert "| Russia | place |" in markdown
    assert "~~operations may lead to the~~ **actions constitute a**" in markdown


def test_markdown_escapes_what_would_break_it(pair):
    sputnik, mee = pair
    odd = dataclasses.replace(sputnik, title="Strikes | *bold* _claims_", digest="odd")
    markdown = format_markdown(compare(odd, mee))
    assert "Strikes \\| \\*bold\\* \\_claims\\_" in markdown


def test_compare_json_has_the_documented_keys(samples: Path, capsys):
    code, out, _ = run(capsys, "compare", SPUTNIK, MEE, "--articles", str(samples), "--json")
    assert code == 0
    data = json.loads(out)
    assert {"a", "b", "shared_entities", "only_a", "only_b", "shared_quotes"} <= set(data)
    assert {"name", "type", "a_count", "b_count"} <= set(data["shared_entities"][0])
    quote = data["shared_quotes"][0]
    assert {"a_text", "b_text", "a_speaker", "b_speaker", "similarity"} <= set(quote)
    assert quote["a_speaker"] == "the joint statement"
    assert data["a"]["id"] == SPUTNIK


def test_compare_prints_a_report_or_markdown(samples: Path, capsys):
    code, out, _ = run(capsys, "compare", SPUTNIK, MEE, "--articles", str(samples))
    assert code == 0 and "Shared entities" in out and "Only in B (Middle East Eye)" in out
    code, out, _ = run(capsys, "compare", SPUTNIK, MEE, "--articles", str(samples), "--markdown")
    assert code == 0 and out.startswith("# ") and "## Shared quotes (1)" in out


def test_compare_unknown_article_is_bad_usage(samples: Path, capsys):
    code, _, err = run(capsys, "compare", SPUTNIK, "no-such-article", "--articles", str(samples))
    assert code == 2 and "reader:" in err


def test_quotes_lists_quotes_with_speakers(samples: Path, capsys):
    code, out, _ = run(capsys, "quotes", MEE, "--articles", str(samples), "--json")
    assert code == 0
    quotes = json.loads(out)
    assert all({"text", "start", "end", "speaker"} <= set(q) for q in quotes)
    merkel = [q for q in quotes if q["speaker"] == "Angela Merkel"]
    assert merkel and merkel[0]["text"].startswith("Both of us insisted")
    code, out, _ = run(capsys, "quotes", MEE, "--articles", str(samples))
    assert code == 0 and "— Angela Merkel" in out


def test_comparison_json_offsets_point_at_the_quoted_words(pair):
    sputnik, mee = pair
    data = comparison_json(compare(sputnik, mee))
    for quote in data["shared_quotes"]:
        assert sputnik.text[quote["a_start"] : quote["a_end"]] == quote["a_text"]
        assert mee.text[quote["b_start"] : quote["b_end"]] == quote["b_text"]
