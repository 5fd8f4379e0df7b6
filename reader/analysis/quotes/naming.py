"""A speaker shown by name when the article names them anywhere: 'the spokesman' is Nick Merrill
when the text says 'Nick Merrill, the campaign's spokesman' or 'spokesman Nick Merrill'; a
description stays only when the article never names who it describes.

Titles that say a person's sex keep 'she' from pointing back to a 'Mr.' and 'Mrs. Clinton' from
being shown as the Bill Clinton the entity layer may have joined her to.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from reader.analysis.quotes.chunker import first_np
from reader.analysis.quotes.eligible import can_speak
from reader.analysis.quotes.sentences import sentence_start
from reader.analysis.quotes.speakers import Resolver, Speaker, type_name
from reader.analysis.quotes.subjects import subject_before
from reader.analysis.quotes.verbs import reporting_verbs
from reader.analysis.quotes.words import quote_words, verb_words

if TYPE_CHECKING:
    from reader.analysis.entities import Mention

_DEFINITE = re.compile(r"(?:the|his|her|its|their)\s+", re.IGNORECASE)
_MALE = re.compile(r"(?:Mr|Sir|Lord|King|Prince)\.?\s")
_FEMALE = re.compile(r"(?:Mrs|Ms|Miss|Mme|Madam|Lady|Queen|Princess|Dame)\.?\s")


def title_sex(words: str) -> str | None:
    """'male' for 'Mr. Rose', 'female' for 'Mrs. Clinton', None without such a title."""
    if _MALE.match(words):
        return "male"
    if _FEMALE.match(words):
        return "female"
    return None


def _modifier(word: str | None) -> str:
    """The title modifier a word is ('vice' of 'Vice President'), or '' for any other word."""
    bare = (word or "").lower().rstrip(".")
    return bare if bare in quote_words().title_modifiers else ""


def _describes(text: str, mention: Mention, head: str, resolver: Resolver, office: str) -> bool:
    """True when the text puts the description's head word (after `office`, the title modifier
    of the description, or '') beside the name: 'Nick Merrill, the campaign's spokesman',
    'spokesman Nick Merrill', 'Gov. Rick Perry' (a governor), 'the first lady, Jill Biden,';
    not 'Vice President Joe Biden' for 'the president', and not a word of another name there
    ('Reince Priebus, the chairman of the Republican National Committee' is no committee)."""
    word = re.escape(head)
    after = text[mention.end : mention.end + 90]
    found = re.match(rf"\s*,\s*(?:[\w’'.\-]+\s+){{0,6}}?({word})\b", after, re.IGNORECASE)
    if found:
        at = mention.end + found.start(1)
        if any(m.start <= at < m.end for m in resolver.mentions_in(at - 90, at + len(head))):
            return False
        following = re.match(r"\s+([a-z]+)", after[found.end(1) :])
        if (
            following
            and following.group(1) in verb_words()
            and following.group(1) not in reporting_verbs().verbs
        ):
            # 'After meeting Ann Vale, the senator issued a statement', but 'Ann Vale, the
            # union's lawyer said'
            return False
        return re.search(rf"^[^.;:!?]*?\b{word}\b", after, re.IGNORECASE) is not None
    before = text[max(0, mention.start - 60) : mention.start]
    titled = re.search(rf"(\S+)?\s*\b{word}\s*,?\s*$", before, re.IGNORECASE)
    if titled:  # 'Vice President Joe Biden' is 'the vice president', not 'the president'
        return _modifier(titled.group(1)) == office
    # a title written short: 'Gov. Rick Perry' is a governor, 'Sen. Ann Vale' a senator
    short = re.search(r"\b([A-Za-z]{3,})\.\s*$", before)
    if short is None or short.group(1).lower() not in quote_words().abbreviations:
        return False
    return head.lower().startswith(short.group(1).lower())


def named(
    text: str, speaker: Speaker, resolver: Resolver, quotes: list[tuple[int, int]]
) -> Speaker:
    """The speaker by name when the article names the person or organisation a definite
    description stands for; the speaker itself otherwise (`quotes`: the article's quotes)."""
    if speaker.key is not None:
        return _checked_title(text, speaker, resolver)
    words = speaker.name  # the phrase's words, or those a pronoun stands for
    if words.lower() == "it":  # 'The label released a statement. “...,” it said'
        return _document_author(text, speaker, None, resolver, quotes) or speaker
    apposed = _apposed_name(text, speaker, resolver)
    if apposed is not None:
        return apposed
    body = _body_of(text, speaker, resolver)
    if body is not None:
        return body
    definite = _DEFINITE.match(words)
    if definite is None and words.split()[-1].lower() in quote_words().document_nouns:
        # '“...,” read a statement from the party': whoever the text says it is from
        return _document_source(text, speaker, resolver, quotes) or speaker
    if definite is None or words.rstrip().endswith("s") and not words.endswith("ss"):
        return speaker  # 'a source', 'officials': not one person the text may name
    head = re.sub(r"[’']s$", "", words.split()[-1])
    if head.lower() in quote_words().document_nouns:
        return _document_author(text, speaker, head, resolver, quotes) or speaker
    if not head.isalpha():
        return speaker
    parts = words.split()
    office = _modifier(parts[-2]) if len(parts) > 1 else ""
    lex = quote_words()
    organised = head.lower() in lex.organisation_nouns
    kinds = ("organisation", "group") if organised else ("person",)
    described = [
        m
        for m in resolver.mentions
        if type_name(m) in kinds and _describes(text, m, head, resolver, office)
    ]
    if described:
        earlier = [m for m in described if m.start < speaker.start]
        return _as_speaker(earlier[-1] if earlier else described[0], speaker, resolver)
    if head[:1].isupper() and head.lower() not in lex.member_nouns:
        return speaker  # a capitalised head names a person only: 'the President'
    found = _named_body(speaker, words, resolver)
    if found is not None:
        return found
    if not organised and head.lower() not in lex.office_nouns | lex.member_nouns:
        return speaker  # 'the spokesman' is not the senator the sentence before is about
    antecedent = _subject_antecedent(text, speaker, resolver, quotes, kinds)
    return speaker if antecedent is None else _as_speaker(antecedent, speaker, resolver)


def _as_speaker(mention: Mention, speaker: Speaker, resolver: Resolver) -> Speaker:
    """`speaker` shown as the entity of `mention`."""
    name = resolver.names.get(mention.key, mention.text)
    return Speaker(name, mention.key, speaker.start, speaker.end)


def _subject_antecedent(
    text: str,
    speaker: Speaker,
    resolver: Resolver,
    quotes: list[tuple[int, int]],
    kinds: tuple[str, ...],
) -> Mention | None:
    """The entity of one of `kinds` that is the subject of the sentence before the description
    ('Tom Reed was also unhappy. “...,” the West Virginia Democrat said'; 'The Daily Planet
    chastised them. “...,” the paper said'), skipping he, she, it and the description itself;
    None when that subject is something else."""
    for subject in resolver.subjects_before(speaker.start, quotes):
        if subject.start < speaker.end and speaker.start < subject.end:
            continue
        if text[subject.start : subject.end].lower() in quote_words().pronouns:
            continue
        if kinds == ("person",):
            person = resolver.subject_person(subject)
            lead = text[subject.start : person.start].split() if person is not None else []
            # the person opens the subject ('Sen. Ann Vale', 'Ann Vale, a Democrat,', '“...,”
            # says Ann Vale'), not 'The governor met Tom Hale'
            verbs = reporting_verbs().verbs
            return person if all(w[:1].isupper() or w in verbs for w in lead) else None
        found = [
            m
            for m in resolver.mentions_in(*subject)
            if type_name(m) in kinds and not resolver.possessor(m)
        ]
        return found[0] if found else None
    return None


def _named_body(speaker: Speaker, words: str, resolver: Resolver) -> Speaker | None:
    """'the Democratic committee' is the Democratic National Committee the article names: the
    last organisation named before it whose name ends in the description's head word and
    holds its other words."""
    wanted = [w.lower() for w in words.split()[1:]]
    found = None
    for m in resolver.mentions:
        if m.start >= speaker.start:
            break
        name = resolver.names.get(m.key, m.text)
        parts = [w.lower() for w in name.split()]
        if (
            type_name(m) == "organisation"
            and parts[-1:] == wanted[-1:]
            and set(wanted) <= set(parts)
        ):
            found = m
    if found is None:
        return None
    return _as_speaker(found, speaker, resolver)


_ISSUED = (
    r"(?:issued|released|sent|wrote|published|posted|put\s+out|filed|signed|tweeted"
    r"|(?:said|says|added|wrote)\s+in)"  # 'the US military said in a statement'
)


def _document_author(
    text: str,
    speaker: Speaker,
    head: str | None,
    resolver: Resolver,
    quotes: list[tuple[int, int]],
) -> Speaker | None:
    """'Ann Blake issued a statement on Friday. “...,” the statement said': the person or
    organisation the text says issued the document ('filed a lawsuit' for 'the suit', 'said in
    a statement'; any document for 'it') within the 400 characters before it, or the phrase
    that issued it when it names no entity ('The bishops sent a letter', 'the US military')."""
    source = None if head is None else _document_source(text, speaker, resolver, quotes)
    if source is not None:
        return source
    floor = max(0, speaker.start - 400)
    nouns = (
        re.escape(head)
        if head is not None
        else "(?:" + "|".join(map(re.escape, sorted(quote_words().document_nouns))) + ")"
    )
    pattern = re.compile(
        rf"{_ISSUED}\s+(?:a|an|the|his|her|its|their|another|this|that)\s+(?:[\w’'\-]+\s+){{0,3}}?[\w\-]*{nouns}\b",
        re.IGNORECASE,
    )
    found = list(pattern.finditer(text, floor, speaker.start))
    if not found:
        if head is None:
            return None
        return _owner_of_document(text, speaker, floor, resolver, quotes)
    verb = found[-1].start()
    line_start = text.rfind("\n", 0, verb) + 1
    subject = subject_before(text, sentence_start(text, verb, line_start), verb)
    if subject is None:
        return None
    for kind in ("person", "organisation", "group"):
        mentions = [m for m in resolver.mentions_in(*subject) if type_name(m) == kind]
        if mentions:
            first = mentions[0]  # 'William Blake, a lawyer for Carl Dunn, issued': the lawyer
            return _as_speaker(first, speaker, resolver)
    words = text[subject.start : subject.end]
    if words.lower() == "they":  # 'Big Machine have denied it. ... they put out a statement'
        group = resolver.plural_antecedent(subject.start, quotes)
        if group is not None and group[1] is not None:
            return Speaker(group[0], group[1], speaker.start, speaker.end)
    if words.lower() in quote_words().pronouns:
        return None  # a pronoun issues nothing that can be shown
    places = [m for m in resolver.mentions_in(*subject) if m.end == subject.end]
    if places:
        # a place speaks for its government as a verb's subject ('the White House said in a
        # memo'), never after a preposition or as a fragment ('R-Texas said')
        if can_speak(text, subject, resolver, reporting_verbs()):
            return _as_speaker(places[-1], speaker, resolver)
        return None
    return Speaker(words, None, speaker.start, speaker.end)  # 'The bishops sent a letter'


_SOURCE = re.compile(r"\s+(?:from|by|of)\s+")
_OWNED_DOCUMENT = re.compile(r"[’']s\s+(?:[\w\-]+\s+){0,2}?(\w+)\b")


def _owner_of_document(
    text: str,
    speaker: Speaker,
    floor: int,
    resolver: Resolver,
    quotes: list[tuple[int, int]],
) -> Speaker | None:
    """'Treasury's analysis forecasts ... “...,” the report said': the organisation or person
    whose document the text last names before `speaker` (a document noun after a possessive),
    within text[floor:]."""
    nouns = quote_words().document_nouns
    for mention in reversed(resolver.mentions_in(floor, speaker.start)):
        owned = _OWNED_DOCUMENT.match(text, mention.end)
        if (
            owned
            and owned.group(1).lower() in nouns
            and type_name(mention) in ("person", "organisation", "group")
            and not any(qs <= mention.start < qe for qs, qe in quotes)  # not inside a quote
        ):
            return _as_speaker(mention, speaker, resolver)
    return None


def _document_source(
    text: str, speaker: Speaker, resolver: Resolver, quotes: list[tuple[int, int]]
) -> Speaker | None:
    """'the statement from Carl Dunn’s attorney, Ann Blake': whoever the document is from, the
    name in apposition first, a possessor ('Carl Dunn’s attorney') never; a description the
    article names ('a statement from the party' after 'the Nevada Republican Party')."""
    gap = _SOURCE.match(text, speaker.end)
    if gap is None:
        return None
    stop = min(
        (i for i in (text.find(".", gap.end()), text.find("\n", gap.end())) if i != -1),
        default=len(text),
    )
    found = [
        m
        for m in resolver.mentions_in(gap.end(), min(stop, gap.end() + 90))
        if type_name(m) in ("person", "organisation", "group")
        and "(" not in text[gap.end() : m.start]  # not the '(D-Nev.)' after the source
        and (
            _OWN_OFFICE.match(text, m.end)  # 'from Senator Ann Vale's office': hers
            or not _NAME_GOES_ON.match(text, m.end)  # no possessor, no part of a longer name
        )
    ]
    if not found:
        phrase = first_np(text, gap.end(), min(stop, gap.end() + 60))
        if phrase is None or not _DEFINITE.match(text, phrase.start):
            return None
        source = Speaker(text[phrase.start : phrase.end], None, phrase.start, phrase.end)
        shown = named(text, source, resolver, quotes)
        return None if shown.key is None else replace(shown, start=speaker.start, end=speaker.end)
    apposed = [m for m in found if text[max(0, m.start - 3) : m.start].rstrip().endswith(",")]
    chosen = (apposed or found)[0]
    return _as_speaker(chosen, speaker, resolver)


_OWN_OFFICE = re.compile(r"[’']s\s+(?:office|campaign)\b")
_OF_BODY = re.compile(r"\s+(?:from|of|at|with)\s+(?:the\s+)?")
_NAME_GOES_ON = re.compile(r"\s+[A-Z]|[’']s?\b")


def _body_of(text: str, speaker: Speaker, resolver: Resolver) -> Speaker | None:
    """'a team from the Kaiser Family Foundation': a description is shown with the
    organisation it belongs to, named right after it."""
    gap = _OF_BODY.match(text, speaker.end)
    if gap is None:
        return None
    for mention in resolver.mentions_in(gap.end(), gap.end() + 90):
        if (
            mention.start == gap.end()
            and type_name(mention) == "organisation"
            and not _NAME_GOES_ON.match(text, mention.end)  # not 'from Senate Majority Leader'
        ):
            words = " ".join(text[speaker.start : mention.end].split())
            return Speaker(words, None, speaker.start, speaker.end)
    return None


def _apposed_name(text: str, speaker: Speaker, resolver: Resolver) -> Speaker | None:
    """'One member of the leadership, Rep. Cathy McMorris Rodgers, told ...': the person named
    right after the description, set off by a comma."""
    mention = resolver.apposed_person(speaker.end)
    return None if mention is None else _as_speaker(mention, speaker, resolver)


def _checked_title(text: str, speaker: Speaker, resolver: Resolver) -> Speaker:
    """The mention's own words when its title's sex differs from another mention of the same
    entity ('Mrs. Clinton' joined to a 'Mr. Clinton')."""
    words = text[speaker.start : speaker.end]
    sex = title_sex(words)
    if sex is None:
        return speaker
    others = {title_sex(m.text) for m in resolver.mentions if m.key == speaker.key}
    if others - {sex, None}:
        return Speaker(words, None, speaker.start, speaker.end)
    return speaker
