"""UK dates and times, one home: how a time or a date is shown, and the day forms a target takes.

Times are stored in UTC (ISO 8601) and shown in the local zone with its name, the way a UK
council writes them: `1 Dec 2026 08:07 GMT` (BST in summer). Dates read `18 October 2004`. A
target typed as a day — `31/01/2027`, `2027-01-31`, `31 January 2027` — is read day first with
python-dateutil (ISO dates first, which dateutil's dayfirst would read as year-day-month).
"""

from __future__ import annotations

import datetime as dt

from dateutil import parser as dateutil_parser

_DEFAULTS = (dt.datetime(1900, 1, 1), dt.datetime(1900, 1, 2))  # to tell a typed day from none


def local_time(at: str) -> str:
    """A stored UTC time in the local zone, named: `2026-12-01T08:07:00Z` -> `1 Dec 2026 08:07 GMT`.
    A text that is not a time is shown as it is."""
    try:
        moment = dt.datetime.fromisoformat(at.replace("Z", "+00:00"))
    except ValueError:
        return at
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    local = moment.astimezone()
    return f"{local.day} {local:%b %Y %H:%M} {local.tzname() or ''}".rstrip()


def long_date(iso: str) -> str:
    """`2004-10-18` -> `18 October 2004` (anything else as it is)."""
    try:
        day = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day} {day:%B %Y}"


def typed_day(text: str) -> dt.date | None:
    """The day in `31/01/2027`, `2027-01-31` or `31 January 2027`; None when no whole day is
    given (a month such as `Jan 2027` is the model's Target form, not a day)."""
    text = text.strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        first, second = (dateutil_parser.parse(text, dayfirst=True, default=d) for d in _DEFAULTS)
    except (ValueError, OverflowError):
        return None
    return first.date() if first == second else None
