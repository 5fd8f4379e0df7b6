"""Learn which lower-case words are verbs or adverbs, never a noun phrase's head
(`reader/data/verb_words.json`), from the part-of-speech column of CoNLL-2003 eng.train.

    python -m bench.train_word_classes ../shared/eval/conll2003/eng.train

A speaker phrase is a noun phrase: 'the report', 'his aides', 'a senior official'. The chunker
takes lower-case words after a determiner, so without a part of speech it read 'The report
goes', 'his flacks should' and 'Thursday actually' as speakers. A word is listed when the
training text tags it, lower case, at least MIN_COUNT times, and at least SHARE of those as a
verb, a modal or an adverb (Penn tags VB*, MD, RB*) and at most NOUN_SHARE as a noun (NN*):
'goes', 'should', 'actually', 'released' are listed; 'report', 'means' (a noun as often), 'plans'
are not. A rerun writes the same file.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "reader" / "data" / "verb_words.json"
MIN_COUNT = 3
SHARE = 0.9
NOUN_SHARE = 0.05
_VERBAL = ("VB", "MD", "RB")


def verb_words(conll: Path) -> list[str]:
    """The lower-case words the POS column tags verbal (see the module docstring), sorted."""
    tags: dict[str, Counter[str]] = defaultdict(Counter)
    for line in conll.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0].isalpha() and parts[0].islower():
            tags[parts[0]][parts[1]] += 1
    listed = []
    for word, counts in tags.items():
        total = sum(counts.values())
        verbal = sum(c for t, c in counts.items() if t.startswith(_VERBAL))
        noun = sum(c for t, c in counts.items() if t.startswith("NN"))
        if total >= MIN_COUNT and verbal >= SHARE * total and noun <= NOUN_SHARE * total:
            listed.append(word)
    return sorted(listed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("conll", type=Path, help="CoNLL-2003 eng.train")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    words = verb_words(args.conll)
    about = {
        "made_by": "python -m bench.train_word_classes ../shared/eval/conll2003/eng.train",
        "min_count": MIN_COUNT,
        "share": SHARE,
        "noun_share": NOUN_SHARE,
    }
    args.out.write_text(json.dumps({**about, "words": words}, indent=0) + "\n", encoding="utf-8")
    print(json.dumps({"words": len(words)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
