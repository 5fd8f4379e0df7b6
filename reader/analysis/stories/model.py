"""What two articles share, as numbers, and the learned weights that turn them into a decision.

`PairFeatures` are the signals of one pair (text, phrase and title similarity, shared entities
and quoted statements, days apart, the years, weekdays and numbers both write). `StoryModel` is
a logistic model over them plus the grouping threshold and linkage, read from
`data/story_model.json` (written by `bench/eval_stories.py --train`, which learns them on the
development data).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, NamedTuple

MODEL_FILE = "story_model.json"
FEATURES = (
    "text",
    "title",
    "entities",
    "main",
    "quotes",
    "days",
    "undated",
    "phrases",
    "years",
    "both_years",
    "weekdays",
    "both_weekdays",
    "numbers",
    "both_numbers",
)


class PairFeatures(NamedTuple):
    """What two articles share.

    `text`: cosine of their TF-IDF word vectors (0..1); `title`: idf-weighted share of the
    shorter title's words found in the other; `entities`: idf-weighted share of the smaller
    article's entity keys the other names; `main`: share of the two articles' main actors (the
    entities each names most) that the other names; `quotes`: quoted statements both carry;
    `days`: days between their dates (None when either is undated); `phrases`: cosine of their
    idf-weighted sets of word pairs (only pairs some other article also has count); `years`,
    `weekdays`, `numbers`: the share (Jaccard) of the years, weekdays and other numbers the two
    texts write that both write (None when either writes none).
    """

    text: float
    title: float
    entities: float
    main: float
    quotes: int
    days: float | None
    phrases: float = 0.0
    years: float | None = None
    weekdays: float | None = None
    numbers: float | None = None

    def vector(self) -> list[float]:
        """The model's inputs, in `FEATURES` order."""
        apart = 0.0 if self.days is None else math.log1p(abs(self.days))
        return [
            self.text,
            self.title,
            self.entities,
            self.main,
            min(self.quotes, 3) / 3,
            apart,
            1.0 if self.days is None else 0.0,
            self.phrases,
            self.years or 0.0,
            0.0 if self.years is None else 1.0,
            self.weekdays or 0.0,
            0.0 if self.weekdays is None else 1.0,
            self.numbers or 0.0,
            0.0 if self.numbers is None else 1.0,
        ]


@dataclass(frozen=True)
class StoryModel:
    """Logistic weights over `FEATURES`, and how articles join a story.

    An article joins the story whose score is highest when that score reaches `threshold`; a
    story's score is `mix` times the best member's probability plus (1 - `mix`) times the mean
    over its members (`mix` 0: average link, 1: single link).

    `split` (None: never) cuts a story of two events of one kind in two: when a story of at least
    2 x `split_min` reports holds two groups of at least `split_min` reports each whose mean
    probability across the groups is below `split` times the mean within the less cohesive
    group, each group is a story (the groups are the two halves of an average-link tree of the
    story's reports; smaller branches stay with the group they are closest to).
    """

    weights: dict[str, float]
    bias: float
    threshold: float = 0.5
    mix: float = 0.5
    about: dict[str, Any] = field(default_factory=dict)
    split: float | None = None
    split_min: int = 5

    def probability(self, features: PairFeatures) -> float:
        """How likely the pair reports one story (0..1)."""
        z = self.bias + sum(
            self.weights.get(name, 0.0) * x
            for name, x in zip(FEATURES, features.vector(), strict=True)
        )
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> dict[str, Any]:
        """The model as the JSON of `data/story_model.json`."""
        return {
            "weights": {k: round(v, 4) for k, v in self.weights.items()},
            "bias": round(self.bias, 4),
            "threshold": self.threshold,
            "mix": self.mix,
            "split": self.split,
            "split_min": self.split_min,
            **self.about,
        }


@cache
def story_model() -> StoryModel:
    """The shipped model (`data/story_model.json`)."""
    text = resources.files("reader.data").joinpath(MODEL_FILE).read_text("utf-8")
    data = json.loads(text)
    known = ("weights", "bias", "threshold", "mix", "split", "split_min")
    about = {k: v for k, v in data.items() if k not in known}
    split = data.get("split")
    return StoryModel(
        {k: float(v) for k, v in data["weights"].items()},
        float(data["bias"]),
        float(data["threshold"]),
        float(data["mix"]),
        about,
        None if split is None else float(split),
        int(data.get("split_min", 5)),
    )
