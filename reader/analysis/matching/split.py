"""Quotes one article splits around their attribution ('“Actually, I don't,” the president
replied, “and that's why we're here.”'), matched as one against the other article's quote: each
half may share fewer words with it than a partial quote needs, the two together more."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from reader.analysis.matching.align import make
from reader.analysis.matching.document import Document, content_count
from reader.analysis.matching.model import MIN_RUN, PARTIAL, QuoteMatch, same_speaker

_GAP_LIMIT = 80  # characters of attribution between the two halves
_SENTENCE_END = re.compile(r"[.!?]\s|\n")


def split_pairs(doc: Document) -> list[int]:
    """Indices k of the quotes whose quote k + 1 continues them after an attribution: the first
    half ends in a comma, the gap is one clause of the same sentence, the second half opens in
    lower case, and both have one speaker."""
    found = []
    for k in range(len(doc.quotes) - 1):
        first, second = doc.quotes[k], doc.quotes[k + 1]
        gap = doc.text[first.end : second.start]
        printed = doc.text[first.start : first.end].rstrip("\"”’' ")
        if printed.endswith(",") and (
            len(gap) <= _GAP_LIMIT
            and not _SENTENCE_END.search(gap)
            and second.text[:1].islower()
            and first.speaker is not None
            and same_speaker(first, second)
        ):
            found.append(k)
    return found


def split_matches(whole: Document, parts: Document, flip: bool) -> list[QuoteMatch]:
    """Matches of `whole`'s quotes with the two halves of each quote `parts` splits: a run of
    MIN_RUN identical words that crosses from one half into the other. `flip`: `parts` is
    article A."""
    matches: list[QuoteMatch] = []
    pairs = split_pairs(parts)
    if not pairs:
        return matches
    # A run crossing the cut holds the first half's last word and the second's first word side
    # by side: only the quotes holding that word pair are aligned.
    bigrams = [
        set(zip(whole.words[w.start : w.stop], whole.words[w.start + 1 : w.stop], strict=False))
        for w in whole.quote_words
    ]
    for k in pairs:
        halves = [parts.quote_words[k], parts.quote_words[k + 1]]
        if not halves[0] or not halves[1]:
            continue
        joined = [i for words in halves for i in words]
        spelled = [parts.words[i] for i in joined]
        first_len = len(halves[0])
        cut = (spelled[first_len - 1], spelled[first_len])
        for i, words in enumerate(whole.quote_words):
            if cut not in bigrams[i]:
                continue
            matcher = SequenceMatcher(None, whole.words[words.start : words.stop], spelled)
            block = matcher.find_longest_match(0, len(words), 0, len(spelled))
            crosses = block.b < first_len < block.b + block.size
            lo = words.start + block.a
            if block.size < MIN_RUN or not crosses or not content_count(whole, lo, lo + block.size):
                continue
            lo_p, hi_p = joined[block.b], joined[block.b + block.size - 1] + 1
            quote_w, quote_p = whole.quotes[i], parts.quotes[k]
            if flip:
                found = make(
                    parts, quote_p, lo_p, hi_p, whole, quote_w, lo, lo + block.size, PARTIAL
                )
            else:
                found = make(
                    whole, quote_w, lo, lo + block.size, parts, quote_p, lo_p, hi_p, PARTIAL
                )
            matches.append(found)
    return matches
