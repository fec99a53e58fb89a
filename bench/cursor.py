"""Item 7: a cursor move on the 10,000-row Bids tab with the detail panel shown, in process.

Each move is timed from posting the key to the last frame it caused being handed to the
(headless) driver: the key handled, the table and the panel repainted and composed. Pilot's own
waits are not counted. The goal is one frame at 60 Hz; the same moves with the panel hidden
(`d`) are printed beside it.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from pathlib import Path
from typing import Any

from textual import events

from store import Repository

from ._report import Figure, ms

TODAY = dt.date(2004, 11, 1)
FRAME = 1 / 60


async def _moves(store: Path, moves: int, panel: bool) -> list[float]:
    from tui.app import BoardApp

    app = BoardApp(Repository.open(store, read_only=True), today=TODAY)
    frames: list[float] = []
    display = app._display

    def timed_display(*args: Any) -> None:
        display(*args)
        frames.append(time.perf_counter())

    times: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", *([] if panel else ["d"]))
        await pilot.pause(0.2)
        app._display = timed_display  # type: ignore[method-assign]
        for n in range(moves):
            await pilot.pause()  # settled first: Pilot's pause queues work on every widget,
            frames.clear()  # which is not the key's (it was 3-5 ms of each move's figure)
            start = time.perf_counter()
            app.post_message(events.Key("down" if n % 40 < 20 else "up", None))
            await _frames_done(frames, start)
            times.append(frames[-1] - start)
    return times


async def _frames_done(frames: list[float], start: float) -> None:
    """Wait for the move's frames: at least 50 ms, and until none came for 30 ms (a move that
    lays the screen out again can take longer than 50 ms under load)."""
    await asyncio.sleep(0.05)
    while time.perf_counter() - start < 2 and (
        not frames or time.perf_counter() - frames[-1] < 0.03
    ):
        await asyncio.sleep(0.01)


def cursor_figures(store: Path, varied: Path, moves: int) -> list[Figure]:
    """8a on `store` (every note alike); 8b on `varied` (notes of 0-600 characters, so the
    panel's height changes from record to record, as with real notes)."""
    figures = []
    for item, path, what in (("8a", store, "notes alike"), ("8b", varied, "notes 0-600 chars")):
        shown = asyncio.run(_moves(path, moves, panel=True))
        hidden = asyncio.run(_moves(path, moves, panel=False))
        figures.append(
            Figure(
                item,
                f"cursor move, 10,000-row Bids tab ({what}), detail panel shown",
                ms(shown),
                FRAME * 1000,
                "one frame (60 Hz)",
                goal=1.0,
                runs=moves,
                extra=f"panel hidden: {ms(hidden):.1f} ms",
            )
        )
    return figures
