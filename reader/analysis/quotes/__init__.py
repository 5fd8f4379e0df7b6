"""Quoted statements in an article: where they are, and who said them.

`extract_quotes(text)` finds every quoted span in the cleaned text (straight and curly double
quotes, single quotes that quote rather than elide, « » and „ “, quotes that run over several
lines, nested quotes, a quote closed with two apostrophes) and attributes each to a speaker
where the text says who spoke: "X said", "said X", "X told reporters that", "according to X",
"X, who ..., said", "the statement said", a speaker named in the sentence before a quote that
opens a line, and "he"/"she" pointing back to the last person named. Unbalanced marks are
recovered locally: a quote never runs past the end of its line unless the next line reopens
it, so one stray mark never swallows the rest of the article.

Speakers link to the entity layer (`reader.analysis.entities`): "Lavrov" and "Sergey Lavrov" are
one speaker, with one key. Speakers that are not named entities ("the statement", "a source") keep
their words as the name and have no key.

Modules: `model` (the Quote record), `marks` (quotation marks and quoted spans), `sentences`
(sentence edges), `words` and `verbs` (the word tables), `chunker` (noun phrases), `subjects`
and `attribution` (who a quote's words attribute it to), `speakers` (entities, pronouns,
carried speakers), `extract` (putting it together).
"""

from reader.analysis.quotes.extract import extract_quotes
from reader.analysis.quotes.model import PHRASE, PHRASE_MAX_WORDS, STATEMENT, Quote

__all__ = ["PHRASE", "PHRASE_MAX_WORDS", "STATEMENT", "Quote", "extract_quotes"]
