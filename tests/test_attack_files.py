"""Attack cases for the user's files (issue 13): hostile corpora made in temporary folders
(links out of the folder, named pipes, devices, names that are not UTF-8 or hold escape
sequences), hostile front matter, hostile user tables (schema, catastrophic regexes), and
articles past the analysis size limit. None crashes, hangs or reads outside the articles folder.

The sections below are the kinds counted in docs/BENCHMARKS.md ("Reliability").
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.analysis import limits
from reader.analysis.comparison import clear_cache, compare
from reader.config import ConfigError, config_dir, load_settings, reload_tables
from reader.corpus import (
    ArticleNotFound,
    clean,
    find_article,
    load_article,
    load_corpus,
    parse_front_matter,
    scan,
)
from reader.corpus.article import rel_id
from reader.corpus.patterns import backtracking_risk
from reader.search import open_library, search

PROSE = (
    "The minister met his counterpart in Vienna on Monday to discuss the ceasefire.\n\n"
    "Both sides said the talks would continue next week in Geneva.\n"
)
SECRET = "TOP-SECRET-NOTES the reader must never index\n\n" + PROSE


def _write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """An articles folder with one good article, and a private file beside (outside) it."""
    root = tmp_path / "articles"
    _write(root / "good.txt", "Good headline\n\n" + PROSE)
    _write(tmp_path / "private" / "notes.txt", SECRET)
    return root


def _reasons(root: Path) -> dict[str, str]:
    corpus = load_corpus(root)
    assert all("TOP-SECRET" not in a.text for a in corpus.articles)
    return {p.path.name: p.reason for p in corpus.problems}


# ---------------------------------------------------------------------------- links and file types


def test_a_link_to_etc_passwd_is_reported_not_read(folder: Path):
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    reasons = _reasons(folder)
    assert "outside the articles folder" in reasons["passwd.txt"]
    assert "not followed" in reasons["passwd.txt"]


def test_a_link_to_a_private_file_outside_is_reported_not_read(folder: Path):
    (folder / "notes.md").symlink_to(folder.parent / "private" / "notes.txt")
    assert "outside the articles folder" in _reasons(folder)["notes.md"]


def test_a_link_to_a_folder_outside_is_reported_not_followed(folder: Path):
    (folder / "more").symlink_to(folder.parent / "private", target_is_directory=True)
    assert "symlink to a folder outside" in _reasons(folder)["more"]


def test_links_that_stay_inside_the_folder_are_followed(folder: Path):
    _write(folder / "sub" / "real.txt", "Real headline\n\n" + PROSE)
    (folder / "alias.txt").symlink_to(folder / "sub" / "real.txt")
    (folder / "view").symlink_to(folder / "sub", target_is_directory=True)
    corpus = load_corpus(folder)
    assert {a.id for a in corpus.articles} == {"alias", "sub/real", "good"}
    assert ["already scanned" in p.reason for p in corpus.problems] == [True]  # view/


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_link_to_a_device_is_one_problem_with_both_reasons(folder: Path, device: str):
    (folder / "dev.txt").symlink_to(device)
    corpus = load_corpus(folder)
    problems = [p for p in corpus.problems if p.path.name == "dev.txt"]
    assert len(problems) == 1
    assert "outside the articles folder" in problems[0].reason
    assert "a character device" in problems[0].reason


_GUARD = """
import sys
from pathlib import Path
from reader.corpus import load_article, load_corpus
root = Path(sys.argv[1])
corpus = load_corpus(root)
print(sorted(a.id for a in corpus.articles))
print([p.reason for p in corpus.problems])
print(load_article(root / "x.txt", root).problems[0].reason)
"""


def test_a_named_pipe_never_blocks_scanning_or_reading(folder: Path):
    os.mkfifo(folder / "x.txt")
    os.mkfifo(folder / "page.html")
    # A subprocess with a generous timeout guards the test run; the outcome is what is asserted.
    done = subprocess.run(
        [sys.executable, "-c", _GUARD, str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    ids, reasons, direct = done.stdout.splitlines()
    assert ids == "['good']"
    assert reasons.count("not a regular file (a named pipe)") == 2
    assert "not a regular file (a named pipe)" in direct  # read directly: opened without waiting


def test_a_named_pipe_given_as_a_page_is_refused_before_it_is_opened(folder: Path):
    os.mkfifo(folder / "live.htm")
    assert "named pipe" in load_article(folder / "live.htm", folder).problems[0].reason


def test_find_article_never_reads_a_link_leaving_the_folder(folder: Path):
    (folder / "notes.txt").symlink_to(folder.parent / "private" / "notes.txt")
    with pytest.raises(ArticleNotFound):
        find_article("notes", folder)


# ---------------------------------------------------------------------------- file names


def test_a_name_that_is_not_utf8_gets_a_printable_id_and_indexes(folder: Path):
    raw = os.fsencode(folder) + b"/caf\xe9 \xff\xfe.txt"
    with open(raw, "wb") as stream:
        stream.write(("Latin headline\n\n" + PROSE).encode())
    corpus = load_corpus(folder)
    ids = sorted(a.id for a in corpus.articles)
    assert ids == ["caf\ufffd-\ufffd\ufffd", "good"]
    assert all(i.encode("utf-8") for i in ids)
    library = open_library(folder)
    library.update()
    found = {hit.id for hit in search(library, "Vienna").hits}
    assert found == set(ids)


def test_a_name_of_spaces_before_the_suffix_is_reported_not_given_the_empty_id(folder: Path):
    _write(folder / " .txt", "Spaces headline\n\n" + PROSE)
    _write(folder / "sub" / "  .md", "Spaces headline\n\n" + PROSE)
    files, problems = scan(folder)
    assert [f.id for f in files] == ["good"]
    assert sorted(p.path.name for p in problems) == ["  .md", " .txt"]
    assert all("empty id" in p.reason for p in problems)


def test_escape_sequences_and_bidi_controls_never_reach_an_id(folder: Path):
    _write(folder / "a\x1b]52;c;aGk=\x07b\u202ec.txt", "Evil headline\n\n" + PROSE)
    ids = {a.id for a in load_corpus(folder).articles}
    assert ids == {"good", "a]52;c;agk=bc"}


@given(st.text())
def test_every_id_is_printable_and_encodable(name: str):
    ident = rel_id(name + ".txt")
    ident.encode("utf-8")
    assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in ident)
    assert not any(c in ident for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def test_ids_of_ordinary_names_are_unchanged():
    assert rel_id("World News/Story One.md") == "world-news/story-one"
    assert rel_id("a/b/c.v2.TXT") == "a/b/c.v2"


def test_a_file_swapped_for_a_pipe_after_the_scan_is_not_read(folder: Path):
    files, _ = scan(folder)
    (folder / "good.txt").unlink()
    os.mkfifo(folder / "good.txt")
    loaded = load_article(files[0].path, folder)
    assert loaded.article is None and "named pipe" in loaded.problems[0].reason


# ---------------------------------------------------------------------------- reported once


def test_a_file_with_several_problems_is_reported_once_with_every_reason(folder: Path):
    front = "---\ntitle: !!int abc\nurl: ftp://x\ndate: 2015-02-30\n---\n"
    _write(folder / "bad.txt", (front + "Caf\xe9 headline\n\n" + PROSE).encode("cp1252"))
    problems = [p for p in load_corpus(folder).problems if p.path.name == "bad.txt"]
    assert len(problems) == 1
    reason = problems[0].reason
    for part in ("decoded as", "'title' ignored", "'url' ignored", "'date' ignored"):
        assert part in reason


# ---------------------------------------------------------------------------- front matter


def test_unclosed_front_matter_is_text_with_a_warning(folder: Path):
    path = _write(folder / "open.txt", "---\ntitle: Never closed\n\n" + PROSE)
    article, problems = load_article(path, folder)
    assert article is not None and "Never closed" in article.title + article.text
    assert [p.severity for p in problems] == ["warning"] and "not closed" in problems[0].reason
    ruled = _write(folder / "rule.txt", "---\nA headline after a rule\n\n" + PROSE)
    assert load_article(ruled, folder).problems == []  # a rule, not front matter


@pytest.mark.parametrize(
    "front",
    [
        "tags: " + "[" * 10_000 + "]" * 10_000,
        "tags: " + "{a: " * 3_000 + "1" + "}" * 3_000,
        "".join(" " * depth + f"k{depth}:\n" for depth in range(300)) + " " * 300 + "v",
        "tags: " + "[" * 51 + "]" * 51,
    ],
)
def test_deeply_nested_front_matter_is_ignored_with_a_warning(folder: Path, front: str):
    fields, warnings = parse_front_matter("title: kept?\n" + front)
    assert fields == {} and len(warnings) == 1 and "nested deeper than 50" in warnings[0]
    _write(folder / "deep.txt", f"---\n{front}\n---\nDeep headline\n\n{PROSE}")
    corpus = load_corpus(folder)
    assert {a.id for a in corpus.articles} == {"good", "deep"}


def test_front_matter_nested_within_the_limit_is_read():
    fields, warnings = parse_front_matter("title: Kept\ntags: " + "[" * 40 + "]" * 40)
    assert fields == {"title": "Kept"} and warnings == []


# ---------------------------------------------------------------------------- user tables


def _user_table(name: str, text: str) -> None:
    _write(config_dir() / f"{name}.yaml", text)
    reload_tables()


def test_line_rules_as_a_list_is_refused_naming_the_key():
    _user_table("boilerplate", "line_rules: ['^x$']\n")
    with pytest.raises(ConfigError, match="line_rules"):
        clean("Some text here.")


def test_short_line_words_that_is_not_a_number_is_refused():
    _user_table("boilerplate", "short_line_words: many\n")
    with pytest.raises(ConfigError, match="short_line_words: expected a whole number"):
        clean("Some text here.")


@pytest.mark.parametrize(
    "pattern", ["(a+)+$", "^(\\w+\\s?)*$", "(a|aa)+$", "(.*a){12}", "((ab)*c)+$"]
)
def test_a_user_rule_that_can_backtrack_catastrophically_is_refused(pattern: str):
    _user_table("boilerplate", f"line_rules:\n  mine: ['{pattern}']\n")
    with pytest.raises(ConfigError, match="exponential time"):
        clean("a" * 40 + "!\n\n" + PROSE)


def test_safe_user_rules_and_the_shipped_rules_with_groups_are_accepted():
    assert backtracking_risk("^Read more at (My|Our) Site$") is None
    assert backtracking_risk("(?>a+)+$") is None and backtracking_risk("(a++)+$") is None
    _user_table("boilerplate", "line_rules:\n  mine: ['^Read more at My Site$']\n")
    assert "Read more" not in clean("Read more at My Site\n\n" + PROSE).text


def test_config_files_refuse_aliases_deep_nesting_and_huge_sizes():
    for text, reason in (
        ("a: &x [1]\nb: *x\n", "aliases are not allowed"),
        ("a: " + "[" * 10_000 + "]" * 10_000, "nested deeper than 50"),
        ("a: " + "x" * (5 * 1024 * 1024) + "\n", "longer than"),
    ):
        _write(config_dir() / "config.yaml", text)
        with pytest.raises(ConfigError, match=reason):
            load_settings()


# ---------------------------------------------------------------------------- analysis size


def test_the_analysed_part_is_a_prefix_cut_at_a_paragraph(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(limits, "MAX_ANALYSED_CHARS", 100)
    text = "x" * 60 + "\n\n" + "y" * 60
    assert limits.analysed_part(text) == "x" * 60
    assert "only the first 60 of 122 characters" in (limits.limit_note(text) or "")
    assert limits.limit_note("short") is None and limits.analysed_part("short") == "short"


def test_the_limit_is_a_megabyte():
    assert limits.MAX_ANALYSED_CHARS == 1_000_000


def test_a_comparison_analyses_only_the_part_within_the_limit(
    folder: Path, monkeypatch: pytest.MonkeyPatch
):
    head = "Angela Merkel met Vladimir Putin in Vienna on Monday.\n\n"
    tail = "Later, Barack Obama spoke to Francois Hollande in Paris.\n"
    _write(folder / "long-a.txt", "Long A\n\n" + head + tail)
    _write(folder / "long-b.txt", "Long B\n\n" + head + tail)
    monkeypatch.setattr(limits, "MAX_ANALYSED_CHARS", len(head) + 2)
    clear_cache()
    a, b = find_article("long-a", folder), find_article("long-b", folder)
    names = {e.name for e in compare(a, b).shared_entities}
    clear_cache()
    assert "Barack Obama" not in names and names
