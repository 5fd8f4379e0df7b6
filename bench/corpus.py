"""Benchmark corpora of 1k/10k/50k articles, built by recombining paragraphs of real articles.

Sources: the bundled sample articles and the text of the evaluation data sets in
`../shared/eval/` (PolNeAR and BASIL news articles; see that folder's README: it is read, never
copied into the repository). Each generated article keeps a real headline, outlet and date and
its donor's opening paragraphs, then adds paragraphs from other real articles up to a
log-uniform 2-10 KB; about one in five has no front matter and one in four carries scraping
debris, so loading and cleaning do their real work. Corpora are written to a cache folder
(`READER_BENCH_DIR`, default `<user cache>/reader-bench`), never into the repository.

    python -m bench.corpus 1000 10000 [--eval DIR]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from reader.config import bundled_path
from reader.corpus import load_corpus

DEFAULT_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
VERSION = 2
_OUTLETS = {
    "nyt": "The New York Times",
    "wash-post": "The Washington Post",
    "huff-post": "HuffPost",
    "hpo": "HuffPost",
    "usa-today": "USA Today",
    "west-journal": "Western Journal",
    "politico": "Politico",
    "breitbart": "Breitbart",
    "fox": "Fox News",
}
_DEBRIS = [
    "Advertisement",
    "Share this article",
    "Listen Live",
    "Get short URL",
    "Sign up for our newsletter",
    "Read more:",
    "Photo: Reuters",
]


@dataclass(frozen=True, slots=True)
class Donor:
    """A real article: headline, outlet, date and paragraphs."""

    title: str
    outlet: str | None
    date: str | None
    paragraphs: list[str]


def bench_dir() -> Path:
    """Where generated corpora live (outside the repository)."""
    override = os.environ.get("READER_BENCH_DIR")
    return Path(override) if override else Path(platformdirs.user_cache_dir("reader-bench"))


def donors(eval_dir: Path = DEFAULT_EVAL) -> list[Donor]:
    """Every real article available: the samples, PolNeAR and BASIL."""
    found = [
        Donor(a.title, a.outlet, a.date, a.text.split("\n\n"))
        for a in load_corpus(bundled_path("articles")).articles
    ]
    for path in sorted(eval_dir.glob("polnear/*/text/*.txt")):
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        match = re.match(r"([a-z-]+)_(\d{4}-\d{2}-\d{2})_", path.name)
        paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
        if paragraphs:
            found.append(
                Donor(
                    title.strip(),
                    match and _OUTLETS.get(match.group(1)),
                    match and match.group(2),
                    paragraphs,
                )
            )
    for path in sorted(eval_dir.glob("basil/articles/*/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = [" ".join(p) for p in data.get("body-paragraphs") or [] if p]
        if paragraphs:
            found.append(
                Donor(
                    data["title"],
                    _OUTLETS.get(data.get("source", "").lower()),
                    data.get("date"),
                    paragraphs,
                )
            )
    return found


def build(n: int, eval_dir: Path = DEFAULT_EVAL, seed: int = 1) -> Path:
    """The folder of an n-article corpus, generated on first use (deterministic for a seed)."""
    folder = bench_dir() / f"corpus-{n}-v{VERSION}-s{seed}"
    if (folder / ".complete").exists():
        return folder
    rng = random.Random(seed)
    pool = donors(eval_dir)
    paragraphs = [p for d in pool for p in d.paragraphs if len(p) > 40]
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        donor = pool[i % len(pool)]
        target = math.exp(rng.uniform(math.log(2000), math.log(10000)))
        body = list(donor.paragraphs[:3])
        while sum(len(p) + 2 for p in body) < target:
            body.append(rng.choice(paragraphs))
        if rng.random() < 0.25:
            body.insert(rng.randrange(1, len(body) + 1), rng.choice(_DEBRIS))
        title = donor.title if i < len(pool) else f"{donor.title} ({i // len(pool)})"
        write_article(
            folder / f"{i // 1000:03d}" / f"article-{i:06d}.md",
            title,
            donor,
            "\n\n".join(body),
            front=rng.random() >= 0.2,
        )
    (folder / ".complete").write_text(str(n))
    return folder


def write_article(path: Path, title: str, donor: Donor, body: str, front: bool) -> None:
    """Write one generated article, with or without YAML front matter."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if front:
        meta = [f"title: {json.dumps(title)}"]
        meta += [f"outlet: {json.dumps(donor.outlet)}"] if donor.outlet else []
        meta += [f"date: {donor.date}"] if donor.date else []
        text = "---\n" + "\n".join(meta) + "\n---\n" + body + "\n"
    else:
        text = title + "\n\n" + body + "\n"
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", type=int, nargs="+")
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL)
    args = parser.parse_args()
    for n in args.sizes:
        print(build(n, args.eval))


if __name__ == "__main__":
    main()
