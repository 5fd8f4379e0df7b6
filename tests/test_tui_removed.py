"""The cleaning audit in the interface: `D` on an article lists what cleaning removed from its
file, each span with its rule, as `reader show --removed` does."""

from __future__ import annotations

import shutil
from pathlib import Path

from reader.corpus import find_article, removed_debris
from reader.tui.app import ReaderApp
from reader.tui.removed_screen import RemovedList, RemovedScreen
from tests.pilot import settle
from tests.test_tui_daily import open_article

MEE = "mee-leaders-call-on-russia"


async def test_d_lists_what_cleaning_removed_with_each_rule(tmp_path: Path, samples: Path):
    folder = tmp_path / "articles"
    shutil.copytree(samples, folder)
    expected = removed_debris(find_article(MEE, folder))
    assert expected  # the sample carries a publisher's blurb and links
    app = ReaderApp(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_article(pilot, MEE)
        await pilot.press("D")
        await settle(pilot)
        assert isinstance(app.screen, RemovedScreen)
        rows = app.screen.query_one(RemovedList)
        assert rows.removed == expected
        first = rows.render_item_line(0, 0, 200).plain
        assert first.startswith(expected[0].rule) and expected[0].text[:30] in first
        await pilot.press("escape")
        assert not isinstance(app.screen, RemovedScreen)


async def test_an_article_with_nothing_removed_says_so(tmp_path: Path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "plain.txt").write_text(
        "A plain title\n\nThe council met on Tuesday and voted to reopen the bridge.\n",
        encoding="utf-8",
    )
    app = ReaderApp(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await open_article(pilot, "plain")
        await pilot.press("D")
        await settle(pilot)
        rows = app.screen.query_one(RemovedList)
        assert rows.removed == ()
        assert "Nothing was removed" in rows.placeholder
