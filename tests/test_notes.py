"""The user's records (marks, read state, notes, highlights), `note:` search, list exports and
the command line's `reader notes`, `reader search --csv` and folder and query messages."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from reader.cli import main
from reader.config import data_dir
from reader.notes import Highlight, Identity, Notes, notes_path
from reader.notes.report import notes_markdown
from reader.notes.search import split_note_terms
from reader.report.lists import ListRow, rows_csv, rows_markdown, save_list
from reader.search.position import with_column

ARTICLE = Identity("world/story", "Ceasefire talks resume", "Example News", "2015-10-02", None)


def test_notes_live_in_the_data_folder_not_the_articles_folder(isolated_folders: Path) -> None:
    Notes().update(ARTICLE, note="check the casualty figure")
    assert notes_path() == data_dir() / "notes.json"
    assert notes_path().is_relative_to(isolated_folders / "data")
    data = json.loads(notes_path().read_text("utf-8"))
    assert data["articles"][0]["note"] == "check the casualty figure"


def test_a_record_survives_a_renamed_file_and_an_edited_title() -> None:
    notes = Notes()
    notes.update(ARTICLE, note="first", read=True)
    moved = Identity("archive/2015/story", ARTICLE.title, ARTICLE.outlet, ARTICLE.date, None)
    assert Notes().get(moved).note == "first"  # same title, outlet and date: same article
    retitled = Identity(ARTICLE.id, "Ceasefire talks resume in Geneva", ARTICLE.outlet, None, None)
    assert Notes().get(retitled).note == "first"  # same id
    Notes().update(retitled, note="second")
    assert [r.note for r in Notes().records] == ["second"]  # one record, identity refreshed


def test_marks_keep_their_order_and_empty_records_are_dropped() -> None:
    notes = Notes()
    b = Identity("b", "B", None, None, None)
    notes.mark(b, True)
    notes.mark(ARTICLE, True)
    assert [r.id for r in Notes().marked()] == ["b", "world/story"]
    notes.mark(b, False)
    assert [r.id for r in Notes().records] == ["world/story"]


def test_a_damaged_notes_file_is_set_aside() -> None:
    notes_path().parent.mkdir(parents=True)
    notes_path().write_text("{not json", "utf-8")
    assert Notes().records == []
    assert notes_path().with_name("notes.json.damaged").is_file()


def test_note_terms_are_taken_out_of_the_query() -> None:
    split = split_note_terms('russia note:Casualty note:"Figure Checked" -isis')
    assert split.rest == "russia -isis"
    assert split.terms == ("casualty", "figure checked")


def test_notes_markdown_escapes_what_the_user_wrote() -> None:
    record = Notes().update(
        ARTICLE, note="see *this* <b>", highlights=(Highlight("a [passage]", "why", 3),)
    )
    text = notes_markdown([record])
    assert "## Notes: Ceasefire talks resume" in text
    assert r"see \*this\* \<b\>" in text
    assert r"> a \[passage\]" in text


def test_list_csv_and_markdown() -> None:
    rows = [
        ListRow("=HYPERLINK(1)", "Outlet, Inc", "2015-10-02", "https://e.org/a", "a"),
        ListRow("Plain | title", None, None, None, "b"),
    ]
    parsed = list(csv.reader(io.StringIO(rows_csv(rows))))
    assert parsed[0] == ["title", "outlet", "date", "url", "id"]
    assert parsed[1] == ["'=HYPERLINK(1)", "Outlet, Inc", "2015-10-02", "https://e.org/a", "a"]
    markdown = rows_markdown(rows, "Search: russia")
    assert "| Plain \\| title |" in markdown
    assert "<https://e.org/a>" in markdown


def test_save_list_never_overwrites_nor_writes_in_the_articles_folder(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    rows = [ListRow("T", None, None, None, "t")]
    first = save_list(rows, "marked", articles, [articles, out])
    second = save_list(rows, "marked", articles, [articles, out])
    assert first == (out / "list-marked.csv", out / "list-marked.md")
    assert second == (out / "list-marked-2.csv", out / "list-marked-2.md")
    assert list(articles.iterdir()) == []


def test_query_messages_give_the_column() -> None:
    assert with_column("a parenthesis is not closed", "title:((") == (
        "a parenthesis is not closed (column 7)"
    )
    assert with_column("other", "x") == "other"


def test_cli_names_a_missing_folder_and_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--articles", str(tmp_path / "nowhere"), "search", "x"]) == 2
    assert f"articles folder not found: {tmp_path / 'nowhere'}" in capsys.readouterr().err
    file = tmp_path / "one.md"
    file.write_text("text", "utf-8")
    assert main(["search", "--articles", str(file), "russia"]) == 2
    assert "is a file" in capsys.readouterr().err
    assert main(["search", "title:(("]) == 2
    assert "(column 7)" in capsys.readouterr().err


@pytest.fixture
def corpus(tmp_path: Path, samples: Path) -> Path:
    folder = tmp_path / "articles"
    shutil.copytree(samples, folder)
    return folder


def test_cli_notes_and_note_search(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["notes"]) == 1
    mee = Identity("mee-leaders-call-on-russia", "x", None, None, None)
    record = Notes().get(mee)
    Notes().update(
        Identity(record.id, "Leaders call on Russia", "Middle East Eye", None, None),
        note="Compare the casualty figures",
    )
    capsys.readouterr()
    assert main(["notes", "--json"]) == 0
    (item,) = json.loads(capsys.readouterr().out)
    assert item["note"] == "Compare the casualty figures"
    assert main(["search", "--articles", str(corpus), "--json", "note:casualty"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert [h["id"] for h in hits] == ["mee-leaders-call-on-russia"]
    assert main(["search", "--articles", str(corpus), "--json", "russia note:casualty"]) == 0
    assert [h["id"] for h in json.loads(capsys.readouterr().out)] == ["mee-leaders-call-on-russia"]
    assert main(["search", "--articles", str(corpus), "note:nothing"]) == 1


def test_cli_search_csv(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "--articles", str(corpus), "--csv", "--limit", "2", "russia"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["title", "outlet", "date", "url", "id"]
    assert len(rows) == 3
