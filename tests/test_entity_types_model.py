"""The learned entity type model: the shipped file loads, training is deterministic, the
shipped file is what bench/train_entity_types.py writes from CoNLL-2003 eng.train, and the
reader gives the documented eng.testa figure. The last two read ../shared/eval (beside the
checkout) when it is there and are skipped otherwise."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import train_entity_types
from bench.eval_entities import conll_label, read_conll, score_conll
from reader.analysis.entities import EntityType, Mention, extract_mentions
from reader.analysis.entities.learned import LABELS, type_model

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "conll2003"
MODEL = Path(__file__).resolve().parents[1] / "reader" / "data" / "entity_types_model.json"
DEV_TYPED_F1 = 0.889  # eng.testa prose typed F1 (issue 11, fourth round)
DEV_ORG_F1 = 0.812
TOLERANCE = 0.005

needs_conll = pytest.mark.skipif(
    not (EVAL / "eng.train").is_file(), reason="CoNLL-2003 not beside the checkout"
)

TOY = [
    [
        [("Brandvall", "I-ORG"), ("shares", "O"), ("rose", "O"), ("on", "O"), ("Monday", "O")],
        [("Oskar", "I-PER"), ("Lindqvist", "I-PER"), ("said", "O"), ("so", "O"), (".", "O")],
        [("He", "O"), ("flew", "O"), ("to", "O"), ("Vellmar", "I-LOC"), (".", "O")],
        [("Lindqvist", "I-PER"), ("agreed", "O"), (".", "O")],
    ]
]


def test_shipped_model_loads_and_says_how_it_was_made():
    data = json.loads(MODEL.read_text(encoding="utf-8"))
    assert data["labels"] == list(LABELS)
    assert "bench/train_entity_types.py" in data["about"]
    assert len(type_model().weights) > 1000


def test_training_is_deterministic_and_learns_from_context_without_the_word():
    examples = train_entity_types.examples(TOY * 3)
    first = train_entity_types.train(examples)
    assert first == train_entity_types.train(examples)
    # "Lindqvist" alone, after "Oskar Lindqvist", is typed by the rules: only its word is learnt
    words = {"w=lindqvist", "first=lindqvist", "last=lindqvist"}
    lone = [ex for ex in examples if set(ex.feats) == words]
    assert lone
    # every other name is also an example without its own words
    assert any(
        not any(f.startswith(("w=", "first=", "last=")) for f in ex.feats) for ex in examples
    )


@needs_conll
def test_shipped_model_is_what_the_training_script_writes(tmp_path):
    out = tmp_path / "model.json"
    assert train_entity_types.main([str(EVAL / "eng.train"), "--output", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == MODEL.read_text(encoding="utf-8")


@needs_conll
def test_dev_typed_f1_is_the_documented_figure():
    result = score_conll(read_conll(EVAL / "eng.testa"), extract_mentions)[0]
    assert abs(result["prose_typed_f1"] - DEV_TYPED_F1) <= TOLERANCE
    assert abs(result["prose_org_f1"] - DEV_ORG_F1) <= TOLERANCE


def test_words_seldom_names_in_training_are_listed():
    doc = [
        [("Output", "O"), ("and", "O"), ("GDP", "O"), ("rose", "O")],
        [("Brandvall", "I-ORG"), ("said", "O"), ("GDP", "O"), ("fell", "O")],
        [("He", "O"), ("met", "O"), ("Brandvall", "I-ORG"), ("staff", "O")],
        [("They", "O"), ("saw", "O"), ("Brandvall", "I-ORG"), ("again", "O")],
    ]
    assert train_entity_types.not_names([doc]) == ["GDP"]
    assert "GDP" in type_model().not_names


def test_the_conll_mapping_makes_adjectives_of_names_misc_whatever_their_type():
    def label(text: str, etype: EntityType) -> str:
        return conll_label(Mention(0, len(text), text, etype, f"{etype.value}:x"))

    assert label("Republican", EntityType.ORGANISATION) == "MISC"
    assert label("NATO-led", EntityType.ORGANISATION) == "MISC"
    assert label("Russian", EntityType.PLACE) == "MISC"
    assert label("Senate", EntityType.ORGANISATION) == "ORG"
    assert label("Republicans", EntityType.ORGANISATION) == "ORG"
    assert label("Oskar Lindqvist", EntityType.PERSON) == "PER"


def test_the_conll_mapping_makes_a_prefixed_name_misc_but_not_a_name_prefix():
    def label(text: str, etype: EntityType) -> str:
        return conll_label(Mention(0, len(text), text, etype, f"{etype.value}:x"))

    assert label("post-Soviet", EntityType.PLACE) == "MISC"
    assert label("al-Qudra", EntityType.PLACE) == "LOC"
