"""The file: a TinyDB storage that is safe with many processes on one store.

Stock `JSONStorage` corrupts a shared file, keeps a handle to a replaced inode and leaves 0600
temp files (FACTS.md). This one:
- reads the file afresh whenever its identity (inode, mtime, size) changed;
- writes only inside `transaction()`: a cross-process file lock around read-modify-write, the
  history lines appended first, then the whole file replaced atomically (temp + fsync + replace);
- keeps a store revision, bumped under the lock, as the real version (mtime is only a trigger);
- refuses a damaged or newer-format file with a one-line message and never overwrites it.

The history is an append-only JSON Lines file beside the store, so an edit costs the same after
100,000 changes. Each line carries the revision it belongs to; a line whose revision the store
never reached (the writer was killed between the two writes) is ignored and trimmed.
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import orjson
from tinydb.storages import Storage

from .errors import ReadOnly, StoreBusy, StoreDamaged, StoreTooNew

SCHEMA_VERSION = 2
META = "_meta"
LOCK_TIMEOUT = 10.0
_TAIL = 64 * 1024

Data = dict[str, dict[str, Any]]


def history_path(path: Path) -> Path:
    return path.with_name(path.stem + ".history.jsonl")


def _dumps(data: Any) -> bytes:
    return orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


class LockedJSONStorage(Storage):
    """TinyDB storage: fresh reads, locked atomic writes, revision and schema in `_meta`."""

    def __init__(
        self, path: str | Path, *, read_only: bool = False, lock_timeout: float = LOCK_TIMEOUT
    ):
        self.path = Path(path).expanduser().absolute()
        self.history_file = history_path(self.path)
        self.read_only = read_only
        self._lock: Any = None  # a FileLock, made on the first write (see locked())
        self._lock_timeout = lock_timeout
        self._cache_key: tuple[int, int, int] | None = None
        self._cache: Data | None = None
        self._pending: Data | None = None
        self._dirty = False
        self._history: list[dict[str, Any]] = []

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

    def close(self) -> None:
        self._cache = None

    # --- reading ----------------------------------------------------------------------------
    def identity(self) -> tuple[int, int, int] | None:
        """What changes when another process replaces the file (a trigger, not the version)."""
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def load(self) -> Data:
        """The file's data, parsed again only if the file changed since the last read."""
        key = self.identity()
        if key is None:
            raise StoreDamaged(f"{self.path}: the store file does not exist")
        if key != self._cache_key or self._cache is None:
            self._cache = self._parse(self._read_bytes())
            self._cache_key = key
        return self._cache

    def _read_bytes(self) -> bytes:
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            raise StoreDamaged(f"{self.path}: the store file has gone (moved or deleted)") from None

    def _parse(self, raw: bytes) -> Data:
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError as err:
            raise StoreDamaged(f"{self.path}: not valid JSON ({err})") from None
        if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
            raise StoreDamaged(f"{self.path}: not a board store (expected an object of tables)")
        version = self.meta_of(data).get("schema_version")
        if not isinstance(version, int) or isinstance(version, bool):
            raise StoreDamaged(f"{self.path}: no schema version; not a board store")
        if version > SCHEMA_VERSION:
            raise StoreTooNew(
                f"{self.path}: written by a newer version (schema {version}; this console reads "
                f"up to {SCHEMA_VERSION}); upgrade the console"
            )
        return data

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
        # Imported here: filelock costs ~30 ms to import, which a reader (a projector console,
        # `board show`) never needs.
        from filelock import FileLock, Timeout

        if self._lock is None:
            self._lock = FileLock(str(self.path) + ".lock", timeout=self._lock_timeout)
        try:
            self._lock.acquire()
        except Timeout:
            raise StoreBusy(
                f"{self.path} stayed locked by another process for {self._lock_timeout:g} s; "
                "try again"
            ) from None
        try:
            yield
        finally:
            self._lock.release()

    @contextlib.contextmanager
    def transaction(self, who: str, at: str) -> Iterator[list[dict[str, Any]]]:
        """Lock, read the current file, let TinyDB change it, then append history and replace.

        The caller appends history entries (without revision) to the yielded list. Nothing is
        written if the body raises or changes nothing.
        """
        with self.locked():
            self._remove_stale_temp_files()
            self._pending = self._unchanged_cache() or self._parse(self._read_bytes())
            self._dirty = False
            history: list[dict[str, Any]] = []
            try:
                yield history
                if self._dirty:
                    self._commit(self._pending, history, who, at)
                    self._cache, self._cache_key = self._pending, self.identity()
            except BaseException:
                self._cache, self._cache_key = None, None  # TinyDB may have changed it in place
                raise
            finally:
                self._pending = None
                self._dirty = False

    def _unchanged_cache(self) -> Data | None:
        """The data last read or written, if the file is still that one (under the lock).

        Saves parsing the whole file on every edit (36 ms of a 50 ms edit at 10,000 bids). The
        file's identity is only a trigger (an inode can be reused, a coarse mtime repeat), so the
        revision and schema at the file's head must match too: every change bumps the revision.
        """
        if self._cache is None or self.identity() != self._cache_key:
            return None
        meta = self.meta_of(self._cache)
        head = _head_meta(self.path)
        same = (head.get("revision"), head.get("schema_version"))
        return self._cache if same == (meta.get("revision"), meta.get("schema_version")) else None

    def _commit(self, data: Data, history: list[dict[str, Any]], who: str, at: str) -> None:
        meta = self.meta_of(data)
        revision = int(meta.get("revision", 0))
        self._trim_history(revision)
        meta.update(revision=revision + 1, changed_at=at, changed_by=who)
        self._append_history([{"rev": revision + 1, **entry} for entry in history])
        self.replace(data)

    def replace(self, data: Data) -> None:
        """Atomically replace the file with `data`: temp file, fsync, original mode, rename."""
        raw = _dumps(data)
        folder = self.path.parent
        mode = os.stat(self.path).st_mode & 0o7777 if self.path.exists() else _new_file_mode()
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(raw)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, mode)
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        _fsync_dir(folder)
        self._cache, self._cache_key = None, None

    def create(self, tables: Data) -> bool:
        """Write a new store under the lock unless one appeared meanwhile. True if created."""
        with self.locked():
            if self.path.exists():
                return False
            tables = {**tables, META: {"1": {"schema_version": SCHEMA_VERSION, "revision": 0}}}
            self.replace(tables)
            return True

    def migrate(self, upgrade: Callable[[Data, int], Data]) -> Path | None:
        """Upgrade an older schema under the lock, keeping a backup beside it; return the backup."""
        with self.locked():
            data = self._parse(self._read_bytes())
            version = self.meta_of(data)["schema_version"]
            if version == SCHEMA_VERSION:
                return None
            backup = self.path.with_name(f"{self.path.name}.schema{version}.bak")
            shutil.copy2(self.path, backup)
            data = upgrade(data, version)
            self.meta_of(data)["schema_version"] = SCHEMA_VERSION
            self.replace(data)
            return backup

    def _remove_stale_temp_files(self) -> None:
        """Only the lock holder writes temp files: any found now were left by a killed writer."""
        pattern = os.path.join(
            glob.escape(str(self.path.parent)), f".{glob.escape(self.path.name)}.*.tmp"
        )
        for leftover in glob.glob(pattern):
            with contextlib.suppress(OSError):
                os.unlink(leftover)

    # --- history ------------------------------------------------------------------------------
    def _append_history(self, entries: list[dict[str, Any]]) -> None:
        if not entries:
            return
        payload = b"".join(orjson.dumps(e) + b"\n" for e in entries)
        with open(self.history_file, "ab") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())

    def _trim_history(self, revision: int) -> None:
        """Cut a torn last line or lines past `revision` (a writer killed before its replace)."""
        try:
            size = os.path.getsize(self.history_file)
        except FileNotFoundError:
            return
        start = max(0, size - _TAIL)
        with open(self.history_file, "rb+") as handle:
            if _ends_clean(handle, size, revision):
                return
            handle.seek(start)
            tail = handle.read()
            keep = _valid_prefix(tail, revision, skip_first=start > 0)
            if keep < len(tail):
                handle.truncate(start + keep)

    def history(self, limit: int | None = None) -> list[dict[str, Any]]:
        """History entries newest first (only those the store's revision reached)."""
        revision = int(self.meta().get("revision", 0))
        entries: list[dict[str, Any]] = []
        for line in _lines_backwards(self.history_file):
            try:
                entry = orjson.loads(line)
            except orjson.JSONDecodeError:
                continue
            if not isinstance(entry, dict) or entry.get("rev", 0) > revision:
                continue
            entries.append(entry)
            if limit is not None and len(entries) >= limit:
                break
        return entries


_HEAD = 4096
_HEAD_FIELD = re.compile(rb'"(revision|schema_version)": ?(\d+)')


def _head_meta(path: Path) -> dict[str, int]:
    """`revision` and `schema_version` read from the start of the file, without parsing it all.

    The store is written with sorted keys, so `_meta` (and its two numbers) comes first; a key
    in the raw bytes is never inside a string (quotes in strings are escaped). {} if not found.
    """
    try:
        with open(path, "rb") as handle:
            head = handle.read(_HEAD)
    except OSError:
        return {}
    found: dict[str, int] = {}
    for name, value in _HEAD_FIELD.findall(head):
        found.setdefault(name.decode(), int(value))
    return found


_LAST = 4096


def _ends_clean(handle: BinaryIO, size: int, revision: int) -> bool:
    """True in the usual case: the file ends with a whole line of a revision the store reached.

    Lines are appended in revision order and only the end can be torn or ahead of the store,
    so one parsed line (not the 64 KB tail's ~400) is enough to know nothing needs cutting.
    """
    handle.seek(max(0, size - _LAST))
    tail = handle.read()
    if not tail.endswith(b"\n") or (size > len(tail) and b"\n" not in tail[:-1]):
        return size == 0
    try:
        rev = orjson.loads(tail[:-1].rsplit(b"\n", 1)[-1]).get("rev", 0)
    except (orjson.JSONDecodeError, AttributeError):
        return False
    return isinstance(rev, int) and rev <= revision


def _valid_prefix(tail: bytes, revision: int, *, skip_first: bool) -> int:
    """Length of `tail` up to the first torn line or line past `revision`."""
    offset = 0
    lines = tail.split(b"\n")
    for index, line in enumerate(lines):
        end = offset + len(line) + 1
        if index == len(lines) - 1:  # after the final newline: empty unless torn
            return offset
        if not (skip_first and index == 0):
            try:
                if orjson.loads(line).get("rev", 0) > revision:
                    return offset
            except (orjson.JSONDecodeError, AttributeError):
                return offset
        offset = end
    return offset


def _lines_backwards(path: Path, block: int = 64 * 1024) -> Iterator[bytes]:
    """Complete lines of a file from the last to the first, reading blocks from the end."""
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed by the `with` below
    except FileNotFoundError:
        return
    with handle:
        position = handle.seek(0, os.SEEK_END)
        carry = b""
        while position > 0:
            step = min(block, position)
            position -= step
            handle.seek(position)
            chunk = handle.read(step) + carry
            lines = chunk.split(b"\n")
            carry = lines.pop(0)
            for line in reversed(lines):
                if line:
                    yield line
        if carry:
            yield carry
