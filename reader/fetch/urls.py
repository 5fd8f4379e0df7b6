"""The one key of an article's address: the same article reached through a feed, a share link
with tracking parameters or its AMP page has one canonical URL, so it is stored once."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that say who sent the reader, not which article it is.
_TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|ocid|cmpid|smid|smtyp|"
    r"_ga|_gl|ref|ref_src|src|source|share|sh|cmp|CMP|guccounter|outputtype|amp)$",
    re.I,
)
_AMP_PATH = re.compile(r"(/amp/?$|/amp(?=/)|\.amp(?=\.html?$|$))", re.I)


def canonical_url(url: str) -> str:
    """The key of an address: lower-case scheme and host, no `www.`/`amp.`/`m.` prefix, no
    fragment, no tracking parameters, no AMP path forms, no trailing slash; http and https
    alike."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    for prefix in ("www.", "amp.", "m."):
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix) :]
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    path = _AMP_PATH.sub("", parts.path) or "/"
    if len(path) > 1:
        path = path.rstrip("/")
    query = sorted((k, v) for k, v in parse_qsl(parts.query, True) if not _TRACKING.match(k))
    return urlunsplit(("https", host, path, urlencode(query), ""))
