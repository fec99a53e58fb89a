"""Meetings and actions in the store: the rules, the meeting number on history lines, damage."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from store import Repository, StoreDamaged, ValidationError
from store.minutes import build


def test_every_line_written_while_a_meeting_is_open_carries_its_number(repo: Repository) -> None:
    repo.set_field("components", "1", "note", "before")
    repo.start_meeting(title="Cabinet")
    change = repo.set_field("components", "1", "note", "during")
    repo.revert(change)  # an undo in the meeting is the meeting's too
    repo.add("actions", {"text": "Follow up"})
    repo.end_meeting()
    repo.set_field("components", "1", "note", "after")
    meetings = [(e.table, e.field, e.meeting) for e in reversed(repo.history())]
    assert meetings == [
        ("components", "note", None),
        ("meetings", "*", 1),
        ("components", "note", 1),
        ("components", "note", 1),
        ("actions", "*", 1),
        ("meetings", "ended_at", 1),
        ("meetings", "end_rev", 1),
        ("components", "note", None),
    ]
    assert repo.state().actions[0].meeting == 1


def test_one_meeting_at_a_time_and_none_to_end_or_correct(repo: Repository) -> None:
    with pytest.raises(ValidationError, match="no meeting is open"):
        repo.end_meeting()
    with pytest.raises(ValidationError, match="no meeting is open"):
        repo.update_meeting(present="A")
    first = repo.start_meeting(date="18 October 2004", present="A;  B ;", apologies="")
    assert (first.id, first.date, first.present, first.apologies) == (
        1,
        "2004-10-18",
        ("A", "B"),
        (),
    )
    with pytest.raises(ValidationError, match="meeting 1 is still open"):
        repo.start_meeting()
    assert repo.end_meeting().end_revision == repo.state().revision
    assert repo.start_meeting().id == 2


def test_a_meeting_sheet_counts_only_its_own_edits(repo: Repository) -> None:
    repo.start_meeting(title="One")
    repo.set_field("recommendations", "3.1", "decision", "agreed")
    repo.end_meeting()
    repo.start_meeting(title="Two")
    repo.set_field("recommendations", "3.2", "decision", "deferred")
    repo.set_field("bids", "2", "status", "reserve")
    repo.end_meeting()
    one, two = build(repo, 1), build(repo, 2)
    assert [d.ref for d in one.decisions] == ["3.1"] and one.changes == ()
    assert [(d.ref, d.takes_effect) for d in two.decisions] == [("3.2", None)]  # deferred
    assert [(c.record, c.new) for c in two.changes] == [
        ("bids 2 Local Area Network (LAN) infrastructure upgrade", "reserve")
    ]


@pytest.mark.parametrize(
    ("table", "damage", "words"),
    [
        ("meetings", {"present": "A"}, "meetings 1: 'A' is not a list of names"),
        ("meetings", {"start_rev": None}, "meetings 1"),
        ("actions", {"status": "closed"}, "actions 1: status: 'closed' is not one of"),
        ("actions", {"due": "2004-13-45"}, "actions 1: due"),
    ],
)
def test_a_damaged_meeting_or_action_is_refused_with_its_place(
    repo: Repository, store_path: Path, table: str, damage: dict[str, object], words: str
) -> None:
    repo.start_meeting()
    repo.add("actions", {"text": "Chase"})
    data = orjson.loads(store_path.read_bytes())
    data[table]["1"].update(damage)
    store_path.write_bytes(orjson.dumps(data))
    before = store_path.read_bytes()
    with pytest.raises(StoreDamaged, match=words):
        Repository.open(store_path)
    assert store_path.read_bytes() == before
