"""The history: an append-only JSON Lines file beside the store, one line a change.

An edit costs the same after 100,000 changes. Each line carries the revision it belongs to; a
line whose revision the store never reached (the writer was killed between the two writes) is
ignored and trimmed. Only the store's lock holder appends, trims or replaces the file.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from .files import atomic_write, durable_copy, file_mode

_TAIL = 64 * 1024
_LAST_LINE = 4 * 1024


def history_path(path: Path) -> Path:
    return path.with_name(path.stem + ".history.jsonl")


class HistoryFile:
    """The history lines of one store: append, trim a torn tail, read newest first."""

    def __init__(self, path: Path):
        self.path = path

    def append(self, entries: list[dict[str, Any]], *, mode_of: Path) -> None:
        """Append `entries` in one write and fsync; a new file takes the mode of `mode_of`."""
        if not entries:
            return
        payload = b"".join(orjson.dumps(e) + b"\n" for e in entries)
        new = not self.path.exists()
        with open(self.path, "ab") as handle:
            if new and mode_of.exists():  # whoever may edit the store may append its history
                os.chmod(self.path, file_mode(mode_of))
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())

    def trim(self, revision: int) -> None:
        """Cut a torn last line or lines past `revision` (a writer killed before its replace).

        Every commit leaves the file whole and appends its lines in one write, so damage can only
        be at the end: when the last line is complete and within `revision` (every edit but the
        one after a killed writer) nothing else is read. Parsing a 64 KB tail each time made an
        edit on a store with a long history ~10% slower than on one without.
        """
        try:
            size = os.path.getsize(self.path)
        except FileNotFoundError:
            return
        with open(self.path, "rb") as handle:
            handle.seek(max(0, size - _LAST_LINE))
            if _ends_within(handle.read(), revision, whole=size <= _LAST_LINE):
                return
        start = max(0, size - _TAIL)
        with open(self.path, "rb+") as handle:
            handle.seek(start)
            tail = handle.read()
            keep = _valid_prefix(tail, revision, skip_first=start > 0)
            if keep < len(tail):
                handle.truncate(start + keep)

    def entries(self, revision: int, limit: int | None = None) -> list[dict[str, Any]]:
        """Entries newest first, only those within `revision` (the store's)."""
        entries: list[dict[str, Any]] = []
        for line in _lines_backwards(self.path):
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

    def replace(self, entries: list[dict[str, Any]], *, mode_of: Path, backup_suffix: str) -> None:
        """Write the file afresh; a file that was there already is kept as a backup once."""
        backup = self.path.with_name(self.path.name + backup_suffix)
        if self.path.exists() and not backup.exists():
            durable_copy(self.path, backup)
        payload = b"".join(orjson.dumps(e) + b"\n" for e in entries)
        atomic_write(self.path, payload, file_mode(mode_of))

    def set_aside(self) -> None:
        """A history file without its store would mix old revisions into the new store's history."""
        if self.path.exists():
            stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
            os.replace(self.path, self.path.with_name(f"{self.path.name}.orphaned-{stamp}"))


def _ends_within(tail: bytes, revision: int, *, whole: bool) -> bool:
    """True if `tail` (the end of the history file) ends with a complete line within `revision`."""
    if not tail:
        return whole
    if not tail.endswith(b"\n"):
        return False
    body = tail[:-1]
    cut = body.rfind(b"\n")
    if cut < 0 and not whole:  # the last line is longer than the tail read: check it the long way
        return False
    try:
        entry = orjson.loads(body[cut + 1 :])
    except orjson.JSONDecodeError:
        return False
    rev = entry.get("rev", 0) if isinstance(entry, dict) else None
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
            except (orjson.JSONDecodeError, AttributeError, TypeError):
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
