"""The learned speaker model: the shipped file loads, is what bench/train_speakers.py writes, and
gives the documented PolNeAR dev figure. The last two read ../shared/eval (beside the checkout)
when it is there and are skipped otherwise."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import train_speakers
from reader.analysis.quotes.candidates import NOBODY, Candidate
from reader.analysis.quotes.scoring import model_from_json, speaker_model

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "polnear"
MODEL = Path(__file__).resolve().parents[1] / "reader" / "data" / "speaker_model.json"
DEV_SPEAKER_ACCURACY = 0.9191  # docs/BENCHMARKS.md, "Quotes"
TOLERANCE = 0.005

needs_polnear = pytest.mark.skipif(
    not (EVAL / "train" / "attributions").is_dir(), reason="PolNeAR not beside the checkout"
)


def test_shipped_model_loads_and_says_how_it_was_made():
    model = speaker_model()
    assert len(model.weights) > 100
    assert model.about["script"] == "bench/train_speakers.py"
    assert model.about["seed"] == train_speakers.SEED
    assert model.about["trained_on"] == "PolNeAR train"


def test_model_prefers_the_candidate_with_the_heavier_features():
    model = model_from_json({"weights": {"rule": 2.0, "nobody": 0.5, "left=told": -3.0}})
    nobody = Candidate(0, 0, NOBODY, ("nobody",))
    chosen = Candidate(0, 4, "person", ("rule",))
    listener = Candidate(10, 14, "person", ("rule", "left=told"))
    assert model.best([nobody, chosen, listener]) == chosen
    assert model.best([nobody, listener]) == nobody


def _toy() -> list[train_speakers.Example]:
    return [
        train_speakers.Example([("nobody",), ("kind=person", "rule"), ("kind=pronoun",)], [1]),
        train_speakers.Example([("nobody",), ("kind=person", "left=told")], [0]),
        train_speakers.Example([("nobody",), ("kind=pronoun", "rule")], [1]),
    ] * 5


def test_training_is_deterministic_and_writes_the_shipped_layout():
    about = {"trained_on": "toy", "examples": 15, "epochs": 3, "seed": 1, "script": "x"}
    first = train_speakers.model_json(train_speakers.train(_toy(), epochs=3, seed=1), about)
    second = train_speakers.model_json(train_speakers.train(_toy(), epochs=3, seed=1), about)
    assert first == second
    data = json.loads(first)
    assert set(json.loads(MODEL.read_text(encoding="utf-8"))) == set(data)
    model = model_from_json(data)
    assert model.weights["rule"] > 0 > model.weights["left=told"]


@needs_polnear
def test_shipped_model_is_what_the_training_script_writes(tmp_path):
    out = tmp_path / "model.json"
    assert train_speakers.main(["--polnear", str(EVAL / "train"), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == MODEL.read_text(encoding="utf-8")


@needs_polnear
def test_dev_speaker_accuracy_is_the_documented_figure():
    from bench.eval_quotes import evaluate

    result = evaluate(EVAL / "dev")
    assert abs(float(result["speaker_accuracy"]) - DEV_SPEAKER_ACCURACY) <= TOLERANCE
