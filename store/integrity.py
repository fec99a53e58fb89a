"""What `board check` verifies beyond the records: duplicate keys in the file and the history's
hash chain against the head the store's meta keeps."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from . import layout
from .history_file import Head
from .layout import NotThisLayout
from .model import BoardState, HistoryEntry

if TYPE_CHECKING:
    from .storage import LockedJSONStorage


class _Duplicate(Exception):
    pass


def _no_repeats(pairs: list[tuple[str, Any]]) -> list[str]:
    """An object's keys, raising _Duplicate naming its first repeated key. Only the keys are
    kept (the store's own parse builds the board), so the objects go as soon as they are
    checked. Linear: a table of 100,000 keys (counting each key's repeats took hours there)."""
    keys = [key for key, _ in pairs]
    if len(set(keys)) < len(keys):
        seen: set[str] = set()
        for key in keys:
            if key in seen:
                raise _Duplicate(key)
            seen.add(key)
    return keys


def duplicate_keys(path: Path, handle: BinaryIO) -> list[str]:
    """A key given twice in one object (a second `_meta`): JSON readers keep the last silently,
    so what one tool shows is not what another reads. A store in its own layout is read a
    line at a time (layout.py); a file in another layout is parsed whole."""
    try:
        try:
            _no_repeated_records(handle)
        except NotThisLayout:
            handle.seek(0)
            json.loads(handle.read(), object_pairs_hook=_no_repeats)
    except _Duplicate as err:
        return [f"{path}: the key {str(err)!r} appears twice in one object"]
    except ValueError:
        return []  # the stricter parse found other trouble the store's own parse already passed
    return []


def _no_repeated_records(handle: BinaryIO) -> None:
    """The layout's tables and their records, each table and key given once (the records'
    own objects are checked line by line)."""
    tables: set[str] = set()
    keys: set[str] = set()
    for table, key in layout.keys(handle, _parse_checked):
        if key is None:  # a table begins
            if table in tables:
                raise _Duplicate(table)
            tables.add(table)
            keys = set()
        elif key in keys:
            raise _Duplicate(key)
        else:
            keys.add(key)


def _parse_checked(line: bytes) -> list[str]:
    keys: list[str] = json.loads(line, object_pairs_hook=_no_repeats)
    return keys


def history_problems(storage: LockedJSONStorage) -> list[str]:
    """The chain from the header to the store's head; the last revision that wrote history."""
    meta = storage.meta()
    history = storage.history_file(meta)
    problems = history.verify(Head.of(meta))
    if problems:
        return problems
    expected = int(meta.get("history_rev", 0))
    newest, _ = storage.history(limit=1)
    reached = newest[0]["rev"] if newest else 0
    if reached < expected:
        return [
            f"{history.path}: history ends at revision {reached}, the store wrote up to {expected}"
        ]
    return []


def history_entry(e: dict[str, Any]) -> HistoryEntry:
    """A line `HistoryFile.entries` found usable, as the model's entry."""
    return HistoryEntry(
        revision=e["rev"],
        at=e["at"],
        who=e["who"],
        table=e["table"],
        record=e["id"],
        field=e["field"],
        old=e.get("old"),
        new=e.get("new"),
        action=str(e.get("action", "set")),
        meeting=e.get("meeting"),
    )


def replacement(before: BoardState, after: BoardState) -> str | None:
    """What a console says when the file it shows was replaced rather than edited: another store
    (a new id: re-created after deletion, or another copied over it), a revision that went back,
    or the same revision with another history (a backup restored at the same revision)."""
    moved = f"the store was replaced: revision {before.revision} → {after.revision}"
    if before.store_id and after.store_id != before.store_id:
        return f"{moved} (another store: re-created or copied over this one)"
    if after.revision < before.revision:
        return f"{moved} (an older copy, such as a backup, was put in its place)"
    same = (after.history_head, after.changed_at) == (before.history_head, before.changed_at)
    if after.revision == before.revision and not same:
        return f"{moved} (another copy at the same revision)"
    return None
