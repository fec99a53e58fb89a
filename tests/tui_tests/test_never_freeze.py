"""Never freeze: writes run off the event loop, so a store locked by another process leaves the
screen responsive; the status line says what it is waiting for, and the edit lands on release."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from store import Repository
from tests.store_tests.procs import start
from tui.app import BoardApp

from .conftest import Cells


def status(app: BoardApp) -> str:
    return str(app.board.query_one("#status", Static).render())


async def test_a_locked_store_does_not_freeze_the_screen_and_the_edit_lands_after(
    app: BoardApp, repo: Repository, store_path: Path, cells: Cells
) -> None:
    holder = start("hold-lock", store_path)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("3", "space")  # bid 1: proposed → recommended, but the lock is held
            await pilot.pause(0.8)
            assert "waiting for the store's lock" in status(app)
            await pilot.press("5")  # keys keep working meanwhile
            assert app.board.active_tab == "recommendations"
            await pilot.press("3", "down")
            assert app.board.board_table("bids").cursor_row == 1
            assert Repository.open(store_path, read_only=True).state().bids[0].status == "proposed"
            holder.kill()
            holder.wait(timeout=10)
            for _ in range(50):
                await pilot.pause(0.1)
                if "waiting" not in status(app) and "saving" not in status(app):
                    break
            assert "waiting" not in status(app)
            assert cells(app, "bids", "1")[7] == "◑ recommended"
    finally:
        holder.kill()
    assert repo.state().bids[0].status == "recommended"
    assert repo.history()[0].new == "recommended"


async def test_two_quick_presses_are_saved_in_order(
    app: BoardApp, repo: Repository, cells: Cells
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "space", "space")
        for _ in range(50):
            await pilot.pause(0.05)
            if repo.state().revision == 2 and "saving" not in status(app):
                break
        assert cells(app, "bids", "1")[7] == "✔ approved"
    assert [e.new for e in repo.history()] == ["approved", "recommended"]
