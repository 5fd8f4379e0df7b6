"""Which quoted statements two articles share, and how their wordings differ.

`match_quotes` pairs the quotes of article A with those of article B when they are the same
statement:

- **exact**: the same words after folding case, punctuation, quotation marks, spacing and
  British/American spelling (-ise/-ize), with at least one content word;
- **partial**: both quote the same run of at least five words with a content word in it (one
  quotes part of the other's quote), or one whole quote appears inside the other (a statement
  of four words or more, or a phrase of two or three words with two content words);
- **reworded**: another wording or translation of one sentence: at least four content words
  shared in the same order, covering at least half of the shorter sentence's content words;
- **unquoted**: a statement one article quotes appears in the other without quotation marks
  (reported speech or paraphrase), by the same tests against the other article's unquoted text.

Function words and the commonest words of reported speech never count as shared content, so
common phrases ("the United States", "we will") alone never make a match.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher

from reader.config import load_table, table_cache
from reader.quotes import PHRASE, PHRASE_MAX_WORDS, Quote

EXACT, PARTIAL, REWORDED, UNQUOTED = "exact", "partial", "reworded", "unquoted"
MIN_RUN = 5  # words of identical wording that make a partial quote
MIN_SHARED = 4  # content words a reworded sentence shares, in order
MIN_COVER = 0.5  # ... as a share of the shorter sentence's content words
MAX_GAP = 6  # words between two aligned pieces of one matched range


@dataclass(frozen=True)
class QuoteMatch:
    """One statement both articles carry.

    `a` and `b` are the quotes (`a` is None when B's quote appears unquoted in A, `b` when A's
    quote appears unquoted in B). `a_start`/`a_end` and `b_start`/`b_end` are the matched ranges
    in each text: the part of each wording that corresponds to the other. `similarity` (0..1)
    compares the two matched wordings word by word (1.0: identical after normalising). `kind` is
    "exact", "partial", "reworded" or "unquoted". `diff` is the word-level difference of the two
    matched wordings: (op, a_words, b_words) with op "equal", "replace", "delete" (words only
    in A) or "insert" (words only in B), the words as printed, joined by spaces.
    """

    a: Quote | None
    b: Quote | None
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    similarity: float
    kind: str
    diff: tuple[tuple[str, str, str], ...]


@table_cache
def _stopwords() -> frozenset[str]:
    return frozenset(str(w).lower() for w in load_table("quote_matching").get("stopwords") or ())


@table_cache
def _forms() -> dict[str, tuple[str, str | None]]:
    """Memo of word -> (normal form, stem or None for function words)."""
    return {}


def _word_forms(word: str) -> tuple[str, str | None]:
    memo = _forms()
    found = memo.get(word)
    if found is None:
        normal = _normal(word)
        content = normal not in _stopwords() and not normal.isdigit() and len(normal) > 1
        found = memo[word] = (normal, _stem(normal) if content else None)
    return found


_WORD = re.compile(r"[^\W_]+(?:[’'][^\W_]+)*")
_BOUNDARY = re.compile(r"[.!?;:\n]")
_QUOTE_OPENING = re.compile(r"[\"“‘'«„]")
_SPELLING = re.compile(r"(?<=\w{3})is(e|ed|es|ing|ation|ations)$")


def _normal(word: str) -> str:
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    return _SPELLING.sub(r"iz\1", word)


def _stem(word: str) -> str:
    for suffix in ("ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


class _Doc:
    """One article's words with offsets, sentence numbers and the quote each lies in."""

    def __init__(self, text: str, quotes: list[Quote]):
        self.text = text
        self.quotes = quotes
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.words: list[str] = []
        self.stems: list[str | None] = []  # None for stopwords and numbers
        self.sentence: list[int] = []
        self.inside: list[int] = []  # index of the quote a word lies in, or -1
        bounds = [q.start for q in quotes]
        sentence, last_end = 0, 0
        for m in _WORD.finditer(text):
            if _BOUNDARY.search(text, last_end, m.start()):
                sentence += 1
            last_end = m.end()
            word, stem = _word_forms(m.group())
            self.starts.append(m.start())
            self.ends.append(m.end())
            self.words.append(word)
            self.stems.append(stem)
            self.sentence.append(sentence)
            q = bisect_right(bounds, m.start()) - 1
            self.inside.append(q if q >= 0 and m.end() <= quotes[q].end else -1)
        self.quote_words: list[range] = []
        for q in quotes:
            lo = bisect_right(self.starts, q.start - 1)
            hi = bisect_right(self.starts, q.end - 1)
            self.quote_words.append(range(lo, hi))

    def is_name(self, i: int) -> bool:
        """True for a capitalised word that does not open its sentence: part of a name."""
        return (
            self.text[self.starts[i]].isupper()
            and i > 0
            and self.sentence[i] == self.sentence[i - 1]
            and not _QUOTE_OPENING.search(self.text, self.ends[i - 1], self.starts[i])
        )

    def span(self, lo: int, hi: int) -> tuple[int, int]:
        """Character range of words lo..hi-1."""
        return self.starts[lo], self.ends[hi - 1]

    def printed(self, lo: int, hi: int) -> str:
        return " ".join(self.text[self.starts[i] : self.ends[i]] for i in range(lo, hi))

    def sentences(self, words: range) -> list[range]:
        """`words` cut at sentence ends."""
        pieces: list[range] = []
        start = words.start
        for i in words:
            if i > start and self.sentence[i] != self.sentence[i - 1]:
                pieces.append(range(start, i))
                start = i
        if start < words.stop:
            pieces.append(range(start, words.stop))
        return pieces

    def unquoted_sentences(self) -> list[range]:
        """Runs of words outside statements (quoted phrases stay in), cut at sentence ends."""
        pieces: list[range] = []
        start = None
        for i in range(len(self.words) + 1):
            outside = i < len(self.words) and (
                self.inside[i] < 0 or self.quotes[self.inside[i]].kind == PHRASE
            )
            if outside and start is not None and self.sentence[i] != self.sentence[i - 1]:
                pieces.append(range(start, i))
                start = i
            elif outside and start is None:
                start = i
            elif not outside and start is not None:
                pieces.append(range(start, i))
                start = None
        return pieces


def _content(doc: _Doc, words: range) -> list[tuple[str, int]]:
    return [(doc.stems[i], i) for i in words if doc.stems[i] is not None]


def _aligned_content(da: _Doc, ra: range, db: _Doc, rb: range) -> list[tuple[int, int]]:
    """Content words the two ranges share in the same order: (word in A, word in B) pairs."""
    ca, cb = _content(da, ra), _content(db, rb)
    matcher = SequenceMatcher(None, [s for s, _ in ca], [s for s, _ in cb], autojunk=False)
    return [
        (ca[blk.a + k][1], cb[blk.b + k][1])
        for blk in matcher.get_matching_blocks()
        for k in range(blk.size)
    ]


def _reworded(
    da: _Doc, ra: range, db: _Doc, rb: range, *, shared: int = MIN_SHARED, cover: float = MIN_COVER
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
    na, nb = len(_content(da, ra)), len(_content(db, rb))
    return pairs if len(pairs) >= cover * min(na, nb) else None


def _diff(da: _Doc, lo_a: int, hi_a: int, db: _Doc, lo_b: int, hi_b: int):
    matcher = SequenceMatcher(None, da.words[lo_a:hi_a], db.words[lo_b:hi_b], autojunk=False)
    diff = tuple(
        (op, da.printed(lo_a + i1, lo_a + i2), db.printed(lo_b + j1, lo_b + j2))
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
    )
    return matcher.ratio(), diff


def _make(
    da: _Doc,
    qa: Quote | None,
    lo_a: int,
    hi_a: int,
    db: _Doc,
    qb: Quote | None,
    lo_b: int,
    hi_b: int,
    kind: str,
) -> QuoteMatch:
    similarity, diff = _diff(da, lo_a, hi_a, db, lo_b, hi_b)
    a_start, a_end = da.span(lo_a, hi_a)
    b_start, b_end = db.span(lo_b, hi_b)
    if kind == EXACT and qa is not None and qb is not None:
        a_start, a_end, b_start, b_end = qa.start, qa.end, qb.start, qb.end
    return QuoteMatch(qa, qb, a_start, a_end, b_start, b_end, round(similarity, 3), kind, diff)


def _longest_run(da: _Doc, ra: range, db: _Doc, rb: range):
    """Matching blocks of identical wording between two word ranges, longest first."""
    matcher = SequenceMatcher(
        None, da.words[ra.start : ra.stop], db.words[rb.start : rb.stop], autojunk=False
    )
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    return sorted(blocks, key=lambda b: -b.size)


def _grow(blocks, seed) -> tuple[int, int, int, int]:
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
    return lo_a, hi_a, lo_b, hi_b


def _content_count(doc: _Doc, lo: int, hi: int) -> int:
    return sum(doc.stems[i] is not None for i in range(lo, hi))


def _ordinary_count(doc: _Doc, lo: int, hi: int) -> int:
    """Content words that are not part of a name."""
    return sum(doc.stems[i] is not None and not doc.is_name(i) for i in range(lo, hi))


def _phrase_content(doc: _Doc, lo: int, hi: int) -> int:
    """Content words of a short quote, names and titles not counted ("the United States",
    "Face the Nation")."""
    capitalised = [doc.text[doc.starts[i]].isupper() for i in range(lo, hi)]
    title = any(capitalised[1:])  # the first word is a name too when a later one is
    return sum(
        doc.stems[i] is not None and not (capitalised[i - lo] and (i > lo or title))
        for i in range(lo, hi)
    )


def _pair(da: _Doc, i: int, db: _Doc, j: int) -> list[QuoteMatch]:
    """The matches between quote i of A and quote j of B (one per separately shared passage)."""
    qa, qb = da.quotes[i], db.quotes[j]
    ra, rb = da.quote_words[i], db.quote_words[j]
    if not ra or not rb:
        return []
    wa, wb = da.words[ra.start : ra.stop], db.words[rb.start : rb.stop]
    shorter = min(len(wa), len(wb))
    if wa == wb:  # the same words: a content word is enough ("sexist", "only hit")
        if not _phrase_content(da, ra.start, ra.stop):
            return []
        return [_make(da, qa, ra.start, ra.stop, db, qb, rb.start, rb.stop, EXACT)]
    # A whole quote inside the other counts when it says something: a phrase of two or three
    # words with two content words that are not a name, or a statement of four words or more.
    enough = 99 if shorter == 1 else 2 if shorter <= PHRASE_MAX_WORDS else 0
    blocks = _longest_run(da, ra, db, rb)
    matches, covered = [], []
    for block in blocks:
        lo_a = ra.start + block.a
        content = _content_count(da, lo_a, lo_a + block.size)
        whole = block.size == shorter and (
            content >= enough
            if shorter > PHRASE_MAX_WORDS
            else _phrase_content(da, lo_a, lo_a + block.size) >= enough
        )
        if not ((block.size >= MIN_RUN and content >= 1) or whole):
            continue
        if any(a0 <= block.a < a1 for a0, a1, _, _ in covered):
            continue
        extent = _grow(blocks, block)
        covered.append(extent)
        a0, a1, b0, b1 = extent
        matches.append(
            _make(
                da, qa, ra.start + a0, ra.start + a1, db, qb, rb.start + b0, rb.start + b1, PARTIAL
            )
        )
    if matches or PHRASE in (qa.kind, qb.kind):
        return matches
    found = _best_sentences(da, qa, ra, db, qb, rb, REWORDED)
    return [found] if found else []


def _best_sentences(
    da: _Doc,
    qa: Quote | None,
    ra: range,
    db: _Doc,
    qb: Quote | None,
    rb: range,
    kind: str,
    **limits,
) -> QuoteMatch | None:
    """The sentence pair of the two ranges that says the same thing in the most shared words."""
    best = None
    shared = limits.get("shared", MIN_SHARED)
    sentences_b = [(sb, {s for s, _ in _content(db, sb)}) for sb in db.sentences(rb)]
    for sa in da.sentences(ra):
        stems_a = {s for s, _ in _content(da, sa)}
        for sb, stems_b in sentences_b:
            if len(stems_a & stems_b) < shared:
                continue
            pairs = _reworded(da, sa, db, sb, **limits)
            if pairs and (best is None or len(pairs) > len(best)):
                best = pairs
    if best is None:
        return None
    lo_a, hi_a = best[0][0], best[-1][0] + 1
    lo_b, hi_b = min(p[1] for p in best), max(p[1] for p in best) + 1
    if qa is not None and qb is not None:  # two quotes: show their whole sentences
        lo_a, hi_a = _sentence_of(da, ra, lo_a, hi_a)
        lo_b, hi_b = _sentence_of(db, rb, lo_b, hi_b)
    return _make(da, qa, lo_a, hi_a, db, qb, lo_b, hi_b, kind)


def _sentence_of(doc: _Doc, words: range, lo: int, hi: int) -> tuple[int, int]:
    first, last = doc.sentence[lo], doc.sentence[hi - 1]
    lo = min(i for i in words if doc.sentence[i] == first)
    hi = max(i for i in words if doc.sentence[i] == last) + 1
    return lo, hi


def _unquoted(
    quoted: _Doc,
    i: int,
    other: _Doc,
    index: dict[str, set[int]],
    runs: dict[tuple[str, ...], set[int]],
    pieces: list[range],
) -> tuple[int, int, int, int] | None:
    """Where quote `i` of `quoted` appears without quotation marks in `other`, as word ranges:
    a run of MIN_RUN + 1 identical words (three of them ordinary content words, not names), or a
    reworded sentence that also shares three words in a row."""
    words = quoted.quote_words[i]
    if quoted.quotes[i].kind == PHRASE or len(words) < MIN_RUN:
        return None
    for sentence in quoted.sentences(words):
        counts: dict[int, int] = defaultdict(int)
        for stem in {s for s, _ in _content(quoted, sentence)}:
            for p in index.get(stem, ()):
                counts[p] += 1
        verbatim = {p for key in _runs(quoted, sentence, MIN_RUN + 1) for p in runs.get(key, ())}
        for p in sorted(
            verbatim | {p for p, n in counts.items() if n >= MIN_SHARED},
            key=lambda p: -counts.get(p, 0),
        ):
            piece = pieces[p]
            blocks = _longest_run(quoted, sentence, other, piece)
            if (
                blocks
                and blocks[0].size >= MIN_RUN + 1
                and _ordinary_count(
                    quoted,
                    sentence.start + blocks[0].a,
                    sentence.start + blocks[0].a + blocks[0].size,
                )
                >= 3
            ):
                a0, a1, b0, b1 = _grow(blocks, blocks[0])
                return (
                    sentence.start + a0,
                    sentence.start + a1,
                    piece.start + b0,
                    piece.start + b1,
                )
            pairs = _reworded(quoted, sentence, other, piece)
            if pairs and blocks and blocks[0].size >= 3:
                return (
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
    and only the sentence that says the same thing is its partner."""
    kept = []
    for m in matches:
        if m.kind == EXACT or PHRASE in (m.a.kind, m.b.kind):
            kept.append(m)  # a phrase quoted from a longer statement is news in itself
            continue
        beaten = any(
            _strength(o) > _strength(m)
            and (
                (
                    o.a_start <= m.a_start
                    and m.a_end <= o.a_end
                    and not (o.b_start < m.b_end and m.b_start < o.b_end)
                )
                or (
                    o.b_start <= m.b_start
                    and m.b_end <= o.b_end
                    and not (o.a_start < m.a_end and m.a_start < o.a_end)
                )
            )
            for o in matches
        )
        if not beaten:
            kept.append(m)
    return kept


def _runs(doc: _Doc, words: range, n: int) -> set[tuple[str, ...]]:
    return {tuple(doc.words[k : k + n]) for k in range(words.start, words.stop - n + 1)}


def _run_index(doc: _Doc, ranges: list[range], n: int) -> dict[tuple[str, ...], set[int]]:
    """Every run of n words -> the ranges it occurs in."""
    index: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for number, words in enumerate(ranges):
        for key in _runs(doc, words, n):
            index[key].add(number)
    return index


def _stem_index(doc: _Doc, ranges: list[range]) -> dict[str, set[int]]:
    index: dict[str, set[int]] = defaultdict(set)
    for n, words in enumerate(ranges):
        for stem, _ in _content(doc, words):
            index[stem].add(n)
    return index


def match_quotes(
    text_a: str, quotes_a: list[Quote], text_b: str, quotes_b: list[Quote]
) -> list[QuoteMatch]:
    """The statements two articles share, in A's order, then those only B quotes.

    `quotes_a`/`quotes_b` come from `reader.quotes.extract_quotes` on the same cleaned texts.
    """
    da, db = _Doc(text_a, quotes_a), _Doc(text_b, quotes_b)
    index_b = _stem_index(db, db.quote_words)
    runs_b = _run_index(db, db.quote_words, MIN_RUN)
    text_b = [f" {' '.join(db.words[w.start : w.stop])} " for w in db.quote_words]
    short_b = [j for j, words in enumerate(db.quote_words) if len(words) < MIN_RUN]
    matches: list[QuoteMatch] = []
    matched_a: set[int] = set()
    matched_b: set[int] = set()
    for i, words in enumerate(da.quote_words):
        # Worth aligning: quotes that share a run of MIN_RUN words, enough content words to be
        # reworded, or that contain the other whole when one is too short for a run.
        shared: dict[int, int] = defaultdict(int)
        for stem in {s for s, _ in _content(da, words)}:
            for j in index_b.get(stem, ()):
                shared[j] += 1
        candidates = {j for j, n in shared.items() if n >= MIN_SHARED}
        candidates |= {j for key in _runs(da, words, MIN_RUN) for j in runs_b.get(key, ())}
        spelled = f" {' '.join(da.words[words.start : words.stop])} "
        if len(words) < MIN_RUN:
            candidates |= {j for j, t in enumerate(text_b) if spelled in t}
        candidates |= {j for j in short_b if text_b[j] in spelled}
        for j in sorted(candidates):
            found = _pair(da, i, db, j)
            matches.extend(found)
            if any(PHRASE not in (m.a.kind, m.b.kind) for m in found):
                matched_a.add(i)
                matched_b.add(j)
    matches = _best_partners(matches)
    for quoted, other, done, flip in ((da, db, matched_a, False), (db, da, matched_b, True)):
        pieces = other.unquoted_sentences()
        index = _stem_index(other, pieces)
        runs = _run_index(other, pieces, MIN_RUN + 1)
        for i in range(len(quoted.quotes)):
            if i in done:
                continue
            found = _unquoted(quoted, i, other, index, runs, pieces)
            if found is None:
                continue
            lo_q, hi_q, lo_o, hi_o = found
            if flip:
                matches.append(
                    _make(da, None, lo_o, hi_o, db, quoted.quotes[i], lo_q, hi_q, UNQUOTED)
                )
            else:
                matches.append(
                    _make(da, quoted.quotes[i], lo_q, hi_q, db, None, lo_o, hi_o, UNQUOTED)
                )
    matches.sort(key=lambda m: (m.a is None, m.a_start, m.b_start))
    return matches
