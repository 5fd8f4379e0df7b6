"""The reporting verbs ("said", "told", "called"), read from `data/quote_verbs.yaml` with their
derived forms, and how to find them in text used as verbs (not as nouns or inside names)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from reader.config import load_table, table_cache

_ALPHA = re.compile(r"(?<![\w-])[^\W\d_]+(?![\w-])")  # whole words: not "so-called"


@dataclass(frozen=True)
class ReportingVerbs:
    """Every attributing verb form, and the phrases that put a speaker after them."""

    verbs: frozenset[str]  # every attributing verb form
    reporting: frozenset[str]  # those that report a statement on their own ("said", "told")
    according_re: re.Pattern[str]

    def find_verbs(self, text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
        """The reporting verbs of text[start:end], in order."""
        return list(self._verbs_in(text, start, end))

    def first_verb(self, text: str, start: int = 0, end: int | None = None) -> re.Match[str] | None:
        """The first reporting verb of text[start:end], or None."""
        return next(self._verbs_in(text, start, end), None)

    def _verbs_in(self, text: str, start: int, end: int | None) -> Iterator[re.Match[str]]:
        stop = len(text) if end is None else end
        return (
            m
            for m in _ALPHA.finditer(text, start, stop)
            if m.group().lower() in self.verbs and _is_verb(text, m)
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
        if re.search(r"(?:qu|[^aeiou])[aeiou][bdgklmnprt]$", base):  # snapped, admitted, quipped
            forms |= {base + base[-1] + "ed", base + base[-1] + "ing"}
    return forms


@table_cache
def reporting_verbs() -> ReportingVerbs:
    """The verb forms of `quote_verbs.yaml` (shipped, with the user's additions)."""
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
    return ReportingVerbs(
        frozenset(reporting | forms_of("framing")),
        frozenset(reporting),
        re.compile(rf"\b(?:{according or '(?!x)x'})\s+", re.IGNORECASE),
    )
