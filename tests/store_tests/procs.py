"""Start and read the writer processes of `writers.py`, and check the history they leave."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from store import HistoryEntry

ROOT = Path(__file__).parents[2]


def start(*args: object, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    """A writer process; returns once it has opened the store (or taken the lock)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.store_tests.writers", *map(str, args)],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()
    assert first in (b"ready\n", b"locked\n"), (first, proc.stderr.read() if proc.stderr else b"")
    return proc


def go(procs: list[subprocess.Popen[bytes]]) -> None:
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write(b"go\n")
        proc.stdin.flush()


def acks(proc: subprocess.Popen[bytes]) -> tuple[list[int], bytes]:
    """The edit numbers a finished or killed writer acknowledged (complete lines), and stderr."""
    out, err = proc.communicate(timeout=120)
    lines = out.split(b"\n")
    return [int(line) for line in lines[:-1]], err  # the last piece is b"" or a torn line


def finish(proc: subprocess.Popen[bytes]) -> list[int]:
    numbers, err = acks(proc)
    assert proc.returncode == 0, err.decode(errors="replace")
    return numbers


def by_field(history: list[HistoryEntry]) -> dict[tuple[str, str, str], list[HistoryEntry]]:
    """History entries per (table, record, field), oldest first."""
    grouped: dict[tuple[str, str, str], list[HistoryEntry]] = defaultdict(list)
    for entry in sorted(history, key=lambda e: e.revision):
        grouped[(entry.table, entry.record, entry.field)].append(entry)
    return grouped


def assert_chained(entries: list[HistoryEntry]) -> None:
    """Each change's old value is the previous change's new value: no update was lost."""
    for before, after in zip(entries, entries[1:], strict=False):
        assert after.old == before.new, (before, after)
