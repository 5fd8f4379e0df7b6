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
from typing import TYPE_CHECKING

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
    "signature",
    "signatures",
    "stories",
    "story_model",
]

PARALLEL_MIN = 400
"""Articles from which signatures are computed in worker processes."""


def _signature_batch(articles: list[Article]) -> list[Signature]:
    return [signature(a) for a in articles]


def signatures(
    articles: Sequence[Article],
    processes: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> list[Signature]:
    """The signatures of many articles, in their order; in `processes` worker processes when
    there are at least `PARALLEL_MIN` articles. `progress(done, total)` is called as they come."""
    total = len(articles)
    if processes <= 1 or total < PARALLEL_MIN:
        out = []
        for number, article in enumerate(articles, 1):
            out.append(signature(article))
            if progress and (number % 100 == 0 or number == total):
                progress(number, total)
        return out
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    size = 100
    batches = [list(articles[i : i + size]) for i in range(0, total, size)]
    done, found = 0, []
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(processes, mp_context=context) as pool:
        for batch in pool.map(_signature_batch, batches):
            found.extend(batch)
            done += len(batch)
            if progress:
                progress(done, total)
    return found


def find_stories(
    articles: Iterable[Article], model: StoryModel | None = None, processes: int = 1
) -> StoryIndex:
    """The stories of these articles, found from scratch."""
    index = StoryIndex(model)
    index.add(signatures(list(articles), processes))
    return index
