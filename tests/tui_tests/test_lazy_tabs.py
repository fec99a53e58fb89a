"""A table tab is built when it is first shown: every key still works at once, and a tab first
shown after a change (from this console or another process) shows the state as it is then."""

from __future__ import annotations

import asyncio
from pathlib import Path

from store import Repository
from tui.app import BoardApp
from tui.widgets.board_table import BidTable
from tui.widgets.row_table import RowTable
from tui.widgets.tab_strip import TabStrip

from .conftest import Cells, StatusLine, WaitFor, WriteElsewhere


async def test_three_pressed_at_once_shows_the_bids_and_the_next_keys_land_in_them(
    app: BoardApp, repo: Repository, cells: Cells
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        assert not app.board.query(RowTable)  # the first frame holds the Overview only
        await pilot.press("3", "down", "down")
        table = app.board.bid_table
        assert app.focused is table
        assert table.current_row().record == "3"  # type: ignore[union-attr]
        title = repo.state().bids[0].title
        assert cells(app, "bids", "1")[1] == title


async def test_an_edit_from_elsewhere_reaches_a_tab_not_yet_shown(
    app: BoardApp,
    store_path: Path,
    cells: Cells,
    wait_for: WaitFor,
    write_elsewhere: WriteElsewhere,
    status_line: StatusLine,
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)  # let the folder watch start; the console stays on tab 1
        await asyncio.to_thread(write_elsewhere, store_path, "bids", "2", "title", "EDRMS pilot")
        assert await wait_for(lambda: "1 received" in status_line(app))
        assert not app.board.query(BidTable)  # still never shown
        await pilot.press("3")
        assert cells(app, "bids", "2")[1] == "EDRMS pilot"
        await pilot.press("6")  # the History tab, also built now, lists it
        history = app.board.query_one("#table-history", RowTable)
        assert any("EDRMS pilot" in row.texts for row in history.rows_shown)


async def test_a_tab_built_after_an_edit_here_shows_it(
    app: BoardApp, repo: Repository, cells: Cells, wait_for: WaitFor
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "down", "space")  # component 2's status steps on
        assert await wait_for(lambda: repo.state().revision == 1)
        now = repo.state().components[1].status
        assert await wait_for(lambda: cells(app, "components", "2")[2].endswith(now))
        await pilot.press("6")  # the History tab, built now, lists the change
        history = app.board.query_one("#table-history", RowTable)
        assert [row.texts[2:5] for row in history.rows_shown] == [("components", "2", "status")]


async def test_filter_on_a_tab_shown_for_the_first_time(
    app: BoardApp, status_line: StatusLine
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5", "slash", *"documents", "enter")
        await pilot.pause()
        table = app.board.board_table("recommendations")
        assert [row.record for row in table.rows_shown] == ["3.2"]
        assert app.focused is table
        assert "recommendations “documents”" in status_line(app)


async def test_a_click_on_a_tab_title_not_yet_shown_shows_its_rows(
    app: BoardApp, cells: Cells
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        strip = app.board.query_one(TabStrip)
        await pilot.click(TabStrip, offset=(strip.span("components").start + 3, 0))
        await pilot.pause()
        assert app.board.active_tab == "components"
        assert app.focused is app.board.board_table("components")
        assert cells(app, "components", "1")[0] == "1"


async def test_titles_wider_than_the_window_scroll_to_the_open_one_and_clicks_follow(
    app: BoardApp, cells: Cells
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        strip = app.board.query_one(TabStrip)
        assert strip.render_line(0).text.startswith(" 1 Overview  2 Components ")
        assert "7 Actions" not in strip.render_line(0).text  # 91 cells of titles in 80
        await pilot.press("7")
        line = strip.render_line(0).text
        assert line.endswith(" 7 Actions ") and len(line) == 80
        x = line.index("3 Bids")  # where it is drawn now, scrolled
        await pilot.click(TabStrip, offset=(x, 0))
        await pilot.pause()
        assert app.board.active_tab == "bids"
        assert cells(app, "bids", "1")[0] == "1"


async def test_priority_order_from_the_palette_on_the_overview(app: BoardApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p", *"Priority order")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("3")
        table = app.board.bid_table
        assert table.by_priority
        assert "2005/06 (Σ)" in [c.label for c in table.columns]  # running totals by year
