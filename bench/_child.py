"""Runs in a fresh interpreter: start one app headless, open a tab, report when it was painted.

    python -m bench._child console|bare STORE|LAYOUT [KEY]

Prints one JSON line: `painted` (time.time() when the tab was on screen), `opened` (seconds from
constructing the app, after the imports, to that paint) and `maxrss_kb` (peak memory). Both apps
are driven the same way: App.run_test at 120x40, press KEY, wait for idle twice.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import resource
import sys
import time
from pathlib import Path

import orjson
from textual.app import App

TODAY = dt.date(2004, 11, 1)


def make(kind: str, path: Path) -> App[None]:
    if kind == "console":
        from store import Repository
        from tui.app import BoardApp

        return BoardApp(Repository.open(path, read_only=True), today=TODAY)
    from bench._bare import BareApp

    return BareApp(path)


async def first_paint(kind: str, path: Path, key: str | None) -> dict[str, float]:
    if kind == "console":  # import what the bare app imports, before the clock starts
        import tui.app  # noqa: F401
    else:
        import bench._bare  # noqa: F401
    start = time.perf_counter()
    app = make(kind, path)
    async with app.run_test(size=(120, 40)) as pilot:
        if key:
            await pilot.press(key)
        await pilot.pause()
        await pilot.pause()
        painted = time.time()
        opened = time.perf_counter() - start
    return {"painted": painted, "opened": opened}


def main() -> None:
    kind, path = sys.argv[1], Path(sys.argv[2])
    key = sys.argv[3] if len(sys.argv) > 3 else None
    result = asyncio.run(first_paint(kind, path, key))
    result["maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    sys.stdout.write(orjson.dumps(result).decode() + "\n")


if __name__ == "__main__":
    main()
