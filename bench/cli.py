"""Item 5: `board --help` and `board show` against `python -c pass`, fresh processes, wall time."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

from ._report import Figure, ms


def _board() -> list[str]:
    script = Path(sys.executable).with_name("board")
    if script.exists():
        return [str(script)]
    found = shutil.which("board")
    return [found] if found else [sys.executable, "-m", "tui"]


def _wall(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def cli_figures(store: Path, runs: int) -> list[Figure]:
    commands = {
        "pass": [sys.executable, "-c", "pass"],
        "help": [*_board(), "--help"],
        "show": [*_board(), "--store", str(store), "show"],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, args in commands.items():
            times[name].append(_wall(args))
    base = ms(times["pass"])
    return [
        Figure(
            "5a",
            "board --help (fresh process)",
            ms(times["help"]),
            base,
            "python -c pass",
            runs=runs,
        ),
        Figure(
            "5b",
            "board show, seed store (piped)",
            ms(times["show"]),
            base,
            "python -c pass",
            runs=runs,
        ),
    ]
