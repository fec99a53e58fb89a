"""The one home for dates and times: UK spellings in, ISO in the file, the UK way out.

The store, JSON and CSV keep ISO (`2004-11-30`); screens and documents show the UK way
(`30 November 2004`). A secretary may type any common UK spelling: `30/11/2004`, `30-11-2004`,
`30 November 2004`, `30 Nov 2004`, or ISO. Day before month, always (python-dateutil with
dayfirst=True); ISO is read first because dateutil with dayfirst reads `2004-01-02` as
1 February. The same reading serves an action's due date and a target typed as a day.

Times are stored in UTC (ISO 8601) and shown in the local zone with its name, the way a UK
council writes them: `1 Dec 2026 08:07 GMT` (BST in summer).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DEFAULTS = (dt.datetime(2000, 1, 1), dt.datetime(2001, 2, 2))  # differ in every part
_MIN_YEAR, _MAX_YEAR = 1990, 2100
MAX_DATE_TEXT = 60  # longer is not a date; dateutil need not read it


def parse_date(text: str) -> dt.date:
    """`30/11/2004`, `30 Nov 2004`, `2004-11-30` -> date(2004, 11, 30); ValueError naming the text.

    A date missing its day, month or year (`Nov 2004`) is refused rather than guessed.
    """
    if not isinstance(text, str) or not text.strip():
        raise ValueError("a date is needed, e.g. 30/11/2004 or 30 November 2004")
    value = text.strip()
    if len(value) > MAX_DATE_TEXT:
        raise ValueError(f"{value[:20]!r}… is too long to be a date")
    if _ISO.match(value):
        return _checked(_iso(value, text), text)
    return _checked(_uk(value, text), text)


def typed_day(text: str) -> dt.date | None:
    """The whole day in `31/01/2027`, `2027-01-31` or `31 January 2027`; None when the text is
    not one (a month such as `Jan 2027` is the model's Target form, not a day)."""
    try:
        return parse_date(text)
    except ValueError:
        return None


def _iso(value: str, text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{text!r} is not a date on the calendar") from None


def _uk(value: str, text: str) -> dt.date:
    from dateutil import parser  # loaded on first use: not needed to show the board

    try:
        first, second = (parser.parse(value, dayfirst=True, default=d) for d in _DEFAULTS)
    except (ValueError, OverflowError):
        raise ValueError(
            f"{text!r} is not a date like 30/11/2004, 30 November 2004 or 2004-11-30"
        ) from None
    if first.date() != second.date() or first.time() != dt.time():
        raise ValueError(f"{text!r} is not a whole date (day, month and year, e.g. 30/11/2004)")
    return first.date()


def _checked(day: dt.date, text: str) -> dt.date:
    if not _MIN_YEAR <= day.year <= _MAX_YEAR:
        raise ValueError(f"{text!r}: the year {day.year} is outside {_MIN_YEAR}-{_MAX_YEAR}")
    return day


@lru_cache(maxsize=4096)
def uk_date(iso: str) -> str:
    """`2004-11-30` -> `30 November 2004`; an empty value stays empty, and a text that is not
    an ISO date (a report typed by hand) is shown as it is."""
    try:
        day = dt.date.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso
    return f"{day.day} {day:%B %Y}"


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


def working_days_after(start: dt.date, days: int) -> dt.date:
    """The date `days` working days after `start`: weekends and England and Wales bank holidays
    skipped (the call-in period after a decision sheet is published)."""
    import holidays  # loaded on first use: only the decision sheet needs it

    bank = holidays.country_holidays("GB", subdiv="ENG", years=range(start.year, start.year + 2))
    day = start
    while days > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and day not in bank:
            days -= 1
    return day
