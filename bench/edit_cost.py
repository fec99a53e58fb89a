"""Milliseconds per edit against the floor, side by side in one run.

    python -m bench.edit_cost [--edits 25]

For each store size (the seed's 5 bids, and 10,000 bids; each with 0 and 100,000 history lines)
it times `Repository.set_field` on one bid's note (a full locked, validated, history-recorded
edit), the same edit followed by `state()` (what a console does after its own edit), and the
floor: `orjson.dumps` of the same data with the store's options + write + fsync + `os.replace`.
The three are interleaved edit by edit so machine noise hits them alike. Medians are printed as a
table and written as JSON to bench/results/edit_cost-<UTC time>.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from bench.make_store import make_store

CASES = [
    ("seed", 5, 0),
    ("seed", 5, 100_000),
    ("10k bids", 10_000, 0),
    ("10k bids", 10_000, 100_000),
]
RESULTS = Path(__file__).parent / "results"


def _ms(action: Callable[[], Any]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def floor_write(path: Path, data: Any) -> None:
    """The least an edit can cost: serialise, write, fsync, atomic replace."""
    raw = orjson.dumps(data)  # the floor: one compact dump, however the store lays it out
    tmp = path.with_name(path.name + ".floor.tmp")
    with open(tmp, "wb") as handle:
        handle.write(raw)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def measure(folder: Path, bids: int, history: int, edits: int) -> dict[str, float]:
    repo = make_store(folder / "board.json", bids, 8, history)
    data = orjson.loads(repo.path.read_bytes())
    floor_path = folder / "floor.json"
    edit, edit_state, floor = [], [], []
    for n in range(edits):
        edit.append(_ms(lambda n=n: repo.set_field("bids", "1", "note", f"edit {n}")))
        edit_state.append(
            _ms(lambda n=n: (repo.set_field("bids", "2", "note", f"edit {n}"), repo.state()))
        )
        floor.append(_ms(lambda: floor_write(floor_path, data)))
    edit_ms, floor_ms = statistics.median(edit), statistics.median(floor)
    return {
        "bids": bids,
        "history": history,
        "bytes": repo.path.stat().st_size,
        "edit_ms": round(edit_ms, 2),
        "edit_and_state_ms": round(statistics.median(edit_state), 2),
        "floor_ms": round(floor_ms, 2),
        "ratio": round(edit_ms / floor_ms, 2),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.edit_cost", description=__doc__)
    parser.add_argument("--edits", type=int, default=25, help="edits per case (median of these)")
    args = parser.parse_args(argv)
    rows = []
    for name, bids, history in CASES:
        with tempfile.TemporaryDirectory() as tmp:
            rows.append({"case": name, **measure(Path(tmp), bids, history, args.edits)})
    header = f"{'store':<10} {'bids':>7} {'history':>8} {'bytes':>10} {'edit ms':>8} {'+state':>8} {'floor ms':>9} {'ratio':>6}"
    print(header)
    for r in rows:
        print(
            f"{r['case']:<10} {r['bids']:>7,} {r['history']:>8,} {r['bytes']:>10,} "
            f"{r['edit_ms']:>8.2f} {r['edit_and_state_ms']:>8.2f} {r['floor_ms']:>9.2f} {r['ratio']:>6.2f}"
        )
    RESULTS.mkdir(exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    out = RESULTS / f"edit_cost-{stamp}.json"
    meta = {"python": platform.python_version(), "cpus": os.cpu_count(), "edits": args.edits}
    out.write_text(json.dumps({"meta": meta, "rows": rows}, indent=2) + "\n", encoding="utf-8")
    print(f"written {out}")


if __name__ == "__main__":
    main()
