"""The learned models: linear scorers over features, their weights shipped as data.

`data/speaker_model.json` holds the weights `bench/train_speakers.py` learns from PolNeAR train
(a conditional logistic regression over each quote's candidates); a candidate's score is the sum
of the weights of its features, and the best-scoring candidate speaks ("nobody" included).
`data/statement_model.json` (bench/train_statements.py) scores where a statement begins and
ends in the same way (`reader.analysis.quotes.extent`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from reader.analysis.quotes.candidates import Candidate

if TYPE_CHECKING:
    from reader.analysis.quotes.candidates import QuoteSite
    from reader.analysis.quotes.speakers import Speaker

MODEL_FILE = "speaker_model.json"


@dataclass(frozen=True)
class LinearModel:
    """Feature weights, and what the file says about how they were made."""

    weights: dict[str, float]
    about: dict[str, Any]

    def score(self, features: tuple[str, ...]) -> float:
        """The candidate's score: the sum of its features' weights (unknown features weigh 0)."""
        weights = self.weights
        return sum(weights.get(f, 0.0) for f in features)

    def best(self, options: list[Candidate]) -> Candidate | None:
        """The best-scoring candidate (the first of equals), or None when there are none."""
        best, best_score = None, float("-inf")
        for option in options:
            score = self.score(option.features)
            if score > best_score:
                best, best_score = option, score
        return best


def model_from_json(data: dict[str, Any]) -> LinearModel:
    """A model from the JSON layout the training script writes."""
    weights = {str(k): float(v) for k, v in data.get("weights", {}).items()}
    return LinearModel(weights, {k: v for k, v in data.items() if k != "weights"})


@cache
def linear_model(name: str) -> LinearModel:
    """A shipped linear model, by its file name in `reader/data`."""
    path = resources.files("reader.data").joinpath(name)
    return model_from_json(json.loads(path.read_text(encoding="utf-8")))


def speaker_model() -> LinearModel:
    """The shipped speaker model (`reader/data/speaker_model.json`)."""
    return linear_model(MODEL_FILE)


_EVIDENCE = ("rule", "verb_after=", "left=said", "left=says", "left=according", "left2=")


def attested(candidate: Candidate) -> bool:
    """False for a candidate nothing in the text ties to the quote: a person named in the line
    above without a verb of saying there, a description with no verb of saying beside it.
    Such a quote stays unattributed."""
    feats = candidate.features
    if candidate.kind == "none" or "rule" in feats:
        return True
    if "above_verb=False" in feats:
        return False
    if candidate.kind == "description":
        return any(f.startswith(_EVIDENCE) for f in feats)
    return True


def choose(model: LinearModel, found: list[Candidate]) -> Candidate | None:
    """A model's choice among a quote's candidates (those the text ties to the quote)."""
    signed = [c for c in found if "signed" in c.features]
    if signed:  # '“...” ― Jane Doe': the signature is the speaker, a convention too rare to learn
        return signed[0]
    return model.best([c for c in found if attested(c)])


def model_chooser(
    site: QuoteSite, found: list[Candidate], rule: Speaker | None
) -> Candidate | None:
    """The shipped model's choice among a quote's candidates."""
    return choose(speaker_model(), found)
