"""Item 5: `board --help`, `board set` and `board show` against `python -c pass`, fresh processes,
wall time, alternated so load on a shared machine hits the floor and the commands alike."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

from ._report import Figure, ms

GOALS = {"help": 2.0, "set": 3.0, "show": 4.0}


def board_command() -> list[str]:
    script = Path(sys.executable).with_name("board")
    if script.exists():
        return [str(script)]
    found = shutil.which("board")
    return [found] if found else [sys.executable, "-m", "tui"]


def _wall(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def _commands(store: Path, edited: Path, n: int) -> dict[str, list[str]]:
    return {
        "pass": [sys.executable, "-c", "pass"],
        "help": [*board_command(), "--help"],
        # A real edit every run: the value alternates, so each run saves and appends history.
        "set": [
            *board_command(),
            "--store",
            str(edited),
            "set",
            "bids",
            "1",
            "2005/06",
            str(n % 2),
        ],
        "show": [*board_command(), "--store", str(store), "show"],
    }


def cli_figures(store: Path, runs: int) -> list[Figure]:
    edited = store.with_name("cli-set.json")
    shutil.copyfile(store, edited)
    times: dict[str, list[float]] = {}
    for n in range(runs):
        for name, args in _commands(store, edited, n).items():
            times.setdefault(name, []).append(_wall(args))
    base = ms(times["pass"])
    what = {
        "help": ("5a", "board --help (fresh process)"),
        "show": ("5b", "board show, seed store (piped)"),
        "set": ("5f", "board set, seed store (one edit saved)"),
    }
    return [
        Figure(item, text, ms(times[name]), base, "python -c pass", goal=GOALS[name], runs=runs)
        for name, (item, text) in what.items()
    ]
