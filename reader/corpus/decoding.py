"""File bytes to text: byte-order marks, UTF-16 and UTF-32, declared encodings, detection of the
encoding when UTF-8 fails (charset-normalizer), binary files."""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

_DECLARED = re.compile(rb"(?:encoding|charset|coding)\s*[:=]\s*[\"']?([A-Za-z0-9_.:-]+)")
_TEXT_CONTROLS = (9, 10, 12, 13, 27)  # tab, line feed, form feed, carriage return, escape
# Checked in this order: a UTF-32 little-endian mark starts with the UTF-16 one.
_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BINARY_CONTROL_SHARE = 0.1


class Decoded(NamedTuple):
    """Decoded text and, when UTF-8 (or a byte-order mark) did not decide, a warning naming the
    encoding used."""

    text: str
    warning: str | None


def decode(data: bytes) -> Decoded:
    """Decode file bytes: a byte-order mark's encoding; UTF-16 or UTF-32 without a mark (told by
    where the zero bytes are); UTF-8; else the encoding the file declares, or the one
    charset-normalizer detects, or Windows-1252, with a warning naming it.

    Raises ValueError for binary data.
    """
    for mark, encoding in _MARKS:
        if data.startswith(mark):
            try:
                return Decoded(data.decode(encoding), None)
            except UnicodeDecodeError as exc:
                raise ValueError(
                    f"starts with a {encoding.upper()} mark but is not {encoding.upper()} text"
                ) from exc
    wide = _wide_encoding(data[:8192])
    if wide is not None:
        try:
            text = data.decode(wide)
        except UnicodeDecodeError:
            text = ""
        if text and _text_like(text):
            return Decoded(text, f"no byte-order mark; decoded as {wide.upper()}")
    if _control_share(data[:8192]) > _BINARY_CONTROL_SHARE:
        raise ValueError("binary file, not text")
    try:
        return Decoded(data.decode("utf-8"), None)
    except UnicodeDecodeError as exc:
        return _fallback(data, exc.start)


def _fallback(data: bytes, bad_at: int) -> Decoded:
    """Text that is not UTF-8: the declared encoding, the detected one, or Windows-1252."""
    why = f"not valid UTF-8 (byte {bad_at})"
    declared = _DECLARED.search(data[:2048])
    if declared:
        name = declared.group(1).decode("ascii")
        try:
            return Decoded(data.decode(name), f"{why}; decoded as declared {name}")
        except (LookupError, UnicodeDecodeError):
            pass
    detected = _detect(data)
    if detected is not None:
        return Decoded(detected.text, f"{why}; decoded as {detected.warning} (detected)")
    try:
        return Decoded(data.decode("cp1252"), f"{why}; decoded as Windows-1252")
    except UnicodeDecodeError:
        return Decoded(data.decode("latin-1"), f"{why}; decoded as Latin-1")


def _detect(data: bytes) -> Decoded | None:
    """The text in the encoding charset-normalizer finds most likely (the warning field holds
    the encoding's name), or None when it finds none.

    Candidates are ranked by coherence (how much the text reads like a language) less chaos
    (how garbled it looks); on a tie Windows-1252, the usual encoding of Western news pages,
    wins over the other single-byte Latin encodings that decode the same bytes differently.
    """
    from charset_normalizer import from_bytes  # imported when needed: most files are UTF-8

    candidates = list(from_bytes(data))
    if not candidates:
        return None
    top = max(match.coherence - match.chaos for match in candidates)
    tied = [match for match in candidates if match.coherence - match.chaos >= top - 1e-6]
    best = next((match for match in tied if match.encoding == "cp1252"), tied[0])
    text = str(best)
    if best.encoding != "cp1252" and _decodes_as(data, "cp1252") == text:
        return Decoded(text, "Windows-1252")  # the same text: name the usual encoding
    return Decoded(text, _display_name(best.encoding))


def _decodes_as(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _display_name(codec: str) -> str:
    """The usual name of a Python codec: "Windows-1251", "ISO-8859-9", "GB18030"."""
    if codec.startswith("cp125"):
        return "Windows-" + codec[2:]
    if codec.startswith("iso8859_"):
        return "ISO-8859-" + codec.removeprefix("iso8859_")
    return codec.replace("_", "-").upper()


def _wide_encoding(head: bytes) -> str | None:
    """UTF-32 or UTF-16 (with endianness) when the zero bytes of `head` fall where those
    encodings put them, else None. UTF-32 text has two zero bytes in every four; UTF-16 text has
    its zero bytes (the high byte of spaces, line ends, Latin letters) on one side only."""
    zeros = head.count(0)
    if len(head) < 4 or zeros * 50 < len(head):  # a stray zero byte does not make UTF-16
        return None
    size = len(head) - len(head) % 4
    columns = [head[i:size:4].count(0) / (size // 4) for i in range(4)]
    if columns[2] > 0.95 and columns[3] > 0.95 and columns[0] < 0.95:
        return "utf-32-le"
    if columns[0] > 0.95 and columns[1] > 0.95 and columns[3] < 0.95:
        return "utf-32-be"
    odd_zeros = head[1::2].count(0)
    if odd_zeros >= 0.95 * zeros:
        return "utf-16-le"
    if zeros - odd_zeros >= 0.95 * zeros:
        return "utf-16-be"
    return None


def _text_like(text: str) -> bool:
    """Decoded text without the control characters binary data decodes to."""
    sample = text[:4096]
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\f")
    return controls * 100 <= len(sample)


def _control_share(data: bytes) -> float:
    """The share of control bytes that never occur in text files (a zero byte is one)."""
    if not data:
        return 0.0
    controls = sum(1 for b in data if b < 32 and b not in _TEXT_CONTROLS)
    return controls / len(data)
