"""The hash chain with meetings (issue 17): every line written while a meeting is open keeps its
`meeting` number and is chained like any other, multi-field edits included, and `board check`
verifies such a history; a schema 2 store written before the chain, with its meetings and actions
tables, opens, migrates and still replays to any revision."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import orjson
import pytest

from store import Repository, Unreachable, history_path, planning, state_at
from store.history_file import canonical, genesis, link


def a_meeting(path: Path) -> Repository:
    """A meeting with a plain edit, a priority renumbering, a reprofile, an envelope, an import
    and an action; then an edit after it."""
    from store import prepare
    from store.export import csv

    repo = Repository.open(path, who="clerk@host")
    repo.start_meeting(title="Board", present="A; B")
    repo.set_field("components", "1", "note", "minuted")
    repo.set_field("bids", "4", "priority", 1)  # renumbers bids 1-3 too: one edit
    repo.apply(planning.reprofile(repo.state(), "1", "2005/06", "2006/07", 50))
    repo.apply(planning.envelope(repo.state(), "2005/06", 700))
    sheet = csv.tables(prepare(repo, today=dt.date(2004, 11, 1)))["bids.csv"]
    repo.import_bids(sheet.replace(",capital,,", ",capital,imported,", 1))
    repo.add("actions", {"text": "Send the papers", "due": "30/11/2004"})
    repo.end_meeting()
    repo.set_field("components", "2", "note", "after the meeting")
    return repo


def entry_lines(path: Path) -> list[dict[str, object]]:
    return [orjson.loads(line) for line in history_path(path).read_bytes().splitlines()[1:]]


def test_lines_of_a_meeting_keep_its_number_and_are_chained(tmp_path: Path) -> None:
    repo = a_meeting(tmp_path / "board.json")
    lines = entry_lines(repo.path)
    during = [e for e in lines if e["rev"] < repo.state().meetings[0].end_revision]  # type: ignore[operator]
    assert {e.get("meeting") for e in during} == {1}
    assert "meeting" not in lines[-1]  # the edit after the meeting ended
    assert len({e["rev"] for e in lines if e["table"] == "bids"}) < len(
        [e for e in lines if e["table"] == "bids"]
    )  # a multi-field edit: several lines, one revision
    prev = genesis(repo.state().store_id)
    for entry in lines:
        claimed = entry.pop("h")
        assert entry["p"] == prev[:16] and link(prev, entry) == claimed, entry["rev"]
        prev = str(claimed)
    assert prev == repo.state().history_head
    assert repo.check() == []
    assert [e.meeting for e in repo.history()][-2:] == [1, 1]


def test_the_meeting_number_is_covered_by_the_hash(tmp_path: Path) -> None:
    repo = a_meeting(tmp_path / "board.json")
    path = history_path(repo.path)
    raw = path.read_bytes()
    forged = raw.replace(b'"meeting":1,', b'"meeting":2,', 1)  # the edit moved to another meeting
    assert forged != raw
    path.write_bytes(forged)
    problems = repo.check()
    assert len(problems) == 1 and "was altered" in problems[0]
    with pytest.raises(Unreachable, match="does not hold its hash chain"):
        state_at(repo, 0)


def test_a_schema2_store_with_meetings_and_actions_migrates_and_replays(tmp_path: Path) -> None:
    """Old main (schema 2) wrote meetings and actions but no chain: the migration chains its
    lines, keeps each `meeting`, and the board as at every revision is still reachable."""
    path = tmp_path / "board.json"
    repo = a_meeting(path)
    boards = {r: state_at(repo, r).bids for r in range(repo.state().revision + 1)}
    lines = entry_lines(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    meta = data["_meta"]["1"]
    for key in ("store_id", "history_lines", "history_head", "history_bytes"):
        meta.pop(key)
    meta["schema_version"] = 2
    path.write_text(json.dumps(data), encoding="utf-8")
    history_path(path).unlink()
    unchained = [{k: v for k, v in e.items() if k not in ("p", "h")} for e in lines]
    path.with_name("board.history.jsonl").write_bytes(
        b"".join(canonical(e) + b"\n" for e in unchained)
    )
    migrated = Repository.open(path)
    assert migrated.state().store_id and migrated.check() == []
    assert [e.get("meeting") for e in entry_lines(path)] == [e.get("meeting") for e in lines]
    assert {r: state_at(migrated, r).bids for r in boards} == boards
    assert len(migrated.state().actions) == 1 and len(migrated.state().meetings) == 1
