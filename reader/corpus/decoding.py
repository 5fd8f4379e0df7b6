"""File bytes to text: byte-order marks, UTF-16, declared encodings, fallbacks, binary files."""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

_DECLARED = re.compile(rb"(?:encoding|charset|coding)\s*[:=]\s*[\"']?([A-Za-z0-9_.:-]+)")
_TEXT_CONTROLS = (9, 10, 12, 13, 27)  # tab, line feed, form feed, carriage return, escape


class Decoded(NamedTuple):
    """Decoded text and, when a fallback encoding was used, a warning saying which."""

    text: str
    warning: str | None


def decode(data: bytes) -> Decoded:
    """Decode file bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else a declared or
    common fallback. Returns the text and a warning when a fallback was used.

    Raises ValueError for binary data.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return Decoded(data.decode("utf-16"), None)
        except UnicodeDecodeError as exc:
            raise ValueError("starts with a UTF-16 mark but is not UTF-16 text") from exc
    head = data[:8192]
    if b"\x00" in head or _control_ratio(head) > 0.1:
        raise ValueError("binary file, not text")
    try:
        return Decoded(data.decode("utf-8-sig"), None)
    except UnicodeDecodeError as exc:
        bad_at = exc.start
    declared = _DECLARED.search(data[:2048])
    if declared:
        name = declared.group(1).decode("ascii")
        try:
            return Decoded(
                data.decode(name), f"not valid UTF-8 (byte {bad_at}); decoded as declared {name}"
            )
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return Decoded(
            data.decode("cp1252"), f"not valid UTF-8 (byte {bad_at}); decoded as Windows-1252"
        )
    except UnicodeDecodeError:
        return Decoded(
            data.decode("latin-1"), f"not valid UTF-8 (byte {bad_at}); decoded as Latin-1"
        )


def _control_ratio(data: bytes) -> float:
    """The share of control bytes that never occur in text files."""
    if not data:
        return 0.0
    controls = sum(1 for b in data if b < 32 and b not in _TEXT_CONTROLS)
    return controls / len(data)
