"""How names compare: name tokens and keys, one person's names, acronyms, shorter names.

These rules serve both the resolution within one article (`within`) and across two articles
(`across`).
"""

from __future__ import annotations

from reader.analysis.entities.lexicon import Lexicon
from reader.analysis.entities.model import GRP, LOC, ORG, OTH, PER, Entity
from reader.analysis.entities.spelling import skeleton
from reader.text import fold_key


def name_tokens(words: tuple[str, ...], lex: Lexicon) -> list[str]:
    """Folded name tokens without particles, initials, prefixes and "Jr"."""
    out = []
    for i, word in enumerate(words):
        folded = fold_key(word).rstrip(".")
        numbered = i > 0 and words[i - 1] in lex.numbered_heads  # "Title 4", "Article II"
        if not numbered and (
            folded in lex.particles or folded in lex.folded_generations or len(folded) == 1
        ):
            continue
        head, _, tail = folded.partition("-")
        if tail and head in lex.name_prefixes:
            folded = tail
        out.append(folded)
    return out


def person_key(tokens: list[str], lex: Lexicon) -> str:
    """The key of a person's name tokens, the given name in its canonical variant."""
    if len(tokens) > 1:
        tokens = [lex.given_names.get(tokens[0], tokens[0]), *tokens[1:]]
    return "person:" + " ".join(tokens)


def same_given(a: str, b: str, lex: Lexicon) -> bool:
    """Two given names are one: variants in the table, or spelt alike ("Yevgeni"/"Yevgeny")."""
    a, b = lex.given_names.get(a, a), lex.given_names.get(b, b)
    if a == b:
        return True
    if len(a) < 3 or len(b) < 3:
        return False
    forms_a = lex.given_skeletons.get(a) or frozenset((skeleton(a),))
    forms_b = lex.given_skeletons.get(b) or frozenset((skeleton(b),))
    return not forms_a.isdisjoint(forms_b)


def same_person(a: list[str], b: list[str], lex: Lexicon, given_alone: bool = True) -> bool:
    """Two name token lists naming one person.

    The surnames agree up to spelling, and the given name of one is a spelling variant of a
    given or middle name of the other ("Tayyip Erdogan" / "Recep Tayyip Erdogan"); a one-word
    name on either side is the surname, or (with `given_alone`) the given name of the other
    ("Hillary"). A generation suffix ending a list ("jr") must be the same on both sides when
    both are full names ("Donald Trump Jr" is not Donald Trump).
    """
    a, gen_a = _without_generation(a, lex)
    b, gen_b = _without_generation(b, lex)
    if not a or not b:
        return False
    if len(a) == 1 or len(b) == 1:
        single, full = (a, b) if len(a) == 1 else (b, a)
        return skeleton(single[0]) == skeleton(full[-1]) or (
            given_alone and len(full) > 1 and same_given(single[0], full[0], lex)
        )
    if gen_a != gen_b:
        return False
    if skeleton(a[-1]) != skeleton(b[-1]):
        return False
    return any(same_given(a[0], g, lex) for g in b[:-1]) or any(
        same_given(b[0], g, lex) for g in a[:-1]
    )


def _without_generation(tokens: list[str], lex: Lexicon) -> tuple[list[str], str]:
    if len(tokens) > 1 and tokens[-1] in lex.folded_generations:
        return tokens[:-1], tokens[-1]
    return tokens, ""


# Organisation heads whose "X Department" and "Department of X" forms are one name.
INVERTED_HEADS = frozenset({"department", "ministry", "office", "bureau"})


def spelled_as(words: list[str], organisation: bool) -> set[str]:
    """The acronyms a name is written as: the initials of its capitalised words and of all its
    words ("SEC", "SAEC" of "Securities and Exchange Commission"), and for an organisation's
    "Justice Department" those of "Department of Justice" too ("DOJ")."""
    forms = [words]
    if organisation and len(words) > 1 and words[-1].lower() in INVERTED_HEADS:
        forms.append([words[-1], "of", *words[:-1]])
    spelled = set()
    for form in forms:
        spelled.add("".join(w[0] for w in form if w[:1].isupper()).upper())
        spelled.add("".join(w[0] for w in form if w[:1].isalpha()).upper())
    return spelled


def initials_match(acronym: str, words: tuple[str, ...]) -> bool:
    """Whether `acronym` abbreviates the name `words` ("SDF", "Syrian Democratic Forces")."""
    letters = [c for c in acronym if c.isalpha()]
    caps = [w[0] for w in words if w[0].isupper()]
    if "".join(caps).upper() == "".join(letters).upper():
        return True
    # letters appearing in order, the first letter starting the long form
    long_form = " ".join(words).lower()
    if not letters or long_form[0] != letters[0].lower():
        return False
    pos = 0
    for c in letters:
        pos = long_form.find(c.lower(), pos)
        if pos < 0:
            return False
        pos += 1
    return len(letters) >= 2


def _has_given_name(name: str, lex: Lexicon) -> bool:
    return any(word.rstrip(".") in lex.first_names for word in name.split())


def _is_place_word(folded: str, lex: Lexicon) -> bool:
    alias = lex.folded_aliases.get(folded)
    return alias is not None and alias.type is LOC and not alias.demonym


def short_for(short: Entity, long: Entity, lex: Lexicon) -> bool:
    """A shorter name of an organisation: its leading words ("Lakeview" for "Lakeview Recovery
    Center"), or its words with some left out, keeping the first and the last ("Mayfield
    Center" for "Mayfield Treatment Center"), or without a place before it ("Arizona")."""
    if long.type is not ORG or short.type is GRP or short.key in lex.names:
        return False
    if short.type is PER and (" " not in short.name or _has_given_name(short.name, lex)):
        return False  # "Trump" is not the Trump Organization, "Betty Ford" not her clinic
    short_words = [w for w in fold_key(short.name).split() if w != "the"]
    long_words = [w for w in fold_key(long.name).split() if w != "the"]
    if not short_words or len(short_words) >= len(long_words):
        return False
    if long_words[: len(short_words)] == short_words:
        return short.type is not OTH
    if short.type is not ORG:
        return False
    head = len(long_words) - len(short_words)
    if long_words[head:] == short_words and all(_is_place_word(w, lex) for w in long_words[:head]):
        return True
    rest = iter(long_words)
    return (
        short_words[0] == long_words[0]
        and short_words[-1] == long_words[-1]
        and all(w in rest for w in short_words)
    )


def expanded(words: tuple[str, ...], lex: Lexicon) -> tuple[str, ...]:
    """A longer name with the abbreviations of table entries in it written out ("U.S.
    Conference of Catholic Bishops" -> "United States Conference of Catholic Bishops"), so that
    both forms have one key."""
    if len(words) < 2:
        return words
    out: list[str] = []
    for word in words:
        alias = lex.aliases.get(word)
        if alias is not None and not alias.demonym and (word.isupper() or "." in word):
            out.extend(alias.name.split())
        else:
            out.append(word)
    return tuple(out)
