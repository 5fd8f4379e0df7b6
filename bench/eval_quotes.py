"""Quote extraction and speaker accuracy on a PolNeAR split.

    python -m bench.eval_quotes --polnear ../shared/eval/polnear/dev

The reader's quotes are scored twice: as statements (`quote_*` keys: each quote's
`Quote.statement`, the quoted words or the reported clause they are quoted in, one span per
statement) and as quoted words alone (`marks_*` keys: `Quote.start`/`end`).
Gold: annotated Content spans that contain a quotation mark (a double mark " “ ” « » „, two
apostrophes '' as some outlets print them, or an opening single mark ‘). A gold span is found
when the reader's quotes inside it cover at least T of its characters; a reported quote is
correct when at least T of it lies inside a gold span; T = 0.3 and 0.8. Speaker accuracy: over
gold spans found at T = 0.3 that have an annotated Source, the speaker mention of the reader's
quote that covers most of the span overlaps that Source; speaker entity accuracy, over the same
spans, also counts as right a speaker that is the entity of a mention inside the Source (the
reader rests on "Devine" where PolNeAR marks "Tad Devine, a senior adviser", or on the name
where it marks "he" in the same sentence: the reader shows the right person), which is what a
user reading the speaker sees. Articles annotated by several
annotators are scored once, with the first annotator's file (in name order). No-break spaces
become plain spaces, as in the cleaned text (same offsets).
The last line is JSON.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from bench import print_figures
from reader.analysis.entities import ArticleEntities, analyse
from reader.analysis.quotes import Quote, extract_quotes

QUOTE_MARKS = ('"', "“", "”", "«", "»", "„", "‘", "''", "’’")
THRESHOLDS = (0.3, 0.8)


@dataclass
class Attribution:
    content: list[tuple[int, int]]
    sources: list[tuple[int, int]] = field(default_factory=list)


def read_annotations(path: Path) -> list[Attribution]:
    """Attributions of one brat .ann file: Content pieces with their Source pieces."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    links: list[dict[str, list[str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            kind, _, offsets = parts[1].partition(" ")
            pieces = [tuple(map(int, p.split())) for p in offsets.split(";") if p.strip()]
            spans[parts[0]] = (kind, [(s, e) for s, e in pieces])
        elif line.startswith("E") and len(parts) >= 2:
            roles: dict[str, list[str]] = {}
            for arg in parts[1].split():
                role, _, ref = arg.partition(":")
                roles.setdefault(role.rstrip("0123456789"), []).append(ref)
            links.append(roles)
    result = []
    for roles in links:
        for ref in roles.get("Content", []):
            if ref in spans:
                sources = [p for s in roles.get("Source", []) if s in spans for p in spans[s][1]]
                result.append(Attribution(spans[ref][1], sources))
    return result


def documents(folder: Path) -> list[tuple[Path, Path]]:
    """(text, annotations) per article, the first annotator's file when there are several."""
    chosen: dict[str, Path] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        chosen.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    return [
        (folder / "text" / f"{name}.txt", ann)
        for name, ann in sorted(chosen.items())
        if (folder / "text" / f"{name}.txt").is_file()
    ]


def _chars(pieces: list[tuple[int, int]]) -> set[int]:
    return {i for s, e in pieces for i in range(s, e)}


def has_mark(text: str, pieces: list[tuple[int, int]]) -> bool:
    return any(mark in text[s:e] for s, e in pieces for mark in QUOTE_MARKS)


def _score(gold: list[Attribution], spans: list[tuple[int, int]], counts: dict) -> set[int]:
    """Add one article's found gold spans and correct reported spans; return the quoted chars."""
    gold_chars = set().union(*(_chars(a.content) for a in gold)) if gold else set()
    span_chars = [set(range(s, e)) for s, e in spans]
    quoted = set().union(*span_chars) if span_chars else set()
    for t in THRESHOLDS:
        c = counts[t]
        c["gold"] += len(gold)
        c["reported"] += len(spans)
        for a in gold:
            chars = _chars(a.content)
            c["found"] += len(chars & quoted) >= t * len(chars)
        c["correct"] += sum(len(chars & gold_chars) >= t * len(chars) for chars in span_chars)
    return quoted


def _figures(counts: dict, prefix: str) -> dict[str, float]:
    result = {}
    for t in THRESHOLDS:
        c, tag = counts[t], f"{int(t * 10):02d}"
        p = c["correct"] / c["reported"] if c["reported"] else 0.0
        r = c["found"] / c["gold"] if c["gold"] else 0.0
        result[f"{prefix}precision_{tag}"] = round(p, 4)
        result[f"{prefix}recall_{tag}"] = round(r, 4)
        result[f"{prefix}f1_{tag}"] = round(2 * p * r / (p + r), 4) if p + r else 0.0
    return result


class SpeakerScore(NamedTuple):
    """Gold spans with a Source found, whose speaker mention is right, whose entity is right."""

    spans: int
    right: int
    entity_right: int


def speakers_scored(
    gold: list[Attribution], quotes: list[Quote], quoted: set[int], entities: ArticleEntities
) -> SpeakerScore:
    """Speaker accuracy counts of one article (`quoted`: the characters inside its quotes)."""
    spans = right = entity_right = 0
    for a in gold:
        chars = _chars(a.content)
        if not a.sources or len(chars & quoted) < 0.3 * len(chars):
            continue
        best = max(quotes, key=lambda q: len(chars.intersection(range(q.start, q.end))))
        spans += 1
        start, end = best.speaker_start, best.speaker_end
        if start is not None and end is not None:  # set together
            mention = any(start < e and end > s for s, e in a.sources)
            keys = {
                m.key
                for m in entities.mentions
                if any(m.start < e and m.end > s for s, e in a.sources)
            }
            right += mention
            entity_right += mention or best.speaker_key in keys
    return SpeakerScore(spans, right, entity_right)


def evaluate(folder: Path) -> dict[str, float | int]:
    """Score the reader's quotes and speakers on one PolNeAR split folder.

    `quote_*`: each quote reported as its statement (`Quote.statement`: the quoted words, or
    the reported clause they are quoted in), one span per statement. `marks_*`: each quote
    reported as the quoted words alone (`Quote.start`/`end`).
    """

    def blank() -> dict:
        return {t: {"gold": 0, "found": 0, "reported": 0, "correct": 0} for t in THRESHOLDS}

    statements, marks = blank(), blank()
    speaker_total = speaker_right = entity_right = odd_articles = 0
    seconds: list[float] = []
    for text_path, ann_path in documents(folder):
        text = text_path.read_text(encoding="utf-8").replace("\u00a0", " ")
        gold = [a for a in read_annotations(ann_path) if has_mark(text, a.content)]
        began = time.perf_counter()
        entities = analyse(text)
        quotes = extract_quotes(text, entities)
        seconds.append(time.perf_counter() - began)
        odd_articles += sum(text.count(m) for m in '"“”') % 2
        _score(gold, sorted({q.statement for q in quotes}), statements)
        quoted = _score(gold, [(q.start, q.end) for q in quotes], marks)
        scored = speakers_scored(gold, quotes, quoted, entities)
        speaker_total += scored.spans
        speaker_right += scored.right
        entity_right += scored.entity_right
    result: dict[str, float | int] = {**_figures(statements, "quote_"), **_figures(marks, "marks_")}
    result["speaker_accuracy"] = round(speaker_right / speaker_total, 4) if speaker_total else 0.0
    result["speaker_entity_accuracy"] = (
        round(entity_right / speaker_total, 4) if speaker_total else 0.0
    )
    result["gold_spans"] = statements[0.3]["gold"]
    result["reported_statements"] = statements[0.3]["reported"]
    result["reported_quotes"] = marks[0.3]["reported"]
    result["speaker_spans"] = speaker_total
    result["articles"] = len(seconds)
    result["articles_odd_marks"] = odd_articles
    result["median_ms_per_article"] = round(statistics.median(seconds) * 1000, 2) if seconds else 0
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--polnear",
        type=Path,
        required=True,
        help="a PolNeAR split folder with text/ and attributions/",
    )
    args = parser.parse_args(argv)
    if not (args.polnear / "attributions").is_dir():
        print(f"{args.polnear}: no attributions/ folder", file=sys.stderr)
        return 2
    result = evaluate(args.polnear)
    print_figures(result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
