"""A story as the reader shows it: its reports, outlets, dates, and why they are grouped."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reader.analysis.stories.signature import Signature

if TYPE_CHECKING:
    from reader.analysis.stories.index import StoryIndex

WORDS = 4
"""Shared words the explanation names."""


@dataclass(frozen=True, slots=True)
class Why:
    """Why a story's reports are grouped: what at least two of them share, and their span."""

    people_places: int
    organisations: int
    other_names: int
    quotes: int
    span_hours: float | None
    timed: bool
    words: tuple[str, ...]
    reports: int

    def __str__(self) -> str:
        if self.reports < 2:
            return "no other report of this story found"
        parts = []
        if self.people_places:
            parts.append(
                _count(self.people_places, "shared person or place", "shared people and places")
            )
        if self.organisations:
            parts.append(_count(self.organisations, "shared organisation", "shared organisations"))
        if self.quotes:
            parts.append(_count(self.quotes, "shared quote", "shared quotes"))
        parts.append(self.span())
        text = "grouped: " + ", ".join(parts)
        return text + (f"; words: {', '.join(self.words)}" if self.words else "")

    def span(self) -> str:
        """How far apart the reports' dates are, in words."""
        if self.span_hours is None:
            return "undated"
        if self.timed and self.span_hours < 48:
            hours = round(self.span_hours)
            return "within the hour" if hours == 0 else _count(hours, "hour apart", "hours apart")
        days = round(self.span_hours / 24)
        return "the same day" if days == 0 else _count(days, "day apart", "days apart")


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one}" if n == 1 else f"{n} {many}"


@dataclass(frozen=True, slots=True)
class Story:
    """One story: its reports in the order they were placed (the oldest first)."""

    id: str
    articles: tuple[Signature, ...]
    why: Why

    @property
    def title(self) -> str:
        """The title of its first report."""
        return self.articles[0].title

    @property
    def outlets(self) -> list[str]:
        """The outlets that report it, in order of their first report."""
        return list(dict.fromkeys(a.outlet for a in self.articles if a.outlet))

    @property
    def first_date(self) -> str | None:
        """The earliest date of its reports."""
        dates = _dates(self.articles)
        return dates[0] if dates else None

    @property
    def last_date(self) -> str | None:
        """The latest date of its reports."""
        dates = _dates(self.articles)
        return dates[-1] if dates else None

    def to_json(self) -> dict[str, Any]:
        """The item of `reader stories --json`."""
        return {
            "id": self.id,
            "title": self.title,
            "articles": [a.id for a in self.articles],
            "outlets": self.outlets,
            "first_date": self.first_date,
            "last_date": self.last_date,
            "why": str(self.why),
        }


def _dates(articles: tuple[Signature, ...]) -> list[str]:
    dated = sorted((a.when, a.date) for a in articles if a.when is not None and a.date)
    return [d for _, d in dated] or sorted(a.date for a in articles if a.date)


def explain(index: StoryIndex, members: list[Signature]) -> Why:
    """What at least two of a story's reports share (names, quotes, words) and their span."""
    names: Counter[str] = Counter(k for m in members for k in m.entities)
    shared = [k for k, n in names.items() if n >= 2]
    by_type = Counter(k.split(":", 1)[0] for k in shared)
    dated = [m for m in members if m.when is not None]
    span = (
        None
        if len(dated) < 2
        else (max(m.when or 0.0 for m in dated) - min(m.when or 0.0 for m in dated)) * 24
    )
    return Why(
        by_type["person"] + by_type["place"],
        by_type["organisation"],
        by_type["other"],
        _shared_quotes(members),
        span,
        all(m.timed for m in dated),
        _shared_words(index, members),
        len(members),
    )


def _shared_quotes(members: list[Signature]) -> int:
    """Quoted statements found in at least two reports, each counted once."""
    counted: list[frozenset[int]] = []
    for i, member in enumerate(members):
        others = frozenset().union(*(q for j, m in enumerate(members) if j != i for q in m.quotes))
        for quote in member.quotes:
            if quote & others and not any(quote & seen for seen in counted):
                counted.append(quote)
    return len(counted)


def _shared_words(index: StoryIndex, members: list[Signature]) -> tuple[str, ...]:
    if len(members) < 2:
        return ()
    spread: Counter[str] = Counter(t for m in members for t in m.title_terms | set(m.terms))
    need = max(2, (len(members) + 1) // 2)
    ranked = sorted(
        (t for t, n in spread.items() if n >= need), key=lambda t: (-spread[t] * index.idf(t), t)
    )
    return tuple(ranked[:WORDS])


def stories(index: StoryIndex) -> list[Story]:
    """Every story of the index, largest first, then the latest first."""
    found = []
    for story_id, ids in index.members().items():
        members = [index.signatures[i] for i in ids]
        found.append(Story(story_id, tuple(members), explain(index, members)))

    def order(story: Story) -> tuple[int, float, str]:
        latest = max((a.when for a in story.articles if a.when is not None), default=0.0)
        return -len(story.articles), -latest, story.id

    return sorted(found, key=order)
