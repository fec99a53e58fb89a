"""Items 1, 3 and 5 (memory): the console against the bare app, each run in fresh interpreters.

First screen = import + mount + first paint, from spawning the process to the paint. Opening a tab
= from constructing the app (imports done) to the tab painted. Console and bare runs alternate.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time
from pathlib import Path

import orjson

from store import Repository

from ._bare import layout_of
from ._report import Figure, median, ms

TODAY = dt.date(2004, 11, 1)


def write_layout(store: Path) -> Path:
    """The bare app's input: the console's six tables of `store` as plain cells."""
    layout = store.with_suffix(".layout.json")
    layout.write_bytes(orjson.dumps(layout_of(Repository.open(store, read_only=True), TODAY)))
    return layout


def run_child(kind: str, path: Path, key: str | None = None) -> dict[str, float]:
    args = [sys.executable, "-m", "bench._child", kind, str(path), *([key] if key else [])]
    spawned = time.time()
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    result: dict[str, float] = orjson.loads(out.strip().splitlines()[-1])
    result["first_screen"] = result["painted"] - spawned
    return result


def paired(
    store: Path, runs: int, key: str | None = None, smallest: bool = False
) -> dict[str, list[dict[str, float]]]:
    """Console, bare app (and the smallest app) in turn, `runs` times."""
    layout = write_layout(store)
    out: dict[str, list[dict[str, float]]] = {"console": [], "bare": [], "smallest": []}
    for _ in range(runs):
        out["console"].append(run_child("console", store, key))
        out["bare"].append(run_child("bare", layout, key))
        if smallest:
            out["smallest"].append(run_child("smallest", layout))
    return out


def _col(results: list[dict[str, float]], name: str) -> list[float]:
    return [r[name] for r in results]


def first_screen(
    store: Path, runs: int, item: str, what: str, goal: float, floor_goal: float | None = None
) -> list[Figure]:
    """The console against the bare app; with `floor_goal`, also against the smallest app."""
    r = paired(store, runs, smallest=floor_goal is not None)
    figures = _floor(r, runs, what, floor_goal) if floor_goal is not None else []
    screen = Figure(
        item,
        what,
        ms(_col(r["console"], "first_screen")),
        ms(_col(r["bare"], "first_screen")),
        "bare app",
        goal=goal,
        runs=runs,
    )
    memory = Figure(
        "5c" if item == "1a" else "5d",
        "peak memory (VmHWM), " + what.removeprefix("first screen, "),
        median(_col(r["console"], "maxrss_kb")) / 1024,
        median(_col(r["bare"], "maxrss_kb")) / 1024,
        "bare app",
        unit="MiB",
        runs=runs,
    )
    return [screen, memory, *figures]


def _floor(r: dict[str, list[dict[str, float]]], runs: int, what: str, goal: float) -> list[Figure]:
    return [
        Figure(
            "1c",
            what + ", against the smallest Textual app",
            ms(_col(r["console"], "first_screen")),
            ms(_col(r["smallest"], "first_screen")),
            "Static + Footer",
            goal=goal,
            runs=runs,
        )
    ]


def open_tab(store: Path, runs: int, rows: int) -> list[Figure]:
    r = paired(store, runs, key="3")
    memory = Figure(
        "5e",
        f"peak memory (VmHWM), Bids tab of {rows:,} rows open",
        median(_col(r["console"], "maxrss_kb")) / 1024,
        median(_col(r["bare"], "maxrss_kb")) / 1024,
        "stock DataTable",
        unit="MiB",
        runs=runs,
    )
    speed = Figure(
        "3",
        f"open the Bids tab of {rows:,} rows (app built → tab painted)",
        ms(_col(r["console"], "opened")),
        ms(_col(r["bare"], "opened")),
        "stock DataTable",
        goal=4.0,
        higher_is_better=True,
        runs=runs,
    )
    return [speed, memory]
