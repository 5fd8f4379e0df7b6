"""Failures reading a generation's index files, turned into `IndexUnavailable` with the way out
(either engine): files that fail to decode mark the generation damaged, so that the next update
rebuilds it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

from reader.search import folder, store
from reader.search.engine import IndexUnavailable, SearchStopped


@contextmanager
def reading(generation: Path) -> Iterator[None]:
    """Turn a failure reading a generation's files into IndexUnavailable with the way out;
    files that fail to decode mark the generation damaged (the next update rebuilds it)."""
    try:
        yield
    except (IndexUnavailable, SearchStopped, MemoryError, RecursionError, KeyboardInterrupt):
        raise  # (a stopped search is not damage)
    except OSError as exc:
        if isinstance(exc, FileNotFoundError):  # a file of the index is missing: damage
            damaged(generation, exc)
        raise IndexUnavailable(
            f"the index cannot be read ({store.describe(exc)}); check the index folder "
            f"{generation.parent} and run `reader index`"
        ) from exc
    except UnicodeEncodeError as exc:  # looked up with text that is not valid UTF-8
        raise IndexUnavailable("cannot search for text that is not valid UTF-8") from exc
    except Exception as exc:  # the engines raise many types for damaged files (zlib, struct...)
        damaged(generation, exc)
    except BaseException as exc:
        # tantivy panics on garbled postings (index out of bounds): pyo3's PanicException
        if type(exc).__name__ != "PanicException":
            raise
        damaged(generation, exc)


def damaged(generation: Path, exc: BaseException) -> NoReturn:
    """Mark a generation damaged and raise IndexUnavailable with the way out."""
    folder.mark_damaged(generation, f"unreadable files ({store.describe(exc)})")
    raise IndexUnavailable(
        f"the index is damaged ({store.describe(exc)}); run `reader index` to rebuild it"
    ) from exc
