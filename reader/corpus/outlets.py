"""Outlets: their display names from the outlets table (names compared normalised), and the
outlet an article's text gives."""

from __future__ import annotations

import re
from collections.abc import Iterable

from reader.config import load_table, table_cache
from reader.corpus.cleaning import Removed, sanitise
from reader.text import fold_marks, strip_accents

_DATELINE = re.compile(
    r"^[A-Z][A-Z .,'-]{1,40}(?:, [A-Z][a-z.]+)? \(([A-Za-z][\w .&-]{1,40})\) ?[-\u2013\u2014]"
)
_SIGN_OFF = re.compile(r"^([\w .&'-]{2,40}?) (?:and|with|/) agencies\.?$", re.I)
_POSSESSIVE_HOUSE = re.compile(r"^([A-Z][\w .&-]{1,40}?)['\u2019]s? (?:website|newsletters?|app)\b")
_LEADING_HOUSE = re.compile(r"^([A-Z][\w .&-]{1,40}?) (?:delivers|brings you|is an?)\b")
_HOUSE_PATTERNS = (_SIGN_OFF, _POSSESSIVE_HOUSE, _LEADING_HOUSE)
_SECTION = re.compile(r"\s*\([^()]*\)$")
_DOT_COM = re.compile(r"\.(com|co\.uk|org|net)$")
_LEADING_THE = re.compile(r"^the\b\W*")
_NOT_ALNUM = re.compile(r"[\W_]+")


@table_cache
def _outlet_names() -> dict[str, str]:
    """Display names keyed by every folded spelling (name and aliases) of each outlet."""
    names: dict[str, str] = {}
    for outlet in load_table("outlets").get("outlets") or []:
        name = str(outlet["name"])
        for alias in [name, *(outlet.get("aliases") or [])]:
            names[outlet_key(str(alias))] = name
    return names


@table_cache
def _outlet_rules() -> frozenset[str]:
    """The boilerplate rules whose removed lines can name the outlet."""
    return frozenset(str(rule) for rule in load_table("outlets").get("outlet_rules") or [])


def outlet_key(name: str) -> str:
    """A name normalised for comparison: no case, accents, leading "The", punctuation, spacing,
    trailing section in brackets ("(Online News)") or ".com"."""
    key = strip_accents(fold_marks(name)).casefold().strip()
    key = _SECTION.sub("", key)
    key = _DOT_COM.sub("", key)
    key = _LEADING_THE.sub("", key)
    return _NOT_ALNUM.sub("", key)


def canonical_outlet(name: str) -> str:
    """The outlet's display name from the outlets table, or the name as written."""
    name = sanitise(name)
    return _outlet_names().get(outlet_key(name), name)


def infer_outlet(text: str, removed: Iterable[Removed]) -> str | None:
    """The outlet as the text tells it: a dateline ("MOSCOW (Sputnik) –"), a sign-off
    ("TRTWorld and agencies") or a publisher line; None when the text does not say."""
    for paragraph in text.split("\n\n")[:4]:
        match = _DATELINE.match(paragraph)
        if match:
            return canonical_outlet(match.group(1))
    known = _outlet_names()
    rules = _outlet_rules()
    for rule, line in removed:
        if rule not in rules:
            continue
        for pattern in _HOUSE_PATTERNS:
            match = pattern.match(fold_marks(line))
            if match and (rule == "sign_offs" or outlet_key(match.group(1)) in known):
                return canonical_outlet(match.group(1))
    return None
