"""Cleaning on the development data: articles kept, words kept, debris removed by rule.

    python -m bench.eval_cleaning ../shared/eval ../shared/seeds [--sample 100] [--seed 12]

Every article of BASIL, PAC and PolNeAR (train, dev and annotator-training) is written to a
temporary folder as the reader would find it (BASIL and PAC with `title`, `date`, `source` and,
when there is one, `url` front matter and the body below; PolNeAR's text files as they are, title
on the first line) and loaded with `reader.corpus.read_article`; the seed articles are read from
their folder. The datasets' bodies are clean prose (published text, already extracted), so every
word removed from them is a word lost; the seeds are scraped pages whose debris must go.

Figures per set: articles, articles kept, words in the bodies, share of those words kept (words
are `\\w+` runs; words in removed spans are lost, except a repeat of the title at the top of the
body), removals per rule, "sentences removed": removed spans of at least 8 words that end a
sentence (each is printed, to check the property "a paragraph of real prose is never removed"),
and "debris left": known debris markers (`LEFT`) still in the cleaned text (each is printed).
A seeded random sample of removed spans from the datasets is printed to be read and judged.
The last line is JSON.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from reader.corpus import Removed, read_article, split_front_matter

WORD = re.compile(r"\w+")
PROSE_END = re.compile(r"""[.!?]["'\u201d\u2019)]*$""")
# Debris markers looked for in the cleaned text (debris the rules missed).
LEFT = re.compile(
    r"Getty Images|CLICK(ING)? HERE|Advertisement Advertisement|\(RELATED:|Sign up (here|for)"
)
NOT_LOST = ("headline",)  # a repeat of the title at the top of the body: the title keeps it


@dataclass
class Figures:
    """What one set of articles gave."""

    articles: int = 0
    kept: int = 0
    words: int = 0
    words_removed: int = 0
    rules: Counter[str] = field(default_factory=Counter)
    sentences_removed: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    removed: list[tuple[str, str, Removed]] = field(default_factory=list)

    def summary(self) -> dict[str, object]:
        share = 1 - self.words_removed / self.words if self.words else 1.0
        return {
            "articles": self.articles,
            "kept": self.kept,
            "words": self.words,
            "words_kept_share": round(share, 5),
            "spans_removed": sum(self.rules.values()),
            "sentences_removed": len(self.sentences_removed),
            "debris_left": len(self.left),
            "by_rule": dict(sorted(self.rules.items())),
        }


def _front(fields: dict[str, str]) -> str:
    present = {key: value for key, value in fields.items() if value}
    return "---\n" + yaml.safe_dump(present, allow_unicode=True, sort_keys=False) + "---\n"


def write_basil(eval_dir: Path, out: Path) -> None:
    """BASIL articles as front matter and paragraphs."""
    for path in sorted((eval_dir / "basil" / "articles").glob("*/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        body = "\n\n".join(" ".join(p) for p in data["body-paragraphs"])
        fields = {k: str(data.get(k) or "") for k in ("title", "date", "url", "source")}
        (out / f"{path.parent.name}_{path.stem}.txt").write_text(
            _front(fields) + body + "\n", encoding="utf-8"
        )


def write_pac(eval_dir: Path, out: Path) -> None:
    """PAC articles as front matter and one paragraph of their sentences (as most were)."""
    for path in sorted((eval_dir / "pac" / "merged_annotations").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        body = " ".join(sentence["text"] for sentence in data["news"])
        fields = {k: str(data.get(k) or "") for k in ("title", "date", "source")}
        (out / f"{path.stem}.txt").write_text(_front(fields) + body + "\n", encoding="utf-8")


def write_polnear(eval_dir: Path, out: Path) -> None:
    """PolNeAR text files as they are (several splits share names: prefixed by split)."""
    for path in sorted((eval_dir / "polnear").glob("*/text/*.txt")):
        target = out / f"{path.parent.parent.name}_{path.name}"
        target.write_bytes(path.read_bytes())


def measure(folder: Path, name: str, figures: Figures) -> None:
    """Load every file of a folder and add what it gave to `figures`."""
    for path in sorted(folder.glob("*.txt")):
        _, body, _ = split_front_matter(path.read_text(encoding="utf-8"))
        figures.articles += 1
        figures.words += len(WORD.findall(body))
        read = read_article(path, folder)
        if read.article is None:
            figures.lost.append(f"{path.name}: {'; '.join(p.reason for p in read.problems)}")
        else:
            figures.kept += 1
            text = read.article.text
            for match in LEFT.finditer(text):
                figures.left.append(
                    f"{path.name}: {text[max(0, match.start() - 60) : match.end() + 60]!r}"
                )
        for removed in read.removed:
            figures.rules[removed.rule] += 1
            if removed.rule not in NOT_LOST:
                figures.words_removed += len(WORD.findall(removed.text))
            figures.removed.append((name, path.name, removed))
            if len(removed.text.split()) >= 8 and PROSE_END.search(removed.text):
                figures.sentences_removed.append(f"{path.name} [{removed.rule}] {removed.text}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("eval", type=Path, help="the shared eval folder (basil/, pac/, polnear/)")
    parser.add_argument("seeds", type=Path, help="the seed articles folder")
    parser.add_argument("--sample", type=int, default=100, help="removed spans to print")
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args(argv)
    results: dict[str, Figures] = {}
    writers = {"basil": write_basil, "pac": write_pac, "polnear": write_polnear}
    with tempfile.TemporaryDirectory() as tmp:
        for name, write in writers.items():
            folder = Path(tmp) / name
            folder.mkdir()
            write(args.eval, folder)
            results[name] = Figures()
            measure(folder, name, results[name])
    results["seeds"] = Figures()
    measure(args.seeds, "seeds", results["seeds"])
    _report(results, args.sample, args.seed)
    return 0


def _report(results: dict[str, Figures], sample: int, seed: int) -> None:
    for name, figures in results.items():
        print(f"== {name}")
        for key, value in figures.summary().items():
            print(f"  {key:18} {value}")
        for line in figures.lost:
            print(f"  LOST {line}")
        for line in figures.sentences_removed:
            print(f"  SENTENCE {line}")
        for line in figures.left:
            print(f"  LEFT {line}")
    data = [item for name, f in results.items() if name != "seeds" for item in f.removed]
    picked = random.Random(seed).sample(data, min(sample, len(data)))
    print(f"== sample of {len(picked)} removed spans (of {len(data)}) from the datasets")
    for number, (name, file, removed) in enumerate(picked, 1):
        print(f"  {number:3} {name}/{file} [{removed.rule}] {removed.text[:200]!r}")
    for _, _, removed in results["seeds"].removed:
        print(f"  seed [{removed.rule}] {removed.text[:120]!r}")
    print(json.dumps({name: f.summary() for name, f in results.items()}, sort_keys=True))


if __name__ == "__main__":
    sys.exit(main())
