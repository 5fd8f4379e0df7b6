"""The command palette's reader entries, named `area: verb` (ctrl+p)."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from reader.tui.feeds import refresh_feeds

COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("search: find articles", "screen.search", "Focus the search field"),
    ("sources: show or hide the list", "screen.toggle_sidebar", "Toggle the source list"),
    ("sources: sort by date or title", "app.sort_sources", "Switch the order of articles"),
    ("article: open in the browser", "app.article('open_url')", "Open the article's address"),
    ("article: next match", "app.article('next_match')", "Go to the next search match"),
    ("article: previous match", "app.article('previous_match')", "Go to the previous match"),
    (
        "compare: open the split view",
        "app.compare",
        "The two marked articles, or the open one and one picked for it",
    ),
    (
        "stories: list the stories",
        "app.stories",
        "The articles grouped by story; open one to compare its reports",
    ),
    ("split: export the comparison", "screen.export", "Save a Markdown report (split view)"),
    ("split: swap the sides", "screen.swap", "Exchange A and B (split view)"),
    ("split: show or hide the summary", "screen.toggle_summary", "The summary (split view)"),
    ("theme: switch dark and light", "app.toggle_theme", "Switch between the reader's themes"),
    ("index: update now", "app.update_index", "Index new and changed articles"),
    ("index: rebuild", "app.update_index(True)", "Rebuild the index from scratch"),
    ("problems: show the list", "app.problems", "Files skipped or loaded with a caveat"),
    ("help: show the keys", "app.help", "Every binding and its id"),
    ("app: quit", "app.quit", "Leave the reader"),
)
"""(palette text, action, help) for each entry."""
FEEDS_REFRESH = (
    "feeds: refresh",
    "Fetch the feeds followed into the library, in the background",
)
"""(palette text, help) of the entry that refreshes the feeds (`tui.feeds`, not an action)."""


class ReaderCommands(Provider):
    """Offers the reader's main actions in the command palette."""

    async def discover(self) -> Hits:
        for text, action, help_text in COMMANDS:
            yield DiscoveryHit(text, partial(self.app.run_action, action), help=help_text)
        text, help_text = FEEDS_REFRESH
        yield DiscoveryHit(text, partial(refresh_feeds, self.app), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, action, help_text in COMMANDS:
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(text),
                    partial(self.app.run_action, action),
                    help=help_text,
                )
        text, help_text = FEEDS_REFRESH
        if (score := matcher.match(text)) > 0:
            yield Hit(
                score, matcher.highlight(text), partial(refresh_feeds, self.app), help=help_text
            )
