"""The lock holds while lock files are deleted or replaced under the writers (real processes)."""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import Any

import pytest

from store import Repository, StoreBusy, repository
from store.lock import StoreLock

from .procs import finish, go, start

EDITS = 40
FIELDS = [
    ("components", "1", "note"),
    ("components", "2", "note"),
    ("bids", "1", "note"),
    ("recommendations", "3.1", "note"),
]


def keep_replacing(path: Path, stop: threading.Event) -> int:
    """Delete the lock file every 2 ms and put a new one in its place (a cleanup script, an
    older console): each new file is a fresh inode anyone could flock at once."""
    deleted = 0
    while not stop.wait(0.002):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            deleted += 1
        path.touch()
    return deleted


def test_lock_files_deleted_every_2_ms_lose_no_acknowledged_edit(store_path: Path) -> None:
    Repository.open(store_path)
    procs = [start("edit", store_path, f"w{n}@test", *f, EDITS) for n, f in enumerate(FIELDS)]
    stop = threading.Event()
    counted: list[int] = []
    lock_file = Path(f"{store_path}.lock")
    deleter = threading.Thread(target=lambda: counted.append(keep_replacing(lock_file, stop)))
    deleter.start()
    go(procs)
    try:
        acked = [finish(proc) for proc in procs]
    finally:
        stop.set()
        deleter.join()
    assert counted[0] > 10  # it really ran while they wrote
    repo = Repository.open(store_path)
    state = repo.state()
    assert [state.components[0].note, state.components[1].note] == ["w0@test-39", "w1@test-39"]
    assert [state.bids[0].note, state.recommendations[0].note] == ["w2@test-39", "w3@test-39"]
    for n, key in enumerate(FIELDS):
        assert acked[n] == list(range(EDITS))
        history = [e for e in repo.history() if (e.table, e.record, e.field) == key]
        assert [e.new for e in reversed(history)] == [f"w{n}@test-{i}" for i in range(EDITS)]
    assert repo.check() == []


def test_with_a_lock_file_an_edit_whose_lock_was_broken_is_refused_not_lost(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where a folder cannot be locked (NFS), the lock file is checked again before the replace:
    if it was deleted and another writer saved meanwhile, this edit is refused, not merged."""
    monkeypatch.setattr(StoreLock, "prefer_folder", False)
    mine, theirs = Repository.open(store_path, who="me@a"), Repository.open(store_path, who="b@b")
    put_field = repository.put_field
    interrupted: list[bool] = []

    def meanwhile(*args: Any) -> None:  # inside `mine`'s edit, after it read the store
        if not interrupted:
            interrupted.append(True)
            Path(f"{store_path}.lock").unlink()  # deleted while `mine` holds it
            theirs.set_field("bids", "2", "note", "theirs")  # locks a new file at once
        put_field(*args)

    monkeypatch.setattr(repository, "put_field", meanwhile)
    with pytest.raises(StoreBusy, match="not saved, try again"):
        mine.set_field("bids", "1", "note", "mine")
    assert interrupted and mine.state().bids[1].note == "theirs"
    assert mine.state().bids[0].note == ""
    assert [e.new for e in mine.history()] == ["theirs"] and mine.check() == []
    mine.set_field("bids", "1", "note", "mine")  # tried again: saved
    assert [e.new for e in Repository.open(store_path).history()] == ["mine", "theirs"]
