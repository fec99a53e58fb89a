"""Three real processes renumbering priorities and reprofiling at once: each edit is one
revision, nothing is lost or mixed, every total holds and the priorities stay 1..n."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from store import Repository

ROOT = Path(__file__).parents[2]
EDITS = 25


def start(path: Path, who: str, seed: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.store_tests.money_writer",
            str(path),
            who,
            str(EDITS),
            str(seed),
        ],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stdout.readline() == b"ready\n"
    return proc


def test_three_processes_of_money_edits_keep_every_total_and_one_order(store_path: Path) -> None:
    before = {b.id: b.total for b in Repository.open(store_path).state().bids}
    procs = [start(store_path, f"writer{n}@test", n) for n in range(3)]
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write(b"go\n")
        proc.stdin.flush()
    revisions = []
    for proc in procs:
        out, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err
        revisions += [int(line) for line in out.split()]
    repo = Repository.open(store_path)
    state = repo.state()
    assert sorted(revisions) == list(range(1, 3 * EDITS + 1))  # one revision per edit, none lost
    assert {b.id: b.total for b in state.bids} == before
    assert sorted(state.priority(b.id) for b in state.bids) == [1, 2, 3, 4, 5]
    by_revision: dict[int, set[str]] = {}
    for entry in repo.history():
        by_revision.setdefault(entry.revision, set()).add(entry.who)
    assert sorted(by_revision) == sorted(revisions)
    assert all(len(who) == 1 for who in by_revision.values())  # no edit mixes two writers
    assert repo.check() == []
