"""Item 9: cost that grows with the work, at 10,000 and 100,000 bids with long notes.

    python -m bench --only 9 [--stores DIR]

Not part of the default run (building the 100,000-bid store, ~190 MiB, and timing commands on it
takes minutes): ask for it with `--only 9`; `--stores DIR` keeps the two stores between runs.
Each command runs in a fresh process (`board show` piped, `check`, `set`, `export --all`, and the
console's first screen); the figure is its time at 100,000 bids against its time at 10,000
(linear is 10×, the goal ≤ 12×), and its peak memory (the child's own ru_maxrss, from wait4)
against the store's size (goal ≤ 3×). The same is reported for a bare `orjson.loads` of the
file: the floor every command's peak sits on (it alone is ~3.5× the file). An edit at 100,000 bids is also timed in process against
the floor of saving that file (item 2's floor).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from ._report import Figure, median
from .cli import board_command
from .edit import floor_save, interleaved, store_edit
from .make_store import build

SIZES = (10_000, 100_000)
NOTE_LENGTH = 1_900  # 100,000 bids: a ~190 MiB store, as in the measurement
MIB = 1024 * 1024
# The floor of every command's memory: orjson parsing the store (yyjson's own buffers hold about
# a copy of the text while the Python objects are made, so this alone peaks at ~3.5x the file).
FLOOR = "parse floor: orjson.loads of the file"
PARSE = "import orjson, sys; orjson.loads(open(sys.argv[1], 'rb').read())"


def store_of(folder: Path, bids: int) -> Path:
    """The store of `bids` bids in `folder`, built once and reused while it checks out."""
    path = folder / f"scale-{bids}.json"
    done = path.with_suffix(".built")
    if not done.exists():
        for stale in folder.glob(f"scale-{bids}.*"):
            stale.unlink()
        build(path, bids=bids, note_length=NOTE_LENGTH)
        done.touch()
    return path


def _commands(store: Path, out: Path) -> dict[str, list[str]]:
    board = [*board_command(), "--store", str(store)]
    console = [sys.executable, "-m", "bench._child", "console", str(store)]
    return {
        "show": [*board, "show"],
        "check": [*board, "check"],
        "set": [*board, "set", "bids", "1", "note"],  # the value is added per run
        "export --all": [*board, "export", "--all", str(out), "--force"],
        "first screen": console,
        FLOOR: [sys.executable, "-c", PARSE, str(store)],
    }


def run_once(args: list[str]) -> tuple[float, float]:
    """(seconds, peak resident MiB) of one fresh process, its output thrown away."""
    start = time.perf_counter()
    child = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"bench: {' '.join(args)} exited {child.returncode}")
    return seconds, usage.ru_maxrss / 1024


def measure(store: Path, runs: int, out: Path) -> dict[str, tuple[float, float]]:
    """Median seconds and peak MiB of each command on `store`."""
    times: dict[str, list[tuple[float, float]]] = {}
    for n in range(runs):
        for name, args in _commands(store, out).items():
            extra = [f"scale run {n}"] if name == "set" else []
            times.setdefault(name, []).append(run_once(args + extra))
    return {
        name: (median([t for t, _ in v]), median([m for _, m in v])) for name, v in times.items()
    }


def scale_figures(folder: Path, runs: int) -> list[Figure]:
    stores = {bids: store_of(folder, bids) for bids in SIZES}
    out = folder / "scale-export"
    small, big = (measure(stores[bids], runs, out) for bids in SIZES)
    shutil.rmtree(out, ignore_errors=True)
    size = stores[SIZES[1]].stat().st_size / MIB
    figures = []
    for index, name in enumerate(small):
        letter = "abcdefghij"[index]
        figures.append(
            Figure(
                f"9{letter}",
                f"{name}, 100,000 vs 10,000 bids (long notes)",
                big[name][0] * 1000,
                small[name][0] * 1000,
                "10,000 bids",
                goal=None if name == FLOOR else 12.0,
                runs=runs,
            )
        )
        figures.append(
            Figure(
                f"9{letter}",
                f"{name}: peak memory at 100,000 bids vs the store's size",
                big[name][1],
                size,
                "store size",
                unit="MiB",
                goal=None if name == FLOOR else 3.0,
                runs=runs,
            )
        )
    subject, floor = interleaved([store_edit(stores[SIZES[1]]), floor_save(stores[SIZES[1]])], 5)
    figures.append(
        Figure(
            "9z",
            "one edit persisted, 100,000 bids (long notes)",
            median(subject) * 1000,
            median(floor) * 1000,
            "floor",
            goal=1.5,
            runs=5,
        )
    )
    return figures
