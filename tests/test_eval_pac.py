"""bench/eval_pac: the hand-judged speaker sample and the reading of its judgements, on an
invented two-document story (no shared data)."""

from __future__ import annotations

import json
from pathlib import Path

from bench.eval_pac import evaluate, main
from reader.analysis.entities import analyse
from reader.analysis.quotes import extract_quotes

PLAIN = (
    "Mara Quell, the mayor of Dunmore, spoke on Monday. "
    "“We will rebuild the old bridge before the winter comes,” Quell said. The council met later."
)
TOKENISED = (
    "The council of Dunmore voted on Tuesday . “ The bridge will cost far more than anyone "
    "expected , ” said Tomas Brandt , the treasurer . Work starts soon ."
)


def _story(tmp_path: Path) -> Path:
    folder = tmp_path / "pac"
    (folder / "merged_annotations").mkdir(parents=True)
    for d, text in enumerate((PLAIN, TOKENISED)):
        sentences = [{"text": text}]
        path = folder / "merged_annotations" / f"STORY_7_DOCUMENT_{d}.json"
        path.write_text(json.dumps({"news": sentences}), encoding="utf-8")
    return folder


def _statement(text: str):
    quotes = [q for q in extract_quotes(text, analyse(text)) if q.kind == "statement"]
    assert len(quotes) == 1
    return quotes[0]


def test_speaker_judgements_are_read_and_counted(tmp_path: Path) -> None:
    folder = _story(tmp_path)
    a, b = _statement(PLAIN), _statement(TOKENISED)
    assert (a.speaker, b.speaker) == ("Mara Quell", "Tomas Brandt")
    tsv = tmp_path / "judged.tsv"
    tsv.write_text(
        "# article\tquote start-end\tspeaker shown\ty|n\tnote\n"
        f"STORY_7_DOCUMENT_0\t{a.start}-{a.end}\tMara Quell\ty\t\n"
        f"STORY_7_DOCUMENT_1\t{b.start}-{b.end}\tTomas Brandt\tn\tinvented: judged wrong\n"
        # a verdict on a speaker no longer shown: not counted, and the quote is stale only
        # if its current speaker has no verdict (here it has one, so not stale)
        f"STORY_7_DOCUMENT_0\t{a.start}-{a.end}\tthe mayor\tn\tan older form\n"
        # a quote the reader does not find: ignored
        "STORY_7_DOCUMENT_0\t0-5\tNobody\ty\t\n",
        encoding="utf-8",
    )
    result, _ = evaluate(folder, 0, 0, tsv)
    assert result["speaker_precision"] == 0.5
    assert result["speaker_judgements"] == 2
    assert result["speaker_judgements_stale"] == 0

    tsv.write_text(f"STORY_7_DOCUMENT_1\t{b.start}-{b.end}\tsomeone else\ty\t\n", encoding="utf-8")
    result, _ = evaluate(folder, 0, 0, tsv)
    assert result["speaker_precision"] is None
    assert result["speaker_judgements"] == 0
    assert result["speaker_judgements_stale"] == 1


def test_figures_without_judgements_have_no_speaker_keys(tmp_path: Path) -> None:
    result, lines = evaluate(_story(tmp_path), 0)
    assert "speaker_precision" not in result
    assert lines == []
    assert result["story_pairs"] == 1


def test_speaker_sample_prints_quotes_with_context_and_stays_put(tmp_path: Path, capsys) -> None:
    folder = _story(tmp_path)
    a, b = _statement(PLAIN), _statement(TOKENISED)
    _, both = evaluate(folder, 0, 2)
    assert len(both) == 2
    heads = sorted(line.splitlines()[0] for line in both)
    assert heads[0].startswith(f"== STORY_7_DOCUMENT_0\t{a.start}-{a.end}\tMara Quell  [plain")
    assert heads[1].startswith(
        f"== STORY_7_DOCUMENT_1\t{b.start}-{b.end}\tTomas Brandt  [tokenised"
    )
    assert any("Mara Quell, the mayor of Dunmore" in line and "[[“We will" in line for line in both)
    _, one = evaluate(folder, 0, 1)
    assert one == [both[0]]  # the smaller sample is the start of the larger one

    tsv = tmp_path / "judged.tsv"
    tsv.write_text(f"STORY_7_DOCUMENT_0\t{a.start}-{a.end}\tMara Quell\ty\t\n", encoding="utf-8")
    assert main(["--pac", str(folder), "--speaker-judgements", str(tsv)]) == 0
    figures = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert figures["speaker_precision"] == 1.0
    assert figures["speaker_judgements"] == 1
