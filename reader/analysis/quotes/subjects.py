"""The subject of a sentence or of its reporting verb: who 'said', once the introductory words
('On Friday,'), asides ('X, who ..., said') and coordinated verbs ('... and added') are read."""

from __future__ import annotations

import re

from reader.analysis.quotes.chunker import first_np, last_np
from reader.analysis.quotes.model import Span
from reader.analysis.quotes.sentences import skip_space
from reader.analysis.quotes.words import quote_words

_INTRO = re.compile(
    r"(?:on|in|at|after|before|earlier|later|however|meanwhile|accordingly|but|and|separately|"
    r"also|then|still|yet|instead|last|this|speaking|asked|when|while|during|over|because|"
    r"though|although|as|if|since|for|with|without|by|from|under|despite|unlike|like|amid|"
    r"now|so|indeed|even|there|here|once|until|upon|whether|today|tonight|yesterday|next|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|[a-z]+ly)\b",
    re.IGNORECASE,
)
_LEADING_WORD = re.compile(
    r"(?:but|and|so|yet|then|now|still|also|even|indeed|however|meanwhile|instead|[a-z]+ly),?\s+",
    re.IGNORECASE,
)


_BRACKETED = re.compile(r"\s*\([^()]{1,80}\)\s*")


def sentence_subject(text: str, start: int, end: int) -> Span | None:
    """The subject at the start of a sentence, after an introductory 'On Friday,' or a
    bracketed credit ('(Ann Vale/The Times) Trump vetoed')."""
    aside = _BRACKETED.match(text, start, end)
    if aside is not None:
        start = aside.end()
    for _ in range(3):  # 'On Thursday, after remaining neutral for months, Warren ...'
        chunk = text[start:end]
        first_comma = chunk.find(",")
        if not (_INTRO.match(chunk.lstrip()) and first_comma != -1):
            break
        start = skip_space(text, start + first_comma + 1)  # 'Over the years, she said'
    while start < end and text[start] == " ":
        start += 1
    for _ in range(2):  # 'But Cruz would not comment', 'Hastily, Trump cast', 'And then Trump'
        leading = _LEADING_WORD.match(text, start, end)
        if leading is None:
            break
        start = leading.end()
    if _INTRO.fullmatch(text[start:end].split(" ", 1)[0]):
        return None  # the sentence opens with a clause, not with its subject
    span = first_np(text, start, end)
    if span and text[span.start : span.end].lower() in quote_words().determiners:
        return None
    return span


def short_clause_subject(text: str, start: int, end: int) -> Span | None:
    """'Hillary shot back, “...”', 'Billy Joel sings, “...”': a named subject and a verb of a
    few words that end in a comma before the quote introduce it, whatever the verb."""
    lex = quote_words()
    span = sentence_subject(text, start, end)
    if span is None:
        return None
    name = text[span.start : span.end]
    if not (
        name[:1].isupper()
        and name.split()[0].lower() not in lex.determiners
        or name.lower() in lex.person_pronouns
    ):
        return None
    rest = text[span.end : end].split()
    if not 1 <= len(rest) <= 3 or not all(w.isalpha() and w.islower() for w in rest):
        return None
    verb = rest[0]
    if not (verb in lex.irregular_past or verb.endswith(("ed", "s")) and len(verb) > 3):
        return None
    return span


_COORDINATED = re.compile(
    r"\s(?:and|but|then|before|after)(?:\s+(?:then|later|also|went\s+on\s+to|"
    r"repeatedly|quickly|finally))*(?:\s+went\s+on\s+to)?$"
)
_GERUND_PREP = re.compile(
    r"(?:^|\s)(?:by|after|before|while|when|in|on|upon|without|"
    r"through|since)$",
    re.IGNORECASE,
)
_SAID_BEFORE = re.compile(r"\s(?:said|says|told\s+\w+|wrote|writes|added|adds),$")
_DOCUMENT = re.compile(
    r"\b(?:statement|release|e-?mail|letter|memo|tweet|post|message|video|ad|op-ed|note)\b"
)
_TIME_AFTER = re.compile(
    r"\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|"
    r"yesterday)(?:\s+(?:morning|afternoon|evening|night))?"
)


def subject_before(text: str, floor: int, verb_start: int) -> Span | None:
    """The subject of a reporting verb: 'Kerry said', 'X, who ..., said', 'X was quoted saying'."""
    before = text[floor:verb_start].rstrip()
    if text[verb_start : verb_start + 12].split(" ", 1)[0].endswith("ing"):
        prep = _GERUND_PREP.search(before)
        if prep:  # 'She followed that by saying', 'after saying': the subject of the sentence
            return sentence_subject(text, floor, floor + prep.start())
    infinitive = re.search(r"(\S+)\s+to$", before)
    if (
        infinitive
        and infinitive.group(1).islower()
        and infinitive.group(1) not in quote_words().filler
    ):
        # 'The judge pointed to a case to say that ...': the subject of the sentence
        return sentence_subject(text, floor, floor + infinitive.start())
    if before.endswith(","):
        said = _SAID_BEFORE.search(before)
        if said:  # 'Ryan and Trump will meet, Spicer said, adding, “...”'
            span = last_np(text, floor, floor + said.start())
            if span:
                return span
        return sentence_subject(text, floor, floor + len(before) - 1)
    joined = _COORDINATED.search(before)
    if joined:  # 'Lazar welcomed extradition and added, “...”': the sentence's subject
        return sentence_subject(text, floor, floor + joined.start())
    span = last_np(text, floor, verb_start)
    if span is not None and text[floor : span.start].strip():
        head = _DOCUMENT.search(text, span.start, span.end)
        if (
            head
            and head.end() == span.end
            or head
            and _TIME_AFTER.fullmatch(text, head.end(), span.end)
        ):
            # 'The union issued a statement Tuesday saying': the statement's author speaks
            return sentence_subject(text, floor, span.start)
    return span
