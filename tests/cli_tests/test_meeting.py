"""A whole meeting through the installed command: start, decisions, an action, end, minutes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from store import Repository

from .conftest import Files, Result


@pytest.fixture
def board(board_on_store):  # type: ignore[no-untyped-def]
    return board_on_store


def refused(result: Result, words: str) -> None:
    assert result.code == 2 and result.out == "", result
    assert result.err.startswith("board: ") and result.err.count("\n") == 1, result.err
    assert words in result.err, result.err


def hold_meeting(board) -> None:  # type: ignore[no-untyped-def]
    start = board(
        "meeting", "start", "--date", "18/10/2004", "--title", "Cabinet",
        "--present", "Cllr Patel; Cllr <script>x</script>", "--apologies", "Cllr Bhatti",
    )  # fmt: skip
    assert start.code == 0, start.err
    assert start.out.startswith("started meeting 1 (open), 18 October 2004, Cabinet")
    assert board("set", "recommendations", "3.1", "decision", "agreed").code == 0
    assert board("set", "bids", "1", "2005/06", "400").code == 0
    assert board("set", "bids", "4", "status", "reserve").code == 0
    action = board(
        "add", "actions", "text=Circulate the component documents", "owner=I Vania",
        "due=30 Nov 2004", "source=recommendations 3.2",
    )  # fmt: skip
    assert action.code == 0, action.err
    assert board("meeting", "update", "--present", "Cllr Patel; Cllr Kitterick").code == 0
    end = board("meeting", "end")
    assert end.code == 0 and end.out.startswith("ended meeting 1"), end


def test_edits_in_a_meeting_carry_its_number_and_none_after_it(board, store_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert board("set", "components", "1", "note", "before").code == 0
    hold_meeting(board)
    assert board("set", "components", "1", "note", "after").code == 0
    lines = [json.loads(line) for line in board("history", "--json").out.splitlines()]
    by_meeting = {
        (e["table"], e["field"], e["new"] if e["field"] == "note" else ""): e["meeting"]
        for e in lines
    }
    assert by_meeting[("components", "note", "before")] is None
    assert by_meeting[("components", "note", "after")] is None
    assert by_meeting[("recommendations", "decision", "")] == 1
    assert by_meeting[("actions", "*", "")] == 1
    assert [e["meeting"] for e in lines if e["table"] == "meetings"] == [1, 1, 1, 1]
    listed = board("meeting", "list").out
    assert "meeting 1, 18 October 2004, Cabinet: revisions 2-8" in listed
    assert "present Cllr Patel, Cllr Kitterick; apologies Cllr Bhatti" in listed


def test_the_decision_sheet_comes_from_the_meetings_own_edits(board, store_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert board("set", "bids", "2", "status", "approved").code == 0  # before: not the meeting's
    hold_meeting(board)
    # Published Wednesday 22 December 2004: 5 working days skip the weekend, Christmas and
    # Boxing Day's substitute bank holidays (27 and 28 December), so call-in ends on Friday 31st.
    sheet = board("minutes", "--published", "22/12/2004")
    assert sheet.code == 0, sheet.err
    out = sheet.out
    assert out.startswith("# Decision sheet: Cabinet, 18 October 2004")
    assert "**Present:** Cllr Patel; Cllr Kitterick" in out and "Cllr Bhatti" in out
    assert "Endorse the corporate ICT / e-Modernising Leicester Strategic Framework." in out
    assert "| 3.1 |" in out and "✔ agreed" in out and "31 December 2004" in out
    assert "| 2005/06 | 350 → 400 |" in out and "proposed → reserve" in out
    assert "proposed → approved" not in out  # bid 2 changed before the meeting
    assert (
        "Circulate the component documents | I Vania | 30 November 2004 | recommendations 3.2"
        in out
    )
    assert "Key decision not in the forward plan" in out
    longer = board("minutes", "--published", "2004-12-22", "--call-in-days", "7").out
    assert "5 January 2005" in longer  # 31 Dec, 3 Jan (New Year's Day substitute) skipped


def test_the_html_decision_sheet_escapes_what_was_typed(board, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    board("meeting", "start", "--present", "Cllr <script>alert(1)</script> & co")
    board("set", "recommendations", "3.2", "note", '<img src=x onerror="y">')
    board("set", "recommendations", "3.2", "decision", "amended")
    board("meeting", "end")
    target = tmp_path / "minutes.html"
    assert board("minutes", "--format", "html", "-o", str(target)).code == 0
    page = target.read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page
    assert "<img" not in page and "&lt;img src=x onerror=&quot;y&quot;&gt;" in page
    assert "✎ amended" in page


def test_bad_meeting_commands_are_one_line_and_change_nothing(board, store_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert board("set", "components", "1", "note", "x").code == 0
    before = Files.of(store_path)
    refused(board("meeting", "end"), "no meeting is open")
    refused(board("meeting", "update", "--present", "A"), "no meeting is open")
    refused(board("minutes"), "no meetings yet")
    refused(board("meeting", "start", "--date", "31/02/2004"), "31/02/2004")
    assert Files.of(store_path) == before
    assert board("meeting", "start").code == 0
    during = Files.of(store_path)
    refused(board("meeting", "start"), "meeting 1 is still open")
    refused(board("meeting", "update"), "nothing to change")
    refused(board("minutes", "--meeting", "4"), "no meeting 4; meetings are: 1")
    assert Files.of(store_path) == during


def test_an_ended_meeting_puts_its_sheet_in_the_next_bundle_only(board, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    hold_meeting(board)
    first, second = tmp_path / "first", tmp_path / "second"
    assert board("export", "--all", str(first)).code == 0
    assert (first / "minutes-1.md").read_text(encoding="utf-8").startswith("# Decision sheet")
    changes = (first / "changes.md").read_text(encoding="utf-8")
    assert "## Changes since the last meeting" in changes
    assert "0 changes since meeting 1 (Cabinet, 18 October 2004) ended at revision 7" in changes
    board("set", "components", "2", "note", "after the meeting")
    assert board("export", "--all", str(second)).code == 0
    assert not list(second.glob("minutes-*"))
    assert "1 change since meeting 1" in (second / "changes.md").read_text(encoding="utf-8")


def test_a_read_only_console_cannot_start_a_meeting(board, store_path: Path) -> None:  # type: ignore[no-untyped-def]
    Repository.open(store_path)
    before = Files.of(store_path)
    result = board("--read-only", "meeting", "start")
    assert result.code == 2 and "read-only" in result.err
    assert Files.of(store_path) == before
