"""The search field's first results, completed in place (the interface side of
`tests/test_search_progressive.py`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

import reader.search.searching as searching
from reader.search import open_library, search, whoosh_scan
from reader.tui.app import ReaderApp
from reader.tui.search_panel import HitList
from tests.test_tui import WIDE, indexed_samples, ready, search_for

__all__ = ["indexed_samples"]  # the fixture


async def test_first_results_are_shown_then_completed_in_place(
    indexed_samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(searching, "FIRST_MIN_ARTICLES", 0)  # first results for 5 articles
    monkeypatch.setattr(whoosh_scan, "FIRST_MATCHES", 1)  # of one match: partial
    monkeypatch.setattr(whoosh_scan, "RUN", 1)
    monkeypatch.setattr(whoosh_scan, "FIRST_SECONDS", None)
    shown: list[tuple[str, list[str], bool]] = []
    set_hits, replace_hits = HitList.set_hits, HitList.replace_hits

    def recording_set(self: HitList, query: str, hits: list) -> None:  # type: ignore[type-arg]
        shown.append(("set", [h.id for h in hits], self.partial))
        set_hits(self, query, hits)

    def recording_replace(self: HitList, hits: list) -> None:  # type: ignore[type-arg]
        shown.append(("replace", [h.id for h in hits], self.partial))
        replace_hits(self, hits)

    monkeypatch.setattr(HitList, "set_hits", recording_set)
    monkeypatch.setattr(HitList, "replace_hits", recording_replace)
    app = ReaderApp(indexed_samples)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        panel = await search_for(pilot, "Lavrov")
        hits = panel.query_one(HitList)
        complete = search(open_library(indexed_samples), "Lavrov", limit=50, typing=True)
        assert len(complete.hits) == 2
        # The first pass's one hit, shown at once, then the complete two in its place.
        assert shown[-2][0] == "set" and len(shown[-2][1]) == 1
        assert shown[-1] == ("replace", [h.id for h in complete.hits], True)
        assert not hits.partial and [h.id for h in hits.hits] == [h.id for h in complete.hits]
        message = panel.query_one("#search-message", Static).render().plain
        assert message.startswith("2 matches") and "Enter opens" in message


async def test_complete_first_results_of_a_short_page_are_completed_to_the_full_page(
    indexed_samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.tui.search_panel as search_panel

    monkeypatch.setattr(searching, "FIRST_MIN_ARTICLES", 0)
    monkeypatch.setattr(search_panel, "FIRST_LIMIT", 1)  # read whole, but one hit of two
    replaced: list[int] = []
    replace_hits = HitList.replace_hits

    def recording_replace(self: HitList, hits: list) -> None:  # type: ignore[type-arg]
        replaced.append(len(hits))
        replace_hits(self, hits)

    monkeypatch.setattr(HitList, "replace_hits", recording_replace)
    app = ReaderApp(indexed_samples)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot)
        panel = await search_for(pilot, "Lavrov")
        hits = panel.query_one(HitList)
        assert replaced[-1] == 2 and len(hits.hits) == 2 and not hits.partial
