"""Saved web pages as articles: folders and single files, gzip, metadata, pages without an
article, limits, hostile content, the extraction cache, and the folder left untouched."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from reader.cli import main
from reader.corpus import find_article, load_corpus, read_article
from reader.corpus import html as page_module
from reader.corpus.html import clean_page, is_page, page_title, read_page
from tests.webserver import article_html


def _write(folder: Path, name: str, html: str, gz: bool = False) -> Path:
    path = folder / name
    data = html.encode("utf-8")
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "saved"
    folder.mkdir()
    _write(folder, "council.html", article_html("Council passes the budget"))
    _write(folder, "roads.htm", article_html("Roads to be repaired", seed="roads"))
    _write(folder, "flood.html.gz", article_html("Two winters after the flood", seed="x"), True)
    (folder / "notes.txt").write_text("A plain note about the council meeting.\n", "utf-8")
    return folder


def test_a_folder_of_pages_loads_as_articles(pages: Path) -> None:
    corpus = load_corpus(pages)
    by_id = corpus.by_id()
    assert set(by_id) == {"council", "roads", "flood", "notes"}
    article = by_id["council"]
    assert article.title == "Council passes the budget"
    assert article.outlet == "The Town Crier"
    assert article.date == "2024-03-05"
    assert "The council met on Tuesday evening" in article.text
    assert not article.text.startswith("Council passes the budget")  # the headline repeat
    assert "Home" not in article.text.split() and "Copyright" not in article.text
    assert "alert" not in article.text and "document.write" not in article.text
    assert by_id["flood"].title == "Two winters after the flood"
    assert not [p for p in corpus.problems if p.severity == "error"]


def test_the_articles_folder_is_never_written(pages: Path) -> None:
    before = {p: p.stat().st_mtime_ns for p in pages.rglob("*")}
    load_corpus(pages)
    load_corpus(pages)
    assert {p: p.stat().st_mtime_ns for p in pages.rglob("*")} == before


def test_a_single_page_named_on_the_command_line(
    pages: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = find_article(str(pages / "roads.htm"), pages)
    assert article.title == "Roads to be repaired"
    assert main(["show", str(pages / "council.html")]) == 0
    shown = capsys.readouterr().out
    assert "<!DOCTYPE" not in shown and "Council passes the budget" in shown


def test_a_page_without_an_article_is_a_problem(tmp_path: Path) -> None:
    _write(tmp_path, "menu.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>")
    _write(tmp_path, "empty.html", "   ")
    corpus = load_corpus(tmp_path)
    assert corpus.articles == []
    reasons = {p.path.name: p.reason for p in corpus.problems}
    assert "no article text" in reasons["menu.html"]
    assert reasons["empty.html"]


def test_a_huge_page_and_a_gzip_bomb_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(page_module, "MAX_PAGE_BYTES", 50_000)
    _write(tmp_path, "huge.html", article_html("Huge", paragraphs=400))
    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(gzip.compress(b"<html>" + b" " * 5_000_000 + b"</html>"))
    corpus = load_corpus(tmp_path)
    reasons = {p.path.name: p.reason for p in corpus.problems}
    assert "too large" in reasons["huge.html"] and "too large" in reasons["bomb.html.gz"]


def test_a_damaged_gzip_page_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "broken.html.gz").write_bytes(b"\x1f\x8b\x08\x00not gzip at all")
    problems = load_corpus(tmp_path).problems
    assert problems and "gzip" in problems[0].reason


def test_hostile_metadata_is_sanitised(tmp_path: Path) -> None:
    title = "Breaking\x1b[2J\x1b]0;owned\x07 news\u202e about\nthe council"
    _write(tmp_path, "evil.html", article_html(title, site="Crier\x1b[31m"))
    article = load_corpus(tmp_path).articles[0]
    for value in (article.title, article.outlet or ""):
        assert "\x1b" not in value and "\x07" not in value and "\u202e" not in value
        assert "\n" not in value
    assert "\x1b" not in article.text


def test_the_extraction_is_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, "council.html", article_html("Council passes the budget"))
    first = read_page(path)

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("extracted again")

    monkeypatch.setattr(page_module, "extract_page", fail)
    assert read_page(path) == first
    path.write_text(article_html("Council passes a new budget"), "utf-8")
    with pytest.raises(AssertionError):
        read_page(path)  # a changed page is a new key


def test_page_suffixes() -> None:
    assert is_page("a.html") and is_page("a.HTM") and is_page("a.html.gz")
    assert not is_page("a.txt") and not is_page("a.gz") and not is_page("html")


def test_page_titles_lose_the_site_name_only() -> None:
    assert page_title("Best gadgets of 2019 | ZDNet", "ZDNet", "zdnet.com") == (
        "Best gadgets of 2019"
    )
    assert page_title("Crier | The long winter", "The Crier", "crier.example") == (
        "The long winter"
    )
    kept = "The Guardian view on Hong Kong: a city on the brink | Editorial"
    assert page_title(kept, "The Guardian", "theguardian.com") == kept
    assert page_title("Anthony Lynn: we needed to win", "PFT", "nbcsports.com") == (
        "Anthony Lynn: we needed to win"
    )


def test_clean_page_keeps_lists_and_removes_debris() -> None:
    text = "The title\n\nJune 9 -- Tampa, FL\n\nJune 10 -- Raleigh, NC\n\nAdvertisement"
    cleaned = clean_page(text, "The title")
    assert cleaned.text == "June 9 -- Tampa, FL\n\nJune 10 -- Raleigh, NC"
    assert [r.rule for r in cleaned.removed][0] == "headline"
    assert len(cleaned.removed) == 2


def test_removed_debris_of_a_page_is_recorded(tmp_path: Path) -> None:
    path = _write(tmp_path, "council.html", article_html("Council passes the budget"))
    read = read_article(path)
    assert read.article is not None
    assert ("headline", "Council passes the budget") in [(r.rule, r.text) for r in read.removed]
