"""Which search engine keeps a corpus's index: Whoosh (always installed) or tantivy (the
`samestory[tantivy]` extra, much faster on large corpora: see docs/BENCHMARKS.md).

The choice is `auto` unless forced by `open_library(engine=...)`, the environment variable
`READER_SEARCH_ENGINE` or `search_engine:` in config.yaml (`whoosh`, `tantivy` or `auto`).
`auto` gives tantivy, when it is installed, to an index of at least `TANTIVY_MIN` articles (a
folder holding that many, without an index yet) and keeps it for a tantivy index; Whoosh
otherwise. An index made by another engine than the one chosen is rebuilt aside by the next
update, and searched as it is until then.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from reader.config import ConfigError, load_settings
from reader.corpus import SUFFIXES
from reader.search import folder, store
from reader.search.tantivy_index import available

if TYPE_CHECKING:
    from reader.search.whoosh_engine import WhooshLibrary

ENGINES = ("auto", "whoosh", "tantivy")
TANTIVY_MIN = 5_000
"""Articles from which `auto` builds a new index with tantivy (at 10,000 the Whoosh engine's
p95 is 240-300 ms for two words and phrases, tantivy's a few ms)."""
ENVIRONMENT = "READER_SEARCH_ENGINE"
SETTING = "search_engine"


def wanted(engine: str | None = None) -> str:
    """The engine asked for: the argument, else the environment, else config.yaml, else
    `auto` (raises ConfigError for an unknown name, or tantivy when it is not installed)."""
    name = engine or os.environ.get(ENVIRONMENT) or load_settings().get(SETTING) or "auto"
    if name not in ENGINES:
        raise ConfigError(
            f"unknown search engine {str(name)[:40]!r}; choose one of: {', '.join(ENGINES)}"
        )
    if name == "tantivy" and not available():
        raise ConfigError(
            "the tantivy search engine is not installed: pip install 'samestory[tantivy]'"
        )
    return str(name)


def choose(library: WhooshLibrary, engine: str | None = None) -> str:
    """The engine of a library's new generations: the one asked for, or the `auto` choice."""
    name = wanted(engine)
    if name != "auto":
        return name
    if not available():
        return "whoosh"
    live = folder.live_generation(library.index_dir)
    if live is None:
        return "tantivy" if _holds_at_least(library.articles_dir, TANTIVY_MIN) else "whoosh"
    if store.engine_of(live) == "tantivy":
        return "tantivy"
    return "tantivy" if len(library.catalog()) >= TANTIVY_MIN else "whoosh"


def _holds_at_least(articles_dir: Path, count: int) -> bool:
    """Whether a folder holds at least `count` article files (names only; stops there)."""
    seen = 0
    for _root, _dirs, names in os.walk(articles_dir):
        seen += sum(1 for name in names if name.lower().endswith(SUFFIXES))
        if seen >= count:
            return True
    return False
