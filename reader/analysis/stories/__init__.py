"""Stories: the articles of a corpus grouped by the event they report, and one story compared
across its reports.

A story is one event or development, not a topic: two earthquakes are two stories. Each article
gets a `Signature` (content words, title words, entity keys from `reader.analysis.entities`,
quoted statements, date); `StoryIndex` places articles one at a time, comparing a new one only
with the articles that share its distinctive words, with the learned model of `model`
(`data/story_model.json`, learned by `bench/eval_stories.py`). `stories(index)` lists the
stories, largest first, each with why its reports are grouped; `compare_story` builds the
matrix of entities and quoted statements by report (`matrix`).

Modules: `signature` (what is compared), `model` (pair features and weights), `index`
(incremental placement), `store` (signatures kept between runs; `refresh` brings an index up to
date with a folder), `story` (stories and their explanation), `matrix` (a story compared).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, TypeVar

from reader.analysis.stories.index import Placement, StoryIndex
from reader.analysis.stories.model import PairFeatures, StoryModel, story_model
from reader.analysis.stories.signature import Signature, signature
from reader.analysis.stories.story import Story, Why, explain, stories

if TYPE_CHECKING:
    from reader.corpus import Article

__all__ = [
    "PairFeatures",
    "Placement",
    "Signature",
    "Story",
    "StoryIndex",
    "StoryModel",
    "Why",
    "explain",
    "find_stories",
    "in_processes",
    "signature",
    "signatures",
    "stories",
    "story_model",
]

PARALLEL_MIN = 400
"""Articles from which signatures are computed in worker processes."""
BATCH = 50
"""Items a worker process is given at a time (small enough that neither worker waits long for
the other's last batch, large enough that handing them over costs little)."""
T = TypeVar("T")
R = TypeVar("R")


def _signature_batch(articles: list[Article]) -> list[Signature]:
    return [signature(a) for a in articles]


def in_processes(
    work: Callable[[list[T]], list[R]],
    items: Sequence[T],
    processes: int = 1,
    progress: Callable[[int, int], None] | None = None,
    each: Callable[[list[T], list[R]], None] | None = None,
) -> list[R]:
    """`work` over batches of `items`, results in their order; in `processes` worker processes
    (spawned) when there are at least `PARALLEL_MIN` items. As each batch comes back (in
    order), `each(batch, results)` is called, then `progress(done, total)`: work on the
    results can go on while the workers compute the next batches."""
    total = len(items)
    batches = [list(items[i : i + BATCH]) for i in range(0, total, BATCH)]
    if processes <= 1 or total < PARALLEL_MIN:
        done_batches: Iterable[list[R]] = map(work, batches)
        return _collect(batches, done_batches, total, progress, each)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(processes, mp_context=context) as pool:
        return _collect(batches, pool.map(work, batches), total, progress, each)


def _collect(
    batches: list[list[T]],
    done: Iterable[list[R]],
    total: int,
    progress: Callable[[int, int], None] | None,
    each: Callable[[list[T], list[R]], None] | None,
) -> list[R]:
    found: list[R] = []
    for batch, results in zip(batches, done, strict=True):
        found.extend(results)
        if each:
            each(batch, results)
        if progress:
            progress(len(found), total)
    return found


def signatures(
    articles: Sequence[Article],
    processes: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> list[Signature]:
    """The signatures of many articles, in their order (`in_processes`)."""
    return in_processes(_signature_batch, articles, processes, progress)


def find_stories(
    articles: Iterable[Article], model: StoryModel | None = None, processes: int = 1
) -> StoryIndex:
    """The stories of these articles, found from scratch."""
    index = StoryIndex(model)
    index.add(signatures(list(articles), processes))
    return index
