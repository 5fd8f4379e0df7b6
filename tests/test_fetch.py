"""`reader fetch` on pages, against a local HTTP server: saving, redirects, a 404, a timeout,
a huge page, duplicates, hostile titles and URLs; a failed fetch writes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reader.cli import articles_dir, build_parser, main
from reader.config import bundled_path, library_dir
from reader.corpus import load_corpus
from reader.fetch.http import Client, FetchError
from reader.fetch.urls import canonical_url
from reader.library.folder import LibraryFolder, site_folder, slug
from reader.library.refresh import fetch
from tests.webserver import Route, Server, article_html


@pytest.fixture
def server() -> Iterator[Server]:
    running = Server().start()
    yield running
    running.stop()


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return tmp_path / "library"


def _client(**kwargs: float) -> Client:
    return Client(**{"timeout": 5.0, "delay": 0.0, **kwargs})  # type: ignore[arg-type]


def _files(library: Path) -> list[Path]:
    """Every file in the library but its own state."""
    return sorted(p for p in library.rglob("*") if p.is_file() and ".reader" not in p.parts)


def _page(server: Server, path: str, title: str, **kwargs: Any) -> None:
    server.routes[path] = Route(article_html(title, **kwargs).encode())


def test_a_page_is_saved_as_markdown_and_loads(server: Server, library: Path) -> None:
    _page(server, "/news/budget", "Council passes the budget")
    summary = fetch([server.url("/news/budget")], library, _client())
    assert summary.line() == "1 new, 0 changed, 0 skipped, 0 failed."
    [saved] = _files(library)
    assert saved.suffix == ".md" and saved.parent.name == "127.0.0.1"
    text = saved.read_text("utf-8")
    assert text.startswith("---\ntitle: Council passes the budget\n")
    assert "author: Ann Writer" in text and "<script" not in text
    [article] = load_corpus(library).articles
    assert article.title == "Council passes the budget"
    assert article.outlet == "The Town Crier"
    assert article.url == server.url("/news/budget")


def test_a_redirect_is_followed(server: Server, library: Path) -> None:
    _page(server, "/final", "Where the story lives")
    server.routes["/moved"] = Route(status=301, location="/final")
    summary = fetch([server.url("/moved")], library, _client())
    assert summary.line().startswith("1 new")
    [article] = load_corpus(library).articles
    assert article.url == server.url("/final")


def test_a_redirect_to_another_scheme_is_refused(server: Server, library: Path) -> None:
    server.routes["/away"] = Route(status=302, location="file:///etc/passwd")
    summary = fetch([server.url("/away")], library, _client())
    [failed] = summary.of("failed")
    assert "non-web" in failed.reason or "not allowed" in failed.reason
    assert _files(library) == []


def test_a_404_fails_and_writes_nothing(server: Server, library: Path) -> None:
    summary = fetch([server.url("/gone")], library, _client())
    [failed] = summary.of("failed")
    assert failed.reason.startswith("HTTP 404")
    assert not library.exists() or _files(library) == []


def test_a_timeout_fails_and_writes_nothing(server: Server, library: Path) -> None:
    server.routes["/slow"] = Route(article_html("Slow").encode(), delay=5.0)
    summary = fetch([server.url("/slow")], library, _client(timeout=0.2))
    [failed] = summary.of("failed")
    assert "timed out" in failed.reason
    assert not library.exists() or list(library.rglob("*.md")) == []


def test_a_huge_page_is_refused(server: Server, library: Path) -> None:
    server.routes["/huge"] = Route(article_html("Huge", paragraphs=300).encode())
    summary = fetch([server.url("/huge")], library, Client(delay=0, max_bytes=20_000))
    [failed] = summary.of("failed")
    assert "too large" in failed.reason
    assert not library.exists() or _files(library) == []


def test_a_page_without_an_article_fails(server: Server, library: Path) -> None:
    server.routes["/menu"] = Route(b"<html><body><nav><a href='/'>Home</a></nav></body></html>")
    summary = fetch([server.url("/menu")], library, _client())
    assert "no article text" in summary.of("failed")[0].reason


def test_not_a_web_address(library: Path) -> None:
    summary = fetch(["file:///etc/passwd", "javascript:alert(1)", "nothing"], library, _client())
    assert len(summary.of("failed")) == 3
    assert all("not a web address" in o.reason for o in summary.of("failed"))


def test_the_same_article_is_stored_once(server: Server, library: Path) -> None:
    canonical = server.url("/story")
    _page(server, "/story", "One story", canonical=canonical)
    _page(server, "/story/amp", "One story", canonical=canonical)
    urls = [canonical, canonical + "?utm_source=feed&utm_medium=rss", server.url("/story/amp")]
    summary = fetch(urls, library, _client())
    assert summary.line() == "1 new, 0 changed, 2 skipped, 0 failed."
    assert len(_files(library)) == 1


def test_a_reprint_is_stored_once(server: Server, library: Path) -> None:
    _page(server, "/a/story", "A story told twice", seed="same")
    _page(server, "/b/reprint", "A story told twice", seed="same")
    summary = fetch([server.url("/a/story"), server.url("/b/reprint")], library, _client())
    assert [o.outcome for o in summary.outcomes] == ["new", "skipped"]
    assert "already stored" in summary.outcomes[1].reason


def test_a_changed_page_is_rewritten_in_place(server: Server, library: Path) -> None:
    _page(server, "/story", "A story", seed="first")
    fetch([server.url("/story")], library, _client())
    _page(server, "/story", "A story", seed="second")
    summary = fetch([server.url("/story")], library, _client())
    assert summary.line() == "0 new, 1 changed, 0 skipped, 0 failed."
    [saved] = _files(library)
    assert "second" in saved.read_text("utf-8")


@pytest.mark.parametrize(
    "title",
    [
        "../../../../etc/passwd",
        "..",
        "/absolute/path",
        "C:\\Windows\\system32",
        "con\x1b[31m\x00trol\x07 characters\u202e",
        "A very long title " * 60,
        "",
    ],
)
def test_hostile_titles_stay_inside_the_library(server: Server, library: Path, title: str) -> None:
    _page(server, "/x/../../escape", title or "x", seed=title[:20])
    summary = fetch([server.url("/x/../../escape")], library, _client())
    assert summary.of("new"), summary.outcomes
    [saved] = _files(library)
    root = library.resolve()
    assert root in saved.resolve().parents
    assert len(saved.name) <= 100
    assert all(c.isprintable() and c not in "\\/:" for c in saved.name)
    assert "\x1b" not in saved.read_text("utf-8")


def test_slugs_and_site_folders() -> None:
    assert slug("../../etc/passwd") == "etc-passwd"
    assert slug("..") == "article" and slug("") == "article" and slug(None) == "article"
    assert len(slug("word " * 100)) <= 80
    assert site_folder("http://www.Example.COM:8080/a") == "example.com"
    assert site_folder("http://[::1]/a") not in ("", ".", "..")


def test_canonical_urls() -> None:
    key = canonical_url("https://www.example.com/news/story")
    assert canonical_url("http://example.com/news/story/?utm_source=x&fbclid=1#top") == key
    assert canonical_url("https://amp.example.com/news/story/amp") == key
    assert canonical_url("https://example.com/amp/news/story") == key
    assert canonical_url("https://example.com/news/story?outputType=amp") == key
    assert canonical_url("https://example.com/news/story?id=2") != key


def test_the_delay_between_requests_to_one_host(server: Server) -> None:
    _page(server, "/a", "First")
    waits: list[float] = []
    client = Client(delay=30.0, sleep=waits.append)
    client.get(server.url("/a"))
    client.get(server.url("/a"))
    assert len(waits) == 1 and 0 < waits[0] <= 30.0


def test_conditional_requests(server: Server) -> None:
    server.routes["/feed"] = Route(b"<rss/>", etag='"v1"', content_type="application/rss+xml")
    client = _client()
    first = client.get(server.url("/feed"))
    assert first.etag == '"v1"' and not first.not_modified
    again = client.get(server.url("/feed"), etag=first.etag)
    assert again.not_modified and again.body == b""
    with pytest.raises(FetchError):
        client.get(server.url("/missing"))


def test_fetch_command_and_the_default_folder(
    server: Server, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    args = build_parser().parse_args([])
    assert articles_dir(args) == bundled_path("articles")  # an empty library: the samples
    _page(server, "/news/budget", "Council passes the budget")
    assert main(["fetch", server.url("/news/budget"), "--delay", "0"]) == 0
    out = capsys.readouterr().out
    assert "1 new, 0 changed, 0 skipped, 0 failed." in out and "new: 127.0.0.1/" in out
    assert articles_dir(args) == library_dir()  # the library holds an article: the library
    assert main(["fetch", server.url("/gone"), "--delay", "0"]) == 1
    assert "HTTP 404" in capsys.readouterr().out


def test_a_failed_save_leaves_no_partial_file(
    server: Server, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _page(server, "/story", "A story")

    def broken(path: Path, data: bytes | str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("reader.library.folder.write_atomic", broken)
    summary = fetch([server.url("/story")], library, _client())
    assert "No space left" in summary.of("failed")[0].reason
    assert _files(library) == []
    assert LibraryFolder(library).known(server.url("/story")) is None
