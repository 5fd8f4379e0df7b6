"""Shared entities of same-story pairs (PAC), and a hand-judged sample of link decisions.

    python -m bench.eval_pac_entities ../shared/eval/pac/merged_annotations
    python -m bench.eval_pac_entities DIR --dump            # every pair's shared and only-lists
    python -m bench.eval_pac_entities DIR --candidates      # decisions to judge (same surname,
                                                            # same first word), as TSV rows

PAC (Liu et al., 2023) tells one story by two outlets (`STORY_<n>_DOCUMENT_<0|1>.json`). Its
`entity_list` marks event arguments and concepts ("marijuana", "violent crime") with ids that are
not shared across the two documents, so it cannot say which names are one entity. Instead, the
judgements file (`bench/pac_entity_judgements.tsv`) holds decisions read by hand: a name as
written in document 0, a name as written in document 1, and whether they are one real-world
entity (`same`) or not (`different`). The system says "same" when some mention with the first
text in document 0 and some mention with the second text in document 1 carry one key after
`resolve_pair`. Reported: precision and recall of "same" on the judged decisions, false merges
(judged different, linked), and per pair the number of shared entities.

Tokenised stories (`“ We will , ” the president said .`) are joined back into plain text with
the CoNLL detokeniser of `bench.eval_entities`.

The figures are printed as JSON on the last line.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path
from typing import NamedTuple

from bench import print_figures
from bench.eval_entities import detokenise
from reader.analysis.entities import ArticleEntities, analyse, resolve_pair

JUDGEMENTS = Path(__file__).with_name("pac_entity_judgements.tsv")


class Judgement(NamedTuple):
    """One hand-read decision: a name in document 0, one in document 1, same or different."""

    story: str
    name_a: str
    name_b: str
    same: bool
    note: str


def article_text(path: Path) -> str:
    """The title and sentences of a PAC document as plain text (detokenised when tokenised)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    sentences = [str(s["text"]) for s in data["news"]]
    tokenised = sum(" , " in s or s.endswith(" .") for s in sentences) > len(sentences) / 3
    if tokenised:
        sentences = [detokenise(s.split())[0] for s in sentences]
        sentences = [s.replace("“ ", "“").replace(" ”", "”") for s in sentences]
    title = str(data.get("title") or "").strip()
    return "\n\n".join([title, " ".join(sentences)] if title else [" ".join(sentences)])


def stories(root: Path) -> dict[str, tuple[str, str]]:
    """Story id -> (text of document 0, text of document 1)."""
    out = {}
    for first in sorted(root.glob("STORY_*_DOCUMENT_0.json")):
        second = first.with_name(first.name.replace("DOCUMENT_0", "DOCUMENT_1"))
        if second.exists():
            out[first.name.split("_")[1]] = (article_text(first), article_text(second))
    return out


def resolved(a: str, b: str) -> tuple[ArticleEntities, ArticleEntities]:
    """Both documents analysed and resolved as a pair."""
    return resolve_pair(analyse(a), analyse(b))


def keys_of(side: ArticleEntities, surface: str) -> set[str]:
    """The keys of the mentions written `surface` (spaces folded)."""
    return {m.key for m in side.mentions if " ".join(m.text.split()) == surface}


def read_judgements(path: Path) -> list[Judgement]:
    """The judged decisions: story, name in doc 0, name in doc 1, same|different, note."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        story, name_a, name_b, verdict, *note = line.split("\t")
        out.append(Judgement(story, name_a, name_b, verdict == "same", "\t".join(note)))
    return out


def evaluate(root: Path, judgements: list[Judgement]) -> dict[str, float]:
    """Precision/recall of "same" on the judged decisions, and shared entities per pair."""
    texts = stories(root)
    pairs = {story: resolved(*texts[story]) for story in texts}
    tp = fp = fn = tn = missing = 0
    for j in judgements:
        a, b = pairs[j.story]
        ka, kb = keys_of(a, j.name_a), keys_of(b, j.name_b)
        if not ka or not kb:
            missing += 1
        linked = bool(ka & kb)
        if j.same:
            tp += linked
            fn += not linked
        else:
            fp += linked
            tn += not linked
            if linked:
                print(f"false merge: {j.story} {j.name_a!r} ~ {j.name_b!r}", file=sys.stderr)
        if j.same and not linked:
            print(f"missed: {j.story} {j.name_a!r} ~ {j.name_b!r}", file=sys.stderr)
    shared = [
        len({e.key for e in a.entities} & {e.key for e in b.entities}) for a, b in pairs.values()
    ]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {
        "judged": len(judgements),
        "judged_same": tp + fn,
        "same_precision": round(p, 4),
        "same_recall": round(r, 4),
        "same_f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        "false_merges": fp,
        "names_not_found": missing,
        "pairs": len(pairs),
        "shared_per_pair_median": statistics.median(shared),
        "shared_per_pair_mean": round(statistics.mean(shared), 2),
    }


def dump(root: Path) -> None:
    """Print every pair's shared entities and the entities only one side names."""
    for story, (ta, tb) in stories(root).items():
        a, b = resolved(ta, tb)
        by_b = b.by_key()
        print(f"== story {story}")
        for e in sorted(a.entities, key=lambda e: -len(e.mentions)):
            other = by_b.get(e.key)
            if other is not None:
                print(
                    f"  = {e.type.value[:3]} {e.name} ({len(e.mentions)}) | {other.name} "
                    f"({len(other.mentions)})"
                )
        only_a = [f"{e.name}/{e.type.value[:3]}" for e in a.entities if e.key not in by_b]
        keys_a = {e.key for e in a.entities}
        only_b = [f"{e.name}/{e.type.value[:3]}" for e in b.entities if e.key not in keys_a]
        print("  A only:", "; ".join(only_a))
        print("  B only:", "; ".join(only_b))


def candidates(root: Path) -> None:
    """Decisions worth judging: pairs of names across the two documents that share a word."""
    for story, (ta, tb) in stories(root).items():
        a, b = resolved(ta, tb)
        for x in a.entities:
            for y in b.entities:
                wx = set(x.name.lower().split())
                wy = set(y.name.lower().split())
                if x.key == y.key or wx & wy:
                    verdict = "linked" if x.key == y.key else "apart"
                    print(f"{story}\t{x.mentions[0].text}\t{y.mentions[0].text}\t{verdict}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.eval_pac_entities",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("root", type=Path, help="PAC merged_annotations folder")
    parser.add_argument("--dump", action="store_true", help="print each pair's entities")
    parser.add_argument("--candidates", action="store_true", help="print decisions to judge")
    parser.add_argument("--judgements", type=Path, default=JUDGEMENTS)
    args = parser.parse_args(argv)
    if args.dump:
        dump(args.root)
        return 0
    if args.candidates:
        candidates(args.root)
        return 0
    result = evaluate(args.root, read_judgements(args.judgements))
    print_figures(result, sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
