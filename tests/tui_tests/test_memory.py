"""What the console keeps: the objects of its own screen are frozen out of the collector's walks
(tui/app.py, BoardScreen._show_first), but a past board, once closed, is freed with its tabs."""

from __future__ import annotations

import gc
import weakref

from store import Repository
from tui.app import BoardApp
from tui.screens.past import PastBoardScreen

from .conftest import WaitFor


async def test_a_past_board_closed_is_freed_with_its_tables(
    app: BoardApp, repo: Repository, wait_for: WaitFor
) -> None:
    repo.set_field("bids", "2", "title", "After revision 1")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")  # the console's own Bids tab: built and frozen
        await pilot.pause()
        app.board.record.open_as_at(1)
        assert await wait_for(lambda: isinstance(app.screen, PastBoardScreen))
        past = weakref.ref(app.screen)
        await pilot.press("3", "2")  # the past board builds its own tables
        await pilot.pause()
        assert app.screen.query_one("#table-bids") is not None
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, PastBoardScreen)
        gc.collect()
        assert past() is None
        assert app.board.bid_table.get_row("2")[1].plain == "After revision 1"


async def test_a_console_that_ended_leaves_nothing_frozen(repo: Repository) -> None:
    """A process may run one console after another (the tests do): what one froze goes back
    to the collector when it ends, or every console's widgets would stay for good."""
    app = BoardApp(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
