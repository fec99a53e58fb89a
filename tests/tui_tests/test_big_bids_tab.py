"""The Bids tab at 10,000 bids: what opening it shows, the end of the table, the filter, the
priority order with the funding line, a resize and another process's edit all reach the screen."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from bench.make_store import build
from store import Repository, planning
from tui.app import BoardApp
from tui.bid_rows import LINE
from tui.widgets.board_table import BidTable
from tui.widgets.detail_panel import DetailPanel

from .conftest import WaitFor, WriteElsewhere

BIDS = 10_000


@pytest.fixture(scope="module")
def big_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("big") / "board.json", bids=BIDS)


@pytest.fixture
def store(big_store: Path, tmp_path: Path) -> Path:
    """A copy of the 10,000-bid store for one test (its history file with it)."""
    for source in big_store.parent.iterdir():
        shutil.copy(source, tmp_path / source.name)
    return tmp_path / big_store.name


@pytest.fixture
def app(store: Path, today: dt.date) -> BoardApp:
    """A console on the 10,000-bid store."""
    return BoardApp(Repository.open(store), today=today)


def lines(table: BidTable) -> list[str]:
    return [table.render_line(y).text for y in range(table.size.height)]


def fills_its_width(table: BidTable) -> bool:
    return all(len(line) == table.scrollable_content_region.width for line in lines(table))


def panel_text(app: BoardApp) -> str:
    return app.board.query_one(DetailPanel).text.plain


async def test_opening_the_tab_shows_the_first_bids_across_the_width_and_one_in_the_panel(
    app: BoardApp,
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        table = app.board.bid_table
        shown = lines(table)
        assert table.row_count == BIDS + 2  # the bids, the totals and the envelope
        assert fills_its_width(table)
        assert shown[1].split()[:2] == ["1", "Corporate"]  # the report's first bid
        assert panel_text(app).startswith("Bid 1 — Corporate")
        panel = app.board.query_one(DetailPanel)
        assert panel.size.height == min(len(panel._lines), panel._room()) > 1  # sized at once


async def test_end_shows_the_last_bid_and_its_record(app: BoardApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "end")
        await pilot.pause()
        table = app.board.bid_table
        assert table.current_row() is not None and table.current_row().key == "envelope"
        await pilot.press("up", "up")
        await pilot.pause()
        assert table.current_row().key == str(BIDS)  # type: ignore[union-attr]
        assert any(line.split()[:3] == [str(BIDS), "Bid", str(BIDS)] for line in lines(table))
        assert panel_text(app).startswith(f"Bid {BIDS} ")


async def test_the_filter_finds_one_bid_among_ten_thousand(app: BoardApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "slash", *"bid 9876 ", "enter")
        await pilot.pause()
        table = app.board.bid_table
        assert [r.key for r in table.rows_shown] == ["9876", "total"]
        assert lines(table)[1].split()[:3] == ["9876", "Bid", "9876"]


async def test_the_funding_line_sits_below_the_last_bid_within_the_envelope(
    store: Path, today: dt.date
) -> None:
    repo = Repository.open(store)
    state = repo.state()
    within = 4_321
    first = state.by_priority[:within]
    repo.apply(planning.envelope(state, "2005/06", sum(b.amounts["2005/06"] for b in first)))
    app = BoardApp(Repository.open(store), today=today)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "p")
        await pilot.pause()
        table = app.board.bid_table
        keys = [r.key for r in table.rows_shown]
        line = keys.index(LINE)
        assert line == app.board.state.within_count
        assert keys[line - 1] == str(app.board.state.by_priority[line - 1].id)
        table.move_cursor(row=line)
        await pilot.pause()
        drawn = lines(table)[line - int(table.scroll_y) + 1]  # under the header
        assert "━━━━━ funding" in drawn


async def test_a_wider_window_gives_the_titles_and_notes_the_room(
    app: BoardApp,
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        table = app.board.bid_table
        narrow = sum(table._widths)
        await pilot.resize_terminal(200, 50)
        assert sum(table._widths) > narrow  # the titles and notes get the room
        assert table.size.width == 200 - app.board.query_one(DetailPanel).outer_size.width
        assert fills_its_width(table)


async def test_an_edit_in_another_process_reaches_the_open_bids_tab(
    app: BoardApp, store: Path, wait_for: WaitFor, write_elsewhere: WriteElsewhere
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        table = app.board.bid_table
        write_elsewhere(store, "bids", "2", "title", "[b]Moved")
        assert await wait_for(lambda: "[b]Moved" in lines(table)[2])
        assert lines(table)[2].split()[0] == "2"
        assert table.row_count == BIDS + 2
