"""Editing from the keyboard: valid, invalid and cancelled edits, add/delete, undo/redo."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from store import Repository
from tui.app import BoardApp
from tui.screens.edit import ChoiceScreen, ConfirmScreen, EditScreen
from tui.widgets.filter_box import FilterBox
from tui.widgets.overview_text import OverviewText

from .conftest import Cells


async def _type(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+u", *text)


async def test_edit_target_valid(app: BoardApp, repo: Repository, cells: Cells) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "down", "right", "right", "e")
        assert isinstance(app.screen, EditScreen)
        await _type(pilot, "mid-Dec 2004")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, EditScreen)
        assert cells(app, "components", "2")[3].startswith("mid-Dec 2004")
    assert repo.state().components[1].target == "mid-Dec 2004"
    assert repo.history()[0].new == "mid-Dec 2004"


async def test_edit_invalid_keeps_dialog_and_store(app: BoardApp, store_path: Path) -> None:
    before = store_path.read_bytes()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "down", "right", "right", "e")
        await _type(pilot, "sometime")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EditScreen)
        error = str(app.screen.query_one("#error", Static).render())
        assert "'sometime' is not a month" in error
        await pilot.press("escape")
        assert not isinstance(app.screen, EditScreen)
    assert store_path.read_bytes() == before


async def test_edit_cancel_changes_nothing(app: BoardApp, store_path: Path) -> None:
    before = store_path.read_bytes()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "e")
        assert isinstance(app.screen, EditScreen)
        await _type(pilot, "Something else")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, EditScreen)
    assert store_path.read_bytes() == before


async def test_edit_money_and_totals_follow(app: BoardApp, repo: Repository, cells: Cells) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "right", "e")
        assert isinstance(app.screen, EditScreen)
        assert app.screen.query_one(Input).value == "350"
        await _type(pilot, "400")
        await pilot.press("enter")
        await pilot.pause()
        assert cells(app, "bids", "total")[2:7] == ["820", "350", "110", "490", "1,770"]
        assert "Grand total: 1,770" in str(app.query_one("#overview-text", OverviewText).text)
    assert repo.state().bids[0].amounts["2005/06"] == 400


async def test_edit_negative_money_refused(app: BoardApp, store_path: Path) -> None:
    before = store_path.read_bytes()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "right", "e")
        await _type(pilot, "-5")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EditScreen)  # still open, saying why
        assert "'-5' is not a whole non-negative number" in str(
            app.screen.query_one("#error", Static).render()
        )
    assert store_path.read_bytes() == before


async def test_edit_status_from_choice_list(app: BoardApp, repo: Repository) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5", "right", "e")  # recommendation 3.1, Decision column
        assert isinstance(app.screen, EditScreen)
        await pilot.press("down", "down", "enter")  # pending -> agreed -> amended
        await pilot.pause()
    assert repo.state().recommendations[0].decision.value == "amended"


async def test_total_column_is_not_editable(app: BoardApp) -> None:
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("3", *["right"] * 5, "e")
        assert not isinstance(app.screen, EditScreen)
        assert any("cannot be edited" in n.message for n in app._notifications)


async def test_add_and_delete_bid_with_confirmation(
    app: BoardApp, repo: Repository, cells: Cells
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "a")
        await _type(pilot, "Wi-Fi pilot")
        await pilot.press("enter")
        await pilot.pause()
        assert [b.title for b in repo.state().bids][-1] == "Wi-Fi pilot"
        assert cells(app, "bids", "6")[1] == "Wi-Fi pilot"
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert len(repo.state().bids) == 6
        await pilot.press("delete", "y")
        await pilot.pause()
        assert [b.id for b in repo.state().bids] == [1, 2, 3, 4, 5]


async def test_undo_and_redo(app: BoardApp, repo: Repository, cells: Cells) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "down", "space")
        await pilot.pause()
        assert repo.state().components[1].status.value == "under review"
        await pilot.press("u")
        await pilot.pause()
        assert repo.state().components[1].status.value == "under development"
        assert cells(app, "components", "2")[2] == "◐ under development"
        await pilot.press("U")
        await pilot.pause()
        assert repo.state().components[1].status.value == "under review"
        await pilot.press("u", "ctrl+y")
        await pilot.pause()
        assert repo.state().components[1].status.value == "under review"
    # undo and redo are edits in the history too
    assert [(e.old, e.new) for e in repo.history()] == [
        ("under development", "under review"),  # ctrl+y
        ("under review", "under development"),  # u
        ("under development", "under review"),  # U
        ("under review", "under development"),  # u
        ("under development", "under review"),  # space
    ]


async def test_undo_refused_when_someone_else_changed_it(
    app: BoardApp, repo: Repository, store_path: Path
) -> None:
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("2", "down", "space")
        await pilot.pause()
        Repository.open(store_path, who="chair@room").set_field(
            "components", "2", "status", "complete"
        )
        await pilot.press("u")
        await pilot.pause()
        assert any("chair@room" in n.message for n in app._notifications)
    assert repo.state().components[1].status.value == "complete"


async def test_undo_delete_restores_the_row(app: BoardApp, repo: Repository) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "down", "down", "delete", "y")
        await pilot.pause()
        assert [b.id for b in repo.state().bids] == [1, 2, 4, 5]
        await pilot.press("u")
        await pilot.pause()
    assert [b.title for b in repo.state().bids][2] == "Telephone system replacement"
    assert repo.state().grand_total == 1720


async def test_stale_edit_offers_keep_theirs_or_apply_mine(
    app: BoardApp, repo: Repository, store_path: Path
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "right", "right", "right", "e")  # component 1, Owner
        Repository.open(store_path, who="chair@room").set_field("components", "1", "owner", "Chair")
        await _type(pilot, "Secretary")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("enter")  # first answer: keep theirs
        await pilot.pause()
        assert repo.state().components[0].owner == "Chair"
        await pilot.press("e")
        await _type(pilot, "Secretary")
        await pilot.press("enter")
        await pilot.pause()
        assert repo.state().components[0].owner == "Secretary"  # no conflict now


async def test_filter_narrows_and_escape_clears(app: BoardApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "slash", *"strategy")
        await pilot.pause()
        table = app.board.board_table("components")
        assert [r.key for r in table.rows_shown] == ["1", "2", "6", "7"]
        await pilot.press("enter")
        assert app.focused is table
        await pilot.press("slash", "escape")
        await pilot.pause()
        assert len(table.rows_shown) == 12


async def test_filter_from_the_palette_while_typing_one_keeps_that_box(app: BoardApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "slash", *"core")
        await pilot.press("ctrl+p", *"Filter table")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        [box] = app.board.query(FilterBox)
        assert app.focused is box and box.value == "core"
        await pilot.press("enter")
        assert [r.key for r in app.board.board_table("components").rows_shown] == ["2"]
