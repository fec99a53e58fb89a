"""The money decision from the keyboard: funding route, envelope row, priority keys, the
priority view with the funding line, the reprofile dialog and the Overview chart."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import OptionList, Static

from store import Repository, planning
from tui.app import BoardApp
from tui.screens.edit import EditScreen
from tui.widgets.board_table import BidTable
from tui.widgets.overview_text import OverviewText

from .conftest import Cells

FUNDING, PRIORITY = 8, 9  # Bids columns: #, Bid, four years, Total, Status, Funding, Priority


async def _type(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+u", *text)


def row_keys(app: BoardApp) -> list[str]:
    return [r.key for r in app.board.query_one(BidTable).rows_shown]


async def test_brackets_move_the_selected_bid_and_u_undoes_it(
    app: BoardApp, repo: Repository, cells: Cells
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "down", "down", "down", "left_square_bracket")
        await pilot.pause()
        assert cells(app, "bids", "4")[PRIORITY] == "3"
        assert cells(app, "bids", "3")[PRIORITY] == "4"
        assert repo.state().priority(4) == 3
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert repo.state().priority(4) == 5
        await pilot.press("right_square_bracket")  # already last: nothing written
        await pilot.pause()
        revision = repo.state().revision
        assert revision == 3
        await pilot.press("u", "u", "u")
        await pilot.pause()
        assert [repo.state().priority(b) for b in range(1, 6)] == [1, 2, 3, 4, 5]
        assert cells(app, "bids", "4")[PRIORITY] == "4"


async def test_enter_on_the_envelope_row_sets_a_years_envelope(
    app: BoardApp, repo: Repository, cells: Cells
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "end", "right", "e")
        assert isinstance(app.screen, EditScreen)
        await _type(pilot, "700")
        await pilot.press("enter")
        await pilot.pause()
        assert repo.state().envelope == {"2005/06": 700}
        assert cells(app, "bids", "envelope")[1:3] == ["Envelope", "700"]
        assert cells(app, "bids", "over")[1:3] == ["Over/under", "70 over"]
        assert cells(app, "bids", "5")[PRIORITY] == "5 · below line"
        await pilot.press("e")
        await _type(pilot, "-5")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EditScreen)  # refused in the dialog, nothing written
        assert "non-negative" in str(app.screen.query_one("#error", Static).render())
        await pilot.press("escape")
    assert repo.state().envelope == {"2005/06": 700}


async def test_p_shows_priority_order_with_running_totals_and_the_funding_line(
    app: BoardApp, repo: Repository, cells: Cells
) -> None:
    repo.apply(planning.envelope(repo.state(), "2005/06", "450"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "p")
        await pilot.pause()
        # 2005/06 runs 350, 450 | 450 (bid 3 asks 0 then) | 700 ...: the line falls after bid 3
        assert row_keys(app) == ["1", "2", "3", "line", "4", "5", "total", "envelope", "over"]
        assert cells(app, "bids", "2")[2] == "100 (450)"
        assert "funding line" in cells(app, "bids", "line")[1]
        table = app.board.query_one(BidTable)
        assert table.columns[2].label == "2005/06 (Σ)"
        await pilot.press("down", "down", "down", "down", "left_square_bracket")  # bid 4 up
        await pilot.pause()
        # bid 4 (250 in 2005/06) now third: 350, 450, 700 > 450, so the line rises above it
        assert row_keys(app)[:5] == ["1", "2", "line", "4", "3"]
        assert table.current_row() is not None and table.current_row().key == "4"
        await pilot.press("p")
        await pilot.pause()
        assert row_keys(app)[:5] == ["1", "2", "3", "4", "5"]
        assert table.columns[2].label == "2005/06"


async def test_r_reprofiles_the_selected_bid_and_refuses_a_bad_move(
    app: BoardApp, repo: Repository, store_path: Path, cells: Cells
) -> None:
    before = store_path.read_bytes()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "r")
        assert isinstance(app.screen, EditScreen)
        await _type(pilot, "2005/06 2005/06 5")
        await pilot.press("enter")
        await pilot.pause()
        assert "to itself" in str(app.screen.query_one("#error", Static).render())
        assert store_path.read_bytes() == before  # refused in the dialog: nothing written
        await _type(pilot, "2005/06 after 100")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, EditScreen)
        assert cells(app, "bids", "1")[2:7] == ["250", "250", "0", "100", "600"]
    assert repo.state().bids[0].amounts == {
        "2005/06": 250,
        "2006/07": 250,
        "2007/08": 0,
        "after": 100,
    }
    assert {e.revision for e in repo.history()} == {1}


async def test_the_funding_column_is_a_choice_list(
    app: BoardApp, repo: Repository, cells: Cells
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", *["right"] * (FUNDING - 1), "e")
        assert isinstance(app.screen, EditScreen)
        options = app.screen.query_one(OptionList)
        assert [str(options.get_option_at_index(i).id) for i in range(3)] == [
            "capital",
            "prudential borrowing",
            "other",
        ]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert cells(app, "bids", "1")[FUNDING] == "prudential borrowing"
    assert repo.state().bids[0].funding == "prudential borrowing"


async def test_a_read_only_console_refuses_the_priority_keys(
    store_path: Path, cells: Cells, today: dt.date
) -> None:
    Repository.open(store_path)
    before = store_path.read_bytes()
    app = BoardApp(Repository.open(store_path, read_only=True), today=today)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "down", "left_square_bracket", "r")
        await pilot.pause()
        assert not isinstance(app.screen, EditScreen)
        assert cells(app, "bids", "2")[PRIORITY] == "2"
    assert store_path.read_bytes() == before


async def test_the_overview_chart_fits_80_columns_and_marks_the_envelope(
    app: BoardApp, repo: Repository
) -> None:
    repo.apply(planning.envelope(repo.state(), "2005/06", "700"))
    async with app.run_test(size=(80, 60)) as pilot:
        await pilot.pause()
        text = str(app.query_one("#overview-text", OverviewText).text)
        [bar] = [line for line in text.splitlines() if line.strip().startswith("2005/06 ")]
        assert bar.rstrip().endswith("770 of 700, 70 over") and "┃" in bar
        assert len(bar.rstrip()) <= 76  # inside the Overview's padding at 80 columns
        assert "█ 1. Corporate electronic …" in text


async def test_enter_on_a_priority_types_the_new_place(
    app: BoardApp, repo: Repository, cells: Cells
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "down", "down", *["right"] * (PRIORITY - 1), "e")
        assert isinstance(app.screen, EditScreen)
        await _type(pilot, "9")
        await pilot.press("enter")
        await pilot.pause()
        assert "outside 1 to 5" in str(app.screen.query_one("#error", Static).render())
        await _type(pilot, "1")
        await pilot.press("enter")
        await pilot.pause()
        assert [cells(app, "bids", str(b))[PRIORITY] for b in (1, 2, 3)] == ["2", "3", "1"]
    assert [b.id for b in repo.state().by_priority] == [3, 1, 2, 4, 5]


async def test_the_command_palette_opens_the_reprofile_dialog(app: BoardApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "down", "ctrl+p", *"Reprofile bid")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EditScreen)
        assert app.screen.heading.startswith("Reprofile bid 2 'Local Area Network")
