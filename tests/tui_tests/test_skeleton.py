"""Pilot tests: the keys a secretary presses, asserted on the store and the screen."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from textual.geometry import Offset
from textual.widgets import Static

from store import Repository
from tui.app import BoardApp
from tui.screens.help import HelpScreen
from tui.widgets.board_table import BoardTable
from tui.widgets.overview_text import OverviewText
from tui.widgets.tab_strip import TabStrip

from .conftest import StatusLine, WaitFor, WriteElsewhere


async def test_seven_tabs_in_order(app: BoardApp) -> None:
    async with app.run_test(size=(120, 40)):
        titles = [
            "1 Overview",
            "2 Components",
            "3 Bids",
            "4 Implications",
            "5 Recommendations",
            "6 History",
            "7 Actions",
        ]
        shown = app.board.query_one(TabStrip).render_line(0).text  # as drawn on the screen
        assert shown.rstrip() == " " + "  ".join(titles)


async def test_number_keys_open_tab_and_focus_table(app: BoardApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        for key, tab in [
            ("3", "bids"),
            ("2", "components"),
            ("4", "implications"),
            ("5", "recommendations"),
            ("6", "history"),
        ]:
            await pilot.press(key)
            assert app.board.active_tab == tab
            assert app.focused is app.query_one(f"#table-{tab}")


async def test_bids_tab_shows_grand_total(app: BoardApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        table = app.query_one("#table-bids", BoardTable)
        totals = [c.plain for c in table.get_row("total")]
        assert totals[1:7] == ["Total", "770", "350", "110", "490", "1,720"]


async def test_space_moves_core_systems_to_under_review(app: BoardApp, store_path: Path) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "down", "space")
        await pilot.pause()
        cell = app.query_one("#table-components", BoardTable).get_row("2")[2]
        assert cell.plain == "◑ under review"
    stored = Repository.open(store_path).state().components[1]
    assert stored.status.value == "under review"
    [entry] = Repository.open(store_path).history()
    assert (entry.field, entry.old, entry.new) == ("status", "under development", "under review")


async def test_shift_space_and_S_go_back(app: BoardApp, repo: Repository) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "S")
        await pilot.pause()
        assert repo.state().bids[0].status.value == "withdrawn"
        await pilot.press("space", "space")
        await pilot.pause()
        assert repo.state().bids[0].status.value == "recommended"


async def test_space_on_recommendation_and_part(app: BoardApp, repo: Repository) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5", "space")
        await pilot.press("2", *["down"] * 8, "space")
        await pilot.pause()
    state = repo.state()
    assert state.recommendations[0].decision.value == "agreed"
    assert state.components[4].parts[3].status.value == "under review"


async def test_overview_shows_title_and_total(app: BoardApp) -> None:
    async with app.run_test(size=(120, 40)):
        text = str(app.query_one("#overview-text", OverviewText).text)
        assert "ICT / e-Modernising Leicester Strategic Framework" in text
        assert "Cabinet, 18 October 2004" in text
        assert "Grand total: 1,720" in text
        assert "4  ◐ under development" in text


async def test_help_lists_keys_and_q_quits(app: BoardApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=120, record=True, file=io.StringIO())
        console.print(app.screen.query_one(Static).content)  # the keys table as shown
        listed = console.export_text()
        assert "Next status" in listed and "Undo" in listed and "Quit" in listed
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


def drawn(widget: OverviewText) -> list[str]:
    """The Overview's lines as drawn now (scrolled), without the trailing spaces."""
    return [widget.render_line(y).text.rstrip() for y in range(widget.size.height)]


async def test_the_overview_scrolls_from_the_keyboard_and_its_scrollbar_follows_the_first_frame(
    app: BoardApp, repo: Repository
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        overview = app.board.query_one(OverviewText)
        await pilot.pause()
        # The first frame is on screen: the scrollbar is drawn from the next (app.tcss).
        assert not app.has_class("-first-frame")
        assert overview.styles.scrollbar_visibility == "visible"
        assert overview.show_vertical_scrollbar  # 20 lines of room for ~40 of text
        first = drawn(overview)
        assert first[0] == "" and "ICT / e-Modernising" in first[1]  # a blank line above
        last = repo.state().recommendations[-1].text
        assert not any(last[:30] in line for line in first)
        await pilot.press("end")
        await pilot.pause()
        shown = drawn(overview)
        assert any(last[:30] in line for line in shown) and shown[-1] == ""  # and one below
        assert max(len(line) for line in shown) <= overview.size.width  # wrapped to fit
        await pilot.press("home")
        await pilot.pause()
        assert drawn(overview) == first


async def test_the_overview_text_has_its_cell_offsets_for_the_mouse_after_the_first_frame(
    app: BoardApp,
) -> None:
    # The first frame is drawn without them (overview_text.py); a mouse selection's hit test
    # draws the line again after it, and must find the cell under the pointer.
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        overview = app.board.query_one(OverviewText)
        left = overview.gutter.left
        x, y = overview.region.x + left + 3, overview.region.y + 1  # the title's 4th character
        widget, offset = app.screen.get_widget_and_offset_at(x, y)
        assert widget is overview and offset == Offset(3, 1)  # None without the offsets


async def test_the_overview_keeps_clear_of_its_scrollbar_after_a_change_from_elsewhere(
    app: BoardApp,
    store_path: Path,
    wait_for: WaitFor,
    write_elsewhere: WriteElsewhere,
    status_line: StatusLine,
) -> None:
    long_title = "A very long strategy document title " * 4  # wraps at 80 columns
    async with app.run_test(size=(80, 24)) as pilot:
        overview = app.board.query_one(OverviewText)
        room = overview.scrollable_content_region.width  # the text's columns, scrollbar aside
        await pilot.pause(0.3)  # the folder watch starts
        write_elsewhere(store_path, "recommendations", "3.1", "text", long_title)
        assert await wait_for(lambda: "1 received" in status_line(app))
        await pilot.press("end")
        await pilot.pause()
        shown = drawn(overview)
        assert "A very long strategy document" in "".join(shown)
        assert max(len(line) for line in shown) <= room  # none of it under the scrollbar
        overview.update(overview.text)  # as each new state does: wrapped at once to its room
        assert drawn(overview) == shown
