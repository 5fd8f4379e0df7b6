"""Speakers: a speaker phrase linked to the article's entities, "he"/"she" resolved to the last
person named, and the speaker a quote carries over from the quote or sentence before it."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from reader.analysis.quotes.chunker import first_np
from reader.analysis.quotes.model import Span
from reader.analysis.quotes.sentences import previous_sentence, sentence_start
from reader.analysis.quotes.subjects import sentence_subject, subject_before
from reader.analysis.quotes.verbs import ReportingVerbs, reporting_verbs
from reader.analysis.quotes.words import quote_words

if TYPE_CHECKING:
    from reader.analysis.entities import Mention


@dataclass(frozen=True)
class Speaker:
    """Who a quote is attributed to: display name, entity key (None when no entity), mention."""

    name: str
    key: str | None
    start: int
    end: int


class PreviousQuote(NamedTuple):
    """The quote before the one being attributed: where it ended, its line, its speaker."""

    end: int
    line: int
    speaker: Speaker | None


def type_name(mention: Mention) -> str:
    """The entity type of a mention as a plain string ("person", "organisation", ...)."""
    kind = mention.type
    return str(getattr(kind, "value", kind))


class Resolver:
    """Turns a phrase's offsets into a speaker, using the article's entity mentions."""

    def __init__(self, text: str, mentions: tuple[Mention, ...], names: dict[str, str]):
        self.text = text
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self.types = [type_name(m) for m in self.mentions]
        self.names = names
        self._sexes: dict[str, str] | None = None

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """The mentions inside text[start:end]."""
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return [m for m in self.mentions[lo:hi] if m.end <= end]

    def kinds_in(self, start: int, end: int) -> list[str]:
        """The entity types of the mentions inside text[start:end]."""
        return [type_name(m) for m in self.mentions_in(start, end)]

    def speaker(self, span: Span | None, quotes: list[tuple[int, int]]) -> Speaker | None:
        """The speaker the phrase at `span` names (`quotes`: the article's quote extents)."""
        if span is None:
            return None
        lex = quote_words()
        start, end = span
        words = self.text[start:end]
        if words.lower() in lex.person_pronouns:
            person = self._subject_antecedent(start, quotes, words)
            if person is None:
                # 'The president, however, said ... “...,” he wrote': the description, for
                # naming.named to name
                described = self._described_antecedent(start, quotes)
                if described is not None:
                    return Speaker(described, None, start, end)
                person = self._last_person(start, quotes, words)
            if person is None:  # the sex the article seems to give was misread ('asked the
                # lawyer to explain his view'): the subject before, rather than a bare 'she'
                person = self._subject_antecedent(start, quotes, "")
            if person is None:
                return Speaker(words, None, start, end)
            return Speaker(self.names.get(person.key, person.text), person.key, start, end)
        if words.lower() in lex.pronouns:
            # 'I' and 'we' are the writer; 'it' is a document ('“...,” it read') or nothing.
            if words.lower() in lex.writer_pronouns:
                return None
            if words.lower() == "they":
                group = self.plural_antecedent(start, quotes)
            else:
                group = self._organisation_antecedent(start, quotes)
            name, key = group or (words, None)
            return Speaker(name, key, start, end)
        stop = bisect.bisect_left(self.starts, end)
        first = stop
        while first > 0 and self.starts[first - 1] > start - 200:  # names are short
            first -= 1
        near = [m for m in self.mentions[first:stop] if m.end > start]
        inside = [m for m in near if not self._member(m)]
        for wanted in ("person", "organisation", "group", "other", "place"):
            # "British officials" is no Britain, "a narrator in the Clinton ad" no Clinton; a
            # name in apposition speaks: "Charlie King, a prominent New York Democrat"
            found = [m for m in inside if type_name(m) == wanted and self._heads(m, start, end)]
            if wanted == "place" and len(near) > 1:
                found = []  # 'the Republican Jim Jordan of Ohio' is no Ohio; 'Japan' may be
            if found:
                best = found[-1]
                person = self.apposed_person(end) if self._in_modifier(best, start) else None
                if person is not None:  # 'The chairman of the committee, Rep. Carl Dunn,'
                    best = person
                return Speaker(self.names.get(best.key, best.text), best.key, best.start, best.end)
        return Speaker(words, None, start, end)

    def _member(self, mention: Mention) -> bool:
        """True for a party member written as one ('the West Virginia Democrat', 'a
        Republican'): a person described, not the party it is keyed to."""
        if mention.text.lower() not in quote_words().member_nouns:
            return False
        before = self.text[max(0, mention.start - 40) : mention.start].split()
        return any(w.lower() in ("the", "a", "an") for w in before[-4:])

    def _in_modifier(self, mention: Mention, start: int) -> bool:
        """True when a lower-case head word and a preposition come before the mention in the
        phrase at `start` ('The chairman of the committee', 'a spokesman for the NRA')."""
        lead = self.text[start : mention.start].split()
        breaks = quote_words().np_break - _COORDINATORS
        return any(p.islower() and w in breaks for p, w in zip(lead, lead[1:], strict=False))

    def _heads(self, mention: Mention, start: int, end: int) -> bool:
        """True when the mention is what the phrase text[start:end] names: an organisation that
        ends it, a person not inside a modifier ('a narrator in the Clinton ad' is no Clinton)."""
        if type_name(mention) != "person":
            return mention.end >= end
        lead = self.text[start : mention.start].split()
        breaks = quote_words().np_break
        if any(w in breaks and n.islower() for w, n in zip(lead, lead[1:], strict=False)):
            return False  # 'a narrator in the Clinton ad'; not 'Secretary of State John Kerry'
        if self._in_modifier(mention, start):
            return False  # 'A lawyer for Mr. Grimm'; not 'Orbit president and CEO Mara Lind'
        after = self.text[mention.end : end].strip(" .")
        # 'spokesman Nick Merrill', 'Carl Dunn’s', 'Charlie King, a New York Democrat', 'Ann
        # Blake of the Virgin Islands'; not the modifier of 'the Clinton ad', 'the Trump campaign'
        return after in {"", "’s", "'s", "’", "'"} or after.startswith((",", "(", "of ", "from "))

    def sex(self, key: str) -> str | None:
        """'male' or 'female' when the article's titles and pronouns say so for an entity:
        'Mr. Ham', 'Clinton said she ...' (the first he/she after each mention, in its
        sentence, votes)."""
        if self._sexes is None:
            self._sexes = _sexes(self.text, self.mentions, self.types)
        return self._sexes.get(key)

    def _agrees(self, mention: Mention, pronoun: str) -> bool:
        """False when the article shows the person's sex and 'he' or 'she' says the other."""
        sex = self.sex(mention.key)
        wanted = _PRONOUN_SEX.get(pronoun.lower())
        return sex is None or wanted is None or sex == wanted

    def subjects_before(self, pos: int, quotes: list[tuple[int, int]]) -> Iterator[Span]:
        """The subjects of the sentence of `pos` and of the three before it (600 characters at
        most, the paragraph before included), nearest first; sentences inside quotes are
        skipped and not counted (a quote of four sentences before 'he said' hides nothing)."""
        text = self.text
        line_start = text.rfind("\n", 0, pos) + 1
        cut, floor = pos, max(0, pos - 600)
        seen = 0
        while seen < 4:
            begin = sentence_start(text, cut, line_start)
            at = bisect.bisect_right(quotes, begin, key=lambda q: q[0]) - 1
            if at >= 0 and begin < quotes[at][1] and quotes[at][0] < cut:
                if quotes[at][0] > line_start:
                    cut = quotes[at][0]  # on to the sentence the quote stands in
                    continue
                begin = line_start  # the quote opens its paragraph
            seen += 1
            subject = self._opening_subject(begin, min(pos, cut + 1))  # within its sentence
            at = bisect.bisect_right(quotes, begin, key=lambda q: q[0]) - 1
            opening = quotes[at][1] if at >= 0 and quotes[at][0] == begin else None
            if opening is not None and opening < pos:  # '“...,” Trump said.': after the quote
                gap = re.match(r"[\s,]*", text[opening : opening + 4])
                start = opening + (gap.end() if gap else 0)
                subject = first_np(text, start, min(start + 80, pos))
            if subject is not None and not any(s <= subject.start < e for s, e in quotes):
                yield subject
            if begin > line_start:
                cut = begin - 1
            else:  # the paragraph before
                cut = line_start - 1
                while cut > 0 and text[cut - 1].isspace():
                    cut -= 1
                line_start = text.rfind("\n", 0, cut) + 1
            if cut <= floor:
                return

    def _subject_antecedent(
        self, pos: int, quotes: list[tuple[int, int]], pronoun: str
    ) -> Mention | None:
        """The person who is the subject of the sentence of `pos` or of one of the three before
        ('Perry stepped up his attacks on Obama. In a statement, he decried ... “...,” he
        said' is Perry): a subject 'he' or 'she', or a phrase opening with a preposition ('Of
        Obama, he said'), sends the search one sentence further back; any other subject ends
        it."""
        lex = quote_words()
        for subject in self.subjects_before(pos, quotes):
            words = self.text[subject.start : subject.end].split()
            if " ".join(words).lower() in lex.person_pronouns or (
                words[0].lower() in lex.np_break and words[1:2] and words[1][:1].isupper()
            ):
                continue
            person = self.subject_person(subject)
            return person if person is not None and self._agrees(person, pronoun) else None
        return None

    def _described_antecedent(self, pos: int, quotes: list[tuple[int, int]]) -> str | None:
        """The nearest subject before `pos` when it is 'the' and an office ('the senator') or a
        title the article gives a person ('The president, however, said' where it writes
        'President Ann Vale'): its words, for `naming.named` to name; None otherwise."""
        for subject in self.subjects_before(pos, quotes):
            words = self.text[subject.start : subject.end]
            if words.lower() in quote_words().person_pronouns:
                continue
            parts = words.split()
            if (
                len(parts) in (2, 3)
                and parts[0].lower() == "the"
                and all(w.isalpha() for w in parts[1:])
                and not self.kinds_in(*subject)
                and (
                    parts[-1].lower() in quote_words().office_nouns
                    or self._titles_someone(parts[-1])
                )
            ):
                return words
            return None
        return None

    def _titles_someone(self, word: str) -> bool:
        """True when the article writes `word` as a title right before a person's name."""
        title = re.compile(rf"\b{re.escape(word)}\s+$", re.IGNORECASE)
        return any(
            kind == "person" and title.search(self.text, max(0, m.start - 40), m.start)
            for m, kind in zip(self.mentions, self.types, strict=True)
        )

    def plural_antecedent(
        self, pos: int, quotes: list[tuple[int, int]]
    ) -> tuple[str, str | None] | None:
        """Who 'they' stands for, as a name and an entity key: the subject of a sentence just
        before when it is plural ('Five Missouri senators urged him to step aside. ... “...,”
        they said'), a group or two names joined by 'and', or an organisation, as British
        writing has it ('The company that runs the awards, Dick Clark Productions, denies
        it'); None when the nearest subject is none of these."""
        for subject in self.subjects_before(pos, quotes):
            words = self.text[subject.start : subject.end]
            if words.lower() == "they":
                continue
            groups = [
                m for m in self.mentions_in(*subject) if type_name(m) in ("group", "organisation")
            ]
            clause = _RELATIVE.match(self.text, subject.end)  # 'The company that runs it,'
            body = self.apposed(clause.end() if clause else subject.end, "organisation")
            if body is not None or groups and groups[-1].end == subject.end:
                chosen = body or groups[-1]
                return self.names.get(chosen.key, chosen.text), chosen.key
            head = words.split()[-1]
            plural = head.islower() and head.endswith("s") and not head.endswith(("ss", "us"))
            if plural or re.search(r"\b[A-Z]\w+ and [A-Z]", words):
                return words, None
            return None
        return None

    def _organisation_antecedent(
        self, pos: int, quotes: list[tuple[int, int]]
    ) -> tuple[str, str | None] | None:
        """Who 'it' stands for: the organisation that is the subject of a sentence just before
        ('The association condemned the ruling. ... what it called “...”'), else the last one
        named earlier in its own sentence ('after the NRA lashed out at what it called');
        None when there is none."""
        for subject in self.subjects_before(pos, quotes):
            if self.text[subject.start : subject.end].lower() == "it":
                continue
            found = [m for m in self.mentions_in(*subject) if type_name(m) == "organisation"]
            if found and found[-1].end == subject.end:
                return self.names.get(found[-1].key, found[-1].text), found[-1].key
            break
        begin = sentence_start(self.text, pos, self.text.rfind("\n", 0, pos) + 1)
        for m in reversed(self.mentions_in(begin, pos)):
            before = self.text[max(0, m.start - 40) : m.start]
            if (
                type_name(m) == "organisation"
                and not self.possessor(m)
                and not _LISTENER.search(before)
                and not any(s <= m.start < e for s, e in quotes)
            ):
                return self.names.get(m.key, m.text), m.key
        return None

    def _opening_subject(self, begin: int, pos: int) -> Span | None:
        """The subject of the sentence at `begin` (which ends by `pos`); when that names no one
        and a comma closes an opening phrase ('Back on NBC, Trump said', 'According to the
        Times, Mary Cheney', a list: 'Following the deaths of A, B and C, the senator'), the
        subject after it; when that names no one either, the person who is the subject of a
        reporting verb in the sentence ('The comment came as Sen. Ann Vale, who ..., said')."""
        text = self.text
        end = min(begin + 160, pos)
        subject = sentence_subject(text, begin, end)
        if subject is not None and "person" in self.kinds_in(*subject):
            return subject
        comma = text.find(", ", begin, min(begin + 80, end))
        listed = False
        while comma != -1 and not any(q in text[begin:comma] for q in '"“”'):
            after = sentence_subject(text, comma + 2, end)
            if after is None or not _LIST_END.fullmatch(text, after.start, after.end + 1):
                if after is not None and (listed or "person" in self.kinds_in(*after)):
                    return after
                break
            # 'Following the deaths of Ann Vale, Carl Dunn and Tom Hale, the senator said':
            # the end of a list, and the sentence's subject after it
            listed = True
            comma = text.find(", ", after.end, min(after.end + 2, end))
        # 'The comment came as Sen. Ann Vale, who voted against it, said she would ...': the
        # person who speaks in the sentence
        for verb in reporting_verbs().find_verbs(text, begin, end):
            people = [m for m in self.mentions_in(begin, verb.start()) if type_name(m) == "person"]
            if people and _BEFORE_VERB.fullmatch(text, people[-1].end, verb.start()):
                return Span(people[-1].start, people[-1].end)
        return subject

    def subject_person(self, subject: Span) -> Mention | None:
        """The person a sentence's subject names: its head ('Obama campaign aide Robert Gibbs'
        is Gibbs), or the name in apposition after it ('Carl Dunn’s lawyer, Ann Blake,'); never
        a possessor ('Carl Dunn’s lawyer', 'Following President Obama’s comments')."""
        people = [
            m
            for m in self.mentions_in(*subject)
            if type_name(m) == "person" and not self.possessor(m)
        ]
        heads = [m for m in people if self._heads(m, *subject)]
        return heads[-1] if heads else self.apposed_person(subject.end)

    def possessor(self, mention: Mention) -> bool:
        """True for a mention that owns what follows it: 'Carl Dunn’s lawyer', 'the Hales’ '."""
        return self.text.startswith(("’s", "'s", "’ ", "' "), mention.end)

    def apposed_person(self, pos: int) -> Mention | None:
        """The person named right after `pos`, set off by a comma: 'One member of the
        leadership, Rep. Cathy McMorris Rodgers, told ...'."""
        return self.apposed(pos, "person")

    def apposed(self, pos: int, kind: str) -> Mention | None:
        """The entity of type `kind` named right after `pos`, set off by a comma."""
        gap = _APPOSITION.match(self.text, pos)
        if gap is None or "," not in gap.group():
            return None
        for mention in self.mentions_in(gap.start(), gap.end() + 60):
            if mention.start <= gap.end() and type_name(mention) == kind:
                return mention
        return None

    def _last_person(
        self, pos: int, quotes: list[tuple[int, int]], pronoun: str = ""
    ) -> Mention | None:
        """The person 'he' or 'she' at `pos` stands for when no subject just before says: the
        last person named before `pos` outside quotation marks, as a subject: not the
        listener of 'told Mr. Rose' and not a 'Mr.' for 'she' (or a 'Mrs.' for 'he')."""
        wrong_title = _FEMALE_TITLE if pronoun.lower() == "he" else _MALE_TITLE
        for index in range(bisect.bisect_left(self.starts, pos) - 1, -1, -1):
            m = self.mentions[index]
            if m.end > pos or self.types[index] != "person":
                continue
            if any(s <= m.start < e for s, e in quotes):
                continue  # a name inside a quote is what the speaker talks about
            before = self.text[max(0, m.start - 40) : m.start]
            if _LISTENER.search(before) or wrong_title.search(before + m.text[:6]):
                continue
            if not self._agrees(m, pronoun):
                continue  # 'he' is not the Hillary Clinton the article calls 'she'
            return m
        return None


# A person named right after these words is a listener or an object ('told Mr. Rose', 'has long
# attacked Ann Blake'), not who goes on speaking.
_LISTENER = re.compile(
    r"\b(?:told|tells|telling|asked|to|with|interviewed|thanked|against|about|under|of|for|"
    r"from|by|[a-z]{3,}ed)\s+(?:[A-Z][\w.]*\s+){0,2}$"  # 'adviser under President Obama'
)
# What may stand between a speaker and the verb: 'Ann Vale said', 'Ann Vale (D-Ore.), who voted
# against it, said', 'Ann Vale, a Democrat, said'.
_BEFORE_VERB = re.compile(r"\s*(?:\([^()]{1,12}\))?\s*(?:,[^,.;:!?“”\"]{1,90},)?\s*")
_LIST_END = re.compile(r"[^,]* (?:and|or) [^,]*,")
_MALE_TITLE = re.compile(r"\b(?:Mr|Sir|Lord|King|Prince)\.?\s")
_FEMALE_TITLE = re.compile(r"\b(?:Mrs|Ms|Miss|Mme|Madam|Lady|Queen|Princess|Dame)\.?\s")


_COORDINATORS = frozenset({"and", "or"})
_PRONOUN_SEX = {"he": "male", "she": "female"}
_RELATIVE = re.compile(r"\s+(?:that|which|who)\b[^,.;:!?]{0,60}")
# A name set off by a comma after a phrase, or the name it is identified as: 'One member,
# Rep. Ann Vale,', 'a man, identified by news reports as Carl Dunn,'.
_APPOSITION = re.compile(
    r"\s*,\s*(?:(?:later\s+)?(?:identified|named)(?:\s+by\s+[a-z][\w ]{0,30}?)?\s+as\s+)?"
    r"(?:[A-Z][\w.]*\s+){0,3}"
)
_SEX_WORD = re.compile(r"\b(?:(he|him|his|himself)|(she|her|hers|herself))\b", re.IGNORECASE)


def _sexes(text: str, mentions: list[Mention], types: list[str]) -> dict[str, str]:
    """Each person's sex as the article shows it: titles, and the first pronoun after each of
    its mentions within the sentence and before any quotation mark; only a clear majority
    counts."""
    votes: dict[str, list[int]] = {}
    for mention, kind in zip(mentions, types, strict=True):
        if kind != "person":
            continue
        tally = votes.setdefault(mention.key, [0, 0])
        before = text[max(0, mention.start - 6) : mention.start] + mention.text[:6]
        if _MALE_TITLE.search(before):
            tally[0] += 2
        elif _FEMALE_TITLE.search(before):
            tally[1] += 2
        # within its sentence and on its side of any quotation mark: in '“Mr. Dunn has lied,”
        # she said' the 'she' is the speaker, not Mr. Dunn
        window = re.split(r"[.!?\n\"“”]", text[mention.end : mention.end + 120], maxsplit=1)[0]
        found = _SEX_WORD.search(window)
        if found:
            tally[0 if found.group(1) else 1] += 1
    result = {}
    for key, (male, female) in votes.items():
        if male >= 2 * female + 1:
            result[key] = "male"
        elif female >= 2 * male + 1:
            result[key] = "female"
    return result


def person_subject(
    text: str, floor: int, q_start: int, resolver: Resolver, bounds: list[tuple[int, int]]
) -> Speaker | None:
    """The person a sentence is about, when it opens with one: a named person, he or she."""
    span = sentence_subject(text, floor, q_start)
    speaker = resolver.speaker(span, bounds)
    if span is None or speaker is None or speaker.end != span.end or speaker.end > q_start:
        return None  # the person must be the subject itself, not "Clinton's emails"
    if text[speaker.start : speaker.end].lower() in quote_words().person_pronouns:
        return speaker
    mention = next((m for m in resolver.mentions if m.start == speaker.start), None)
    return speaker if mention is not None and type_name(mention) == "person" else None


def _lends_itself(speaker: Speaker | None) -> bool:
    """Only a named speaker (or he/she) lends itself to the next quote."""
    return speaker is not None and (
        speaker.key is not None or speaker.name.lower() in quote_words().person_pronouns
    )


def carried_speaker(
    text: str,
    start: int,
    line_index: int,
    lines: list[tuple[int, int]],
    previous: PreviousQuote | None,
    resolver: Resolver,
    bounds: list[tuple[int, int]],
    verbs: ReportingVerbs,
) -> Speaker | None:
    """For a quote that opens its sentence with no attribution of its own: the speaker of the
    quote just before it ('“A,” he said. “B.”'), or the named speaker of the sentence just
    before ('Fallon said the strikes missed. “...”', also across a line break)."""
    line_start = lines[line_index][0]
    floor = sentence_start(text, start, line_start)
    if floor != start and text[floor:start].strip():
        return None
    sentence = _sentence_before(text, floor, line_index, lines)
    if previous is not None and previous.speaker is not None and previous.line >= line_index - 1:
        gap = text[previous.end : start]
        # The same line, or the next one when only the attribution came between:
        # '“...,” he said.' / '“And more.”'; not past a sentence that gives someone else the
        # word ('“...,” she said. Carl Dunn said the plan made sense. “...”')
        if len(gap.split()) <= (40 if previous.line == line_index else 12):
            if (
                sentence is not None
                and sentence.start >= previous.end
                and not any(qs < sentence.end and qe > sentence.start for qs, qe in bounds)
            ):
                introduced = _introducing_speaker(text, sentence, resolver, bounds, verbs)
                if introduced is not None:
                    return introduced
            return previous.speaker
    if sentence is None:
        return None
    s, e = sentence
    inside = [qe for qs, qe in bounds if qs < e and qe > s]
    if inside:
        if not text[s:e].rstrip().endswith(":"):
            return None  # that sentence quotes something itself
        s = max(inside)  # '“...” She went on to say:' introduces the quote below
    return _introducing_speaker(text, Span(s, e), resolver, bounds, verbs)


def _sentence_before(
    text: str, floor: int, line_index: int, lines: list[tuple[int, int]]
) -> Span | None:
    """The sentence before the one that opens at `floor`, also across a line break."""
    line_start = lines[line_index][0]
    if text[line_start:floor].strip():
        end = floor
        while end > line_start and text[end - 1].isspace():
            end -= 1
        return Span(sentence_start(text, max(end - 1, line_start), line_start), end)
    return previous_sentence(text, lines, line_index)


def _introducing_speaker(
    text: str,
    sentence: Span,
    resolver: Resolver,
    bounds: list[tuple[int, int]],
    verbs: ReportingVerbs,
) -> Speaker | None:
    """The named speaker of the sentence before a quote: its reporting verb's subject, or the
    subject of a sentence that ends in a colon."""
    s, e = sentence
    body = text[s:e]
    found = [v for v in verbs.find_verbs(body) if v.group().lower() in verbs.reporting]
    inverted = re.match(r"\s*[^\W\d_]+\s+(.+?):\s*$", body)
    if found and found[0].start() == len(body) - len(body.lstrip()) and inverted:
        span = first_np(text, s + inverted.start(1), s + inverted.end(1))  # 'Stated Stone:'
        speaker = resolver.speaker(span, bounds)
        if speaker is not None:
            return speaker
    for verb in reversed(found):
        speaker = resolver.speaker(subject_before(text, s, s + verb.start()), bounds)
        if _lends_itself(speaker):
            return speaker
    if body.rstrip().endswith(":"):
        # 'Jared Potts echoed:', 'The foundation's website notes:', 'Trump issued the following
        # statement:': a sentence that ends in a colon introduces the quote below it
        spans = [subject_before(text, s, s + v.start()) for v in reversed(verbs.find_verbs(body))]
        for span in [*spans, sentence_subject(text, s, e)]:
            speaker = resolver.speaker(span, bounds)
            if _lends_itself(speaker):
                return speaker
    return None
