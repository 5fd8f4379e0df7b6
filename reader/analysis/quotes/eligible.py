"""Who can be a speaker at all: a person, an organisation, a document or an unnamed source the
text describes, never a place, a platform, a date or a fragment (`data/quote_speakers.yaml`)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reader.analysis.quotes.model import Span
from reader.analysis.quotes.speakers import Resolver, type_name
from reader.analysis.quotes.verbs import ReportingVerbs
from reader.analysis.quotes.words import non_speakers, quote_words, verb_words

if TYPE_CHECKING:
    from reader.analysis.entities import Mention

_PARTY_TAG = re.compile(r"\(?[RDI]-[A-Z][\w.]*\)?")  # 'R-S.C.', '(D-Mo.)'
_YEAR = re.compile(r"(?:19|20)\d\d")
_WORD = re.compile(r"[\w’'.\-]+")
_DATELINE = re.compile(r"[A-Z][A-Z .'-]+,(?: [A-Z][\w.]*)+ *[—–-]")  # 'AMHERST, N.H. —'
_SENTENCE_EDGE = re.compile(r"(?:^|[.!?\n\"“”:]\s*|[\"“”]\s*)$")


def _bare(words: list[str]) -> list[str]:
    """The words without a leading determiner, lower case."""
    lower = [w.lower().strip(".,") for w in words]
    while lower and lower[0] in quote_words().determiners:
        lower.pop(0)
    return lower


def _word_before(text: str, start: int) -> str:
    """The word just before `start`, lower case ('' at the text's start)."""
    before = text[max(0, start - 20) : start].split()
    return before[-1].lower() if before else ""


def _after_preposition(text: str, start: int) -> bool:
    """True when the word before `start` is a preposition ('in Texas', 'of Washington')."""
    return _word_before(text, start) in quote_words().np_break


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
    before = _word_before(text, span.start).strip(",:")
    return bool(before) and before in verbs.reporting


def _fragment(
    text: str, span: Span, words: list[str], bare: list[str], mentions: list[Mention]
) -> bool:
    """True for words that cannot name anyone: a date, a count, a function word, the state of a
    party tag, a phrase opened by a preposition or a verb, a dateline."""
    lists = non_speakers()
    if all(w in lists.time_words or _YEAR.fullmatch(w) or w.isdigit() for w in bare):
        return True
    if all(all(p in lists.number_words for p in w.split("-")) for w in bare):
        return True  # a count alone: 'Nineteen' (states), 'Twenty-seven'
    if len(words) == 1 and words[0].lower() in lists.function_words:
        return True
    if _PARTY_TAG.fullmatch(text[max(0, span.start - 2) : span.end].strip()):
        return True  # the state of a party tag: 'Ky' of 'R-Ky.'
    opener = words[0].lower()
    named_first = any(m.start == span.start for m in mentions)  # 'United Auto Workers'
    if opener in quote_words().np_break and not named_first:
        return True  # 'in the Clinton ad', 'Because', 'Among': a preposition or a conjunction
    if len(words) > 1 and not named_first and opener in verb_words():
        return True  # 'Calling Mrs. Clinton': a verb
    return bool(  # the dateline opening a story: 'AMHERST, N.H. —'
        _DATELINE.match(text, span.start) and text.rfind("\n", 0, span.start) + 1 == span.start
    )


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
    mentions = resolver.mentions_in(span.start, span.end)
    kinds = [type_name(m) for m in mentions]
    if bare[-1] in lists.platforms and "person" not in kinds:
        return False  # 'a Thursday night Facebook' (post): the platform it was posted on
    if _fragment(text, span, words, bare, mentions):
        return False
    if (
        kinds
        and all(k == "place" for k in kinds)
        and sum(len(_WORD.findall(m.text)) for m in mentions) >= len(bare)
        and (_after_preposition(text, span.start) or not _beside_verb(text, span, verbs))
    ):
        return False  # a place alone: 'in Texas', 'Capitol Hill', 'a man in Florida shouting';
        # not 'the Texas governor', 'Japan said'
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
