"""Open a store, read its state, apply validated edits with history, undo them."""

from __future__ import annotations

import copy
import datetime as dt
import functools
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

if TYPE_CHECKING:
    from tinydb import TinyDB

from . import compound, meetings, planning
from .change import Change
from .compound import last_priority
from .convert import RecordCache, state_from_data
from .display import describe_value, when
from .errors import NotFound, StaleEdit, StoreDamaged, ValidationError
from .files import network_note
from .gc_pause import gc_paused
from .history_file import history_path
from .integrity import duplicate_keys, history_entry, history_problems
from .meetings import meeting_fields, open_meeting
from .model import BoardState, HistoryEntry, Meeting
from .records import (
    ROW_TABLES,
    blank_record,
    check_row_table,
    get_field,
    history_line,
    latest_stamp,
    public_fields,
    put_field,
    seed_data,
    upgrade_schema,
)
from .storage import LOCK_TIMEOUT, SCHEMA_VERSION, Data, LockedJSONStorage
from .validate import canonical_field, check_table, parse_value

NOTHING: Any = object()  # "no expectation" (None is a value a field can hold)
P = ParamSpec("P")
R = TypeVar("R")


def who_am_i() -> str:
    """`user@host`, the author recorded with every change."""
    import getpass  # with the first edit: reading a store records no author

    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(os.getuid())
    return f"{user}@{_host()}"


def _host() -> str:
    """This machine's name: uname's node name is what gethostname() returns on POSIX, without
    importing socket (~6 ms of every `board set`)."""
    uname = getattr(os, "uname", None)
    if uname is not None:
        return str(uname().nodename)
    import socket

    return socket.gethostname()


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _serialised(
    method: Callable[Concatenate[Repository, P], R],
) -> Callable[Concatenate[Repository, P], R]:
    """One call at a time per handle: the console reads in a worker thread while it edits.

    Typed with ParamSpec (as Textual's `work` decorator is), so mypy still checks every call's
    arguments against the method's own signature.
    """

    @functools.wraps(method)
    def locked(self: Repository, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with self._mutex:
            return method(self, *args, **kwargs)

    return locked


class Repository:
    """The one handle tui/ and the CLI use; it never hands out TinyDB documents."""

    def __init__(
        self,
        path: str | Path,
        *,
        read_only: bool = False,
        who: str | None = None,
        lock_timeout: float = LOCK_TIMEOUT,
    ):
        self.storage = LockedJSONStorage(path, read_only=read_only, lock_timeout=lock_timeout)
        self._who = who
        self._state: BoardState | None = None
        self._state_key: object = None
        self._records = RecordCache()
        self._mutex = threading.RLock()
        self._warned: set[str] = set()
        self._warnings: list[str] = []

    @functools.cached_property
    def db(self) -> TinyDB:
        """TinyDB over this handle's storage, made with the first insert: reading goes to the
        storage itself, and importing TinyDB (all of it, with json) cost every read ~3.5 ms."""
        from tinydb import TinyDB

        return TinyDB(storage=lambda: self.storage)

    def insert(self, table: str, doc: dict[str, Any], doc_id: int) -> None:
        """Put a new record into `table` (inside a transaction)."""
        from tinydb.table import Document

        self.db.table(table).insert(Document(doc, doc_id=doc_id))

    @functools.cached_property
    def who(self) -> str:
        """The author of this handle's edits: as given, else `user@host` (asked on first use)."""
        return self._who or who_am_i()

    @property
    def path(self) -> Path:
        return self.storage.path

    @property
    def read_only(self) -> bool:
        return self.storage.read_only

    def identity(self) -> tuple[int, int, int] | None:
        """What changes when any process replaces the store file: a cheap "look again" trigger
        (the revision inside the file is the real version). None while the file is missing."""
        return self.storage.identity()

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        read_only: bool = False,
        who: str | None = None,
        lock_timeout: float = LOCK_TIMEOUT,
    ) -> Repository:
        """Open (creating from the report when missing, migrating an older schema) and validate.

        A damaged or newer store raises StoreDamaged / StoreTooNew and is left byte for byte.
        """
        repo = cls(path, read_only=read_only, who=who, lock_timeout=lock_timeout)
        if not repo.path.exists():
            if read_only:
                raise StoreDamaged(
                    f"{repo.path}: no store there (a read-only console creates none)"
                )
            repo.path.parent.mkdir(parents=True, exist_ok=True)
            repo.storage.create(seed_data())
        note = network_note(repo.path)
        if note:
            repo._warn(note)
        version = repo.storage.meta()["schema_version"]
        if version < SCHEMA_VERSION and not read_only:
            repo.storage.migrate(upgrade_schema, repo._validate)
        repo.state()
        return repo

    def _validate(self, data: Data, cache: RecordCache | None = None) -> BoardState:
        """The board in `data`, or StoreDamaged naming the file and the first thing wrong."""
        try:
            return state_from_data(data, self.storage.meta_of(data), cache)
        except (ValidationError, KeyError, TypeError, ValueError, AttributeError) as err:
            raise StoreDamaged(f"{self.path}: {_one_line(err)}") from None

    # --- reading ----------------------------------------------------------------------------
    @_serialised
    def state(self) -> BoardState:
        """The whole board at the file's current revision (re-read only if the file changed)."""
        data = self.storage.load()  # the same object while the file is unchanged
        if self._state is None or data is not self._state_key:
            with gc_paused():  # up to 10,000 new models after another process's edit
                self._state = self._validate(data, self._records)
            self._state_key = data
        return self._state

    @_serialised
    def history(self, limit: int | None = None) -> list[HistoryEntry]:
        """The changes newest first; damaged lines are skipped (with one warning, see
        `take_warnings`), never raised: one bad line must not take down every console."""
        entries, skipped = self.storage.history(limit)
        if skipped:
            self._warn(
                f"{history_path(self.path)}: {skipped} damaged history line(s) skipped; "
                "run `board check`"
            )
        return [history_entry(e) for e in entries]

    def _warn(self, message: str) -> None:
        if message not in self._warned:
            self._warned.add(message)
            self._warnings.append(message)

    def take_warnings(self) -> list[str]:
        """Warnings not yet taken, each given once per handle (not on every poll)."""
        taken, self._warnings = self._warnings, []
        return taken

    @_serialised
    def check(self) -> list[str]:
        """Problems a board should know about; a store that cannot be read raises StoreDamaged."""
        storage = self.storage
        self._state = self._state_key = None
        storage.close()  # what was read before goes first: one copy of the board held at a time
        with storage.opened() as handle:  # its own parse, then dropped
            problems = duplicate_keys(self.path, handle)
        data = storage.load()  # read afresh, every byte, and kept as the handle's cache
        state = self._state = self._validate(data)  # every record, none taken from a cache
        self._state_key = data
        refs = [r.id for r in state.recommendations]
        if len(set(refs)) != len(refs):
            problems.append(f"{self.path}: recommendation references repeat: {', '.join(refs)}")
        return problems + history_problems(storage)

    @_serialised
    def value(self, table: str, record: str, field: str) -> Any:
        """One field's stored value (what `board get` prints)."""
        field = canonical_field(check_table(table), field)
        _, doc = self._find(table, record)
        return get_field(doc, field)

    # --- writing ------------------------------------------------------------------------------
    def _find(self, table: str, record: str) -> tuple[int, dict[str, Any]]:
        rows = self.storage.read().get(table, {})
        key = str(record).strip()
        if table == "recommendations":
            for doc_id, doc in rows.items():
                if doc.get("ref") == key:
                    return int(doc_id), doc
        elif key in rows:
            return int(key), rows[key]
        known = ", ".join(
            doc.get("ref", k) if table == "recommendations" else k for k, doc in rows.items()
        )
        raise NotFound(f"no {table} record {key!r}; ids are: {known}")

    @_serialised
    def set_field(
        self,
        table: str,
        record: str,
        field: str,
        value: Any,
        *,
        base_revision: int | None = None,
        expected: Any = NOTHING,
    ) -> Change:
        """Validate and save one field; refuse (StaleEdit) if changed by others since the read.

        With `base_revision`: refuse if the field changed after that revision. With `expected`
        (undo): refuse unless the field still holds that value.
        """
        record = str(record).strip()
        new = parse_value(table, field, value, record)
        field = canonical_field(table, field)
        if (table, field) == ("bids", "priority"):  # renumbers the others too: one edit
            return self.apply(planning.priority(self.state(), record, new))
        at = now_iso()
        with self.storage.transaction(self.who, at) as history:
            doc_id, doc = self._find(table, record)
            self._check_fresh(table, record, doc, field, base_revision, expected)
            self._check_source(table, {field: new})
            old = get_field(doc, field)
            if old == new:
                return Change(table, str(record), field, old, new, self._revision(), "none")
            # Change a copy of the one record in place (TinyDB's update would rebuild the whole
            # table twice, ~7 ms at 10,000 bids) and hand the data back.
            put_field(self.storage.own(table, str(doc_id)), field, new, self._stamp(at))
            self.storage.mark_changed()
            history.append(self._line(at, table, record, field, old, new, "set"))
        return Change(table, str(record), field, old, new, self.storage.committed_revision)

    @_serialised
    def add(self, table: str, fields: dict[str, Any] | None = None) -> Change:
        """Add a component, bid or action at the end, with the next unused id."""
        check_row_table(table, "added to")
        doc = blank_record(table)
        for field, value in (fields or {}).items():
            if canonical_field(table, field) == "priority":
                raise ValidationError("a new bid goes last; set its priority once it is added")
            put_field(doc, canonical_field(table, field), parse_value(table, field, value), None)
        parse_value(table, ROW_TABLES[table], doc[ROW_TABLES[table]])
        at = now_iso()
        with self.storage.transaction(self.who, at) as history:
            self._check_source(table, doc)
            if table == "actions":
                doc["meeting"] = open_meeting(self.storage.read())
            meta = self.storage.meta_of(self.storage.read())
            last = meta.setdefault("last_id", {})
            doc_id = self._next_id(table)
            last[table] = doc_id
            if table == "bids":  # last in the priority order
                doc["priority"] = 1 + last_priority(self.storage.read().get("bids", {}))
            doc["_changed"] = {"*": self._stamp(at)}
            self.insert(check_table(table), doc, doc_id)
            history.append(self._line(at, table, doc_id, "*", None, public_fields(doc), "add"))
        revision = self.storage.committed_revision
        return Change(table, str(doc_id), "*", None, public_fields(doc), revision, "add")

    @_serialised
    def delete(
        self, table: str, record: str, *, base_revision: int | None = None, expected: Any = NOTHING
    ) -> Change:
        check_row_table(table, "removed from")
        record, at = str(record).strip(), now_iso()
        with self.storage.transaction(self.who, at) as history:
            doc_id, doc = self._find(table, record)
            self._check_fresh(table, record, doc, None, base_revision, expected)
            old = public_fields(doc)
            self.db.table(check_table(table)).remove(doc_ids=[doc_id])
            history.append(self._line(at, table, doc_id, "*", old, None, "delete"))
        return Change(table, str(doc_id), "*", old, None, self.storage.committed_revision, "delete")

    @_serialised
    def apply(self, plan: planning.Plan) -> Change:
        """Several fields as one edit: one revision, one history line each, undone together.

        Refused whole (StaleEdit) if any field no longer holds what the plan read.
        """
        if not plan.parts:
            return Change(*plan.what, None, None, self._revision(), "none")
        at = now_iso()
        with self.storage.transaction(self.who, at) as history:
            compound.check(self.storage.read(), self.storage.meta(), plan.parts)
            compound.write_all(self.storage, plan.parts, self._stamp(at))
            history.extend(
                self._line(at, p.table, p.record, p.field, p.old, p.new, p.action)
                for p in plan.parts
            )
        revision = self.storage.committed_revision
        return Change(*plan.what, None, None, revision, "multi", tuple(plan.parts))

    @_serialised
    def _restore(self, change: Change) -> Change:
        at = now_iso()
        with self.storage.transaction(self.who, at) as history:
            if change.record in self.storage.read().get(change.table, {}):
                raise ValidationError(
                    f"{change.table} {change.record} exists again; nothing to restore"
                )
            doc = {**copy.deepcopy(change.old), "_changed": {"*": self._stamp(at)}}
            self.insert(check_table(change.table), doc, int(change.record))
            history.append(
                self._line(at, change.table, change.record, "*", None, change.old, "add")
            )
        return Change(
            change.table,
            change.record,
            "*",
            None,
            change.old,
            self.storage.committed_revision,
            "add",
        )

    @_serialised
    def revert(self, change: Change) -> Change:
        """Apply the inverse of `change` (undo); refused if the field no longer holds its result.

        Compared by value, not revision: this console's own later edits that were undone (or a
        redo of them) must not block the next undo, which a revision check would.
        """
        if change.action == "set":
            return self.set_field(
                change.table, change.record, change.field, change.old, expected=change.new
            )
        if change.action == "add":
            return self.delete(change.table, change.record, expected=change.new)
        if change.action == "delete":
            return self._restore(change)
        if change.action == "multi":
            what = (change.table, change.record, change.field)
            return self.apply(planning.Plan(what, tuple(compound.inverse(change.parts))))
        raise ValidationError("nothing to undo")

    @_serialised
    def record_snapshot(self, formats: list[str], revision: int) -> None:
        """Remember an export so the next one can list what changed since."""
        at = now_iso()
        with self.storage.transaction(self.who, at):
            doc_id = 1 + max(map(int, self.storage.read().get("snapshots", {})), default=0)
            own = self._stamp(at)[0]  # lets a replay tell this revision from a lost history line
            snapshot = {"at": at, "who": self.who, "revision": revision, "formats": formats}
            snapshot["own_rev"] = own
            self.insert("snapshots", snapshot, doc_id)

    # --- meetings (the transactions are in meetings.py) ---------------------------------------
    @_serialised
    def start_meeting(self, **given: str | None) -> Meeting:
        """Open a meeting (refused while one is open); its edits carry its number from now on."""
        return meetings.start(self, meeting_fields(**given))

    @_serialised
    def update_meeting(self, **given: str | None) -> Meeting:
        """Correct the open meeting's date, title or attendance (each change recorded)."""
        fields = meeting_fields(**given)
        if not fields:
            raise ValidationError(
                "nothing to change: give --date, --title, --present or --apologies"
            )
        return meetings.change(self, lambda at, revision: fields)

    @_serialised
    def end_meeting(self) -> Meeting:
        """Close the open meeting at this revision; refused when none is open."""
        return meetings.change(self, lambda at, revision: {"ended_at": at, "end_rev": revision})

    # --- helpers ------------------------------------------------------------------------------
    def _line(
        self, at: str, table: str, record: Any, field: str, old: Any, new: Any, action: str
    ) -> dict[str, Any]:
        """A history line; while a meeting is open it carries the meeting's number."""
        line = history_line(at, self.who, table, record, field, old, new, action)
        meeting = open_meeting(self.storage.read())
        if meeting is not None:
            line["meeting"] = meeting
        return line

    def _check_source(self, table: str, doc: dict[str, Any]) -> None:
        """An action's `source` must name a record that exists."""
        source = doc.get("source") if table == "actions" else None
        if source:
            other, _, record = source.partition(" ")
            self._find(other, record)

    @_serialised
    def _next_id(self, table: str) -> int:
        """The id a new record of `table` gets: ids of deleted records are never used again."""
        data = self.storage.read()
        last = self.storage.meta_of(data).get("last_id", {}).get(table, 0)
        return max([last, *map(int, data.get(table, {}))]) + 1

    def import_bids(self, text: str) -> Change:
        """Apply a bids.csv (as text) in one edit; ImportRefused names the line and column."""
        from .import_bids import plan_import  # only this command's: ~1.5 ms of every other

        return self.apply(plan_import(self.state(), text, self._next_id("bids")))

    def _revision(self) -> int:
        return int(self.storage.meta().get("revision", 0))

    def _stamp(self, at: str) -> list[Any]:
        return [int(self.storage.meta_of(self.storage.read()).get("revision", 0)) + 1, self.who, at]

    def _check_fresh(
        self,
        table: str,
        record: str,
        doc: dict[str, Any],
        field: str | None,
        base: int | None,
        expected: Any = NOTHING,
    ) -> None:
        current = get_field(doc, field) if field else public_fields(doc)
        latest = latest_stamp(doc, field)
        if expected is not NOTHING:
            stale = current != expected
        else:
            stale = base is not None and latest is not None and latest[0] > base
        if stale:
            _, who, at = latest or (0, "someone", "")
            what = f"{table} {record} {field}" if field else f"{table} {record}"
            at_text = f" at {when(at)}" if at else ""  # when() names the local zone
            message = f"{what} was changed by {who}{at_text} since you read it"
            if field and expected is not NOTHING:
                by = f"set by {who}{at_text}" if latest else "as created"
                message = (
                    f"{what} holds {describe_value(current)!r}, not {describe_value(expected)!r} "
                    f"({by}); not saved"
                )
            raise StaleEdit(message, who=who, at=at, current=current if field else None)


def _one_line(err: BaseException) -> str:
    text = " ".join(str(err).split())
    return text if not isinstance(err, KeyError) else f"missing field {text}"
