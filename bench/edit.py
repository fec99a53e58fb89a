"""Item 2: one edit persisted (Repository.set_field) against the floor, interleaved.

The floor is what any safe save must do with the same data: orjson.dumps + write + fsync +
os.replace. The history comparison puts two stores side by side that differ only in history.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from store import Repository

from ._report import Figure, ms
from .make_store import build


def floor_save(path: Path) -> Callable[[int], None]:
    """The floor for the store at `path`: its data with one note changed, saved atomically."""
    data: dict[str, Any] = orjson.loads(path.read_bytes())
    target = path.with_name("floor.json")
    tmp = path.with_name("floor.json.tmp")

    def save(n: int) -> None:
        data["bids"]["1"]["note"] = f"floor {n}"
        raw = orjson.dumps(data)
        with open(tmp, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)

    return save


def store_edit(path: Path) -> Callable[[int], None]:
    repo = Repository.open(path, who="bench@bench")

    def edit(n: int) -> None:
        repo.set_field("bids", "1", "note", f"edit {n}")

    return edit


def _timed(action: Callable[[int], None], n: int) -> float:
    start = time.perf_counter()
    action(n)
    return time.perf_counter() - start


def interleaved(actions: list[Callable[[int], None]], runs: int) -> list[list[float]]:
    for action in actions:  # warm caches and the first file replace
        action(-1)
    times: list[list[float]] = [[] for _ in actions]
    for n in range(runs):
        order = list(enumerate(actions))
        if n % 2:
            order.reverse()
        for index, action in order:
            times[index].append(_timed(action, n))
    return times


def by_size(folder: Path, sizes: tuple[int, ...], runs: int) -> list[Figure]:
    figures = []
    for index, bids in enumerate(sizes):
        store = build(folder / f"edit-{bids}.json", bids=bids)
        subject, floor = interleaved([store_edit(store), floor_save(store)], runs)
        figures.append(
            Figure(
                f"2{'abc'[index]}",
                f"one edit persisted, {bids:,} bids",
                ms(subject),
                ms(floor),
                "floor",
                goal=1.5 if bids >= 10_000 else None,
                runs=runs,
            )
        )
    return figures


def by_history(folder: Path, bids: int, history: int, runs: int) -> Figure:
    short = build(folder / "hist-0.json", bids=bids)
    long = build(folder / f"hist-{history}.json", bids=bids, history=history)
    with_history, without = interleaved([store_edit(long), store_edit(short)], runs)
    return Figure(
        "2d",
        f"one edit persisted, {bids:,} bids, {history:,} vs 0 history entries",
        ms(with_history),
        ms(without),
        "no history",
        goal=1.1,
        runs=runs,
    )
