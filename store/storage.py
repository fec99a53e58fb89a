"""The file: a TinyDB storage that is safe with many processes on one store.

Stock `JSONStorage` corrupts a shared file, keeps a handle to a replaced inode and leaves 0600
temp files (FACTS.md). This one:
- reads the file afresh whenever its identity (inode, mtime, size) changed;
- writes only inside `transaction()`: a cross-process file lock around read-modify-write, the
  history lines appended first, then the whole file replaced atomically (temp + fsync + replace);
- keeps a store revision, bumped under the lock, as the real version (mtime is only a trigger);
- refuses a damaged or newer-format file with a one-line message and never overwrites it.

The history is an append-only, hash-chained JSON Lines file beside the store (history_file.py),
so an edit costs the same after 100,000 changes. The meta keeps the store's id (made at
creation; the history's header names it) and the history's head (lines, last hash, size), updated
in the same replace as the edit: lines past the head (a writer killed between the two writes, a
restored backup) are never shown and are trimmed by the next edit.
"""

from __future__ import annotations

import contextlib
import copy
import os
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from .errors import ReadOnly, StoreBusy, StoreDamaged, StoreTooNew, StoreUnwritable
from .files import atomic_write, durable_copy, filesystem_type, open_regular, store_file
from .gc_pause import gc_paused
from .history_file import (
    Head,
    HistoryFile,
    Reading,
    genesis,
    history_path,
    legacy_history_path,
)
from .layout import LINES_FROM, NotThisLayout, pieces, read_lines
from .legacy import own_legacy_history
from .lock import LockTimeout, StoreLock
from .meta_check import check_meta

SCHEMA_VERSION = 3  # 3: the store's id and its history's head in the meta, the history chained
META = "_meta"
LOCK_TIMEOUT = 10.0
# A waiting writer retries a held lock every poll interval; filelock's 50 ms default made a
# contended edit wait up to 50 ms after the holder had finished (edits take 2-3 ms here).
LOCK_POLL = 0.005
RACY_NS = 3_000_000_000  # mtime granularity to distrust: FAT's 2 s, with a margin
COMPARE_CHUNK = 1 << 20
# Filesystems on which a file held open keeps its inode number to itself (see `load`).
STABLE_INODES = {"ext2", "ext3", "ext4", "xfs", "btrfs", "tmpfs", "f2fs", "zfs", "jfs"}

Data = dict[str, dict[str, Any]]
Upgrade = Callable[[Data, int], tuple[Data, list[dict[str, Any]]]]


class LockedJSONStorage:
    """TinyDB storage: fresh reads, locked atomic writes, revision and schema in `_meta`.

    It keeps TinyDB's storage protocol (read, write, close) without subclassing tinydb's
    `Storage`, an abstract class with no behaviour whose import loads all of TinyDB and json:
    reads come here directly, and TinyDB itself is made with the first insert (Repository.db).
    """

    def __init__(
        self, path: str | Path, *, read_only: bool = False, lock_timeout: float = LOCK_TIMEOUT
    ):
        self.path = store_file(Path(path).expanduser().absolute())
        self.read_only = read_only
        self._lock = StoreLock(Path(f"{self.path}.lock"), timeout=lock_timeout, poll=LOCK_POLL)
        self._lock_timeout = lock_timeout
        self._read_key: tuple[int, int, int] | None = None  # the file read under the lock
        self._cache: Data | None = None
        # The file the cache was parsed from (or written as), held open, and its fstat then:
        # what the cache is checked against, instead of a second copy of its bytes.
        self._pinned: BinaryIO | None = None
        self._pin_key: tuple[int, ...] | None = None
        self._stable_inodes = filesystem_type(self.path) in STABLE_INODES
        self._cache_at = 0  # time.time_ns() when the cache was last known to match the file
        self._pending: Data | None = None
        self._dirty = False
        self.committed_revision = 0  # of this handle's last commit (no re-read needed)

    # --- TinyDB's Storage interface -------------------------------------------------------
    def read(self) -> Data:
        if self._pending is not None:
            return self._pending
        return self.load()

    def write(self, data: Data) -> None:
        if self._pending is None:
            raise RuntimeError("writes go through LockedJSONStorage.transaction()")
        self._pending = data
        self._dirty = True

    def mark_changed(self) -> None:
        """Records of the transaction's data were changed in place (`own`): commit them."""
        self.write(self.read())

    def close(self) -> None:
        self._cache = None
        self._unpin()

    # --- reading ----------------------------------------------------------------------------
    def identity(self) -> tuple[int, int, int] | None:
        """What changes when another process replaces the file (a trigger, not the version)."""
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def load(self) -> Data:
        """The file's data, parsed again only if the file changed since the last read.

        The same object is returned for as long as the file is unchanged. The file the cache
        came from is held open (`_pin`), and a file at the path with its device, inode, size,
        mtime and ctime is that very file, unchanged: while it is held its inode cannot be
        reused (ext4 reuses a freed one at once), and a write in place moves the ctime, which
        no program can set back. Where a filesystem promises no such inodes (FAT, network,
        FUSE), within RACY_NS of the file's mtime the bytes are compared with the held file's
        too (git's "racy clean" rule). Not covered: a program that, without the lock, rewrites
        the file in place with the same size within one timestamp tick.
        """
        info = self._stat()
        if info is None:
            raise StoreDamaged(f"{self.path}: the store file does not exist")
        if self._cache is not None and self._holds(info):
            return self._cache
        handle = self._open()
        try:
            data = self._cache
            if data is None or not self._held_file_equals(handle):
                self._cache = data = None  # the old data may go before the new is parsed
                data = self._parse(handle)
        except BaseException:
            handle.close()
            raise
        self._pin(handle)
        self._cache, self._cache_at = data, time.time_ns()
        return data

    def _stat(self) -> os.stat_result | None:
        try:
            return os.stat(self.path)
        except FileNotFoundError:
            return None

    def _holds(self, info: os.stat_result) -> bool:
        """The file at the path (`info`) is the held file, unchanged since it was read."""
        if self._pinned is None or _pin_key(info) != self._pin_key:
            return False
        return self._stable_inodes or self._cache_at - info.st_mtime_ns >= RACY_NS

    def _held_file_equals(self, handle: BinaryIO) -> bool:
        """The cache was parsed from the bytes `handle` holds: the held file, unchanged since
        (its fstat), holds the same bytes. Both are read a piece at a time, so no copy of the
        file is ever held whole."""
        if self._cache is None or self._pinned is None:
            return False
        held, other = self._pinned.fileno(), handle.fileno()
        size = os.fstat(other).st_size
        if _pin_key(os.fstat(held)) != self._pin_key or size != self._pin_key[2]:
            return False
        return all(
            os.pread(held, COMPARE_CHUNK, start) == os.pread(other, COMPARE_CHUNK, start)
            for start in range(0, size, COMPARE_CHUNK)
        )

    def read_fresh(self) -> Data:
        """The file read and parsed afresh, bypassing the cache (`board check` reads every byte)."""
        with self.opened() as handle:
            return self._parse(handle)

    @contextlib.contextmanager
    def opened(self) -> Iterator[BinaryIO]:
        """The store file open for reading (closed after); StoreDamaged if it cannot be."""
        handle = self._open()
        with handle:
            yield handle

    def _open(self) -> BinaryIO:
        """The file open for reading, to parse and to hold as the cached one (`_pin`)."""
        try:
            return open_regular(self.path)
        except FileNotFoundError:
            raise StoreDamaged(f"{self.path}: the store file has gone (moved or deleted)") from None
        except OSError as err:  # a folder, no permission: one line, no traceback
            raise StoreDamaged(f"{self.path}: cannot be read ({err.strerror or err})") from None

    def _parse(self, handle: BinaryIO) -> Data:
        """The data of the open file, read a line at a time in the store's layout (layout.py),
        or parsed whole if the file is in another layout (written before, edited by hand)."""
        try:
            with gc_paused():
                data = self._read_data(handle)
        except orjson.JSONDecodeError as err:
            raise StoreDamaged(f"{self.path}: not valid JSON ({err})") from None
        except OSError as err:  # an I/O error half way: one line, no traceback
            raise StoreDamaged(f"{self.path}: cannot be read ({err.strerror or err})") from None
        if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
            raise StoreDamaged(f"{self.path}: not a board store (expected an object of tables)")
        version = self.meta_of(data).get("schema_version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise StoreDamaged(
                f"{self.path}: no valid schema version ({version!r}); not a board store"
            )
        if version > SCHEMA_VERSION:
            raise StoreTooNew(
                f"{self.path}: written by a newer version (schema {version}; this console reads "
                f"up to {SCHEMA_VERSION}); upgrade the console"
            )
        check_meta(self.path, self.meta_of(data))
        return data

    @staticmethod
    def _read_data(handle: BinaryIO) -> Any:
        try:
            return read_lines(handle)
        except NotThisLayout:
            pass  # the partial data is dropped before the whole file is read
        handle.seek(0)
        return orjson.loads(handle.read())

    def meta_of(self, data: Data) -> dict[str, Any]:
        meta = data.get(META, {}).get("1")
        if not isinstance(meta, dict):
            raise StoreDamaged(f"{self.path}: missing its {META} record; not a board store")
        return meta

    def meta(self) -> dict[str, Any]:
        return self.meta_of(self.read())

    # --- writing ----------------------------------------------------------------------------
    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        if self.read_only:
            raise ReadOnly(f"{self.path} is open read-only")
        lock = self._lock
        try:
            lock.acquire()
        except LockTimeout:
            raise StoreBusy(
                f"{self.path} stayed locked by another process for {self._lock_timeout:g} s; "
                "try again"
            ) from None
        except OSError as err:
            raise StoreUnwritable(f"{self.path}: cannot lock ({err.strerror or err})") from None
        try:
            yield
        except OSError as err:  # disk full, permission: the file is as it was before the edit
            raise StoreUnwritable(f"{self.path}: not saved ({err.strerror or err})") from None
        finally:
            lock.release()

    @contextlib.contextmanager
    def transaction(self, who: str, at: str) -> Iterator[list[dict[str, Any]]]:
        """Lock, read the current file, let TinyDB change it, then append history and replace.

        The caller appends history entries (without revision) to the yielded list. Nothing is
        written if the body raises or changes nothing.
        """
        with self.locked():
            self._remove_stale_temp_files()
            self._pending = self._writable_copy(self._current())
            self._dirty = False
            history: list[dict[str, Any]] = []
            try:
                yield history
                if self._dirty:
                    self._commit(self._pending, history, who, at)
            finally:
                self._pending = None
                self._dirty = False

    def _current(self) -> Data:
        """The file's data under the lock: the cache when the file is the held, cached file
        (see `load`; a stale cache here would lose another process's edit). Trusting the held
        file instead of re-reading its bytes: an edit at 100,000 bids 2.6x -> ~1.1x its floor."""
        self._read_key = self.identity()
        return self.load()

    def _guard(self) -> None:
        """Just before the replace: the lock is still ours and nobody replaced the store since
        it was read. A deleted lock file lets another process lock a new one; then wait for that
        lock, and save only if the store is still the one this edit was made on."""
        if not self._lock.still_held():
            self._lock.release()
            try:
                self._lock.acquire()
            except LockTimeout:
                raise StoreBusy(f"{self.path}: the lock file was replaced; not saved") from None
            with self.opened() as handle:
                changed = not self._held_file_equals(handle)
        else:
            changed = self.identity() != self._read_key
        if changed:
            raise StoreBusy(
                f"{self.path} was changed during this edit by a process that did not hold the lock "
                "(was the lock file deleted?); not saved, try again"
            )

    @staticmethod
    def _writable_copy(data: Data) -> Data:
        """Copy-on-write view for a transaction: a new dict of the same tables and records.

        TinyDB's insert and remove put a new dict in place of the table they change; the meta
        record is copied because the commit changes it in place; `own` copies a record (and its
        table's dict) before it is changed in place. So a transaction that fails or is abandoned
        leaves the cache exactly as the file is.
        """
        tables = dict(data)
        tables[META] = copy.deepcopy(data.get(META, {}))
        return tables

    def own(self, table: str, key: str) -> dict[str, Any]:
        """A record of the transaction's data, copied so it can be changed in place."""
        if self._pending is None or self._cache is None:
            raise RuntimeError("records are changed inside LockedJSONStorage.transaction()")
        rows = self._pending[table]
        if rows is self._cache.get(table):
            rows = self._pending[table] = dict(rows)
        rows[key] = record = copy.deepcopy(rows[key])
        return record

    def history_file(self, meta: dict[str, Any] | None = None) -> HistoryFile:
        """This store's history: named by its file, its header naming the store's id."""
        store_id = (meta if meta is not None else self.meta()).get("store_id")
        if store_id is None:  # schema 2, read before migrating
            return HistoryFile(legacy_history_path(self.path), None)
        return HistoryFile(history_path(self.path), store_id)

    def _commit(self, data: Data, history: list[dict[str, Any]], who: str, at: str) -> None:
        meta = self.meta_of(data)
        revision = int(meta.get("revision", 0))
        meta.update(revision=revision + 1, changed_at=at, changed_by=who)
        if history:  # lets `board check` tell a lost history file from edits that write none
            meta["history_rev"] = revision + 1
            self._guard()
            self.append_history(meta, [{"rev": revision + 1, **entry} for entry in history])
        try:
            self.replace(data, check=self._guard)
        except FileNotFoundError:  # our temp file swept by a writer that locked a new lock file
            raise StoreBusy(
                f"{self.path}: the lock file was replaced; not saved, try again"
            ) from None
        self.committed_revision = revision + 1
        # The file now holds exactly `data` and only the lock holder could have replaced it since:
        # keep it as the cache instead of parsing the file again on the next read.
        self._cache, self._cache_at = data, time.time_ns()
        try:
            self._pin(open_regular(self.path))  # under the lock: the file just written
        except (OSError, StoreDamaged):
            self._cache = None  # nothing to check it against: read the file next time

    def _pin(self, handle: BinaryIO) -> None:
        self._unpin()
        self._pinned, self._pin_key = handle, _pin_key(os.fstat(handle.fileno()))

    def _unpin(self) -> None:
        if self._pinned is not None:
            self._pinned.close()
        self._pinned = self._pin_key = None

    def append_history(self, meta: dict[str, Any], entries: list[dict[str, Any]]) -> None:
        """Under the lock: trim lines past the head, append `entries`, put the new head in `meta`.
        The store is replaced afterwards; until then readers stop at the old head."""
        history = self.history_file(meta)
        head = Head.of(meta) or Head(0, genesis(meta["store_id"]), 0)
        history.prepare(head)
        meta.update(history.append(entries, head, like=self.path).as_meta())

    def replace(self, data: Data, check: Callable[[], None] | None = None) -> None:
        """Atomically replace the file with `data` (a large store a line of records at a time,
        layout.py): temp file, fsync, mode and group, rename."""
        atomic_write(self.path, _dumped(data, self._pin_key), check=check)
        self._cache = None
        self._unpin()

    def create(self, tables: Data) -> bool:
        """Write a new store under the lock unless one appeared meanwhile. True if created."""
        with self.locked():
            if self.path.exists():
                return False
            meta = new_meta()
            self.history_file(meta).set_aside()  # an orphan of a deleted store
            self.replace({**tables, META: {"1": meta}})
            return True

    def migrate(self, upgrade: Upgrade, check: Callable[[Data], object]) -> Path | None:
        """Upgrade an older schema under the lock, keeping a backup beside it; return the backup.

        `upgrade` returns the new data and the history entries it took out of the file (schema
        1); a schema 2 store takes its stem-named history if that history is its own. `check`
        raises StoreDamaged for data that would not open, before anything is written. The history
        file is written whole (temp + replace) before the store, so a migration killed half way
        simply runs again on the next open.
        """
        with self.locked():
            data = self.read_fresh()
            version = self.meta_of(data)["schema_version"]
            if version == SCHEMA_VERSION:
                return None
            try:
                data, entries = upgrade(data, version)
            except (KeyError, TypeError, ValueError, AttributeError) as err:
                raise StoreDamaged(
                    f"{self.path}: its schema {version} data cannot be upgraded ({err!r})"
                ) from None
            meta = self.meta_of(data)
            legacy = None
            if version == 2:
                entries, legacy = own_legacy_history(self.path, meta)
            meta.update(schema_version=SCHEMA_VERSION, store_id=new_store_id())
            if entries:
                meta["history_rev"] = max(int(e["rev"]) for e in entries)
            check(data)
            backup = self.path.with_name(f"{self.path.name}.schema{version}.bak")
            durable_copy(self.path, backup)
            history = self.history_file(meta)
            history.set_aside()
            meta.update(history.replace(entries, like=self.path).as_meta())
            self.replace(data)
            if legacy is not None and legacy == legacy_history_path(self.path):
                os.replace(legacy, legacy.with_name(f"{legacy.name}.schema2.bak"))  # taken
            return backup

    def _remove_stale_temp_files(self) -> None:
        """Only the lock holder writes temp files: any found now were left by a killed writer."""
        prefixes = f".{self.path.name}."  # the history's temp files too (NAME.json.history...)
        with os.scandir(self.path.parent) as entries:  # one listing, not one glob per file
            for entry in entries:
                if entry.name.endswith(".tmp") and entry.name.startswith(prefixes):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)

    def history(self, limit: int | None = None) -> tuple[list[dict[str, Any]], int]:
        """History entries newest first (only those within the store's head and revision), and
        how many damaged lines were skipped."""
        meta = self.meta()
        revision = int(meta.get("revision", 0))
        return self.history_file(meta).entries(revision, Head.of(meta), limit)

    def history_reading(self, meta: dict[str, Any]) -> Reading:
        """The history of the store whose meta is `meta` (one already read: the lines are read
        to the head it names), as `history` reads it but a line at a time, each as read."""
        return self.history_file(meta).reading(int(meta.get("revision", 0)), Head.of(meta))


def _dumped(data: Data, replaced: tuple[int, ...] | None) -> bytes | Iterator[bytes]:
    """The file's new bytes: a record line at a time if the file it replaces (the file read
    under the lock, held open) was LINES_FROM or larger, else in one dump (layout.py)."""
    if replaced is not None and replaced[2] >= LINES_FROM:
        return pieces(data)
    return orjson.dumps(data)


def _pin_key(st: os.stat_result) -> tuple[int, ...]:
    """The held file's identity: ctime too, which a write in place always moves and no program
    can set back (`cp -p` of an old copy restores the mtime, not the ctime)."""
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def new_store_id() -> str:
    return uuid.uuid4().hex


def new_meta() -> dict[str, Any]:
    store_id = new_store_id()
    head = Head(0, genesis(store_id), 0)
    return {"schema_version": SCHEMA_VERSION, "revision": 0, "store_id": store_id, **head.as_meta()}
