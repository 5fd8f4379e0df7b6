"""Shared quotes across articles of one story, on BASIL (same story in three outlets).

    python -m bench.eval_shared_quotes --basil ../shared/eval/basil
    python -m bench.eval_shared_quotes --basil DIR --sample 60 > pairs.txt   # pairs to judge
    python -m bench.eval_shared_quotes --basil DIR --judgements bench/basil_judgements.tsv \
        --speaker-judgements bench/basil_speaker_judgements.tsv

For every pair of articles of one story (an article's text: its paragraphs, sentences joined by
spaces, paragraphs by blank lines), as `reader.analysis.comparison.compare` does it (entities of
the two articles resolved together, quotes with speakers, then matching):

(a) recall: gold shared quoted material is every maximal run of at least five words (compared
    after folding case and punctuation) that both articles put inside double quotation marks,
    found by a plain pairing of marks within each paragraph (independent of the reader). A run is
    found when one reported pair's matched ranges overlap it in both articles.
(b) reworded_pairs: reported pairs whose two matched ranges share no such run (partial quotes
    of fewer words, rewordings, translations, and quotes that appear unquoted in the other).
(c) precision: hand judgements of a random sample of reported pairs (the pairs whose ids hash
    lowest, so the sample stays put), read from a TSV file of `pair-id<TAB>y|n<TAB>note`;
    `--sample N` prints the sample to judge. Precision counts the judged pairs the reader still
    reports. Without judgements, precision is null.
(d) speaker precision: hand judgements of the speaker the reader shows for each quote of the
    judged sample (`article<TAB>quote start-end<TAB>speaker shown<TAB>y|n<TAB>note`: y when the
    speaker shown is who said it, or the quote is rightly unattributed because the article does
    not say; n otherwise). A quote judged in several forms counts in the one it shows now, while
    it is still in a reported pair; `speaker_judgements_stale` counts judged quotes whose speaker
    shown now has not been judged.

The last line is JSON.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import re
import statistics
import sys
import time
from pathlib import Path

from bench import print_figures
from reader.analysis.entities import analyse, resolve_pair
from reader.analysis.matching import MIN_RUN, match_quotes
from reader.analysis.quotes import Quote, extract_quotes

_WORD = re.compile(r"[^\W_]+(?:[’'][^\W_]+)*")


def load_stories(folder: Path) -> dict[str, list[tuple[str, str]]]:
    """Triplet id -> [(article name, text)], from BASIL `articles/<year>/<triplet>_<n>.json`."""
    stories: dict[str, list[tuple[str, str]]] = {}
    for path in sorted((folder / "articles").glob("*/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = [" ".join(sentences) for sentences in data.get("body-paragraphs", [])]
        text = "\n\n".join(p for p in paragraphs if p.strip()).replace("\u00a0", " ")
        stories.setdefault(data.get("triplet-uuid", path.stem.rsplit("_", 1)[0]), []).append(
            (path.stem, text)
        )
    return stories


def quoted_words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, folded word) of every word inside double quotation marks.

    Marks are paired in order within each paragraph (" toggles, “ opens, ” closes); a quote
    still open at the end of its paragraph runs to that end.
    """
    words = []
    for para in re.finditer(r"[^\n]+", text):
        inside, start = False, para.start()
        for m in re.finditer(r"[\"“”]", para.group()):
            mark, pos = m.group(), para.start() + m.start()
            if not inside and mark in '"“':
                inside, start = True, pos + 1
            elif inside and mark in '"”':
                words.extend(_folded(text, start, pos))
                inside = False
        if inside:
            words.extend(_folded(text, start, para.end()))
    return words


def _folded(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [
        (w.start(), w.end(), w.group().lower().replace("’", "'"))
        for w in _WORD.finditer(text, start, end)
    ]


def gold_runs(wa: list, wb: list) -> list[list[tuple[int, int, int, int]]]:
    """Runs of >= MIN_RUN words quoted in both articles, maximal where they meet.

    One entry per run of words, listing every place it is quoted: (a_start, a_end, b_start,
    b_end) chars for each pair of places. A run quoted twice in one article is one run, found
    when a reported pair overlaps one of its places in A and one of its places in B.
    """

    def places(words: list, run: tuple[str, ...]) -> list[tuple[int, int]]:
        n = len(run)
        return [
            (words[i][0], words[i + n - 1][1])
            for i in range(len(words) - n + 1)
            if tuple(w[2] for w in words[i : i + n]) == run
        ]

    index: dict[tuple[str, ...], list[int]] = {}
    for j in range(len(wb) - MIN_RUN + 1):
        index.setdefault(tuple(w[2] for w in wb[j : j + MIN_RUN]), []).append(j)
    runs: set[tuple[str, ...]] = set()
    for i in range(len(wa) - MIN_RUN + 1):
        for j in index.get(tuple(w[2] for w in wa[i : i + MIN_RUN]), []):
            if i and j and wa[i - 1][2] == wb[j - 1][2]:
                continue  # inside a longer run
            n = MIN_RUN
            while i + n < len(wa) and j + n < len(wb) and wa[i + n][2] == wb[j + n][2]:
                n += 1
            runs.add(tuple(w[2] for w in wa[i : i + n]))
    return [
        [(a0, a1, b0, b1) for a0, a1 in places(wa, run) for b0, b1 in places(wb, run)]
        for run in sorted(runs)
    ]


def _context(text: str, start: int, end: int, width: int = 160) -> str:
    """The matched range in [[ ]] with some of the text around it, for judging by hand."""
    before = " ".join(text[max(0, start - width) : start].split())
    after = " ".join(text[end : end + width].split())
    return f"…{before} [[{' '.join(text[start:end].split())}]] {after}…"


def _overlaps(s1: int, e1: int, s2: int, e2: int) -> bool:
    return s1 < e2 and s2 < e1


def _quote_id(quote: Quote | None) -> str:
    """'quote=START-END' of a matched quote, or 'unquoted'."""
    return "unquoted" if quote is None else f"quote={quote.start}-{quote.end}"


def speaker_precision(
    path: Path, speakers: dict[tuple[str, str], str]
) -> tuple[float | None, int, int]:
    """Share of judged speakers still shown that are right, how many counted, how many stale."""
    verdicts: dict[tuple[str, str, str], bool] = {}  # a later line for the same speaker wins
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 4 and parts[3] in {"y", "n"}:
            verdicts[(parts[0], parts[1], parts[2])] = parts[3] == "y"
    judged = {(article, span) for article, span, _ in verdicts}
    right = counted = 0
    for (article, span, speaker), verdict in verdicts.items():
        if speakers.get((article, span)) == speaker:
            counted += 1
            right += verdict
    stale = sum(
        1 for key in judged if key in speakers and (key[0], key[1], speakers[key]) not in verdicts
    )
    return (round(right / counted, 4) if counted else None), counted, stale


def evaluate(
    folder: Path, sample: int, judgements: Path | None, speaker_judgements: Path | None = None
) -> tuple[dict, list[str]]:
    """Score shared-quote matching on every same-story pair; also return the sample to judge."""
    stories = load_stories(folder)
    gold_total = gold_found = reported = reworded = 0
    kinds: dict[str, int] = {}
    pairs_out: list[tuple[str, str]] = []
    speakers: dict[tuple[str, str], str] = {}  # (article, quote span) -> speaker shown
    seconds: list[float] = []
    for story in sorted(stories):
        for (name_a, text_a), (name_b, text_b) in itertools.combinations(stories[story], 2):
            began = time.perf_counter()
            entities_a, entities_b = resolve_pair(analyse(text_a), analyse(text_b))
            quotes_a = extract_quotes(text_a, entities_a)
            quotes_b = extract_quotes(text_b, entities_b)
            matches = match_quotes(text_a, quotes_a, text_b, quotes_b)
            seconds.append(time.perf_counter() - began)
            runs = gold_runs(quoted_words(text_a), quoted_words(text_b))
            gold_total += len(runs)
            gold_found += sum(
                any(
                    any(_overlaps(m.a_start, m.a_end, a0, a1) for a0, a1, _, _ in run)
                    and any(_overlaps(m.b_start, m.b_end, b0, b1) for _, _, b0, b1 in run)
                    for m in matches
                )
                for run in runs
            )
            for m in matches:
                reported += 1
                kinds[m.kind] = kinds.get(m.kind, 0) + 1
                shares_run = any(
                    _overlaps(m.a_start, m.a_end, a0, a1) and _overlaps(m.b_start, m.b_end, b0, b1)
                    for run in runs
                    for a0, a1, b0, b1 in run
                )
                reworded += not shares_run
                pair_id = f"{name_a}|{name_b}|{m.a_start}-{m.a_end}|{m.b_start}-{m.b_end}"
                for name, quote in ((name_a, m.a), (name_b, m.b)):
                    if quote is not None:
                        speakers[(name, f"{quote.start}-{quote.end}")] = str(quote.speaker)
                shown = (
                    f"== {pair_id} {m.kind} similarity={m.similarity} "
                    f"run={'yes' if shares_run else 'no'}\n"
                    f"A {_quote_id(m.a)} ({m.a and m.a.speaker}): "
                    f"{_context(text_a, m.a_start, m.a_end)}\n"
                    f"B {_quote_id(m.b)} ({m.b and m.b.speaker}): "
                    f"{_context(text_b, m.b_start, m.b_end)}\n"
                )
                pairs_out.append((pair_id, shown))
    # A random sample that stays the same when other pairs come and go: the pairs whose ids
    # hash lowest.
    ranked = sorted(pairs_out, key=lambda p: hashlib.sha1(p[0].encode()).hexdigest())
    chosen = ranked[:sample]
    precision = None
    judged = 0
    if judgements is not None:
        verdicts = {}
        for line in judgements.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 2 and parts[1] in {"y", "n"}:
                verdicts[parts[0]] = parts[1] == "y"
        known = {pid for pid, _ in pairs_out}
        judged_ok = [v for pid, v in verdicts.items() if pid in known]
        judged = len(judged_ok)
        precision = round(sum(judged_ok) / judged, 4) if judged else None
    result = {
        "recall": round(gold_found / gold_total, 4) if gold_total else 0.0,
        "reworded_pairs": reworded,
        "precision": precision,
        "judged_pairs": judged,
        **_speaker_figures(speaker_judgements, speakers),
        "gold_runs": gold_total,
        "found_runs": gold_found,
        "reported_pairs": reported,
        **{f"kind_{k}": v for k, v in sorted(kinds.items())},
        "article_pairs": len(seconds),
        "median_ms_per_pair": round(statistics.median(seconds) * 1000, 2) if seconds else 0,
    }
    return result, [shown for _, shown in chosen]


def _speaker_figures(path: Path | None, speakers: dict[tuple[str, str], str]) -> dict:
    if path is None:
        return {}
    precision, counted, stale = speaker_precision(path, speakers)
    return {
        "speaker_precision": precision,
        "speaker_judgements": counted,
        "speaker_judgements_stale": stale,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--basil", type=Path, required=True, help="the BASIL folder")
    parser.add_argument(
        "--sample",
        type=int,
        default=0,
        metavar="N",
        help="print N random reported pairs to judge by hand",
    )
    parser.add_argument("--judgements", type=Path, help="TSV of pair-id, y|n, note")
    parser.add_argument(
        "--speaker-judgements",
        type=Path,
        help="TSV of article, quote start-end, speaker shown, y|n, note",
    )
    args = parser.parse_args(argv)
    if not (args.basil / "articles").is_dir():
        print(f"{args.basil}: no articles/ folder", file=sys.stderr)
        return 2
    result, chosen = evaluate(args.basil, args.sample, args.judgements, args.speaker_judgements)
    for shown in chosen:
        print(shown)
    print_figures(result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
