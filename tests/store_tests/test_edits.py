"""Edits through the repository: status cycling, history, and a valid file after every write."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from store import ComponentStatus, Repository, ValidationError, choices


def test_status_words_are_in_the_reports_order() -> None:
    """`space` walks these words (tui_tests/test_editing presses it); the order is the report's."""
    assert choices("components", "status") == [
        "not started",
        "under development",
        "under review",
        "complete",
        "superseded",
    ]
    assert choices("components", "part4.status") == choices("components", "status")
    assert choices("bids", "note") is None


def test_set_status_is_saved_and_recorded(repo: Repository, store_path: Path) -> None:
    repo.set_field("components", "2", "status", "under review")
    again = Repository.open(store_path)
    assert again.state().components[1].status is ComponentStatus.UNDER_REVIEW
    [entry] = again.history()
    assert (entry.table, entry.record, entry.field, entry.old, entry.new) == (
        "components",
        "2",
        "status",
        "under development",
        "under review",
    )
    assert entry.who == "tester@test"
    assert entry.at.endswith("Z") and entry.revision == 1


def test_file_is_valid_json_after_each_write(repo: Repository, store_path: Path) -> None:
    edits = [
        ("components", "1", "note", "read at Cabinet"),
        ("bids", "3", "2007/08", "20"),
        ("implications", "1", "applies", "Y"),
        ("recommendations", "3.2", "decision", "agreed"),
        ("components", "5", "part4.status", "complete"),
    ]
    for n, (table, record, field, value) in enumerate(edits, start=1):
        repo.set_field(table, record, field, value)
        data = json.loads(store_path.read_text(encoding="utf-8"))
        assert data["_meta"]["1"]["revision"] == n
    assert repo.state().year_totals()["2007/08"] == 120
    assert len(repo.history()) == len(edits)


def test_history_is_newest_first(repo: Repository) -> None:
    repo.set_field("bids", "1", "status", "recommended")
    repo.set_field("bids", "1", "status", "approved")
    assert [e.new for e in repo.history()] == ["approved", "recommended"]
    assert [e.new for e in repo.history(limit=1)] == ["approved"]


def test_rejected_edit_changes_nothing(repo: Repository, store_path: Path) -> None:
    before = store_path.read_bytes()
    with pytest.raises(ValidationError, match="-5"):
        repo.set_field("bids", "1", "2005/06", "-5")
    assert store_path.read_bytes() == before
    assert repo.history() == []


def test_a_same_size_change_with_the_same_inode_and_mtime_is_seen(
    repo: Repository, store_path: Path
) -> None:
    """ext4 reuses a freed inode at once and mtime moves once a tick: identity alone can lie."""
    assert repo.state().bids[0].note == ""
    raw = store_path.read_bytes()
    before = os.stat(store_path)
    changed = raw.replace(b'"proposed"', b'"rejected"', 1)  # a bid's status
    assert len(changed) == len(raw) and changed != raw
    with open(store_path, "r+b") as handle:  # same inode, same size
        handle.write(changed)
    os.utime(store_path, ns=(before.st_atime_ns, before.st_mtime_ns))  # same mtime
    assert repo.identity() == (before.st_ino, before.st_mtime_ns, before.st_size)
    assert "rejected" in [b.status for b in repo.state().bids]
