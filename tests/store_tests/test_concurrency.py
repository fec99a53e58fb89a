"""Many processes editing one store at once: every edit kept, every edit in the history.

Real processes (tests/store_tests/writers.py), each opening its own Repository, started together.
"""

from __future__ import annotations

import time
from pathlib import Path

from store import Repository

from .procs import assert_chained, by_field, finish, go, start

EDITS = 60
FIELDS = [
    ("components", "1", "note"),
    ("components", "2", "note"),
    ("bids", "1", "note"),
    ("recommendations", "3.1", "note"),
]


def test_four_processes_each_making_sixty_edits_lose_none(store_path: Path) -> None:
    Repository.open(store_path)
    procs = [start("edit", store_path, f"w{n}@test", *f, EDITS) for n, f in enumerate(FIELDS)]
    reader = Repository.open(store_path, read_only=True)
    go(procs)
    seen = [reader.state().revision]
    while any(proc.poll() is None for proc in procs):  # reads while they write: never torn
        seen.append(reader.state().revision)
        time.sleep(0.001)
    assert seen == sorted(seen)
    for proc in procs:
        assert finish(proc) == list(range(EDITS))

    repo = Repository.open(store_path)
    assert repo.check() == []
    history = repo.history()
    assert len(history) == len(FIELDS) * EDITS
    assert sorted(e.revision for e in history) == list(range(1, len(FIELDS) * EDITS + 1))
    assert repo.state().revision == len(FIELDS) * EDITS
    grouped = by_field(history)
    for n, key in enumerate(FIELDS):
        who = f"w{n}@test"
        assert [e.new for e in grouped[key]] == [f"{who}-{i}" for i in range(EDITS)]
        assert {e.who for e in grouped[key]} == {who}
        assert_chained(grouped[key])
    state = repo.state()
    assert state.components[0].note == f"w0@test-{EDITS - 1}"
    assert state.components[1].note == f"w1@test-{EDITS - 1}"
    assert state.bids[0].note == f"w2@test-{EDITS - 1}"
    assert state.recommendations[0].note == f"w3@test-{EDITS - 1}"


def test_two_processes_on_the_same_field_last_writer_wins(store_path: Path) -> None:
    Repository.open(store_path)
    key = ("components", "1", "note")
    procs = [start("edit", store_path, who, *key, 40) for who in ("a@test", "b@test")]
    go(procs)
    for proc in procs:
        assert finish(proc) == list(range(40))

    repo = Repository.open(store_path)
    entries = by_field(repo.history())[key]
    assert len(entries) == 80
    for who in ("a@test", "b@test"):
        assert [e.new for e in entries if e.who == who] == [f"{who}-{i}" for i in range(40)]
    assert_chained(entries)
    last = entries[-1]
    assert last.new in ("a@test-39", "b@test-39")
    assert repo.state().components[0].note == last.new
