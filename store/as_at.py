"""The board as it stood at an earlier revision: the history replayed back from the current state.

Each history line holds the old and the new value of one change, so undoing the lines newer than
revision N, newest first, gives the board at N. Every revision between N and now must be
accounted for: by a history line, or by a snapshot (which writes none). A revision with no line
(a lost or damaged one), one before the history's start or one past the current revision is
refused with the reason, rather than shown as a board that never was.

Records are copied only when a replayed line touches them: the current state's cache is never
changed, and going back a few revisions on a 10,000-bid store copies a few records.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from .convert import state_from_data
from .errors import NotFound, StoreDamaged, ValidationError
from .model import YEARS, BoardState, HistoryEntry
from .records import get_field, put_field
from .storage import META, Data

if TYPE_CHECKING:
    from .repository import Repository


class Unreachable(ValidationError):
    """The history cannot take the board back to that revision (the reason says why)."""


class Line(NamedTuple):
    """One history line as the replay needs it. A tuple, not a HistoryEntry: a replay across
    100,000 lines built 100,000 frozen dataclasses, ~0.7 s of ~1.6 s."""

    revision: int
    table: str
    record: str
    field: str
    old: Any
    new: Any
    action: str
    at: str
    who: str


_new_line = tuple.__new__  # a NamedTuple's own __new__ is Python code: ~2x slower at 100,000


def _line(e: dict[str, Any], where: object) -> Line:
    try:
        rev, table, record, field = e["rev"], e["table"], e["id"], e["field"]
        at, who = e["at"], e["who"]
    except (KeyError, TypeError) as err:
        raise StoreDamaged(f"{where}: a change is damaged (missing {err})") from None
    if type(rev) is not int or type(table) is not str or type(record) is not str:
        raise StoreDamaged(f"{where}: the change of revision {rev!r} is damaged")
    if type(field) is not str:
        raise StoreDamaged(f"{where}: the change of revision {rev!r} is damaged")
    values = (
        rev,
        table,
        record,
        field,
        e.get("old"),
        e.get("new"),
        e.get("action", "set"),
        at,
        who,
    )
    return _new_line(Line, values)  # type: ignore[no-any-return]


def state_at(repo: Repository, revision: int) -> BoardState:
    """The board at `revision` (the current state when it is the current revision)."""
    current = repo.state()
    if revision == current.revision:
        return current
    if revision > current.revision:
        raise Unreachable(f"revision {revision} is past the current revision {current.revision}")
    if revision < 0:
        raise Unreachable(f"revision {revision} is not a revision (they start at 0)")
    newer, at_target = _lines_back_to(repo, revision)
    data = repo.storage.load()
    _check_reachable(data, newer, revision, current.revision, has_older=at_target is not None)
    work = rewind(data, newer)
    _drop_later_snapshots(work, revision)
    meta = {**repo.storage.meta_of(data), "revision": revision}
    meta.update(
        changed_at=at_target.at if at_target else "", changed_by=at_target.who if at_target else ""
    )
    try:
        return state_from_data(work, meta)
    except (ValidationError, KeyError, TypeError, ValueError) as err:
        raise StoreDamaged(f"the history does not replay to revision {revision} ({err})") from None


def entries_since(repo: Repository, revision: int) -> list[HistoryEntry]:
    """History entries newer than `revision`, newest first (reading no further back)."""
    return _entries_back_to(repo, revision)[0]


def _entries_back_to(
    repo: Repository, revision: int
) -> tuple[list[HistoryEntry], HistoryEntry | None]:
    """History entries newer than `revision` (newest first) and the newest one at or before it."""
    limit = max(16, repo.state().revision - revision + 2)
    while True:
        entries = repo.history(limit)
        older = [e for e in entries if e.revision <= revision]
        if older or len(entries) < limit:
            return [e for e in entries if e.revision > revision], (older[0] if older else None)
        limit *= 2


def lines_since(repo: Repository, revision: int) -> list[Line]:
    """History lines newer than `revision`, newest first."""
    return _lines_back_to(repo, revision)[0]


def _lines_back_to(repo: Repository, revision: int) -> tuple[list[Line], Line | None]:
    """Lines newer than `revision` (newest first) and the newest one at or before it: read back
    from the end of the file, one line more than the revisions between (each has one or more)."""
    where = repo.storage.history_file.path
    limit = max(16, repo.state().revision - revision + 2)
    while True:
        raw = repo.storage.history(limit)
        lines = [_line(e, where) for e in raw]
        cut = next((n for n, line in enumerate(lines) if line.revision <= revision), None)
        if cut is not None or len(raw) < limit:
            newer = lines if cut is None else lines[:cut]
            return newer, (None if cut is None else lines[cut])
        limit *= 2


def _check_reachable(
    data: Data, newer: list[Line], target: int, current: int, *, has_older: bool
) -> None:
    """Every revision in (target, current] has a history line or is a snapshot's own revision.

    Missing revisions with no line before them: the history starts after `target` (trimmed, or
    the store's first revisions kept none); missing ones between lines: a lost or damaged line.
    """
    accounted = {e.revision for e in newer} | _snapshot_revisions(data)
    missing = [r for r in range(target + 1, current + 1) if r not in accounted]
    if not missing:
        return
    first_line = min((e.revision for e in newer), default=current + 1)
    if not has_older and all(r < first_line for r in missing):
        raise Unreachable(
            f"revision {target} is before the earliest the history reaches "
            f"(revision {first_line - 1 if first_line <= current else current})"
        )
    raise Unreachable(
        f"revision {missing[-1]} has no readable history line (lost or damaged), so the board "
        f"cannot be replayed back past it to revision {target}"
    )


def _snapshot_revisions(data: Data) -> set[int]:
    """Revisions taken by snapshots; an older snapshot without its own took the next one."""
    found = set()
    for doc in data.get("snapshots", {}).values():
        own = doc.get("own_rev")
        found.add(int(own) if own is not None else int(doc.get("revision", -1)) + 1)
    return found


def _drop_later_snapshots(work: Data, revision: int) -> None:
    snapshots = work.get("snapshots", {})
    work["snapshots"] = {
        key: doc
        for key, doc in snapshots.items()
        if (doc["own_rev"] if doc.get("own_rev") is not None else doc["revision"] + 1) <= revision
    }


# --- replay -----------------------------------------------------------------------------------
class _Work:
    """Tables copied shallowly, records copied on first change: the source data stays as it is."""

    def __init__(self, data: Data):
        self.data: Data = {name: dict(rows) for name, rows in data.items()}
        self.data[META] = copy.deepcopy(data.get(META, {}))
        self._owned: set[tuple[str, str]] = set()

    def key(self, entry: Line) -> str:
        rows = self.data.get(entry.table, {})
        if entry.table == "recommendations":
            for key, doc in rows.items():
                if doc.get("ref") == entry.record:
                    return key
        if entry.record in rows:
            return entry.record
        raise StoreDamaged(
            f"revision {entry.revision}: {entry.table} {entry.record} is not on the board there; "
            "the history does not match the store"
        )

    def record(self, entry: Line) -> dict[str, Any]:
        key = self.key(entry)
        rows = self.data[entry.table]
        if (entry.table, key) not in self._owned:
            rows[key] = copy.deepcopy(rows[key])
            self._owned.add((entry.table, key))
        return rows[key]

    def put(self, entry: Line, doc: Any) -> None:
        self.data.setdefault(entry.table, {})[entry.record] = copy.deepcopy(doc)
        self._owned.add((entry.table, entry.record))

    def remove(self, entry: Line) -> None:
        del self.data[entry.table][self.key(entry)]


def _value(value: Any) -> Any:
    """A history value to put back: text and numbers as they are, lists and records copied."""
    return copy.deepcopy(value) if isinstance(value, dict | list) else value


def rewind(data: Data, newest_first: Iterable[Line]) -> Data:
    """`data` with each entry undone, newest first: a set takes its old value back, an add is
    removed, a delete is put back."""
    work = _Work(data)
    for entry in newest_first:
        if entry.action == "set":
            doc = work.record(entry)
            _check_holds(doc, entry)
            _put(doc, entry.field, entry.old)
        elif entry.action == "add":
            work.remove(entry)
        elif entry.action == "delete":
            work.put(entry, entry.old)
    return work.data


def _check_holds(doc: dict[str, Any], entry: Line) -> None:
    """The field must hold what the line says it was set to: a history that does not match the
    store would replay to a board that never was."""
    field = entry.field
    if "." not in field and field not in YEARS:  # most lines: no part, no year of a bid
        held = doc.get(field, _MISSING)
    else:
        try:
            held = get_field(doc, field)
        except (NotFound, KeyError, IndexError, TypeError):
            held = _MISSING
    if held != entry.new:
        raise StoreDamaged(
            f"revision {entry.revision}: {entry.table} {entry.record} {entry.field} does not hold "
            "what its history line says it was set to; the history does not match the store"
        )


_MISSING = object()


def _put(doc: dict[str, Any], field: str, value: Any) -> None:
    if "." not in field and field not in YEARS:
        doc[field] = _value(value)
    else:
        put_field(doc, field, _value(value), None)


def replay(data: Data, oldest_first: Iterable[Line]) -> Data:
    """`data` with each entry applied again, oldest first (the inverse of `rewind`)."""
    work = _Work(data)
    for entry in oldest_first:
        if entry.action == "set":
            _put(work.record(entry), entry.field, entry.new)
        elif entry.action == "add":
            work.put(entry, entry.new)
        elif entry.action == "delete":
            work.remove(entry)
    return work.data
