"""`match_quotes`: pair the quotes of two articles that are one statement, then find the
quotes one article carries that the other reports without quotation marks."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from reader.analysis.matching.align import best_sentences, grow, longest_run, make, reworded
from reader.analysis.matching.document import (
    Document,
    content,
    content_count,
    ordinary_count,
    phrase_content,
)
from reader.analysis.matching.model import (
    EXACT,
    MIN_RUN,
    MIN_SHARED,
    PARTIAL,
    REWORDED,
    UNQUOTED,
    Extent,
    QuoteMatch,
    same_speaker,
)
from reader.analysis.matching.split import split_matches
from reader.analysis.quotes import PHRASE, PHRASE_MAX_WORDS, Quote


def _pair(da: Document, i: int, db: Document, j: int) -> list[QuoteMatch]:
    """The matches between quote i of A and quote j of B (one per separately shared passage)."""
    qa, qb = da.quotes[i], db.quotes[j]
    ra, rb = da.quote_words[i], db.quote_words[j]
    if not ra or not rb:
        return []
    wa, wb = da.words[ra.start : ra.stop], db.words[rb.start : rb.stop]
    shorter = min(len(wa), len(wb))
    if shorter <= PHRASE_MAX_WORDS and not _may_share_phrase(qa, qb, shorter):
        return []  # 'radical Islam' said by two people about two things is no shared quote
    if wa == wb:  # the same words: a content word is enough ("sexist", "only hit")
        if not phrase_content(da, ra.start, ra.stop):
            return []
        return [make(da, qa, ra.start, ra.stop, db, qb, rb.start, rb.stop, EXACT)]
    # A whole quote inside the other counts when it says something: a phrase of two or three
    # words with two content words that are not a name, or a statement of four words or more.
    enough = 99 if shorter == 1 else 2 if shorter <= PHRASE_MAX_WORDS else 0
    blocks = longest_run(da, ra, db, rb)
    matches: list[QuoteMatch] = []
    covered: list[Extent] = []
    for block in blocks:
        lo_a = ra.start + block.a
        n_content = content_count(da, lo_a, lo_a + block.size)
        whole = block.size == shorter and (
            n_content >= enough
            if shorter > PHRASE_MAX_WORDS
            else phrase_content(da, lo_a, lo_a + block.size) >= enough
        )
        if not ((block.size >= MIN_RUN and n_content >= 1) or whole):
            continue
        if any(a0 <= block.a < a1 for a0, a1, _, _ in covered):
            continue
        extent = grow(blocks, block)
        covered.append(extent)
        a0, a1, b0, b1 = extent
        matches.append(
            make(
                da, qa, ra.start + a0, ra.start + a1, db, qb, rb.start + b0, rb.start + b1, PARTIAL
            )
        )
    if matches or PHRASE in (qa.kind, qb.kind):
        return matches
    found = best_sentences(da, qa, ra, db, qb, rb, REWORDED)
    return [found] if found else []


def _may_share_phrase(qa: Quote, qb: Quote, words: int) -> bool:
    """A phrase of two or three words is one quote in both articles only when the same speaker
    said it, or one article does not say who did; a single word only when both articles give it
    to the same speaker (one quoted word with nobody's name on a side is a term or a label,
    "sexist", "birthers", more often than a shared statement)."""
    if words == 1:
        return qa.speaker is not None and same_speaker(qa, qb)
    return qa.speaker is None or qb.speaker is None or same_speaker(qa, qb)


def _unquoted(
    quoted: Document,
    i: int,
    other: Document,
    index: dict[str, set[int]],
    runs: dict[tuple[str, ...], set[int]],
    pieces: list[range],
) -> Extent | None:
    """Where quote `i` of `quoted` appears without quotation marks in `other`, as word ranges
    (the quote's words, then the other article's):
    a run of MIN_RUN + 1 identical words (three of them ordinary content words, not names), or a
    reworded sentence that also shares three words in a row."""
    words = quoted.quote_words[i]
    if quoted.quotes[i].kind == PHRASE or len(words) < MIN_RUN:
        return None
    for sentence in quoted.sentences(words):
        counts: dict[int, int] = defaultdict(int)
        for stem in {s for s, _ in content(quoted, sentence)}:
            for p in index.get(stem, ()):
                counts[p] += 1
        verbatim = {p for key in _runs(quoted, sentence, MIN_RUN + 1) for p in runs.get(key, ())}
        for p in sorted(
            verbatim | {p for p, n in counts.items() if n >= MIN_SHARED},
            key=lambda p: -counts.get(p, 0),
        ):
            piece = pieces[p]
            blocks = longest_run(quoted, sentence, other, piece)
            if (
                blocks
                and blocks[0].size >= MIN_RUN + 1
                and ordinary_count(
                    quoted,
                    sentence.start + blocks[0].a,
                    sentence.start + blocks[0].a + blocks[0].size,
                )
                >= 3
            ):
                a0, a1, b0, b1 = grow(blocks, blocks[0])
                return Extent(
                    sentence.start + a0,
                    sentence.start + a1,
                    piece.start + b0,
                    piece.start + b1,
                )
            pairs = reworded(quoted, sentence, other, piece)
            if pairs and blocks and blocks[0].size >= 3:
                return Extent(
                    pairs[0][0],
                    pairs[-1][0] + 1,
                    min(q for _, q in pairs),
                    max(q for _, q in pairs) + 1,
                )
    return None


def _strength(match: QuoteMatch) -> int:
    """How many words the two wordings share."""
    return sum(len(a.split()) for op, a, _ in match.diff if op == "equal")


def _best_partners(matches: list[QuoteMatch]) -> list[QuoteMatch]:
    """Drop a weaker match whose passage in one article is already matched, more strongly, with
    another passage of the other: "we're the ones who" begins two sentences of one interview,
    and only the sentence that says the same thing is its partner.

    Only a match whose quote overlaps the weaker one's quote can hold its passage, so each
    match is weighed against those alone: near-linear in the number of matches, not quadratic.
    """
    strength = {id(m): _strength(m) for m in matches}
    rivals_a = _rivals(matches, lambda m: m.a)
    rivals_b = _rivals(matches, lambda m: m.b)
    kept = []
    for m in matches:
        if m.kind == EXACT or _has_phrase(m):
            kept.append(m)  # a phrase quoted from a longer statement is news in itself
            continue
        rivals = [*rivals_a[id(m)], *rivals_b[id(m)]]
        beaten = any(strength[id(o)] > strength[id(m)] and _holds(o, m) for o in rivals)
        if not beaten:
            kept.append(m)
    return kept


def _holds(o: QuoteMatch, m: QuoteMatch) -> bool:
    """True when `o` covers `m`'s passage in one article and another passage in the other."""
    in_a = o.a_start <= m.a_start and m.a_end <= o.a_end
    in_b = o.b_start <= m.b_start and m.b_end <= o.b_end
    apart_a = not (o.a_start < m.a_end and m.a_start < o.a_end)
    apart_b = not (o.b_start < m.b_end and m.b_start < o.b_end)
    return (in_a and apart_b) or (in_b and apart_a)


def _rivals(
    matches: list[QuoteMatch], side: Callable[[QuoteMatch], Quote | None]
) -> dict[int, list[QuoteMatch]]:
    """For each match (by id), the matches whose quote on `side` overlaps its quote there."""
    by_quote: dict[tuple[int, int], list[QuoteMatch]] = defaultdict(list)
    for m in matches:
        quote = side(m)
        assert quote is not None  # matches between quotes
        by_quote[(quote.start, quote.end)].append(m)
    spans = sorted(by_quote)
    overlapping: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for index, (start, end) in enumerate(spans):
        for other in spans[index:]:
            if other[0] >= end:
                break
            overlapping[(start, end)].append(other)
            if other != (start, end):
                overlapping[other].append((start, end))
    rivals: dict[int, list[QuoteMatch]] = {}
    for span, members in by_quote.items():
        near = [o for other in overlapping[span] for o in by_quote[other]]
        for m in members:
            rivals[id(m)] = near
    return rivals


def _has_phrase(match: QuoteMatch) -> bool:
    """True when one of the two quotes of a match between quotes is a phrase."""
    assert match.a is not None and match.b is not None  # both articles quote it
    return PHRASE in (match.a.kind, match.b.kind)


def _runs(doc: Document, words: range, n: int) -> set[tuple[str, ...]]:
    """Every run of n words of a range."""
    return {tuple(doc.words[k : k + n]) for k in range(words.start, words.stop - n + 1)}


def _run_index(doc: Document, ranges: list[range], n: int) -> dict[tuple[str, ...], set[int]]:
    """Every run of n words -> the ranges it occurs in."""
    index: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for number, words in enumerate(ranges):
        for key in _runs(doc, words, n):
            index[key].add(number)
    return index


def _stem_index(doc: Document, ranges: list[range]) -> dict[str, set[int]]:
    """Every content word's stem -> the ranges it occurs in."""
    index: dict[str, set[int]] = defaultdict(set)
    for n, words in enumerate(ranges):
        for stem, _ in content(doc, words):
            index[stem].add(n)
    return index


MAX_PARTNERS = 24
"""The most quotes of B one quote of A is aligned with (those sharing most content words): real
articles never come near it, and it keeps matching linear in the number of quotes when
hundreds of quotes are alike."""


def match_quotes(
    text_a: str, quotes_a: list[Quote], text_b: str, quotes_b: list[Quote]
) -> list[QuoteMatch]:
    """The statements two articles share, in A's order, then those only B quotes.

    `quotes_a`/`quotes_b` come from `reader.analysis.quotes.extract_quotes` on the same cleaned
    texts.
    """
    da, db = Document(text_a, quotes_a), Document(text_b, quotes_b)
    index_b = _stem_index(db, db.quote_words)
    runs_b = _run_index(db, db.quote_words, MIN_RUN)
    spelled_b = [f" {' '.join(db.words[w.start : w.stop])} " for w in db.quote_words]
    short_b = [j for j, words in enumerate(db.quote_words) if len(words) < MIN_RUN]
    matches: list[QuoteMatch] = []
    matched_a: set[int] = set()
    matched_b: set[int] = set()
    for i, words in enumerate(da.quote_words):
        # Worth aligning: quotes that share a run of MIN_RUN words, enough content words to be
        # reworded, or that contain the other whole when one is too short for a run.
        shared: dict[int, int] = defaultdict(int)
        for stem in {s for s, _ in content(da, words)}:
            for j in index_b.get(stem, ()):
                shared[j] += 1
        candidates = {j for j, n in shared.items() if n >= MIN_SHARED}
        candidates |= {j for key in _runs(da, words, MIN_RUN) for j in runs_b.get(key, ())}
        spelled = f" {' '.join(da.words[words.start : words.stop])} "
        if len(words) < MIN_RUN:
            candidates |= {j for j, t in enumerate(spelled_b) if spelled in t}
        candidates |= {j for j in short_b if spelled_b[j] in spelled}
        if len(candidates) > MAX_PARTNERS:  # quotes alike by the hundred: the closest only
            ranked = sorted(candidates, key=lambda j: (-shared.get(j, 0), j))
            candidates = set(ranked[:MAX_PARTNERS])
        for j in sorted(candidates):
            found = _pair(da, i, db, j)
            matches.extend(found)
            if any(not _has_phrase(m) for m in found):
                matched_a.add(i)
                matched_b.add(j)
    matches += _new_split_matches(matches, split_matches(da, db, flip=False))
    matches += _new_split_matches(matches, split_matches(db, da, flip=True))
    matches = _best_partners(matches)
    matches += _unquoted_matches(da, db, matched_a, matched_b)
    matches.sort(key=lambda m: (m.a is None, m.a_start, m.b_start))
    return matches


def _new_split_matches(matches: list[QuoteMatch], split: list[QuoteMatch]) -> list[QuoteMatch]:
    """The matches across a split quote whose passages no match found already overlaps."""
    return [
        m
        for m in split
        if not any(
            o.a_start < m.a_end
            and m.a_start < o.a_end
            and o.b_start < m.b_end
            and m.b_start < o.b_end
            for o in matches
        )
    ]


def _unquoted_matches(
    da: Document, db: Document, matched_a: set[int], matched_b: set[int]
) -> list[QuoteMatch]:
    """The quotes of each article, matched with no quote of the other, that the other carries
    without quotation marks."""
    matches: list[QuoteMatch] = []
    for quoted, other, done, flip in ((da, db, matched_a, False), (db, da, matched_b, True)):
        pieces = other.unquoted_sentences()
        index = _stem_index(other, pieces)
        runs = _run_index(other, pieces, MIN_RUN + 1)
        for i in range(len(quoted.quotes)):
            if i in done:
                continue
            extent = _unquoted(quoted, i, other, index, runs, pieces)
            if extent is None:
                continue
            lo_q, hi_q, lo_o, hi_o = extent
            if flip:
                matches.append(
                    make(da, None, lo_o, hi_o, db, quoted.quotes[i], lo_q, hi_q, UNQUOTED)
                )
            else:
                matches.append(
                    make(da, quoted.quotes[i], lo_q, hi_q, db, None, lo_o, hi_o, UNQUOTED)
                )
    return matches
