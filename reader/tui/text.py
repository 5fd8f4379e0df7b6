"""Turning untrusted article text and metadata into safe, styled `Content`.

Everything an article or a file name carries is plain text: it is never parsed as markup, and
control characters (escape sequences included) are replaced before anything is rendered.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from rich.style import Style as RichStyle
from textual.content import Content
from textual.style import Style
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.app import App

# Controls, bidirectional controls, and the lone surrogates that stand for the bytes of a file
# name that are not UTF-8 (a terminal could not even be sent those).
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def safe(text: str, *, single_line: bool = True) -> str:
    """`text` with control characters removed (and line breaks folded when `single_line`)."""
    text = _CONTROL.sub("\N{REPLACEMENT CHARACTER}", text.replace("\t", " "))
    return " ".join(text.split()) if single_line else text


def plain(text: str, style: str = "") -> Content:
    """One line of untrusted text as `Content`, never parsed as markup."""
    content = Content(safe(text))
    return content.stylize(style) if style else content


def highlighted(text: str, spans: list[tuple[int, int]], style: str | Style) -> Content:
    """Untrusted text with `style` on each `(start, end)` span (offsets into `text`).

    Control characters are replaced one for one, so offsets stay valid.
    """
    content = Content(_CONTROL.sub("\N{REPLACEMENT CHARACTER}", text))
    for start, end in spans:
        content = content.stylize(style, start, end)
    return content


def span_style(widget: Widget, component: str) -> Style:
    """The style a component class sets (and only that), for a span of text.

    Colours come out blended as the widget would paint them (so `$text-muted` and other
    translucent colours work), but a colour the rule does not set is left to what lies below.
    """
    full = widget.get_component_rich_style(component)
    partial = widget.get_component_rich_style(component, partial=True)
    colours = RichStyle(
        color=full.color if partial.color else None,
        bgcolor=full.bgcolor if partial.bgcolor else None,
    )
    return Style.from_rich_style(partial + colours)


def notify_error(
    target: App[Any] | Widget,
    error: BaseException | str | None,
    title: str,
    timeout: float | None = None,
) -> None:
    """Tell the user something failed: the error as plain text (never markup), in an error
    notification titled `title` (shown for `timeout` seconds, else the app's default)."""
    message = safe(str(error))
    if timeout is None:
        target.notify(message, title=title, severity="error", markup=False)
    else:
        target.notify(message, title=title, severity="error", markup=False, timeout=timeout)
