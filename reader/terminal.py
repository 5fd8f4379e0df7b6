"""What the reader prints: the one filter that keeps text from files, names and URLs from driving
the terminal, and the stream the command writes through so that nothing escapes it.

`terminal_safe` writes every character a terminal would obey as a visible `\\uXXXX` escape:
C0 controls but line feed and tab (ESC starts every escape sequence: `\\x1b[2J` clears the
screen, `\\x1b]52;c;...\\x07` writes the clipboard), DEL, C1 controls (`\\x9b` is a one-byte
CSI), bidirectional controls (U+202E and the other embeddings, overrides, isolates and marks),
line and paragraph separators, and the lone surrogates that stand for the bytes of a file name
that are not UTF-8 (which could not be encoded at all). The escapes are also valid inside JSON
strings, so the same filter applies to `--json` output: a JSON reader gets the exact value back.
"""

from __future__ import annotations

import re
from typing import TextIO

_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]"
)


def terminal_safe(text: str) -> str:
    """`text` with everything a terminal would obey written as a `\\uXXXX` escape."""
    return _UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


class SafeStream:
    """A text stream that passes everything written through `terminal_safe`.

    The command's own styling (colours, a progress line rewritten in place) is written to
    `unfiltered`, by code that filters what it got from files itself.
    """

    def __init__(self, stream: TextIO) -> None:
        self.unfiltered = stream

    def write(self, text: str) -> int:
        """Write text, filtered; returns the length of the text given."""
        self.unfiltered.write(terminal_safe(text))
        return len(text)

    def flush(self) -> None:
        """Flush the stream below."""
        self.unfiltered.flush()

    def isatty(self) -> bool:
        """Whether the stream below is a terminal."""
        return self.unfiltered.isatty()

    def fileno(self) -> int:
        """The file descriptor of the stream below."""
        return self.unfiltered.fileno()

    def __getattr__(self, name: str) -> object:
        return getattr(self.unfiltered, name)


def unfiltered(stream: TextIO | SafeStream) -> TextIO:
    """The stream below a `SafeStream` (the stream itself otherwise), for the command's own
    escape sequences."""
    return stream.unfiltered if isinstance(stream, SafeStream) else stream
