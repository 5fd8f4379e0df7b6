"""Attack cases for the command line (issue 13), run as a subprocess (`python -m reader ...`)
with its config and cache in temporary folders: whatever file names, folder names, front matter
and article text hold, nothing printed can drive the terminal (escape sequences, BEL, C1
controls, bidirectional controls), in any command or in --json; the Markdown report cannot be
broken out of; a hostile user rule or a named pipe never hangs a command.

A subprocess's timeout is only a guard for the test run: the outcome is what is asserted.
The sections below are the kinds counted in docs/BENCHMARKS.md ("Reliability").
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.config import config_dir
from reader.terminal import terminal_safe

# What a terminal would obey, whatever its position in the output.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
EVIL = "\x1b]52;c;aGk=\x07\x1b[2J\x9b31m\u202e\u2066\u200f"
PROSE = (
    'Angela Merkel said \u200f"we will meet again in Vienna next week" on Monday.\n\n'
    "The talks in Vienna continued \u200e for hours, officials said.\n"
)


def run(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[bytes]:
    """`python -m reader ARGS` with this test's config and cache folders; bytes out."""
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        timeout=timeout,
        env=os.environ | {"NO_COLOR": "1"},
        check=False,
    )


def assert_safe(done: subprocess.CompletedProcess[bytes]) -> tuple[str, str]:
    """The output as text (strict UTF-8), with nothing in it a terminal would obey."""
    out, err = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
    assert not UNSAFE.search(out), UNSAFE.findall(out)
    assert not UNSAFE.search(err), UNSAFE.findall(err)
    return out, err


def _article(path: Path, title: str, body: str = PROSE) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\ntitle: {json.dumps(title)}\noutlet: Out\u202elet\n---\n{body}", "utf-8")


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """A folder whose own name holds escape sequences, with articles whose names, titles and
    text hold them too, a named pipe, a link out of the folder, and a bad file with an evil
    name."""
    root = tmp_path / f"articles{EVIL}"
    _article(root / "plain.txt", "Plain title")
    _article(root / f"evil{EVIL}.txt", f"Evil {EVIL} title")
    (root / f"empty{EVIL}.txt").write_text("", "utf-8")
    (root / "bad\udcff.txt").write_bytes(b"")  # a name that is not UTF-8
    os.mkfifo(root / "pipe.txt")
    (root / f"out{EVIL}.txt").symlink_to("/etc/passwd")
    return root


# ---------------------------------------------------------------------------- terminal injection


def test_index_problem_lines_are_escaped(hostile: Path):
    done = run("index", "--articles", str(hostile))
    out, _ = assert_safe(done)
    assert done.returncode == 0
    assert "Skipped 4 files" in out and "named pipe" in out and "outside the articles" in out
    assert "\\u001b]52;c;aGk=\\u0007" in out  # shown, escaped, not obeyed


def test_search_text_and_json_are_escaped(hostile: Path):
    out, _ = assert_safe(run("search", "Vienna", "--articles", str(hostile)))
    assert "2 articles match" in out
    out, _ = assert_safe(run("search", "Vienna", "--json", "--articles", str(hostile)))
    hits = json.loads(out)
    assert {h["id"] for h in hits} == {"plain", "evil]52;c;agk=[2j31m"}
    assert any("\u200e" in h["snippet"] for h in hits)  # JSON keeps the exact value


def test_a_query_with_escape_sequences_is_escaped_in_every_message(hostile: Path):
    assert_safe(run("search", f"nothing{EVIL}", "--articles", str(hostile)))
    assert_safe(run("search", f"vienn{EVIL}a", "--json", "--articles", str(hostile)))


@pytest.mark.parametrize("form", [[], ["--json"]])
def test_quotes_and_entities_are_escaped(hostile: Path, form: list[str]):
    for command in ("quotes", "entities"):
        done = run(command, "evil]52;c;agk=[2j31m", *form, "--articles", str(hostile))
        assert done.returncode in (0, 1)
        assert_safe(done)


@pytest.mark.parametrize("form", [[], ["--json"], ["--markdown"]])
def test_compare_headers_are_escaped(hostile: Path, form: list[str]):
    done = run("compare", "plain", "evil]52;c;agk=[2j31m", *form, "--articles", str(hostile))
    out, _ = assert_safe(done)
    assert "Evil" in out


def test_did_you_mean_and_missing_articles_are_escaped(hostile: Path):
    done = run("show", "evil]52;c;agk=[2j3", "--articles", str(hostile))
    _, err = assert_safe(done)
    assert done.returncode == 2 and "did you mean" in err
    done = run("show", str(hostile / f"empty{EVIL}.txt"))
    _, err = assert_safe(done)
    assert done.returncode == 2 and "empty file" in err


def test_show_is_escaped(hostile: Path):
    for form in ([], ["--json"], ["--removed"]):
        done = run("show", "plain", *form, "--articles", str(hostile))
        assert done.returncode == 0
        assert_safe(done)


def test_the_one_filter_escapes_and_keeps_layout():
    assert terminal_safe("a\tb\nc  d") == "a\tb\nc  d"
    assert terminal_safe("\x1b[2J\u202e\x9b\udcff") == "\\u001b[2J\\u202e\\u009b\\udcff"
    text = json.dumps({"t": "x\u202ey\x85"}, ensure_ascii=False)
    assert json.loads(terminal_safe(text)) == {"t": "x\u202ey\x85"}


# ---------------------------------------------------------------------------- Markdown report


def test_an_id_with_backticks_pipes_and_script_cannot_break_the_markdown(tmp_path: Path):
    root = tmp_path / "articles"
    _article(root / "a`b``c|<script>.txt", "A <script>alert(1)</script> | cell")
    _article(root / "plain.txt", "Plain")
    done = run("compare", "a`b``c|<script>", "plain", "--markdown", "--articles", str(root))
    out, _ = assert_safe(done)
    row = next(line for line in out.splitlines() if line.startswith("| Article |"))
    assert row == "| Article | ```a`b``c\\|<script>``` | `plain` |"
    title = next(line for line in out.splitlines() if line.startswith("| Title |"))
    assert "<script>" not in title and "\\<script\\>" in title and title.count(" | ") == 2


# ---------------------------------------------------------------------------- hangs


def test_a_named_pipe_never_blocks_index(tmp_path: Path):
    root = tmp_path / "articles"
    _article(root / "plain.txt", "Plain")
    os.mkfifo(root / "x.txt")
    done = run("index", "--articles", str(root), timeout=120)
    out, _ = assert_safe(done)
    assert done.returncode == 0 and "not a regular file (a named pipe)" in out


def test_a_catastrophic_user_rule_is_refused_by_index_and_compare(tmp_path: Path):
    root = tmp_path / "articles"
    _article(root / "a.txt", "A", "a" * 5_000 + "!\n\n" + PROSE)
    _article(root / "b.txt", "B")
    config_dir().mkdir(parents=True, exist_ok=True)
    (config_dir() / "boilerplate.yaml").write_text("line_rules:\n  mine: ['(a+)+$']\n", "utf-8")
    for args in (["index"], ["compare", "a", "b"]):
        done = run(*args, "--articles", str(root), timeout=120)
        _, err = assert_safe(done)
        assert done.returncode == 2 and "exponential time" in err


# ---------------------------------------------------------------------------- analysis size limit


def test_entities_quotes_and_compare_say_what_the_size_limit_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    from reader.analysis import limits
    from reader.analysis.comparison import clear_cache

    root = tmp_path / "articles"
    _article(root / "long.txt", "Long", PROSE * 40)
    _article(root / "plain.txt", "Plain")
    monkeypatch.setattr(limits, "MAX_ANALYSED_CHARS", 1_000)
    clear_cache()
    for args in (["entities", "long"], ["quotes", "long", "--json"], ["compare", "long", "plain"]):
        main([*args, "--articles", str(root)])
        err = capsys.readouterr().err
        assert "reader: long: only the first" in err and "the limit is 1,000" in err
    clear_cache()
