"""Helpers for Pilot tests: an app on the temporary store, and reading cells as plain text."""

from __future__ import annotations

import pytest

from store import Repository
from tests.conftest import TODAY
from tui.app import BoardApp
from tui.widgets.board_table import BoardTable


@pytest.fixture
def app(repo: Repository) -> BoardApp:
    return BoardApp(repo, today=TODAY)


def cells(app: BoardApp, table: str, key: str) -> list[str]:
    return [c.plain for c in app.board.query_one(f"#table-{table}", BoardTable).get_row(key)]


async def wait_for(predicate, timeout: float = 10.0) -> bool:  # type: ignore[no-untyped-def]
    """Poll `predicate` on the running loop (a worker's result arrives between frames)."""
    import asyncio

    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while loop.time() < end:
        if predicate():
            return True
        await asyncio.sleep(0.02)
    return bool(predicate())


def status_line(app: BoardApp) -> str:
    from textual.widgets import Static

    return str(app.screen.query_one("#status", Static).render())
