"""Item 7: the meeting as a record. 7a/7b: `board show --at` on a store with 100,000 history lines
(to the earliest revision they reach, every line replayed; to the one before the last), against
the goal of 1 s. 7c: `board minutes` for a meeting of 1,000 edits, against `board show` of the
same store. Fresh processes, wall time, output to /dev/null."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from store import Repository

from ._report import Figure, ms
from .cli import board_command
from .make_store import WHO

GOAL_S = 1.0


def _wall(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def _median_ms(args: list[str], runs: int) -> float:
    return ms([_wall(args) for _ in range(runs)])


def as_at_figures(store: Path, history: int, runs: int) -> list[Figure]:
    board = [*board_command(), "--store", str(store), "show"]
    latest = Repository.open(store).state().revision
    earliest = latest - history  # the store's first revisions (growing it) wrote no history
    far = _median_ms([*board, "--at", str(earliest)], runs)
    near = _median_ms([*board, "--at", str(latest - 1)], runs)
    goal = GOAL_S * 1000
    return [
        Figure(
            "7a",
            f"board show --at {earliest}, {history:,} history lines replayed",
            far,
            goal,
            "goal",
            goal=1.0,
            runs=runs,
        ),
        Figure(
            "7b",
            f"board show --at {latest - 1} (one line back)",
            near,
            goal,
            "goal",
            goal=1.0,
            runs=runs,
        ),
    ]


def meeting_store(path: Path, edits: int) -> Path:
    """The seed with one meeting of `edits` edits: decisions, statuses, money, notes, actions."""
    repo = Repository.open(path, who=WHO)
    repo.start_meeting(title="Cabinet", present="Cllr A; Cllr B", apologies="Cllr C")
    decisions, statuses = ("agreed", "deferred", "amended"), ("approved", "reserve", "deferred")
    for n in range(edits - 2):
        kind = n % 5
        if kind == 0:
            repo.set_field("recommendations", "3.1", "decision", decisions[n % 3])
        elif kind == 1:
            repo.set_field("bids", str(1 + n % 5), "status", statuses[n % 3])
        elif kind == 2:
            repo.set_field("bids", str(1 + n % 5), "2005/06", n)
        elif kind == 3:
            repo.set_field("components", str(1 + n % 8), "note", f"minuted {n}")
        else:
            repo.add("actions", {"text": f"Action {n}", "owner": "I Vania", "due": "30/11/2004"})
    repo.end_meeting()
    return path


def minutes_figures(folder: Path, edits: int, runs: int) -> list[Figure]:
    store = meeting_store(folder / "meeting.json", edits)
    board = [*board_command(), "--store", str(store)]
    sheet = _median_ms([*board, "minutes", "--format", "html"], runs)
    show = _median_ms([*board, "show"], runs)
    what = f"board minutes --format html, a meeting of {edits:,} edits"
    return [Figure("7c", what, sheet, show, "board show", runs=runs)]
