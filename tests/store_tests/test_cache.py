"""The parsed store is reused between edits; it must never drift from the file.

An edit works on a copy-on-write view of the cached data (new table dicts sharing the records,
the changed record copied). These tests make edits fail at each stage and check that the handle
still shows exactly what the file holds, and that the history's end is repaired the long way
when the quick one-line check cannot vouch for it.
"""

from __future__ import annotations

import os
from pathlib import Path

import orjson
import pytest

from store import Repository, StaleEdit, StoreUnwritable, history_path
from store.repository import Change


def file_state(store_path: Path) -> object:
    return Repository.open(store_path, read_only=True).state()


def disk_full(*args: object, **kwargs: object) -> None:
    raise OSError(28, "No space left on device")


@pytest.mark.parametrize(
    "edit",
    [
        lambda repo: repo.set_field("bids", "1", "status", "approved"),
        lambda repo: repo.set_field("components", "5", "part4.status", "complete"),
        lambda repo: repo.set_field("bids", "2", "2005/06", "999"),
        lambda repo: repo.add("bids", {"title": "Lost bid"}),
        lambda repo: repo.delete("bids", "3"),
    ],
    ids=["status", "part", "amount", "add", "delete"],
)
def test_an_edit_that_fails_to_save_leaves_the_handle_showing_the_file(
    repo: Repository, store_path: Path, monkeypatch: pytest.MonkeyPatch, edit: object
) -> None:
    shown = repo.state()
    before = orjson.loads(store_path.read_bytes())
    monkeypatch.setattr("store.files.os.replace", disk_full)
    with pytest.raises(StoreUnwritable):
        edit(repo)  # type: ignore[operator]
    monkeypatch.undo()
    assert repo.state() == shown == file_state(store_path)
    repo.set_field(
        "bids", "4", "note", "saved"
    )  # the next edit starts from the file, not the failure
    after = orjson.loads(store_path.read_bytes())
    assert after["bids"].pop("4")["note"] == "saved"
    del before["bids"]["4"]
    assert {k: v for k, v in after.items() if k != "_meta"} == {
        k: v for k, v in before.items() if k != "_meta"
    }
    assert after["_meta"]["1"].get("last_id") == before["_meta"]["1"].get("last_id")
    assert repo.state() == file_state(store_path)


def test_a_refused_edit_leaves_the_handle_showing_the_file(
    repo: Repository, store_path: Path
) -> None:
    base = repo.state().revision
    Repository.open(store_path, who="other@host").set_field("bids", "1", "note", "theirs")
    with pytest.raises(StaleEdit):
        repo.set_field("bids", "1", "note", "mine", base_revision=base)
    assert repo.state() == file_state(store_path)
    assert repo.state().bids[0].note == "theirs"


def test_records_shown_before_an_edit_are_not_changed_by_it(repo: Repository) -> None:
    before = repo.state()
    repo.set_field("components", "5", "part4.status", "complete")
    repo.set_field("bids", "1", "2006/07", "7")
    assert before.components[4].parts[3].status == "under development"
    assert before.bids[0].amounts["2006/07"] != 7
    after = repo.state()
    assert after.bids[0].amounts["2006/07"] == 7 and after.bids[1] is before.bids[1]


def test_a_torn_line_after_a_long_one_is_cut_and_the_long_one_kept(
    repo: Repository, store_path: Path
) -> None:
    repo.set_field("bids", "1", "note", "w" * 2_000)
    long_note = "x" * 2_000  # with the old value, a line longer than the one-line check reads
    repo.set_field("bids", "1", "note", long_note)
    with open(history_path(store_path), "ab") as handle:
        handle.write(b'{"rev": 3, "at": "2004-')  # a writer killed mid-append
    repo.set_field("bids", "2", "note", "after")
    lines = history_path(store_path).read_bytes().splitlines()[1:]  # after the header
    assert [orjson.loads(line)["new"] for line in lines] == ["w" * 2_000, long_note, "after"]
    assert repo.check() == []


def test_lines_past_the_revision_after_a_long_one_are_cut(
    repo: Repository, store_path: Path
) -> None:
    repo.set_field("bids", "1", "note", "w" * 2_000)
    repo.set_field("bids", "1", "note", "y" * 2_000)  # a line over 4 KB
    orphan = {"rev": 3, "at": "x", "who": "killed@host", "table": "bids", "id": "3"}
    with open(history_path(store_path), "ab") as handle:  # appended, then killed before replace
        handle.write(orjson.dumps({**orphan, "field": "note", "old": "", "new": "z" * 5_000}))
        handle.write(b"\n")
    change = repo.set_field("bids", "2", "note", "kept")
    assert change == Change("bids", "2", "note", "", "kept", 3)
    assert [e.who for e in repo.history()] == [repo.who] * 3
    assert [e.new for e in repo.history()] == ["kept", "y" * 2_000, "w" * 2_000]


def test_a_replace_that_keeps_size_and_mtime_is_still_noticed_under_the_lock(
    store_path: Path,
) -> None:
    """The cached file is held open, so its inode cannot be reused: another writer's file with
    the same size and (forced) the same mtime is still a different file, read before the edit."""
    mine = Repository.open(store_path, who="aa@host")
    mine.set_field("bids", "1", "note", "aaaa")  # this handle now holds its own file
    before = store_path.stat()
    other = Repository.open(store_path, who="bb@host")
    other.set_field("bids", "1", "note", "bbbb")  # same size
    after = store_path.stat()
    assert after.st_size == before.st_size  # same-length author, value and revision
    os.utime(store_path, ns=(before.st_atime_ns, before.st_mtime_ns))
    mine.set_field("bids", "2", "note", "mine")
    saved = file_state(store_path)
    assert [b.note for b in saved.bids[:2]] == ["bbbb", "mine"]  # the other edit was kept


def test_an_old_copy_written_in_place_with_its_mtime_is_still_noticed_under_the_lock(
    store_path: Path,
) -> None:
    """`cp -p old.json board.json` writes in place (same inode) and restores the old mtime; with
    the same size too, only the ctime tells the held file has changed. The edit must be made on
    the copy's content, not on the cache (which would silently undo the restore)."""
    mine = Repository.open(store_path, who="aa@host")
    mine.set_field("bids", "1", "note", "aaaa")
    old = store_path.read_bytes()
    mine.set_field("bids", "1", "note", "bbbb")  # same size as the copy
    held = store_path.stat()  # the file `mine` now holds open
    with open(store_path, "r+b") as handle:  # in place, as cp does
        handle.write(old)
    os.utime(store_path, ns=(held.st_atime_ns, held.st_mtime_ns))  # even the held file's mtime
    now = store_path.stat()
    assert (now.st_ino, now.st_size, now.st_mtime_ns) == (
        held.st_ino,
        held.st_size,
        held.st_mtime_ns,
    )
    mine.set_field("bids", "2", "note", "mine")
    saved = file_state(store_path)
    assert [b.note for b in saved.bids[:2]] == ["aaaa", "mine"]  # made on the restored copy
