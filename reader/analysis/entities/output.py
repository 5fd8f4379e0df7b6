"""An article's entities for the command line: a plain listing and JSON."""

from __future__ import annotations

import json

from reader.analysis.entities.model import ArticleEntities, Entity


def _ordered(result: ArticleEntities) -> list[Entity]:
    return sorted(result.entities, key=lambda e: (-len(e.mentions), e.mentions[0].start))


def format_entities(result: ArticleEntities) -> str:
    """One line per canonical entity: mention count, type and name, most mentioned first."""
    lines = [f"{len(e.mentions):>4}  {e.type.value:<12}  {e.name}" for e in _ordered(result)]
    return "\n".join(lines)


def entities_to_json(result: ArticleEntities) -> str:
    """The entities as a JSON list: name, key, type and mentions [{start, end, text}]."""
    return json.dumps(
        [
            {
                "name": e.name,
                "key": e.key,
                "type": e.type.value,
                "mentions": [{"start": m.start, "end": m.end, "text": m.text} for m in e.mentions],
            }
            for e in _ordered(result)
        ],
        ensure_ascii=False,
        indent=2,
    )
