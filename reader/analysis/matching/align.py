"""Aligning two wordings: runs of identical words, content words shared in order, the
word-level difference, and the `QuoteMatch` built from two aligned ranges."""

from __future__ import annotations

from difflib import Match, SequenceMatcher

from reader.analysis.matching.document import Document, content
from reader.analysis.matching.model import EXACT, MAX_GAP, MIN_COVER, MIN_SHARED, Extent, QuoteMatch
from reader.analysis.quotes import Quote


def _aligned_content(da: Document, ra: range, db: Document, rb: range) -> list[tuple[int, int]]:
    """Content words the two ranges share in the same order: (word in A, word in B) pairs."""
    ca, cb = content(da, ra), content(db, rb)
    matcher = SequenceMatcher(None, [s for s, _ in ca], [s for s, _ in cb], autojunk=False)
    return [
        (ca[blk.a + k][1], cb[blk.b + k][1])
        for blk in matcher.get_matching_blocks()
        for k in range(blk.size)
    ]


def reworded(
    da: Document,
    ra: range,
    db: Document,
    rb: range,
    *,
    shared: int = MIN_SHARED,
    cover: float = MIN_COVER,
) -> list[tuple[int, int]] | None:
    """The aligned content words when two sentences say the same in other words, else None."""
    pairs = _aligned_content(da, ra, db, rb)
    if len(pairs) < shared:
        return None
    # Names are what two statements on one story share anyway ("AARP", "Social Security"):
    # most of the shared words must be ordinary words.
    ordinary = sum(not (da.is_name(i) or db.is_name(j)) for i, j in pairs)
    if ordinary < shared - 1:
        return None
    na, nb = len(content(da, ra)), len(content(db, rb))
    return pairs if len(pairs) >= cover * min(na, nb) else None


def _diff(
    da: Document, lo_a: int, hi_a: int, db: Document, lo_b: int, hi_b: int
) -> tuple[float, tuple[tuple[str, str, str], ...]]:
    """How alike two word ranges are (0..1), and their word-level difference."""
    matcher = SequenceMatcher(None, da.words[lo_a:hi_a], db.words[lo_b:hi_b], autojunk=False)
    diff = tuple(
        (op, da.printed(lo_a + i1, lo_a + i2), db.printed(lo_b + j1, lo_b + j2))
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
    )
    return matcher.ratio(), diff


def make(
    da: Document,
    qa: Quote | None,
    lo_a: int,
    hi_a: int,
    db: Document,
    qb: Quote | None,
    lo_b: int,
    hi_b: int,
    kind: str,
) -> QuoteMatch:
    """The match of words lo_a..hi_a-1 of A and lo_b..hi_b-1 of B (exact: the whole quotes)."""
    similarity, diff = _diff(da, lo_a, hi_a, db, lo_b, hi_b)
    a_start, a_end = da.span(lo_a, hi_a)
    b_start, b_end = db.span(lo_b, hi_b)
    if kind == EXACT and qa is not None and qb is not None:
        a_start, a_end, b_start, b_end = qa.start, qa.end, qb.start, qb.end
    return QuoteMatch(qa, qb, a_start, a_end, b_start, b_end, round(similarity, 3), kind, diff)


def longest_run(da: Document, ra: range, db: Document, rb: range) -> list[Match]:
    """Matching blocks of identical wording between two word ranges, longest first."""
    matcher = SequenceMatcher(
        None, da.words[ra.start : ra.stop], db.words[rb.start : rb.stop], autojunk=False
    )
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    return sorted(blocks, key=lambda b: -b.size)


def grow(blocks: list[Match], seed: Match) -> Extent:
    """The extent of the aligned blocks chained to `seed` with small gaps on both sides."""
    lo_a, hi_a, lo_b, hi_b = seed.a, seed.a + seed.size, seed.b, seed.b + seed.size
    changed = True
    while changed:
        changed = False
        for b in blocks:
            if b.size < 2 or (lo_a <= b.a < hi_a):
                continue
            after = 0 <= b.a - hi_a <= MAX_GAP and 0 <= b.b - hi_b <= MAX_GAP
            before = 0 <= lo_a - (b.a + b.size) <= MAX_GAP and 0 <= lo_b - (b.b + b.size) <= MAX_GAP
            if after:
                hi_a, hi_b, changed = b.a + b.size, b.b + b.size, True
            elif before:
                lo_a, lo_b, changed = b.a, b.b, True
    return Extent(lo_a, hi_a, lo_b, hi_b)


def best_sentences(
    da: Document,
    qa: Quote | None,
    ra: range,
    db: Document,
    qb: Quote | None,
    rb: range,
    kind: str,
) -> QuoteMatch | None:
    """The sentence pair of the two ranges that says the same thing in the most shared words."""
    best: list[tuple[int, int]] | None = None
    sentences_b = [(sb, {s for s, _ in content(db, sb)}) for sb in db.sentences(rb)]
    for sa in da.sentences(ra):
        stems_a = {s for s, _ in content(da, sa)}
        for sb, stems_b in sentences_b:
            if len(stems_a & stems_b) < MIN_SHARED:
                continue
            pairs = reworded(da, sa, db, sb)
            if pairs and (best is None or len(pairs) > len(best)):
                best = pairs
    if best is None:
        return None
    lo_a, hi_a = best[0][0], best[-1][0] + 1
    lo_b, hi_b = min(p[1] for p in best), max(p[1] for p in best) + 1
    if qa is not None and qb is not None:  # two quotes: show their whole sentences
        lo_a, hi_a = _sentence_of(da, ra, lo_a, hi_a)
        lo_b, hi_b = _sentence_of(db, rb, lo_b, hi_b)
    return make(da, qa, lo_a, hi_a, db, qb, lo_b, hi_b, kind)


def _sentence_of(doc: Document, words: range, lo: int, hi: int) -> tuple[int, int]:
    first, last = doc.sentence[lo], doc.sentence[hi - 1]
    lo = min(i for i in words if doc.sentence[i] == first)
    hi = max(i for i in words if doc.sentence[i] == last) + 1
    return lo, hi
