"""Runs in a fresh interpreter: start one app headless, open a tab, report when it was painted.

    python -m bench._child console|bare|smallest STORE|LAYOUT [KEY]

Prints one JSON line: `painted` (time.time() when the screen was on screen), `opened` (seconds
from constructing the app, after the imports, to that paint) and `maxrss_kb` (peak memory,
VmHWM).
Both apps are driven the same way. Without KEY: App.run(headless=True) at 120x40 until Textual's
Ready event (the first frame has been displayed), then exit. With KEY: App.run_test at 120x40,
press KEY, wait for idle twice (stock DataTable measures its rows when idle), then take the time.
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


class _ExitWhenReady:
    """Mixed into either app: note the time of the first frame, then quit."""

    painted = 0.0

    def on_ready(self) -> None:
        self.painted = time.time()
        self.exit()  # type: ignore[attr-defined]


def make(kind: str, path: Path, timed: bool = False) -> App[None]:
    if kind == "console":
        import tui.app
        from store import Repository

        cls: type[App[None]] = tui.app.BoardApp
        if timed:  # CSS_PATH is relative to the class's module: keep the console's
            css = {"CSS_PATH": str(Path(tui.app.__file__).with_name("app.tcss"))}
            cls = type("TimedBoardApp", (_ExitWhenReady, cls), css)
        return cls(Repository.open(path), today=TODAY)  # type: ignore[call-arg,arg-type]
    if kind == "smallest":
        from bench._smallest import SmallestApp

        return type("TimedSmallestApp", (_ExitWhenReady, SmallestApp), {})()
    from bench._bare import BareApp

    bare: type[App[None]] = (
        type("TimedBareApp", (_ExitWhenReady, BareApp), {}) if timed else BareApp
    )
    return bare(path)  # type: ignore[call-arg,arg-type]


def first_screen(kind: str, path: Path) -> dict[str, float]:
    start = time.perf_counter()
    app = make(kind, path, timed=True)
    app.run(headless=True, size=(120, 40))
    painted = app.painted  # type: ignore[attr-defined]
    return {"painted": painted, "opened": painted - time.time() + time.perf_counter() - start}


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


def peak_rss_kb() -> float:
    """This interpreter's peak resident memory, in KiB.

    On Linux, ru_maxrss survives execve: a child of a large parent reports at least the
    parent's size (the bench parent holds 10,000-bid stores). VmHWM belongs to the new address
    space only, so it is used where /proc has it.
    """
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return float(line.split()[1])
    except OSError:
        pass
    return float(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def main() -> None:
    kind, path = sys.argv[1], Path(sys.argv[2])
    key = sys.argv[3] if len(sys.argv) > 3 else None
    result = asyncio.run(first_paint(kind, path, key)) if key else first_screen(kind, path)
    result["maxrss_kb"] = peak_rss_kb()
    sys.stdout.write(orjson.dumps(result).decode() + "\n")


if __name__ == "__main__":
    main()
