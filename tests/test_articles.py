"""Loading articles: front matter, inference, ids, and every kind of bad file."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.corpus import (
    ArticleNotFound,
    article_id,
    find_article,
    load_article,
    load_corpus,
    loading,
    scan,
)


def _write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {
        str(p): (p.stat().st_mtime_ns, p.read_bytes())
        for p in folder.rglob("*")
        if p.is_file() and not p.is_symlink()
    }


PROSE = "The minister said the talks would continue on Monday in Geneva.\n"


def test_sample_corpus_loads_with_the_outlets_the_texts_name(samples):
    corpus = load_corpus(samples)
    assert corpus.problems == []
    outlets = {a.id: a.outlet for a in corpus.articles}
    assert outlets == {
        "trtworld-coalition-statement": "TRT World",
        "sputnik-joint-statement": "Sputnik",
        "presstv-lavrov-turkey": "Press TV",
        "russia-urged-to-halt": None,
        "mee-leaders-call-on-russia": "Middle East Eye",
    }
    unknown = corpus.by_id()["russia-urged-to-halt"]
    assert unknown.outlet_label == "Unknown outlet"


def test_outlet_and_title_are_inferred_from_text_without_front_matter(tmp_path, samples):
    for path in samples.glob("*.txt"):
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        _write(tmp_path / path.name, body)
    corpus = load_corpus(tmp_path)
    by_id = corpus.by_id()
    assert by_id["sputnik-joint-statement"].outlet == "Sputnik"  # MOSCOW (Sputnik) –
    assert by_id["trtworld-coalition-statement"].outlet == "TRT World"  # TRTWorld and agencies
    assert by_id["presstv-lavrov-turkey"].outlet == "Press TV"  # Press TV's website
    assert by_id["mee-leaders-call-on-russia"].outlet == "Middle East Eye"
    assert by_id["russia-urged-to-halt"].outlet is None  # unknown, not guessed
    assert (
        by_id["presstv-lavrov-turkey"].title
        == "Russian FM insists on halting Turkey's aggression in Syria"
    )
    assert not by_id["presstv-lavrov-turkey"].text.startswith("Russian FM insists")


def test_agencies_quoted_in_prose_do_not_become_the_outlet(tmp_path):
    path = _write(
        tmp_path / "a.txt",
        "Headline here\n\nA source told AFP that strikes hit Raqqa "
        "(AFP).\n\nThe analyst told the Guardian it was clear.\n",
    )
    article, _ = load_article(path, tmp_path)
    assert article.outlet is None


def test_front_matter_fields_are_read_and_dates_normalised(tmp_path):
    path = _write(
        tmp_path / "x.md",
        "---\ntitle: A title\noutlet: presstv\ndate: 2016-02-21\n"
        "url: https://example.org/a\n---\n" + PROSE,
    )
    article, problems = load_article(path, tmp_path)
    assert problems == []
    assert (article.title, article.outlet, article.date, article.url) == (
        "A title",
        "Press TV",
        "2016-02-21",
        "https://example.org/a",
    )


@pytest.mark.parametrize(
    "front, reason",
    [
        ("title: [unclosed\n", "front matter ignored"),
        ("!!python/object/apply:os.system ['echo pwned']\n", "front matter ignored"),
        ("a: &x [1,2]\nb: *x\n", "aliases are not allowed"),
        ("- just\n- a list\n", "expected 'key: value' lines"),
        ("date: yesterday\n", "'date' ignored"),
        ("url: javascript:alert(1)\n", "'url' ignored"),
    ],
)
def test_bad_front_matter_is_reported_and_the_article_still_loads(tmp_path, front, reason):
    path = _write(tmp_path / "bad.txt", f"---\n{front}---\nHeadline of the story\n\n{PROSE}")
    article, problems = load_article(path, tmp_path)
    assert article is not None and "Geneva" in article.text
    assert len(problems) == 1 and problems[0].severity == "warning"
    assert reason in problems[0].reason and problems[0].path == path


def test_undecodable_bytes_fall_back_with_a_warning(tmp_path):
    path = _write(
        tmp_path / "latin.txt", "Caf\u00e9 owners said the strikes \u2013 many.\n".encode("cp1252")
    )
    article, problems = load_article(path, tmp_path)
    assert "Café" in article.text
    assert problems[0].severity == "warning" and "Windows-1252" in problems[0].reason


def test_declared_encoding_is_honoured(tmp_path):
    data = "---\nencoding: koi8-r\ntitle: t\n---\n\u041c\u043e\u0441\u043a\u0432\u0430 said so.\n"
    path = _write(tmp_path / "ru.txt", data.encode("koi8-r"))
    article, problems = load_article(path, tmp_path)
    assert "\u041c\u043e\u0441\u043a\u0432\u0430" in article.text
    assert "koi8-r" in problems[0].reason


def test_utf8_bom_and_utf16_are_read(tmp_path):
    a = _write(tmp_path / "bom.txt", b"\xef\xbb\xbfHeadline\n\n" + PROSE.encode())
    b = _write(tmp_path / "u16.txt", ("Headline\n\n" + PROSE).encode("utf-16"))
    for path in (a, b):
        article, problems = load_article(path, tmp_path)
        assert problems == [] and article.title == "Headline"


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "empty file"),
        (b"  \n\n ", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (b"---\ntitle: t\n---\n", "no article text"),
        (b"Share\n\nAdvertisement\n", "only navigation and boilerplate"),
    ],
)
def test_files_that_cannot_be_articles_are_skipped_with_a_reason(tmp_path, content, reason):
    path = _write(tmp_path / "bad.txt", content)
    article, problems = load_article(path, tmp_path)
    assert article is None
    assert any(reason in p.reason and p.severity == "error" for p in problems)


def test_unreadable_file_is_reported(tmp_path, monkeypatch):
    _write(tmp_path / "secret.txt", PROSE)
    _write(tmp_path / "fine.txt", "Fine\n\n" + PROSE)
    real_read = loading._regular_bytes

    def read_bytes(path, limit):
        if path.name == "secret.txt":
            raise PermissionError(13, "Permission denied")
        return real_read(path, limit)

    monkeypatch.setattr(loading, "_regular_bytes", read_bytes)
    corpus = load_corpus(tmp_path)
    assert [a.id for a in corpus.articles] == ["fine"]
    assert corpus.problems[0].reason == "cannot read (Permission denied)"


def test_a_bad_corpus_reports_each_file_once_and_loads_the_rest(tmp_path):
    _write(tmp_path / "good.txt", "Good headline\n\n" + PROSE)
    _write(tmp_path / "empty.md", "")
    _write(tmp_path / "bin.txt", b"\x00\x01\x02\x03")
    _write(tmp_path / "sub" / "deep.md", "Deep headline\n\n" + PROSE)
    _write(tmp_path / "good.md", "Same id as good.txt\n\n" + PROSE)
    _write(tmp_path / "notes.pdf", b"%PDF")
    _write(tmp_path / ".hidden.txt", PROSE)
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    before = _snapshot(tmp_path)

    corpus = load_corpus(tmp_path)

    assert sorted(a.id for a in corpus.articles) == ["good", "sub/deep"]
    reasons = {p.path.name: p.reason for p in corpus.problems}
    assert set(reasons) == {"empty.md", "bin.txt", "good.txt", "loop", "dangling.txt"}
    assert "duplicate id 'good' (already used by good.md)" in reasons["good.txt"]
    assert "symlink loop" in reasons["loop"]
    assert "symlink" in reasons["dangling.txt"]
    assert len(corpus.problems) == 5
    assert _snapshot(tmp_path) == before  # nothing in the articles folder changed


def test_ids_are_readable_and_stable(tmp_path):
    assert article_id(tmp_path / "World News" / "Story One.md", tmp_path) == "world-news/story-one"
    _write(tmp_path / "b.txt", "B\n\n" + PROSE)
    _write(tmp_path / "a" / "c.md", "C\n\n" + PROSE)
    first, _ = scan(tmp_path)
    second, _ = scan(tmp_path)
    assert [f.id for f in first] == [f.id for f in second]
    assert sorted(f.id for f in first) == ["a/c", "b"]


def test_find_article_by_id_by_path_and_with_a_suggestion(tmp_path, samples):
    assert find_article("sputnik-joint-statement", samples).outlet == "Sputnik"
    path = samples / "presstv-lavrov-turkey.txt"
    assert find_article(str(path), samples).id == "presstv-lavrov-turkey"
    with pytest.raises(ArticleNotFound, match="did you mean sputnik-joint-statement"):
        find_article("sputnik-joint-statment", samples)


def test_missing_folder_is_a_problem_not_a_crash(tmp_path):
    corpus = load_corpus(tmp_path / "nope")
    assert corpus.articles == [] and "not found" in corpus.problems[0].reason


def test_digest_changes_with_the_text(tmp_path):
    path = _write(tmp_path / "a.txt", "Headline\n\n" + PROSE)
    first, _ = load_article(path, tmp_path)
    _write(path, "Headline\n\n" + PROSE.replace("Monday", "Tuesday"))
    second, _ = load_article(path, tmp_path)
    assert first.digest != second.digest and first.id == second.id


_PAGE_BODY = (
    "The council voted on Tuesday to close the old bridge, citing safety reports that engineers"
    " had filed over three years.\n\nDates of the public hearings\n\nMonday in Riverton\n\n"
    "Tuesday in Lakeside\n\nFriday at the town hall\n"
)


def test_text_extracted_from_a_page_keeps_its_closing_list(tmp_path: Path) -> None:
    """The library marks fetched text `extracted: page`: the layout rules, made for scraped
    text files, would take a page's closing list for related links."""
    plain = _write(tmp_path / "plain.md", "---\ntitle: Bridge\n---\n" + _PAGE_BODY)
    page = _write(tmp_path / "page.md", "---\ntitle: Bridge\nextracted: page\n---\n" + _PAGE_BODY)
    plain_text = load_article(plain, tmp_path).article.text
    page_text = load_article(page, tmp_path).article.text
    assert "Friday at the town hall" not in plain_text
    assert page_text.endswith("Tuesday in Lakeside\n\nFriday at the town hall")
