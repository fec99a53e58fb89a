"""Live refresh: another process writes the store; the console repaints with the cursor kept."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

from store import Repository
from tui.app import BoardApp

from .conftest import cells


def _write_elsewhere(store: Path, table: str, record: str, field: str, value: str) -> None:
    code = (
        "import sys; from store import Repository;"
        "Repository.open(sys.argv[1], who='chair@room').set_field(*sys.argv[2:])"
    )
    subprocess.run(
        [sys.executable, "-c", code, str(store), table, record, field, value], check=True
    )


async def _wait_for(predicate, timeout: float = 5.0) -> bool:  # type: ignore[no-untyped-def]
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while loop.time() < end:
        if predicate():
            return True
        await asyncio.sleep(0.02)
    return predicate()


async def test_change_from_another_process_appears_and_cursor_stays(
    app: BoardApp, store_path: Path
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "down", "down", "down")  # cursor on component 4
        table = app.board.board_table("components")
        assert table.current_row().record == "4"  # type: ignore[union-attr]
        await pilot.pause(0.3)  # let the folder watch start
        await asyncio.to_thread(
            _write_elsewhere, store_path, "components", "2", "status", "complete"
        )
        assert await _wait_for(lambda: cells(app, "components", "2")[2] == "✔ complete")
        assert table.current_row().record == "4"  # type: ignore[union-attr]
        assert "2" in table.highlighted
        assert app.board.received == 1
        status = str(app.query_one("#status").render())
        assert "chair@room" in status and "1 received" in status


async def test_open_dialog_says_the_field_changed(app: BoardApp, store_path: Path) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "e")
        await pilot.pause(0.3)
        await asyncio.to_thread(_write_elsewhere, store_path, "bids", "1", "title", "EDRMS")
        assert await _wait_for(lambda: "EDRMS" in str(app.screen.query_one("#notice").render()))
        assert "chair@room" in str(app.screen.query_one("#notice").render())


async def test_cli_edit_shows_in_console_totals(app: BoardApp, store_path: Path) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause(0.3)
        await asyncio.to_thread(_write_elsewhere, store_path, "bids", "1", "2005/06", "400")
        assert await _wait_for(lambda: cells(app, "bids", "total")[6] == "1,770")
    assert Repository.open(store_path).state().grand_total == 1770


async def test_live_change_while_a_dialog_is_open_does_not_crash(
    app: BoardApp, store_path: Path
) -> None:
    """Refresh and the highlight's end (4 s later) must reach the tables under a dialog."""
    import tui.app as app_module

    app_module.HIGHLIGHT_SECONDS = 0.2
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("3", "delete")  # the confirmation dialog stays open
            await pilot.pause(0.3)
            await asyncio.to_thread(_write_elsewhere, store_path, "bids", "2", "note", "x")
            assert await _wait_for(lambda: cells(app, "bids", "2")[-1] == "x")
            await pilot.pause(0.5)  # the highlight ends while the dialog is still open
            await pilot.press("3")  # a number key inside a dialog does nothing
            assert app.is_running
            await pilot.press("n")
    finally:
        app_module.HIGHLIGHT_SECONDS = 4.0
