"""Meetings as stored records: what `board meeting start/update/end` write (no I/O here).

A meeting is a record in the `meetings` table; it is open while its `end_rev` is None. Every
history line written while one is open carries `"meeting": N`, so the decision sheet can be built
from the meeting's own edits. Start, corrections and end are recorded edits like any other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .dates import parse_date
from .errors import ValidationError
from .storage import Data

if TYPE_CHECKING:
    from .model import Meeting
    from .repository import Repository

MAX_NAMES = 200
FIELDS = ("date", "title", "present", "apologies")


def names(text: str | list[str] | None) -> list[str]:
    """`"A; B"` -> ["A", "B"]: attendance as typed, semicolons between names."""
    if text is None:
        return []
    parts = text if isinstance(text, list) else str(text).split(";")
    found = [" ".join(p.split()) for p in parts]
    found = [p for p in found if p]
    if len(found) > MAX_NAMES or any(len(p) > 200 for p in found):
        raise ValidationError(f"attendance: at most {MAX_NAMES} names of up to 200 characters")
    return found


def meeting_fields(
    *,
    date: str | None = None,
    title: str | None = None,
    present: str | None = None,
    apologies: str | None = None,
) -> dict[str, Any]:
    """The given attendance fields, validated, in stored form (ISO date, lists of names)."""
    fields: dict[str, Any] = {}
    if date is not None:
        try:
            fields["date"] = parse_date(date).isoformat()
        except ValueError as err:
            raise ValidationError(f"meeting date: {err}") from None
    if title is not None:
        fields["title"] = " ".join(title.split())[:200]
    if present is not None:
        fields["present"] = names(present)
    if apologies is not None:
        fields["apologies"] = names(apologies)
    return fields


def new_record(fields: dict[str, Any], *, at: str, who: str, revision: int) -> dict[str, Any]:
    """A meeting opened at `revision` (today's date and a plain title unless given)."""
    date = fields.get("date") or dt.date.today().isoformat()
    return {
        "date": date,
        "title": fields.get("title") or "Programme board",
        "present": fields.get("present", []),
        "apologies": fields.get("apologies", []),
        "started_at": at,
        "started_by": who,
        "start_rev": revision,
        "ended_at": "",
        "end_rev": None,
    }


def open_meeting(data: Data) -> int | None:
    """The number of the meeting open in `data`, if any."""
    for key, doc in data.get("meetings", {}).items():
        if isinstance(doc, dict) and doc.get("end_rev") is None:
            return int(key)
    return None


def next_number(data: Data) -> int:
    return 1 + max(map(int, data.get("meetings", {})), default=0)


# --- the transactions (Repository.start_meeting / update_meeting / end_meeting) ----------------
def start(repo: Repository, fields: dict[str, Any]) -> Meeting:
    at = _now()
    with repo.storage.transaction(repo.who, at) as history:
        data = repo.storage.read()
        if (number := open_meeting(data)) is not None:
            raise ValidationError(f"meeting {number} is still open; end it first")
        number = next_number(data)
        doc = new_record(fields, at=at, who=repo.who, revision=repo._stamp(at)[0])
        repo.insert("meetings", doc, number)
        history.append(repo._line(at, "meetings", number, "*", None, dict(doc), "add"))
    return repo.state().meetings[-1]


def change(repo: Repository, make: Callable[[str, int], dict[str, Any]]) -> Meeting:
    """Set the open meeting's fields to what `make(at, revision)` gives, one line per change."""
    at = _now()
    with repo.storage.transaction(repo.who, at) as history:
        number = open_meeting(repo.storage.read())
        if number is None:
            raise ValidationError("no meeting is open (start one with: board meeting start)")
        doc = repo.storage.own("meetings", str(number))
        for field, new in make(at, repo._stamp(at)[0]).items():
            if doc.get(field) != new:
                history.append(
                    repo._line(at, "meetings", number, field, doc.get(field), new, "set")
                )
                doc[field] = new
        repo.storage.mark_changed()
    return next(m for m in repo.state().meetings if m.id == number)


def _now() -> str:
    from .repository import now_iso

    return now_iso()
