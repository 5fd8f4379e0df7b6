"""HTTP for `reader fetch`: GET with a timeout, a size limit, few redirects, conditional
requests (ETag / Last-Modified) and a polite delay between two requests to the same host.

Only `http` and `https` URLs are fetched (a redirect elsewhere is refused). Everything a server
sends is untrusted: bodies are cut at `MAX_BYTES` (after decompression) and refused beyond it.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import Message
from urllib.parse import urlsplit

from reader import __version__
from reader.corpus.html import PageError, gunzip

MAX_BYTES = 10 * 1024 * 1024
"""The largest response body read, after decompression."""
MAX_REDIRECTS = 5
USER_AGENT = f"reader/{__version__} (a news reader; +https://pypi.org/project/samestory/)"


class FetchError(Exception):
    """A URL that could not be fetched; the message is the reason (a status, a timeout, ...)."""


@dataclass(frozen=True, slots=True)
class Response:
    """What a server answered: the final URL (after redirects), the status, the headers that
    matter here, and the body (empty for 304 Not Modified)."""

    url: str
    status: int
    body: bytes
    content_type: str = ""
    etag: str | None = None
    modified: str | None = None

    @property
    def not_modified(self) -> bool:
        """The server said the resource has not changed since the validators sent."""
        return self.status == 304


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follow at most MAX_REDIRECTS redirects, and only to http or https."""

    max_redirections = MAX_REDIRECTS

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: object,
        code: int,
        msg: str,
        headers: Message,
        newurl: str,
    ) -> urllib.request.Request | None:
        if urlsplit(newurl).scheme not in ("http", "https"):
            raise FetchError(f"redirected to a non-web address ({urlsplit(newurl).scheme}:)")
        return super().redirect_request(req, fp, code, msg, headers, newurl)  # type: ignore[arg-type]


def check_url(url: str) -> str:
    """The URL if it is an http(s) URL with a host; raises FetchError otherwise."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError("not a web address (http:// or https://)")
    return parts.geturl()


@dataclass
class Client:
    """Fetches URLs one after another, waiting `delay` seconds between two requests to a host."""

    timeout: float = 20.0
    delay: float = 1.0
    max_bytes: int = MAX_BYTES
    sleep: Callable[[float], None] = time.sleep
    _last: dict[str, float] = field(default_factory=dict)
    _opener: urllib.request.OpenerDirector = field(
        default_factory=lambda: urllib.request.build_opener(_Redirects())
    )

    def get(self, url: str, etag: str | None = None, modified: str | None = None) -> Response:
        """GET a URL (conditionally, when validators are given); raises FetchError."""
        url = check_url(url)
        self._wait(urlsplit(url).hostname or "")
        request = urllib.request.Request(url, headers=_headers(etag, modified))
        try:
            with self._opener.open(request, timeout=self.timeout) as answer:
                body = self._read(answer)
                return Response(
                    answer.geturl(),
                    answer.status,
                    body,
                    answer.headers.get("Content-Type", ""),
                    answer.headers.get("ETag"),
                    answer.headers.get("Last-Modified"),
                )
        except urllib.error.HTTPError as exc:
            if exc.code == 304:
                return Response(url, 304, b"", "", etag, modified)
            raise FetchError(f"HTTP {exc.code} {exc.reason}") from exc
        except urllib.error.URLError as exc:
            raise FetchError(_reason(exc.reason)) from exc
        except TimeoutError as exc:
            raise FetchError(f"timed out after {self.timeout:g} s") from exc
        except (OSError, ValueError) as exc:
            raise FetchError(_reason(exc)) from exc
        finally:
            self._last[urlsplit(url).hostname or ""] = time.monotonic()

    def _wait(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            pause = self.delay - (time.monotonic() - last)
            if pause > 0:
                self.sleep(pause)

    def _read(self, answer: object) -> bytes:
        read = answer.read  # type: ignore[attr-defined]
        headers = answer.headers  # type: ignore[attr-defined]
        body: bytes = read(self.max_bytes + 1)
        if len(body) > self.max_bytes:
            raise FetchError(f"too large (more than {self.max_bytes // (1024 * 1024)} MB)")
        if "gzip" in (headers.get("Content-Encoding") or ""):
            try:
                body = gunzip(body, self.max_bytes)
            except PageError as exc:
                raise FetchError(str(exc)) from exc
        return body


def _headers(etag: str | None, modified: str | None) -> dict[str, str]:
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
        "application/xml;q=0.9,*/*;q=0.5",
        "Accept-Encoding": "gzip",
    }
    if etag:
        headers["If-None-Match"] = etag
    if modified:
        headers["If-Modified-Since"] = modified
    return headers


def _reason(reason: object) -> str:
    if isinstance(reason, TimeoutError):
        return "timed out"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason) or type(reason).__name__
