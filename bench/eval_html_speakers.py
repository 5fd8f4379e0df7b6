"""Speakers read by hand on the true article text of the 91 saved web pages (Zyte's extraction
benchmark): articles and blogs from sites no rule was written against.

    python -m bench.eval_html_speakers --html ../shared/eval/html --speaker-sample 150 > s.txt
    python -m bench.eval_html_speakers --html DIR \
        --speaker-judgements bench/html_speaker_judgements.tsv

Each page's `articleBody` in `ground-truth.json` is analysed as it stands (paragraphs as
lines). `--speaker-sample N` prints the N statement quotes (more than three words) whose (page,
span) hash lowest, as bench/eval_pac does, each with 500 characters before and 200 after; the
judgements file has the same format as PAC's (`page id<TAB>quote start-end<TAB>speaker
shown<TAB>y|n<TAB>note`): y when the speaker shown is who said it, or the quote is rightly
unattributed because the page does not say. A judged quote counts while the reader still shows
the judged speaker for it; `speaker_judgements_stale` counts those whose speaker changed.

The last line is JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bench import print_figures
from bench.eval_pac import _sample_key, _speaker_context
from bench.eval_shared_quotes import speaker_precision
from reader.analysis.entities import analyse
from reader.analysis.quotes import extract_quotes


def load_pages(folder: Path) -> dict[str, str]:
    """Page id -> the page's true article text."""
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    return {page: str(entry.get("articleBody") or "") for page, entry in sorted(truth.items())}


def evaluate(
    folder: Path, speaker_sample: int, judgements: Path | None
) -> tuple[dict[str, float | int | None], list[str]]:
    """Quotes and speakers over every page; the lines of the sample to judge."""
    speakers: dict[tuple[str, str], str] = {}
    to_judge: list[tuple[str, str]] = []
    quotes = attributed = pages = 0
    for page, text in load_pages(folder).items():
        found = [q for q in extract_quotes(text, analyse(text)) if q.kind == "statement"]
        pages += bool(found)
        quotes += len(found)
        attributed += sum(q.speaker is not None for q in found)
        for q in found:
            speakers[(page, f"{q.start}-{q.end}")] = str(q.speaker)
            if speaker_sample:
                to_judge.append((_sample_key(page, q), _speaker_context(page, text, q)))
    result: dict[str, float | int | None] = {
        "pages_with_statements": pages,
        "statements": quotes,
        "attributed_share": round(attributed / quotes, 4) if quotes else 0.0,
    }
    if judgements is not None:
        precision, counted, stale = speaker_precision(judgements, speakers)
        result["speaker_precision"] = precision
        result["speaker_judgements"] = counted
        result["speaker_judgements_stale"] = stale
    return result, [context for _, context in sorted(to_judge)[:speaker_sample]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", type=Path, required=True, help="the html folder")
    parser.add_argument("--speaker-sample", type=int, default=0, metavar="N")
    parser.add_argument("--speaker-judgements", type=Path)
    args = parser.parse_args(argv)
    if not (args.html / "ground-truth.json").is_file():
        print(f"{args.html}: no ground-truth.json", file=sys.stderr)
        return 2
    result, lines = evaluate(args.html, args.speaker_sample, args.speaker_judgements)
    for line in lines:
        print(line)
    print_figures(result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
