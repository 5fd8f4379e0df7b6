"""Plain-text reports for the terminal: `reader compare` and `reader quotes`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.report.wording import (
    KIND_LABEL,
    about,
    entity_names,
    inline_diff,
    mention_count,
    quoted,
    speaker,
    speakers_note,
    who,
)

if TYPE_CHECKING:
    from reader.analysis.comparison import Comparison
    from reader.analysis.quotes import Quote
    from reader.corpus.article import Article


def format_text(comparison: Comparison) -> str:
    """A plain-text report for the terminal."""
    a, b = comparison.a, comparison.b
    lines = [f"A: {a.title}", f"   {about(a)}", f"B: {b.title}", f"   {about(b)}", ""]
    lines.append(f"Shared entities ({len(comparison.shared_entities)})")
    shared = comparison.shared_entities
    width = max((len(e.name) for e in shared), default=0)
    a_counts = [mention_count(e.a_mentions) for e in shared]
    a_width = max(map(len, a_counts), default=0)
    for e, a_count in zip(shared, a_counts, strict=True):
        counts = f"A {a_count:<{a_width}}   B {mention_count(e.b_mentions)}"
        lines.append(f"  {e.name:<{width}}  {e.type.value:<12}  {counts}")
    lines += ["", f"Shared quotes ({len(comparison.shared_quotes)})"]
    for number, m in enumerate(comparison.shared_quotes, 1):
        lines.append(f"  {number}. {KIND_LABEL[m.kind]}, similarity {m.similarity:.2f}")
        a_text = quoted(m.a, a.text, m.a_start, m.a_end)
        b_text = quoted(m.b, b.text, m.b_start, m.b_end)
        lines.append(f"     A ({who(m.a)}): {a_text}")
        lines.append(f"     B ({who(m.b)}): {b_text}")
        note = speakers_note(m)
        if note:
            lines.append(f"     {note}")
        if m.kind != "exact":
            lines.append(f"     wording: {inline_diff(m, '[-{}-]', '{{+{}+}}')}")
    for side, article, entities, quotes in (
        ("A", a, comparison.only_a_entities, comparison.only_a_quotes),
        ("B", b, comparison.only_b_entities, comparison.only_b_quotes),
    ):
        lines += [
            "",
            f"Only in {side} ({article.outlet_label})",
            f"  entities: {entity_names(entities)}",
        ]
        lines.append(f"  quotes ({len(quotes)}):")
        lines += [f"    “{q.text}” — {speaker(q.speaker)}" for q in quotes]
    return "\n".join(lines)


def format_quotes(article: Article, quotes: list[Quote]) -> str:
    """An article's quotes, one per line with its speaker, for `reader quotes`."""
    lines = [f"{article.title}", f"{about(article)}", ""]
    for q in quotes:
        kind = "" if q.kind == "statement" else " (phrase)"
        lines.append(f"{q.start:>6}  “{q.text}”{kind} — {speaker(q.speaker)}")
    return "\n".join(lines)
