"""Which search engine keeps a corpus's index: Whoosh (always installed) or tantivy (the
`samestory[tantivy]` extra, much faster on large corpora: see docs/BENCHMARKS.md).

The choice is `auto` unless forced by `open_library(engine=...)`, the environment variable
`READER_SEARCH_ENGINE` or `search_engine:` in config.yaml (`whoosh`, `tantivy` or `auto`).
`auto` keeps the engine of the live index; a corpus without one gets tantivy when it is
installed and the folder holds at least `TANTIVY_MIN` articles, Whoosh otherwise. An index made
by another engine than the one chosen is rebuilt by the next update.
"""

from __future__ import annotations

import os
from pathlib import Path

from reader.config import ConfigError, load_settings
from reader.corpus import SUFFIXES
from reader.search import folder, store
from reader.search.tantivy_index import available

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


def choose(articles_dir: Path, index_dir: Path, engine: str | None = None) -> str:
    """The engine for a corpus's index: the one asked for, or the `auto` choice."""
    name = wanted(engine)
    if name != "auto":
        return name
    live = folder.live_generation(index_dir)
    if live is not None:
        made_by = store.engine_of(live)
        return made_by if made_by == "whoosh" or available() else "whoosh"
    if not available():
        return "whoosh"
    return "tantivy" if _holds_at_least(articles_dir, TANTIVY_MIN) else "whoosh"


def _holds_at_least(articles_dir: Path, count: int) -> bool:
    """Whether a folder holds at least `count` article files (names only; stops there)."""
    seen = 0
    for _root, _dirs, names in os.walk(articles_dir):
        seen += sum(1 for name in names if name.lower().endswith(SUFFIXES))
        if seen >= count:
            return True
    return False
