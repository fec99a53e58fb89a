"""Store writes off the event loop, one after another, in the order they were asked for.

A write waits for the store's lock (up to its timeout when another process holds it) and, at
10,000 bids, takes tens of milliseconds; on the event loop that froze the screen. The screen puts
each write here and a thread worker drains the queue (Harlequin's `@work(thread=True)` + a
message back); this module knows no textual. Each outcome carries the state read after the write
and the tables' rows built from it, so the screen only has to show them.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import msgspec

from store import BoardError, BoardState, Change, HistoryEntry, Repository

from .edits import EditLog

if TYPE_CHECKING:  # the tables' modules load with the first table shown, not the first frame
    from .tables import Row

EDITABLE = ("components", "bids", "implications", "recommendations", "actions")
LOCK_NOTICE_SECONDS = 0.3  # a write still running after this is waiting for the lock


class Write(msgspec.Struct):
    """One write: `run` calls the store (in the worker thread) and returns its Change (a
    meeting's start, end or correction returns the Meeting)."""

    word: str  # what the user asked for, for messages: "save", "undo", "redo"
    run: Callable[[], Any]
    remember: bool = True  # an edit of this console's own (undo-able); undo/redo record themselves
    retry: Callable[[], Change | None] | None = None  # after a StaleEdit, if the user says "mine"
    mine: str = ""  # the value the user typed, for the keep-theirs/apply-mine question
    target: tuple[str, str, str] | None = None  # (table, id, field) the question is about
    then: Callable[[Any], None] | None = None  # on the UI thread once saved, given what run gave


class Shown(msgspec.Struct):
    """A state read off the loop with everything the screen needs to show it."""

    state: BoardState
    history: list[HistoryEntry]
    rows: dict[str, list[Row]] = msgspec.field(default_factory=dict)
    identity: object = None  # the store file's identity when read (for the app's poll)
    today: dt.date | None = None

    def table_rows(self, table: str) -> list[Row]:
        """A table's rows: made where the state was read, or here on first use (the first
        frame shows the Overview only, so its read makes none; a tab built later asks)."""
        if table not in self.rows:
            from .tables import table_rows

            self.rows[table] = table_rows(self.state, table, self.today)
        return self.rows[table]


class Outcome(msgspec.Struct):
    """What a write came to: its change, or the error that refused it, and the state after."""

    write: Write
    change: Any = None  # what `run` returned: a Change, a Meeting, or None
    error: BoardError | None = None
    shown: Shown | None = None


def read_shown(
    repo: Repository, today: dt.date, history: int, tables: tuple[str, ...] = EDITABLE
) -> Shown:
    """The state, its history and the rows of `tables` (pure work, fine in a thread)."""
    identity = repo.identity()  # first: a change after it is noticed by the next poll
    return shown_for(repo.state(), repo.history(history), today, identity, tables)


def shown_for(
    state: BoardState,
    history: list[HistoryEntry],
    today: dt.date,
    identity: object = None,
    tables: tuple[str, ...] = EDITABLE,
) -> Shown:
    """A state (now, or the board as at a revision) with the rows of `tables` made now."""
    shown = Shown(state, history, {}, identity, today)
    for table in tables:
        shown.table_rows(table)
    return shown


class WriteQueue:
    """Writes in order; `put` says when a drainer must be started, `drain` runs them."""

    def __init__(self, repo: Repository, edits: EditLog, today: dt.date, history: int) -> None:
        self.repo, self.edits, self.today, self.history = repo, edits, today, history
        self._queue: deque[Write] = deque()
        self._lock = threading.Lock()
        self._draining = False
        self.started = 0.0  # perf_counter when the running write began; 0 when idle

    def put(self, write: Write) -> bool:
        with self._lock:
            self._queue.append(write)
            start, self._draining = not self._draining, True
        return start

    @property
    def pending(self) -> int:
        return len(self._queue) + (1 if self.started else 0)

    def waiting_for_lock(self) -> bool:
        return bool(self.started) and time.perf_counter() - self.started > LOCK_NOTICE_SECONDS

    def drain(self) -> Iterator[Outcome]:
        """Run queued writes until none is left (in the worker thread)."""
        while True:
            with self._lock:
                if not self._queue:
                    self._draining = False
                    return
                write = self._queue.popleft()
                self.started = time.perf_counter()
            outcome = self.run(write)
            # Idle before the outcome is handed on: the screen shows it (and its status line)
            # as soon as it arrives, which may be before this generator runs again.
            self.started = 0.0
            yield outcome

    def run(self, write: Write) -> Outcome:
        try:
            change = write.run()
        except BoardError as err:
            return Outcome(write, error=err)
        if isinstance(change, Change) and write.remember and not self.edits.saved(change):
            return Outcome(write, change)  # nothing changed: nothing to show again
        try:
            return Outcome(write, change, shown=read_shown(self.repo, self.today, self.history))
        except BoardError as err:
            return Outcome(write, change, error=err)
