"""The Markdown report a journalist can paste: `reader compare --markdown` and the split view's
export."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from reader.report.wording import (
    KIND_LABEL,
    entity_names,
    inline_diff,
    mention_count,
    quoted,
    speaker,
    speakers_note,
    who,
)
from reader.terminal import terminal_safe

if TYPE_CHECKING:
    from reader.analysis.comparison import Comparison
    from reader.analysis.entities import Entity
    from reader.analysis.quotes import Quote
    from reader.corpus.article import Article

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
_BACKTICKS = re.compile(r"`+")


def _md(text: str) -> str:
    """Text with Markdown's special characters escaped (HTML tags and entities, emphasis, links,
    code, table cells' `|`), line breaks folded and control characters written as escapes."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(terminal_safe(text).split()))


def _code(text: str) -> str:
    """Text as a code span no backtick in it can close (the fence is one backtick longer than
    its longest run), with `|` escaped for a table cell."""
    text = " ".join(terminal_safe(text).split())
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(text)), default=0) + 1)
    pad = " " if text[:1] == "`" or text[-1:] == "`" else ""
    return f"{fence}{pad}{text}{pad}{fence}".replace("|", "\\|")


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
        f"| Date | {_md(a.date or 'undated')} | {_md(b.date or 'undated')} |",
        f"| Article | {_code(a.id)} | {_code(b.id)} |",
        "",
    ]
    out += _shared_entities(comparison)
    out += _shared_quotes(comparison)
    out += _only_in("A", a, comparison.only_a_entities, comparison.only_a_quotes)
    out += _only_in("B", b, comparison.only_b_entities, comparison.only_b_quotes)
    return "\n".join(out).rstrip() + "\n"


def _shared_entities(comparison: Comparison) -> list[str]:
    out = [f"## Shared entities ({len(comparison.shared_entities)})", ""]
    if not comparison.shared_entities:
        return [*out, "None."]
    out += ["| Entity | Type | A | B |", "|---|---|---:|---:|"]
    out += [
        f"| {_md(e.name)} | {e.type.value} | {mention_count(e.a_mentions)} "
        f"| {mention_count(e.b_mentions)} |"
        for e in comparison.shared_entities
    ]
    return out


def _shared_quotes(comparison: Comparison) -> list[str]:
    a, b = comparison.a, comparison.b
    out = ["", f"## Shared quotes ({len(comparison.shared_quotes)})", ""]
    for number, m in enumerate(comparison.shared_quotes, 1):
        a_text = quoted(m.a, a.text, m.a_start, m.a_end)
        b_text = quoted(m.b, b.text, m.b_start, m.b_end)
        out.append(
            f"### {number}. {KIND_LABEL[m.kind].capitalize()} (similarity {m.similarity:.2f})"
        )
        out.append("")
        out.append(f"- **A**, {_md(who(m.a))}: {_md(a_text)}")
        out.append(f"- **B**, {_md(who(m.b))}: {_md(b_text)}")
        note = speakers_note(m)
        if note:
            out.append(f"- **{_md(note[0].upper() + note[1:])}**")
        if m.kind != "exact":
            md_diff = [(op, _md(x), _md(y)) for op, x, y in m.diff]
            shown = inline_diff(replace(m, diff=tuple(md_diff)), "~~{}~~", "**{}**")
            out.append(f"- Wording (~~only A~~ **only B**): {shown}")
        out.append("")
    if not comparison.shared_quotes:
        out += ["None.", ""]
    return out


def _only_in(
    side: str, article: Article, entities: tuple[Entity, ...], quotes: tuple[Quote, ...]
) -> list[str]:
    out = [
        f"## Only in {side} ({_md(article.outlet_label)})",
        "",
        f"**Entities:** {_md(entity_names(entities))}",
        "",
        f"**Quotes ({len(quotes)}):**",
        "",
    ]
    out += [f"- “{_md(q.text)}” — {_md(speaker(q.speaker))}" for q in quotes] or ["None."]
    out.append("")
    return out
