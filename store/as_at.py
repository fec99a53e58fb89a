"""The board as it stood at an earlier revision: the history replayed back from the current state.

Each history line holds the old and the new value of one change, so undoing the lines newer than
revision N, newest first, gives the board at N. Every revision between N and now must be
accounted for: by a history line, or by a snapshot (which writes none). A revision with no line
(a lost or damaged one), one before the history's start or one past the current revision is
refused with the reason, rather than shown as a board that never was.

The replay reads the history once, each line parsed, hashed and undone in one step and none
kept; when anything does not hold, it reads again and checks in turn (every revision accounted
for, the hash chain, each line undoing what the store holds) to name the first that fails.

Records are copied only when a replayed line touches them: the current state's cache is never
changed, and going back a few revisions on a 10,000-bid store copies a few records.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .convert import state_from_data
from .errors import NotFound, StoreDamaged, ValidationError
from .history_file import WrittenChain, broken_link, genesis
from .model import YEARS, BoardState, HistoryEntry
from .records import get_field, put_field
from .storage import META, Data

if TYPE_CHECKING:
    from .repository import Repository


class Unreachable(ValidationError):
    """The history cannot take the board back to that revision (the reason says why)."""


# A history line as the file holds it: {"rev", "at", "who", "table", "id", "field", "old", "new",
# "action", ...}. The replay works on these dicts as read: building a HistoryEntry dataclass (or
# even a tuple) per line was most of the time of a replay across 100,000 lines.
Line = dict[str, Any]


def state_at(repo: Repository, revision: int) -> BoardState:
    """The board at `revision` (the current state when it is the current revision)."""
    current = repo.state()
    if revision == current.revision:
        return current
    if revision > current.revision:
        raise Unreachable(f"revision {revision} is past the current revision {current.revision}")
    if revision < 0:
        raise Unreachable(f"revision {revision} is not a revision (they start at 0)")
    data = repo.storage.load()
    replayed = _in_one_read(repo, data, revision, current.revision)
    if replayed is not None:
        work, at_target = replayed
    else:  # something did not hold: read again, each check in turn, to name what
        newer, at_target = _lines_back_to(repo, revision)
        revisions = {e["rev"] for e in newer}
        has_older = at_target is not None
        _check_reachable(data, revisions, revision, current.revision, has_older=has_older)
        _check_chain(data[META]["1"], newer, at_target, revision)
        work = rewind(data, newer)
    _drop_later_snapshots(work, revision)
    meta = {**work[META]["1"], "revision": revision}  # the envelope as it stood, too
    meta.update(changed_at=str((at_target or {}).get("at", "")))
    meta.update(changed_by=str((at_target or {}).get("who", "")))
    meta.update(history_head=_head_then(meta, at_target))
    try:
        return state_from_data(work, meta)
    except (ValidationError, KeyError, TypeError, ValueError) as err:
        raise StoreDamaged(f"the history does not replay to revision {revision} ({err})") from None


def _head_then(meta: dict[str, Any], at_target: Line | None) -> str:
    """The history head at that revision (what a snapshot of it prints): the hash of its last
    line, or the genesis when no line is that old."""
    if at_target is not None:
        return str(at_target.get("h", ""))
    store_id = meta.get("store_id")
    return genesis(store_id) if isinstance(store_id, str) else ""


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
    limit = max(16, repo.state().revision - revision + 2)
    while True:
        lines, _ = repo.storage.history(limit)  # damaged lines skipped: gaps, refused below
        cut = next((n for n, line in enumerate(lines) if line["rev"] <= revision), None)
        if cut is not None or len(lines) < limit:
            newer = lines if cut is None else lines[:cut]
            return newer, (None if cut is None else lines[cut])
        limit *= 2


def _in_one_read(
    repo: Repository, data: Data, target: int, current: int
) -> tuple[Data, Line | None] | None:
    """`data` at `target` and the line at it, in one read of the history back from its end:
    each line newer than `target` parsed, hashed as written (history_file.WrittenChain), undone
    and its revision counted, none kept. 100,000 lines kept for one check after another were
    most of `--at`'s time. None when a line is not as written or does not undo."""
    meta = data[META]["1"]
    store_id, head = meta.get("store_id"), meta.get("history_head")
    if not isinstance(store_id, str) or not isinstance(head, str):
        return None  # a schema 2 store opened read-only: no chain to walk
    reading = repo.storage.history_reading(meta)  # to the head of `data`, which it undoes
    chain = WrittenChain(head)
    step = chain.step
    work = _Work(data)
    revisions: set[int] = set()
    at_target = None
    try:
        for line, written in reading:
            if line["rev"] <= target:
                at_target = line
                break
            if not step(written):
                return None
            revisions.add(line["rev"])
            if not _undo_plain_set(work, line):
                _undo(work, line)
    except Exception:  # whatever it is, the careful read names it, after the checks before it
        return None
    if reading.foreign or not chain.holds_after(_hash_before(at_target, store_id)):
        return None
    _check_reachable(data, revisions, target, current, has_older=at_target is not None)
    return work.data, at_target


def _check_reachable(
    data: Data, revisions: set[int], target: int, current: int, *, has_older: bool
) -> None:
    """Every revision in (target, current] has a history line or is a snapshot's own revision.

    Missing revisions with no line before them: the history starts after `target` (trimmed, or
    the store's first revisions kept none); missing ones between lines: a lost or damaged line.
    """
    accounted = revisions | _snapshot_revisions(data)
    missing = [r for r in range(target + 1, current + 1) if r not in accounted]
    if not missing:
        return
    first_line = min(revisions, default=current + 1)
    if not has_older and all(r < first_line for r in missing):
        raise Unreachable(
            f"revision {target} is before the earliest the history reaches "
            f"(revision {first_line - 1 if first_line <= current else current})"
        )
    raise Unreachable(
        f"revision {missing[-1]} has no readable history line (lost or damaged), so the board "
        f"cannot be replayed back past it to revision {target}"
    )


def _check_chain(meta: dict[str, Any], newer: list[Line], older: Line | None, target: int) -> None:
    """The lines to undo must be the store's own, unaltered and in order: their hash chain
    (history_file.py) from the store's head back to the line at `target`. A schema 2 store
    opened read-only has no chain yet (nothing to check)."""
    store_id, head = meta.get("store_id"), meta.get("history_head")
    if not newer or not isinstance(store_id, str) or not isinstance(head, str):
        return
    broken = broken_link(newer, _hash_before(older, store_id), head)
    if broken is not None:
        raise Unreachable(
            f"the history line of revision {broken} does not hold its hash chain (altered, moved "
            f"or not this store's), so the board cannot be replayed back past it to revision "
            f"{target}; run `board check`"
        )


def _hash_before(older: Line | None, store_id: str) -> str:
    """The hash the oldest line undone follows: the line at the target's, or the genesis."""
    return str(older.get("h", "")) if older is not None else genesis(store_id)


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
        self.owned: set[tuple[str, str]] = set()

    def key(self, line: Line) -> str:
        table, record = line["table"], line["id"]
        rows = self.data.get(table, {})
        if table == "recommendations":
            for key, doc in rows.items():
                if doc.get("ref") == record:
                    return key
        if record in rows:
            return str(record)
        raise StoreDamaged(
            f"revision {line['rev']}: {table} {record} is not on the board there; "
            "the history does not match the store"
        )

    def record(self, line: Line) -> dict[str, Any]:
        key = self.key(line)
        rows = self.data[line["table"]]
        if (line["table"], key) not in self.owned:
            rows[key] = copy.deepcopy(rows[key])
            self.owned.add((line["table"], key))
        return rows[key]

    def put(self, line: Line, doc: Any) -> None:
        table, record = line["table"], line["id"]
        self.data.setdefault(table, {})[record] = copy.deepcopy(doc)
        self.owned.add((table, record))

    def remove(self, line: Line) -> None:
        del self.data[line["table"]][self.key(line)]


def _value(value: Any) -> Any:
    """A history value to put back: text and numbers as they are, lists and records copied."""
    return copy.deepcopy(value) if isinstance(value, _COPIED) else value


def rewind(data: Data, newest_first: Iterable[Line]) -> Data:
    """`data` with each line undone, newest first: a set takes its old value back, an add is
    removed, a delete is put back."""
    work = _Work(data)
    for line in newest_first:
        try:
            if not _undo_plain_set(work, line):
                _undo(work, line)
        except (KeyError, TypeError, AttributeError) as err:
            raise StoreDamaged(_damaged(line, err)) from None
    return work.data


def _undo_plain_set(work: _Work, line: Line) -> bool:
    """Most lines set a plain field (not a part, a bid's year or a recommendation, which is
    found by its reference): undone here in one step. False: not such a line."""
    field = line["field"]
    if "." in field or field in _YEAR_FIELDS or line.get("action", "set") != "set":
        return False
    table, record = line["table"], line["id"]
    rows = work.data.get(table)
    if rows is None or record not in rows or table == "recommendations":
        return False
    key = (table, record)
    if key not in work.owned:
        rows[record] = copy.deepcopy(rows[record])
        work.owned.add(key)
    doc = rows[record]
    if doc.get(field, _MISSING) != line.get("new"):
        _mismatch(line)
    doc[field] = _value(line.get("old"))
    return True


_YEAR_FIELDS = frozenset(YEARS)
_COPIED = (dict, list)  # built once: `dict | list` in the call made a union for each line


def _envelope(work: _Work, line: Line, value: Any) -> None:
    """An envelope line (pseudo-table `envelope`, record = year): the year's amount in meta."""
    envelope = work.data[META]["1"].setdefault("envelope", {})
    if envelope.get(line["id"]) != line.get("new"):
        _mismatch(line)
    if value is None:
        envelope.pop(line["id"], None)
    else:
        envelope[line["id"]] = value


def _undo(work: _Work, line: Line) -> None:
    action = line.get("action", "set")
    if line["table"] == "envelope":
        _envelope(work, line, line.get("old"))
    elif action == "set":
        doc = work.record(line)
        _check_holds(doc, line)
        _put(doc, line["field"], line.get("old"))
    elif action == "add":
        work.remove(line)
    elif action == "delete":
        work.put(line, line.get("old"))


def _damaged(line: Any, err: Exception) -> str:
    rev = line.get("rev") if isinstance(line, dict) else None
    return f"the history line of revision {rev!r} is damaged ({type(err).__name__}: {err})"


def _check_holds(doc: dict[str, Any], line: Line) -> None:
    """The field must hold what the line says it was set to: a history that does not match the
    store would replay to a board that never was."""
    field = line["field"]
    if "." not in field and field not in YEARS:  # most lines: no part, no year of a bid
        held = doc.get(field, _MISSING)
    else:
        try:
            held = get_field(doc, field)
        except (NotFound, KeyError, IndexError, TypeError):
            held = _MISSING
    if held != line.get("new"):
        _mismatch(line)


def _mismatch(line: Line) -> None:
    raise StoreDamaged(
        f"revision {line['rev']}: {line['table']} {line['id']} {line['field']} does not hold "
        "what its history line says it was set to; the history does not match the store"
    )


_MISSING = object()


def _put(doc: dict[str, Any], field: str, value: Any) -> None:
    if "." not in field and field not in YEARS:
        doc[field] = _value(value)
    else:
        put_field(doc, field, _value(value), None)


def replay(data: Data, oldest_first: Iterable[Line]) -> Data:
    """`data` with each line applied again, oldest first (the inverse of `rewind`)."""
    work = _Work(data)
    for line in oldest_first:
        action = line.get("action", "set")
        if line["table"] == "envelope":
            envelope = work.data[META]["1"].setdefault("envelope", {})
            if line.get("new") is None:
                envelope.pop(line["id"], None)
            else:
                envelope[line["id"]] = line.get("new")
        elif action == "set":
            _put(work.record(line), line["field"], line.get("new"))
        elif action == "add":
            work.put(line, line.get("new"))
        elif action == "delete":
            work.remove(line)
    return work.data
