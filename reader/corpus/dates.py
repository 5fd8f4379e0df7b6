"""Article dates: the forms newsrooms write, read with python-dateutil, as ISO date prefixes.

A date becomes "YYYY-MM-DD", "YYYY-MM" or "YYYY", as precise as what was written: ISO dates and
timestamps ("2015-10-02", "2015-10-02T14:03:00Z"), "Oct. 2, 2015", "Friday, October 2, 2015",
"2 October 2015", "October 2015", "2015". A numeric date whose day and month could be swapped
("03/04/2015") is reported as ambiguous, never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from dateutil import parser as dateparser

_ISO = re.compile(r"\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?\s*")
_NUMERIC = re.compile(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})\s*")
_YEAR_ONLY = re.compile(r"\s*(\d{4})\s*")
# Two defaults that differ in every field: a field that comes out different was not written.
_DEFAULTS = (dt.datetime(2001, 1, 1), dt.datetime(2002, 2, 2))
_MAX_LENGTH = 60


class DateRead(NamedTuple):
    """A date as an ISO prefix, or None and why not (None when there was nothing to read)."""

    date: str | None
    problem: str | None


def normalise_date(value: object) -> str | None:
    """An ISO date prefix ("YYYY", "YYYY-MM" or "YYYY-MM-DD") from a YAML value, or None."""
    return read_date(value).date


def read_date(value: object) -> DateRead:
    """A front-matter or query date read into an ISO prefix, or the reason it cannot be."""
    if isinstance(value, dt.datetime):
        return DateRead(value.date().isoformat(), None)
    if isinstance(value, dt.date):
        return DateRead(value.isoformat(), None)
    if isinstance(value, int) and not isinstance(value, bool):
        if 1000 <= value <= 9999:
            return DateRead(str(value), None)
        return DateRead(None, f"not a date: {value!r}")
    if not isinstance(value, str):
        return DateRead(None, "not a date")
    if not value.strip():
        return DateRead(None, None)
    return _read_text(value)


def _read_text(text: str) -> DateRead:
    iso = _ISO.fullmatch(text)
    if iso:
        year, month, day = iso.groups()
        return _checked(year, month, day, text)
    numeric = _NUMERIC.fullmatch(text)
    if numeric:
        first, second, _ = (int(part) for part in numeric.groups())
        if first != second and first <= 12 and second <= 12:
            return DateRead(
                None, f"ambiguous date {text.strip()!r} (day and month could be either way)"
            )
    if len(text) > _MAX_LENGTH:
        return DateRead(None, f"not a date: {text[:40]!r}")
    try:
        readings = [dateparser.parse(text, default=default, ignoretz=True) for default in _DEFAULTS]
    except (ValueError, OverflowError):
        return DateRead(None, f"not a date: {text[:40]!r}")
    return _prefix(readings[0], readings[1], text)


def _prefix(one: dt.datetime, other: dt.datetime, text: str) -> DateRead:
    """The ISO prefix of the fields the text gave (the two readings agree on them)."""
    if one.year != other.year:
        return DateRead(None, f"not a date (no year): {text[:40]!r}")
    if one.month != other.month:
        if one.day != other.day:
            return DateRead(f"{one.year:04d}", None)
        return DateRead(None, f"not a date: {text[:40]!r}")
    if one.day != other.day:
        return DateRead(f"{one.year:04d}-{one.month:02d}", None)
    return DateRead(one.date().isoformat(), None)


def _checked(year: str, month: str | None, day: str | None, text: str) -> DateRead:
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return DateRead(None, f"not a date: {text[:40]!r}")
    return DateRead("-".join(part for part in (year, month, day) if part), None)
