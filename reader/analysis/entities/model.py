"""What entity analysis produces: entity types, mentions, entities and an article's entities."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class EntityType(StrEnum):
    """What kind of thing an entity is."""

    PERSON = "person"
    ORGANISATION = "organisation"
    PLACE = "place"  # countries, cities, regions
    GROUP = "group"  # nationalities, peoples and faiths that do not denote a country
    OTHER = "other"  # events, awards, laws, products


# Short names for the types, for the rules that test them all the time.
PER, ORG, LOC = EntityType.PERSON, EntityType.ORGANISATION, EntityType.PLACE
GRP, OTH = EntityType.GROUP, EntityType.OTHER


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention: `text[start:end] == text` of the article; `key` is its entity's key."""

    start: int
    end: int
    text: str
    type: EntityType
    key: str


@dataclass(frozen=True, slots=True)
class Entity:
    """One canonical entity of an article with all its mentions."""

    key: str
    name: str
    type: EntityType
    mentions: tuple[Mention, ...]
    gender: str = ""  # a person's: "f" or "m" when a title, given name or pronoun says it
    modifier_only: bool = (
        False  # one word, no table entry, only ever before a noun ("Clinton campaign")
    )


@dataclass(frozen=True, slots=True)
class ArticleEntities:
    """The mentions of an article (in text order) and the entities they group into."""

    mentions: tuple[Mention, ...]
    entities: tuple[Entity, ...]

    def by_key(self) -> dict[str, Entity]:
        """The entities keyed by their canonical key."""
        return {entity.key: entity for entity in self.entities}
