"""The projector theme: chosen from the command palette and remembered for the user."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from store import Repository
from tui.app import BoardApp


async def test_projector_theme_from_palette_is_remembered(
    repo: Repository, tmp_path: Path, today: dt.date
) -> None:
    settings = tmp_path / "config" / "settings.json"
    app = BoardApp(repo, today=today, settings_file=settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p", *"Projector theme")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "projector"
        assert app.has_class("-projector")
    assert json.loads(settings.read_text())["theme"] == "projector"

    again = BoardApp(repo, today=today, settings_file=settings)
    async with again.run_test(size=(120, 40)):
        assert again.theme == "projector"


async def test_palette_offers_the_console_actions(app: BoardApp) -> None:
    async with app.run_test(size=(120, 40)):
        titles = {c.title for c in app.get_system_commands(app.screen)}
    assert {
        "Export snapshot",
        "Undo",
        "Redo",
        "Filter table",
        "Projector theme",
        "Go to Bids",
    } <= titles
