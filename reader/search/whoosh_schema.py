"""The Whoosh index schema: fields, the lean analyzer and postings format, documents."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from whoosh.analysis import Analyzer, Token
from whoosh.fields import ID, STORED, TEXT, Schema
from whoosh.formats import Positions

from reader.corpus import Article
from reader.search.analysis import terms, tokens
from reader.text import fold_name


class LeanAnalyzer(Analyzer):
    """Tokenise, fold, drop stop words and stem in one pass with a shared term cache.

    Equivalent to Whoosh's StemmingAnalyzer plus accent folding, without a filter chain.
    """

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: object,
    ) -> Iterator[Any]:
        """The tokens of value (one `whoosh.analysis.Token`, reused, as Whoosh's own do)."""
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        pos = start_pos
        for text, start, end in tokens(value):
            token.text, token.boost, token.stopped = text, 1.0, False
            if keeporiginal:
                token.original = value[start:end]  # type: ignore[attr-defined]  # Whoosh sets it too
            if positions:
                token.pos = pos
            if chars:
                token.startchar, token.endchar = start_char + start, start_char + end
            pos += 1
            yield token


class LeanPositions(Positions):
    """Positions postings computed straight from `terms()`, without Token objects."""

    def word_values(
        self, value: str, analyzer: object, **kwargs: object
    ) -> Iterator[tuple[Any, int, float, bytes]]:  # Whoosh declares bytes terms; str works
        """(term, frequency, weight, encoded positions) for each distinct term of value."""
        poses: dict[str, list[int]] = {}
        for pos, text in enumerate(terms(value)):
            found = poses.get(text)
            if found is None:
                poses[text] = [pos]
            else:
                found.append(pos)
        boost = self.field_boost
        for text, poslist in poses.items():
            yield text, len(poslist), len(poslist) * boost, self.encode(poslist)


def _text_field(boost: float = 1.0, stored: bool = False) -> Any:
    field = TEXT(analyzer=LeanAnalyzer(), stored=stored, field_boost=boost)
    field.format = LeanPositions(field_boost=boost)
    return field


def schema() -> Any:
    """The index schema (a `whoosh.fields.Schema`): title (boosted) and body (title and
    text) stemmed; the outlet's folded name and the date as sortable columns (filters read
    them); id unique; the cleaned text stored for snippets and more-like-this."""
    return Schema(
        id=ID(stored=True, unique=True),
        path=STORED(),
        title=_text_field(2.0, stored=True),
        body=_text_field(),
        text=STORED(),
        outlet=STORED(),
        outlet_name=ID(sortable=True),
        date=ID(stored=True, sortable=True),
    )


def document(article: Article, rel: str) -> dict[str, str]:
    """The fields of one article's document."""
    found = {
        "id": article.id,
        "path": rel,
        "title": article.title,
        "body": f"{article.title}\n\n{article.text}",
        "text": article.text,
    }
    if article.outlet:
        found["outlet"] = article.outlet
        found["outlet_name"] = fold_name(article.outlet)
    if article.date:
        found["date"] = article.date
    return found
