"""ArticleView: one article's title, outlet and date above its cleaned body, with search matches.

The body is a few `Static` widgets (runs of whole paragraphs, see `chunks`) holding plain-text
`Content`: the text is never parsed as markup, it can be selected and copied, and matches are
styled spans over `Article.text` offsets, so highlighting agrees with every other part of the
reader.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING, ClassVar

from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from reader.corpus import UNKNOWN_OUTLET
from reader.text import paragraphs
from reader.tui.text import highlighted, plain, span_style

if TYPE_CHECKING:
    from reader.corpus import Article
    from reader.notes import Record
    from reader.tui.app import ReaderApp

EMPTY_HINT = "Choose an article from the list, or press / to search."


CHUNK_CHARS = 8000
"""Paragraphs are grouped into widgets of about this many characters: one or two for a usual
article, and a few hundred, not thousands, for a book-length file."""


def chunks(text: str) -> list[tuple[int, int]]:
    """`(start, end)` offsets of runs of whole paragraphs, each about CHUNK_CHARS long."""
    runs: list[tuple[int, int]] = []
    for start, end in paragraphs(text):
        if runs and end - runs[-1][0] <= CHUNK_CHARS:
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start, end))
    return runs


class Paragraph(Static):
    """A run of paragraphs of an article (blank lines kept): `Article.text[start:end]`."""

    def __init__(self, content: Content, start: int, end: int) -> None:
        super().__init__(content, classes="paragraph")
        self.start, self.end = start, end


class ArticleView(VerticalScroll, can_focus=True):
    """The article pane: scrollable, selectable, with `n`/`N` between search matches, and the
    user's note and highlighted passages above the text."""

    if TYPE_CHECKING:
        app = getters.app(ReaderApp)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "scroll_down", "Down", show=False, id="article.down"),
        Binding("up,k", "scroll_up", "Up", show=False, id="article.up"),
        Binding("home,g", "scroll_home", "Top", show=False, id="article.top"),
        Binding("end,G", "scroll_end", "Bottom", show=False, id="article.bottom"),
        Binding("pagedown,space", "page_down", "Page down", show=False, id="article.page-down"),
        Binding("pageup", "page_up", "Page up", show=False, id="article.page-up"),
        Binding("n", "next_match", "Next match", show=False, id="article.next-match"),
        Binding("N", "previous_match", "Previous match", show=False, id="article.previous-match"),
        Binding("o", "open_url", "Open URL", id="article.open-url"),
        Binding("a", "note", "Note", id="article.note"),
        Binding("H", "highlight", "Highlight", show=False, id="article.highlight"),
        Binding("D", "removed", "What cleaning removed", show=False, id="article.removed"),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | down, j | Scroll down a line. |
    | up, k | Scroll up a line. |
    | home, g | Go to the top. |
    | end, G | Go to the bottom. |
    | pagedown, space | Scroll down a page. |
    | pageup | Scroll up a page. |
    | n | Go to the next search match. |
    | N | Go to the previous search match. |
    | o | Open the article's web address in the browser (where none can open: copy it). |
    | a | Write or edit your note on the article. |
    | H | Highlight the passage selected with the mouse, with a note. |
    | D | What cleaning removed from the file, span by span, with its rule. |
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"article-view--match", "article-view--match-current"}
    """
    | Class | Description |
    | :- | :- |
    | `article-view--match` | A search match. |
    | `article-view--match-current` | The match `n`/`N` went to. |
    """

    current_match: reactive[int] = reactive(-1, init=False)
    """Index in `matches` of the match last visited, -1 before the first `n`."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.search_query: str | None = None
        self.matches: list[tuple[int, int]] = []

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(
            self, lambda _: self.call_after_refresh(self._restyle)
        )

    @property
    def article_text(self) -> str:
        """The text of the article shown (empty before the first)."""
        return self.article.text if self.article is not None else ""

    def _restyle(self) -> None:
        """Paint the matches in the colours of a new theme."""
        if self.matches:
            for paragraph in self.query(Paragraph):
                paragraph.update(self._paragraph(paragraph.start, paragraph.end))

    def compose(self) -> ComposeResult:
        yield Static(EMPTY_HINT, id="article-title")
        yield Static("", id="article-meta")
        yield Static("", id="article-notes")
        yield Vertical(id="article-body")

    async def show(
        self,
        article: Article,
        query: str | None = None,
        matches: list[tuple[int, int]] | None = None,
    ) -> None:
        """Show an article (a `reader.corpus.Article`), highlighting `matches` of `query`."""
        self.article, self.search_query = article, query
        self.matches = sorted(matches or [])
        self.set_reactive(ArticleView.current_match, -1)
        self.query_one("#article-title", Static).update(plain(article.title))
        meta = [plain(article.outlet) if article.outlet else plain(UNKNOWN_OUTLET, "italic")]
        if article.date:
            meta.append(plain(article.date))
        if self.matches:
            count = len(self.matches)
            meta.append(Content(f"{count} match{'es' if count != 1 else ''} (n/N)"))
        self.query_one("#article-meta", Static).update(Content(" · ").join(meta))
        self.show_notes(None)
        body = self.query_one("#article-body", Vertical)
        await body.remove_children()
        await body.mount_all(
            Paragraph(self._paragraph(start, end), start, end)
            for start, end in chunks(article.text)
        )
        self.scroll_home(animate=False, immediate=True)
        self.add_class("-has-article")

    def show_notes(self, record: Record | None) -> None:
        """Show the user's note and highlighted passages of the article (none: hide them)."""
        found = self.query("#article-notes").results(Static)
        notes = next(found, None)
        if notes is None:  # a pane without a notes line (the split view's)
            return
        lines: list[Content] = []
        if record is not None and record.note.strip():
            lines.append(Content.assemble(("Note: ", "bold"), plain(record.note)))
        for highlight in record.highlights if record is not None else ():
            passage = " ".join(highlight.passage.split())
            passage = passage if len(passage) <= 120 else passage[:120] + "…"
            line = Content.assemble(("“", "italic"), plain(passage, "italic"), ("”", "italic"))
            if highlight.note.strip():
                line = Content.assemble(line, " — ", plain(highlight.note))
            lines.append(line)
        notes.update(Content("\n").join(lines))
        notes.set_class(bool(lines), "-has-notes")

    def action_note(self) -> None:
        from reader.tui.daily import keep_note, record_of
        from reader.tui.note_screen import NoteScreen

        article = self.article
        if article is None:
            return
        record = record_of(self.app, article)

        def saved(note: str | None) -> None:
            if note is not None:
                self.show_notes(keep_note(self.app, article, note))
                self.notify("Note saved." if note else "Note removed.", timeout=2)

        title = f"Note on “{article.title}”"
        self.app.push_screen(NoteScreen(title, record.note if record else ""), saved)

    def action_highlight(self) -> None:
        from reader.tui.daily import keep_highlight
        from reader.tui.note_screen import NoteScreen

        article = self.article
        passage = (self.screen.get_selected_text() or "").strip()
        if article is None:
            return
        if not passage:
            self.notify("Select a passage with the mouse first, then press H.", timeout=4)
            return

        def saved(note: str | None) -> None:
            if note is not None:
                self.show_notes(keep_highlight(self.app, article, passage, note))
                self.screen.clear_selection()
                self.notify("Passage highlighted.", timeout=2)

        self.app.push_screen(NoteScreen("Note on the passage", "", passage), saved)

    def _paragraph(self, start: int, end: int) -> Content:
        match_style = span_style(self, "article-view--match")
        current_style = span_style(self, "article-view--match-current")
        spans = []
        for number, (m_start, m_end) in enumerate(self.matches):
            if m_end > start and m_start < end:
                spans.append((number, max(m_start, start) - start, min(m_end, end) - start))
        content = highlighted(self.article_text[start:end], [], "")
        for number, s, e in spans:
            style = current_style if number == self.current_match else match_style
            content = content.stylize(style, s, e)
        return content

    def _paragraph_of(self, offset: int) -> Paragraph | None:
        found = None
        for paragraph in self.query(Paragraph):
            if paragraph.start > offset:
                break
            found = paragraph
        return found

    def watch_current_match(self, old: int, new: int) -> None:
        for index in {old, new}:
            if 0 <= index < len(self.matches):
                paragraph = self._paragraph_of(self.matches[index][0])
                if paragraph is not None:
                    paragraph.update(self._paragraph(paragraph.start, paragraph.end))
        if 0 <= new < len(self.matches):
            self.call_after_refresh(self._scroll_to_match, new)

    def _scroll_to_match(self, index: int) -> None:
        self.scroll_to_offset(self.matches[index][0])

    def scroll_to_offset(self, offset: int, *, immediate: bool = False) -> None:
        """Scroll the line holding `offset` (into `Article.text`) to a third of the height."""
        paragraph = self._paragraph_of(offset)
        if paragraph is None:
            return
        text = self.article_text[paragraph.start : paragraph.end]
        starts, position = [], 0
        for line in Content(text).wrap(max(1, paragraph.content_region.width)):
            piece = line.plain.strip()
            found = text.find(piece, position) if piece else position
            starts.append(max(found, position))
            position = starts[-1] + len(piece)
        line_no = max(0, bisect_right(starts, offset - paragraph.start) - 1)
        body = self.query_one("#article-body")
        y = body.virtual_region.y + paragraph.virtual_region.y + line_no
        self.scroll_to(
            y=max(0, y - self.scrollable_content_region.height // 3),
            animate=False,
            immediate=immediate,
        )

    def action_next_match(self) -> None:
        if self._check_matches():
            self.current_match = (self.current_match + 1) % len(self.matches)

    def action_previous_match(self) -> None:
        if self._check_matches():
            self.current_match = (self.current_match - 1) % len(self.matches)

    def _check_matches(self) -> bool:
        if self.matches:
            return True
        if self.article is None:
            return False
        if self.search_query:
            self.notify("No matches for the search in this article.", timeout=3)
        else:
            self.notify("Nothing to find: open the article from a search (press /).", timeout=3)
        return False

    def action_removed(self) -> None:
        """Show what cleaning removed from the open article's file, with each rule."""
        from reader.tui.removed_screen import RemovedScreen

        if self.article is not None:
            self.app.push_screen(RemovedScreen(self.article))

    def action_open_url(self) -> None:
        if self.article is None:
            return
        if not self.article.url:
            self.notify("This article has no web address.", timeout=3)
            return
        from reader.tui.daily import open_or_copy

        open_or_copy(self.app, self.article.url)
