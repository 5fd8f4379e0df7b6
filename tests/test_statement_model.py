"""The learned statement model: where a reported statement begins and ends. The shipped file
loads, is what bench/train_statements.py writes, and gives the documented PolNeAR dev figure
(those two read ../shared/eval beside the checkout and are skipped without it); its edges always
hold the quote."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench import train_speakers, train_statements
from reader.analysis.quotes import extract_quotes
from reader.analysis.quotes.extent import MODEL_FILE, statement_edges
from reader.analysis.quotes.scoring import linear_model

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "polnear"
MODEL = Path(__file__).resolve().parents[1] / "reader" / "data" / MODEL_FILE
DEV_STATEMENT_F1_08 = 0.8906  # docs/BENCHMARKS.md, "Quotes"
TOLERANCE = 0.005

needs_polnear = pytest.mark.skipif(
    not (EVAL / "train" / "attributions").is_dir(), reason="PolNeAR not beside the checkout"
)


def test_shipped_model_loads_and_says_how_it_was_made():
    model = linear_model(MODEL_FILE)
    assert len(model.weights) > 100
    assert model.about["script"] == "bench/train_statements.py"
    assert model.about["seed"] == train_speakers.SEED
    assert model.about["trained_on"] == "PolNeAR train"


def test_a_reported_clause_is_the_statement_and_a_direct_quote_its_own():
    text = "Ann Vale told reporters that the plan was “a costly mistake” and must stop. She left."
    [quote] = extract_quotes(text)
    start, end = quote.statement
    assert text[start:end].startswith("that the plan was “a costly mistake”")
    assert quote.speaker == "Ann Vale"
    text = "“We will not give up on this town,” Ann Vale said on Monday."
    [quote] = extract_quotes(text)
    assert quote.statement == (quote.start, quote.end)


def test_the_statement_leaves_out_where_it_was_said_and_what_happened_next():
    text = "Ann Vale told reporters at the airport on Monday that the strikes were “a mistake.”"
    [quote] = extract_quotes(text)
    assert text[slice(*quote.statement)] == "that the strikes were “a mistake.”"
    text = "Ann Vale called the budget “a disaster,” but she voted for it anyway."
    [quote] = extract_quotes(text)
    assert text[slice(*quote.statement)] == "the budget “a disaster,”"


_WORD = st.text(alphabet="abcdefgh", min_size=1, max_size=6)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(_WORD, min_size=0, max_size=8),
    st.lists(_WORD, min_size=1, max_size=5),
    st.lists(_WORD, min_size=0, max_size=8),
    st.sampled_from(["", ",", ".", " and", " — said"]),
)
def test_candidate_edges_hold_the_quote_and_stay_in_the_text(before, inside, after, tail):
    lead = " ".join(before)
    text = f"Vale said {lead} “{' '.join(inside)}”{tail} {' '.join(after)}."
    start = text.index("“")
    end = text.index("”") + 1
    edges = statement_edges(text, (start, end), (start, end), 9, (0, len(text)), len(text))
    assert edges.starts[-1] == start and edges.ends[0] == end
    assert all(0 <= s <= start for s in edges.starts)
    assert all(end <= e <= len(text) for e in edges.ends)
    assert len(edges.starts) == len(edges.start_features)
    assert len(edges.ends) == len(edges.end_features)
    for quote in extract_quotes(text):
        s, e = quote.statement
        assert 0 <= s <= quote.start < quote.end <= e <= len(text)


@needs_polnear
def test_shipped_model_is_what_the_training_script_writes(tmp_path):
    out = tmp_path / "model.json"
    assert train_statements.main(["--polnear", str(EVAL / "train"), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == MODEL.read_text(encoding="utf-8")


@needs_polnear
def test_dev_statement_f1_is_the_documented_figure():
    from bench.eval_quotes import evaluate

    result = evaluate(EVAL / "dev")
    assert abs(float(result["quote_f1_08"]) - DEV_STATEMENT_F1_08) <= TOLERANCE
