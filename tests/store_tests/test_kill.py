"""Writers killed with SIGKILL at random moments lose nothing that was acknowledged.

What "exactly the acknowledged edits" means, and what each round checks:
- every edit a writer acknowledged (its number reached the pipe after `set_field` returned) is in
  the store and in the history;
- nothing is present that was never attempted: a writer's field holds its last acknowledged value
  or, at most, the one edit it was making when killed (the next number), never anything else;
- the history is consistent with the store: revisions run 1..store revision without gaps or
  repeats (so no line past the store's revision is shown), each change's old value is the
  previous change's new value, and every field equals the newest history value for it;
- the store opens, `check()` finds no problems, and the temp files a killed writer left are gone
  after the next edit.
"""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import orjson
import pytest

from store import Repository, history_path
from store.layout import LINES_FROM, RECORDS_A_LINE

from .procs import acks, assert_chained, by_field, go, start

ROUNDS = 12
FIELDS = [("components", "1", "note"), ("components", "2", "note"), ("bids", "1", "note")]
CHECK_FIELD = ("components", "3", "note")  # the parent's own edit after each round


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def lines_past_revision(store_path: Path) -> int:
    """History lines a killed writer appended before its replace (the store never reached them)."""
    revision = orjson.loads(store_path.read_bytes())["_meta"]["1"]["revision"]
    lines = history_path(store_path).read_bytes().splitlines()
    return sum(
        1 for line in lines if line.endswith(b"}") and orjson.loads(line).get("rev", 0) > revision
    )


def run_round(store_path: Path, round_no: int, rng: random.Random) -> list[list[str]]:
    """Start three writers, SIGKILL each at a random moment; return each one's acked values."""
    prefixes = [f"r{round_no}w{n}" for n in range(len(FIELDS))]
    procs = [
        start("edit", store_path, f"w{n}@kill", *f, 0, p)
        for n, (f, p) in enumerate(zip(FIELDS, prefixes, strict=True))
    ]
    go(procs)
    for proc in rng.sample(procs, len(procs)):
        time.sleep(rng.uniform(0.0, 0.25))
        os.kill(proc.pid, signal.SIGKILL)
    acked = []
    for proc, prefix in zip(procs, prefixes, strict=True):
        numbers, err = acks(proc)
        assert proc.returncode == -signal.SIGKILL, err.decode(errors="replace")  # not a crash
        assert numbers == list(range(len(numbers)))
        acked.append([f"{prefix}-{n}" for n in numbers])
    return acked


def grow_past_lines_from(repo: Repository) -> None:
    """Bids with long notes until the store is written a line of records at a time (layout.py)."""
    with repo.storage.locked():  # at revision 0, as if the store had been created so
        data = repo.storage.read_fresh()
        rows = data["bids"]
        for n in range(len(rows) + 1, 3_001):
            rows[str(n)] = {**rows["5"], "title": f"bid {n}", "note": "n" * 1_500, "priority": n}
        repo.storage.replace(data)
    repo.set_field("bids", "2", "note", "laid out in lines")
    assert repo.path.stat().st_size >= LINES_FROM
    assert repo.path.read_bytes().count(b"\n") > 3_000 // RECORDS_A_LINE


@pytest.mark.parametrize("size", ["seed", "4 MiB and more"])
def test_sigkilled_writers_lose_no_acknowledged_edit(store_path: Path, size: str) -> None:
    repo = Repository.open(store_path, who="parent@kill")
    if size != "seed":
        grow_past_lines_from(repo)
    rng = random.Random(20041018)
    expected: dict[tuple[str, str, str], list[str]] = {f: [] for f in [*FIELDS, CHECK_FIELD]}
    unacked_kept = leftovers = orphan_lines = 0
    for round_no in range(ROUNDS):
        acked = run_round(store_path, round_no, rng)
        leftovers += bool(temp_files(store_path.parent))
        orphan_lines += lines_past_revision(store_path)
        repo = Repository.open(store_path, who="parent@kill")
        assert repo.check() == []
        grouped = by_field(repo.history())
        for key, values in zip(FIELDS, acked, strict=True):
            expected[key] += values
            seen = [e.new for e in grouped[key]]
            # at most one more: the edit in flight when the writer was killed, numbered next
            assert seen[: len(expected[key])] == expected[key]
            extra = seen[len(expected[key]) :]
            prefix = f"r{round_no}w{FIELDS.index(key)}"
            assert extra in ([], [f"{prefix}-{len(values)}"]), extra
            expected[key] += extra
            unacked_kept += len(extra)
        repo.set_field(*CHECK_FIELD, f"check {round_no}")
        expected[CHECK_FIELD].append(f"check {round_no}")
        assert temp_files(store_path.parent) == []
        assert_consistent(repo, expected)
    print(
        f"\n{ROUNDS} rounds: {unacked_kept} unacknowledged edits kept, {leftovers} rounds left "
        f"temp files, {orphan_lines} history lines past the store's revision ignored and trimmed"
    )


def assert_consistent(repo: Repository, expected: dict[tuple[str, str, str], list[str]]) -> None:
    fresh = Repository.open(repo.path)
    history = fresh.history()
    revision = fresh.state().revision
    assert sorted(e.revision for e in history) == list(range(1, revision + 1))
    grouped = by_field(history)
    notes = {
        ("components", "1", "note"): fresh.state().components[0].note,
        ("components", "2", "note"): fresh.state().components[1].note,
        ("components", "3", "note"): fresh.state().components[2].note,
        ("bids", "1", "note"): fresh.state().bids[0].note,
    }
    for key, values in expected.items():
        assert [e.new for e in grouped[key]] == values
        assert_chained(grouped[key])
        if values:
            assert notes[key] == values[-1] == grouped[key][-1].new
