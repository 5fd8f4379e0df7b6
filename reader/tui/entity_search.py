"""From the split view's summary to the whole corpus: a shared entity searched by every name
it goes by (its names in the two articles and every alias the alias tables give its key).

`f` on an entity of the summary searches for it in the main screen's search; `A` does the same
and opens the first article, the hits list holding every article that names it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.analysis.comparison import SharedEntity
    from reader.analysis.entities import Entity

MAX_NAMES = 24
"""Names put in one query at most (the longest first: the table's and the articles')."""


def entity_names(entity: SharedEntity | Entity) -> list[str]:
    """Every name of an entity: its display name, its mentions' texts, and the surface forms of
    the alias tables that stand for its key (through `reader.analysis.entities.lexicon`)."""
    from reader.analysis.comparison import SharedEntity
    from reader.analysis.entities import lexicon

    if isinstance(entity, SharedEntity):
        mentions = (*entity.a_mentions, *entity.b_mentions)
    else:
        mentions = entity.mentions
    names = {entity.name, *(m.text for m in mentions)}
    names |= {surface for surface, alias in lexicon().aliases.items() if alias.key == entity.key}
    cleaned = {" ".join(n.replace('"', " ").split()) for n in names}
    return sorted((n for n in cleaned if n), key=lambda n: (-len(n), n))[:MAX_NAMES]


def names_query(names: list[str]) -> str:
    """A query matching any of the names, each as a phrase: `"Great Britain" OR "UK"`."""
    return " OR ".join(f'"{name}"' for name in names)
