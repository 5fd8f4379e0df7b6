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
T = TypeVar("T")
R = TypeVar("R")


def _signature_batch(articles: list[Article]) -> list[Signature]:
    return [signature(a) for a in articles]


def in_processes(
    work: Callable[[list[T]], list[R]],
    items: Sequence[T],
    processes: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> list[R]:
    """`work` over batches of `items`, results in their order; in `processes` worker processes
    (spawned) when there are at least `PARALLEL_MIN` items. `progress(done, total)` is called
    as batches come back."""
    total = len(items)
    size = 100
    batches = [list(items[i : i + size]) for i in range(0, total, size)]
    if processes <= 1 or total < PARALLEL_MIN:
        done_batches: Iterable[list[R]] = map(work, batches)
        return _collect(done_batches, total, progress)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(processes, mp_context=context) as pool:
        return _collect(pool.map(work, batches), total, progress)


def _collect(
    batches: Iterable[list[R]], total: int, progress: Callable[[int, int], None] | None
) -> list[R]:
    found: list[R] = []
    for batch in batches:
        found.extend(batch)
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
