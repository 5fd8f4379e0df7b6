"""Feeds, against a local HTTP server: every entry of a feed fetched (relative links, full text
carried by the feed), the feed list, refreshing with conditional requests, a feed that changes
between two fetches, and one article reached through two feeds stored once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.cli import main
from reader.config import library_dir
from reader.corpus import load_corpus
from reader.fetch.feeds import is_feed, parse_feed
from reader.fetch.http import Client
from reader.library.refresh import fetch, refresh
from reader.library.subscriptions import add_feed, load_feeds, remove_feed
from tests.webserver import WORDS, Route, Server, article_html, rss

RSS = "application/rss+xml"


@pytest.fixture
def server() -> Iterator[Server]:
    running = Server().start()
    yield running
    running.stop()


def _client() -> Client:
    return Client(timeout=5.0, delay=0.0)


def _stories(server: Server, *names: str) -> None:
    for name in names:
        title = f"The {name} story"
        server.routes[f"/news/{name}"] = Route(article_html(title, seed=name).encode())


def test_every_entry_of_a_feed_with_relative_links(server: Server, tmp_path: Path) -> None:
    _stories(server, "first", "second")
    server.routes["/feeds/town.xml"] = Route(
        rss([("../news/first", "First"), ("/news/second", "Second"), ("/news/gone", "Gone")]),
        content_type=RSS,
    )
    summary = fetch([server.url("/feeds/town.xml")], tmp_path, _client())
    assert summary.line() == "2 new, 0 changed, 0 skipped, 1 failed."
    assert summary.of("failed")[0].reason.startswith("HTTP 404")
    titles = sorted(a.title for a in load_corpus(tmp_path).articles)
    assert titles == ["The first story", "The second story"]


def test_a_feed_with_the_full_text_is_not_fetched_again(server: Server, tmp_path: Path) -> None:
    paragraphs = "".join(f"<p>Part {n}. {WORDS}</p>" for n in range(6))
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Crier full text</title>
<entry><title>All in the feed</title><link href="/news/full"/><id>urn:full</id>
<updated>2024-03-05T10:00:00Z</updated><author><name>Ann Writer</name></author>
<content type="html"><![CDATA[{paragraphs}]]></content></entry></feed>"""
    server.routes["/atom"] = Route(atom.encode(), content_type="application/atom+xml")
    summary = fetch([server.url("/atom")], tmp_path, _client())
    assert summary.line() == "1 new, 0 changed, 0 skipped, 0 failed."
    assert server.requests["/news/full"] == 0
    [article] = load_corpus(tmp_path).articles
    assert article.title == "All in the feed" and "Part 5." in article.text
    assert article.outlet == "Crier full text"


def test_the_feed_list(tmp_path: Path) -> None:
    assert add_feed(tmp_path, "https://example.com/feed.xml")
    assert not add_feed(tmp_path, "https://example.com/feed.xml")
    assert [f.url for f in load_feeds(tmp_path)] == ["https://example.com/feed.xml"]
    assert remove_feed(tmp_path, "https://example.com/feed.xml")
    assert not remove_feed(tmp_path, "https://example.com/feed.xml")
    assert load_feeds(tmp_path) == []


def test_refresh_uses_conditional_requests_and_sees_changes(server: Server, tmp_path: Path) -> None:
    _stories(server, "first", "second", "third")
    feed_url = server.url("/feed")
    server.routes["/feed"] = Route(
        rss([("/news/first", "First"), ("/news/second", "Second")]), etag='"1"', content_type=RSS
    )
    add_feed(tmp_path, feed_url)
    assert refresh(tmp_path, _client()).line() == "2 new, 0 changed, 0 skipped, 0 failed."
    assert load_feeds(tmp_path)[0].etag == '"1"' and load_feeds(tmp_path)[0].title == "Town news"

    unchanged = refresh(tmp_path, _client())  # 304: the feed is not read again
    assert unchanged.line() == "0 new, 0 changed, 1 skipped, 0 failed."
    assert unchanged.outcomes[0].reason == "feed not modified"
    assert server.requests["/news/first"] == 1

    # The feed changes: a new entry, an entry whose title changed (its page too), one the same.
    server.routes["/news/second"] = Route(article_html("The second story", seed="edited").encode())
    server.routes["/feed"] = Route(
        rss([("/news/third", "Third"), ("/news/first", "First"), ("/news/second", "Second!")]),
        etag='"2"',
        content_type=RSS,
    )
    changed = refresh(tmp_path, _client())
    assert changed.line() == "1 new, 1 changed, 1 skipped, 0 failed."
    assert changed.of("skipped")[0].reason == "unchanged in the feed"
    assert server.requests["/news/first"] == 1  # not fetched again
    texts = {a.title: a.text for a in load_corpus(tmp_path).articles}
    assert len(texts) == 3 and "edited" in texts["The second story"]


def test_one_article_through_two_feeds_is_stored_once(server: Server, tmp_path: Path) -> None:
    _stories(server, "shared")
    server.routes["/one"] = Route(rss([("/news/shared", "Shared")]), content_type=RSS)
    server.routes["/two"] = Route(
        rss([("/news/shared?utm_source=two&utm_medium=rss", "Shared")], title="Other"),
        content_type=RSS,
    )
    add_feed(tmp_path, server.url("/one"))
    add_feed(tmp_path, server.url("/two"))
    summary = refresh(tmp_path, _client())
    assert summary.line() == "1 new, 0 changed, 1 skipped, 0 failed."
    assert len(load_corpus(tmp_path).articles) == 1


def test_a_broken_feed_fails_with_a_reason(server: Server, tmp_path: Path) -> None:
    server.routes["/bad"] = Route(b"<rss><channel><item>", content_type=RSS)
    server.routes["/down"] = Route(b"", status=503)
    add_feed(tmp_path, server.url("/bad"))
    add_feed(tmp_path, server.url("/down"))
    summary = refresh(tmp_path, _client())
    reasons = [o.reason for o in summary.of("failed")]
    assert any("503" in r for r in reasons)
    assert summary.of("new") == []


def test_feeds_commands(server: Server, capsys: pytest.CaptureFixture[str]) -> None:
    _stories(server, "first")
    server.routes["/feed"] = Route(rss([("/news/first", "First")]), etag='"a"', content_type=RSS)
    assert main(["feeds"]) == 1
    assert main(["fetch"]) == 2  # nothing to fetch
    assert main(["feeds", "add", server.url("/feed")]) == 0
    assert main(["feeds", "add", "ftp://example.com/feed"]) == 2
    capsys.readouterr()
    assert main(["feeds"]) == 0
    assert server.url("/feed") in capsys.readouterr().out
    assert main(["fetch", "--delay", "0"]) == 0
    assert "1 new, 0 changed, 0 skipped, 0 failed." in capsys.readouterr().out
    assert list(library_dir().rglob("*.md"))
    assert main(["feeds", "remove", server.url("/feed")]) == 0
    assert main(["feeds", "remove", server.url("/feed")]) == 1


def test_telling_feeds_from_pages() -> None:
    assert is_feed("application/rss+xml", b"")
    assert is_feed("text/xml", b"<rss>")
    assert is_feed("application/octet-stream", b'<?xml version="1.0"?>\n<feed xmlns="...">')
    assert not is_feed("text/html; charset=utf-8", b"<!DOCTYPE html><html>")
    assert is_feed("text/html", b'<?xml version="1.0"?><rss version="2.0">')
    with pytest.raises(ValueError):
        parse_feed(b"<html><body>not a feed</body></html>", "http://example.com/")


async def test_the_palette_refreshes_the_feeds_into_the_open_library(
    server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    from functools import partial

    from reader.tui.app import ReaderApp
    from reader.tui.commands import ReaderCommands
    from tests.pilot import settle

    monkeypatch.setattr("reader.library.refresh.Client", partial(Client, delay=0.0))
    _stories(server, "first", "second")
    server.routes["/feed"] = Route(rss([("/news/first", "First")]), content_type=RSS)
    library = library_dir()
    add_feed(library, server.url("/feed"))
    refresh(library, _client())
    server.routes["/feed"] = Route(
        rss([("/news/second", "Second"), ("/news/first", "First")]), content_type=RSS
    )
    app = ReaderApp(library)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert len(app.catalog) == 1
        provider = ReaderCommands(app.screen)
        [hit] = [hit async for hit in provider.search("feeds: refresh")]
        hit.command()
        await settle(pilot)
        await settle(pilot)
        assert sorted(entry.title for entry in app.catalog) == [
            "The first story",
            "The second story",
        ]
