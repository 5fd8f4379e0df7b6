"""A local HTTP server for the fetch and feed tests (127.0.0.1, a thread), and invented pages.

Routes map a path to a `Route` (status, body, headers, a delay, a redirect); the server honours
`If-None-Match` for routes with an ETag and counts the requests of every path.
"""

from __future__ import annotations

import contextlib
import threading
from collections import Counter
from dataclasses import dataclass, field
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

WORDS = (
    "The council met on Tuesday evening to discuss the new budget for the coming year, and "
    "members spoke at length about the roads, the schools and the library that the town has "
    "promised to repair since the flood two winters ago."
)


@dataclass
class Route:
    """What the server answers for one path."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None
    delay: float = 0.0
    location: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


class Server:
    """A threaded HTTP server on 127.0.0.1 serving `routes`."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: Counter[str] = Counter()
        self.release = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (the http.server name)
                server.requests[self.path] += 1
                path = urlsplit(self.path).path
                route = server.routes.get(path) or Route(b"not found", 404, "text/plain")
                if route.delay:
                    server.release.wait(route.delay)
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                if route.etag:
                    self.send_header("ETag", route.etag)
                if route.location:
                    self.send_header("Location", route.location)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                with contextlib.suppress(OSError):
                    self.wfile.write(route.body)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def base(self) -> str:
        """The server's address, without a trailing slash."""
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def start(self) -> Server:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


def article_html(
    title: str,
    paragraphs: int = 6,
    site: str = "The Town Crier",
    canonical: str | None = None,
    date: str = "2024-03-05",
    author: str = "Ann Writer",
    extra: str = "",
    seed: str = "",
) -> str:
    """An invented news page: navigation, an article of `paragraphs` paragraphs, a footer."""
    body = "\n".join(
        f"<p>{escape(seed)} Paragraph {n}. {WORDS} {escape(seed)}</p>" for n in range(paragraphs)
    )
    link = f'<link rel="canonical" href="{escape(canonical)}">' if canonical else ""
    return f"""<!DOCTYPE html>
<html><head><title>{escape(title)} | {escape(site)}</title>
<meta property="og:site_name" content="{escape(site)}">
<meta property="og:title" content="{escape(title)}">
<meta name="author" content="{escape(author)}">
<meta property="article:published_time" content="{date}T10:00:00Z">
{link}
<script>document.write("tracking"); alert("x")</script>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<article><h1>{escape(title)}</h1>
{body}
{extra}
</article>
<footer><p>Copyright 2024 The Town Crier. All rights reserved.</p></footer>
</body></html>"""


def rss(items: list[tuple[str, str]], title: str = "Town news") -> bytes:
    """An RSS 2.0 feed of (link, title) items; links may be relative."""
    entries = "\n".join(
        f"<item><title>{escape(t)}</title><link>{escape(link)}</link>"
        f"<guid>{escape(link)}</guid><description>A short summary.</description></item>"
        for link, t in items
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{escape(title)}</title>'
        f"<link>http://example.invalid/</link>{entries}</channel></rss>"
    ).encode()
