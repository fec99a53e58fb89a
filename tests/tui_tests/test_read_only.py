"""A read-only console (the projector): no key changes the store, each says so, refresh still works."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

import pytest

from store import Repository, history_path
from tui.app import BoardApp

from .conftest import WaitFor, WriteElsewhere

EDIT_PRESSES = [
    ("2", "space"),
    ("2", "S"),
    ("2", "e"),
    ("2", "enter"),
    ("3", "a"),
    ("3", "delete"),
    ("2", "u"),
    ("2", "U"),
    ("2", "ctrl+y"),
    ("1", "x"),
]


@pytest.mark.parametrize("keys", EDIT_PRESSES, ids=lambda k: "+".join(k))
async def test_edit_keys_leave_store_unchanged_and_say_read_only(
    store_path: Path, today: dt.date, keys: tuple[str, ...]
) -> None:
    Repository.open(store_path)
    before = store_path.read_bytes()
    app = BoardApp(Repository.open(store_path, read_only=True), today=today)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        assert app.screen is app.screen_stack[0]  # no dialog opened
        assert any("Read-only" in n.message for n in app._notifications)
    assert store_path.read_bytes() == before
    assert not history_path(store_path).exists()


async def test_read_only_is_shown_and_refresh_still_works(
    store_path: Path, today: dt.date, wait_for: WaitFor, write_elsewhere: WriteElsewhere
) -> None:
    Repository.open(store_path)
    app = BoardApp(Repository.open(store_path, read_only=True), today=today)
    async with app.run_test(size=(120, 40)) as pilot:
        assert "READ-ONLY" in str(app.query_one("#status").render())
        await pilot.press("2")
        await pilot.pause(0.3)
        await asyncio.to_thread(
            write_elsewhere, store_path, "components", "3", "status", "complete"
        )
        table = app.board.board_table("components")
        assert await wait_for(lambda: table.rows_shown[2].cells[2].plain == "✔ complete")


async def test_read_only_does_not_create_or_lock(tmp_path: Path) -> None:
    from store import StoreDamaged

    with pytest.raises(StoreDamaged, match="read-only"):
        Repository.open(tmp_path / "none.json", read_only=True)
    Repository.open(tmp_path / "b.json")  # the lock is on the folder: no lock file is left
    before = sorted(tmp_path.iterdir())
    Repository.open(tmp_path / "b.json", read_only=True).state()
    assert sorted(tmp_path.iterdir()) == before == [tmp_path / "b.json"]
