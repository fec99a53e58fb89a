"""Item 6: the money decision at 10,000 bids, against the Bids tab's own work.

In this process, on a store with an envelope that puts the funding line half way down:
- 6a: the Bids tab's rows in priority order (the order, the funding line, running totals per year)
  against the same rows in the report's order (what item 3's tab builds), cold each time;
- 6b: the Overview's chart (each year's bar stacked by bid, with its legend) against one 60 Hz
  frame, 16.7 ms, given the priority order and running totals (read once per state, shared with
  the Bids tab's rows);
- 6c: that shared part, cold: the priority order, the running totals and the funding line.
The goal, from the issue: within one frame of the existing Bids-tab figures.
"""

from __future__ import annotations

import time
from pathlib import Path

import msgspec

from store import BoardState, Repository, planning
from tui import bid_rows, tables
from tui.chart import funding_chart

from ._report import Figure, median
from .make_store import build

FRAME_MS = 1000 / 60


def _envelope_half_way(path: Path) -> BoardState:
    """Each year's envelope at the running total of the middle bid: the line falls half way."""
    repo = Repository.open(path)
    state = repo.state()
    middle = len(state.bids) // 2 - 1
    for year, running in state.running.items():
        repo.apply(planning.envelope(repo.state(), year, str(running[middle])))
    return repo.state()


def _cold(state: BoardState) -> BoardState:
    """The same board without its cached order, funding line or totals (as after a re-read)."""
    bid_rows.clear_row_cache()
    return msgspec.structs.replace(state)


def _ordered(state: BoardState) -> BoardState:
    fresh = _cold(state)
    _shared(fresh)
    return fresh


def _shared(state: BoardState) -> None:
    state.within_envelope(state.bids[0].id)  # the order, the running totals and the line


def _time_ms(work: object, state: BoardState, runs: int, prepare: object = _cold) -> float:
    times = []
    for _ in range(runs):
        fresh = prepare(state)  # type: ignore[operator]
        start = time.perf_counter()
        work(fresh)  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return median(times)


def _alternating_ms(a: object, b: object, state: BoardState, runs: int) -> tuple[float, float]:
    """Medians of `a` and `b`, run in turn, so the load of a shared machine hits both alike."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for n, work in enumerate((a, b)):
            fresh = _cold(state)
            start = time.perf_counter()
            work(fresh)  # type: ignore[operator]
            times[n].append((time.perf_counter() - start) * 1000)
    return median(times[0]), median(times[1])


def money_figures(folder: Path, bids: int, runs: int) -> list[Figure]:
    state = _envelope_half_way(build(folder / "money.json", bids=bids))
    by_id, by_priority = _alternating_ms(
        lambda s: tables.table_rows(s, "bids"),
        lambda s: tables.table_rows(s, "bids", by_priority=True),
        state,
        runs,
    )
    chart = _time_ms(funding_chart, state, runs, _ordered)
    shared = _time_ms(_shared, state, runs)
    below = sum(state.within_envelope(b.id) is False for b in state.bids)
    line = Figure(
        "6a",
        f"Bids tab rows in priority order with the funding line, {bids:,} bids",
        by_priority,
        by_id,
        "report's order",
        goal=round(1 + FRAME_MS / by_id, 2) if by_id else None,
        runs=runs,
        extra=f"{below:,} below the line; goal: within one frame, {FRAME_MS:.1f} ms",
    )
    bars = Figure(
        "6b",
        f"Overview chart, {bids:,} bids stacked per year (order read)",
        chart,
        FRAME_MS,
        "one 60 Hz frame",
        goal=1.0,
        runs=runs,
    )
    order = Figure(
        "6c",
        f"priority order, running totals and funding line, {bids:,} bids (cold)",
        shared,
        FRAME_MS,
        "one 60 Hz frame",
        goal=1.0,
        runs=runs,
    )
    return [line, bars, order]
