"""The domain: frozen records (msgspec Structs, store/frozen.py) and vocabularies. No I/O here."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from functools import cached_property
from typing import Any

import msgspec

from .frozen import Frozen
from .funding import first_below, priority_order, running_by_year


class Vocabulary(StrEnum):
    """A status list in the report's order; `space` walks it forwards, `S` backwards."""

    @classmethod
    def words(cls) -> list[str]:
        return [m.value for m in cls]


class ComponentStatus(Vocabulary):
    NOT_STARTED = "not started"
    UNDER_DEVELOPMENT = "under development"
    UNDER_REVIEW = "under review"
    COMPLETE = "complete"
    SUPERSEDED = "superseded"


class BidStatus(Vocabulary):
    PROPOSED = "proposed"
    RECOMMENDED = "recommended"
    APPROVED = "approved"
    RESERVE = "reserve"
    DEFERRED = "deferred"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class Decision(Vocabulary):
    PENDING = "pending"
    AGREED = "agreed"
    AMENDED = "amended"
    DEFERRED = "deferred"
    NOT_AGREED = "not agreed"


class FundingRoute(Vocabulary):
    CAPITAL = "capital"
    PRUDENTIAL_BORROWING = "prudential borrowing"
    OTHER = "other"


class ActionStatus(Vocabulary):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


class YesNo(Vocabulary):
    YES = "Y"
    NO = "N"


YEARS: tuple[str, ...] = ("2005/06", "2006/07", "2007/08", "after")
YEAR_LABELS: dict[str, str] = {
    "2005/06": "2005/06",
    "2006/07": "2006/07",
    "2007/08": "2007/08",
    "after": "After 2007/08",
}

# The report's English month names, whatever the locale (calendar's follow LC_TIME, and importing
# calendar and locale cost every command ~2 ms).
MONTH_NAMES: tuple[str, ...] = (
    "",  # months are numbered from 1
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTHS = {name[:3].lower(): number for number, name in enumerate(MONTH_NAMES) if name}
# Matched against the lowered text: compiling it with re.IGNORECASE took ~0.8 ms of every start.
_TARGET_RE = re.compile(r"^(?:(early|mid|end)[- ])?(?:(\d{1,2})\s+)?([a-z]{3})[a-z]*\.?\s+(\d{4})$")


def days_in_month(year: int, month: int) -> int:
    """28 to 31: the day before the first of the next month."""
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day


TARGET_FORMS = "'Dec 2004', 'mid-Nov 2004', 'end-Oct 2004', '31/01/2027' or '31 January 2027'"


class Target(Frozen, frozen=True):
    """A month with an optional early/mid/end qualifier (`end-Oct 2004`), or one day of it
    (`31 Jan 2027`)."""

    year: int
    month: int
    qualifier: str = ""  # "", "early", "mid", "end"
    day: int = 0  # 0: the month (with its qualifier); else that day

    @classmethod
    def parse(cls, text: str) -> Target:
        match = _TARGET_RE.match(text.strip().lower())
        month = _MONTHS.get(match.group(3)) if match else None
        if not match or month is None or (match.group(1) and match.group(2)):
            raise ValueError(f"target {text!r} is not a month or a day like {TARGET_FORMS}")
        return cls.of(int(match.group(4)), month, match.group(1) or "", match.group(2))

    @classmethod
    def of(cls, year: int, month: int, qualifier: str = "", day: str | int | None = 0) -> Target:
        """A checked Target (year in range, a day that exists in its month)."""
        if not 1990 <= year <= 2100:
            raise ValueError(f"target year {year} is out of range 1990-2100")
        number = int(day or 0)
        if number and not 1 <= number <= days_in_month(year, month):
            raise ValueError(f"{MONTH_NAMES[month]} {year} has no day {number}")
        return cls(year, month, qualifier, number)

    def deadline(self) -> dt.date:
        """The last day the target still holds: the day itself; early = 10th, mid = 20th, else
        the month's end."""
        last = days_in_month(self.year, self.month)
        day = self.day or {"early": 10, "mid": 20}.get(self.qualifier, last)
        return dt.date(self.year, self.month, day)

    def __str__(self) -> str:
        if self.day:
            return f"{self.day} {MONTH_NAMES[self.month][:3]} {self.year}"
        prefix = f"{self.qualifier}-" if self.qualifier else ""
        return f"{prefix}{MONTH_NAMES[self.month][:3]} {self.year}"


def overdue(target: str, status: ComponentStatus, today: dt.date) -> bool:
    """Derived, never stored: the target has passed and the work is not finished."""
    if not target or status in (ComponentStatus.COMPLETE, ComponentStatus.SUPERSEDED):
        return False
    return Target.parse(target).deadline() < today


class Part(Frozen, frozen=True):
    """A part of a component with its own status (the IEG statements)."""

    title: str
    status: ComponentStatus
    target: str = ""

    def is_overdue(self, today: dt.date) -> bool:
        """As a component's: IEG 4, mid-Nov 2004 and under development, is overdue in December."""
        return overdue(self.target, self.status, today)


class Component(Frozen, frozen=True):
    """One of the framework's component documents, in the report's order."""

    id: int
    title: str
    status: ComponentStatus
    target: str = ""
    owner: str = ""
    note: str = ""
    wording: str = ""
    parts: tuple[Part, ...] = ()

    def is_overdue(self, today: dt.date) -> bool:
        return overdue(self.target, self.status, today)


class Bid(Frozen, frozen=True):
    """A capital bid: £'000 per financial year, its status, funding route and priority."""

    id: int
    title: str
    amounts: dict[str, int]
    status: BidStatus = BidStatus.PROPOSED
    funding: FundingRoute = FundingRoute.CAPITAL
    note: str = ""
    order_key: int | None = None  # the stored priority; the rank is BoardState.priority()

    @property
    def total(self) -> int:
        return sum(self.amounts.get(y, 0) for y in YEARS)


class Implication(Frozen, frozen=True):
    """A row of the report's implications table."""

    id: int
    name: str
    applies: YesNo
    paragraphs: str = ""
    note: str = ""


class Recommendation(Frozen, frozen=True):
    """A recommendation of the report (3.1, 3.2) and the board's decision on it."""

    id: str  # "3.1"
    text: str
    decision: Decision = Decision.PENDING
    note: str = ""


class Action(Frozen, frozen=True):
    """Something the board asked of someone: owner, due date (ISO), status, where it came from."""

    id: int
    text: str
    owner: str = ""
    due: str = ""  # ISO date, or "" for none
    status: ActionStatus = ActionStatus.OPEN
    source: str = ""  # the record it came from, e.g. "recommendations 3.2"
    meeting: int | None = None  # the meeting that raised it

    def is_overdue(self, today: dt.date) -> bool:
        """Derived, never stored: open and its due date has passed."""
        return self.status is ActionStatus.OPEN and bool(self.due) and self.due < today.isoformat()


class Meeting(Frozen, frozen=True):
    """One meeting of the board: who came, and the revisions its edits lie between."""

    id: int
    date: str  # ISO
    title: str
    present: tuple[str, ...]
    apologies: tuple[str, ...]
    started_at: str
    started_by: str
    start_revision: int
    ended_at: str = ""
    end_revision: int | None = None  # None while the meeting is open

    @property
    def is_open(self) -> bool:
        return self.end_revision is None


class HistoryEntry(Frozen, frozen=True):
    """One recorded change: when, who, which record and field, old and new value."""

    revision: int
    at: str  # ISO 8601, UTC
    who: str  # user@host
    table: str
    record: str
    field: str
    old: Any
    new: Any
    action: str = "set"  # set | add | delete
    meeting: int | None = None  # the meeting open when the edit was made


class Snapshot(Frozen, frozen=True):
    """An export the board recorded as a snapshot (what changed since is counted from it)."""

    at: str
    who: str
    revision: int
    formats: tuple[str, ...]
    recorded_revision: int | None = None  # the revision the snapshot itself took (None: older)


class BoardState(Frozen, frozen=True, dict=True):
    """Everything a screen or an export needs, read at one revision."""

    revision: int
    changed_at: str
    changed_by: str
    report: dict[str, Any]
    components: tuple[Component, ...]
    bids: tuple[Bid, ...]
    implications: tuple[Implication, ...]
    recommendations: tuple[Recommendation, ...]
    envelope: dict[str, int] = msgspec.field(default_factory=dict)
    snapshots: tuple[Snapshot, ...] = ()
    actions: tuple[Action, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    # The store's id and its history's last hash (history_file.py): a printed snapshot names them,
    # so a minute can be checked against the store later, and a console notices a replaced file.
    store_id: str = ""
    history_head: str = ""

    @property
    def open_meeting(self) -> Meeting | None:
        return next((m for m in reversed(self.meetings) if m.is_open), None)

    def last_ended_meeting(self) -> Meeting | None:
        return next((m for m in reversed(self.meetings) if not m.is_open), None)

    @property
    def head_digest(self) -> str:
        """The history head as printed: its first 16 hex digits."""
        return self.history_head[:16]

    @cached_property
    def _year_totals(self) -> dict[str, int]:
        """Summed once per state: the overview, the bids tab and exports each ask (10,000 bids)."""
        return {y: sum(b.amounts.get(y, 0) for b in self.bids) for y in YEARS}

    def year_totals(self) -> dict[str, int]:
        return dict(self._year_totals)

    @property
    def grand_total(self) -> int:
        return sum(self._year_totals.values())

    def oversubscription(self) -> dict[str, int]:
        """Per year with an envelope: bids minus envelope (positive = over-subscribed)."""
        totals = self.year_totals()
        return {y: totals[y] - cap for y, cap in self.envelope.items()}

    @cached_property
    def by_priority(self) -> tuple[Bid, ...]:
        """The bids in priority order (1 = first)."""
        return tuple(priority_order(self.bids))

    @cached_property
    def _ranks(self) -> dict[int, int]:
        return {b.id: n for n, b in enumerate(self.by_priority, start=1)}

    def priority(self, bid_id: int) -> int:
        """The bid's place in the order, 1 = first (gaps left by deleted bids closed)."""
        return self._ranks[bid_id]

    @cached_property
    def running(self) -> dict[str, list[int]]:
        """Per year, the running total down the bids in priority order (index = rank - 1)."""
        return running_by_year([b.amounts for b in self.by_priority], YEARS)

    @cached_property
    def within_count(self) -> int | None:
        """How many bids, from the top of the priority order, are within the envelope."""
        return first_below(self.running, self.envelope) if self.envelope else None

    @cached_property
    def _line(self) -> dict[int, bool | None]:
        count = self.within_count
        if count is None:
            return dict.fromkeys(self._ranks)
        return {b: rank <= count for b, rank in self._ranks.items()}

    def within_envelope(self, bid_id: int) -> bool | None:
        """True above the funding line, False below it, None when no year has an envelope."""
        return self._line[bid_id]

    def status_counts(self) -> dict[str, int]:
        counts = {s.value: 0 for s in ComponentStatus}
        for c in self.components:
            counts[c.status.value] += 1
        return counts
