"""Attribution patterns: the words around a quote that say who spoke it.

Before the quote ('X said: “...”', 'According to X, “...”'), right after it ('“...,” X said',
'“...,” said X'), and closing its sentence ('“...” to drive up the price, she said.').
"""

from __future__ import annotations

import re
from typing import NamedTuple

from reader.analysis.quotes.chunker import first_np, last_np
from reader.analysis.quotes.model import Span
from reader.analysis.quotes.sentences import clause_end, ends_sentence, skip_space
from reader.analysis.quotes.subjects import (
    sentence_subject,
    short_clause_subject,
    subject_before,
)
from reader.analysis.quotes.verbs import ReportingVerbs
from reader.analysis.quotes.words import quote_words

_STOP_AFTER_VERB = re.compile(
    r"\s(?:in|on|at|during|after|before|as|when|while|who|which|that|to|from|with|about|told|"
    r"and|but|adding|last|this|earlier|later|said|says|via|according|for|of\s+the\s+(?:need|fact)"
    r"|yesterday|today|recently)\b|[,;:()!?\[\]—–\"“”]|\.(?=\s+[a-z“\"]|\s*$)"
)
_CONJUNCTION = re.compile(
    r"(?:but|and|while|although|though|because|when|whereas|yet|so|as|if|after|before)\b",
    re.IGNORECASE,
)
# After '“...?” Todd asked': an object ('the real estate mogul') and a time are fine, but a
# complement clause ('said it would be', 'said that') starts a new statement.
_NEW_CLAUSE = re.compile(
    r"\bthat\b|:|[“\"]|\b(?:would|will|is|was|were|are|has|had|have|could|should|may|might|"
    r"can|must|did|does|do)\b"
)
_FINAL_INVERTED = re.compile(r",\s*([^\W\d_]+)\s+([^,;:!?“”\"]{1,80}?)\s*(?=,|$)")
# What may follow the verb of a closing attribution: '..., she said in a video message.'
_ADJUNCT = re.compile(
    r"(?:on|in|at|during|after|before|from|to|via|with|while|when|last|this|next|earlier|"
    r"later|recently|yesterday|today|tonight|again|afterward|afterwards|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday)\b",
    re.IGNORECASE,
)
_PUT_IT = re.compile(r"\b[Aa]s\s+([^,.;:]{2,60}?)\s+(?:put|puts|has put|had put)\s+it\b,?")


class HeadAttribution(NamedTuple):
    """An attribution before a quote: the speaker phrase, and where the statement begins."""

    speaker: Span
    statement_start: int


# A signature after a dash: one to four capitalised words, a reviewer's masked ones too
# ('Mel****', 'Jo** Al****'), then the end of the line, a quotation mark or a full stop.
_SIGNATURE = re.compile(
    r"[A-Z][\w’'.\-*]*(?:[ \t]+(?:[A-Z][\w’'.\-*]*|of|de|van|von|al))*?"
    r"(?=[ \t]*(?:$|\n|[\"“(,]|\.[ \t]))",
    re.MULTILINE,
)
_SIGNED_END = re.compile(r"\s*(?:\([^()]{1,40}\)\s*)?[.!?](?:\s|$)")


def signature_span(text: str, q_end: int, limit: int) -> Span | None:
    """The name that signs a quote after a dash ('“...” – Jane Doe', a reviewer's '– Mel****'),
    before `limit`; None when no dash and name follow the quote."""
    dash = re.match(r"\s*[—―–][ \t]*", text[q_end:limit])  # the signature's own line too
    if dash is None:
        return None
    signed = _SIGNATURE.match(text, q_end + dash.end(), limit)
    return Span(signed.start(), signed.end()) if signed else None


def _joins_titles(text: str, stop: re.Match[str]) -> bool:
    """True for an 'and' between a lower-case title and a capitalised one ('said GLAAD
    president and CEO Sarah Kate Ellis'), which does not end the speaker's phrase."""
    if stop.group().strip() != "and":
        return False
    before = text[max(0, stop.start() - 30) : stop.start()].split()
    return (
        bool(before)
        and before[-1].isalpha()
        and before[-1].islower()
        and (text[stop.end() : stop.end() + 2].strip()[:1].isupper())
    )


def tail_span(
    text: str, q_end: int, limit: int, inner_end: str, verbs: ReportingVerbs
) -> Span | None:
    """'“...,” X said' / '“...,” said X' / '“...,” according to X' right after the quote."""
    lead = re.match(r"\s*[,—–―-]?\s*", text[q_end:limit])
    assert lead is not None  # the pattern matches the empty string
    offset = q_end + lead.end()
    rest = text[offset:limit]
    if not (lead.group().strip() or inner_end in ",!?—–-…." or _bare_attribution(rest, verbs)):
        return None  # '“scare quotes” and more words': the sentence goes on
    according = verbs.according_re.match(rest)
    if according:
        return first_np(text, offset + according.end(), limit)
    signature = signature_span(text, q_end, limit)
    if signature is not None:
        return signature
    if inner_end == ",":  # '“...,” Sen. Chris Coons (D-Del.).': the verb left out
        signed = first_np(text, offset, limit)
        if (
            signed is not None
            and _SIGNED_END.match(text, signed.end)
            and text[signed.start : signed.end].split()[-1][:1].isupper()  # a name, no verb
            and not verbs.find_verbs(text, signed.start, signed.end)
        ):
            return signed
    verb = verbs.first_verb(rest, 0, 160)
    if verb is None:
        return None
    before = rest[: verb.start()]
    if not before.strip() or re.fullmatch(r"\s*(?:also|then|later)\s*", before):
        after = offset + verb.end()  # "said X": the speaker follows the verb
        stop = _STOP_AFTER_VERB.search(text, after, limit)
        while stop is not None and _joins_titles(text, stop):
            stop = _STOP_AFTER_VERB.search(text, stop.end(), limit)
        return first_np(text, after, stop.start() if stop else limit)
    if ends_sentence(text, offset, offset + verb.start()) or len(before.split()) > 14:
        return None
    as_said = re.fullmatch(r"as\s+((?:\S+\s+){1,5})", before)
    if (
        as_said
        and (lead.group().strip() == "," or inner_end == ",")
        and verb.group().lower() in verbs.reporting
    ):
        # '“...,” as Cruz said on the radio': the 'as' clause attributes the quote
        return last_np(text, offset + as_said.start(1), offset + verb.start())
    if _CONJUNCTION.match(before):
        return None  # '“...” but he said that ...': another clause, another statement
    # '“...?” he urged them, as he ...': after a question, the clause ends at a comma
    clause = re.split(r"[.!?,]" if inner_end in "?!" else r"[.!?]", rest[verb.end() :], maxsplit=1)[
        0
    ]
    if inner_end in ".!?" and _NEW_CLAUSE.search(clause):
        return None  # '“...” Gov. Pat McCrory said it would be ...': a new sentence
    comma = before.find(",")
    if comma != -1:  # '“...,” Jane Doe, a spokeswoman for X, said'
        return last_np(text, offset, offset + comma)
    return last_np(text, offset, offset + verb.start())


def final_attribution(text: str, q_end: int, limit: int, verbs: ReportingVerbs) -> Span | None:
    """'“...” to drive up the price, she said.': the attribution closing the quote's sentence
    ('..., he said on Tuesday.', '..., she told CNN.' too)."""
    end = clause_end(text, q_end, limit)
    commas = [m.start() for m in re.finditer(r",", text[q_end:end])]
    for index, comma in enumerate(commas):
        seg_start = q_end + comma + 1
        seg_end = q_end + commas[index + 1] if index + 1 < len(commas) else end
        if re.search(r"[;:!?“”\"]", text[seg_start:seg_end]) or seg_end - seg_start > 130:
            continue
        verb = verbs.first_verb(text, seg_start, seg_end)
        if verb is None or not text[seg_start : verb.start()].strip():
            continue
        tail = text[verb.end() : seg_end].strip()
        if tail and not (
            _ADJUNCT.match(tail)
            or verb.group().lower() in quote_words().object_verbs
            and len(tail.split()) <= 4
            and not _NEW_CLAUSE.search(tail)
        ):
            continue
        span = last_np(text, seg_start, verb.start())
        if span is not None:
            return span
    for match in _FINAL_INVERTED.finditer(text, q_end, end):  # '..., said RoseAnn DeMoro'
        if match.group(1).lower() in verbs.reporting:
            return first_np(text, match.start(2), match.end(2))
    return None


def _bare_attribution(rest: str, verbs: ReportingVerbs) -> bool:
    """'“...” said the ruling.' / '“...” Mr. Mica said.': an attribution despite a missing comma."""
    verb = verbs.first_verb(rest, 0, 80)
    if (
        verb is None
        or len(rest[: verb.start()].split()) > 5
        or re.search(r"[,;:.]", rest[: verb.start()])
    ):
        return False
    return verb.start() == 0 or bool(re.match(r"\s*(?:[.,;]|$|on\b|in\b|at\b)", rest[verb.end() :]))


def head_span(text: str, floor: int, q_start: int, verbs: ReportingVerbs) -> HeadAttribution | None:
    """'X said: “...”', 'X told reporters that “...”', 'According to X, “...”' before the quote.

    Returns the speaker phrase and where the reported statement begins, or None.
    """
    head = text[floor:q_start]
    according = verbs.according_re.search(head)
    if according and not ends_sentence(text, floor + according.end(), q_start):
        stop = re.search(r"[,:]", head[according.end() :])
        end = floor + according.end() + (stop.start() if stop else len(head) - according.end())
        span = first_np(text, floor + according.end(), end)
        return HeadAttribution(span, skip_space(text, end + 1)) if span else None
    put_it = _PUT_IT.search(head)
    if put_it:  # 'as an American diplomat put it, an “extreme makeover”'
        span = last_np(text, floor + put_it.start(1), floor + put_it.end(1))
        if span:
            return HeadAttribution(span, skip_space(text, floor + put_it.end()))
    found = [v for v in verbs.find_verbs(head) if len(head[v.end() :].split()) <= 25]
    if not found:
        colon = head.rstrip().endswith(":")  # 'Democratic Sen. Claire McCaskill scolded him: “'
        span = sentence_subject(text, floor, floor + len(head.rstrip()) - 1) if colon else None
        if span is None and head.rstrip().endswith(","):
            span = short_clause_subject(text, floor, floor + len(head.rstrip()) - 1)
        return HeadAttribution(span, q_start) if span else None
    nearest = _verb_with_subject(text, floor, q_start, found, verbs)
    if nearest is not None:
        return nearest
    first = found[0]
    if not head[: first.start()].strip():  # 'Said Ellis: “...”'
        span = first_np(text, floor + first.end(), q_start)
        return HeadAttribution(span, q_start) if span else None
    span = sentence_subject(text, floor, floor + found[-1].start())
    if span is None:
        return None
    return HeadAttribution(span, _after_cue(text, floor + found[-1].end(), q_start))


def _verb_with_subject(
    text: str, floor: int, q_start: int, found: list[re.Match[str]], verbs: ReportingVerbs
) -> HeadAttribution | None:
    """The verb nearest the quote that has a subject ('Clinton says Trump's tweets were “...”'
    rests on 'says', not on the noun 'tweets'), a named subject before a pronoun one."""
    head = text[floor:q_start]
    nearest = None
    for verb in reversed(found):
        span = subject_before(text, floor, floor + verb.start())
        if (
            span is None
            and head[: verb.start()].rstrip().endswith(",")
            and verb.group().lower() in verbs.reporting
            and not verb.group().endswith("ing")
        ):
            # '..., said Ellis, “...”': only a verb of saying puts its subject after it
            stop = _STOP_AFTER_VERB.search(text, floor + verb.end(), q_start)
            span = first_np(text, floor + verb.end(), stop.start() if stop else q_start)
        if span is None:
            continue
        if nearest is None:
            nearest = HeadAttribution(span, _after_cue(text, floor + verb.end(), q_start))
        if text[span.start : span.end].lower() not in quote_words().pronouns:
            # 'Lynch said she recalled thinking, “...”' rests on Lynch, who reports it.
            return HeadAttribution(span, _after_cue(text, floor + verb.end(), q_start))
    return nearest


def _after_cue(text: str, pos: int, q_start: int) -> int:
    """Skip the listener and punctuation after a reporting verb: 'told reporters that' -> 'that'."""
    gap = re.match(
        r"(?:\s+(?:reporters|journalists|him|her|them|us|me))?[\s:,]*", text[pos:q_start]
    )
    return pos + (gap.end() if gap else 0)
