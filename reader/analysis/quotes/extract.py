"""`extract_quotes`: every quoted span of an article, its kind, its statement and its speaker."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reader.analysis.quotes.attribution import final_attribution, head_span, tail_span
from reader.analysis.quotes.marks import quote_spans
from reader.analysis.quotes.model import PHRASE, PHRASE_MAX_WORDS, STATEMENT, Quote
from reader.analysis.quotes.sentences import clause_end, sentence_start, skip_space
from reader.analysis.quotes.speakers import (
    PreviousQuote,
    Resolver,
    Speaker,
    carried_speaker,
    person_subject,
)
from reader.analysis.quotes.verbs import reporting_verbs
from reader.analysis.quotes.words import quote_words
from reader.text import lines

if TYPE_CHECKING:
    from reader.analysis.entities import ArticleEntities


def _is_title(words: list[str]) -> bool:
    """'American Misadventure in Iraq': every word capitalised but the small linking ones."""
    lex = quote_words()
    return (
        len(words) <= 12
        and all(
            w[:1].isupper() or w.lower() in lex.name_links | lex.title_small_words for w in words
        )
        and words[0][:1].isupper()
    )


def extract_quotes(text: str, entities: ArticleEntities | None = None) -> list[Quote]:
    """Every quoted span of the cleaned `text`, in order, each with its speaker when the text says.

    `entities` are the article's entities (`reader.analysis.entities.analyse(text)`); they are
    computed when not given. Never raises, whatever the marks: offsets always lie inside `text`.
    """
    if entities is None:
        from reader.analysis.entities import analyse

        entities = analyse(text)
    names = {e.key: e.name for e in entities.entities}
    resolver = Resolver(text, tuple(entities.mentions), names)
    verbs = reporting_verbs()
    line_spans = lines(text)
    spans = quote_spans(text)
    bounds = [(s, e) for s, e, _ in spans]
    quotes: list[Quote] = []
    previous: PreviousQuote | None = None
    line_index = 0
    for index, (start, end, pieces) in enumerate(spans):
        inner_text = " ".join(text[s:e] for s, e in pieces).rstrip(" ,")
        tokens = inner_text.split()
        bare = [t.strip(",.:;!?") or t for t in tokens]
        kind = PHRASE if len(tokens) <= PHRASE_MAX_WORDS or _is_title(bare) else STATEMENT
        while line_spans[line_index][1] <= start:
            line_index += 1
        line_start = line_spans[line_index][0]
        end_line = next(e for _, e in line_spans[line_index:] if end <= e)
        next_start = bounds[index + 1][0] if index + 1 < len(bounds) else len(text)
        last_piece = pieces[-1]
        inner_end = text[last_piece[1] - 1] if last_piece[1] > last_piece[0] else ""
        floor = sentence_start(text, start, line_start)
        statement = (start, end)
        span = tail_span(text, end, min(end_line, next_start), inner_end, verbs)
        if span is not None and kind == STATEMENT:
            lead = max(floor, previous.end if previous else floor)
            if re.search(r"\w", text[lead:start]) and not verbs.find_verbs(text, lead, start):
                statement = (skip_space(text, lead), end)  # 'The plan is “dangerous,” he said'
        else:
            head = None
            if previous is not None and previous.end > floor:
                head = head_span(text, previous.end, start, verbs)
            head = head or head_span(text, floor, start, verbs)
            if head is not None:
                span, cue = head
                statement = (min(cue, start), max(end, clause_end(text, end, end_line)))
            elif span is None:  # a phrase too: 'Sales were “stagnant” for a month, he said.'
                span = final_attribution(text, end, min(end_line, next_start), verbs)
        speaker = resolver.speaker(span, bounds)
        if speaker is None and text[floor:start].strip() and not _is_title(bare):
            # 'Bernie Sanders ... enjoys “...”': words quoted inside a sentence whose subject
            # is a person are that person's, whatever the verb.
            speaker = person_subject(text, floor, start, resolver, bounds)
            if speaker is not None:
                statement = (
                    skip_space(text, speaker.end),
                    max(end, clause_end(text, end, end_line)),
                )
        if speaker is None:
            statement = (start, end)
            # '“They sue,” he said. “Everybody sues, right?”': a short quoted sentence standing
            # alone after its speaker's quote in the same line
            sentence = (
                re.match(r"[A-Z].*[.!?]$", inner_text) is not None
                and previous is not None
                and previous.line == line_index
                and not text[end : min(end_line, next_start)].strip()
            )
            if kind == STATEMENT or sentence:
                speaker = carried_speaker(
                    text, start, line_index, line_spans, previous, resolver, bounds, verbs
                )
        quotes.append(_make_quote(start, end, inner_text, kind, speaker, statement))
        previous = PreviousQuote(end, line_index, speaker)
    return quotes


def _make_quote(
    start: int,
    end: int,
    inner: str,
    kind: str,
    speaker: Speaker | None,
    statement: tuple[int, int],
) -> Quote:
    extent = (None, None) if statement == (start, end) else statement
    if speaker is None:
        return Quote(start, end, inner, kind, None, None, None, None, *extent)
    return Quote(
        start, end, inner, kind, speaker.name, speaker.key, speaker.start, speaker.end, *extent
    )
