"""Finding candidate mentions: runs of capitalised words cut into names, titles and aliases.

`Extractor` reads one text: each run of capitalised words (`Lexicon.run`) loses its leading
function words, is split at words that never belong to a name and at connectors that do not
join one, then at titles ("Russian Foreign Minister Sergey Lavrov") and table entries; what is
left between them is a name, typed by `Classifier`. Headline and upper-case lines keep only
table entries and names the body of the text knows.
"""

from __future__ import annotations

import re

from reader.analysis.entities.classify import Classifier
from reader.analysis.entities.context import ACRONYM_DEF, is_sentence_start
from reader.analysis.entities.lexicon import Lexicon
from reader.analysis.entities.model import GRP, ORG, OTH, PER
from reader.analysis.entities.names import initials_match
from reader.analysis.entities.tokens import (
    Candidate,
    Token,
    bare,
    is_connector,
    is_debris_code,
    run_tokens,
    split_camel_debris,
)

_TITLED_LINKS = frozenset({"Of", "From", "For", "And", "On", "The", "To", "In", "With", "Against"})


def _titled_link(tokens: list[Token], i: int, lex: Lexicon) -> bool:
    """True for a capitalised link word inside an organisation's name written in title case,
    between capitalised words ('Freedom From Religion Foundation', 'Bank Of America Corp')."""
    return (
        tokens[i].word in _TITLED_LINKS
        and 0 < i < len(tokens) - 1
        and tokens[i - 1].word[:1].isupper()
        and tokens[i + 1].word[:1].isupper()
        and tokens[i + 1].word not in lex.function
        and tokens[-1].word in lex.org_suffixes
    )


def _debris_inside_organisation(tokens: list[Token], i: int, lex: Lexicon) -> bool:
    """True for a word of page furniture ("Policy", "Community", "Analysis") between
    capitalised words of a name that ends in an organisation word ('Ethics & Public Policy
    Center', 'Institute for Policy Studies') or opens with one ('Centre for Economic Policy
    Research'), where it is a word of the name."""
    if tokens[i].word not in lex.debris or i == len(tokens) - 1:
        return False
    if i and not (tokens[i - 1].word[:1].isupper() or tokens[i - 1].word in ("&", "for", "of")):
        return False
    j = i + 1
    while j < len(tokens) and tokens[j].word[:1].isupper() and tokens[j].word not in lex.never:
        j += 1
    opened = any(t.word in lex.org_words for t in tokens[:i])
    return j > i + 1 and (opened or tokens[j - 1].word in lex.org_suffixes)


def _possessive_inside(before: str, after: str, lex: Lexicon) -> bool:
    """True when "BEFORE's AFTER" is one name: AFTER is a short name closed by an organisation
    or place word, and BEFORE ends in a common noun ("Jackson Women's Health Organization",
    "Children's Hospital") or is a saint ("St. Mary's Hospital"), or AFTER is only a company
    form ("McDonald's Corp"). "Russia's Foreign Ministry", "Vance's Justice Department" stay
    apart: a country's or a person's name is not a common noun."""
    words = after.split()
    cut = next((i for i, w in enumerate(words) if is_connector(w)), len(words))
    words = words[:cut]  # "Hospital and the ...": up to the next connector
    if not words:
        return False
    last = words[-1].rstrip(".")
    if len(words) > 4 or not (
        last in lex.org_suffixes or last in lex.place_suffixes or last in lex.company_forms
    ):
        return False
    if len(words) == 1 and last in lex.company_forms:
        return True
    head = before.split()
    return head[-1] in lex.common or head[0] in ("St.", "St", "Saint")


def _and_inside_organisation(before: list[str], after: list[str], lex: Lexicon) -> bool:
    """ "Senate Ways and Means Committee", "Task Force on Flood Relief and Public Safety",
    "Substance Abuse and Mental Health Services Administration": an "and" between an
    organisation word and the suffix closing the name, inside the complement of "Force on ...",
    or between plain capitalised words (no table entry, no given name, no name of its own
    before the "and") and a suffix closing the name a few words later."""
    org_words = lex.org_words
    if len(before) == len(after) == 1 and before[0] in org_words and after[0] in org_words:
        return False  # "House and Senate", "Army and Navy": two bodies
    if before[0] in org_words and after[-1] in org_words and len(before) + len(after) <= 5:
        return True
    if any(
        before[j] in ("of", "on", "for") and before[j - 1] in org_words
        for j in range(1, len(before))
    ):
        return True
    cut = next((k for k, w in enumerate(after) if is_connector(w)), len(after))
    after = after[:cut]  # up to the next connector: "... Administration and the Department"
    return (
        bool(after)
        and len(before) <= 3
        and len(after) <= 4
        and after[-1] in lex.org_suffixes
        and before[-1] not in org_words
        and before[0] not in lex.first_names
        and after[0] not in lex.first_names
        and not any(is_connector(w) or w in lex.aliases for w in before + after)
    )


_NUMBER = re.compile(r"\d{1,4}|[IVX]{1,5}")  # a number in a name: "230", "II", "IX"


def _numbered(tokens: list[Token], lex: Lexicon) -> bool:
    """True for a numbered head and its number ("Section 230", "Article II")."""
    return (
        len(tokens) == 2
        and tokens[0].word in lex.numbered_heads
        and _NUMBER.fullmatch(tokens[1].word) is not None
    )


_NUMBER_AFTER = re.compile(r"[ \t\u00a0]\d{1,4}\b(?![.,]\d)")


def _in_capitals(run: str) -> bool:
    """A run of several words in capitals inside a text ("DISNEY STOCK TUMBLES AFTER"): a
    subheading, read like a headline."""
    words = run.split()
    return len(words) > 2 and all(w.isupper() and len(w) > 1 for w in words)


class Extractor(Classifier):
    """One pass over one text."""

    def run(self) -> list[Candidate]:
        """The candidate mentions of the text, typed, in text order."""
        body: list[Candidate] = []
        shouted: list[tuple[int, str]] = []  # (start, run) on headline lines
        line = 0
        n_lines = len(self.line_starts)
        lex = self.lex
        for start, end, run in self._runs():
            while line + 1 < n_lines and self.line_starts[line + 1] <= start:
                line += 1
            if self.skip and any(a <= start < b for a, b in self.skip):
                continue
            if self.shouting[line] or _in_capitals(run):
                shouted.append((start, run))
            elif run in lex.single_aliases:  # the commonest case, "Russia", "U.S."
                alias = lex.aliases[run]
                body.append(Candidate(start, end, alias.type, alias.key, alias.name, (run,)))
            elif run not in lex.function and run not in lex.never:
                body.extend(self._split_run(start, run))
        body = self._resolve_weak(body)
        known = self._known_names(body)
        for start, run in shouted:
            body.extend(self._shouted_run(start, run, known))
        body.sort(key=lambda c: c.start)
        return body

    def _runs(self) -> list[tuple[int, int, str]]:
        """The runs of capitalised words (start, end, text), two runs joined by a possessive
        when they make one name (`_possessive_inside`)."""
        text = self.text
        runs = [(m.start(), m.end(), m.group()) for m in self.lex.run.finditer(text)]
        out: list[tuple[int, int, str]] = []
        for start, end, run in runs:
            number = _NUMBER_AFTER.match(text, end)
            if number and run.rsplit(None, 1)[-1] in self.lex.numbered_heads:
                end = number.end()  # "Section 230": the number is part of the name
                run = text[start:end]
            if out:
                a, b, before = out[-1]
                if (
                    start == b + 3
                    and text[b : b + 3] in ("'s ", "’s ")
                    and _possessive_inside(before, run, self.lex)
                ):
                    out[-1] = (a, end, text[a:end])
                    continue
            out.append((start, end, run))
        return out

    # -- splitting a run into candidate mentions

    def _split_run(self, start: int, run: str) -> list[Candidate]:
        lex = self.lex
        tokens = split_camel_debris(run_tokens(run, start, lex), lex)
        initial = is_sentence_start(self.text, start)
        # drop leading function words and the like ("The", "However", "On")
        while tokens and self._droppable(tokens, initial) and not _numbered(tokens, lex):
            tokens = tokens[1:]
            initial = False
        # "Fullback Andre Joubert": a capitalised word opening the sentence before a given name
        if (
            initial
            and len(tokens) > 2
            and tokens[1].word in lex.first_names
            and tokens[0].word not in lex.first_names
            and not self._alias_length(tokens, 0)
            and not self._is_title(tokens[0].word)
        ):
            tokens = tokens[1:]
        if len(tokens) < 2:
            return self._gazetteer_scan(tokens, initial) if tokens else []
        defined = ACRONYM_DEF.match(self.text, tokens[-1].end)
        words = tuple(t.word for t in tokens)
        if (
            defined
            and initials_match(defined.group(1), words)
            and (" ".join(words) not in lex.aliases)
        ):
            return [self._candidate(tokens, ORG)]
        out: list[Candidate] = []
        for part in self._split_at_breaks(tokens):
            out.extend(self._segment(part, initial and part[0].start == tokens[0].start))
        return out

    def _droppable(self, tokens: list[Token], initial: bool) -> bool:
        lex = self.lex
        word = tokens[0].word
        stripped = bare(word)
        if (
            is_connector(word)
            or (stripped in lex.never and not _debris_inside_organisation(tokens, 0, lex))
            or is_debris_code(stripped, lex)
            or ("-" in stripped and all(p in lex.never for p in stripped.split("-")))  # "Jan-June"
        ):
            return True
        if self._shouted_word(word) and not self._alias_length(tokens, 0):
            return True
        if self._alias_length(tokens, 0) or stripped in lex.first_names:
            return False
        if stripped in lex.function:
            return True
        if not initial or stripped in lex.titles:
            return False
        if len(tokens) > 1 and self._written_inside(tokens[0], tokens[1]):
            # "Advanced Medical said ..." where the article has "shares of Advanced Medical":
            # +0.0013 untyped F1 on the held-out halves ("Mother Teresa", "Red Star")
            return False
        last = tokens[-1].word
        if len(tokens) > 1 and (last in lex.org_suffixes or last in lex.place_suffixes):
            return False
        return stripped in lex.common or (
            len(tokens) > 1
            and (
                stripped.lower() in self.lower_words
                or (stripped.endswith(lex.common_endings) and stripped[1:].islower())
            )
        )

    def _written_inside(self, first: Token, second: Token) -> bool:
        """Whether the article also writes these two words together inside a sentence (not at
        its start), as whole words: then the first is a word of the name, not an opener."""
        text = self.text
        phrase = text[first.start : second.end]
        at = text.find(phrase)
        while at >= 0:
            end = at + len(phrase)
            if (
                at != first.start
                and not is_sentence_start(text, at)
                and not (at and text[at - 1].isalnum())
                and not (end < len(text) and text[end].isalnum())
            ):
                return True
            at = text.find(phrase, at + 1)
        return False

    def _split_at_breaks(self, tokens: list[Token]) -> list[list[Token]]:
        """Split at never-entity words and at connectors that do not belong to a name."""
        lex = self.lex
        if not any(
            tok.end - tok.start != len(tok.word)
            or is_connector(tok.word)
            or tok.word in lex.never
            or tok.word in lex.function
            or tok.word.isupper()
            or tok.word[-1] in "0123456789."
            or "-" in tok.word
            for tok in tokens
        ):
            return [tokens]  # "Vladimir Putin": nothing to split at
        covered: set[int] = set()
        i = 0
        while i < len(tokens):
            n = self._alias_length(tokens, i)
            covered.update(range(i, i + n))
            i += max(n, 1)
        parts: list[list[Token]] = [[]]
        for i, tok in enumerate(tokens):
            word = tok.word
            stripped = bare(word)
            if i not in covered and (
                (stripped in lex.never and not _debris_inside_organisation(tokens, i, lex))
                or (stripped in lex.function and not _titled_link(tokens, i, lex))
                or is_debris_code(stripped, lex)
                or self._shouted_word(word)
            ):
                parts.append([])
                continue
            if is_connector(word) and not self._keeps_connector(tokens, i):
                parts.append([])
                continue
            if tok.end - tok.start != len(word):  # "US-backed" ends a name, or stands alone
                if i in covered:
                    parts[-1].append(tok)
                    parts.append([])
                else:
                    parts.extend(([tok], []))
                continue
            parts[-1].append(tok)
        cleaned = []
        for part in parts:
            while part and is_connector(part[-1].word):
                part.pop()
            while part and is_connector(part[0].word):
                part.pop(0)
            if part:
                cleaned.append(part)
        return cleaned

    def _keeps_connector(self, tokens: list[Token], i: int) -> bool:
        lex = self.lex
        word = tokens[i].word
        before = [t.word for t in tokens[:i]]
        after = [t.word for t in tokens[i + 1 :]]
        if not before or not after:
            return False
        # inside a known multi-word name ("Bosnia and Herzegovina")
        for j in range(max(0, i - lex.max_alias_words), i):
            for k in range(i + 1, min(len(tokens), j + lex.max_alias_words) + 1):
                if " ".join(t.word for t in tokens[j:k]) in lex.aliases:
                    return True
        if word in lex.particles and word not in ("of", "and", "the", "for", "on"):
            # "Joost van der Westhuizen": the next word that is not a particle is a name
            rest = [w for w in after if w not in lex.particles]
            return bool(rest) and not rest[0][0].islower()
        if before[-1].rstrip(".") in lex.company_forms:  # "Acme Inc and", "GTE Corp. and"
            return False
        if word == "of":
            return before[-1] in lex.suffixes or any(
                w in lex.org_of_heads or w in lex.place_of_heads for w in before
            )
        if word == "the":
            return before[-1] in ("of", "for", "on") or before[-1] in lex.place_of_heads
        if word == "&":
            return len(after[0]) > 1
        if word == "v.":  # "Roe v. Wade": a court case
            return True
        if word not in ("and", "for", "on"):
            return False
        if word == "and":
            # "Ministry of Trade and Industry", not "House and Senate"
            return _and_inside_organisation(before, after, lex) or any(
                w in lex.org_of_heads and link in ("of", "on", "for")
                for w, link in zip(before, before[1:], strict=False)
            )
        # "Commission on Human Rights", "Fund for Peace"
        return any(w in lex.org_of_heads or w in lex.org_words for w in before)

    def _segment(self, tokens: list[Token], initial: bool) -> list[Candidate]:
        """Type one connector-free stretch: a whole organisation, or titles + names + aliases."""
        lex = self.lex
        words = [t.word for t in tokens]
        alias = lex.aliases.get(" ".join(words))
        if alias is not None:
            return [self._candidate(tokens, alias.type, alias)]
        if "v." in words:  # "Brown v. Board of Education"
            return [self._candidate(tokens, OTH)]
        if _numbered(tokens[-2:], lex):
            return [self._candidate(tokens, OTH)]  # "Section 230", "Article II", "Title IX"
        adjective = lex.aliases.get(words[0])
        if (
            adjective is not None
            and adjective.demonym
            and adjective.type is ORG
            and " ".join(words[1:]) in lex.aliases
        ):  # "the Republican Senate": the party's adjective before a name of its own
            return self._gazetteer_scan(tokens, initial)
        opening = initial and words[0] in lex.common and " ".join(words[1:]) in lex.aliases
        if len(words) > 1 and not (set(words) <= lex.titles) and not opening:
            # ('Top Senate leaders': a sentence's common first word before a table name is
            # no part of it, read by the scan below)
            suffix_type = self._by_last_word(words)
            if suffix_type is not None:
                return [self._candidate(tokens, suffix_type)]
        # titles split a run: "Russian Foreign Minister Sergey Lavrov"
        last_title = -1
        for i, word in enumerate(words):
            if (
                self._is_title(word)
                and i < len(words) - 1
                and bare(word) not in lex.first_names
                and not (i and is_connector(words[i - 1]))  # "Council on Foreign Relations"
            ):
                last_title = i
        if last_title >= 0:
            return self._after_titles(tokens, last_title, initial)
        if all(self._is_title(w) for w in words):
            return []
        return self._gazetteer_scan(tokens, initial)

    def _after_titles(self, tokens: list[Token], last_title: int, initial: bool) -> list[Candidate]:
        """A stretch with titles (the last at `last_title`): what comes before them, and the
        titled person after them."""
        first_title = last_title
        while first_title > 0 and self._is_title(tokens[first_title - 1].word):
            first_title -= 1
        head = self._gazetteer_scan(tokens[:first_title], initial)
        for cand in head:
            if cand.type is None:  # "Quillfeed Editor-in-Chief": who employs the titled person
                cand.type, cand.weak = ORG, False
        name = tokens[last_title + 1 :]
        if (
            len(name) == 1
            and bare(tokens[last_title].word) in self.lex.honorifics
            and (self._is_title(name[0].word) and name[0].word[1:].islower())
        ):
            # "Mr King": a title word after an honorific is a surname when someone in the
            # article has it ("Billy King"); `_resolve_weak` decides
            cand = self._candidate(name, None, titled=True, weak=True)
            cand.lone_title = True
            cand.gender = self._title_gender([tokens[last_title].word])
            return [*head, cand]
        if name and self._is_title(name[0].word):
            return head
        person = self._gazetteer_scan(name, False, titled=True)
        titles = [bare(t.word) for t in tokens[first_title : last_title + 1]]
        gender = self._title_gender(titles)
        for cand in person:
            if cand.start == name[0].start and cand.type is PER:
                cand.gender = gender
                cand.regnal = any(t in self.lex.regnal_titles for t in titles)
        return head + person

    def _gazetteer_scan(
        self, tokens: list[Token], initial: bool, titled: bool = False
    ) -> list[Candidate]:
        """Longest table matches left to right; the stretches between them are names."""
        lex = self.lex
        merged = self._place_with_name(tokens, titled)
        if merged is not None:
            return [merged]
        out: list[Candidate] = []
        rest: list[Token] = []
        people_end = -1  # end of the last nationality or group word
        i = 0
        while i < len(tokens):
            n = self._alias_length(tokens, i)
            if not n:
                parts = self._hyphen_parts(tokens[i])
                if parts:
                    tokens[i : i + 1] = parts
                    continue
                rest.append(tokens[i])
                i += 1
                continue
            alias = lex.aliases[" ".join(t.word for t in tokens[i : i + n])]
            if rest:
                out.extend(self._name(rest, initial and rest[0] is tokens[0], titled))
                rest = []
            people = alias.demonym or alias.type is GRP
            if people and i and out and people_end == tokens[i - 1].end:
                # "Iraqi Kurds": one group
                out[-1] = Candidate(
                    out[-1].start,
                    tokens[i + n - 1].end,
                    GRP,
                    None,
                    None,
                    out[-1].words + tuple(t.word for t in tokens[i : i + n]),
                )
            else:
                out.append(self._candidate(tokens[i : i + n], alias.type, alias))
            people_end = out[-1].end if people else -1
            i += n
        if rest:
            out.extend(self._name(rest, initial and rest[0] is tokens[0], titled))
        return out

    def _hyphen_parts(self, token: Token) -> list[Token] | None:
        """A hyphenated word made of table entries ("Kurdish-Arab"), as one token per part."""
        if "-" not in token.word:
            return None
        parts, pos = [], token.start
        for piece in token.word.split("-"):
            if piece not in self.lex.aliases:
                return None
            parts.append(Token(pos, pos + len(piece), piece))
            pos += len(piece) + 1
        return parts

    # -- headlines and upper-case lines

    def _known_names(self, body: list[Candidate]) -> dict[str, Candidate]:
        known: dict[str, Candidate] = {}
        for cand in body:
            if cand.type is None:
                continue
            known.setdefault(" ".join(cand.words).casefold(), cand)
            if cand.type is PER and len(cand.words) > 1:
                known.setdefault(cand.words[-1].casefold(), cand)
        return known

    def _shouted_run(self, start: int, run: str, known: dict[str, Candidate]) -> list[Candidate]:
        """Upper-case and headline lines: only table entries and names known from the body."""
        lex = self.lex
        tokens = run_tokens(run, start, lex)
        out = []
        i = 0
        while i < len(tokens):
            hit = None
            for n in range(min(max(lex.max_alias_words, 4), len(tokens) - i), 0, -1):
                surface = " ".join(t.word for t in tokens[i : i + n])
                alias = lex.aliases.get(surface)
                if alias is None and len(surface) > 3:
                    alias = lex.folded_aliases.get(surface.casefold())
                if alias is not None and not (n == 1 and surface.capitalize() in lex.common):
                    hit = self._candidate(tokens[i : i + n], alias.type, alias)
                    break
                cand = known.get(surface.casefold())
                if cand is not None and surface.capitalize() not in lex.not_names:
                    hit = Candidate(
                        tokens[i].start,
                        tokens[i + n - 1].end,
                        cand.type,
                        cand.key,
                        cand.name,
                        cand.words,
                    )
                    break
            if hit is None:
                i += 1
                continue
            out.append(hit)
            i += len(run_tokens(self.text[hit.start : hit.end], 0, lex))
        return out
