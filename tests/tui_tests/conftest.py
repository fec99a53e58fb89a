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
