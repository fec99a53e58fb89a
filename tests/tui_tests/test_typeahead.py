"""Keys typed in one burst after `e` go to the edit dialog, not to the board behind it.

A burst is what a fast typist, a paste or `tmux send-keys` delivers: every key is queued before the
console has handled the first. Before the fix, `e ctrl+u 7 7 enter` switched the board to tab 7
behind the dialog and saved nothing, and `e u` undid the last edit on the board.
"""

from __future__ import annotations

from textual import events

from store import BidStatus, Repository
from tui.app import BoardApp
from tui.screens.edit import EditScreen

from .conftest import Cells, WaitFor

CHARACTERS = {"enter": "\r", "space": " ", "escape": "\x1b", "backspace": "\x08", "ctrl+u": "\x15"}


def shown_tab(app: BoardApp) -> str:
    return app.board.active_tab


def burst(app: BoardApp, *keys: str) -> None:
    """Queue every key at once, as a terminal delivers keys typed faster than they are handled."""
    for key in keys:
        event = events.Key(key, CHARACTERS.get(key, key if len(key) == 1 else None))
        event.set_sender(app)
        app.post_message(event)


async def test_digits_and_enter_typed_with_e_are_saved(
    app: BoardApp, repo: Repository, cells: Cells, wait_for: WaitFor
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "right")
        burst(app, "e", "ctrl+u", "7", "7", "enter")
        assert await wait_for(lambda: repo.state().bids[0].amounts["2005/06"] == 77)
        await pilot.pause()
        assert not isinstance(app.screen, EditScreen)
        assert shown_tab(app) == "bids"  # `7` did not switch to the Actions tab
        assert cells(app, "bids", "1")[2] == "77"
    assert [(e.field, e.old, e.new) for e in repo.history()] == [("2005/06", 350, 77)]


async def test_backspaces_typed_with_e_come_before_the_digit_after_them(
    app: BoardApp, repo: Repository, wait_for: WaitFor
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "right")
        burst(app, "e", "backspace", "backspace", "4", "enter")  # 350 -> 3 -> 34
        assert await wait_for(lambda: repo.state().bids[0].amounts["2005/06"] == 34)
        await pilot.pause()


async def test_letters_typed_with_e_are_typed_into_the_note_not_an_undo(
    app: BoardApp, repo: Repository, wait_for: WaitFor
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", *["right"] * 7, "space")  # bid 1's status: the edit to keep
        assert await wait_for(lambda: repo.state().bids[0].status is BidStatus.RECOMMENDED)
        await pilot.press(*["right"] * 3)  # the note
        burst(app, "e", "u", "r", "g", "e", "n", "t")
        assert await wait_for(lambda: isinstance(app.screen, EditScreen))
        await pilot.pause()
        assert app.screen.query_one("#value").value == "urgent"  # type: ignore[attr-defined]
        await pilot.press("enter")
        assert await wait_for(lambda: repo.state().bids[0].note == "urgent")
    assert repo.state().bids[0].status is BidStatus.RECOMMENDED  # `u` undid nothing


async def test_keys_typed_after_e_on_a_worked_out_cell_go_on_to_the_board(
    app: BoardApp, wait_for: WaitFor
) -> None:
    """No dialog opens there, so the keys are the board's, as typed: `2` opens Components."""
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", *["right"] * 5)  # the Total column
        burst(app, "e", "2")
        assert await wait_for(lambda: shown_tab(app) == "components")
        await pilot.pause()
