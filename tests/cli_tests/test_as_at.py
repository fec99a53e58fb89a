"""`board show --at` and `board export --at`: the board as it stood at a revision."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from store import history_path

from .conftest import Files


@pytest.fixture
def board(board_on_store):  # type: ignore[no-untyped-def]
    run = board_on_store
    run("set", "bids", "1", "2005/06", "400")  # revision 1
    run("meeting", "start", "--title", "Cabinet")  # revision 2
    run("set", "recommendations", "3.1", "decision", "agreed")  # revision 3
    run("add", "actions", "text=Circulate", "due=30/11/2004")  # revision 4
    run("meeting", "end")  # revision 5
    return run


def test_show_at_a_revision_is_the_board_then_and_says_so(board) -> None:  # type: ignore[no-untyped-def]
    then = board("show", "--at", "2")
    assert then.code == 0, then.err
    assert "As at revision 2 (" in then.out and "UTC)" in then.out
    [rec] = [line for line in then.out.splitlines() if line.startswith("| 3.1 ")]
    [bid] = [
        line for line in then.out.splitlines() if line.startswith("| 1 ") and "records" in line
    ]
    assert "○ pending" in rec and " 400 |" in bid and "Circulate" not in then.out
    now = board("show")
    assert "As at" not in now.out and "✔ agreed" in now.out and "Circulate" in now.out
    assert "As at revision 0 (as created)" in board("show", "bids", "--at", "0").out


def test_export_at_a_revision_gives_that_boards_snapshot_and_records_none(
    board, store_path: Path
) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(board("export", "--format", "json", "--at", "3").out)
    assert data["revision"] == 3 and data["actions"] == []
    assert data["recommendations"][0]["decision"] == "agreed"
    assert data["meetings"][0]["end_revision"] is None  # still open at revision 3
    assert "as at revision 3" in board("export", "--format", "md", "--at", "3").out
    before = Files.of(store_path)
    folder = store_path.parent / "then"
    assert board("export", "--all", str(folder), "--at", "1").code == 0
    assert not (folder / "screen.svg").exists()  # the screen shows the present
    assert Files.of(store_path) == before  # a past board is not recorded as a snapshot


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("show", "--at", "6"), "revision 6 is past the current revision 5"),
        (("export", "--format", "md", "--at", "99"), "revision 99 is past the current revision 5"),
        (("show", "--at", "-1"), "'-1' is not a revision number"),
        (("export", "--format", "svg", "--at", "1"), "--at cannot be used with svg"),
        (("export", "--format", "md", "--at", "1", "--record"), "--at cannot be used with"),
    ],
)
def test_a_revision_that_cannot_be_shown_is_refused(board, store_path: Path, args, words) -> None:  # type: ignore[no-untyped-def]
    before = Files.of(store_path)
    result = board(*args)
    assert (result.code, result.out) == (2, "") and words in result.err, result
    assert result.err.count("\n") == 1
    assert Files.of(store_path) == before


def test_a_gap_in_the_history_is_named(board, store_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = history_path(store_path)
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(b"".join(line for line in lines if b'"rev":3' not in line))
    result = board("show", "--at", "1")
    assert result.code == 2
    assert "revision 3 has no readable history line" in result.err
