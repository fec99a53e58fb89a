"""Helpers for Pilot tests: an app on the temporary store, cells as plain text, waiting for a
worker's result, and an edit made by another process."""

from __future__ import annotations

import asyncio
import datetime as dt
import subprocess
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.widgets import Static

from store import Repository
from tui.app import BoardApp
from tui.widgets.board_table import BoardTable

Cells = Callable[[BoardApp, str, str], list[str]]
WaitFor = Callable[[Callable[[], bool]], Awaitable[bool]]
WriteElsewhere = Callable[[Path, str, str, str, str], None]


@pytest.fixture
def app(repo: Repository, today: dt.date) -> BoardApp:
    return BoardApp(repo, today=today, start_folder=repo.path.parent)


@pytest.fixture
def cells() -> Cells:
    """`cells(app, table, key)`: one row of a console table as the plain texts shown."""

    def row(app: BoardApp, table: str, key: str) -> list[str]:
        widget = app.board.query_one(f"#table-{table}", BoardTable)
        return [c.plain for c in widget.get_row(key)]

    return row


@pytest.fixture
def wait_for() -> WaitFor:
    """`await wait_for(predicate)`: True once it holds (within 5 s), for results that arrive
    from a worker or another process (Harlequin's `wait_for_workers` plays the same part)."""

    async def wait(predicate: Callable[[], bool], timeout: float = 5.0) -> bool:
        loop = asyncio.get_running_loop()
        end = loop.time() + timeout
        while loop.time() < end:
            if predicate():
                return True
            await asyncio.sleep(0.02)
        return predicate()

    return wait


@pytest.fixture
def write_elsewhere() -> WriteElsewhere:
    """`write_elsewhere(store, table, record, field, value)`: chair@room edits in another process."""

    def write(store: Path, table: str, record: str, field: str, value: str) -> None:
        code = (
            "import sys; from store import Repository;"
            "Repository.open(sys.argv[1], who='chair@room').set_field(*sys.argv[2:])"
        )
        command = [sys.executable, "-c", code, str(store), table, record, field, value]
        subprocess.run(command, check=True)

    return write


StatusLine = Callable[[BoardApp], str]


@pytest.fixture
def status_line() -> StatusLine:
    """`status_line(app)`: the status line above the footer, as plain text."""

    def line(app: BoardApp) -> str:
        return str(app.screen.query_one("#status", Static).render())

    return line
