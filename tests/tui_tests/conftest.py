"""Helpers for Pilot tests: an app on the temporary store, and reading cells as plain text."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from store import Repository
from tests.conftest import TODAY
from tui.app import BoardApp


@pytest.fixture
def app(repo: Repository) -> BoardApp:
    return BoardApp(repo, today=TODAY)


def cells(app: BoardApp, table: str, key: str) -> list[str]:
    return [c.plain for c in app.query_one(f"#table-{table}", DataTable).get_row(key)]
