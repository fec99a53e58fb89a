"""`x` in the console: asks for a folder (a dated one by default), writes the bundle, says where."""

from __future__ import annotations

import json
from pathlib import Path

from store import Repository
from tui.app import BoardApp
from tui.screens.edit import EditScreen

from .conftest import WaitFor


async def test_x_writes_bundle_to_default_folder(
    app: BoardApp, repo: Repository, store_path: Path, wait_for: WaitFor
) -> None:
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("3", "x")
        assert isinstance(app.screen, EditScreen)
        await pilot.press("enter")
        assert await wait_for(
            lambda: any("Snapshot written" in n.message for n in app._notifications)
        )
        message = next(n.message for n in app._notifications if "Snapshot written" in n.message)
    # Under the folder the console started in (the fixture's: the test's folder), in full.
    folders = list((store_path.parent / "exports").iterdir())
    assert len(folders) == 1 and str(folders[0].resolve()) in message
    names = {p.name for p in folders[0].iterdir()}
    assert {
        "snapshot.md",
        "snapshot.html",
        "snapshot.json",
        "bids.csv",
        "bids.xlsx",
        "changes.md",
        "screen.svg",
    } <= names
    assert json.loads((folders[0] / "snapshot.json").read_text())["totals"]["all"] == 1720
    assert "<svg" in (folders[0] / "screen.svg").read_text()
    assert len(Repository.open(store_path).state().snapshots) == 1


async def test_x_into_a_chosen_folder_and_refusal_when_files_exist(
    app: BoardApp, tmp_path: Path, wait_for: WaitFor
) -> None:
    target = tmp_path / "minutes"
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        for _ in range(2):
            await pilot.press("x", "ctrl+u", *str(target), "enter")
            await pilot.pause(0.5)
        assert await wait_for(lambda: any("exists" in n.message for n in app._notifications))
    assert (target / "snapshot.md").exists()


async def test_x_escape_writes_nothing(app: BoardApp, store_path: Path) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("x")
        assert isinstance(app.screen, EditScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, EditScreen)
    assert not (store_path.parent / "exports").exists()
