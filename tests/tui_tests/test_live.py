"""Live refresh: another process writes the store; the console repaints with the cursor kept."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from store import Repository
from tui.app import BoardApp
from tui.screens.edit import ConfirmScreen, EditScreen

from .conftest import Cells, WaitFor, WriteElsewhere


async def test_change_from_another_process_appears_and_cursor_stays(
    app: BoardApp,
    store_path: Path,
    cells: Cells,
    wait_for: WaitFor,
    write_elsewhere: WriteElsewhere,
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "down", "down", "down")  # cursor on component 4
        table = app.board.board_table("components")
        assert table.current_row().record == "4"  # type: ignore[union-attr]
        await pilot.pause(0.3)  # let the folder watch start
        await asyncio.to_thread(
            write_elsewhere, store_path, "components", "2", "status", "complete"
        )
        assert await wait_for(lambda: cells(app, "components", "2")[2] == "✔ complete")
        assert table.current_row().record == "4"  # type: ignore[union-attr]
        assert "2" in table.highlighted
        assert app.board.received == 1
        status = str(app.query_one("#status").render())
        assert "chair@room" in status and "1 received" in status


async def test_open_dialog_says_the_field_changed(
    app: BoardApp, store_path: Path, wait_for: WaitFor, write_elsewhere: WriteElsewhere
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "e")
        assert isinstance(app.screen, EditScreen)
        await pilot.pause(0.3)
        await asyncio.to_thread(write_elsewhere, store_path, "bids", "1", "title", "EDRMS")
        assert await wait_for(lambda: "EDRMS" in str(app.screen.query_one("#notice").render()))
        assert "chair@room" in str(app.screen.query_one("#notice").render())


async def test_cli_edit_shows_in_console_totals(
    app: BoardApp,
    store_path: Path,
    cells: Cells,
    wait_for: WaitFor,
    write_elsewhere: WriteElsewhere,
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause(0.3)
        await asyncio.to_thread(write_elsewhere, store_path, "bids", "1", "2005/06", "400")
        assert await wait_for(lambda: cells(app, "bids", "total")[6] == "1,770")
    assert Repository.open(store_path).state().grand_total == 1770


async def test_live_change_while_a_dialog_is_open_does_not_crash(
    app: BoardApp,
    store_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    cells: Cells,
    wait_for: WaitFor,
    write_elsewhere: WriteElsewhere,
) -> None:
    """Refresh and the highlight's end (4 s later) must reach the tables under a dialog."""
    monkeypatch.setattr("tui.screens.board.HIGHLIGHT_SECONDS", 0.2)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "delete")  # the confirmation dialog stays open
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.pause(0.3)
        await asyncio.to_thread(write_elsewhere, store_path, "bids", "2", "note", "x")
        assert await wait_for(lambda: cells(app, "bids", "2")[-1] == "x")
        table = app.board.board_table("bids")
        assert "2" in table.highlighted
        assert await wait_for(lambda: "2" not in table.highlighted)  # ended under the dialog
        await pilot.press("3")  # a number key inside a dialog does nothing
        assert app.is_running and isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert not isinstance(app.screen, ConfirmScreen)
