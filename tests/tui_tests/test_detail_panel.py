"""The detail panel: the record under the cursor in full, following the cursor, toggled by `d`."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Static

from store import Repository
from tui.app import BoardApp
from tui.widgets.detail_panel import DetailPanel


def panel_text(app: BoardApp) -> str:
    return str(app.board.query_one("#detail-text", Static).render())


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
