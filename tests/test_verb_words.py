"""The verbs and adverbs learned from CoNLL-2003's part-of-speech column: the shipped list loads,
holds verbs and no nouns, and is what bench/train_word_classes.py writes (when the data is
beside the checkout)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import train_word_classes
from reader.analysis.quotes.words import verb_words

CONLL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "conll2003" / "eng.train"
SHIPPED = Path(__file__).resolve().parents[1] / "reader" / "data" / "verb_words.json"


def test_the_list_holds_verbs_and_adverbs_and_no_speaker_nouns():
    words = verb_words()
    assert {"goes", "should", "actually", "released"} <= words
    assert not words & {"spokesman", "official", "officials", "report", "family", "people"}


def test_the_list_is_what_the_script_writes(tmp_path: Path) -> None:
    if not CONLL.is_file():
        pytest.skip("CoNLL-2003 not beside the checkout")
    out = tmp_path / "verb_words.json"
    train_word_classes.main([str(CONLL), "--out", str(out)])
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(
        SHIPPED.read_text(encoding="utf-8")
    )
