"""The History tab shows a change the way `board history` does: one display rule for both."""

from __future__ import annotations

from store import Repository
from tui.app import BoardApp
from tui.commands.history import line
from tui.widgets.row_table import RowTable


async def test_history_tab_shows_money_with_separators_like_board_history(
    app: BoardApp, repo: Repository
) -> None:
    repo.set_field("bids", "1", "2005/06", "1250")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("6")
        newest = app.board.query_one("#table-history", RowTable).rows_shown[0]
        assert newest.texts[2:] == ("bids", "1", "2005/06", "350", "1,250")
        assert [c.plain for c in newest.cells][5:] == ["350", "1,250"]
    assert line(repo.history(1)[0]).endswith("bids 1 2005/06: 350 → 1,250")
