"""Never freeze: writes run off the event loop, so a store locked by another process leaves the
screen responsive; the status line says what it is waiting for, and the edit lands on release."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from textual.widgets import Static

from store import Change, Repository
from tests.store_tests.procs import start
from tui.app import BoardApp
from tui.edits import EditLog
from tui.writes import LOCK_NOTICE_SECONDS, Write, WriteQueue

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


def test_a_finished_write_is_no_longer_waiting_when_its_outcome_arrives(
    repo: Repository, today: dt.date
) -> None:
    """The screen updates its status line when an outcome arrives: by then the queue must be
    idle, or the line says "waiting for the store's lock" after the edit has landed (seen
    once in CI, where the screen handled the outcome before the worker thread went on)."""
    queue = WriteQueue(repo, EditLog(repo), today, 10)

    def slow_save() -> Change:
        time.sleep(LOCK_NOTICE_SECONDS + 0.1)  # as long as a lock held by another process
        return repo.set_field("bids", "1", "status", "recommended")

    assert queue.put(Write("save", slow_save))
    for outcome in queue.drain():
        assert outcome.error is None and outcome.change is not None
        assert not queue.waiting_for_lock() and queue.pending == 0
    assert repo.state().bids[0].status == "recommended"
