"""The decision sheet of one meeting, as plain values: built only from the meeting's own record
(title, date, attendance) and the history lines that carry its number. The renderers
(store/export/minutes_*) turn it into Markdown or HTML.

Each decision takes effect once its call-in period ends: a number of working days after the
sheet is published (default 5), skipping weekends and England and Wales bank holidays.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .as_at import entries_since, state_at
from .dates import working_days_after
from .errors import NotFound
from .model import YEARS, BoardState, Decision, HistoryEntry, Meeting
from .rules import decision_requirement
from .validate import split_part

if TYPE_CHECKING:
    from .repository import Repository

CALL_IN_DAYS = 5
_NO_EFFECT = {Decision.PENDING.value, Decision.DEFERRED.value}


@dataclass(frozen=True)
class DecisionItem:
    ref: str
    wording: str  # the recommendation's full text as it stood at the end of the meeting
    decision: str
    note: str
    who: str
    takes_effect: dt.date | None  # None: nothing takes effect (deferred)


@dataclass(frozen=True)
class ChangeItem:
    record: str  # "bids 1 Corporate electronic ..."
    field: str
    old: object
    new: object
    who: str
    action: str = "set"


@dataclass(frozen=True)
class ActionItem:
    id: int
    text: str
    owner: str
    due: str  # ISO
    source: str


@dataclass(frozen=True)
class Minutes:
    meeting: Meeting
    report: dict[str, object]
    decisions: tuple[DecisionItem, ...]
    changes: tuple[ChangeItem, ...]
    actions: tuple[ActionItem, ...]
    published: dt.date
    call_in_days: int
    requirement: str | None  # the key-decision rule, when it applies
    edits: int  # history lines of the meeting


def choose_meeting(state: BoardState, number: int | None) -> Meeting:
    """Meeting `number`, or the latest one; NotFound naming the meetings there are."""
    if not state.meetings:
        raise NotFound("no meetings yet (start one with: board meeting start)")
    if number is None:
        return state.meetings[-1]
    for meeting in state.meetings:
        if meeting.id == number:
            return meeting
    known = ", ".join(str(m.id) for m in state.meetings)
    raise NotFound(f"no meeting {number}; meetings are: {known}")


def build(
    repo: Repository,
    number: int | None = None,
    *,
    published: dt.date | None = None,
    call_in_days: int = CALL_IN_DAYS,
) -> Minutes:
    """The decision sheet of meeting `number` (default: the latest)."""
    meeting = choose_meeting(repo.state(), number)
    end = meeting.end_revision if meeting.end_revision is not None else repo.state().revision
    newer = entries_since(repo, meeting.start_revision - 1)
    own = [e for e in reversed(newer) if e.meeting == meeting.id]
    at_end = state_at(repo, end)
    published = published or dt.date.today()
    effect = working_days_after(published, call_in_days)
    return Minutes(
        meeting=meeting,
        report=at_end.report,
        decisions=_decisions(own, at_end, effect),
        changes=tuple(_changes(own, at_end)),
        actions=_actions(own, at_end),
        published=published,
        call_in_days=call_in_days,
        requirement=decision_requirement(at_end.report),
        edits=len(own),
    )


def _decisions(
    own: list[HistoryEntry], at_end: BoardState, effect: dt.date
) -> tuple[DecisionItem, ...]:
    """The last decision recorded on each recommendation in the meeting, in the report's order."""
    last: dict[str, HistoryEntry] = {}
    for e in own:
        if e.table == "recommendations" and e.field == "decision":
            last[e.record] = e
    items = []
    for rec in at_end.recommendations:
        entry = last.get(rec.id)
        if entry is None or entry.new == Decision.PENDING.value:
            continue
        when = None if entry.new in _NO_EFFECT else effect
        items.append(DecisionItem(rec.id, rec.text, str(entry.new), rec.note, entry.who, when))
    return tuple(items)


def _is_status_or_money(e: HistoryEntry) -> bool:
    if e.table in ("components", "bids") and e.action in ("add", "delete"):
        return True
    field = e.field.split(".")[-1]
    return e.table in ("components", "bids", "implications") and (
        field in ("status", "applies", "funding", "priority") or e.field in YEARS
    )


def _changes(own: list[HistoryEntry], at_end: BoardState) -> list[ChangeItem]:
    titles = {("components", str(c.id)): c.title for c in at_end.components}
    titles.update({("bids", str(b.id)): b.title for b in at_end.bids})
    titles.update({("implications", str(i.id)): i.name for i in at_end.implications})
    parts = {str(c.id): [p.title for p in c.parts] for c in at_end.components}
    items = []
    for e in own:
        if not _is_status_or_money(e):
            continue
        record = " ".join(filter(None, (e.table, e.record, titles.get((e.table, e.record), ""))))
        field, part = e.field, split_part(e.field)
        names = parts.get(e.record, [])
        if part and e.table == "components" and 0 < part[0] <= len(names):
            record, field = f"{record} — {names[part[0] - 1]}", part[1]  # "— IEG 4", "status"
        items.append(ChangeItem(record, field, e.old, e.new, e.who, e.action))
    return items


def _actions(own: list[HistoryEntry], at_end: BoardState) -> tuple[ActionItem, ...]:
    raised = {e.record for e in own if e.table == "actions" and e.action == "add"}
    return tuple(
        ActionItem(a.id, a.text, a.owner, a.due, a.source)
        for a in at_end.actions
        if str(a.id) in raised
    )
