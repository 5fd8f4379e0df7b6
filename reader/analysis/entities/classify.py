"""Deciding what a candidate is: a person, a place, an organisation, a group or another thing.

A phrase is typed by its last word ("Foreign Ministry"), its "X of Y" head ("Bank of England"),
a given name or title before it, or its shape; a single unknown word by what the article says
of it elsewhere and by the words around it ("in Minnigh", "spokesman Zetterquist").
"""

from __future__ import annotations

import re
from collections import Counter

from reader.analysis.entities.context import Reading, word_after, word_before
from reader.analysis.entities.learned import LABELS, TYPES, Cues, features, type_model
from reader.analysis.entities.lexicon import NOT_COUNTRY
from reader.analysis.entities.model import GRP, LOC, ORG, OTH, PER, EntityType
from reader.analysis.entities.tokens import (
    Candidate,
    Token,
    bare,
    is_connector,
    is_initial,
    surname,
)

# How far the learned model must score another type above PER to overrule a name's shape
# ("Vishwanand Subryan", "Krystal Correa"); chosen among 0, 2, 5 and 10 on CoNLL testa, ECB+
# and names read in PolNeAR articles: 10 keeps people people at a cost of 0.002 typed F1.
_MARGIN = 10.0
# What a speech verb right after an unknown word ("Halvorsen said") adds to its person score:
# CoNLL's Reuters text makes most such words companies; chosen among 0, 5, 10, 15 and 20 (no
# change to CoNLL typed F1 up to 10, -0.001 at 15 and 20), 15 being the least that types
# "Halvorsen said so." at a sentence start a person.
_SPEAKER = 15.0
# What one context a rule reads ("in Brennan" a place, "the Brennan regime" a person) weighs
# against the learned model's scores of the word's other contexts, summed over the article
# (a context scores about 10): a rule no longer outvotes every other context ("from Gencor's
# perspective" beside "Gencor's stake", "Gencor raised earnings"). Chosen among 8, 15, 20, 30
# and 50 and "always" (the rule's vote only) on the held-out halves of CoNLL train: 20-50 give
# 0.836 typed F1 against 0.834.
_RULE = 30.0
# A person's rule ("spokesman Brennan", "the Brennan administration") outvotes any number of
# contexts the model reads: the model, learned on Reuters text where a lone unknown word is
# mostly a company, types "Trump" alone an organisation in every context of a US politics
# article. On the held-out halves this costs 0.0004 typed F1 against weighing it like the others.
# A household noun after the word ("the Disney family", `modifier_nouns`) counts `_RULE` only.
_PERSON_RULE = 1000.0
_LABEL_OF = {TYPES[label]: k for k, label in enumerate(LABELS)}
_DEMONYM_ENDINGS = ("ian", "an", "er", "ite")  # "Missouri-an", "London-er", "Seattle-ite"
_PLACE_TAILS = ("", "a", "as", "i", "o", "e", "y")  # what the ending replaced ("Tex-as")
# "X said he/she ...", after a lone word: 100 (or 1000) changes nothing on the held-out halves
# (CoNLL's agencies that say "he", Tass and Interfax, are table entries) and types a lone
# "Trump" of a PAC article a person in all seven mentions, where the model's Reuters prior read
# an organisation.
_SAID_HE = 100.0
# The leading words of a company named in full in the article ("Barrick" or "Barrick Gold" after
# "Barrick Gold Corp", "Brush Wellman" after "Brush Wellman Inc"): what this adds to the
# organisation score of an unknown word over all its contexts, and a phrase the model typed
# otherwise is the company. CoNLL's Reuters reports name a company in full once, then by its
# short form ("Barrick said ..."), which the model alone read as a person.
_COMPANY = 100.0
# How far the learned model's score for another thing must beat the organisation's, summed
# over an unknown acronym's contexts, to make it no organisation ("RBI", "BSE"): chosen among
# 0, 3, 5, 10, 20, 40 and 80 on the held-out halves (typed F1 0.8586, 0.8588, 0.8589, 0.8589,
# 0.8590, 0.8582, 0.8577); 20 moves the fewest (two words, one mention wrong)
_ACRONYM_MARGIN = 20.0
_SAID_PRONOUN = re.compile(r"[ \t]+[a-z]+[ \t]+(?:he|she)\b")  # " said he", " told she"
_NOUN_OF = re.compile(r"([A-Za-z]+)[ \t]+of[ \t]+$")  # "residents of " before a name


class Classifier(Reading):
    """The typing rules, on one text."""

    def _cues(self) -> Cues:
        """What the learned model reads from the whole text."""
        return Cues(self.lower_words, self.sports)

    def _not_name(self, word: str) -> bool:
        """A capitalised word almost never a name in the model's training text ("GDP")."""
        return word in type_model().not_names

    def _by_last_word(self, words: list[str]) -> EntityType | None:
        """The type a phrase of several words has by its last word or its "X of Y" head
        ("Foreign Ministry", "Labor Day", "Bank of England"); None when there is none, or when
        a title and a given name make it a person ("Minister John Hall")."""
        lex = self.lex
        last = words[-1].rstrip(".")
        suffix_type = (
            ORG
            if last in lex.org_suffixes
            else LOC
            if last in lex.place_suffixes
            else OTH
            if last in lex.other_suffixes
            else None
        )
        joint = next((i for i, w in enumerate(words) if i and w in ("of", "on", "for")), 0)
        if joint:  # "Bank of England", "Council on Foreign Relations"
            head = words[joint - 1]
            if head in lex.org_of_heads or (words[joint] != "of" and head in lex.org_suffixes):
                suffix_type = ORG
            elif head in lex.place_of_heads and words[joint] == "of":
                suffix_type = LOC
            elif words[0] in lex.org_of_heads:
                suffix_type = ORG
        if words[0] in lex.titles and any(w in lex.first_names for w in words[:-1]):
            return None
        if suffix_type is LOC and len(words) == 2 and words[0] in lex.first_names:
            return None  # "Damon Hill", "Grace Park": a given name and a surname
        return suffix_type

    def _place_with_name(self, tokens: list[Token], titled: bool) -> Candidate | None:
        """A place inside a longer name: "East Jerusalem", "Kansas City", "Inter Milan", and a
        person whose surname is a place: "Michael Jordan", "President George Washington"."""
        lex = self.lex
        if len(tokens) < 2:
            return None
        for i in range(len(tokens)):
            n = self._alias_length(tokens, i)
            if not n:
                continue
            alias = lex.aliases[" ".join(t.word for t in tokens[i : i + n])]
            rest = [t.word for t in tokens[:i] + tokens[i + n :]]
            if (
                n == 1
                and i == len(tokens) - 1
                and alias.type is LOC
                and not alias.demonym
                and (titled or rest[0] in lex.first_names)
                and all(w[0].isupper() and w not in lex.aliases for w in rest)
            ):
                return self._candidate(tokens, PER, titled=titled)
            if titled:
                return None
            if (
                alias.type is not LOC
                or alias.demonym
                or not rest
                or any(
                    w in lex.first_names or w in lex.aliases or w in lex.titles or w.isupper()
                    for w in rest
                )
            ):
                return None
            if all(w in lex.place_modifiers for w in rest):
                return self._candidate(tokens, LOC)
            return self._candidate(tokens, ORG)
        return None

    # -- a name between table entries

    def _name(self, tokens: list[Token], initial: bool, titled: bool) -> list[Candidate]:
        """The candidate a stretch of words that are no table entry makes, if any."""
        titles = [bare(t.word) for t in tokens if self._is_title(t.word)]
        gender = self._title_gender(titles)
        tokens, titled = self._trimmed(tokens, titled)
        tokens, titled = self._without_role(tokens, titled)
        words = [t.word for t in tokens]
        if len(words) == 1 and self._is_title(words[0]) and words[0][1:].islower():
            # "King said": the surname of a person named in full elsewhere ("Billy King"), or
            # nothing (`_resolve_weak` decides)
            cand = self._candidate(tokens, None, weak=True)
            cand.lone_title = True
            return [cand]
        if len(words) == 1 and not (initial or titled) and self._surname_word(words[0]):
            # "says Early": the surname of "Chris Early" named in full, or nothing
            cand = self._candidate(tokens, None, weak=True)
            cand.lone_title = True
            return [cand]
        if self._no_name(words, titled):
            return []
        if titled or words[0].rstrip(".") in self.lex.first_names or self._person_marks(tokens):
            cand = self._candidate(tokens, PER, titled=titled)
            cand.gender = gender
            cand.regnal = any(t in self.lex.regnal_titles for t in titles)
            return [cand]
        if len(words) == 1:
            if words[0] in self.lex.fragment_words:
                return []  # "Council", "Department": a word of a longer name, standing alone
            return [self._single_word(tokens, initial)]
        cand = self._candidate(tokens, self._phrase_type(words))
        placed = cand.type is LOC and words[0].rstrip(".") in self.lex.place_modifiers
        if cand.type is None or placed:  # no word or shape rule: the learned model reads the
            # context; a place modifier first ("St Helens" the club, "New Democracy" the party)
            # only makes the place the default (`_type_by_scores`): a prior for the place of
            # 5, 10 or 20 on the held-out halves gives 0.0003-0.0006 less typed F1 than none
            feats = features(self.text, cand.start, cand.end, cand.words, self._cues())
            cand.scores = type_model().scores(feats)
            self._type_by_scores(cand, cand.scores)
        return [cand]

    def _type_by_scores(self, cand: Candidate, scores: list[float]) -> None:
        """Type a phrase by the learned model's scores; a name's shape makes it a person unless
        the model is sure it is not."""
        best = scores.index(max(scores))
        shaped = self._name_shaped(list(cand.words))
        # a place modifier first makes the shape a place's ("Port Arthur", "Lake Maracaibo":
        # with the person's default, 0.0006 less typed F1 on the held-out halves)
        default = _LABEL_OF[LOC] if cand.words[0].rstrip(".") in self.lex.place_modifiers else 0
        if shaped and scores[best] - scores[default] < _MARGIN:
            best = default
        cand.learned = best != 0 or not shaped
        cand.type = TYPES[LABELS[best]]

    def _one_type_per_phrase(self, cands: list[Candidate]) -> None:
        """A phrase the model typed in several places takes the type its scores summed over
        them give, against the same margin ("the White Sox have lost", "behind the White Sox":
        each context alone too weak to overrule a name's shape, together strong enough; the
        sum gives 0.0010 more typed F1 on the held-out halves than the mean)."""
        groups: dict[tuple[str, ...], list[Candidate]] = {}
        for cand in cands:
            if cand.scores is not None:
                groups.setdefault(cand.words, []).append(cand)
        for group in groups.values():
            if len(group) < 2:
                continue
            total = [sum(c.scores[k] for c in group if c.scores) for k in range(len(LABELS))]
            for cand in group:
                self._type_by_scores(cand, total)

    def _person_marks(self, tokens: list[Token]) -> bool:
        """A name only people have: a generation last ("Arcade Comeaux Jr."), or a nickname
        inside ("Kimani (Kiki) Gray")."""
        if len(tokens) < 2:
            return False
        return tokens[-1].word.rstrip(".") in self.lex.generations or any(
            self.text[t.start - 1] in '("“' for t in tokens[1:-1]
        )

    def _name_shaped(self, words: list[str]) -> bool:
        """Up to four capitalised words, none in capitals: "Vishwanand Subryan"."""
        return len(words) <= 4 and all(
            w[0].isupper() and (not w.isupper() or is_initial(w))
            for w in words
            if w not in self.lex.particles
        )

    def _trimmed(self, tokens: list[Token], titled: bool) -> tuple[list[Token], bool]:
        """The tokens without connectors at either end and titles in front, and whether a title
        was dropped."""
        while tokens and is_connector(tokens[0].word):  # left between two table entries
            tokens = tokens[1:]
        while tokens and is_connector(tokens[-1].word):
            tokens = tokens[:-1]
        while len(tokens) > 1 and self._is_title(tokens[0].word):
            tokens = tokens[1:]
            titled = True
        return tokens, titled

    def _without_role(self, tokens: list[Token], titled: bool) -> tuple[list[Token], bool]:
        """ "Special Counsel Robert Mueller", "Crooked Hillary Clinton", "Miss Universe Alicia
        Machado": capitalised words before a given name and a surname are a role or an epithet,
        not part of the name, when the article also writes them in lower case, they are common
        words or have the ending of one ("-ed", "-ing"), or one such word follows a title."""
        lex = self.lex
        first = next((i for i, t in enumerate(tokens) if i and bare(t.word) in lex.first_names), 0)
        if not first or len(tokens) - first < 2:
            return tokens, titled
        lead = [t.word for t in tokens[:first]]
        if any(w in lex.first_names or w in lex.aliases or self._is_title(w) for w in lead):
            return tokens, titled
        if all(
            w.lower() in self.lower_words or w in lex.common or w.endswith(lex.common_endings)
            for w in lead
        ) or (titled and first == 1):
            return tokens[first:], True
        return tokens, titled

    def _surname_word(self, word: str) -> bool:
        """True for an ordinary word written as a name inside a sentence, which may be a
        surname ("Early", "Young", "Best"): not a function word."""
        lex = self.lex
        return (
            word in lex.common and word[1:].islower() and len(word) > 2 and word not in lex.function
        )

    def _no_name(self, words: list[str], titled: bool) -> bool:
        """Nothing, titles only, one ordinary word ("Free" left over from "the Free Syrian
        forces"), or one letter."""
        if not words or all(self._is_title(w) for w in words):
            return True
        if len(words) > 1:
            return False
        return (words[0] in self.lex.common and not titled) or len(words[0].rstrip(".")) == 1

    def _single_word(self, tokens: list[Token], initial: bool) -> Candidate:
        """One word: an acronym in the tables, an unknown acronym (an organisation, or a town in
        a dateline), or an unknown word typed later (`_resolve_weak`)."""
        word = tokens[0].word
        alias = self.lex.folded_aliases.get(word.casefold()) if word.isupper() else None
        if alias is not None:
            return self._candidate(tokens, alias.type, alias)
        if self._place_demonym(word):
            return self._candidate(tokens, GRP)  # "Missourians", "Texans", "Londoners"
        if word.isupper() and len(word) >= 2 and word.isalpha():
            if self._not_name(word):
                return self._candidate(tokens, None, weak=initial)
            cand = self._candidate(tokens, ORG, weak=initial)
            if self._in_town_comma_state(cand):
                cand.type = LOC  # a dateline: "DANVILLE, Ky. -"
            else:
                cand.acronym = True
            return cand
        return self._candidate(tokens, None, weak=initial)

    def _place_demonym(self, word: str) -> bool:
        """The plural of the people of a place in the tables that the tables do not list:
        "Missourians" (Missouri), "Texans" (Texas), "Floridians", "Londoners"."""
        if len(word) < 6 or not word.endswith("s") or not word[1:].islower():
            return False
        base = word[:-1]
        for ending in _DEMONYM_ENDINGS:
            if not base.endswith(ending):
                continue
            stem = base[: -len(ending)]
            for tail in _PLACE_TAILS:
                alias = self.lex.aliases.get(stem + tail)
                if alias is not None and alias.type is LOC and len(stem + tail) >= 4:
                    return True
        return False

    def _phrase_type(self, words: list[str]) -> EntityType | None:
        """The type of an unknown phrase of several words by its shape, where the shape tells
        it: digits, "&", a place modifier first ("New Haven"), an initial first ("J. Smith");
        None otherwise."""
        first = words[0].rstrip(".")
        if any(c.isdigit() for c in "".join(words)):
            return OTH
        if "&" in words:
            return ORG  # "Procter & Gamble"
        if first in self.lex.place_modifiers:
            return LOC  # "New Haven", "Port Harcourt"
        if len(first) == 1:
            return PER
        return None

    # -- single unknown words

    def _resolve_weak(self, cands: list[Candidate]) -> list[Candidate]:
        """Type the single unknown words, and drop those that are no names after all."""
        lex = self.lex
        self._one_type_per_phrase(cands)
        named = [c for c in cands if c.type is PER and len(c.words) > 1 and not c.learned]
        surnames = {surname(c.words, lex) for c in named}
        firsts = {c.words[0] for c in named}
        self._companies = {
            c.words[:i]
            for c in cands
            if c.type is ORG and len(c.words) > 1 and c.words[-1].rstrip(".") in lex.company_forms
            for i in range(1, len(c.words))
        }
        confident: dict[tuple[str, ...], Counter[EntityType]] = {}
        for c in cands:
            if not c.weak and c.type is not None:
                confident.setdefault(c.words, Counter())[c.type] += 1
        # words also capitalised inside a sentence: a name at a sentence start too ("Zenith
        # will build ..." where the article also says "a contract with Zenith")
        self._inside = {c.words for c in cands if not c.weak and len(c.words) == 1}
        out, guessed = [], []
        for cand in cands:
            word = cand.words[0] if len(cand.words) == 1 else None
            if cand.lone_title and word not in surnames:
                continue
            if word is not None and (word in surnames or (word in firsts and cand.type is None)):
                cand.type = PER
            elif cand.key is None and cand.words in confident:
                cand.type = confident[cand.words].most_common(1)[0][0]
            elif (
                self.sports
                and word is not None
                and cand.type is LOC
                and cand.key
                and (not lex.folded_aliases.get(word.casefold(), NOT_COUNTRY).country)
                and word_before(self.text, cand.start).lower() not in lex.place_prepositions
            ):
                cand.type, cand.key, cand.name = ORG, None, None
            elif cand.type is None:
                keep, cand.type = self._guess(cand)
                if not keep:
                    continue
                if cand.weak and cand.words in self._inside:
                    cand.type = None  # typed by its contexts inside sentences
                guessed.append(cand)
            elif (
                cand.weak
                and cand.type is ORG
                and (word is not None and word.capitalize() in lex.common)
            ):
                continue
            out.append(cand)
        self._one_type_per_word(guessed)
        self._acronyms(out)
        people = surnames | {c.words[0] for c in out if c.type is PER and len(c.words) == 1}
        for cand in out:
            if cand.learned and cand.words[-1] in people:
                cand.type = PER  # "Greta Thunberg" when "Thunberg" alone is a person
            elif cand.scores is not None and cand.words in self._companies:
                cand.type = ORG  # "Brush Wellman" after "Brush Wellman Inc"
        return out

    def _acronyms(self, cands: list[Candidate]) -> None:
        """An unknown acronym is an organisation unless the learned model, over all its
        contexts, scores another thing higher by `_ACRONYM_MARGIN` ("BSE", "CPI")."""
        groups: dict[str, list[Candidate]] = {}
        for cand in cands:
            if cand.acronym and cand.type is ORG:
                groups.setdefault(cand.words[0], []).append(cand)
        model = type_model()
        org, other = _LABEL_OF[ORG], _LABEL_OF[OTH]
        for group in groups.values():
            total = [0.0] * len(LABELS)
            for cand in group:
                feats = features(self.text, cand.start, cand.end, cand.words, self._cues())
                for k, value in enumerate(model.scores(feats)):
                    total[k] += value
            if total[other] - total[org] > _ACRONYM_MARGIN:
                for cand in group:
                    cand.type = OTH

    def _guess(self, cand: Candidate) -> tuple[bool, EntityType | None]:
        """Whether an unknown word is a name, and its type where the context tells one."""
        lex = self.lex
        word = cand.words[0]
        before = word_before(self.text, cand.start).lower()
        after = word_after(self.text, cand.end).lower()
        if cand.weak and (
            word.lower() in self.lower_words
            or word.capitalize() in lex.common
            or (word.endswith(lex.common_endings) and (word[1:].islower() or "-" in word))
            or (
                after not in lex.speech_verbs
                and word[1:].islower()
                and not self.sports
                and cand.words not in self._inside
                and self.text[cand.end : cand.end + 2] not in ("'s", "’s")  # "Quorvex's"
            )
        ):
            return False, None
        if word in lex.org_words:
            return True, ORG  # "the Academy", "Parliament": an organisation's head word
        if self._not_name(word):
            return False, None  # "GDP", "TV": capitalised, and almost never a name
        if word.endswith(lex.other_endings):
            return True, OTH  # "Judaism", "Trumpism"
        if before in lex.person_roles:
            return True, PER
        if before in lex.place_prepositions or (
            not self.sports and self._place_after(cand, before)
        ):
            return True, LOC
        if self._in_town_comma_state(cand):
            return True, LOC
        if after in lex.modifier_nouns:
            cand.household = True  # "the Disney family": also a firm's people
        return True, lex.role_nouns.get(after)

    def _place_after(self, cand: Candidate, before: str) -> bool:
        """ "from Brennan", "to Brennan", "residents of Brennan": words that make the unknown
        word after them a place."""
        if before in ("from", "to"):
            return True
        m = _NOUN_OF.search(self.text, max(0, cand.start - 40), cand.start)
        return m is not None and m.group(1).lower() in self.lex.place_of_nouns

    def _one_type_per_word(self, guessed: list[Candidate]) -> None:
        """One type per unknown word: the type scored highest over all its contexts in the
        article, a context read by a rule counting `_RULE` for its type (`_PERSON_RULE` for a
        person), any other the learned model's scores."""
        model = type_model()
        scores: dict[tuple[str, ...], list[float]] = {}
        for cand in guessed:
            total = scores.setdefault(cand.words, [0.0] * len(LABELS))
            if cand.type is not None:  # a rule's reading of this context
                strong = cand.type is PER and not cand.household
                total[_LABEL_OF[cand.type]] += _PERSON_RULE if strong else _RULE
                continue
            feats = features(self.text, cand.start, cand.end, cand.words, self._cues())
            for k, value in enumerate(model.scores(feats)):
                total[k] += value
            if word_after(self.text, cand.end).lower() in self.lex.speech_verbs:
                total[0] += _SPEAKER  # "Halvorsen said": a speaker, most often a person
                if _SAID_PRONOUN.match(self.text, cand.end, cand.end + 30):
                    total[0] += _SAID_HE  # "Vance said he would": a man speaking of himself

        for words, total in scores.items():
            if words in self._companies:
                total[_LABEL_OF[ORG]] += _COMPANY  # "Barrick said" after "Barrick Gold Corp"
        for cand in guessed:
            total = scores[cand.words]
            cand.type = TYPES[LABELS[total.index(max(total))]]
