"""A shallow noun-phrase chunker: the phrase that opens or ends a stretch of text, which is where
a speaker stands around a reporting verb ('said John Kerry', 'the senior official said')."""

from __future__ import annotations

import re
from typing import NamedTuple

from reader.analysis.quotes.model import Span
from reader.analysis.quotes.verbs import reporting_verbs
from reader.analysis.quotes.words import non_speakers, quote_words, verb_words

# Endings of adverbs news text has that tagged text may not ('Brooke tearfully asked').
_ADVERB_ENDINGS = (
    "fully",
    "ously",
    "ately",
    "edly",
    "ingly",
    "ently",
    "antly",
    "ically",
    "ively",
    "lessly",
)
_TIME_LEADS = frozenset({"late", "early", "last", "next", "this"})  # 'late Tuesday'
_TOKEN = re.compile(r"\w[\w’'.\-]*")
_ASIDE = re.compile(r"\s*(?:\([^()]{1,60}\)|[-–—]\s[^-–—]{1,120}\s[-–—])\s*$")


class Token(NamedTuple):
    """One word of the text and its offsets."""

    start: int
    end: int
    word: str


def _tokens(text: str, start: int, end: int) -> list[Token]:
    return [Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]


def first_np(text: str, start: int, end: int) -> Span | None:
    """The noun phrase at the start of text[start:end]: a pronoun, 'the statement', 'John Kerry'."""
    lex = quote_words()
    tokens = _tokens(text, start, end)
    if not tokens:
        return None
    first = tokens[0].word.lower()
    if first in lex.pronouns:
        return Span(tokens[0].start, tokens[0].end)
    taken: list[Token] = []
    lead = 0  # 'retired Army Lt. Gen. Mick Bednarek', 'former Gov. Jeb Bush'
    while (
        lead < 2
        and lead + 1 < len(tokens)
        and tokens[lead].word.islower()
        and tokens[lead].word not in lex.determiners | lex.np_break
    ):
        lead += 1
    if not (lead and lead < len(tokens) and tokens[lead].word[:1].isupper()):
        lead = 0
    taken.extend(tokens[:lead])
    window = tokens[lead:9]
    for index, tok in enumerate(window):
        word = tok.word
        lower = word.lower()
        if (
            taken
            and word.islower()
            and taken[0].word[:1].isupper()
            and _title_words_before_a_name(text, window, index)
        ):
            taken.append(tok)  # 'Republican presidential nominee Donald Trump'
            continue
        starts = not taken and lower in lex.determiners and lower != "that"
        if taken and taken[-1].word.endswith(".") and not is_abbreviation(taken[-1].word):
            break  # 'said Kerry. The talks ...': the name ended with the sentence
        if taken and text[taken[-1].end : tok.start].strip():
            break  # 'Bernie Sanders, the Vermont senator': a comma ends the phrase
        if (
            starts
            or word[:1].isupper()
            or word[:1].isdigit()
            or (taken and lower in lex.name_links)
        ):
            taken.append(tok)
        elif (
            taken
            and (taken[0].word.lower() in lex.determiners or _possessive(taken[-1].word))
            and len(taken) < 5
            and word.rstrip(".").isalpha()
            and lower not in reporting_verbs().verbs
            and lower not in lex.np_break | lex.filler | lex.irregular_past
            and lower not in verb_words()
            and not lower.endswith(("ing", "ed", "ly"))
        ):
            taken.append(tok)  # the analyst, a senior official; not 'the aide also took'
        else:
            break
    cut = next((i for i, t in enumerate(taken) if i and _is_time(t.word)), len(taken))
    del taken[cut:]  # 'a statement late Tuesday': the time is no part of the phrase
    while taken and taken[-1].word.lower() in lex.name_links | lex.determiners | _TIME_LEADS:
        taken.pop()
    if not taken:
        return None
    end = taken[-1].end
    last = taken[-1].word
    if last.endswith(".") and not is_abbreviation(last):
        end -= 1  # the sentence's full stop, not part of the name
    return Span(taken[0].start, end)


def _possessive(word: str) -> bool:
    """True for a name that owns the noun after it: 'Grimm’s' of 'Grimm’s lawyer'; not
    'That’s', 'It’s', 'Let’s'."""
    stem = word[:-2].lower()
    lex = quote_words()
    return (
        word[:1].isupper()
        and word.endswith(("’s", "'s"))
        and stem not in lex.pronouns | lex.demonstratives | non_speakers().function_words
        and stem != "let"
    )


def _is_time(word: str) -> bool:
    """True for a word of time: 'Tuesday', 'September', 'tonight'."""
    return word.lower() in non_speakers().time_words


def _title_words_before_a_name(text: str, tokens: list[Token], index: int) -> bool:
    """True when tokens[index] starts one or two lower-case title words that run, with spaces
    only, into a capitalised word ('presidential nominee Donald Trump', 'president and CEO
    Sarah Kate Ellis')."""
    lex = quote_words()
    for ahead in range(index, min(index + 3, len(tokens))):
        word = tokens[ahead].word
        if text[tokens[ahead - 1].end : tokens[ahead].start] != " ":
            return False
        if word[:1].isupper():
            return ahead > index
        if word == "and" and (ahead > index or tokens[index - 1].word.islower()):
            continue  # 'GLAAD president and CEO Sarah Kate Ellis'
        if (
            not word.isalpha()
            or word in lex.np_break
            or word in lex.determiners
            or word in reporting_verbs().verbs
            or word.endswith(("ing", "ly", "ed", "s"))
        ):
            return False
    return False


def is_abbreviation(word: str) -> bool:
    """'Del.', 'U.S.', 'J.' (an initial): a full stop that does not end the sentence."""
    bare = word.lower().rstrip(".")
    return bare in quote_words().abbreviations or len(bare) == 1 or "." in bare


def last_np(text: str, start: int, end: int) -> Span | None:
    """The noun phrase that ends text[start:end] (the subject just before a reporting verb)."""
    lex = quote_words()
    aside = _ASIDE.search(text, start, end)
    if aside:  # 'Rep. John Mica (R-Fla.) said', 'the seven countries - the US, UK - said'
        end = aside.start()
    tokens = _tokens(text, start, end)
    while (
        tokens
        and tokens[-1].word[:1].islower()
        and (
            tokens[-1].word.lower() in lex.filler
            or tokens[-1].word in verb_words()
            or tokens[-1].word.endswith(_ADVERB_ENDINGS)
        )
    ):
        tokens.pop()  # 'he also', 'The report goes on to', 'the minister actually'
    if not tokens:
        return None
    if re.search(r"[^\w\s]", text[tokens[-1].end : end]):
        return None  # punctuation between the phrase and the verb
    last = tokens[-1]
    pronoun = _pronoun(last)
    if pronoun is not None:
        return pronoun
    if last.word in lex.np_break or last.word in lex.time_nouns or _is_time(last.word):
        # 'She followed that by saying', 'Trump at the time said', 'released a statement late
        # Tuesday saying': no subject
        return None
    return _speaking_phrase(_phrase_ending(text, tokens[-9:]))


def _pronoun(token: Token) -> Span | None:
    """The pronoun a phrase ends in: 'he', and the 'he' of 'he’d asked'."""
    pronouns = quote_words().pronouns
    if token.word.lower() in pronouns:
        return Span(token.start, token.end)
    contracted = re.match(r"(\w+)[’'](?:d|ll|s|ve|re)$", token.word)
    if contracted and contracted.group(1).lower() in pronouns:
        return Span(token.start, token.start + contracted.end(1))
    return None


def _phrase_ending(text: str, tokens: list[Token]) -> list[Token]:
    """The words of the phrase that ends `tokens`, back to its determiner, a comma or a bracket."""
    lex = quote_words()
    taken: list[Token] = []
    for tok in reversed(tokens):
        word = tok.word
        if taken and text[tok.end : taken[-1].start].strip():
            break  # a comma or bracket ends the phrase
        lower = word.lower()
        if word[:1].isupper() or (taken and lower in lex.name_links):
            taken.append(tok)
        elif lower in lex.determiners:
            taken.append(tok)
            break
        elif lower in lex.np_break | lex.filler:
            break  # 'Mr. Netanyahu is shown saying': no subject right before the verb
        elif not taken or (len(taken) < 4 and word.isalpha() and word.islower()):
            taken.append(tok)  # official, source, spokesman: look further back for a determiner
        else:
            break
    taken.reverse()
    while taken and taken[0].word.lower() in lex.name_links - {"the"}:
        taken.pop(0)
    return taken


def _speaking_phrase(taken: list[Token]) -> Span | None:
    """The phrase's span when it can be a speaker: a name, a determiner's phrase, a plural."""
    lex = quote_words()
    if not taken or len(taken) == 1 and taken[0].word.lower() in lex.demonstratives:
        return None  # 'urging those calling for his exit': no speaker
    first = taken[0].word
    plural = len(taken) == 1 and first.endswith("s") and first.isalpha()
    titled = any(t.word[:1].isupper() for t in taken[1:])  # 'spokesman Stuart Roy'
    if not (first[:1].isupper() or first.lower() in lex.determiners or plural or titled):
        return None  # bare lower-case words speak only as plurals: "sources", "officials"
    return Span(taken[0].start, taken[-1].end)
