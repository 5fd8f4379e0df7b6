"""What the rules read around a candidate: headline lines, sentence starts, neighbouring words.

`Reading` holds one text with what is worked out once per text (its headline lines, its
lower-case words, whether it is a sports report, the credit lines to skip) and the look-ups in
the lexicon that the candidate and typing rules share.
"""

from __future__ import annotations

import re

from reader.analysis.entities.lexicon import NOT_COUNTRY, Alias, lexicon
from reader.analysis.entities.model import LOC, EntityType
from reader.analysis.entities.tokens import Candidate, Token, bare

_SENTENCE_OPENERS = set(".!?:;\"“”‘'—–-•*|>")
_PAREN_CREDIT = re.compile(
    r"\((?:photos?|pictures?|images?|credit|file|pictured)\b[^)\n]*\)", re.IGNORECASE
)
_CREDIT_LINE = re.compile(
    r"^[ \t]*(?:by|photo|photos|photograph|picture|image|credit|source|reporting|editing|writing|"
    r"additional reporting|copyright|©)\b.{0,80}$",
    re.IGNORECASE | re.MULTILINE,
)
_LOWER_START = re.compile(r"(?:^|\s)[a-z]")
_COMMA_WORD = re.compile(r",[ \t]+([A-Z][A-Za-z.]*[A-Za-z])")  # ", Ky", ", Calif"
_WORD_COMMA = re.compile(r"[A-Z][a-z]+,[ \t]+$")  # "Springfield, " before a state
_WORD_BEFORE = re.compile(r"([A-Za-z]+)[ \t]+$")
_WORD_AFTER = re.compile(r"[ \t]+([A-Za-z']+)")
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z'-]*")

# An acronym introduced right after its long form: "Syrian Democratic Forces (SDF)".
ACRONYM_DEF = re.compile(r"(?:['’]s)?[ \t]*\([ \t]*([A-Z][A-Za-z0-9.&-]{1,9})[ \t]*\)")


def line_kinds(text: str) -> tuple[list[int], list[bool]]:
    """Line start offsets, and whether each line is in upper or headline case."""
    starts, shouting = [], []
    pos = 0
    opening = True  # no text before this line
    for line in text.split("\n"):
        starts.append(pos)
        pos += len(line) + 1
        first, opening = opening, opening and not line.strip()
        if line.isupper():
            shouting.append(sum(1 for c in line if c.isalpha()) > 3)
            continue
        closed = line.rstrip().endswith((".", '"', "”"))
        if closed and not first:  # a sentence (only a title opening the text may end so)
            shouting.append(False)
            continue
        tokens = line.split()
        if len(tokens) < 3 or len(_LOWER_START.findall(line)) > 0.4 * len(tokens):
            shouting.append(False)
            continue
        words = [w for w in tokens if w[0].isalpha() and len(w) > 1]
        long_words = [w for w in words if len(w) > 3]
        if (
            len(words) < 3
            or len(long_words) < 2
            or 2 * len(words) < len(tokens)
            or sum(1 for w in tokens if w[0].isdigit()) > 1
        ):  # a results line
            shouting.append(False)
            continue
        share = 0.6
        if closed:  # the opening line, ending like a sentence: a title only if more follows
            if not text[pos:].strip():
                shouting.append(False)
                continue
            share = 0.8
        shouting.append(
            sum(1 for w in long_words if w[0].isupper()) >= 0.75 * len(long_words)
            and sum(1 for w in words if w[0].isupper()) >= share * len(words)
        )
    return starts, shouting


def is_sentence_start(text: str, start: int) -> bool:
    """Whether `start` opens a line or follows sentence punctuation (spaces aside)."""
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] == "\n" or text[i] in _SENTENCE_OPENERS


def word_before(text: str, start: int) -> str:
    """The word right before `start` on its line ("" if none)."""
    m = _WORD_BEFORE.search(text, max(0, start - 30), start)
    return m.group(1) if m else ""


def word_after(text: str, end: int) -> str:
    """The word right after `end` on its line ("" if none)."""
    m = _WORD_AFTER.match(text, end, end + 30)
    return m.group(1) if m else ""


class Reading:
    """One text being read, and the look-ups the rules share."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lex = lexicon()
        self.line_starts, self.shouting = line_kinds(text)
        self.lower_words = set(_LOWER_WORD.findall(text))
        self.sports = len(self.lower_words & self.lex.sports_words) >= 3
        self.skip = [(m.start(), m.end()) for m in _PAREN_CREDIT.finditer(text)]
        self.skip += [
            (m.start(), m.end()) for m in _CREDIT_LINE.finditer(text) if len(m.group().split()) <= 8
        ]

    def _is_title(self, word: str) -> bool:
        """A personal title, also hyphenated ("Major-General", "Editor-in-Chief")."""
        stripped = bare(word)
        if stripped in self.lex.titles:
            return True
        if "-" not in stripped:
            return False
        parts = [part for part in stripped.split("-") if not part.islower()]
        return bool(parts) and all(part in self.lex.titles for part in parts)

    def _title_gender(self, words: list[str]) -> str:
        """ "f" or "m" when a title among `words` says it ("Mrs", "Congressman"), else ""."""
        genders = {self.lex.title_genders.get(bare(w).rstrip("."), "") for w in words} - {""}
        return next(iter(genders)) if len(genders) == 1 else ""

    def _shouted_word(self, word: str) -> bool:
        """An ordinary word in capitals ("SAVE A QUARTER Let's say")."""
        return (
            word.isupper()
            and len(word) > 1
            and (
                word.capitalize() in self.lex.not_names
                or word.capitalize() in self.lex.function
                or word.lower() in self.lower_words
            )
        )

    def _alias_length(self, tokens: list[Token], i: int) -> int:
        """Number of tokens of the longest table entry starting at token i (0: none)."""
        aliases = self.lex.aliases
        if tokens[i].word not in self.lex.alias_heads:
            return 1 if tokens[i].word in aliases else 0
        for n in range(min(self.lex.max_alias_words, len(tokens) - i), 0, -1):
            if " ".join(t.word for t in tokens[i : i + n]) in aliases:
                return n
        return 0

    def _candidate(
        self,
        tokens: list[Token],
        etype: EntityType | None,
        alias: Alias | None = None,
        titled: bool = False,
        weak: bool = False,
    ) -> Candidate:
        return Candidate(
            start=tokens[0].start,
            end=tokens[-1].end,
            type=etype,
            key=alias.key if alias else None,
            name=alias.name if alias else None,
            words=tuple(t.word for t in tokens),
            titled=titled,
            weak=weak,
        )

    def _in_town_comma_state(self, cand: Candidate) -> bool:
        """ "Springfield, Ill.", "Austin, Tex.": a town and its state, or a dateline."""
        lex = self.lex
        m = _COMMA_WORD.match(self.text, cand.end)
        if m and (
            m.group(1) in lex.state_abbreviations
            or (lex.aliases.get(m.group(1), NOT_COUNTRY).type is LOC)
        ):
            return True
        m = _WORD_COMMA.search(self.text, max(0, cand.start - 40), cand.start)
        return cand.words[0] in lex.state_abbreviations and m is not None
