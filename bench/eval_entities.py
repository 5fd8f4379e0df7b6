"""Score the entity extractor on real annotated news, and time it.

    python -m bench.eval_entities --conll ../shared/eval/conll2003/eng.testa
    python -m bench.eval_entities --ecb ../shared/eval/ecbplus/ECB+
    python -m bench.eval_entities --speed [--articles DIR]
    python -m bench.eval_entities --conll FILE --spacy en_core_web_sm   # the comparison baseline

CoNLL-2003: each document is detokenised into plain text, one sentence per line, and predicted
mentions are scored as exact character spans. Typed mapping: any mention that ends in an
adjective suffix or opens with a lower-case prefix ("New York-based", "NATO-led", "post-Soviet")
-> MISC; person -> PER; the adjective of a table
entry (a demonym: "Russian", "Republican") -> MISC; organisation -> ORG, place -> LOC, group and
other -> MISC. "Prose" lines
are running text: at least 8 tokens, at least 3 lower-case words, under 25% numbers, not upper
case (the rest are sports tables, headlines and datelines).

ECB+: for people (HUMAN_PART_PER), places (LOC_*) and organisations (HUMAN_PART_ORG) annotated
with a cross-document instance, every pair of name mentions in two different documents of one
topic is a decision. `alias_pair_*` scores people and places (the figure kept since the first
version; a person-place pair counts there too); `people_pair_*`, `places_pair_*` and
`organisations_pair_*` score pairs of one kind, and `cross_kind_false_same` counts pairs of two
kinds (a person and an organisation) wrongly given one key. ECB+ marks
whole phrases ("a bank in Athens", "Tony Thompson, 37", "the northern city of Thessaloniki"), so
each mention is cut to its head phrase (`head_phrase`), and it is a name mention when the head
word is a name: capitalised, not a pronoun or article, never written in lower case in the
document, not a nationality word ("the 40-year-old American" is a description, like "the
boxer"), and capitalised inside running text somewhere in the topic ("Escapee" in a title-case
headline is not a name). "A bank in Athens" is a bank, not Athens, so it is no decision. The
system says "same" when the mentions it found in the two head phrases carry the same key after
`resolve_pair` on the two documents. Pairwise precision, recall and F1 of "same"; a gold
mention the extractor misses is never "same".

The figures are printed as JSON on the last line.
"""

from __future__ import annotations

import argparse
import itertools
import re
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from bench import print_figures
from reader.analysis.entities import (
    ArticleEntities,
    EntityType,
    Mention,
    analyse,
    extract_mentions,
    is_demonym,
    resolve_pair,
)
from reader.analysis.entities.lexicon import lexicon

NO_SPACE_BEFORE = {",", ".", ":", ";", "?", "!", ")", "]", "}", "%", "''", "'s", "n't", "'"}
NO_SPACE_AFTER = {"(", "[", "{", "$", "``"}
FUNCTION_WORDS = {
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "their",
    "its",
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "who",
    "him",
    "them",
}
# glued to the word before; other tokens opening with a quote ("'Kiki", "'the") are words
CONTRACTIONS = {"'s", "'m", "'d", "'re", "'ve", "'ll", "''"}
CONTRACTION = re.compile(r"['’](?:s|m|d|re|ve|ll)$")
ADJECTIVE = re.compile(r"-[a-z]+$")  # "New York-based", "Kurdish-controlled"


def detokenise(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Join tokens into a line of text; return it and each token's character span."""
    parts: list[str] = []
    spans = []
    pos = 0
    for i, token in enumerate(tokens):
        if (
            i
            and token not in NO_SPACE_BEFORE
            and token.lower() not in CONTRACTIONS
            and (tokens[i - 1] not in NO_SPACE_AFTER)
        ):
            parts.append(" ")
            pos += 1
        spans.append((pos, pos + len(token)))
        parts.append(token)
        pos += len(token)
    return "".join(parts), spans


# --- CoNLL-2003 ----------------------------------------------------------------------------------


def read_conll(path: Path) -> list[list[list[tuple[str, str]]]]:
    """Documents -> sentences -> (token, NER tag)."""
    docs: list[list[list[tuple[str, str]]]] = []
    sentence: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        cols = line.split()
        if not cols:
            if sentence:
                docs[-1].append(sentence) if docs else docs.append([sentence])
                sentence = []
            continue
        if cols[0] == "-DOCSTART-":
            docs.append([])
            continue
        sentence.append((cols[0], cols[-1]))
    return [d for d in docs if d]


def gold_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """IOB1 tags -> (first token, last token + 1, type)."""
    spans = []
    start: int | None = None
    kind = ""
    for i, tag in enumerate([*tags, "O"]):
        inside = tag != "O"
        label = tag[2:] if inside else ""
        if start is not None and (not inside or tag.startswith("B-") or label != kind):
            spans.append((start, i, kind))
            start, kind = None, ""
        if inside and start is None:
            start, kind = i, label
    return spans


def is_prose(tokens: list[str]) -> bool:
    """A line of running text rather than a table row, headline or dateline."""
    words = [t for t in tokens if t[0].isalpha()]
    lower = sum(1 for t in words if t[0].islower())
    numbers = sum(1 for t in tokens if any(c.isdigit() for c in t))
    letters = "".join(words)
    return (
        len(tokens) >= 8 and lower >= 3 and numbers < 0.25 * len(tokens) and not letters.isupper()
    )


def _prefixed(text: str) -> bool:
    """ "anti-Trump", "post-Soviet": a name after a lower-case adjective prefix."""
    head, _, rest = text.partition("-")
    return bool(rest) and head in lexicon().adjective_prefixes


def conll_label(mention: Mention) -> str:
    """The stated mapping from the reader's types to CoNLL labels: a mention ending in an
    adjective suffix ("NATO-led") and the adjective of a table entry ("Russian", "Republican")
    are MISC whatever their type, as CoNLL tags adjectives made from names."""
    if ADJECTIVE.search(mention.text) or _prefixed(mention.text):
        return "MISC"
    if mention.type is EntityType.PERSON:
        return "PER"
    if is_demonym(mention.text):
        return "MISC"
    if mention.type is EntityType.ORGANISATION:
        return "ORG"
    if mention.type is EntityType.PLACE:
        return "LOC"
    return "MISC"


def clean_span(text: str, start: int, end: int) -> tuple[int, int]:
    """CoNLL convention: no leading "the", no trailing "'s"."""
    if text[start : start + 4].lower() == "the ":
        start += 4
    if text[end - 2 : end] in ("'s", "’s"):
        end -= 2
    return start, end


def score(gold: set, pred: set) -> dict[str, float]:
    hit = len(gold & pred)
    p = hit / len(pred) if pred else 0.0
    r = hit / len(gold) if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def spacy_extractor(model: str) -> Callable[[str], list[Mention]]:
    """A spaCy pipeline (NER only) behind the reader's `extract_mentions` signature."""
    import spacy  # type: ignore[import-not-found]

    nlp = spacy.load(
        model, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]
    )
    types = {
        "PERSON": EntityType.PERSON,
        "ORG": EntityType.ORGANISATION,
        "GPE": EntityType.PLACE,
        "LOC": EntityType.PLACE,
        "FAC": EntityType.PLACE,
        "NORP": EntityType.GROUP,
        "EVENT": EntityType.OTHER,
        "WORK_OF_ART": EntityType.OTHER,
        "LAW": EntityType.OTHER,
        "PRODUCT": EntityType.OTHER,
        "LANGUAGE": EntityType.OTHER,
    }

    def extract(text: str) -> list[Mention]:
        return [
            Mention(e.start_char, e.end_char, e.text, types[e.label_], e.label_)
            for e in nlp(text).ents
            if e.label_ in types
        ]

    return extract


def eval_conll(
    path: Path, extract: Callable[[str], list[Mention]] = extract_mentions
) -> dict[str, float]:
    """The CoNLL figures of a file, with the extraction speed."""
    result, texts, n_tokens = score_conll(read_conll(path), extract)
    result["tokens_per_second"] = round(n_tokens / min(_timed(texts, extract) for _ in range(5)))
    return result


def score_conll(
    docs: list[list[list[tuple[str, str]]]], extract: Callable[[str], list[Mention]]
) -> tuple[dict[str, float], list[str], int]:
    """The CoNLL figures of documents (no timing), their texts and their number of tokens."""
    sets: dict[str, set] = defaultdict(set)  # gold/pred x all/prose x typed/untyped
    n_tokens = 0
    texts = []
    for d, doc in enumerate(docs):
        lines: list[str] = []
        offset = 0
        prose_ranges = []
        for sentence in doc:
            tokens = [t for t, _ in sentence]
            n_tokens += len(tokens)
            line, spans = detokenise(tokens)
            spans = [(a + offset, b + offset) for a, b in spans]
            for first, last, label in gold_spans([tag for _, tag in sentence]):
                item = (d, spans[first][0], spans[last - 1][1])
                for scope in ("all", "prose") if is_prose(tokens) else ("all",):
                    sets[f"gold_{scope}_untyped"].add(item)
                    sets[f"gold_{scope}_typed"].add((*item, label))
            if is_prose(tokens):
                prose_ranges.append((offset, offset + len(line)))
            lines.append(line)
            offset += len(line) + 1
        text = "\n".join(lines)
        texts.append(text)
        for m in extract(text):
            start, end = clean_span(text, m.start, m.end)
            item = (d, start, end)
            prose = any(a <= start < b for a, b in prose_ranges)
            for scope in ("all", "prose") if prose else ("all",):
                sets[f"pred_{scope}_untyped"].add(item)
                sets[f"pred_{scope}_typed"].add((*item, conll_label(m)))
    result: dict[str, float] = {}
    for scope, prefix in (("all", ""), ("prose", "prose_")):
        for kind in ("untyped", "typed"):
            s = score(sets[f"gold_{scope}_{kind}"], sets[f"pred_{scope}_{kind}"])
            for name, value in s.items():
                result[f"{prefix}{kind}_{name}"] = value
    per_type = {}
    for label in ("PER", "ORG", "LOC", "MISC"):
        gold = {g for g in sets["gold_prose_typed"] if g[3] == label}
        pred = {p for p in sets["pred_prose_typed"] if p[3] == label}
        per_type[f"prose_{label.lower()}_f1"] = score(gold, pred)["f1"]
    result.update(per_type)
    result["gold_entities"] = len(sets["gold_all_untyped"])
    result["gold_prose_entities"] = len(sets["gold_prose_untyped"])
    result["tokens"] = n_tokens
    return result, texts, n_tokens


def _timed(texts: list[str], extract: Callable[[str], list[Mention]]) -> float:
    """CPU seconds to extract the mentions of all texts (one core, tables already loaded)."""
    began = time.process_time()
    for text in texts:
        extract(text)
    return time.process_time() - began


# --- ECB+ ----------------------------------------------------------------------------------------

LEADING = {
    "in",
    "at",
    "to",
    "into",
    "on",
    "of",
    "from",
    "near",
    "outside",
    "inside",
    "across",
    "around",
    "through",
    "throughout",
    "within",
    "the",
    "a",
    "an",
    "his",
    "her",
    "their",
    "its",
}
CUT = {
    ",",
    "in",
    "at",
    "on",
    "near",
    "between",
    "outside",
    "from",
    "to",
    "into",
    "who",
    "which",
    "that",
    "where",
    "with",
    "by",
    "for",
}
# "the northern city of X", "her hometown of X": the class noun before "of" is X itself
CLASS_NOUNS = {
    "city",
    "town",
    "village",
    "island",
    "state",
    "province",
    "county",
    "region",
    "hometown",
    "borough",
    "district",
    "neighbourhood",
    "neighborhood",
    "suburb",
}


def head_phrase(words: list[str]) -> tuple[int, int]:
    """(first, last + 1) of the words of a mention that name it: no leading preposition or
    article, nothing after its head ("a bank in Athens" -> "a bank", head "bank"; "Tony Thompson,
    37" -> "Tony Thompson"; "Lohan 's father" -> "father"; "the city of Thessaloniki" ->
    "Thessaloniki"; "attorney, Shawn Holley" -> "Shawn Holley")."""
    first, n = 0, len(words)
    while first < n - 1 and words[first].lower() in LEADING:
        first += 1
    for i in range(first, n - 1):
        if words[i] in ("'s", "’s", "'"):  # a possessor: the head comes after it
            first = i + 1
    for i in range(first + 1, n - 1):
        if (
            words[i] == "of"
            and words[i - 1] in CLASS_NOUNS
            and all(w.islower() for w in words[first:i])
        ):
            first = i + 1
            while first < n - 1 and words[first].lower() in ("the", "a", "an"):
                first += 1
            break
    last = first + 1
    while (
        last < n
        and not (
            words[last] in CUT
            or (  # "Gulf of Aden" keeps its "of"
                words[last] == "of"
                and not (
                    words[last - 1][:1].isupper() and words[min(last + 1, n - 1)][:1].isupper()
                )
            )
        )
    ):
        last += 1
    if words[last - 1] == "." and last - 1 > first:
        last -= 1
    if last < n and words[last] == "," and not any(w[:1].isupper() for w in words[first:last]):
        rest_first, rest_last = head_phrase(words[last + 1 :])
        return last + 1 + rest_first, last + 1 + rest_last
    return first, last


def _headline(words: list[str]) -> bool:
    """A title-case line: most of its longer words capitalised."""
    long_words = [w for w in words if len(w) > 3 and w[0].isalpha()]
    return len(long_words) >= 3 and sum(w[0].isupper() for w in long_words) >= 0.75 * len(
        long_words
    )


def _sentences(path: Path) -> tuple[ET.Element, dict[int, list[tuple[str, str]]]]:
    root = ET.parse(path).getroot()
    sentences: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for token in root.iter("token"):
        sentences[int(token.get("sentence", ""))].append((token.get("t_id", ""), token.text or ""))
    return root, sentences


def capitalised_in_prose(paths: list[Path]) -> set[str]:
    """Words written with a capital inside a sentence of running text somewhere in a topic
    (not first in the sentence, not in a title-case line): names, not headline words."""
    out: set[str] = set()
    for path in paths:
        for tokens in _sentences(path)[1].values():
            words = [w for _, w in tokens]
            if not _headline(words):
                out.update(CONTRACTION.sub("", w) for w in words[1:] if w[:1].isupper())
    return out


class GoldMention(NamedTuple):
    """An ECB+ name mention: its head phrase's span, its cross-document instance and its kind
    ("per", "loc" or "org")."""

    start: int
    end: int
    instance: str
    kind: str


def _kind(tag: str) -> str | None:
    if tag == "HUMAN_PART_PER":
        return "per"
    if tag == "HUMAN_PART_ORG":
        return "org"
    return "loc" if tag.startswith("LOC") else None


def read_ecb(path: Path, prose_names: set[str] | None = None) -> tuple[str, list[GoldMention]]:
    """An ECB+ document: its text and its name mentions of people, places and organisations.

    The span returned is the mention's head phrase (`head_phrase`); a mention is a name mention
    when the last word of that phrase is a name: capitalised, not a pronoun or article, never
    written in lower case in the document, not a nationality word ("the American" is a
    description like "the boxer"), and, when `prose_names` is given, capitalised inside running
    text somewhere in the topic ("Escapee" in a title-case headline is not a name)."""
    root, sentences = _sentences(path)
    spans: dict[str, tuple[int, int]] = {}
    words: dict[str, str] = {}
    lines, offset = [], 0
    for number in sorted(sentences):
        ids = [t for t, _ in sentences[number]]
        line, token_spans = detokenise([w for _, w in sentences[number]])
        for t_id, (a, b), (_, w) in zip(ids, token_spans, sentences[number], strict=True):
            spans[t_id] = (a + offset, b + offset)
            words[t_id] = w
        lines.append(line)
        offset += len(line) + 1
    lower = {w for w in words.values() if w[:1].islower()}

    def is_name(word: str) -> bool:
        bare = CONTRACTION.sub("", word)
        return (
            bare[:1].isupper()
            and bare.lower() not in FUNCTION_WORDS
            and bare.lower() not in lower
            and not is_demonym(bare)
            and (prose_names is None or bare in prose_names)
        )

    markables = root.find("Markables")
    mentions: dict[str, tuple[str, list[str]]] = {}
    for element in markables if markables is not None else ():
        anchors = [a.get("t_id", "") for a in element.findall("token_anchor")]
        if anchors:
            mentions[element.get("m_id", "")] = (element.tag, anchors)
    out = []
    relations = root.find("Relations")
    for relation in relations if relations is not None else ():
        if relation.tag != "CROSS_DOC_COREF":
            continue
        instance = relation.get("note") or ""
        for source in relation.findall("source"):
            tag, anchors = mentions.get(source.get("m_id", ""), ("", []))
            kind = _kind(tag)
            if kind is None:
                continue
            first, last = head_phrase([words[t] for t in anchors])
            head = [words[t] for t in anchors[first:last] if words[t] not in ("Jr", "Sr", ".")]
            if not head or not is_name(head[-1]):
                continue
            start, end = spans[anchors[first]][0], spans[anchors[last - 1]][1]
            out.append(GoldMention(start, end, instance, kind))
    return "\n".join(lines), out


def system_key(entities: ArticleEntities, start: int, end: int) -> str | None:
    best, overlap = None, 0
    for m in entities.mentions:
        shared = min(end, m.end) - max(start, m.start)
        if shared > overlap:
            best, overlap = m.key, shared
    return best


def eval_ecb(root: Path) -> dict[str, float]:
    """Pairwise "same" precision/recall/F1 over people and places (`alias_pair_*`, the figure
    kept since the first version), and per kind: people, places, organisations."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # kind -> tp, fp, fn
    topics = sorted({p.parent for p in root.rglob("*.xml")})
    for topic in topics:
        docs = []
        files = sorted(topic.glob("*.xml"))
        prose_names = capitalised_in_prose(files)
        for file in files:
            text, gold = read_ecb(file, prose_names)
            if gold:
                docs.append((text, gold, analyse(text)))
        for (_, gold_a, ents_a), (_, gold_b, ents_b) in itertools.combinations(docs, 2):
            ra, rb = resolve_pair(ents_a, ents_b)
            keys_a = [system_key(ra, g.start, g.end) for g in gold_a]
            keys_b = [system_key(rb, g.start, g.end) for g in gold_b]
            for ga, ka in zip(gold_a, keys_a, strict=True):
                for gb, kb in zip(gold_b, keys_b, strict=True):
                    same = ka is not None and ka == kb
                    kind = "-".join(sorted({ga.kind, gb.kind}))  # "per", "loc-per", ...
                    tally = counts[kind]
                    if ga.instance == gb.instance:
                        tally[0] += same
                        tally[2] += not same
                    else:
                        tally[1] += same
    result: dict[str, float] = {}
    people_places = [sum(counts[k][i] for k in ("per", "loc", "loc-per")) for i in range(3)]
    _pair_scores(result, "alias_pair", people_places)
    result["gold_same_pairs"] = people_places[0] + people_places[2]
    result["topics"] = len(topics)
    for kind, name in (("per", "people"), ("loc", "places"), ("org", "organisations")):
        _pair_scores(result, f"{name}_pair", counts[kind])
        result[f"{name}_gold_same_pairs"] = counts[kind][0] + counts[kind][2]
    result["cross_kind_false_same"] = sum(c[1] for k, c in counts.items() if "-" in k)
    return result


def _pair_scores(result: dict[str, float], prefix: str, tally: list[int]) -> None:
    tp, fp, fn = tally
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    result[f"{prefix}_precision"] = round(p, 4)
    result[f"{prefix}_recall"] = round(r, 4)
    result[f"{prefix}_f1"] = round(2 * p * r / (p + r), 4) if p + r else 0.0


# --- speed ---------------------------------------------------------------------------------------


def eval_speed(articles: Path | None) -> dict[str, float | list[int]]:
    """CPU milliseconds to analyse two articles and resolve them (median of 20 uncached runs):
    the two longest articles of the corpus, and the longest one twice."""
    from reader.config import bundled_path
    from reader.corpus import load_corpus

    corpus = load_corpus(articles or bundled_path("articles"))
    longest = sorted((a.text for a in corpus.articles), key=len, reverse=True)[:2]
    result: dict[str, float | list[int]] = {"pair_chars": [len(t) for t in longest]}
    for name, (first, second) in (
        ("pair_ms", longest),
        ("pair_longest_twice_ms", (longest[0], longest[0])),
    ):
        runs = []
        for i in range(20):
            began = time.process_time()
            a = analyse(first, cache_key=f"{name}-a-{i}")
            b = analyse(second, cache_key=f"{name}-b-{i}")
            resolve_pair(a, b)
            runs.append(time.process_time() - began)
        result[name] = round(statistics.median(runs) * 1e3, 2)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.eval_entities",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--conll", type=Path, metavar="FILE", help="a CoNLL-2003 file")
    parser.add_argument("--ecb", type=Path, metavar="DIR", help="the ECB+ folder of topics")
    parser.add_argument("--speed", action="store_true", help="time two articles of a corpus")
    parser.add_argument("--articles", type=Path, metavar="DIR", help="corpus for --speed")
    parser.add_argument(
        "--spacy",
        metavar="MODEL",
        help="score an installed spaCy pipeline on --conll instead of the reader",
    )
    args = parser.parse_args(argv)
    if not (args.conll or args.ecb or args.speed):
        parser.error("give --conll FILE, --ecb DIR or --speed")
    result: dict[str, float | list[int]] = {}
    if args.conll:
        extract = spacy_extractor(args.spacy) if args.spacy else extract_mentions
        result.update(eval_conll(args.conll, extract))
    if args.ecb:
        result.update(eval_ecb(args.ecb))
    if args.speed:
        result.update(eval_speed(args.articles))
    print_figures(result, sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
