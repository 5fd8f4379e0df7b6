"""Readable renderings of a comparison: plain text for the terminal, Markdown to paste, and
the JSON objects of `reader compare --json` and `reader quotes --json`."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from reader.articles import Article
from reader.comparison import Comparison
from reader.entities import Entity
from reader.matching import QuoteMatch
from reader.quotes import Quote

_KIND_LABEL = {
    "exact": "same words",
    "partial": "partial quote",
    "reworded": "reworded",
    "unquoted": "quoted in one, unquoted in the other",
}


def _about(article: Article) -> str:
    return " · ".join([article.outlet_label, article.date or "undated", article.id])


def _speaker(name: str | None) -> str:
    return name or "unattributed"


def _who(quote: Quote | None) -> str:
    """Who a side of a shared quote is attributed to ("unquoted" when that side has no quote)."""
    return "unquoted" if quote is None else _speaker(quote.speaker)


def _quoted(quote: Quote | None, text: str, start: int, end: int) -> str:
    """The matched words: in quotation marks (with … where the quote goes on), or unquoted."""
    if quote is None:
        return " ".join(text[start:end].split())
    words = " ".join(text[start:end].strip("\"“”„«»‘’' ").split())
    before = "…" if text[quote.start : start].strip("\"“”„«»‘’' ") else ""
    after = "…" if text[end : quote.end].strip("\"“”„«»‘’' ,.") else ""
    return f"“{before}{words}{after}”"


def _inline_diff(match: QuoteMatch, deleted: str, inserted: str) -> str:
    """The two wordings as one line: shared words plain, A's and B's own words marked."""
    pieces = []
    for op, a_words, b_words in match.diff:
        if op == "equal":
            pieces.append(a_words)
            continue
        if a_words:
            pieces.append(deleted.format(a_words))
        if b_words:
            pieces.append(inserted.format(b_words))
    return " ".join(pieces)


def _entity_names(entities: tuple[Entity, ...]) -> str:
    return ", ".join(f"{e.name} ({len(e.mentions)})" for e in entities) or "none"


def format_text(comparison: Comparison) -> str:
    """A plain-text report for the terminal."""
    a, b = comparison.a, comparison.b
    lines = [f"A: {a.title}", f"   {_about(a)}", f"B: {b.title}", f"   {_about(b)}", ""]
    lines.append(f"Shared entities ({len(comparison.shared_entities)})")
    width = max((len(e.name) for e in comparison.shared_entities), default=0)
    for e in comparison.shared_entities:
        counts = f"A {e.a_count:>3}   B {e.b_count:>3}"
        lines.append(f"  {e.name:<{width}}  {e.type.value:<12}  {counts}")
    lines += ["", f"Shared quotes ({len(comparison.shared_quotes)})"]
    for number, m in enumerate(comparison.shared_quotes, 1):
        lines.append(f"  {number}. {_KIND_LABEL[m.kind]}, similarity {m.similarity:.2f}")
        a_text = _quoted(m.a, a.text, m.a_start, m.a_end)
        b_text = _quoted(m.b, b.text, m.b_start, m.b_end)
        lines.append(f"     A ({_who(m.a)}): {a_text}")
        lines.append(f"     B ({_who(m.b)}): {b_text}")
        if m.kind != "exact":
            lines.append(f"     wording: {_inline_diff(m, '[-{}-]', '{{+{}+}}')}")
    for side, article, entities, quotes in (
        ("A", a, comparison.only_a_entities, comparison.only_a_quotes),
        ("B", b, comparison.only_b_entities, comparison.only_b_quotes),
    ):
        lines += [
            "",
            f"Only in {side} ({article.outlet_label})",
            f"  entities: {_entity_names(entities)}",
        ]
        lines.append(f"  quotes ({len(quotes)}):")
        lines += [f"    “{q.text}” — {_speaker(q.speaker)}" for q in quotes]
    return "\n".join(lines)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def _md(text: str) -> str:
    """Text with Markdown's special characters escaped and line breaks folded."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def format_markdown(comparison: Comparison) -> str:
    """A Markdown report a journalist can paste: sources, shared entities and quotes, gaps."""
    a, b = comparison.a, comparison.b
    out = [
        f"# {_md(a.title)} / {_md(b.title)}",
        "",
        "| | A | B |",
        "|---|---|---|",
        f"| Title | {_md(a.title)} | {_md(b.title)} |",
        f"| Outlet | {_md(a.outlet_label)} | {_md(b.outlet_label)} |",
        f"| Date | {a.date or 'undated'} | {b.date or 'undated'} |",
        f"| Article | `{a.id}` | `{b.id}` |",
        "",
    ]
    out += [f"## Shared entities ({len(comparison.shared_entities)})", ""]
    if comparison.shared_entities:
        out += ["| Entity | Type | A | B |", "|---|---|---:|---:|"]
        out += [
            f"| {_md(e.name)} | {e.type.value} | {e.a_count} | {e.b_count} |"
            for e in comparison.shared_entities
        ]
    else:
        out.append("None.")
    out += ["", f"## Shared quotes ({len(comparison.shared_quotes)})", ""]
    for number, m in enumerate(comparison.shared_quotes, 1):
        a_text = _quoted(m.a, a.text, m.a_start, m.a_end)
        b_text = _quoted(m.b, b.text, m.b_start, m.b_end)
        out.append(
            f"### {number}. {_KIND_LABEL[m.kind].capitalize()} (similarity {m.similarity:.2f})"
        )
        out.append("")
        out.append(f"- **A**, {_md(_who(m.a))}: {_md(a_text)}")
        out.append(f"- **B**, {_md(_who(m.b))}: {_md(b_text)}")
        if m.kind != "exact":
            md_diff = [(op, _md(x), _md(y)) for op, x, y in m.diff]
            shown = _inline_diff(replace(m, diff=tuple(md_diff)), "~~{}~~", "**{}**")
            out.append(f"- Wording (~~only A~~ **only B**): {shown}")
        out.append("")
    if not comparison.shared_quotes:
        out += ["None.", ""]
    for side, article, entities, quotes in (
        ("A", a, comparison.only_a_entities, comparison.only_a_quotes),
        ("B", b, comparison.only_b_entities, comparison.only_b_quotes),
    ):
        out += [
            f"## Only in {side} ({_md(article.outlet_label)})",
            "",
            f"**Entities:** {_md(_entity_names(entities))}",
            "",
            f"**Quotes ({len(quotes)}):**",
            "",
        ]
        out += [f"- “{_md(q.text)}” — {_md(_speaker(q.speaker))}" for q in quotes] or ["None."]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


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


def comparison_json(comparison: Comparison) -> dict[str, Any]:
    """The comparison as the JSON object of `reader compare --json`."""
    a, b = comparison.a, comparison.b

    def mentions(ms) -> list[dict[str, Any]]:  # noqa: ANN001 - tuple of entity mentions
        return [{"start": m.start, "end": m.end, "text": m.text} for m in ms]

    return {
        "a": _article_json(a),
        "b": _article_json(b),
        "shared_entities": [
            {
                "name": e.name,
                "key": e.key,
                "type": e.type.value,
                "a_count": e.a_count,
                "b_count": e.b_count,
                "a_mentions": mentions(e.a_mentions),
                "b_mentions": mentions(e.b_mentions),
            }
            for e in comparison.shared_entities
        ],
        "shared_quotes": [
            {
                "kind": m.kind,
                "similarity": m.similarity,
                "a_text": a.text[m.a_start : m.a_end],
                "b_text": b.text[m.b_start : m.b_end],
                "a_speaker": m.a.speaker if m.a else None,
                "b_speaker": m.b.speaker if m.b else None,
                "a_start": m.a_start,
                "a_end": m.a_end,
                "b_start": m.b_start,
                "b_end": m.b_end,
                "a_quote": quote_json(m.a) if m.a else None,
                "b_quote": quote_json(m.b) if m.b else None,
                "diff": [list(step) for step in m.diff],
            }
            for m in comparison.shared_quotes
        ],
        "only_a": {
            "entities": [_entity_json(e) for e in comparison.only_a_entities],
            "quotes": [quote_json(q) for q in comparison.only_a_quotes],
        },
        "only_b": {
            "entities": [_entity_json(e) for e in comparison.only_b_entities],
            "quotes": [quote_json(q) for q in comparison.only_b_quotes],
        },
    }


def format_quotes(article: Article, quotes: list[Quote]) -> str:
    """An article's quotes, one per line with its speaker, for `reader quotes`."""
    lines = [f"{article.title}", f"{_about(article)}", ""]
    for q in quotes:
        kind = "" if q.kind == "statement" else " (phrase)"
        lines.append(f"{q.start:>6}  “{q.text}”{kind} — {_speaker(q.speaker)}")
    return "\n".join(lines)
