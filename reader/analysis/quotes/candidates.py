"""Candidate speakers of a quote, and the features the speaker model scores them by.

The candidates come from the quote's sentence, the sentence before it and the one after it
(words inside quotation marks never count): the article's named entities (people,
organisations, groups), the pronouns he, she and they, the noun phrases around each reporting
verb ('the spokesman said', 'said a senior official') and the subject of each sentence, the
speaker the attribution patterns found, and "nobody" (the quote stays unattributed). Each
candidate carries binary features: its type, side and distance, the words on either side of it
(the object of 'told' or 'to', a possessive, the subject of a reporting verb), where the quote
stands and how it ends, whether the patterns chose it, whether it spoke the quote before.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import NamedTuple

from reader.analysis.quotes.chunker import first_np
from reader.analysis.quotes.eligible import can_speak
from reader.analysis.quotes.model import Span
from reader.analysis.quotes.sentences import clause_end, sentence_start
from reader.analysis.quotes.speakers import Resolver
from reader.analysis.quotes.subjects import sentence_subject, subject_before
from reader.analysis.quotes.verbs import ReportingVerbs
from reader.analysis.quotes.words import quote_words

NOBODY = "none"
NEWLINE = "\n"
_NAMED = ("person", "organisation", "group", "other")
_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he|[Tt]hey)\b")
_WORDS = re.compile(r"[\w’'.\-]+|[^\w\s]")


class Candidate(NamedTuple):
    """A possible speaker: its span in the text (0, 0 for nobody), its type and features."""

    start: int
    end: int
    kind: str  # person, organisation, group, other, pronoun, description or none
    features: tuple[str, ...]


@dataclass(frozen=True)
class QuoteSite:
    """Where a quote stands: its extent, its kind, its line, how it ends, what the rules chose."""

    start: int
    end: int
    kind: str
    line: Span
    inner_end: str  # the last character inside the marks
    rule: Span | None
    rule_name: str
    previous_key: str | None  # the entity key of the previous quote's speaker


def _bucket(n: int) -> str:
    return "0" if n == 0 else "1" if n <= 2 else "3" if n <= 5 else "6" if n <= 10 else "11"


class _Window(NamedTuple):
    start: int
    sentence_start: int
    sentence_end: int
    end: int


def _window(text: str, site: QuoteSite) -> _Window:
    line_start, line_end = site.line
    first = sentence_start(text, site.start, line_start)
    before = sentence_start(text, max(first - 2, line_start), line_start) if first > 0 else 0
    if first <= line_start and line_start > 0:  # the last sentence of the line above
        above = line_start - 1
        while above > 0 and text[above - 1].isspace():
            above -= 1
        before = sentence_start(text, max(above - 1, 0), text.rfind("\n", 0, above) + 1)
    last = clause_end(text, site.end, line_end)
    after = clause_end(text, min(last + 3, line_end), line_end) if last < line_end else last
    return _Window(before, first, last, after)


class _Outside:
    """Tells whether an offset lies inside one of the article's quotes."""

    def __init__(self, bounds: list[tuple[int, int]]):
        self.bounds = bounds
        self.starts = [s for s, _ in bounds]

    def inside(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.bounds[i][1]


class _Memo:
    """What the candidates of one article's quotes share: its reporting verbs and the phrases
    around them, found once."""

    def __init__(self, text: str, resolver: Resolver, verbs: ReportingVerbs, outside: _Outside):
        self.text = text
        self.resolver = resolver
        self.verbs = verbs
        self.outside = outside
        self.found = [v for v in verbs.find_verbs(text) if not outside.inside(v.start())]
        self.verb_starts = [v.start() for v in self.found]
        self.phrases: dict[int, list[Span]] = {}
        self.sides: dict[tuple[int, int], tuple[str, ...]] = {}
        self.subjects: dict[int, Span | None] = {}
        self.speaks: dict[Span, bool] = {}

    def around_verbs(self, start: int, end: int) -> list[Span]:
        """The subject and the phrase after each reporting verb of text[start:end] (each
        verb's phrases found once per article, within its own sentence and line)."""
        spans: list[Span] = []
        lo = bisect.bisect_left(self.verb_starts, start)
        hi = bisect.bisect_left(self.verb_starts, end)
        for verb in self.found[lo:hi]:
            key = verb.start()
            if key not in self.phrases:
                line_start = self.text.rfind("\n", 0, key) + 1
                line_end = self.text.find("\n", key)
                limit = len(self.text) if line_end == -1 else line_end
                floor = sentence_start(self.text, key, line_start)
                self.phrases[key] = [
                    p
                    for p in (
                        subject_before(self.text, floor, key),
                        first_np(self.text, verb.end(), min(verb.end() + 80, limit)),
                    )
                    if p is not None
                ]
            spans.extend(p for p in self.phrases[key] if p.end <= end)
        return spans

    def context(self, span: Span) -> tuple[str, ...]:
        """The features of the words on either side of a span, once per span."""
        key = (span.start, span.end)
        if key not in self.sides:
            self.sides[key] = (
                *_left(self.text, span.start),
                *_right(self.text, span.end, self.verbs),
            )
        return self.sides[key]

    def has_verb(self, start: int, end: int) -> bool:
        """True when a reporting verb lies in text[start:end] outside quotes."""
        lo = bisect.bisect_left(self.verb_starts, start)
        return lo < len(self.verb_starts) and self.verb_starts[lo] < end

    def splits(self, span: Span) -> bool:
        """True for a span a verb of saying cuts in two: 'Ann Blake said Carl Dunn’s latest'."""
        lo = bisect.bisect_right(self.verb_starts, span.start)
        hi = bisect.bisect_left(self.verb_starts, span.end)
        for verb in self.found[lo:hi]:
            before = self.text[span.start : verb.start()].split()
            if verb.end() < span.end and before and before[-1][:1].isupper():
                return True
        return False

    def subject(self, start: int) -> Span | None:
        """The subject of the sentence at `start` (within 120 characters and its line)."""
        if start not in self.subjects:
            line_end = self.text.find("\n", start)
            limit = len(self.text) if line_end == -1 else line_end
            self.subjects[start] = sentence_subject(self.text, start, min(start + 120, limit))
        return self.subjects[start]

    def can_speak(self, span: Span) -> bool:
        """`eligible.can_speak`, once per span."""
        if span not in self.speaks:
            self.speaks[span] = can_speak(self.text, span, self.resolver, self.verbs)
        return self.speaks[span]


def _spans(text: str, site: QuoteSite, window: _Window, memo: _Memo) -> list[Span]:
    """Every span that may name the speaker, before merging."""
    resolver, outside = memo.resolver, memo.outside
    spans: list[Span] = []
    lo = bisect.bisect_left(resolver.starts, window.start)
    hi = bisect.bisect_left(resolver.starts, window.end)
    for index in range(lo, hi):
        mention = resolver.mentions[index]
        if resolver.types[index] in _NAMED:
            spans.append(Span(mention.start, mention.end))
    spans.extend(
        Span(m.start(), m.end()) for m in _PRONOUN.finditer(text, window.start, window.end)
    )
    spans.extend(memo.around_verbs(window.start, window.end))
    for floor in {window.start, window.sentence_start, min(window.sentence_end + 2, window.end)}:
        found = memo.subject(floor)
        if found is not None and found.end <= window.end:
            spans.append(found)
    if site.rule is not None:
        spans.append(site.rule)
    return [
        s
        for s in spans
        if s.end > s.start
        and not outside.inside(s.start)
        and not (site.start <= s.start < site.end)
        and not memo.splits(s)  # 'Ann Blake said Carl Dunn’s': two phrases
    ]


def _merge(spans: list[Span]) -> list[Span]:
    """Spans inside another become one with it (a name inside its description: 'spokesman Nick
    Merrill'); spans that only overlap stay apart ('Ann Blake' and 'Ann Blake said Carl Dunn')."""
    merged: list[Span] = []
    for span in sorted(set(spans), key=lambda s: (s.start, -s.end)):
        if merged and span.end <= merged[-1].end:
            continue  # inside the one before
        if merged and span.start < merged[-1].end:
            continue  # overlapping but not inside: the first one, usually the shorter subject
        merged.append(span)
    return merged


def _kind(text: str, span: Span, resolver: Resolver) -> tuple[str, str | None]:
    """The candidate's type and its entity key (a pronoun's: its antecedent's)."""
    words = text[span.start : span.end]
    if words.lower() in quote_words().pronouns:
        return "pronoun", None
    lo = bisect.bisect_left(resolver.starts, span.start)
    hi = bisect.bisect_left(resolver.starts, span.end)
    inside = [i for i in range(lo, hi) if resolver.mentions[i].end <= span.end]
    for wanted in _NAMED:
        for i in inside:
            if resolver.types[i] == wanted:
                return wanted, resolver.mentions[i].key
    if any(resolver.types[i] == "place" for i in inside) and len(inside) == 1:
        return "place", None
    return "description", None


def _ends_line(text: str, pos: int) -> bool:
    """True when only a full stop or spaces follow `pos` before the line ends."""
    end = text.find("\n", pos)
    return not text[pos : len(text) if end == -1 else end].strip(" .")


def _ranks(spans: list[Span], site: QuoteSite) -> list[int]:
    """Each span's rank by nearness to the quote among the spans on its side (0: nearest)."""
    before = [s for s in spans if s.end <= site.start]
    after = [s for s in spans if s.end > site.start]
    return [
        len(before) - 1 - before.index(s) if s.end <= site.start else after.index(s) for s in spans
    ]


def _punct(gap: str) -> str:
    """The first mark between a candidate and the quote: ',', '—', '.', or 'w' for a word."""
    bare = gap.strip()
    if not bare:
        return "none"
    first = bare[0] if not bare[0].isalnum() else "w"
    return "—" if first in "―—–-" else first if first in ",.:;(" else "w" if first == "w" else "o"


def _left(text: str, start: int) -> list[str]:
    before = _WORDS.findall(text[max(0, start - 40) : start])
    feats = []
    if before:
        last = before[-1].lower()
        known = last in quote_words().context_words
        feats.append(f"left={last if known else 'w' if last[0].isalnum() else 'punct'}")
        if len(before) > 1:
            pair = f"{before[-2].lower()} {last}"
            if pair in {"according to", "wrote to", "quoted by", "said to", "spoke to", "told by"}:
                feats.append(f"left2={pair}")
    else:
        feats.append("left=start")
    return feats


def _right(text: str, end: int, verbs: ReportingVerbs) -> list[str]:
    after = text[end : end + 60]
    feats = []
    if re.match(r"[’']s?\b", after):
        feats.append("possessive")
    nxt = re.match(r"\s*([,;:.)“”\"(]|\w+)", after)
    if nxt:
        word = nxt.group(1).lower()
        feats.append(f"right={word if not word[0].isalnum() else 'w'}")
    lex = quote_words()
    words = after.split()[:4]
    for i, word in enumerate(words):
        bare = word.strip(",.;:").lower()
        if bare in verbs.verbs:
            kind = "report" if bare in verbs.reporting else "frame"
            feats.append(f"verb_after={kind}{min(i, 2)}")
            break
        if bare not in lex.filler:
            break
    return feats


def _site_features(text: str, site: QuoteSite, window: _Window) -> list[str]:
    """What is known about the quote itself, shared by all its candidates."""
    opens = not text[window.sentence_start : site.start].strip()
    closes = not text[site.end : window.sentence_end].strip(" .")
    return [
        f"q={site.kind}",
        f"q_end={site.inner_end if site.inner_end in ',.?!—' else 'w'}",
        f"q_opens={opens}",
        f"q_closes={closes}",
        f"rule_found={site.rule is not None}",
    ]


class CandidateFinder:
    """Finds the candidate speakers of each quote of one article."""

    def __init__(
        self,
        text: str,
        resolver: Resolver,
        verbs: ReportingVerbs,
        bounds: list[tuple[int, int]],
        salience: dict[str, int],
    ):
        self.text = text
        self.resolver = resolver
        self.verbs = verbs
        self.bounds = bounds
        self.salience = salience
        self.memo = _Memo(text, resolver, verbs, _Outside(bounds))

    def candidates(self, site: QuoteSite) -> list[Candidate]:
        """The candidate speakers of one quote, nobody first, each with its features."""
        return _candidates(self, site)


def _candidates(finder: CandidateFinder, site: QuoteSite) -> list[Candidate]:
    text, resolver, verbs, bounds = finder.text, finder.resolver, finder.verbs, finder.bounds
    salience = finder.salience
    window = _window(text, site)
    quote_feats = _site_features(text, site, window)
    result = [Candidate(0, 0, NOBODY, tuple(["nobody", *(f"nobody&{f}" for f in quote_feats)]))]
    spans = _spans(text, site, window, finder.memo)
    merged = _merge([s for s in spans if finder.memo.can_speak(s)])
    ranks = _ranks(merged, site)
    for span, rank in zip(merged, ranks, strict=True):
        kind, key = _kind(text, span, resolver)
        before = span.end <= site.start
        side = "before" if before else "after"
        if span.start < window.sentence_start:
            place = "prev"
        elif span.start >= window.sentence_end:
            place = "next"
        else:
            place = "same"
        gap_start, gap_end = (span.end, site.start) if before else (site.end, span.start)
        gap = text[gap_start:gap_end]
        atoms = [
            f"kind={kind}",
            f"where={side}_{place}",
            f"dist={side}_{_bucket(len(gap.split()))}",
            f"rank={side}_{min(rank, 2)}",
            f"gap_punct={side}_{_punct(gap)}",
            f"gap_line={NEWLINE in gap}",
            f"gap_quote={any(gap_start <= s < gap_end for s, _ in bounds)}",
            f"gap_verb={side}_{verbs.first_verb(text, gap_start, gap_end) is not None}",
            *finder.memo.context(span),
            *(f"{side}&{f}" for f in quote_feats),
        ]
        if not before and re.fullmatch(r"\s*[―—–-]\s*", gap) and _ends_line(text, span.end):
            atoms.append("signed")  # '“...” ― Jane Doe': a reader's quote signed with a dash
        if finder.memo.splits(span):
            atoms.append("split")  # 'Ann Blake said Carl Dunn’s latest': two phrases in one
        if span.end <= site.line.start:  # the line above speaks through a reporting verb
            atoms.append(f"above_verb={finder.memo.has_verb(window.start, site.line.start)}")
        if site.rule is not None and span.start < site.rule.end and site.rule.start < span.end:
            atoms += ["rule", f"rule={site.rule_name}"]
        if key is not None and key == site.previous_key:
            atoms.append("previous_speaker")
        if key is not None:
            atoms.append(f"salience={_bucket(salience.get(key, 0))}")
            if any(m.key == key for m in resolver.mentions_in(site.start, site.end)):
                atoms.append("named_inside")  # 'Of Obama, he said: “Obama has failed”'
        words = text[span.start : span.end]
        if kind == "pronoun":
            atoms.append(f"pronoun={words.lower()}")
        elif kind == "description":
            atoms.append(f"desc_cap={words[:1].isupper()}")
            atoms.append(f"desc_len={min(len(words.split()), 4)}")
        coarse = "name" if kind in _NAMED else kind
        features = tuple(atoms + [f"{coarse}&{a}" for a in atoms if not a.startswith("kind=")])
        result.append(Candidate(span.start, span.end, kind, features))
    return result
