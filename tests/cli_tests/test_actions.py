"""Actions from the command line: add with a UK due date, set, show, export, remove; bad input."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from .conftest import Files, Result, clean_env, run_board


@pytest.fixture
def board(tmp_path: Path):  # type: ignore[no-untyped-def]
    env = clean_env(tmp_path)
    store = str(tmp_path / "board.json")
    return lambda *args: run_board("--store", store, *args, env=env)


def refused(result: Result, words: str) -> None:
    assert (result.code, result.out) == (2, ""), result
    assert result.err.startswith("board: ") and result.err.count("\n") == 1, result.err
    assert words in result.err, result.err


@pytest.mark.parametrize("due", ["30/11/2004", "2004-11-30", "30 November 2004", "30 Nov 2004"])
def test_an_action_takes_a_uk_due_date_and_keeps_it_iso(board, due: str) -> None:  # type: ignore[no-untyped-def]
    added = board("add", "actions", "text=Send the papers", "owner=I Vania", f"due={due}")
    assert (added.code, added.out) == (0, "actions 1 *: added Send the papers\n"), added
    data = json.loads(board("export", "--format", "json").out)
    assert data["actions"] == [
        {"id": 1, "text": "Send the papers", "owner": "I Vania", "due": "2004-11-30",
         "status": "open", "overdue": True, "source": None, "meeting": None},
    ]  # fmt: skip
    shown = board("show", "actions").out
    assert "30 November 2004  ⚠ overdue" in shown and "○ open" in shown


def test_status_cycles_through_set_and_done_is_never_overdue(board) -> None:  # type: ignore[no-untyped-def]
    board("add", "actions", "text=Report back", "due=01/01/2005")
    done = board("set", "actions", "1", "status", "done")
    assert done.out == "actions 1 status: open → done\n"
    assert "overdue" not in board("show", "actions").out
    rows = csv.DictReader(io.StringIO(board("export", "--format", "csv").out.lstrip("\ufeff")))
    [row] = [r for r in rows if r["table"] == "actions"]
    assert (row["text"], row["due"], row["status"], row["overdue"]) == (
        "Report back", "2005-01-01", "done", "N",
    )  # fmt: skip


def test_remove_takes_the_row_away_and_records_it(board) -> None:  # type: ignore[no-untyped-def]
    board("add", "actions", "text=Drop me")
    removed = board("remove", "actions", "1")
    assert removed.out == "actions 1 *: removed Drop me\n"
    assert json.loads(board("export", "--format", "json").out)["actions"] == []
    assert "removed action 1 'Drop me'" in board("history").out  # history says it in words


def test_bad_actions_are_one_line_and_change_nothing(board, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    board("add", "actions", "text=Keep me", "due=30/11/2004")
    before = Files.of(tmp_path / "board.json")
    refused(board("add", "actions", "text=x", "due=31/02/2004"), "31/02/2004")
    refused(board("add", "actions", "text=x", "due=soon"), "'soon' is not a date")
    refused(board("add", "actions", "text=x", "due=Nov 2004"), "not a whole date")
    refused(board("add", "actions", "text=x", "status=closed"), "open, done, dropped")
    refused(board("add", "actions", "owner=nobody"), "actions text: it cannot be empty")
    refused(board("add", "actions", "text"), "'text' is not FIELD=VALUE")
    refused(
        board("add", "actions", "text=x", "source=recommendations 9.9"),
        "no recommendations record '9.9'",
    )
    refused(board("add", "actions", "text=x", "source=minutes 1"), "not a record like")
    refused(
        board("add", "implications", "name=x"), "rows can be added to components, bids, actions"
    )
    refused(board("set", "actions", "1", "status", "finished"), "open, done, dropped")
    refused(board("set", "actions", "1", "due", "yesterday"), "yesterday")
    refused(board("remove", "actions", "7"), "no actions record '7'")
    refused(board("remove", "recommendations", "3.1"), "rows can be removed from")
    assert Files.of(tmp_path / "board.json") == before
