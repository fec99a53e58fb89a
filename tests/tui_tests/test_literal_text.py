"""Text is data: markup, action links and escape codes in the store are shown as typed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from store import Repository
from tui.app import BoardApp
from tui.widgets.row_table import RowTable

from .conftest import Cells

HOSTILE = ["[bold red]x[/]", "[/]", "[@click=app.quit]x[/]", "50% [done]", "\x1b[31mred\x1b[0m"]


@pytest.mark.parametrize("note", HOSTILE)
async def test_hostile_notes_render_literally(
    store_path: Path, today: dt.date, cells: Cells, note: str
) -> None:
    repo = Repository.open(store_path, who="[@click=app.quit]who[/]")
    repo.set_field("components", "1", "note", note)
    repo.set_field("bids", "2", "title", note)
    app = BoardApp(repo, today=today)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("2")
        shown = cells(app, "components", "1")[5]
        assert shown == note.replace("\x1b", "␛")
        await pilot.press("3")
        assert cells(app, "bids", "2")[1] == note.replace("\x1b", "␛")
        assert "[@click=app.quit]who[/]" in str(app.query_one("#status").render())
        await pilot.press("6")  # the history tab shows the same text
        await pilot.pause()
        history = app.board.query_one("#table-history", RowTable)
        shown_new = {row.cells[6].plain for row in history.rows_shown}
        assert note.replace("\x1b", "␛") in shown_new


async def test_clicking_an_action_link_runs_nothing(
    store_path: Path, today: dt.date, cells: Cells
) -> None:
    repo = Repository.open(store_path)
    repo.set_field("components", "1", "title", "[@click=app.quit]click me[/]")
    app = BoardApp(repo, today=today)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.click("#table-components", offset=(8, 1))
        await pilot.pause()
        assert app.is_running
        assert cells(app, "components", "1")[1] == "[@click=app.quit]click me[/]"


async def test_markup_in_an_invalid_value_is_shown_in_the_dialog(app: BoardApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "down", "right", "right", "e", "ctrl+u", *"[/] [bold]x")
        await pilot.press("enter")
        await pilot.pause()
        assert "'[/] [bold]x' is not a month" in str(app.screen.query_one("#error").render())
