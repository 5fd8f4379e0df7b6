"""What the quote finder reports: the `Quote` record, its kinds, and the spans it works with."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

STATEMENT = "statement"
PHRASE = "phrase"
PHRASE_MAX_WORDS = 3


class Span(NamedTuple):
    """A half-open range of offsets into the article text: a phrase, a sentence, a line."""

    start: int
    end: int


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
