"""Who 'he' and 'she' stand for, on ECB+ (people annotated with their coreference chains).

    python -m bench.eval_pronouns ../shared/eval/ecbplus/ECB+

A quote's speaker is often a pronoun ('“...,” she said'), and the reader shows the person it
resolves it to (`reader.analysis.quotes.speakers.Resolver`). ECB+ marks people, pronouns
included, and links each mention to an instance. For every annotated 'he' or 'she' whose
instance the entity layer names before it (an entity mention overlapping one of the
instance's annotated mentions, of the same key, earlier in the document), the pronoun is
resolved as a speaker's pronoun would be; it is right when the person returned has a key of
that instance. `unresolved` counts those left as the bare pronoun; `not_named_before` the
annotated pronouns whose person the entity layer never names before them (left out).

The last line is JSON.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

from bench import print_figures
from bench.eval_entities import _sentences, detokenise
from reader.analysis.entities import analyse
from reader.analysis.quotes.marks import quote_spans
from reader.analysis.quotes.model import Span
from reader.analysis.quotes.speakers import Resolver, type_name

PRONOUNS = frozenset({"he", "she"})


def read_document(path: Path) -> tuple[str, dict[str, list[tuple[int, int, str]]]]:
    """A document's text (sentences on lines) and its people: instance -> (start, end, words)."""
    root, sentences = _sentences(path)
    spans: dict[str, tuple[int, int]] = {}
    words: dict[str, str] = {}
    lines, offset = [], 0
    for number in sorted(sentences):
        line, token_spans = detokenise([w for _, w in sentences[number]])
        for (t_id, word), (a, b) in zip(sentences[number], token_spans, strict=True):
            spans[t_id] = (a + offset, b + offset)
            words[t_id] = word
        lines.append(line)
        offset += len(line) + 1
    markables = root.find("Markables")
    people: dict[str, list[str]] = {}
    for element in markables if markables is not None else ():
        anchors = [a.get("t_id", "") for a in element.findall("token_anchor")]
        if anchors and element.tag == "HUMAN_PART_PER":
            people[element.get("m_id", "")] = anchors
    chains: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    relations = root.find("Relations")
    for relation in relations if relations is not None else ():
        if not relation.tag.endswith("COREF"):
            continue
        instance = relation.get("note") or relation.get("r_id") or ""
        for source in relation.findall("source"):
            anchors = people.get(source.get("m_id", ""), [])
            if anchors:
                start, end = spans[anchors[0]][0], spans[anchors[-1]][1]
                chains[instance].append((start, end, " ".join(words[t] for t in anchors)))
    return "\n".join(lines), dict(chains)


def evaluate(root: Path) -> dict[str, float | int]:
    """Counts and the share of resolvable pronouns resolved to the right person."""
    tally: Counter[str] = Counter()
    for path in sorted(root.rglob("*.xml")):
        text, chains = read_document(path)
        if not chains:
            continue
        entities = analyse(text)
        people = [m for m in entities.mentions if type_name(m) == "person"]
        resolver = Resolver(
            text, tuple(entities.mentions), {e.key: e.name for e in entities.entities}
        )
        quotes = [(s, e) for s, e, _ in quote_spans(text)]
        for chain in chains.values():
            keys = {m.key for m in people for s, e, _ in chain if m.start < e and s < m.end}
            for start, _, words in chain:
                if words.lower() not in PRONOUNS:
                    continue
                tally["pronouns"] += 1
                if not keys & {m.key for m in people if m.end <= start}:
                    tally["not_named_before"] += 1
                    continue
                tally["resolvable"] += 1
                shown = resolver.speaker(Span(start, start + len(words)), quotes)
                key = None if shown is None else shown.key
                outcome = "unresolved" if key is None else "right" if key in keys else "wrong"
                tally[outcome] += 1
    result: dict[str, float | int] = dict(tally)
    result["accuracy"] = (
        round(tally["right"] / tally["resolvable"], 4) if tally["resolvable"] else 0.0
    )
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ecb", type=Path, help="the ECB+ folder (topics as subfolders)")
    args = parser.parse_args(argv)
    result = evaluate(args.ecb)
    print_figures(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
