"""The detail panel: the record under the cursor in full, following the cursor, toggled by `d`."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

from store import Repository
from tui.app import BoardApp
from tui.widgets.detail_panel import DetailPanel

from .conftest import WaitFor, WriteElsewhere


def panel_text(app: BoardApp) -> str:
    """The panel's whole text, also the part scrolled out of sight."""
    return app.board.query_one(DetailPanel).text.plain


def panel_on_screen(app: BoardApp) -> list[str]:
    """The panel's lines as the terminal shows them (its border and scrollbar cut off)."""
    panel = app.board.query_one(DetailPanel)
    area = panel.scrollable_content_region
    screen = [strip.text for strip in app.screen._compositor.render_strips()]
    return [line[area.x : area.right].rstrip() for line in screen[area.y : area.bottom]]


async def test_the_panel_shows_the_record_under_the_cursor_in_full(app: BoardApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        text = panel_text(app)
        # The table cuts this title at 80 columns; the panel shows all of it.
        assert "Bid 1 — Corporate electronic document and records management system" in text
        assert "Amounts, £'000:" in text and "Status: ○ proposed" in text
        await pilot.press("down")
        await pilot.pause()
        assert "Bid 2 — Local Area Network (LAN) infrastructure upgrade" in panel_text(app)


async def test_the_panel_shows_a_multi_line_note_its_parts_and_overdue_state(
    app: BoardApp, repo: Repository
) -> None:
    repo.set_field("components", "5", "note", "First line\nsecond line [bold]x[/]")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", *["down"] * 4)
        await pilot.pause()
        text = panel_text(app)
        assert "Note: \nFirst line\nsecond line [bold]x[/]" in text
        assert "Parts:" in text and "5.4 IEG 4 · ◐ under development · mid-Nov 2004" in text
        assert "Last changes:" in text and "note: — → First line ↵ second line" in text
        assert "tester@test" in text
        await pilot.press("up", "up", "up")  # component 2, end-Oct 2004: overdue on 1 Nov
        await pilot.pause()
        assert "Component 2 — Core Systems Strategy" in panel_text(app)
        assert "⚠ overdue: the target has passed" in panel_text(app)


async def test_a_part_row_is_overdue_like_a_component(repo: Repository) -> None:
    app = BoardApp(repo, today=dt.date(2004, 12, 1))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", *["down"] * 8)  # 5.4 IEG 4, mid-Nov 2004, under development
        await pilot.pause()
        assert "Component 5, part 4 — IEG 4" in panel_text(app)
        assert "⚠ overdue" in panel_text(app)
        row = app.board.board_table("components").get_row("5/p4")
        assert row[3].plain == "mid-Nov 2004  ⚠ overdue"


async def test_the_panel_sits_beside_the_table_when_wide_and_d_hides_it(app: BoardApp) -> None:
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        panel = app.board.query_one(DetailPanel)
        table = app.board.board_table("bids")
        assert panel.region.x >= table.region.right - 1 and panel.region.height > 20
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert panel.region.y >= table.region.bottom - 1  # below when narrow
        await pilot.press("d")
        await pilot.pause()
        assert not panel.display or panel.region.height == 0
        await pilot.press("d")
        await pilot.pause()
        assert panel.region.height > 0


async def test_the_history_tab_shows_a_change_in_full(app: BoardApp, repo: Repository) -> None:
    long_note = "A long note that the History tab cuts " + "x" * 80
    repo.set_field("bids", "2", "note", long_note)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("6")
        await pilot.pause()
        text = panel_text(app)
        assert long_note in text and "tester@test" in text


async def test_each_move_draws_the_new_record_whole_when_it_is_shorter_or_longer(
    app: BoardApp,
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", *["down"] * 4)  # component 5: its parts make it long
        await pilot.pause()
        long = panel_on_screen(app)
        assert long[0].startswith("Component 5 — ") and len(long) == 8
        await pilot.press("down")  # part 5.1: a short record, the panel shrinks to it
        await pilot.pause()
        short = panel_on_screen(app)
        assert short[0] == "Component 5, part 1 — IEG 1"
        assert short == panel_text(app).split("\n")  # all of it, nothing else
        await pilot.press("up")
        await pilot.pause()
        assert panel_on_screen(app) == long


async def test_beside_the_table_records_of_other_lengths_replace_each_other(
    app: BoardApp,
) -> None:
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.press("2", *["down"] * 4)
        await pilot.pause()
        lines = panel_text(app).rstrip("\n").split("\n")
        await pilot.press("down")
        await pilot.pause()
        shown = panel_on_screen(app)
        part = panel_text(app).rstrip("\n").split("\n")
        assert len(part) < len(lines) and shown[: len(part)] == part
        assert not any(shown[len(part) :])  # no line of component 5 left below it


async def test_the_panel_shows_its_record_when_a_tab_is_first_opened(app: BoardApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        shown = panel_on_screen(app)
        assert shown[0] == "Component 1 — e-Modernising Leicester Strategy" and len(shown) == 8


async def test_the_panel_follows_a_filter_and_says_when_nothing_matches(app: BoardApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "slash", *"mobile", "enter")
        await pilot.pause()
        assert panel_on_screen(app)[0].startswith("Bid 5 — Mobile working")
        await pilot.press("slash", *"zzq", "enter")
        await pilot.pause()
        assert panel_on_screen(app) == [
            "Move the cursor onto a row to see it in full here (d hides this panel)."
        ]


async def test_a_change_from_another_process_shows_in_the_panel(
    app: BoardApp, store_path: Path, wait_for: WaitFor, write_elsewhere: WriteElsewhere
) -> None:
    async with app.run_test(size=(200, 50)) as pilot:  # the panel beside the table shows it all
        await pilot.press("3", "down")  # bid 2
        await pilot.pause(0.3)  # let the folder watch start
        note = "Agreed by the board [bold]today[/]"
        await asyncio.to_thread(write_elsewhere, store_path, "bids", "2", "note", note)
        assert await wait_for(lambda: f"Note: {note}" in panel_text(app))
        await pilot.pause()
        assert f"Note: {note}" in panel_on_screen(app)


async def test_a_double_click_selects_the_whole_record_to_copy(app: BoardApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await pilot.double_click(DetailPanel, offset=(5, 2))
        await pilot.pause()
        assert app.screen.get_selected_text() == panel_text(app).rstrip("\n")
