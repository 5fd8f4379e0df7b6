"""`reader search` and `reader index`: output and exit codes (0 ok, 1 nothing, 2 bad usage)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.search import folder, store
from reader.search.tantivy_index import available
from tests.test_index import write_two_reports


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    write_two_reports(folder)
    (folder / "binary.txt").write_bytes(b"\x00\x00\x00")
    return folder


def run(capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_search_prints_ranked_hits_with_plain_marks_when_not_a_terminal(corpus: Path, capsys):
    code, out, err = run(capsys, "search", "strikes", "--articles", str(corpus))
    assert code == 0
    assert "1 article matches." in out
    assert "Moscow defends air strikes" in out
    assert "Sputnik \u00b7 2015-10-02 \u00b7 moscow" in out
    assert "air [strikes] in Syria" in out
    assert "\x1b[" not in out
    assert "1 file skipped" in err  # the first search built the index


def test_search_json_has_the_documented_fields(corpus: Path, capsys):
    code, out, _ = run(
        capsys, "search", "ambassador OR strikes", "--json", "--articles", str(corpus)
    )
    assert code == 0
    hits = json.loads(out)
    assert {"id", "title", "source", "date", "score", "snippet"} <= set(hits[0])
    assert {h["source"] for h in hits} == {"Sputnik", "TRT World"}


def test_search_sort_by_date_and_limit(corpus: Path, capsys):
    code, out, _ = run(
        capsys,
        "search",
        "ambassador OR strikes",
        "--sort",
        "date",
        "--limit",
        "1",
        "--json",
        "--articles",
        str(corpus),
    )
    assert code == 0
    assert [h["id"] for h in json.loads(out)] == ["ankara"]


def test_nothing_found_exits_1_and_suggests_a_correction(corpus: Path, capsys):
    code, out, _ = run(capsys, "search", "parliment", "--articles", str(corpus))
    assert code == 1
    assert "No articles match 'parliment'. Did you mean: parliament" in out


def test_nothing_found_in_json_prints_an_empty_array(corpus: Path, capsys):
    code, out, err = run(capsys, "search", "zzyzx", "--json", "--articles", str(corpus))
    assert (code, json.loads(out)) == (1, [])
    assert "No articles match" in err


def test_bad_query_exits_2_with_a_message_not_a_traceback(corpus: Path, capsys):
    code, out, err = run(capsys, "search", '"air strikes', "--articles", str(corpus))
    assert code == 2 and out == ""
    assert err.startswith("reader: a quotation mark is not closed")  # before any indexing


def test_missing_articles_folder_exits_2(tmp_path: Path, capsys):
    code, _, err = run(capsys, "search", "syria", "--articles", str(tmp_path / "nowhere"))
    assert code == 2 and "articles folder not found" in err
    code, _, err = run(capsys, "index", "--articles", str(tmp_path / "nowhere"))
    assert code == 2


def test_index_reports_what_it_did_and_skipped(corpus: Path, tmp_path: Path, capsys):
    code, out, _ = run(capsys, "index", "--articles", str(corpus), "--index", str(tmp_path / "idx"))
    assert code == 0
    assert "2 added, 0 changed, 0 deleted, 0 unchanged" in out
    assert "Rebuilt the index (no index yet)" in out
    assert "Skipped 1 file:" in out and "binary.txt: binary file" in out
    assert f"Index folder: {tmp_path / 'idx'}" in out
    code, out, _ = run(capsys, "index", "--articles", str(corpus), "--index", str(tmp_path / "idx"))
    assert "0 added, 0 changed, 0 deleted, 2 unchanged" in out and "Rebuilt" not in out
    code, out, _ = run(
        capsys, "index", "--rebuild", "--articles", str(corpus), "--index", str(tmp_path / "idx")
    )
    assert "Rebuilt the index (rebuild requested)" in out


def test_search_uses_the_index_folder_given(corpus: Path, tmp_path: Path, capsys):
    run(capsys, "index", "--articles", str(corpus), "--index", str(tmp_path / "idx"))
    code, out, err = run(
        capsys, "search", "airspace", "--articles", str(corpus), "--index", str(tmp_path / "idx")
    )
    assert code == 0 and "ankara" in out and err == ""


def test_search_on_the_bundled_samples(capsys):
    code, out, _ = run(capsys, "search", '"joint statement"', "--json")
    assert code == 0
    assert "sputnik-joint-statement" in {h["id"] for h in json.loads(out)}


def test_output_cut_short_by_a_closed_pipe_is_not_a_traceback(tmp_path):
    import subprocess
    import sys

    paragraph = "“We will keep talking to everyone about this,” the minister said on Monday.\n\n"
    (tmp_path / "long.txt").write_text("Talks go on\n\n" + paragraph * 3000, encoding="utf-8")
    cmd = f"{sys.executable} -m reader quotes long --articles {tmp_path} | head -n 1"
    out = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True, check=True)
    assert out.stdout.strip() and "Traceback" not in out.stderr and "Error" not in out.stderr


def test_engine_option_chooses_the_index_engine_and_names_a_wrong_one(
    corpus: Path, tmp_path: Path, capsys
):
    index = str(tmp_path / "index")
    code, _, err = run(capsys, "index", "--engine", "lucene", "--articles", str(corpus))
    assert code == 2 and "unknown search engine 'lucene'" in err
    assert "auto, whoosh, tantivy" in err
    engines = ["whoosh"] + (["tantivy"] if available() else [])
    for engine in engines:
        code, out, _ = run(
            capsys, "index", "--engine", engine, "--articles", str(corpus), "--index", index
        )
        assert code == 0
        live = folder.live_generation(Path(index))
        assert live is not None and store.engine_of(live) == engine
        code, out, _ = run(
            capsys,
            "search",
            "strikes",
            "--engine",
            engine,
            "--articles",
            str(corpus),
            "--index",
            index,
        )
        assert code == 0 and "Moscow defends air strikes" in out
