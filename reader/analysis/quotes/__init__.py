"""Quoted statements in an article: where they are, and who said them.

`extract_quotes(text)` finds every quoted span of the cleaned text (straight and curly double
quotes, single quotes that quote rather than elide, « » and „ “, quotes that run over several
lines, nested quotes, a quote closed with two apostrophes), in tokenised text too (`“ How dare
you , ” he said .`, read through a joined view whose offsets map back to the text as printed).
Unbalanced marks are recovered locally: a quote never runs past the end of its line unless the
next line reopens it, so one stray mark never swallows the rest of the article.

Each quote's speaker is chosen among candidates from its sentence and the sentences either side
(entity mentions, pronouns, the phrases around reporting verbs, sentence subjects, what the
attribution patterns found, nobody) by a linear model learned on PolNeAR train
(`data/speaker_model.json`, written by bench/train_speakers.py). Places, platforms, dates and
fragments never speak; a description is shown by the name the article gives it; "he"/"she"
point back to a person of the agreeing sex who is not a listener.

An attributed quote's statement (the reported clause its words are quoted in) is bounded by a
second linear model learned on PolNeAR train (`data/statement_model.json`, written by
bench/train_statements.py).

Speakers link to the entity layer (`reader.analysis.entities`): "Lavrov" and "Sergey Lavrov" are
one speaker, with one key. Speakers that are not named entities ("the statement", "a source") keep
their words as the name and have no key.

Modules: `model` (the Quote record), `view` (tokenised text read joined), `marks` (quotation
marks and quoted spans), `sentences` (sentence edges), `words` and `verbs` (the word tables),
`chunker` (noun phrases), `subjects` and `attribution` (the attribution patterns), `speakers`
(entities, pronouns, carried speakers), `candidates` (candidate speakers and their features),
`eligible` (who can speak at all), `scoring` (the learned models), `naming` (descriptions shown
by name), `extent` (where a statement begins and ends), `extract` (putting it together).
"""

from reader.analysis.quotes.extract import extract_quotes
from reader.analysis.quotes.model import PHRASE, PHRASE_MAX_WORDS, STATEMENT, Quote

__all__ = ["PHRASE", "PHRASE_MAX_WORDS", "STATEMENT", "Quote", "extract_quotes"]
