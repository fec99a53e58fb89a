"""The board as at a revision: the history replayed back from the current state.

The property: after any sequence of edits (fields, rows added and removed, meetings, snapshots),
the board as at every revision is the board as it was read just after that revision, and
replaying the history forward again from there gives the current board.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import msgspec
import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store import BoardState, Repository, StoreDamaged, Unreachable, history_path, state_at
from store.as_at import lines_since, replay, rewind
from store.history_file import HistoryFile
from store.records import public_fields

EDITS = st.lists(
    st.one_of(
        st.tuples(st.just("set"), st.sampled_from(["components", "bids"]), st.sampled_from(["1", "2"]),
                  st.sampled_from(["note", "status", "title"]), st.integers(0, 3)),
        st.tuples(st.just("money"), st.sampled_from(["1", "3"]), st.sampled_from(["2005/06", "after"]),
                  st.integers(0, 900)),
        st.tuples(st.just("part"), st.sampled_from(["part1.status", "part4.target"]), st.integers(0, 3)),
        st.tuples(st.just("decide"), st.sampled_from(["3.1", "3.2"]), st.sampled_from(["agreed", "deferred"])),
        st.tuples(st.just("add"), st.sampled_from(["actions", "components", "bids"])),
        st.tuples(st.just("delete"), st.sampled_from(["actions", "components", "bids"])),
        st.tuples(st.just("meeting")),
        st.tuples(st.just("snapshot")),
    ),
    min_size=1,
    max_size=25,
)  # fmt: skip
VALUES = {
    "note": ["", "minuted", "[bold]x", "line\nbreak"],
    "title": ["A", "B <b>", "C", "D"],
    "status": {"components": ["complete", "under review", "not started", "superseded"],
               "bids": ["approved", "reserve", "deferred", "proposed"]},
    "part1.status": ["complete", "under review", "not started", "superseded"],
    "part4.target": ["end-Nov 2004", "Dec 2004", "", "mid-Jan 2005"],
}  # fmt: skip


def apply(repo: Repository, edit: tuple[Any, ...]) -> None:
    kind, *args = edit
    state = repo.state()
    if kind == "set":
        table, record, field, n = args
        values = VALUES[field]
        value = values[table][n] if isinstance(values, dict) else values[n]
        if record in {str(r.id) for r in getattr(state, table)}:
            repo.set_field(table, record, field, value)
    elif kind == "money":
        record, year, amount = args
        if record in {str(b.id) for b in state.bids}:
            repo.set_field("bids", record, year, amount)
    elif kind == "part":
        field, n = args
        if 5 in {c.id for c in state.components}:
            repo.set_field("components", "5", field, VALUES[field][n])
    elif kind == "decide":
        repo.set_field("recommendations", args[0], "decision", args[1])
    elif kind == "add":
        fields = {"text": "Send the papers", "due": "30/11/2004"} if args[0] == "actions" else {}
        repo.add(args[0], fields)
    elif kind == "delete":
        rows = getattr(state, args[0])
        if rows:
            repo.delete(args[0], str(rows[-1].id))
    elif kind == "meeting":
        if state.open_meeting:
            repo.end_meeting()
        else:
            repo.start_meeting(title="Board", present="A; B")
    else:
        repo.record_snapshot(["md"], state.revision)


def comparable(state: BoardState) -> dict[str, Any]:
    """Everything a screen or export shows (not the last author, which a replay cannot know for
    a revision that only a snapshot took)."""
    data = msgspec.to_builtins(state)
    for key in ("changed_at", "changed_by"):
        data.pop(key)
    return data


def public(data: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return {
        table: {key: public_fields(doc) for key, doc in rows.items()}
        for table, rows in data.items()
        if table not in ("_meta", "snapshots")
    }


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(EDITS)
def test_as_at_every_revision_is_the_board_then_and_replaying_forward_gives_now(
    edits: list[tuple[Any, ...]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        repo = Repository.open(Path(folder) / "board.json", who="tester@test")
        seen = {0: comparable(repo.state())}
        for edit in edits:
            apply(repo, edit)
            seen[repo.state().revision] = comparable(repo.state())
        current = repo.storage.load()
        for revision, then in seen.items():
            assert comparable(state_at(repo, revision)) == then, revision
            newer = lines_since(repo, revision)
            forward = replay(rewind(current, newer), reversed(newer))
            assert public(forward) == public(current), revision


@pytest.fixture
def repo(tmp_path: Path) -> Repository:
    repo = Repository.open(tmp_path / "board.json", who="tester@test")
    repo.set_field("bids", "1", "2005/06", 400)  # revision 1
    repo.set_field("bids", "1", "2005/06", 450)  # revision 2
    repo.set_field("components", "1", "note", "third")  # revision 3
    return repo


def test_a_revision_past_the_current_one_is_refused(repo: Repository) -> None:
    with pytest.raises(Unreachable, match="revision 9 is past the current revision 3"):
        state_at(repo, 9)


def rewritten(repo: Repository, keep: list[bytes | dict[str, Any]]) -> None:
    """Write the history afresh with only `keep` (lines or edited entries), chained and with the
    store's head moved to match: a history rewritten by someone who also knew to fix the chain,
    so only the replay's own checks are left to catch it."""
    meta = repo.storage.meta()
    entries = [orjson.loads(e) if isinstance(e, bytes) else e for e in keep]
    path = history_path(repo.path)
    head = HistoryFile(path, meta["store_id"]).replace(entries, like=repo.path)
    data = orjson.loads(repo.path.read_bytes())
    data["_meta"]["1"].update(head.as_meta())
    repo.path.write_bytes(orjson.dumps(data))


def lines_of(repo: Repository) -> list[bytes]:
    """The history's entry lines (after its header line), revision 1 first."""
    return history_path(repo.path).read_bytes().splitlines(keepends=True)[1:]


def test_a_lost_history_line_is_a_gap_the_replay_will_not_cross(repo: Repository) -> None:
    one, _, three = lines_of(repo)
    rewritten(repo, [one, three])  # revision 2's line gone
    assert state_at(repo, 2).bids[0].amounts["2005/06"] == 450
    with pytest.raises(Unreachable, match="revision 2 has no readable history line"):
        state_at(repo, 1)


def test_a_lost_line_breaks_the_chain_of_the_lines_after_it(repo: Repository) -> None:
    path = history_path(repo.path)
    header, one, _, three = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(header + one + three)  # deleted by hand: the chain does not hold
    with pytest.raises(Unreachable, match="revision 3 does not hold its hash chain"):
        state_at(repo, 2)


def test_a_line_altered_by_hand_is_refused_by_its_hash(repo: Repository) -> None:
    path = history_path(repo.path)
    header, one, two, three = path.read_bytes().splitlines(keepends=True)
    forged = orjson.loads(two)
    forged["old"] = 999  # a different past for revision 2, hash left as it was
    path.write_bytes(header + one + orjson.dumps(forged) + b"\n" + three)
    assert state_at(repo, 2).bids[0].amounts["2005/06"] == 450  # lines newer than 2 hold
    with pytest.raises(Unreachable, match="revision 2 does not hold its hash chain"):
        state_at(repo, 1)


def test_a_damaged_history_line_is_refused_not_skipped(repo: Repository) -> None:
    path = history_path(repo.path)
    header, one, _, three = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(header + one + b'{"rev": 2, "table": "bids"\n' + three)
    with pytest.raises(Unreachable, match="revision 2"):
        state_at(repo, 0)


def test_a_line_that_does_not_match_the_store_is_refused(repo: Repository) -> None:
    one, two, three = lines_of(repo)
    wrong = orjson.loads(three)
    wrong["table"], wrong["id"] = "bids", "99"
    rewritten(repo, [one, two, wrong])
    with pytest.raises(StoreDamaged, match="bids 99 is not on the board there"):
        state_at(repo, 0)


def test_a_history_that_starts_late_cannot_reach_before_its_start(repo: Repository) -> None:
    rewritten(repo, [lines_of(repo)[2]])
    assert state_at(repo, 2).components[0].note == ""
    with pytest.raises(Unreachable, match="before the earliest the history reaches"):
        state_at(repo, 1)


def test_the_current_state_is_left_untouched_by_a_replay(repo: Repository) -> None:
    before = repo.storage.path.read_bytes()
    assert state_at(repo, 0).bids[0].amounts["2005/06"] == 350
    assert repo.state().bids[0].amounts["2005/06"] == 450
    assert repo.storage.path.read_bytes() == before


def test_a_line_whose_new_value_the_store_does_not_hold_is_refused(repo: Repository) -> None:
    one, two, three = lines_of(repo)
    forged = orjson.loads(three)
    forged["new"] = "something else"  # revision 3 claims a note the store never held
    rewritten(repo, [one, two, forged])
    assert state_at(repo, 3) is repo.state()  # the present needs no replay
    with pytest.raises(StoreDamaged, match="components 1 note does not hold what its history"):
        state_at(repo, 2)


def test_a_line_missing_its_field_is_a_gap_named_by_its_revision(repo: Repository) -> None:
    one, two, three = lines_of(repo)
    broken = orjson.loads(two)
    del broken["field"]
    rewritten(repo, [one, broken, three])  # unreadable: skipped by every reader, so a gap
    with pytest.raises(Unreachable, match="revision 2 has no readable history line"):
        state_at(repo, 0)


def test_a_forged_line_is_named_by_its_hash_before_what_it_claims(repo: Repository) -> None:
    """The replay undoes a line before the line older than it proves its hash: a forged value
    the store never held is still refused as a broken chain, which is what it is."""
    path = history_path(repo.path)
    header, one, two, three = path.read_bytes().splitlines(keepends=True)
    forged = orjson.loads(three)
    forged["new"] = "something else"  # hash left as it was
    path.write_bytes(header + one + two + orjson.dumps(forged) + b"\n")
    with pytest.raises(Unreachable, match="revision 3 does not hold its hash chain"):
        state_at(repo, 2)


def reformatted(line: bytes) -> bytes:
    """The line as a person's editor might save it: keys reversed, spaces after separators."""
    entry = orjson.loads(line)
    return json.dumps(dict(reversed(entry.items())), ensure_ascii=False).encode() + b"\n"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(EDITS)
def test_lines_saved_again_by_hand_replay_to_the_same_boards(edits: list[tuple[Any, ...]]) -> None:
    """Lines not as the console writes them are checked by their content, not their bytes (the
    replay's second, careful read): the same boards as from the lines as written."""
    with tempfile.TemporaryDirectory() as folder:
        repo = Repository.open(Path(folder) / "board.json", who="tester@test")
        for edit in edits:
            apply(repo, edit)
        revisions = range(repo.state().revision + 1)
        as_written = [comparable(state_at(repo, r)) for r in revisions]
        path = history_path(repo.path)
        if path.exists():  # edits that write no history (a snapshot alone) have nothing to save
            header, *lines = path.read_bytes().splitlines(keepends=True)
            path.write_bytes(header + b"".join(reformatted(line) for line in lines))
        again = Repository.open(repo.path)
        assert [comparable(state_at(again, r)) for r in revisions] == as_written
        assert again.check() == []
