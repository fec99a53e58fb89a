"""A whole meeting driven from the keyboard: start, decisions, an action, end, the decision sheet;
then the board as at the end of the meeting, read-only."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from store import Repository
from tui.app import BoardApp
from tui.screens.edit import ConfirmScreen, EditScreen
from tui.screens.form import FormScreen
from tui.screens.past import PastBoardScreen
from tui.widgets.overview_text import OverviewText

from .conftest import Cells, StatusLine, WaitFor


async def fill(pilot, *values: str | None) -> None:  # type: ignore[no-untyped-def]
    """Type each value into the next field of a form (None keeps what is there), then enter."""
    for value in values:
        if value is not None:
            await pilot.press("ctrl+u", *value)
        await pilot.press("enter")
    await pilot.pause()


async def test_a_whole_meeting_from_the_keyboard(
    app: BoardApp,
    repo: Repository,
    tmp_path: Path,
    cells: Cells,
    wait_for: WaitFor,
    status_line: StatusLine,
) -> None:
    folder = tmp_path / "after the meeting"
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("m")
        assert isinstance(app.screen, FormScreen)
        await fill(pilot, "Cabinet", "18/10/2004", "Cllr Patel; Cllr Kitterick", "Cllr Bhatti")
        assert not isinstance(app.screen, FormScreen)
        assert "meeting 1 open" in status_line(app)

        await pilot.press("5", "space")  # recommendation 3.1: pending -> agreed
        await pilot.pause()
        assert cells(app, "recommendations", "3.1")[2] == "✔ agreed"

        await pilot.press("7", "a")
        assert isinstance(app.screen, FormScreen)
        await fill(
            pilot,
            "Circulate the component documents",
            "I Vania",
            "30 Nov 2004",
            "recommendations 3.2",
        )
        assert cells(app, "actions", "1")[1:5] == [
            "Circulate the component documents", "I Vania", "30 November 2004", "○ open",
        ]  # fmt: skip

        await pilot.press("m")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert "meeting 1 open" not in status_line(app)

        await pilot.press("x", "ctrl+u", *str(folder), "enter")
        assert await wait_for(
            lambda: any("Snapshot written" in n.message for n in app._notifications)
        )
        message = next(n.message for n in app._notifications if "Snapshot written" in n.message)
        assert "with 1 decision sheet" in message

    meeting = repo.state().meetings[0]
    assert (meeting.title, meeting.date, meeting.present, meeting.apologies) == (
        "Cabinet", "2004-10-18", ("Cllr Patel", "Cllr Kitterick"), ("Cllr Bhatti",),
    )  # fmt: skip
    assert meeting.end_revision is not None
    decision = next(e for e in repo.history() if e.field == "decision")
    assert (decision.new, decision.meeting) == ("agreed", 1)
    assert repo.state().actions[0].due == "2004-11-30" and repo.state().actions[0].meeting == 1
    sheet = (folder / "minutes-1.md").read_text(encoding="utf-8")
    assert sheet.startswith("# Decision sheet: Cabinet, 18 October 2004")
    assert "Endorse the corporate ICT / e-Modernising Leicester Strategic Framework." in sheet
    assert "✔ agreed" in sheet and "Circulate the component documents | I Vania" in sheet
    assert "<title>Decision sheet: Cabinet, 18 October 2004</title>" in (
        folder / "minutes-1.html"
    ).read_text(encoding="utf-8")


async def test_a_bad_due_date_keeps_the_form_open_and_saves_nothing(
    app: BoardApp, store_path: Path
) -> None:
    before = store_path.read_bytes()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("7", "a")
        await fill(pilot, "Report back", "", "31/02/2005", "")
        assert isinstance(app.screen, FormScreen)
        error = str(app.screen.query_one("#error", Static).render())
        assert "31/02/2005" in error
        await pilot.press("escape")
        assert not isinstance(app.screen, FormScreen)
    assert store_path.read_bytes() == before


async def test_action_status_cycles_and_delete_asks_first(
    app: BoardApp, repo: Repository, cells: Cells
) -> None:
    repo.add("actions", {"text": "Chase the bids", "due": "2004-10-20"})
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("7")
        assert cells(app, "actions", "1")[3] == "20 October 2004  ⚠ overdue"  # today is 1 Nov
        await pilot.press("space")
        await pilot.pause()
        assert cells(app, "actions", "1")[3:5] == ["20 October 2004", "✔ done"]
        await pilot.press("space", "space")
        await pilot.pause()
        assert cells(app, "actions", "1")[4] == "○ open"
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
    assert repo.state().actions == ()


async def test_the_board_as_at_the_end_of_a_meeting_is_read_only_and_marked(
    app: BoardApp,
    repo: Repository,
    store_path: Path,
    cells: Cells,
    wait_for: WaitFor,
    status_line: StatusLine,
) -> None:
    repo.start_meeting(title="Cabinet")
    repo.set_field("recommendations", "3.1", "decision", "agreed")
    ended = repo.end_meeting().end_revision
    repo.set_field("recommendations", "3.1", "decision", "deferred")  # after the meeting
    before = store_path.read_bytes()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("ctrl+p", *"end of meeting 1")
        await pilot.pause(0.5)
        await pilot.press("enter")
        assert await wait_for(lambda: isinstance(app.screen, PastBoardScreen))
        await pilot.pause()
        assert f"AS AT revision {ended} (" in status_line(app)
        screen = app.screen
        await pilot.press("5")
        assert [c.plain for c in screen.query_one("#table-recommendations").get_row("3.1")][
            2
        ] == "✔ agreed"
        await pilot.press("space", "m")
        await pilot.pause()
        assert any("read-only" in n.message for n in app._notifications)
        await pilot.press("escape", "5")
        await pilot.pause()
        assert not isinstance(app.screen, PastBoardScreen)
        assert cells(app, "recommendations", "3.1")[2] == "⏸ deferred"
    assert store_path.read_bytes() == before


async def test_a_revision_past_the_current_one_is_refused_in_the_dialog(app: BoardApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        app.board.record.ask_as_at()
        await pilot.pause()
        assert isinstance(app.screen, EditScreen)
        await pilot.press("ctrl+u", "9", "enter")
        await pilot.pause()
        assert "Give a revision from 0 to 0" in str(app.screen.query_one("#error", Static).render())


async def test_a_revision_typed_into_the_dialog_replaces_the_one_suggested(
    app: BoardApp, repo: Repository, status_line: StatusLine, wait_for: WaitFor
) -> None:
    for n in range(12):
        repo.set_field("bids", "1", "note", f"note {n}")
    async with app.run_test(size=(120, 40)) as pilot:
        app.board.record.ask_as_at()
        await pilot.pause()
        assert isinstance(app.screen, EditScreen)
        assert app.screen.query_one("#value", Input).value == "11"  # the one before now
        await pilot.press("3", "enter")  # not 113: the suggestion is selected, typing replaces it
        assert await wait_for(lambda: isinstance(app.screen, PastBoardScreen))
        assert "AS AT revision 3 (" in status_line(app)


async def test_a_due_date_is_edited_the_uk_way_and_stored_iso(
    app: BoardApp, repo: Repository, cells: Cells
) -> None:
    repo.add("actions", {"text": "Chase the bids", "due": "2004-11-30"})
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("7", "right", "right", "e")  # the cursor starts on the text column
        assert isinstance(app.screen, EditScreen)
        assert app.screen.query_one("#value").value == "30 November 2004"
        await pilot.press("ctrl+u", *"14/12/2004", "enter")
        await pilot.pause()
        assert cells(app, "actions", "1")[3] == "14 December 2004"
    assert repo.state().actions[0].due == "2004-12-14"


async def test_a_meeting_title_with_markup_is_text_everywhere_it_shows(
    app: BoardApp, repo: Repository, status_line: StatusLine
) -> None:
    hostile = "[@click=app.quit]Cabinet[/] [bold]x"
    repo.start_meeting(title=hostile)
    async with app.run_test(size=(120, 40)) as pilot:
        assert "meeting 1 open" in status_line(app)
        overview = str(app.board.query_one("#overview-text", OverviewText).text)
        assert hostile in overview
        await pilot.press("m")  # the end question quotes the title
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("ctrl+p", *"end of meeting 1")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, PastBoardScreen)
