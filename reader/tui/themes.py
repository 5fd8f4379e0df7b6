"""The reader's own dark and light themes (any built-in Textual theme works too).

Both define `match-background`/`match-current-background`, the colours of search matches in
the article pane, so highlights stay readable whichever theme is active.
"""

from __future__ import annotations

from textual.theme import Theme

DARK = "reader-dark"
LIGHT = "reader-light"
DEFAULT_THEME = DARK

VARIABLE_DEFAULTS = {
    "match-background": "#B58900 45%",
    "match-current-background": "#E07B00",
    "match-current-foreground": "#000000",
}
"""The reader's theme variables for themes that do not set them (Textual's own)."""

THEMES = (
    Theme(
        name=DARK,
        primary="#5FA8D3",
        secondary="#3D6F8E",
        accent="#F2B134",
        warning="#F2B134",
        error="#E5616E",
        success="#6CC08B",
        foreground="#E4E2DD",
        background="#16181D",
        surface="#1E2128",
        panel="#262A33",
        dark=True,
        variables={
            "match-background": "#6B5413",
            "match-current-background": "#F2B134",
            "match-current-foreground": "#16181D",
            "footer-key-foreground": "#F2B134",
        },
    ),
    Theme(
        name=LIGHT,
        primary="#1F5F8B",
        secondary="#4A86B0",
        accent="#B5651D",
        warning="#B5651D",
        error="#B3261E",
        success="#2E7D4F",
        foreground="#1F2328",
        background="#FAF8F3",
        surface="#F0EDE5",
        panel="#E4E0D6",
        dark=False,
        variables={
            "match-background": "#FBE3A1",
            "match-current-background": "#B5651D",
            "match-current-foreground": "#FFFFFF",
            "footer-key-foreground": "#1F5F8B",
        },
    ),
)
