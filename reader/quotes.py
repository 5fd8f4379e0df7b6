"""Quoted statements in an article: where they are, and who said them.

`extract_quotes(text)` finds every quoted span in the cleaned text (straight and curly double
quotes, single quotes that quote rather than elide, « » and „ “, quotes that run over several
paragraphs, nested quotes, a quote closed with two apostrophes) and attributes each to a speaker
where the text says who spoke: "X said", "said X", "X told reporters that", "according to X",
"X, who ..., said", "the statement said", a speaker named in the sentence before a quote that
opens a paragraph, and "he"/"she" pointing back to the last person named. Unbalanced marks are
recovered locally: a quote never runs past the end of its paragraph unless the next paragraph
reopens it, so one stray mark never swallows the rest of the article.

Speakers link to the entity layer (`reader.entities`): "Lavrov" and "Sergey Lavrov" are one
speaker, with one key. Speakers that are not named entities ("the statement", "a source") keep
their words as the name and have no key.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.config import load_table, table_cache

if TYPE_CHECKING:
    from reader.entities import ArticleEntities, Mention

STATEMENT = "statement"
PHRASE = "phrase"
PHRASE_MAX_WORDS = 3


@dataclass(frozen=True)
class Quote:
    """One quoted span of an article.

    `start`/`end` cover the span as printed, quotation marks included (`article.text[start:end]`);
    `text` is the quoted words without the outer marks and without the comma American style
    puts inside them (a quote over several paragraphs is joined with single spaces, without the
    marks that reopen it). `kind` is "statement", or
    "phrase" for one to three quoted words (scare quotes, titles). `speaker` is the speaker's
    canonical display name ("Sergey Lavrov", or the words of an unnamed source such as
    "the statement"), `speaker_key` the entity key when the speaker is a known entity, and
    `speaker_start`/`speaker_end` the mention the attribution rests on (a pronoun included).
    """

    start: int
    end: int
    text: str
    kind: str
    speaker: str | None = None
    speaker_key: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    statement_start: int | None = None
    statement_end: int | None = None

    @property
    def statement(self) -> tuple[int, int]:
        """The reported statement the quoted words belong to, as (start, end) offsets.

        The quote itself for a direct quote; for words quoted inside reported speech
        ('Kerry said the strikes were “a mistake” and must stop'), the whole reported clause
        after the reporting verb, and for a sentence that ends in a quote attributed after it
        ('The plan is “dangerous,” he said'), the sentence up to the quote's end.
        """
        start = self.start if self.statement_start is None else self.statement_start
        end = self.end if self.statement_end is None else self.statement_end
        return start, end


# --- the reporting-verb table ------------------------------------------------------------------

_ALPHA = re.compile(r"(?<![\w-])[^\W\d_]+(?![\w-])")  # whole words: not "so-called"


@dataclass(frozen=True)
class _Words:
    verbs: frozenset[str]  # every attributing verb form
    reporting: frozenset[str]  # those that report a statement on their own ("said", "told")
    according_re: re.Pattern[str]

    def find_verbs(self, text: str, start: int = 0, end: int | None = None) -> list[re.Match]:
        """The reporting verbs of text[start:end], in order."""
        stop = len(text) if end is None else end
        return [
            m
            for m in _ALPHA.finditer(text, start, stop)
            if m.group().lower() in self.verbs and _is_verb(text, m)
        ]

    def first_verb(self, text: str, start: int = 0, end: int | None = None) -> re.Match | None:
        stop = len(text) if end is None else end
        return next(
            (
                m
                for m in _ALPHA.finditer(text, start, stop)
                if m.group().lower() in self.verbs and _is_verb(text, m)
            ),
            None,
        )


# Words before which a verb form is a noun: 'his comments', 'Trump's remarks', 'in reports'.
_NOUN_CONTEXT = re.compile(
    r"(?:(?<![\w’'])(?:the|a|an|his|her|their|its|our|my|your|these|those|this|such|"
    r"in|of|with|from|amid|despite|about|whose)|\w[’']s|s[’'])\s+$",
    re.IGNORECASE,
)


def _is_verb(text: str, match: re.Match[str]) -> bool:
    """False for a verb form used as a noun or inside a name: 'United States', 'Trump's
    comments', 'in remarks to reporters' (a gerund after a preposition stays a verb:
    'by saying')."""
    before = text[max(0, match.start() - 20) : match.start()]
    word = match.group()
    if (
        word[:1].isupper()
        and re.search(r"[\w,;’'\-]\s*$", before)
        and not _in_headline(text, match.start())
    ):
        return False  # capitalised inside a sentence: part of a name or title
    if word.endswith("ing"):
        return True
    noun = _NOUN_CONTEXT.search(before)
    if noun and re.search(r"[’']s?\s+$", noun.group()):
        # 'Trump's claim that ...' reports what Trump claimed; 'Trump's comments “are”' does not
        return bool(re.match(r"\s+that\b", text[match.end() : match.end() + 6]))
    return noun is None


def _in_headline(text: str, pos: int) -> bool:
    """True inside a headline line in title case ('Glenn Beck Says Trump Is Wrong')."""
    start = text.rfind("\n", max(0, pos - 300), pos) + 1
    end = text.find("\n", pos, pos + 300)
    words = [w for w in text[start : end if end != -1 else pos + 300].split() if len(w) > 3]
    return len(words) >= 3 and sum(w[:1].isupper() for w in words) >= 0.8 * len(words)


def _inflections(base: str) -> set[str]:
    forms = {base}
    if base.endswith("e"):
        forms |= {base + "s", base + "d", base[:-1] + "ing"}
    elif base.endswith("y") and base[-2:-1] not in "aeiou":
        forms |= {base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    elif base.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {base + "es", base + "ed", base + "ing"}
    else:
        forms |= {base + "s", base + "ed", base + "ing"}
        if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", base):  # snap -> snapped, admit -> admitted
            forms |= {base + base[-1] + "ed", base + base[-1] + "ing"}
    return forms


@table_cache
def _words() -> _Words:
    table = load_table("quote_verbs")
    irregular = {str(k).lower(): v for k, v in (table.get("irregular") or {}).items()}

    def forms_of(key: str) -> set[str]:
        forms: set[str] = set()
        for base in table.get(key) or ():
            base = str(base).lower()
            forms |= _inflections(base) | {str(w).lower() for w in irregular.get(base) or ()}
        return forms

    reporting = forms_of("verbs")
    according = "|".join(
        re.escape(str(p)).replace(r"\ ", r"\s+") for p in table.get("according") or ()
    )
    return _Words(
        frozenset(reporting | forms_of("framing")),
        frozenset(reporting),
        re.compile(rf"\b(?:{according or '(?!x)x'})\s+", re.IGNORECASE),
    )


# --- finding quoted spans ----------------------------------------------------------------------

# Three apostrophes after a word close a single quote, then a double one (NYT: "Fox,''' said").
_MARK = re.compile(r"(?<=[^\s'’])['’](?=['’]{2}(?!['’]))|’’|''|‘‘|``|,,|[\"“”„‟«»‘’'‚‹›]")
_DOUBLE = {'"', "“", "”", "„", "‟", "«", "»", "’’", "''", "‘‘", "``", ",,"}
_OPENERS = {"“", "„", "‟", "«", "‘‘", "``", ",,", "‘", "‚", "‹"}
_CLOSERS = {"”", "»", "’’", "''", "’", "›"}
_LEFT_CONTEXT = set(" \t\n([{—–-/")  # a mark after these opens
_RIGHT_CONTEXT = set(" \t\n)]}—–-.,;:!?/…")  # a mark before these closes


@dataclass(frozen=True)
class _Mark:
    pos: int
    end: int
    double: bool
    can_open: bool
    can_close: bool


def _classify(text: str, match: re.Match[str]) -> _Mark | None:
    glyph, pos, end = match.group(), match.start(), match.end()
    before = text[pos - 1] if pos > 0 else "\n"
    after = text[end] if end < len(text) else "\n"
    left_open = before in _LEFT_CONTEXT or before in "\"“”„«»‘’'‚‹›"
    if before in "'’" and pos >= 2 and text[pos - 2] not in _LEFT_CONTEXT and glyph in _CLOSERS:
        left_open = False  # the double closer after a single one: 'Friends,'''
    right_open = after in _RIGHT_CONTEXT or after in "\"“”„«»‘’'‚‹›"
    double = glyph in _DOUBLE
    if not double and before.isalnum() and after.isalnum():
        return None  # an apostrophe inside a word: don't, Russia’s
    if glyph in "«‹":  # guillemets are unambiguous, French spacing included
        can_open, can_close = True, False
    elif glyph in "»›":
        can_open, can_close = False, True
    elif glyph in _OPENERS:
        can_open = not right_open or (double and after in "\"'’”")
        can_close = double and not left_open
    elif glyph in _CLOSERS:
        can_close = not left_open
        can_open = double and left_open and not right_open
    else:  # straight marks decide by their neighbours
        can_open = left_open and not right_open
        can_close = not left_open and (right_open or double)
        if (
            double
            and before == " "
            and text[pos - 2 : pos - 1] in ("'", "’")
            and text[pos - 3 : pos - 2].strip()
        ):
            can_open, can_close = False, True  # '"... a 'flight to quality,' " he said'
    if glyph in "‘'" and can_open and not after.isalpha() and after not in '"“':
        can_open = False  # ‘90s, 'em-dash: single marks only open before a letter
    if not (can_open or can_close):
        return None
    return _Mark(pos, end, double, can_open, can_close)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in re.finditer(r"\n", text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _pair_paragraph(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], _Mark | None]:
    """Outermost quote spans of one paragraph, and a double opener left open at its end."""
    spans: list[tuple[int, int]] = []
    stack: list[_Mark] = []
    for match in _MARK.finditer(text, start, end):
        mark = _classify(text, match)
        if mark is None:
            continue
        if stack:
            closes = [i for i, m in enumerate(stack) if m.double == mark.double]
            if closes and mark.can_close and (mark.double or closes[-1] == len(stack) - 1):
                opener = stack[closes[-1]]
                del stack[closes[-1] :]
                if not stack:
                    spans.append((opener.pos, mark.end))
                continue
            if mark.can_open and len(stack) < 4:
                stack.append(mark)
        elif mark.can_open:
            stack.append(mark)
    doubles = [m for m in stack if m.double]
    return spans, (doubles[0] if doubles else None)


def _quote_spans(text: str) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """(start, end, pieces) of each outermost quote; pieces are its per-paragraph parts."""
    result: list[tuple[int, int, list[tuple[int, int]]]] = []
    pending: list[tuple[int, int]] = []  # the paragraphs of a quote still open from above
    paragraphs = _paragraphs(text)

    def close() -> None:
        result.append((pending[0][0], pending[-1][1], _inner(text, pending)))
        pending.clear()

    for index, (p_start, p_end) in enumerate(paragraphs):
        spans, left_open = _pair_paragraph(text, p_start, p_end)
        reopens_next = index + 1 < len(paragraphs) and _reopens(text, paragraphs[index + 1])
        if pending:
            reopen = _skip_space(text, p_start)
            if spans and spans[0][0] == reopen:  # the quote goes on and ends in this paragraph
                pending.append(spans.pop(0))
                close()
            elif not spans and left_open is not None and left_open.pos == reopen:
                pending.append((reopen, p_end))  # ... and goes on past this one too
                if not reopens_next:
                    close()
                continue
            else:
                close()
        result.extend((s, e, _inner(text, [(s, e)])) for s, e in spans)
        if left_open is not None and not any(s <= left_open.pos < e for s, e in spans):
            pending.append((left_open.pos, p_end))
            if not reopens_next:
                close()  # never closed: it stops at its paragraph's end, nothing beyond is lost
    if pending:
        close()
    result.sort()
    return [q for q in result if q[2] and q[2][0][1] > q[2][0][0]]


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    return pos


def _reopens(text: str, paragraph: tuple[int, int]) -> bool:
    start = _skip_space(text, paragraph[0])
    match = _MARK.match(text, start)
    if match is None:
        return False
    mark = _classify(text, match)
    return mark is not None and mark.double and mark.can_open


def _inner(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Each piece without the quotation marks (and spacing) at its ends."""
    inner = []
    for start, end in pieces:
        opener = _MARK.match(text, start)
        s = opener.end() if opener else start
        closer = re.search(r"(?:’’|''|[\"”»“’'›])$", text[s:end])
        e = s + closer.start() if closer else end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        inner.append((s, e))
    return inner


# --- sentences ---------------------------------------------------------------------------------

_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "gen",
    "col",
    "lt",
    "sgt",
    "capt",
    "cmdr",
    "adm",
    "maj",
    "sen",
    "rep",
    "gov",
    "pres",
    "st",
    "jr",
    "sr",
    "inc",
    "corp",
    "co",
    "ltd",
    "no",
    "vs",
    "rev",
    "hon",
    "u.s",
    "u.k",
    "u.n",
    "d.c",
    "sept",
    "oct",
    "nov",
    "dec",
    "jan",
    "feb",
    "aug",
    "fig",
    "del",
    "supt",
    "insp",
    "det",
    "amb",
    "atty",
    "mt",
    "ft",
    "messrs",
}


def _sentence_start(text: str, pos: int, floor: int) -> int:
    """Start of the sentence containing `pos` (never before `floor`, the paragraph start)."""
    for match in reversed(list(re.finditer(r"[.!?][\"”’']?\s+", text[floor:pos]))):
        cut = floor + match.start()
        word = re.search(r"([\w.]+)$", text[floor:cut])
        if word and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1):
            continue
        return floor + match.end()
    return floor


# --- speakers ----------------------------------------------------------------------------------

_PRONOUNS = {"he", "she", "they", "we", "i", "it"}
_PERSON_PRONOUNS = {"he", "she"}
_DETERMINERS = {
    "the",
    "a",
    "an",
    "his",
    "her",
    "their",
    "its",
    "our",
    "this",
    "that",
    "another",
    "one",
    "two",
    "three",
    "several",
    "many",
    "some",
    "other",
    "both",
    "each",
    "all",
    "most",
    "few",
    "those",
    "these",
    "any",
}
_FILLER = {
    "also",
    "then",
    "later",
    "previously",
    "has",
    "have",
    "had",
    "was",
    "were",
    "is",
    "are",
    "been",
    "would",
    "will",
    "could",
    "repeatedly",
    "again",
    "once",
    "further",
    "reportedly",
    "publicly",
    "recently",
    "earlier",
    "separately",
    "simply",
    "just",
    "flatly",
    "bluntly",
    "quickly",
    "immediately",
    "often",
    "famously",
    "specifically",
    "quoted",
    "as",
    "subsequently",
    "even",
    "did",
    "does",
    "do",
    "not",
    "never",
    "angrily",
    "finally",
    "went",
    "on",
    "to",
    "openly",
    "privately",
    "explicitly",
    "directly",
    "being",
    "be",
}
_NP_BREAK = {
    "without",
    "with",
    "by",
    "in",
    "on",
    "at",
    "for",
    "from",
    "to",
    "of",
    "over",
    "after",
    "before",
    "as",
    "that",
    "which",
    "who",
    "while",
    "and",
    "but",
    "or",
    "during",
    "about",
    "is",
    "was",
    "were",
    "are",
    "has",
    "had",
    "have",
    "will",
    "would",
    "could",
    "can",
    "may",
    "not",
    "into",
}
_NAME_LINKS = {
    "of",
    "the",
    "for",
    "al",
    "el",
    "bin",
    "de",
    "da",
    "von",
    "van",
    "der",
    "le",
    "la",
    "and",
    "del",
    "di",
    "du",
}
_STOP_AFTER_VERB = re.compile(
    r"\s(?:in|on|at|during|after|before|as|when|while|who|which|that|to|from|with|about|told|"
    r"and|but|adding|last|this|earlier|later|said|says|via|according|for|of\s+the\s+(?:need|fact)"
    r"|yesterday|today|recently)\b|[,;:()!?\[\]—–\"“”]|\.(?=\s+[a-z“\"]|\s*$)"
)
_TOKEN = re.compile(r"\w[\w’'.\-]*")
_ASIDE = re.compile(r"\s*(?:\([^()]{1,60}\)|[-–—]\s[^-–—]{1,120}\s[-–—])\s*$")


@dataclass(frozen=True)
class _Speaker:
    name: str
    key: str | None
    start: int
    end: int


def _first_np(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The noun phrase at the start of text[start:end]: a pronoun, 'the statement', 'John Kerry'."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]
    if not tokens:
        return None
    first = tokens[0][2].lower()
    if first in _PRONOUNS:
        return tokens[0][0], tokens[0][1]
    taken: list[tuple[int, int, str]] = []
    lead = 0  # 'retired Army Lt. Gen. Mick Bednarek', 'former Gov. Jeb Bush'
    while (
        lead < 2
        and lead + 1 < len(tokens)
        and tokens[lead][2].islower()
        and tokens[lead][2] not in _DETERMINERS | _NP_BREAK
    ):
        lead += 1
    if not (lead and lead < len(tokens) and tokens[lead][2][:1].isupper()):
        lead = 0
    taken.extend(tokens[:lead])
    window = tokens[lead:9]
    for index, tok in enumerate(window):
        word = tok[2]
        lower = word.lower()
        if (
            taken
            and word.islower()
            and taken[0][2][:1].isupper()
            and _title_words_before_a_name(text, window, index)
        ):
            taken.append(tok)  # 'Republican presidential nominee Donald Trump'
            continue
        starts = not taken and lower in _DETERMINERS and lower != "that"
        if taken and taken[-1][2].endswith(".") and not _is_abbreviation(taken[-1][2]):
            break  # 'said Kerry. The talks ...': the name ended with the sentence
        if taken and text[taken[-1][1] : tok[0]].strip():
            break  # 'Bernie Sanders, the Vermont senator': a comma ends the phrase
        if starts or word[:1].isupper() or word[:1].isdigit() or (taken and lower in _NAME_LINKS):
            taken.append(tok)
        elif (
            taken
            and taken[0][2].lower() in _DETERMINERS
            and len(taken) < 5
            and word.rstrip(".").isalpha()
            and lower not in _words().verbs
            and lower not in _NP_BREAK
            and not lower.endswith(("ing", "ed", "ly"))
        ):
            taken.append(tok)  # the analyst, a senior official, another source
        else:
            break
    while taken and taken[-1][2].lower() in _NAME_LINKS | _DETERMINERS:
        taken.pop()
    if not taken:
        return None
    end = taken[-1][1]
    last = taken[-1][2]
    if last.endswith(".") and not _is_abbreviation(last):
        end -= 1  # the sentence's full stop, not part of the name
    return taken[0][0], end


def _title_words_before_a_name(text: str, tokens: list[tuple[int, int, str]], index: int) -> bool:
    """True when tokens[index] starts one or two lower-case title words that run, with spaces
    only, into a capitalised word ('presidential nominee Donald Trump')."""
    for ahead in range(index, min(index + 3, len(tokens))):
        word = tokens[ahead][2]
        if text[tokens[ahead - 1][1] : tokens[ahead][0]] != " ":
            return False
        if word[:1].isupper():
            return ahead > index
        if (
            not word.isalpha()
            or word in _NP_BREAK
            or word in _DETERMINERS
            or word in _words().verbs
            or word.endswith(("ing", "ly", "ed", "s"))
        ):
            return False
    return False


def _is_abbreviation(word: str) -> bool:
    """'Del.', 'U.S.', 'J.' (an initial): a full stop that does not end the sentence."""
    bare = word.lower().rstrip(".")
    return bare in _ABBREVIATIONS or len(bare) == 1 or "." in bare


def _last_np(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The noun phrase that ends text[start:end] (the subject just before a reporting verb)."""
    aside = _ASIDE.search(text, start, end)
    if aside:  # 'Rep. John Mica (R-Fla.) said', 'the seven countries - the US, UK - said'
        end = aside.start()
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]
    while tokens and tokens[-1][2].lower() in _FILLER and tokens[-1][2][:1].islower():
        tokens.pop()
    if not tokens:
        return None
    if re.search(r"[^\w\s]", text[tokens[-1][1] : end]):
        return None  # punctuation between the phrase and the verb
    last = tokens[-1][2]
    if last.lower() in _PRONOUNS:
        return tokens[-1][0], tokens[-1][1]
    contracted = re.match(r"(\w+)[’'](?:d|ll|s|ve|re)$", last)
    if contracted and contracted.group(1).lower() in _PRONOUNS:  # 'he’d asked'
        return tokens[-1][0], tokens[-1][0] + contracted.end(1)
    if last in _NP_BREAK or last in _TIME_NOUNS:
        return None  # 'She followed that by saying', 'Trump at the time said': no subject
    taken: list[tuple[int, int, str]] = []
    for tok in reversed(tokens[-9:]):
        word = tok[2]
        if taken and text[tok[1] : taken[-1][0]].strip():
            break  # a comma or bracket ends the phrase
        lower = word.lower()
        if word[:1].isupper() or (taken and lower in _NAME_LINKS):
            taken.append(tok)
        elif lower in _DETERMINERS:
            taken.append(tok)
            break
        elif not taken or (len(taken) < 4 and word.isalpha() and word.islower()):
            taken.append(tok)  # official, source, spokesman: look further back for a determiner
        else:
            break
    taken.reverse()
    while taken and taken[0][2].lower() in _NAME_LINKS - {"the"}:
        taken.pop(0)
    if not taken or len(taken) == 1 and taken[0][2].lower() in _DEMONSTRATIVES:
        return None  # 'urging those calling for his exit': no speaker
    first = taken[0][2]
    plural = len(taken) == 1 and first.endswith("s") and first.isalpha()
    titled = any(t[2][:1].isupper() for t in taken[1:])  # 'spokesman Stuart Roy'
    if not (first[:1].isupper() or first.lower() in _DETERMINERS or plural or titled):
        return None  # bare lower-case words speak only as plurals: "sources", "officials"
    return taken[0][0], taken[-1][1]


_DEMONSTRATIVES = {"this", "that", "these", "those"}
_TIME_NOUNS = {
    "time",
    "moment",
    "point",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "hour",
    "hours",
    "night",
    "morning",
    "afternoon",
    "evening",
    "weekend",
    "end",
    "start",
    "beginning",
    "outset",
    "minute",
    "minutes",
}


class _Resolver:
    """Turns a phrase's offsets into a speaker, using the article's entity mentions."""

    def __init__(self, text: str, mentions: tuple[Mention, ...], names: dict[str, str]):
        self.text = text
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self.types = [_type_name(m) for m in self.mentions]
        self.names = names

    def speaker(
        self, span: tuple[int, int] | None, quotes: list[tuple[int, int]]
    ) -> _Speaker | None:
        if span is None:
            return None
        start, end = span
        words = self.text[start:end]
        if words.lower() in _PERSON_PRONOUNS:
            person = self._antecedent(start, quotes)
            if person is None:
                return _Speaker(words, None, start, end)
            return _Speaker(self.names.get(person.key, person.text), person.key, start, end)
        if words.lower() in _PRONOUNS:
            # 'I' and 'we' are the writer; 'it' is a document ('“...,” it read') or nothing.
            return None if words.lower() in {"i", "we"} else _Speaker(words, None, start, end)
        stop = bisect.bisect_left(self.starts, end)
        first = stop
        while first > 0 and self.starts[first - 1] > start - 200:  # names are short
            first -= 1
        inside = [m for m in self.mentions[first:stop] if m.end > start]
        for wanted in ("person", "organisation", "group", "other", "place"):
            found = [
                m
                for m in inside
                if _type_name(m) == wanted and (wanted == "person" or m.end >= end)
            ]  # "British officials" is no Britain
            if found:
                best = found[-1]
                return _Speaker(self.names.get(best.key, best.text), best.key, best.start, best.end)
        return _Speaker(words, None, start, end)

    def _antecedent(self, pos: int, quotes: list[tuple[int, int]]) -> Mention | None:
        """The last person named before `pos` outside quotation marks (inside them if none)."""
        fallback = None
        for index in range(bisect.bisect_left(self.starts, pos) - 1, -1, -1):
            m = self.mentions[index]
            if m.end > pos or self.types[index] != "person":
                continue
            if not any(s <= m.start < e for s, e in quotes):
                return m
            fallback = fallback or m
        return fallback


def _type_name(mention: Mention) -> str:
    kind = mention.type
    return str(getattr(kind, "value", kind))


# --- attribution patterns ----------------------------------------------------------------------


def _ends_sentence(text: str, start: int, end: int) -> bool:
    """True when text[start:end] contains the end of a sentence (not 'Col.' or 'U.S.')."""
    return _sentence_start(text, end, start) > start or bool(re.search(r"[;!?]", text[start:end]))


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


def _subject_before(text: str, floor: int, verb_start: int) -> tuple[int, int] | None:
    """The subject of a reporting verb: 'Kerry said', 'X, who ..., said', 'X was quoted saying'."""
    before = text[floor:verb_start].rstrip()
    if text[verb_start : verb_start + 12].split(" ", 1)[0].endswith("ing"):
        prep = _GERUND_PREP.search(before)
        if prep:  # 'She followed that by saying', 'after saying': the subject of the sentence
            return _sentence_subject(text, floor, floor + prep.start())
    infinitive = re.search(r"(\S+)\s+to$", before)
    if infinitive and infinitive.group(1).islower() and infinitive.group(1) not in _FILLER:
        # 'The judge pointed to a case to say that ...': the subject of the sentence
        return _sentence_subject(text, floor, floor + infinitive.start())
    if before.endswith(","):
        said = _SAID_BEFORE.search(before)
        if said:  # 'Ryan and Trump will meet, Spicer said, adding, “...”'
            span = _last_np(text, floor, floor + said.start())
            if span:
                return span
        return _sentence_subject(text, floor, floor + len(before) - 1)
    joined = _COORDINATED.search(before)
    if joined:  # 'Lazar welcomed extradition and added, “...”': the sentence's subject
        return _sentence_subject(text, floor, floor + joined.start())
    span = _last_np(text, floor, verb_start)
    if span is not None and text[floor : span[0]].strip():
        head = _DOCUMENT.search(text, span[0], span[1])
        if (
            head
            and head.end() == span[1]
            or head
            and _TIME_AFTER.fullmatch(text, head.end(), span[1])
        ):
            # 'The union issued a statement Tuesday saying': the statement's author speaks
            return _sentence_subject(text, floor, span[0])
    return span


_DOCUMENT = re.compile(
    r"\b(?:statement|release|e-?mail|letter|memo|tweet|post|message|video|ad|op-ed|note)\b"
)
_TIME_AFTER = re.compile(
    r"\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|"
    r"yesterday)(?:\s+(?:morning|afternoon|evening|night))?"
)


def _tail_span(text: str, q_end: int, limit: int, inner_end: str, words: _Words):
    """'“...,” X said' / '“...,” said X' / '“...,” according to X' right after the quote."""
    lead = re.match(r"\s*[,—–―-]?\s*", text[q_end:limit])
    offset = q_end + lead.end()
    rest = text[offset:limit]
    if not (lead.group().strip() or inner_end in ",!?—–-…." or _bare_attribution(rest, words)):
        return None  # '“scare quotes” and more words': the sentence goes on
    according = words.according_re.match(rest)
    if according:
        return _first_np(text, offset + according.end(), limit)
    verb = words.first_verb(rest, 0, 160)
    if verb is None:
        if lead.group().strip() in {"—", "―", "–"}:  # '“...” ― Jane Doe' signs a reader's quote
            return _first_np(text, offset, limit)
        return None
    before = rest[: verb.start()]
    if not before.strip() or re.fullmatch(r"\s*(?:also|then|later)\s*", before):
        after = offset + verb.end()  # "said X": the speaker follows the verb
        stop = _STOP_AFTER_VERB.search(text, after, limit)
        return _first_np(text, after, stop.start() if stop else limit)
    if _ends_sentence(text, offset, offset + verb.start()) or len(before.split()) > 14:
        return None
    as_said = re.fullmatch(r"as\s+((?:\S+\s+){1,5})", before)
    if (
        as_said
        and (lead.group().strip() == "," or inner_end == ",")
        and verb.group().lower() in words.reporting
    ):
        # '“...,” as Cruz said on the radio': the 'as' clause attributes the quote
        return _last_np(text, offset + as_said.start(1), offset + verb.start())
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
        return _last_np(text, offset, offset + comma)
    return _last_np(text, offset, offset + verb.start())


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
_OBJECT_VERBS = {
    "told",
    "tells",
    "telling",
    "tell",
    "assured",
    "informed",
    "reminded",
    "urged",
    "warned",
    "asked",
}


def _final_attribution(text: str, q_end: int, limit: int, words: _Words):
    """'“...” to drive up the price, she said.': the attribution closing the quote's sentence
    ('..., he said on Tuesday.', '..., she told CNN.' too)."""
    end = _clause_end(text, q_end, limit)
    commas = [m.start() for m in re.finditer(r",", text[q_end:end])]
    for index, comma in enumerate(commas):
        seg_start = q_end + comma + 1
        seg_end = q_end + commas[index + 1] if index + 1 < len(commas) else end
        if re.search(r"[;:!?“”\"]", text[seg_start:seg_end]) or seg_end - seg_start > 130:
            continue
        verb = words.first_verb(text, seg_start, seg_end)
        if verb is None or not text[seg_start : verb.start()].strip():
            continue
        tail = text[verb.end() : seg_end].strip()
        if tail and not (
            _ADJUNCT.match(tail)
            or verb.group().lower() in _OBJECT_VERBS
            and len(tail.split()) <= 4
            and not _NEW_CLAUSE.search(tail)
        ):
            continue
        span = _last_np(text, seg_start, verb.start())
        if span is not None:
            return span
    for match in _FINAL_INVERTED.finditer(text, q_end, end):  # '..., said RoseAnn DeMoro'
        if match.group(1).lower() in words.reporting:
            return _first_np(text, match.start(2), match.end(2))
    return None


def _bare_attribution(rest: str, words: _Words) -> bool:
    """'“...” said the ruling.' / '“...” Mr. Mica said.': an attribution despite a missing comma."""
    verb = words.first_verb(rest, 0, 80)
    if (
        verb is None
        or len(rest[: verb.start()].split()) > 5
        or re.search(r"[,;:.]", rest[: verb.start()])
    ):
        return False
    return verb.start() == 0 or bool(re.match(r"\s*(?:[.,;]|$|on\b|in\b|at\b)", rest[verb.end() :]))


def _head_span(text: str, floor: int, q_start: int, words: _Words):
    """'X said: “...”', 'X told reporters that “...”', 'According to X, “...”' before the quote.

    Returns the speaker phrase and where the reported statement begins, or None.
    """
    head = text[floor:q_start]
    according = words.according_re.search(head)
    if according and not _ends_sentence(text, floor + according.end(), q_start):
        stop = re.search(r"[,:]", head[according.end() :])
        end = floor + according.end() + (stop.start() if stop else len(head) - according.end())
        span = _first_np(text, floor + according.end(), end)
        return (span, _skip_space(text, end + 1)) if span else None
    put_it = _PUT_IT.search(head)
    if put_it:  # 'as an American diplomat put it, an “extreme makeover”'
        span = _last_np(text, floor + put_it.start(1), floor + put_it.end(1))
        if span:
            return span, _skip_space(text, floor + put_it.end())
    verbs = [v for v in words.find_verbs(head) if len(head[v.end() :].split()) <= 25]
    if not verbs:
        colon = head.rstrip().endswith(":")  # 'Democratic Sen. Claire McCaskill scolded him: “'
        span = _sentence_subject(text, floor, floor + len(head.rstrip()) - 1) if colon else None
        if span is None and head.rstrip().endswith(","):
            span = _short_clause_subject(text, floor, floor + len(head.rstrip()) - 1)
        return (span, q_start) if span else None
    # The verb nearest the quote that has a subject ('Clinton says Trump's tweets were “...”'
    # rests on 'says', not on the noun 'tweets').
    found = None
    for verb in reversed(verbs):
        span = _subject_before(text, floor, floor + verb.start())
        if (
            span is None
            and head[: verb.start()].rstrip().endswith(",")
            and verb.group().lower() in words.reporting
            and not verb.group().endswith("ing")
        ):
            # '..., said Ellis, “...”': only a verb of saying puts its subject after it
            stop = _STOP_AFTER_VERB.search(text, floor + verb.end(), q_start)
            span = _first_np(text, floor + verb.end(), stop.start() if stop else q_start)
        if span is None:
            continue
        if found is None:
            found = span, _after_cue(text, floor + verb.end(), q_start)
        if text[span[0] : span[1]].lower() not in _PRONOUNS:
            # 'Lynch said she recalled thinking, “...”' rests on Lynch, who reports it.
            return span, _after_cue(text, floor + verb.end(), q_start)
    if found is not None:
        return found
    first = verbs[0]
    if not head[: first.start()].strip():  # 'Said Ellis: “...”'
        span = _first_np(text, floor + first.end(), q_start)
        return (span, q_start) if span else None
    span = _sentence_subject(text, floor, floor + verbs[-1].start())
    return (span, _after_cue(text, floor + verbs[-1].end(), q_start)) if span else None


_IRREGULAR_PAST = {
    "shot",
    "sang",
    "went",
    "fired",
    "struck",
    "spoke",
    "wrote",
    "began",
    "came",
    "hit",
    "threw",
    "put",
    "broke",
    "told",
    "said",
    "read",
    "sent",
    "gave",
}


def _short_clause_subject(text: str, start: int, end: int) -> tuple[int, int] | None:
    """'Hillary shot back, “...”', 'Billy Joel sings, “...”': a named subject and a verb of a
    few words that end in a comma before the quote introduce it, whatever the verb."""
    span = _sentence_subject(text, start, end)
    if span is None:
        return None
    name = text[span[0] : span[1]]
    if not (
        name[:1].isupper()
        and name.split()[0].lower() not in _DETERMINERS
        or name.lower() in _PERSON_PRONOUNS
    ):
        return None
    rest = text[span[1] : end].split()
    if not 1 <= len(rest) <= 3 or not all(w.isalpha() and w.islower() for w in rest):
        return None
    verb = rest[0]
    if not (verb in _IRREGULAR_PAST or verb.endswith(("ed", "s")) and len(verb) > 3):
        return None
    return span


_PUT_IT = re.compile(r"\b[Aa]s\s+([^,.;:]{2,60}?)\s+(?:put|puts|has put|had put)\s+it\b,?")


def _after_cue(text: str, pos: int, q_start: int) -> int:
    """Skip the listener and punctuation after a reporting verb: 'told reporters that' -> 'that'."""
    gap = re.match(
        r"(?:\s+(?:reporters|journalists|him|her|them|us|me))?[\s:,]*", text[pos:q_start]
    )
    return pos + (gap.end() if gap else 0)


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


def _sentence_subject(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The subject at the start of a sentence, after an introductory 'On Friday,'."""
    for _ in range(3):  # 'On Thursday, after remaining neutral for months, Warren ...'
        chunk = text[start:end]
        first_comma = chunk.find(",")
        if not (_INTRO.match(chunk.lstrip()) and first_comma != -1):
            break
        start = _skip_space(text, start + first_comma + 1)  # 'Over the years, she said'
    while start < end and text[start] == " ":
        start += 1
    for _ in range(2):  # 'But Cruz would not comment', 'Hastily, Trump cast', 'And then Trump'
        leading = _LEADING_WORD.match(text, start, end)
        if leading is None:
            break
        start = leading.end()
    if _INTRO.fullmatch(text[start:end].split(" ", 1)[0]):
        return None  # the sentence opens with a clause, not with its subject
    span = _first_np(text, start, end)
    if span and text[span[0] : span[1]].lower() in _DETERMINERS:
        return None
    return span


def _previous_sentence(text: str, pos: int, paragraphs: list[tuple[int, int]], index: int):
    """(start, end) of the last sentence of the paragraph before paragraph `index`."""
    if index == 0:
        return None
    prev = paragraphs[index - 1]
    end = prev[1]
    while end > prev[0] and text[end - 1].isspace():
        end -= 1
    return _sentence_start(text, max(end - 1, prev[0]), prev[0]), end


# --- putting it together -----------------------------------------------------------------------


def _is_title(words: list[str]) -> bool:
    """'American Misadventure in Iraq': every word capitalised but the small linking ones."""
    return (
        len(words) <= 12
        and all(
            w[:1].isupper() or w.lower() in _NAME_LINKS | {"in", "on", "a", "an", "to", "at", "is"}
            for w in words
        )
        and words[0][:1].isupper()
    )


def extract_quotes(text: str, entities: ArticleEntities | None = None) -> list[Quote]:
    """Every quoted span of the cleaned `text`, in order, each with its speaker when the text says.

    `entities` are the article's entities (`reader.entities.analyse(text)`); they are computed
    when not given. Never raises, whatever the marks: offsets always lie inside `text`.
    """
    if entities is None:
        from reader.entities import analyse

        entities = analyse(text)
    names = {e.key: e.name for e in entities.entities}
    resolver = _Resolver(text, tuple(entities.mentions), names)
    words = _words()
    paragraphs = _paragraphs(text)
    spans = _quote_spans(text)
    bounds = [(s, e) for s, e, _ in spans]
    quotes: list[Quote] = []
    previous: tuple[int, int, _Speaker | None] | None = None  # end, paragraph index, speaker
    para_index = 0
    for index, (start, end, pieces) in enumerate(spans):
        inner_text = " ".join(text[s:e] for s, e in pieces).rstrip(" ,")
        tokens = inner_text.split()
        bare = [t.strip(",.:;!?") or t for t in tokens]
        kind = PHRASE if len(tokens) <= PHRASE_MAX_WORDS or _is_title(bare) else STATEMENT
        while paragraphs[para_index][1] <= start:
            para_index += 1
        para = paragraphs[para_index]
        end_para = next(p for p in paragraphs[para_index:] if end <= p[1])
        next_start = bounds[index + 1][0] if index + 1 < len(bounds) else len(text)
        last_piece = pieces[-1]
        inner_end = text[last_piece[1] - 1] if last_piece[1] > last_piece[0] else ""
        floor = _sentence_start(text, start, para[0])
        statement = (start, end)
        span = _tail_span(text, end, min(end_para[1], next_start), inner_end, words)
        if span is not None and kind == STATEMENT:
            lead = max(floor, previous[0] if previous else floor)
            if re.search(r"\w", text[lead:start]) and not words.find_verbs(text, lead, start):
                statement = (_skip_space(text, lead), end)  # 'The plan is “dangerous,” he said'
        else:
            head = None
            if previous is not None and previous[0] > floor:
                head = _head_span(text, previous[0], start, words)
            head = head or _head_span(text, floor, start, words)
            if head is not None:
                span, cue = head
                statement = (min(cue, start), max(end, _clause_end(text, end, end_para[1])))
            elif span is None:  # a phrase too: 'Sales were “stagnant” for a month, he said.'
                span = _final_attribution(text, end, min(end_para[1], next_start), words)
        speaker = resolver.speaker(span, bounds)
        if speaker is None and text[floor:start].strip() and not _is_title(bare):
            # 'Bernie Sanders ... enjoys “...”': words quoted inside a sentence whose subject
            # is a person are that person's, whatever the verb.
            speaker = _person_subject(text, floor, start, resolver, bounds)
            if speaker is not None:
                statement = (
                    _skip_space(text, speaker.end),
                    max(end, _clause_end(text, end, end_para[1])),
                )
        if speaker is None:
            statement = (start, end)
            # '“They sue,” he said. “Everybody sues, right?”': a short quoted sentence standing
            # alone after its speaker's quote in the same paragraph
            sentence = (
                re.match(r"[A-Z].*[.!?]$", inner_text) is not None
                and previous is not None
                and previous[1] == para_index
                and not text[end : min(end_para[1], next_start)].strip()
            )
            if kind == STATEMENT or sentence:
                speaker = _carried_speaker(
                    text, start, para_index, paragraphs, previous, resolver, bounds, words
                )
        quotes.append(_make_quote(start, end, inner_text, kind, speaker, statement))
        previous = (end, para_index, speaker)
    return quotes


_TERMINATOR = re.compile(r"[.!?]([”\"’']*)(?=\s|$)")


def _clause_end(text: str, pos: int, limit: int) -> int:
    """End of the sentence a quote lies in: before its full stop, or after a quote ending it."""
    for match in _TERMINATOR.finditer(text, pos - 2 if pos >= 2 else pos, limit):
        word = re.search(r"([\w.]+)$", text[pos : match.start()])
        if word and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1):
            continue
        return match.end() if match.group(1) else match.start()
    return limit


def _person_subject(
    text: str, floor: int, q_start: int, resolver: _Resolver, bounds: list[tuple[int, int]]
) -> _Speaker | None:
    """The person a sentence is about, when it opens with one: a named person, he or she."""
    span = _sentence_subject(text, floor, q_start)
    speaker = resolver.speaker(span, bounds)
    if span is None or speaker is None or speaker.end != span[1] or speaker.end > q_start:
        return None  # the person must be the subject itself, not "Clinton's emails"
    if text[speaker.start : speaker.end].lower() in _PERSON_PRONOUNS:
        return speaker
    mention = next((m for m in resolver.mentions if m.start == speaker.start), None)
    return speaker if mention is not None and _type_name(mention) == "person" else None


def _carried_speaker(text, start, para_index, paragraphs, previous, resolver, bounds, words):
    """For a quote that opens its sentence with no attribution of its own: the speaker of the
    quote just before it ('“A,” he said. “B.”'), or the named speaker of the sentence just
    before ('Fallon said the strikes missed. “...”', also across a paragraph break)."""
    para = paragraphs[para_index]
    floor = _sentence_start(text, start, para[0])
    if floor != start and text[floor:start].strip():
        return None
    if previous is not None and previous[2] is not None and previous[1] >= para_index - 1:
        gap = text[previous[0] : start]
        # The same paragraph, or the next one when only the attribution came between:
        # '“...,” he said.' / '“And more.”'
        if len(gap.split()) <= (40 if previous[1] == para_index else 12):
            return previous[2]
    if text[para[0] : start].strip():
        end = floor
        while end > para[0] and text[end - 1].isspace():
            end -= 1
        sentence = (_sentence_start(text, max(end - 1, para[0]), para[0]), end)
    else:
        sentence = _previous_sentence(text, start, paragraphs, para_index)
    if sentence is None:
        return None
    s, e = sentence
    inside = [qe for qs, qe in bounds if qs < e and qe > s]
    if inside:
        if not text[s:e].rstrip().endswith(":"):
            return None  # that sentence quotes something itself
        s = max(inside)  # '“...” She went on to say:' introduces the quote below
    body = text[s:e]
    verbs = [v for v in words.find_verbs(body) if v.group().lower() in words.reporting]
    inverted = re.match(r"\s*[^\W\d_]+\s+(.+?):\s*$", body)
    if verbs and verbs[0].start() == len(body) - len(body.lstrip()) and inverted:
        span = _first_np(text, s + inverted.start(1), s + inverted.end(1))  # 'Stated Stone:'
        speaker = resolver.speaker(span, bounds)
        if speaker is not None:
            return speaker
    for verb in reversed(verbs):
        span = _subject_before(text, s, s + verb.start())
        speaker = resolver.speaker(span, bounds)
        named = speaker is not None and (
            speaker.key is not None or speaker.name.lower() in _PERSON_PRONOUNS
        )
        if named:
            return speaker  # only a named speaker (or he/she) lends itself to the next quote
    if body.rstrip().endswith(":"):
        # 'Jared Potts echoed:', 'The foundation's website notes:', 'Trump issued the following
        # statement:': a sentence that ends in a colon introduces the quote below it
        spans = [_subject_before(text, s, s + v.start()) for v in reversed(words.find_verbs(body))]
        for span in [*spans, _sentence_subject(text, s, e)]:
            speaker = resolver.speaker(span, bounds)
            if speaker is not None and (
                speaker.key is not None or speaker.name.lower() in _PERSON_PRONOUNS
            ):
                return speaker
    return None


def _make_quote(
    start: int,
    end: int,
    inner: str,
    kind: str,
    speaker: _Speaker | None,
    statement: tuple[int, int],
) -> Quote:
    extent = (None, None) if statement == (start, end) else statement
    if speaker is None:
        return Quote(start, end, inner, kind, None, None, None, None, *extent)
    return Quote(
        start, end, inner, kind, speaker.name, speaker.key, speaker.start, speaker.end, *extent
    )
