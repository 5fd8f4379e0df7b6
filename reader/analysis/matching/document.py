"""One article's words for quote matching: normal forms and stems, sentences, the quote each
word lies in, and counts of the content words of a range."""

from __future__ import annotations

import re
from bisect import bisect_right

from reader.analysis.quotes import PHRASE, Quote
from reader.config import load_table, table_cache


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


_CLITIC = re.compile(r"n[’']t|[’']?(?:s|re|ve|ll|d|m)", re.IGNORECASE)


def _is_clitic(text: str, match: re.Match[str]) -> bool:
    """True for a clitic printed apart from its word: the n't of 'do n't', the s of 'Women 's'."""
    start = match.start()
    if _CLITIC.fullmatch(match.group()) is None or start < 2:
        return False
    if match.group()[:1] in "nN":
        return text[start - 1] == " " and text[start - 2].isalpha()
    return (
        text[start - 1] in "’'" and text[start - 2] == " " and text[start - 3 : start - 2].isalpha()
    )


class Document:
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
            if self.words and _is_clitic(text, m):
                # tokenised text: 'do n't' and 'Women 's' are one word, as 'don't' and 'Women's'
                joined = text[self.starts[-1] : self.ends[-1]] + text[m.start() - 1 : m.end()]
                self.words[-1], self.stems[-1] = _word_forms(joined.replace(" ", ""))
                self.ends[-1] = last_end = m.end()
                continue
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
        for quote in quotes:
            lo = bisect_right(self.starts, quote.start - 1)
            hi = bisect_right(self.starts, quote.end - 1)
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
        """Words lo..hi-1 as printed, joined by spaces."""
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
        start: int | None = None
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


def content(doc: Document, words: range) -> list[tuple[str, int]]:
    """The content words of a range: (stem, word index) pairs, stopwords and numbers left out."""
    return [(stem, i) for i in words if (stem := doc.stems[i]) is not None]


def content_count(doc: Document, lo: int, hi: int) -> int:
    """How many content words words lo..hi-1 hold."""
    return sum(doc.stems[i] is not None for i in range(lo, hi))


def ordinary_count(doc: Document, lo: int, hi: int) -> int:
    """Content words that are not part of a name."""
    return sum(doc.stems[i] is not None and not doc.is_name(i) for i in range(lo, hi))


def phrase_content(doc: Document, lo: int, hi: int) -> int:
    """Content words of a short quote, names and titles not counted ("the United States",
    "Face the Nation")."""
    capitalised = [doc.text[doc.starts[i]].isupper() for i in range(lo, hi)]
    title = any(capitalised[1:])  # the first word is a name too when a later one is
    return sum(
        doc.stems[i] is not None and not (capitalised[i - lo] and (i > lo or title))
        for i in range(lo, hi)
    )
