"""Envelope, priority, reprofiling and import: each is one revision with one history line per
changed field, undone as a whole, and refused whole (nothing written) when anything is wrong."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from store import NotFound, Repository, StaleEdit, ValidationError, history_path, planning


def order(repo: Repository) -> list[int]:
    return [b.id for b in repo.state().by_priority]


def files(path: Path) -> tuple[bytes, bytes | None]:
    hist = history_path(path)
    return path.read_bytes(), hist.read_bytes() if hist.exists() else None


def test_a_new_store_has_the_reports_order(repo: Repository) -> None:
    state = repo.state()
    assert [state.priority(b.id) for b in state.bids] == [1, 2, 3, 4, 5]
    assert all(state.within_envelope(b.id) is None for b in state.bids)


def test_moving_bid_4_to_the_top_renumbers_the_others_in_one_revision(repo: Repository) -> None:
    change = repo.set_field("bids", "4", "priority", "1")
    assert order(repo) == [4, 1, 2, 3, 5]
    entries = repo.history()
    assert {e.revision for e in entries} == {change.revision} == {1}
    assert sorted((e.record, e.old, e.new) for e in entries) == [
        ("1", 1, 2),
        ("2", 2, 3),
        ("3", 3, 4),
        ("4", 4, 1),
    ]
    repo.revert(change)
    assert order(repo) == [1, 2, 3, 4, 5]
    assert repo.state().revision == 2


@pytest.mark.parametrize("rank", ["0", "6", "-1", "1.5", "first", ""])
def test_a_priority_of_0_or_past_the_end_is_refused(
    repo: Repository, store_path: Path, rank: str
) -> None:
    before = files(store_path)
    with pytest.raises(ValidationError, match="a whole number from 1|outside 1 to 5"):
        repo.set_field("bids", "4", "priority", rank)
    assert files(store_path) == before


def test_an_old_store_without_priorities_is_read_in_the_reports_order(
    repo: Repository, store_path: Path
) -> None:
    data = json.loads(store_path.read_bytes())
    for bid in data["bids"].values():
        del bid["priority"]
    store_path.write_text(json.dumps(data), encoding="utf-8")
    again = Repository.open(store_path)
    assert order(again) == [1, 2, 3, 4, 5]
    again.set_field("bids", "5", "priority", "2")
    assert order(again) == [1, 5, 2, 3, 4]


def test_adding_a_bid_puts_it_last_and_deleting_one_closes_the_gap(repo: Repository) -> None:
    added = repo.add("bids", {"title": "Wi-Fi"})
    assert order(repo)[-1] == int(added.record) == 6
    repo.delete("bids", "2")
    state = repo.state()
    assert [state.priority(b) for b in order(repo)] == [1, 2, 3, 4, 5]
    assert order(repo) == [1, 3, 4, 5, 6]
    with pytest.raises(ValidationError, match="goes last"):
        repo.add("bids", {"title": "x", "priority": "1"})


def test_undoing_a_delete_puts_the_bid_back_in_its_place(repo: Repository) -> None:
    deleted = repo.delete("bids", "2")
    repo.revert(deleted)
    assert order(repo) == [1, 2, 3, 4, 5]


def test_envelope_set_and_cleared_is_recorded_and_undoable(repo: Repository) -> None:
    change = repo.apply(planning.envelope(repo.state(), "2005/06", "700"))
    state = repo.state()
    assert state.envelope == {"2005/06": 700}
    assert state.oversubscription() == {"2005/06": 70}
    assert [state.within_envelope(b) for b in order(repo)] == [True, True, True, True, False]
    [entry] = repo.history()
    assert (entry.table, entry.record, entry.field, entry.old, entry.new) == (
        "envelope",
        "2005/06",
        "amount",
        None,
        700,
    )
    repo.revert(change)
    assert repo.state().envelope == {}


@pytest.mark.parametrize(
    ("year", "amount", "message"),
    [
        ("2005/06", "-5", "non-negative"),
        ("2005/06", "1.5", "whole"),
        ("2009/10", "5", "unknown year"),
        ("2005/06", "", "whole"),
    ],
)
def test_a_bad_envelope_changes_nothing(
    repo: Repository, store_path: Path, year: str, amount: str, message: str
) -> None:
    before = files(store_path)
    with pytest.raises(ValidationError, match=message):
        repo.apply(planning.envelope(repo.state(), year, amount))
    assert files(store_path) == before


def test_reprofile_moves_money_as_one_revision_and_keeps_the_total(repo: Repository) -> None:
    change = repo.apply(planning.reprofile(repo.state(), "1", "2005/06", "after", "100"))
    bid = repo.state().bids[0]
    assert bid.amounts == {"2005/06": 250, "2006/07": 250, "2007/08": 0, "after": 100}
    assert bid.total == 600
    assert [e.revision for e in repo.history()] == [1, 1]
    repo.revert(change)
    assert repo.state().bids[0].amounts["2005/06"] == 350


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (("1", "2005/06", "2006/07", "351"), "holds 350"),
        (("1", "2005/06", "2005/06", "1"), "to itself"),
        (("1", "2005/06", "2010/11", "1"), "unknown year"),
        (("1", "2005/06", "after", "-1"), "non-negative"),
        (("1", "2005/06", "after", "0.5"), "whole"),
        (("9", "2005/06", "after", "1"), "no bids record"),
    ],
)
def test_a_bad_reprofile_changes_nothing(
    repo: Repository, store_path: Path, args: tuple[str, ...], error: str
) -> None:
    before = files(store_path)
    with pytest.raises((ValidationError, NotFound), match=error):
        repo.apply(planning.reprofile(repo.state(), *args))
    assert files(store_path) == before


def test_a_plan_read_before_someone_elses_edit_is_refused_whole(
    repo: Repository, store_path: Path
) -> None:
    plan = planning.reprofile(repo.state(), "1", "2005/06", "after", "100")
    Repository.open(store_path, who="other@host").set_field("bids", "1", "after", "5")
    before = files(store_path)
    with pytest.raises(StaleEdit, match="other@host"):
        repo.apply(plan)
    assert files(store_path) == before
