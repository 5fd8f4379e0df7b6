"""`reader show`: the cleaned article as the reader uses it, what cleaning removed, JSON, and
nothing printed that could drive the terminal."""

from __future__ import annotations

import json

from reader.cli import main

ARTICLE = (
    '---\ntitle: "Bridge \\e[31mvote\\u202e"\noutlet: NYT\ndate: Oct. 2, 2015\n'
    "url: https://example.org/bridge\n---\n"
    "Skip to main content\n\n"
    "The council voted to rebuild the bridge. Advertisement Advertisement Work starts in May.\n\n"
    "Share\n"
)


def _folder(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "bridge-vote.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


def test_show_prints_the_fields_and_the_cleaned_text(tmp_path, capsys):
    assert main(["show", "bridge-vote", "--articles", str(_folder(tmp_path))]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[:3] == [
        "Bridge [31mvote",
        "The New York Times \u00b7 2015-10-02 \u00b7 bridge-vote",
        "https://example.org/bridge",
    ]
    assert "The council voted to rebuild the bridge. Work starts in May." in out
    assert "Removed" not in out and "Advertisement" not in out
    assert "\x1b" not in out and "\u202e" not in out


def test_show_removed_lists_every_removed_span_with_its_rule(tmp_path, capsys):
    assert main(["show", "bridge-vote", "--removed", "--articles", str(_folder(tmp_path))]) == 0
    out = capsys.readouterr().out
    assert out.split("Removed by cleaning (3):\n", 1)[1].splitlines() == [
        "  [navigation] Skip to main content",
        "  [advertising] Advertisement Advertisement",
        "  [share] Share",
    ]


def test_show_json_has_the_fields_the_text_and_the_removed_spans(tmp_path, capsys):
    assert main(["show", "bridge-vote", "--json", "--articles", str(_folder(tmp_path))]) == 0
    out = capsys.readouterr().out
    data = json.loads(out)
    assert list(data) == ["id", "title", "outlet", "date", "url", "text", "removed"]
    assert data["id"] == "bridge-vote" and data["outlet"] == "The New York Times"
    assert data["text"] == "The council voted to rebuild the bridge. Work starts in May."
    assert data["removed"][1] == {"text": "Advertisement Advertisement", "rule": "advertising"}
    assert "\x1b" not in out and "\u202e" not in out


def test_show_a_file_path_and_an_unknown_article(tmp_path, capsys):
    folder = _folder(tmp_path)
    assert main(["show", str(folder / "bridge-vote.txt")]) == 0
    assert "Work starts in May." in capsys.readouterr().out
    assert main(["show", "no-such-article", "--articles", str(folder)]) == 2
    assert "no article 'no-such-article'" in capsys.readouterr().err


def test_show_sanitises_a_file_name_with_control_characters(tmp_path, capsys):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "evil\x1b[2Jname.txt").write_text("The bridge reopened on Monday.\n", "utf-8")
    assert main(["show", "evil[2jname", "--articles", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert main(["show", "evil[2jname", "--json", "--articles", str(folder)]) == 0
    out = capsys.readouterr().out  # ids hold no control characters
    assert "\x1b" not in out and json.loads(out)["id"] == "evil[2jname"


def test_a_missing_article_message_never_carries_escape_sequences(tmp_path, capsys):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "bridge\x1b[2Jvote.txt").write_text("The bridge reopened on Monday.\n", "utf-8")
    (folder / "empty\x1b[31m.txt").write_text("", "utf-8")
    assert main(["show", "bridge-vot", "--articles", str(folder)]) == 2
    assert main(["show", str(folder / "empty\x1b[31m.txt")]) == 2
    err = capsys.readouterr().err
    assert "did you mean" in err and "empty file" in err and "\x1b" not in err


def test_show_prints_the_file_s_warnings_on_stderr(tmp_path, capsys):
    folder = tmp_path / "articles"
    folder.mkdir()
    text = "---\ndate: 03/04/2015\n---\nМинистр заявил во вторник, что переговоры продолжатся.\n"
    (folder / "talks.txt").write_bytes(text.encode("cp1251"))
    assert main(["show", "talks", "--articles", str(folder)]) == 0
    captured = capsys.readouterr()
    assert "переговоры" in captured.out
    assert "decoded as Windows-1251 (detected)" in captured.err
    assert "ambiguous date '03/04/2015'" in captured.err
