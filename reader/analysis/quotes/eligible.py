"""Who can be a speaker at all: a person, an organisation, a document or an unnamed source the
text describes, never a place, a platform, a date or a fragment (`data/quote_speakers.yaml`)."""

from __future__ import annotations

import re

from reader.analysis.quotes.model import Span
from reader.analysis.quotes.speakers import Resolver
from reader.analysis.quotes.verbs import ReportingVerbs
from reader.analysis.quotes.words import non_speakers, quote_words, verb_words

_PARTY_TAG = re.compile(r"\(?[RDI]-[A-Z][\w.]*\)?")  # 'R-S.C.', '(D-Mo.)'
_YEAR = re.compile(r"(?:19|20)\d\d")
_WORD = re.compile(r"[\w’'.\-]+")
_SENTENCE_EDGE = re.compile(r"(?:^|[.!?\n\"“”:]\s*|[\"“”]\s*)$")


def _bare(words: list[str]) -> list[str]:
    """The words without a leading determiner, lower case."""
    lower = [w.lower().strip(".,") for w in words]
    while lower and lower[0] in quote_words().determiners:
        lower.pop(0)
    return lower


def _beside_verb(text: str, span: Span, verbs: ReportingVerbs) -> bool:
    """True when a reporting verb follows the phrase ('Russia insisted', 'Clinton has said') or
    precedes it ('said Ellis')."""
    filler = quote_words().filler
    for word in text[span.end : span.end + 40].split()[:3]:
        bare = word.strip(",.;:").lower()
        if bare in verbs.verbs:
            return True
        if bare not in filler:
            break
    before = text[max(0, span.start - 20) : span.start].split()
    return bool(before) and before[-1].strip(",:").lower() in verbs.reporting


def can_speak(text: str, span: Span, resolver: Resolver, verbs: ReportingVerbs) -> bool:
    """False for a phrase that names no possible speaker: 'Texas', 'Twitter', 'the Rose Garden',
    'Tuesday', 'a tear', 'a low voice', 'its', 'To', 'R-S.C.', '@handle', a stray capitalised
    word.

    A place stands for its government only as the subject of a reporting verb ('Japan said').
    """
    phrase = text[span.start : span.end]
    words = _WORD.findall(phrase)
    if not words or _PARTY_TAG.fullmatch(phrase.strip()):
        return False
    if text[max(0, span.start - 1) : span.start] in {"@", "#"}:
        return False  # a handle or a hashtag ('@DCGopGirl'): its owner is named elsewhere
    lists = non_speakers()
    bare = _bare(words)
    joined = " ".join(bare)
    if not bare or joined in lists.platforms or joined in lists.venues:
        return False
    if bare[-1] in lists.platforms and "person" not in resolver.kinds_in(span.start, span.end):
        return False  # 'a Thursday night Facebook' (post): the platform it was posted on
    if all(w in lists.time_words or _YEAR.fullmatch(w) or w.isdigit() for w in bare):
        return False
    if len(words) == 1 and words[0].lower() in lists.function_words:
        return False
    opener = words[0].lower()
    if len(words) > 1 and (opener in quote_words().np_break or opener in verb_words()):
        return False  # 'in the Clinton ad', 'Calling Mrs. Clinton': a preposition or a verb
    kinds = resolver.kinds_in(span.start, span.end)
    if kinds and all(k == "place" for k in kinds) and not _beside_verb(text, span, verbs):
        places = [m for m in resolver.mentions_in(span.start, span.end)]
        if sum(len(_WORD.findall(m.text)) for m in places) >= len(bare):
            return False  # a place alone: 'in Texas', 'Capitol Hill'; not 'the Texas governor'
    lower = phrase.lower()
    if lower in quote_words().pronouns:
        return True
    if not kinds and (bare[-1] in lists.manner_words or bare[-1] in verb_words()):
        return False  # 'a low voice'; a verb or an adverb is no head: 'The report goes'
    if not kinds and len(words) == 1 and words[0][:1].isupper():
        # a capitalised word the entity layer does not know, inside a sentence: a fragment of
        # a name ('Relations', 'Housing'); at a sentence's start it may be 'Officials'
        if words[0].lower().endswith(("ing", "ly")):
            return False  # a participle or an adverb: "Following", "Separately"
        edge = _SENTENCE_EDGE.search(text[max(0, span.start - 3) : span.start])
        return edge is not None or _beside_verb(text, span, verbs)
    return True
