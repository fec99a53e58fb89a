"""The history: an append-only, hash-chained JSON Lines file beside the store, one line a change.

`NAME.json.history.jsonl` belongs to `NAME.json` alone (the full file name, so `board.json`,
`board.yaml` and a copy `board.bak` in one folder never share one), and its first line names the
store's id: a history whose header names another store is never read, trimmed or appended to.

Every entry line carries `p` (the first 16 hex digits of the previous line's hash) and, last,
`h`: the sha256 of the previous hash and the line's canonical JSON (sorted keys, without `h`),
so extra keys are covered too. The store's meta keeps the head: how many entry lines, the last hash and
the file's size. Readers stop at that size, so lines a killed writer appended past the store's
revision (or a restored backup's future) are never shown, and the next edit trims them however
far back they start. `verify` names the first line that was deleted, altered, inserted, moved or
cannot be read. Only the store's lock holder appends, trims or replaces the file.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from .files import append_durably, atomic_write, open_regular, read_regular
from .frozen import Frozen

HEADER_KEY = "board_history"
FORMAT = 1
_LINK = 16  # hex digits of the previous hash each line repeats (to tell a moved line from an edit)
_FIRST_LINE = 4 * 1024


def history_path(path: Path) -> Path:
    return path.with_name(path.name + ".history.jsonl")


def legacy_history_path(path: Path) -> Path:
    """Schema 2 named the history by the store's stem (shared by `board.json` and `board.yaml`)."""
    return path.with_name(path.stem + ".history.jsonl")


def canonical(entry: dict[str, Any]) -> bytes:
    return orjson.dumps(entry, option=orjson.OPT_SORT_KEYS)


def header(store_id: str) -> dict[str, Any]:
    return {HEADER_KEY: FORMAT, "store": store_id}


def genesis(store_id: str) -> str:
    """The hash a new history's first line follows: the header's, so it is tied to the store."""
    return _sha256(canonical(header(store_id)))


def link(prev: str, body: dict[str, Any]) -> str:
    return _sha256(prev.encode() + b"\n" + canonical(body))


def _sha256(data: bytes) -> str:
    # Imported on the first digest (an edit, a check), not by every command and the console's
    # first frame, which read the history without hashing it: hashlib loads OpenSSL (~2 ms).
    import hashlib

    return hashlib.sha256(data).hexdigest()


class Head(Frozen, frozen=True):
    """What the store's meta says about its history: entry lines, the last hash, the file size."""

    lines: int
    digest: str
    size: int

    @classmethod
    def of(cls, meta: dict[str, Any]) -> Head | None:
        lines, digest, size = (
            meta.get(k) for k in ("history_lines", "history_head", "history_bytes")
        )
        if isinstance(lines, int) and isinstance(digest, str) and isinstance(size, int):
            return cls(lines, digest, size)
        return None

    def as_meta(self) -> dict[str, Any]:
        return {
            "history_lines": self.lines,
            "history_head": self.digest,
            "history_bytes": self.size,
        }


def chained(entries: list[dict[str, Any]], prev: str) -> tuple[bytes, str]:
    """The entries as chained lines after `prev`, and the last hash."""
    lines = []
    for entry in entries:
        body = {k: v for k, v in entry.items() if k != "h"}
        body["p"] = prev[:_LINK]
        prev = link(prev, body)
        lines.append(canonical(body)[:-1] + b',"h":"' + prev.encode() + b'"}\n')  # h last
    return b"".join(lines), prev


def broken_link(newest_first: list[dict[str, Any]], before: str, head: str) -> int | None:
    """The revision of the first line (newest first) whose hash does not hold, or None.

    The newest line must be the store's head and each must hash, after the one before it (the
    oldest after `before`: the hash of the line before it, or the genesis), to its own `h`. A
    replay across lines that hold (as_at.py) undoes exactly what was written, in order.
    """
    expected = head
    for n, entry in enumerate(newest_first):
        older = newest_first[n + 1] if n + 1 < len(newest_first) else None
        prev = before if older is None else str(older.get("h", ""))
        body = dict(entry)  # a copy without "h": in C, 100,000 lines for `--at` (a comprehension
        body.pop("h", None)  # was a quarter of the chain check)
        if entry.get("h") != expected or link(prev, body) != expected:
            return int(entry["rev"])
        expected = prev
    return None


_H = b',"h":"'  # how `chained` ends a line: _H, the 64 hex digits of its hash, '"}'


class WrittenChain:
    """The hash chain walked newest line first, each line as `chained` writes it (canonical
    JSON, `h` last) hashed as it stands, instead of read and dumped again (`broken_link`).

    Bytes that hash to a line's `h` are the canonical JSON that was hashed, which has no `h` of
    its own: so the entry read from that line is exactly what was written. A line in any other
    form (keys reordered by hand, `h` not last) does not hold here; `broken_link` then checks
    each line by its content, and names the first that does not hold.
    """

    def __init__(self, head: str):
        import hashlib  # as in _sha256: on the first digest

        self._sha256 = hashlib.sha256
        self._digest = head.encode()  # the newer line's hash; the newest line's is the head
        self._body: bytes | None = None  # the newer line's JSON, until its older line is read

    def step(self, line: bytes) -> bool:
        """Whether `line`, the next older one, is as written and the newer one hashes after it."""
        digest = line[-66:-2]
        if line[-72:-66] != _H or line[-2:] != b'"}':
            return False
        if self._body is None:
            if digest != self._digest:
                return False
        elif self._sha256(digest + b"\n" + self._body).hexdigest().encode() != self._digest:
            return False
        self._digest, self._body = digest, line[:-72] + b"}"
        return True

    def holds_after(self, before: str) -> bool:
        """Whether the oldest line stepped hashes after `before` (the hash of the line before
        it, or the genesis); True when no line was stepped."""
        if self._body is None:
            return True
        ends = self._sha256(before.encode() + b"\n" + self._body).hexdigest().encode()
        return ends == self._digest


class HistoryFile:
    """The history lines of one store: make ready, append, read newest first, verify."""

    def __init__(self, path: Path, store_id: str | None):
        self.path = path
        self.store_id = store_id  # None: a schema 2 store read before migrating (no header)

    # --- the lock holder ----------------------------------------------------------------------
    def prepare(self, head: Head) -> None:
        """Before an append: set aside another store's file, cut lines past the store's head."""
        try:
            handle = open_regular(self.path)
        except FileNotFoundError:
            return
        with handle:
            first = handle.readline(_FIRST_LINE)
            size = os.fstat(handle.fileno()).st_size
        if _header_id(first) != self.store_id:
            self.set_aside()
        elif size > head.size:
            self._cut_after(head)

    def _cut_after(self, head: Head) -> None:
        """Truncate after the line whose hash is the head (a restored backup, a killed writer).

        Read whole only when the file is longer than the store says (rare); a file whose lines
        were altered or lost is left for `board check` to report.
        """
        with open(self.path, "rb+") as handle:
            raw = handle.read()
            end = _end_of(raw, head)
            if end is not None and end < len(raw):
                handle.truncate(end)
                os.fsync(handle.fileno())

    def append(self, entries: list[dict[str, Any]], head: Head, *, like: Path) -> Head:
        """Append `entries` chained after `head` in one write and fsync; return the new head.

        A new file starts with the header and takes the mode and group of `like` (the store).
        """
        if not entries or self.store_id is None:
            return head
        payload, digest = chained(entries, head.digest)
        size = append_durably(self.path, payload, self._new_file_header(), like=like)
        return Head(head.lines + len(entries), digest, size)

    def _new_file_header(self) -> bytes:
        assert self.store_id is not None
        return canonical(header(self.store_id)) + b"\n"

    def replace(self, entries: list[dict[str, Any]], *, like: Path) -> Head:
        """Write the file afresh (a migration): header and every entry chained."""
        assert self.store_id is not None
        first = self._new_file_header()
        payload, digest = chained(entries, genesis(self.store_id))
        atomic_write(self.path, first + payload, like=like)
        return Head(len(entries), digest, len(first) + len(payload))

    def set_aside(self) -> None:
        """A history file without its store would mix another store's changes into this one's."""
        if self.path.exists():
            stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
            os.replace(self.path, self.path.with_name(f"{self.path.name}.orphaned-{stamp}"))

    # --- readers ------------------------------------------------------------------------------
    def entries(
        self, revision: int, head: Head | None, limit: int | None = None
    ) -> tuple[list[dict[str, Any]], int]:
        """Usable entries newest first, within the head and `revision`; and how many were skipped.

        A line that cannot be read, or lacks what a view shows, is skipped and counted, never
        raised: one damaged line must not take down every console.
        """
        entries: list[dict[str, Any]] = []
        reading = self.reading(revision, head)
        for entry, _ in reading:
            entries.append(entry)
            if limit is not None and len(entries) >= limit:
                break
        return ([] if reading.foreign else entries), reading.skipped

    def reading(self, revision: int, head: Head | None) -> Reading:
        return Reading(self, revision, head)

    def verify(self, head: Head | None) -> list[str]:
        """Problems with the chain: the first bad line, or a file that ends before the head."""
        if self.store_id is None or head is None:
            return []
        try:
            raw = read_regular(self.path)
        except FileNotFoundError:
            if head.lines:
                return [f"{self.path}: missing; the store recorded {head.lines} changes in it"]
            return []
        return _verify(self.path, raw, self.store_id, head)


class Reading:
    """One read of a history, newest line first: each usable entry within the head and
    `revision`, with its line as the file holds it. `skipped` counts the lines left out (not
    JSON, or lacking what a view shows); `foreign` is set when the header names another store,
    whose lines are not this store's (the reading stops there)."""

    def __init__(self, history: HistoryFile, revision: int, head: Head | None):
        self.history, self.revision, self.head = history, revision, head
        self.skipped = 0
        self.foreign = False

    def __iter__(self) -> Iterator[tuple[dict[str, Any], bytes]]:
        store_id, revision = self.history.store_id, self.revision
        for line in _lines_backwards(self.history.path, self.head):
            entry = _parse(line)
            if entry is not None and HEADER_KEY in entry:
                if store_id is not None and entry.get("store") != store_id:
                    self.foreign = True
                    return
                continue
            if entry is None or not usable(entry):
                self.skipped += 1
                continue
            if entry["rev"] <= revision:
                yield entry, line


def usable(entry: dict[str, Any]) -> bool:
    """A line a view can show: an int revision, text where the history shows text, and a
    meeting number or none."""
    get = entry.get  # exact types (JSON gives no subclasses; bool is not an int here): called
    rev = get("rev")  # for each of 100,000 lines by `--at`, so no generator
    if type(rev) is not int or not 0 < rev < 2**63:
        return False
    meeting = get("meeting")  # the meeting open at the edit (meetings.py), if any
    if meeting is not None and type(meeting) is not int:
        return False
    return (
        type(get("at")) is str
        and type(get("who")) is str
        and type(get("table")) is str
        and type(get("id")) is str
        and type(get("field")) is str
    )


def _parse(line: bytes) -> dict[str, Any] | None:
    try:
        entry = orjson.loads(line)
    except orjson.JSONDecodeError:
        return None
    return entry if isinstance(entry, dict) else None


def _header_id(first: bytes) -> str | None:
    entry = _parse(first)
    if entry is None or entry.get(HEADER_KEY) != FORMAT:
        return None
    store = entry.get("store")
    return store if isinstance(store, str) else None


def _end_of(raw: bytes, head: Head) -> int | None:
    """Offset just after the line whose hash is the head, if there is one."""
    if head.lines == 0:
        cut = raw.find(b"\n")
        return cut + 1 if cut >= 0 else None
    at = raw.find(b'"h":"' + head.digest.encode() + b'"')
    if at < 0:
        return None
    cut = raw.find(b"\n", at)
    return cut + 1 if cut >= 0 else None


def _verify(path: Path, raw: bytes, store_id: str, head: Head) -> list[str]:
    lines = raw.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    elif lines:
        return [f"{path}: line {len(lines)} is cut short (no line end)"]
    if not lines or _header_id(lines[0]) != store_id:
        found = _header_id(lines[0]) if lines else None
        whose = f"store {found}" if found else "no store"
        return [f"{path}: line 1 names {whose}, not this store ({store_id})"]
    if head.lines == 0:
        return []
    prev = genesis(store_id)
    for number, line in enumerate(lines[1:], start=2):
        problem = _line_problem(line, prev)
        if problem:
            return [f"{path}: line {number} {problem}"]
        prev = _parse(line)["h"]  # type: ignore[index]
        if number - 1 == head.lines:
            return [] if prev == head.digest else [_not_head(path, number, head)]
    return [
        f"{path}: has {len(lines) - 1} changes, the store recorded {head.lines} "
        f"(lines deleted from the end)"
    ]


def _line_problem(line: bytes, prev: str) -> str | None:
    entry = _parse(line)
    if entry is None:
        return "cannot be read (not a JSON object)"
    claimed = entry.pop("h", None)
    if not isinstance(claimed, str) or not isinstance(entry.get("p"), str):
        return "has no chain hash (added by hand?)"
    if entry["p"] != prev[:_LINK]:
        return "does not follow the line before it (a line was deleted, inserted or moved)"
    if link(prev, entry) != claimed:
        return "was altered (its hash does not match its content)"
    if not usable(entry):
        return "lacks a revision, time, author or field"
    return None


def _not_head(path: Path, number: int, head: Head) -> str:
    return (
        f"{path}: line {number} should be the store's last change ({head.digest[:16]}) "
        "but is not (the history was rewritten)"
    )


def _view_end(handle: BinaryIO, size: int, head: Head | None) -> int:
    """Where the store's history ends: at the head's size when the line there is the head's
    (lines past it are a killed writer's or a restored backup's future), else the file's end."""
    if head is None or head.lines == 0 or not 0 < head.size <= size:
        return size
    end = b'"h":"' + head.digest.encode() + b'"}\n'  # how each line ends
    if head.size < len(end):
        return size
    handle.seek(head.size - len(end))
    return head.size if handle.read(len(end)) == end else size


def _lines_backwards(path: Path, head: Head | None, block: int = 64 * 1024) -> Iterator[bytes]:
    """Complete lines of a file from the last to the first, reading blocks back from the end
    of the store's history."""
    try:
        handle = open_regular(path)
    except FileNotFoundError:
        return
    with handle:
        position = _view_end(handle, handle.seek(0, os.SEEK_END), head)
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
