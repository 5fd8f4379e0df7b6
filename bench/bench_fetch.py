"""`reader fetch` end to end against a local server serving the benchmark's saved pages.

    python -m bench.bench_fetch ../shared/eval/html

A server on 127.0.0.1 (a thread) serves every page of `pages/<id>.html.gz` at `/p/<id>`, and
two RSS feeds made from them: `/feed.xml` links every page by a relative link, and again with
tracking parameters (`?utm_source=rss`); `/more.xml` links the first 20 pages again. Both feeds
are followed in an empty library and refreshed twice: the first refresh stores each page once
(the duplicates are skipped), the second is answered 304 Not Modified for both feeds. Figures:
the outcomes of each refresh, the time per stored article, and the benchmark's F1 (4-word
shingles, see `bench.eval_html`) of the stored articles, as the reader loads them, against the
true bodies. No internet is used. The last line is JSON.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import tempfile
import threading
import time
from collections import Counter
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from bench.eval_html import score, summarise


def _feed(links: list[str], title: str) -> bytes:
    items = "".join(
        f"<item><title>Page {n}</title><link>{escape(link)}</link></item>"
        for n, link in enumerate(links)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
        f"{items}</channel></rss>"
    ).encode()


def serve(routes: dict[str, tuple[bytes, str]]) -> ThreadingHTTPServer:
    """A server answering GET from `routes` (path -> body, type), with ETags."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the http.server name)
            found = routes.get(urlsplit(self.path).path)
            if found is None:
                self.send_error(404)
                return
            body, kind = found
            etag = f'"{hash(body) & 0xFFFFFFFF:x}"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    ).start()
    return server


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path, help="the benchmark folder (../shared/eval/html)")
    args = parser.parse_args(argv)
    ground = json.loads((args.folder / "ground-truth.json").read_text("utf-8"))
    ids = sorted(ground)
    routes = {
        f"/p/{i}": (
            gzip.decompress((args.folder / "pages" / f"{i}.html.gz").read_bytes()),
            "text/html",
        )
        for i in ids
    }
    links = [f"p/{i}" for i in ids] + [f"/p/{i}?utm_source=rss&utm_medium=feed" for i in ids]
    routes["/feed.xml"] = (_feed(links, "All pages"), "application/rss+xml")
    routes["/more.xml"] = (
        _feed([f"/p/{i}" for i in ids[:20]], "Some pages"),
        "application/rss+xml",
    )
    with tempfile.TemporaryDirectory(prefix="bench-fetch-") as home:
        os.environ["READER_CACHE_DIR"] = str(Path(home) / "cache")
        os.environ["READER_CONFIG_DIR"] = str(Path(home) / "config")
        from reader.corpus import load_corpus
        from reader.fetch.http import Client
        from reader.library.refresh import refresh
        from reader.library.subscriptions import add_feed

        server = serve(routes)
        base = f"http://127.0.0.1:{server.server_address[1]}"
        library = Path(home) / "library"
        for path in ("/feed.xml", "/more.xml"):
            add_feed(library, base + path)
        started = time.perf_counter()
        first = refresh(library, Client(delay=0.0, timeout=10.0))
        seconds = time.perf_counter() - started
        second = refresh(library, Client(delay=0.0, timeout=10.0))
        server.shutdown()
        corpus = load_corpus(library)
        by_id = {(a.url or "").rsplit("/", 1)[-1]: a for a in corpus.articles}
        scores = [score(ground[i]["articleBody"], by_id[i].text if i in by_id else "") for i in ids]
        stored = len(list(library.rglob("*.md")))
    failed = Counter(o.reason for o in first.of("failed"))
    result = {
        "pages": len(ids),
        "entries": len(first.outcomes),
        "first": first.line(),
        "second": second.line(),
        "stored_files": stored,
        "failed_reasons": dict(failed),
        "ms_per_stored_article": round(seconds * 1000 / max(1, len(first.of("new"))), 1),
        **{k: round(v, 4) for k, v in summarise(scores).items()},
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
