"""The lock: a killed holder never blocks the next writer; a live one gives StoreBusy in time."""

from __future__ import annotations

import os
import signal
import stat
import time
from pathlib import Path

import pytest

from store import (
    Repository,
    StoreBusy,
    StoreDamaged,
    StoreUnwritable,
    atomic_write,
    history_path,
)

from .procs import start


def test_a_sigkilled_lock_holder_does_not_block_the_next_edit(store_path: Path) -> None:
    repo = Repository.open(store_path)
    holder = start("hold-lock", store_path)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait(timeout=30)
    began = time.perf_counter()
    repo.set_field("bids", "1", "status", "approved")  # within the 10 s lock timeout or StoreBusy
    waited = time.perf_counter() - began
    print(f"\nedit after a SIGKILLed lock holder took {waited * 1000:.1f} ms")
    assert Repository.open(store_path).state().bids[0].status == "approved"


def test_a_live_holder_past_the_timeout_gives_store_busy(store_path: Path) -> None:
    repo = Repository.open(store_path, lock_timeout=0.3)
    before = store_path.read_bytes()
    holder = start("hold-lock", store_path)
    try:
        with pytest.raises(StoreBusy) as err:
            repo.set_field("bids", "1", "status", "approved")
    finally:
        holder.kill()
        holder.wait(timeout=30)
    assert str(err.value) == f"{store_path} stayed locked by another process for 0.3 s; try again"
    assert store_path.read_bytes() == before
    repo.set_field("bids", "1", "status", "approved")  # free again once the holder has gone


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o600, 0o664])
def test_an_edit_keeps_the_files_permissions(store_path: Path, mode: int) -> None:
    repo = Repository.open(store_path)
    os.chmod(store_path, mode)
    repo.set_field("components", "1", "note", "read")
    assert stat.S_IMODE(os.stat(store_path).st_mode) == mode
    assert stat.S_IMODE(os.stat(history_path(store_path)).st_mode) == mode  # created like it


def test_temp_files_of_a_killed_writer_are_removed_by_the_next_edit(store_path: Path) -> None:
    repo = Repository.open(store_path)
    left = [store_path.with_name(f".board.json.{tag}.tmp") for tag in ("abc123", "x_9")]
    left.append(store_path.with_name(".board.json.history.jsonl.q1w2.tmp"))
    other = store_path.with_name(".other.json.abc.tmp")  # another store's: not ours to remove
    for path in [*left, other]:
        path.write_bytes(b'{"half": ')
    repo.set_field("components", "1", "note", "read")
    assert [p for p in left if p.exists()] == []
    assert other.exists()


def test_a_failed_write_is_one_line_and_changes_nothing(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = Repository.open(store_path)
    before = store_path.read_bytes()

    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("store.files.os.replace", disk_full)
    with pytest.raises(StoreUnwritable) as err:
        repo.set_field("bids", "1", "status", "approved")
    assert str(err.value) == f"{store_path}: not saved (No space left on device)"
    monkeypatch.undo()
    assert store_path.read_bytes() == before
    assert [p.name for p in store_path.parent.iterdir() if p.suffix == ".tmp"] == []
    assert repo.history() == [] and repo.check() == []
    repo.set_field("bids", "1", "status", "reserve")  # the orphaned history line is trimmed
    assert [e.new for e in repo.history()] == ["reserve"]


def test_a_store_that_is_a_folder_is_refused_in_one_line(store_path: Path) -> None:
    store_path.mkdir()
    with pytest.raises(StoreDamaged, match=r"board.json: is a folder, not a store file"):
        Repository.open(store_path)


def test_a_symlinked_store_stays_a_link_to_the_shared_file(tmp_path: Path) -> None:
    shared = tmp_path / "shared" / "board.json"
    shared.parent.mkdir()
    Repository.open(shared)
    link = tmp_path / "mine.json"
    link.symlink_to(shared)
    Repository.open(link).set_field("bids", "1", "status", "approved")
    assert link.is_symlink()
    assert Repository.open(shared).state().bids[0].status == "approved"
    assert [e.new for e in Repository.open(shared).history()] == ["approved"]


def test_an_edit_keeps_the_group_of_the_store_and_its_history(store_path: Path) -> None:
    """A group-shared folder: the next member must still be able to edit after this one."""
    repo = Repository.open(store_path)
    group = next(g for g in (65534, 100, 1, 2) if g != os.getgid())
    try:
        os.chown(store_path, -1, group)
    except PermissionError:
        pytest.skip("this user can give the store no other group")
    os.chmod(store_path, 0o660)
    repo.set_field("components", "1", "note", "first")  # creates the history
    repo.set_field("components", "1", "note", "second")
    for path in (store_path, history_path(store_path)):
        assert (os.stat(path).st_gid, stat.S_IMODE(os.stat(path).st_mode)) == (group, 0o660)


def test_a_save_never_writes_through_a_link_planted_at_its_temporary_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A hostile folder: someone who guessed the next temporary name put a link there to a file
    of theirs. The save takes another name; the linked file is untouched."""
    target, victim = tmp_path / "board.json", tmp_path / "victim.txt"
    target.write_bytes(b"old")
    victim.write_text("keep me")
    guessed = b"\x00" * 6
    (tmp_path / f".board.json.{guessed.hex()}.tmp").symlink_to(victim)
    names = iter([guessed, guessed, b"\x01" * 6])
    monkeypatch.setattr(os, "urandom", lambda n: next(names))
    atomic_write(target, b"new")
    assert next(names, None) is None  # the guessed name twice, then a free one
    assert (target.read_bytes(), victim.read_text()) == (b"new", "keep me")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".board.json.000000000000.tmp",
        "board.json",
        "victim.txt",
    ]
