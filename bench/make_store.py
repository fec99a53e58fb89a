"""Build a large, valid store for benchmarks.

    python -m bench.make_store PATH --bids N --components N --history N

The store is created from the report (Repository.open), then grown to N bids and N components in
ONE locked transaction of the store's own storage (`LockedJSONStorage.transaction`), every new
record checked with `validate.check_stored` exactly as a read checks it. Adding 10,000 records
with 10,000 `Repository.add` calls would cost 10,000 full-file rewrites, so this is the practical
route. The history is appended through the storage's history writer in batches of 10,000 lines
under the store lock (not 100,000 separate edits); the store's revision is then set to the last
line's revision and the file replaced atomically, so every line counts as committed. The result
is opened again with `Repository.open` and `check()` to prove it is a valid store.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
from pathlib import Path
from typing import Any

from store import Repository
from store.validate import check_stored

BATCH = 10_000
WHO = "bench@make_store"


def _long_note(n: int, length: int) -> str:
    """A note of `length` characters (words, so wrapping and grep see text, not one token)."""
    words = f"generated bid {n} with a long note about its business case and risks "
    return (words * (length // len(words) + 1))[:length].strip()


def _bid(n: int, note_length: int = 0) -> dict[str, Any]:
    amounts = {"2005/06": n % 500, "2006/07": (n * 7) % 300, "2007/08": (n * 13) % 200, "after": 0}
    return {
        "title": f"Bid {n}",
        "amounts": amounts,
        "status": "proposed",
        "funding": "capital",
        "note": _long_note(n, note_length) if note_length else f"generated bid {n}",
    }


def _component(n: int) -> dict[str, Any]:
    return {
        "title": f"Component {n}",
        "status": "not started",
        "target": "end-Nov 2004",
        "owner": f"owner {n % 17}",
        "note": "",
        "wording": "",
        "parts": [],
    }


def grow(repo: Repository, table: str, count: int, note_length: int = 0) -> None:
    """Add records until `table` holds `count`, in one locked transaction."""
    at = dt.datetime.now(dt.UTC).isoformat()
    make = functools.partial(_bid, note_length=note_length) if table == "bids" else _component
    with repo.storage.transaction(WHO, at):
        data = repo.storage.read()
        # A new dict: the transaction's tables are shared with the storage's cache until commit.
        rows = data[table] = dict(data.get(table, {}))
        for n in range(len(rows) + 1, count + 1):
            doc = make(n)
            check_stored(table, doc)
            rows[str(n)] = doc
        repo.storage.write(data)


def add_history(repo: Repository, count: int) -> None:
    """Append `count` history lines in batches under the lock, then commit their revisions."""
    storage = repo.storage
    with storage.locked():
        data = storage.read_fresh()
        meta = storage.meta_of(data)
        first = int(meta.get("revision", 0)) + 1
        for start in range(first, first + count, BATCH):
            stop = min(start + BATCH, first + count)
            entries = [_entry(rev) for rev in range(start, stop)]
            storage.append_history(meta, entries)
        meta["revision"] = first + count - 1
        data["bids"]["1"]["note"] = f"note {first + count - 1}"  # the store holds what they say
        storage.replace(data)


def _entry(rev: int) -> dict[str, Any]:
    return {
        "rev": rev,
        "at": "2004-10-18T10:00:00.000000Z",
        "who": WHO,
        "table": "bids",
        "id": "1",
        "field": "note",
        "old": f"note {rev - 1}",
        "new": f"note {rev}",
        "action": "set",
    }


def make_store(
    path: Path, bids: int, components: int, history: int, note_length: int = 0
) -> Repository:
    repo = Repository.open(path, who=WHO)
    grow(repo, "bids", bids, note_length)
    grow(repo, "components", components)
    if history:
        add_history(repo, history)
    repo = Repository.open(path, who=WHO)
    problems = repo.check()
    if problems:
        raise SystemExit("; ".join(problems))
    return repo


def build(path: Path, *, bids: int = 5, history: int = 0, note_length: int = 0) -> Path:
    """The benchmarks' stores: the seed grown to `bids` bids and `history` history lines."""
    make_store(path, bids, 8, history, note_length)
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.make_store", description=__doc__)
    parser.add_argument("path", type=Path)
    parser.add_argument("--bids", type=int, default=5)
    parser.add_argument("--components", type=int, default=8)
    parser.add_argument("--history", type=int, default=0)
    parser.add_argument("--note-length", type=int, default=0, help="characters in each bid's note")
    args = parser.parse_args(argv)
    repo = make_store(args.path, args.bids, args.components, args.history, args.note_length)
    state = repo.state()
    print(
        f"{repo.path}: {len(state.bids):,} bids, {len(state.components):,} components, "
        f"revision {state.revision:,}, {repo.path.stat().st_size:,} bytes"
    )


if __name__ == "__main__":
    main()
