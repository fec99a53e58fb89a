"""The console shows values by the same rules as `board` and the exports (store/display.py)."""

from __future__ import annotations

import datetime as dt

from store import Repository
from store.export import prepare, render
from tui.app import BoardApp
from tui.tables import table_rows
from tui.widgets.row_table import RowTable


async def test_history_tab_shows_money_with_separators_like_board_history(
    app: BoardApp, repo: Repository
) -> None:
    """It showed `1250` while `board history` showed `1,250` (cli_tests/test_history)."""
    repo.set_field("bids", "1", "2005/06", "1250")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("6")
        newest = app.board.query_one("#table-history", RowTable).rows_shown[0]
        assert newest.texts[2:] == ("bids", "1", "2005/06", "350", "1,250")
        assert [c.plain for c in newest.cells][5:] == ["350", "1,250"]


def test_the_console_tables_and_exports_show_the_same_mark(repo: Repository) -> None:
    """The Components tab and the Markdown snapshot mark the same targets the same way."""
    today = dt.date(2005, 6, 1)
    state = repo.state()
    marked = [r.texts[3] for r in table_rows(state, "components", today) if "⚠" in r.texts[3]]
    markdown = render("md", prepare(repo, today=today))
    assert marked and all(mark in markdown for mark in marked)
