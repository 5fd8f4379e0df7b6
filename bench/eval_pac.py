"""Quotes and shared quotes on PAC: the same story told by two outlets, half of them tokenised.

    python -m bench.eval_pac --pac ../shared/eval/pac
    python -m bench.eval_pac --pac DIR --show 20      # print some quotes and speakers to read
    python -m bench.eval_pac --pac DIR --speaker-sample 200 > sample.txt   # speakers to judge
    python -m bench.eval_pac --pac DIR --speaker-judgements bench/pac_speaker_judgements.tsv

An article's text is its sentences (`news[].text`) joined by spaces, as printed: tokenised
articles keep their tokenisation (`“ We will , ” the president said .`); an article is
tokenised when punctuation mostly stands apart from the words.

(a) quotes per article, tokenised and not: the reader's quotes, and the quotes of a plain
    pairing of double marks within each line (independent of the reader; " toggles, “ opens,
    ” closes), counting those of two words or more; `marked_found` is the share of those the
    reader's quotes cover for at least 80% of their characters.
(b) shared quotes across each story's two documents: every maximal run of at least five words
    (case, punctuation and tokenisation folded: `do n't` = `don't`) that both put inside
    double marks; found when one reported pair's matched ranges overlap it in both texts
    (as bench/eval_shared_quotes does on BASIL).
(c) speaker precision: hand judgements of the speaker the reader shows for its statement
    quotes (more than three words), in the format of bench/eval_shared_quotes
    (`article<TAB>quote start-end<TAB>speaker shown<TAB>y|n<TAB>note`; article as
    STORY_26_DOCUMENT_0): y when the speaker shown is who said it, or the quote is rightly
    unattributed because the article does not say; n otherwise. `--speaker-sample N` prints
    the N statement quotes whose (article, span) hash lowest, so the sample stays put when other
    quotes come and go, each with 500 characters before and 200 after. A judged quote counts
    while the reader still shows the judged speaker for it; `speaker_judgements_stale` counts
    judged quotes whose speaker shown now has not been judged.

The last line is JSON.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import statistics
import sys
import time
from pathlib import Path

from bench import print_figures
from bench.eval_shared_quotes import gold_runs, speaker_precision
from reader.analysis.entities import analyse, resolve_pair
from reader.analysis.matching import match_quotes
from reader.analysis.quotes import Quote, extract_quotes
from reader.analysis.quotes.view import is_tokenised

_WORD = re.compile(r"[^\W_]+")


def load_stories(folder: Path) -> dict[str, list[tuple[str, str]]]:
    """Story id -> [(document name, text)] from `merged_annotations/STORY_<n>_DOCUMENT_<d>.json`."""
    stories: dict[str, list[tuple[str, str]]] = {}
    for path in sorted((folder / "merged_annotations").glob("STORY_*_DOCUMENT_*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        text = " ".join(s.get("text", "").strip() for s in data.get("news", []))
        story = path.stem.rsplit("_DOCUMENT_", 1)[0]
        stories.setdefault(story, []).append((path.stem, text.replace("\u00a0", " ")))
    return stories


def marked_spans(text: str) -> list[tuple[int, int]]:
    """Inner extents of double-quoted spans, marks paired in order within each line."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        start = None
        for m in re.finditer(r"[\"“”]", line.group()):
            pos = line.start() + m.start()
            if start is None and m.group() in '"“':
                start = pos + 1
            elif start is not None and m.group() in '"”':
                spans.append((start, pos))
                start = None
        if start is not None:
            spans.append((start, line.end()))
    return spans


def folded_words(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(start, end, folded word) of the words inside `spans`: apostrophes dropped, and a clitic
    printed apart ('do n't', 'Women 's') joined to the word before it."""
    words: list[tuple[int, int, str]] = []
    for start, end in spans:
        for m in _WORD.finditer(text, start, end):
            word = m.group().lower()
            after_mark = m.start() > start and text[m.start() - 1] in "'’"  # don|'t, women|'s
            spaced_nt = word == "n" and text[m.end() : m.end() + 2] in {"'t", "’t"}  # do n't
            if (after_mark or spaced_nt) and words and words[-1][1] >= m.start() - 3:
                s, _, w = words[-1]
                words[-1] = (s, m.end(), w + word)
            else:
                words.append((m.start(), m.end(), word))
    return words


def _covered(quotes: list[Quote], start: int, end: int) -> bool:
    chars = end - start
    inside = sum(max(0, min(end, q.end) - max(start, q.start)) for q in quotes)
    return chars > 0 and inside >= 0.8 * chars


def _show(name: str, text: str, quote: Quote) -> str:
    who = text[quote.speaker_start : quote.speaker_end] if quote.speaker_start is not None else ""
    return f"{name} [{quote.kind}] {quote.text[:110]!r} -> {quote.speaker!r} ({who!r})"


def _speaker_context(
    name: str, text: str, quote: Quote, before: int = 500, after: int = 200
) -> str:
    """One statement quote to judge: its id, the speaker shown, and the text around it."""
    who = text[quote.speaker_start : quote.speaker_end] if quote.speaker_start is not None else ""
    tok = "tokenised" if is_tokenised(text) else "plain"
    head = " ".join(text[max(0, quote.start - before) : quote.start].split())
    tail = " ".join(text[quote.end : quote.end + after].split())
    return (
        f"== {name}\t{quote.start}-{quote.end}\t{quote.speaker}  [{tok}; mention {who!r}]\n"
        f"…{head} [[{' '.join(text[quote.start : quote.end].split())}]] {tail}…\n"
    )


def _sample_key(name: str, quote: Quote) -> str:
    return hashlib.sha1(f"{name}|{quote.start}-{quote.end}".encode()).hexdigest()


def evaluate(
    folder: Path,
    show: int,
    speaker_sample: int = 0,
    speaker_judgements: Path | None = None,
) -> tuple[dict[str, float | int | None], list[str]]:
    """Score quote finding and shared quotes on every PAC story; also return lines to print
    (`show` quotes, then the `speaker_sample` statement quotes to judge)."""
    counts = {
        flag: {"articles": 0, "quotes": 0, "marked": 0, "found": 0} for flag in ("tok", "plain")
    }
    gold_total = gold_found = reported = attributed = 0
    seconds: list[float] = []
    shown: list[str] = []
    speakers: dict[tuple[str, str], str] = {}  # (article, quote span) -> speaker shown
    to_judge: list[tuple[str, str]] = []  # (sample key, text to judge)
    for _story, docs in sorted(load_stories(folder).items()):
        if len(docs) != 2:
            continue
        texts = [t for _, t in docs]
        began = time.perf_counter()
        ea, eb = resolve_pair(analyse(texts[0]), analyse(texts[1]))
        qa, qb = extract_quotes(texts[0], ea), extract_quotes(texts[1], eb)
        matches = match_quotes(texts[0], qa, texts[1], qb)
        seconds.append(time.perf_counter() - began)
        for (name, text), quotes in zip(docs, (qa, qb), strict=True):
            c = counts["tok" if is_tokenised(text) else "plain"]
            c["articles"] += 1
            c["quotes"] += len(quotes)
            marked = [(s, e) for s, e in marked_spans(text) if len(text[s:e].split()) >= 2]
            c["marked"] += len(marked)
            c["found"] += sum(_covered(quotes, s, e) for s, e in marked)
            attributed += sum(q.speaker is not None for q in quotes)
            shown.extend(_show(name, text, q) for q in quotes if q.kind == "statement")
            for q in quotes:
                if q.kind == "statement":
                    speakers[(name, f"{q.start}-{q.end}")] = str(q.speaker)
                    if speaker_sample:
                        to_judge.append((_sample_key(name, q), _speaker_context(name, text, q)))
        runs = gold_runs(
            folded_words(texts[0], marked_spans(texts[0])),
            folded_words(texts[1], marked_spans(texts[1])),
        )
        gold_total += len(runs)
        reported += len(matches)
        gold_found += sum(
            any(
                any(m.a_start < a1 and a0 < m.a_end for a0, a1, _, _ in run)
                and any(m.b_start < b1 and b0 < m.b_end for _, _, b0, b1 in run)
                for m in matches
            )
            for run in runs
        )
    result: dict[str, float | int | None] = {}
    for flag, c in counts.items():
        n = c["articles"] or 1
        result[f"{flag}_articles"] = c["articles"]
        result[f"{flag}_quotes_per_article"] = round(c["quotes"] / n, 2)
        result[f"{flag}_marked_per_article"] = round(c["marked"] / n, 2)
        result[f"{flag}_marked_found"] = round(c["found"] / c["marked"], 4) if c["marked"] else 0
    total_quotes = counts["tok"]["quotes"] + counts["plain"]["quotes"]
    result["attributed_share"] = round(attributed / total_quotes, 4) if total_quotes else 0.0
    result["shared_recall"] = round(gold_found / gold_total, 4) if gold_total else 0.0
    result["gold_runs"] = gold_total
    result["found_runs"] = gold_found
    result["reported_pairs"] = reported
    result["story_pairs"] = len(seconds)
    result["median_ms_per_pair"] = round(statistics.median(seconds) * 1000, 2) if seconds else 0
    if speaker_judgements is not None:
        precision, counted, stale = speaker_precision(speaker_judgements, speakers)
        result["speaker_precision"] = precision
        result["speaker_judgements"] = counted
        result["speaker_judgements_stale"] = stale
    step = max(1, len(shown) // show) if show else 0
    lines = shown[::step][:show] if show else []
    lines += [context for _, context in sorted(to_judge)[:speaker_sample]]
    return result, lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pac", type=Path, required=True, help="the PAC folder")
    parser.add_argument("--show", type=int, default=0, metavar="N", help="print N quotes")
    parser.add_argument(
        "--speaker-sample",
        type=int,
        default=0,
        metavar="N",
        help="print N statement quotes with their speakers and context, to judge by hand",
    )
    parser.add_argument(
        "--speaker-judgements",
        type=Path,
        help="TSV of article, quote start-end, speaker shown, y|n, note",
    )
    args = parser.parse_args(argv)
    if not (args.pac / "merged_annotations").is_dir():
        print(f"{args.pac}: no merged_annotations/ folder", file=sys.stderr)
        return 2
    result, shown = evaluate(args.pac, args.show, args.speaker_sample, args.speaker_judgements)
    for line in shown:
        print(line)
    print_figures(result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
