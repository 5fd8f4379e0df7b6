"""The JSON objects of `reader compare --json` and `reader quotes --json`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.analysis.comparison import Comparison, SharedEntity
    from reader.analysis.entities import Entity, Mention
    from reader.analysis.matching import QuoteMatch
    from reader.analysis.quotes import Quote
    from reader.corpus.article import Article


def _article_json(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "date": article.date,
        "url": article.url,
    }


def quote_json(quote: Quote) -> dict[str, Any]:
    """One quote as a JSON object (the items of `reader quotes --json`)."""
    statement_start, statement_end = quote.statement
    return {
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
        "kind": quote.kind,
        "speaker": quote.speaker,
        "speaker_key": quote.speaker_key,
        "speaker_start": quote.speaker_start,
        "speaker_end": quote.speaker_end,
        "statement_start": statement_start,
        "statement_end": statement_end,
    }


def _entity_json(entity: Entity) -> dict[str, Any]:
    return {
        "name": entity.name,
        "key": entity.key,
        "type": entity.type.value,
        "count": len(entity.mentions),
    }


def _mentions_json(mentions: tuple[Mention, ...]) -> list[dict[str, Any]]:
    return [{"start": m.start, "end": m.end, "text": m.text} for m in mentions]


def _shared_entity_json(entity: SharedEntity) -> dict[str, Any]:
    return {
        "name": entity.name,
        "key": entity.key,
        "type": entity.type.value,
        "a_count": entity.a_count,
        "b_count": entity.b_count,
        "a_mentions": _mentions_json(entity.a_mentions),
        "b_mentions": _mentions_json(entity.b_mentions),
    }


def _shared_quote_json(match: QuoteMatch, a: Article, b: Article) -> dict[str, Any]:
    return {
        "kind": match.kind,
        "similarity": match.similarity,
        "a_text": a.text[match.a_start : match.a_end],
        "b_text": b.text[match.b_start : match.b_end],
        "a_speaker": match.a.speaker if match.a else None,
        "b_speaker": match.b.speaker if match.b else None,
        "speakers_differ": match.speakers_differ,
        "a_start": match.a_start,
        "a_end": match.a_end,
        "b_start": match.b_start,
        "b_end": match.b_end,
        "a_quote": quote_json(match.a) if match.a else None,
        "b_quote": quote_json(match.b) if match.b else None,
        "diff": [list(step) for step in match.diff],
    }


def comparison_json(comparison: Comparison) -> dict[str, Any]:
    """The comparison as the JSON object of `reader compare --json`."""
    a, b = comparison.a, comparison.b
    return {
        "a": _article_json(a),
        "b": _article_json(b),
        "shared_entities": [_shared_entity_json(e) for e in comparison.shared_entities],
        "shared_quotes": [_shared_quote_json(m, a, b) for m in comparison.shared_quotes],
        "only_a": {
            "entities": [_entity_json(e) for e in comparison.only_a_entities],
            "quotes": [quote_json(q) for q in comparison.only_a_quotes],
        },
        "only_b": {
            "entities": [_entity_json(e) for e in comparison.only_b_entities],
            "quotes": [quote_json(q) for q in comparison.only_b_quotes],
        },
    }
