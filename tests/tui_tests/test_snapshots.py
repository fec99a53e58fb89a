"""SVG snapshots of the main screens at fixed sizes (pytest-textual-snapshot).

Plain functions, not async (FACTS.md). The store lives at a fixed path so the status line is the
same on every machine; "today" is fixed so overdue marks are stable. Update after an intended
change with `python -m pytest tests/tui_tests/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import pytest

from store import Repository
from tui.app import BoardApp

FOLDER = Path(tempfile.gettempdir()) / "board-snapshot-tests"


@pytest.fixture
def snap_app(today: dt.date) -> BoardApp:
    shutil.rmtree(FOLDER, ignore_errors=True)
    FOLDER.mkdir(parents=True)
    return BoardApp(Repository.open(FOLDER / "board.json", who="secretary@meeting"), today=today)


@pytest.mark.parametrize("key", ["1", "2", "3", "4", "5"])
def test_tabs_120x40(snap_compare, snap_app: BoardApp, key: str) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(snap_app, press=[key], terminal_size=(120, 40))


def test_components_80x24(snap_compare, snap_app: BoardApp) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(snap_app, press=["2"], terminal_size=(80, 24))


def test_help_screen(snap_compare, snap_app: BoardApp) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(snap_app, press=["question_mark"], terminal_size=(120, 40))


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 50)])
def test_bids_fit_the_window(snap_compare, snap_app: BoardApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """Columns fit (numbers and statuses whole, text with …) and the detail panel sits below the
    table, or beside it at 200 columns; the cursor is on bid 2."""

    async def on_bid_2(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("3", "down")
        await pilot.pause()

    assert snap_compare(snap_app, run_before=on_bid_2, terminal_size=size)
