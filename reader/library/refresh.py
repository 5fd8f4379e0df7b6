"""Bringing articles into the library: fetching pages and feeds, and refreshing the feeds
followed, with a summary of what was new, changed, skipped and failed (and why)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

from reader.corpus.html import Page, PageError, clean_page, extract_page
from reader.fetch.feeds import Entry, Feed, is_feed, parse_feed
from reader.fetch.http import Client, FetchError, Response
from reader.library.folder import Fetched, LibraryFolder, Saved
from reader.library.subscriptions import load_feeds, save_feeds


class Step(NamedTuple):
    """Progress: how many addresses are done of those known so far, and the one being read."""

    done: int
    total: int
    url: str


class Outcome(NamedTuple):
    """What happened to one address: new, changed, skipped or failed, and why."""

    url: str
    outcome: str
    reason: str = ""
    path: Path | None = None


@dataclass
class Summary:
    """Every address read in one run, with its outcome."""

    outcomes: list[Outcome] = field(default_factory=list)

    def of(self, outcome: str) -> list[Outcome]:
        """The addresses that had this outcome."""
        return [o for o in self.outcomes if o.outcome == outcome]

    def line(self) -> str:
        """One line: counts of new, changed, skipped and failed."""
        counts = [f"{len(self.of(k))} {k}" for k in ("new", "changed", "skipped", "failed")]
        return ", ".join(counts) + "."


Progress = Callable[[Step], None]


class _Run:
    """One run of fetching: the client, the library, the progress callback and the summary."""

    def __init__(self, library: LibraryFolder, client: Client, progress: Progress | None) -> None:
        self.library, self.client = library, client
        self.progress = progress or (lambda step: None)
        self.summary = Summary()
        self.done = 0
        self.total = 0

    def step(self, url: str) -> None:
        self.progress(Step(self.done, self.total, url))

    def record(self, outcome: Outcome) -> None:
        self.done += 1
        self.summary.outcomes.append(outcome)

    def address(self, url: str) -> None:
        """A page or a feed the user named."""
        self.step(url)
        try:
            response = self.client.get(url)
        except FetchError as exc:
            self.record(Outcome(url, "failed", str(exc)))
            return
        if is_feed(response.content_type, response.body):
            self.done += 1
            self.feed(response)
        else:
            self.record(self.page(url, response))

    def feed(self, response: Response) -> Feed | None:
        """Every entry of a fetched feed."""
        try:
            feed = parse_feed(response.body, response.url)
        except ValueError as exc:
            self.summary.outcomes.append(Outcome(response.url, "failed", str(exc)))
            return None
        self.total += len(feed.entries)
        for entry in feed.entries:
            self.step(entry.link)
            self.record(self.entry(entry, feed))
        return feed

    def entry(self, entry: Entry, feed: Feed) -> Outcome:
        """One entry: skipped when stored and unchanged in the feed, else its full text (from
        the feed when it carries it, else from the page) stored."""
        if self.library.fingerprint(entry.link) == entry.fingerprint:
            return Outcome(entry.link, "skipped", "unchanged in the feed")
        page = _from_feed(entry) if entry.content else None
        if page is not None:
            article = _article(page, entry.link, entry, feed)
            return _outcome(entry.link, self.library.save(article, fingerprint=entry.fingerprint))
        try:
            response = self.client.get(entry.link)
        except FetchError as exc:
            return Outcome(entry.link, "failed", str(exc))
        return self.page(entry.link, response, entry, feed)

    def page(
        self, url: str, response: Response, entry: Entry | None = None, feed: Feed | None = None
    ) -> Outcome:
        """A fetched page's article, stored."""
        try:
            page = _extract(response.body, response.url)
        except PageError as exc:
            return Outcome(url, "failed", str(exc))
        article = _article(page, response.url, entry, feed)
        fingerprint = entry.fingerprint if entry else ""
        try:
            saved = self.library.save(article, url, response.url, fingerprint=fingerprint)
        except (OSError, ValueError) as exc:
            return Outcome(url, "failed", f"cannot save ({exc})")
        return _outcome(url, saved)


def _from_feed(entry: Entry) -> Page | None:
    """The article from the full text a feed carries (None when nothing is left of it)."""
    try:
        return _extract(f"<html><body><article>{entry.content}</article></body></html>", None)
    except PageError:
        return None


def _extract(html: bytes | str, url: str | None) -> Page:
    """A page's article, cleaned as the reader cleans saved pages; raises PageError."""
    page = extract_page(html, url)
    text = clean_page(page.text, page.title).text
    if not text:
        raise PageError("no article text found in the page (only boilerplate)")
    return page._replace(text=text)


def _article(page: Page, fetched: str, entry: Entry | None, feed: Feed | None) -> Fetched:
    """The article to store: the page's metadata, then the feed's where the page has none.
    The page's own canonical address is used when it is on the host that served it."""
    same_host = page.url and urlsplit(page.url).hostname == urlsplit(fetched).hostname
    return Fetched(
        page.url if same_host and page.url else fetched,
        page.title or (entry.title if entry else None),
        page.outlet or (feed.title if feed else None),
        page.date or (entry.date if entry else None),
        page.author or (entry.author if entry else None),
        page.text,
    )


def _outcome(url: str, saved: Saved) -> Outcome:
    return Outcome(url, saved.outcome, saved.reason, saved.path)


def fetch(
    urls: Iterable[str],
    library: Path,
    client: Client | None = None,
    progress: Progress | None = None,
) -> Summary:
    """Fetch pages and feeds (every entry of a feed) into the library folder."""
    urls = list(urls)
    run = _Run(LibraryFolder(library), client or Client(), progress)
    run.total = len(urls)
    for url in urls:
        run.address(url)
    return run.summary


def refresh(
    library: Path, client: Client | None = None, progress: Progress | None = None
) -> Summary:
    """Fetch every feed followed, conditionally (a feed the server says is unchanged is
    skipped), and store its new and changed entries; the feed list keeps the new validators."""
    feeds = load_feeds(library)
    run = _Run(LibraryFolder(library), client or Client(), progress)
    run.total = len(feeds)
    for subscription in feeds:
        run.step(subscription.url)
        try:
            response = run.client.get(subscription.url, subscription.etag, subscription.modified)
        except FetchError as exc:
            run.record(Outcome(subscription.url, "failed", str(exc)))
            continue
        if response.not_modified:
            run.record(Outcome(subscription.url, "skipped", "feed not modified"))
            continue
        run.done += 1
        feed = run.feed(response)
        subscription.etag, subscription.modified = response.etag, response.modified
        if feed is not None and feed.title:
            subscription.title = feed.title
    save_feeds(library, feeds)
    return run.summary
