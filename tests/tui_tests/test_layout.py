"""Columns that fit the window: numbers and statuses whole, text cut with "…", headers whole."""

from __future__ import annotations

import pytest

from tui.app import BoardApp
from tui.keys import TABS
from tui.layout import fit_widths, natural_widths
from tui.tables import COLUMNS, Column, Row
from tui.widgets.board_table import BoardTable
from tui.widgets.overview_text import OverviewText


def shown_line(app: BoardApp, table: str, y: int) -> str:
    widget = app.board.query_one(f"#table-{table}", BoardTable)
    return widget.render_line(y).text


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 50)])
async def test_bid_amounts_and_statuses_are_never_cut(app: BoardApp, size: tuple[int, int]) -> None:
    async with app.run_test(size=size) as pilot:
        await pilot.press("3")
        header, bid_1 = shown_line(app, "bids", 0), shown_line(app, "bids", 1)
        for label in ("#", "Bid", "2005/06", "2006/07", "2007/08"):
            assert f" {label} " in header
        assert "350" in bid_1 and "250" in bid_1
        if size[0] >= 120:
            assert "○ proposed" in bid_1 and "After 2007/08" in header


async def test_long_titles_end_in_an_ellipsis_at_80_columns_and_show_whole_at_200(
    app: BoardApp,
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        assert "Corporate elect…" in shown_line(app, "bids", 1)
        await pilot.resize_terminal(200, 50)
        await pilot.press("d")  # the detail panel hidden: the table has the whole width
        await pilot.pause()
        line = shown_line(app, "bids", 1)
        assert "Corporate electronic document and records management system" in line
        assert "…" not in line


@pytest.mark.parametrize("table", list(COLUMNS))
async def test_headers_are_never_cut_mid_word_at_80_columns(app: BoardApp, table: str) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(str(TABS.index(table) + 1))  # the tab's own number key
        words = shown_line(app, table, 0).split()
        label_words = {w for c in COLUMNS[table] for w in c.label.split()}
        # Every word but the last is whole (the last may run off the window's right edge).
        assert words[:-1] and set(words[:-1]) <= label_words, words


def test_text_columns_share_the_spare_width_and_the_narrowest_keeps_its_own() -> None:
    # natural widths: a key (3), a long text (60), a number (7), a short text (5), a long text (40)
    widths = fit_widths([3, 60, 7, 5, 40], [False, True, False, True, True], [1, 16, 7, 4, 16], 70)
    assert widths[0] == 3 and widths[2] == 7  # the key and the number keep their width
    assert widths[3] == 5  # short text is not cut
    assert widths[1] + widths[4] == 70 - 3 - 7 - 5 and abs(widths[1] - widths[4]) <= 1
    assert fit_widths([3, 60], [False, True], [1, 16], 0) == [3, 60]  # not laid out yet
    assert fit_widths([3, 60], [False, True], [1, 16], 8) == [3, 16]  # the floor: scrolls


def test_a_column_is_as_wide_as_its_widest_text_in_terminal_cells() -> None:
    columns = (Column("#", kind="key"), Column("Title", "title"), Column("Note", "note", width=9))
    rows = [
        Row("1", "1", ("1", "plain ascii title", "x"), tuple),
        Row("2", "2", ("22", "会議の議事録", "y"), tuple),  # 6 wide characters: 12 cells
        Row("3", "3", ("3", "e\u0301e\u0301", "z"), tuple),  # combining accents: 2 cells
    ]
    assert natural_widths(columns, rows) == [2, 17, 9]
    rows[0] = Row("1", "1", ("1", "short", "x"), tuple)
    assert natural_widths(columns, rows) == [2, 12, 9]  # the wide title is the widest now
    assert natural_widths(columns, []) == [1, 5, 9]  # no rows: the headings


async def test_the_overview_is_laid_out_again_for_each_new_size_and_back(app: BoardApp) -> None:
    # The screen skips a Resize of the size it is laid out at (Textual sends the first frame
    # three); each new size, and going back to the first one, must still lay it out.
    async with app.run_test(size=(120, 40)) as pilot:
        text = app.board.query_one(OverviewText)
        wide_width, wide_lines = text.size.width, text.virtual_size.height
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert text.size.width < wide_width and text.virtual_size.height > wide_lines
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert (text.size.width, text.virtual_size.height) == (wide_width, wide_lines)
