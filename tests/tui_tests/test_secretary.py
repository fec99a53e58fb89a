"""The secretary at speed: edits that append, type-ahead into the filter, totals of what is
shown, empty states that say so, and a footer that lists only keys that work."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Footer, Input, Static

from store import Repository
from tui.app import BoardApp
from tui.screens.edit import EditScreen
from tui.widgets.row_table import RowTable

from .conftest import Cells


def footer_keys(app: BoardApp) -> list[str]:
    footer = app.screen.query_one(Footer)
    return [key.description for key in footer.query("FooterKey").results()]  # type: ignore[attr-defined]


def screen_line(table: RowTable, y: int) -> str:
    return table.render_line(y).text


async def test_typing_in_the_edit_box_appends_to_the_text(
    app: BoardApp, repo: Repository, cells: Cells
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "down", "e", *" and Wi-Fi", "enter")
        await pilot.pause()
        assert (
            "Local Area Network (LAN) infrastructure upgrade and Wi-Fi"
            in cells(app, "bids", "2")[1]
        )
    assert repo.state().bids[1].title == "Local Area Network (LAN) infrastructure upgrade and Wi-Fi"


async def test_ctrl_u_clears_the_edit_box(app: BoardApp, repo: Repository) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "down", "e", "ctrl+u", *"LAN", "enter")
        await pilot.pause()
    assert repo.state().bids[1].title == "LAN"


async def test_edit_heading_names_the_record_and_the_unit_and_shows_forms_first(
    app: BoardApp,
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "down", "right", "e")
        assert isinstance(app.screen, EditScreen)
        heading = str(app.screen.query_one(".title", Static).render())
        assert heading.startswith("Bid 2 — Local Area Network (LAN)")
        assert heading.endswith("… · 2005/06, £'000")
        forms = str(app.screen.query_one("#forms", Static).render())
        assert "whole number of £'000" in forms and "1,250" in forms
        assert str(app.screen.query_one("#error", Static).render()) == ""


async def test_keys_typed_in_one_burst_after_slash_all_go_to_the_filter(
    app: BoardApp, store_path: Path
) -> None:
    before = store_path.read_bytes()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "slash", "t", "e", "l")
        box = app.board.query_one("#filter", Input)
        assert box.value == "tel" and app.focused is box
        assert not isinstance(app.screen, EditScreen)  # `e` did not open an edit
        await pilot.press("enter", "enter")  # keep the filter; the second enter edits the title
        await pilot.press("escape")
        await pilot.pause()
        table = app.board.board_table("bids")
        assert [r.key for r in table.rows_shown] == ["3", "total"]
    assert store_path.read_bytes() == before


async def test_the_total_row_sums_the_rows_shown_and_says_so(app: BoardApp, cells: Cells) -> None:
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.press("3")
        assert cells(app, "bids", "total")[1:7] == ["Total", "770", "350", "110", "490", "1,720"]
        await pilot.press("slash", *"tel", "enter")
        await pilot.pause()
        total = cells(app, "bids", "total")
        assert total[1:7] == ["Total of 1 shown", "0", "0", "10", "490", "500"]


async def test_a_filter_that_matches_nothing_says_so(app: BoardApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "slash", *"zzz")
        await pilot.pause()
        table = app.board.board_table("components")
        assert table.row_count == 0
        assert "No rows match 'zzz' — escape clears" in screen_line(table, 1)
        await pilot.press("escape")
        await pilot.pause()
        assert table.row_count == 12


async def test_a_new_stores_history_says_it_has_no_changes_yet(app: BoardApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("6")
        history = app.board.query_one("#table-history", RowTable)
        assert history.row_count == 0
        assert "No changes yet" in screen_line(history, 1)


async def test_footer_shows_only_keys_that_work_on_the_tab_and_help_and_quit_first(
    app: BoardApp,
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        keys = footer_keys(app)
        assert keys[:2] == ["Keys", "Quit"]
        assert "Add row" in keys and "Delete row" in keys
        await pilot.press("4")
        await pilot.pause()
        keys = footer_keys(app)
        assert "Add row" not in keys and "Delete row" not in keys and "Edit" in keys
        await pilot.press("1")
        await pilot.pause()
        assert "Filter" not in footer_keys(app)


async def test_the_status_line_keeps_the_store_path_after_an_edit(app: BoardApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "space")
        await pilot.pause()
        status = str(app.board.query_one("#status", Static).render())
        assert "…/board.json" in status and "rev 1" in status


async def test_the_palette_offers_one_help_screen(app: BoardApp) -> None:
    async with app.run_test(size=(120, 40)):
        commands = list(app.get_system_commands(app.screen))
        keys = [c for c in commands if c.title == "Keys"]
        assert len(keys) == 1 and "(?)" in keys[0].help


async def test_delete_asks_with_visible_buttons_and_no_is_focused(
    app: BoardApp, repo: Repository
) -> None:
    from textual.widgets import Button

    from tui.screens.edit import ConfirmScreen

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "delete")
        assert isinstance(app.screen, ConfirmScreen)
        labels = [str(b.label) for b in app.screen.query(Button)]
        assert labels == ["Remove (y)", "No (n)"]
        await pilot.press("enter")  # the focused button is No
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        await pilot.press("delete")
        await pilot.click("#yes")
        for _ in range(40):
            await pilot.pause(0.05)
            if len(repo.state().bids) == 4:
                break
    assert [b.id for b in repo.state().bids] == [2, 3, 4, 5]
