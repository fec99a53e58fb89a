"""Private store builder for the benchmarks: a seeded store grown to N bids and N history lines.

Goes through the store's own storage (one transaction for the bids, history appended in batches
under the lock), so the file is exactly what the console would write.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tinydb.table import Document

from store import YEARS, Repository
from store.repository import now_iso

WHO = "bench@bench"
BATCH = 10_000
STATUSES = ("proposed", "recommended", "approved", "reserve", "deferred", "rejected", "withdrawn")


def _bid(n: int) -> dict[str, Any]:
    return {
        "title": f"Bench bid {n}: scanning and indexing of service records, phase {n % 7}",
        "amounts": {y: (n * (i + 3)) % 500 for i, y in enumerate(YEARS)},
        "status": STATUSES[n % len(STATUSES)],
        "funding": "capital",
        "note": f"note {n}" if n % 3 else "",
    }


def _entry(rev: int) -> dict[str, Any]:
    return {
        "rev": rev,
        "at": "2004-10-18T10:00:00.000000Z",
        "who": WHO,
        "table": "bids",
        "id": str(1 + rev % 5),
        "field": "note",
        "old": f"n{rev - 1}",
        "new": f"n{rev}",
        "action": "set",
    }


def build(path: Path, *, bids: int = 5, history: int = 0) -> Path:
    """A store at `path` holding the seed, grown to `bids` bids and `history` history lines."""
    repo = Repository.open(path, who=WHO)
    storage = repo.storage
    with storage.locked():
        for start in range(1, history + 1, BATCH):
            storage._append_history(
                [_entry(r) for r in range(start, min(history, start + BATCH - 1) + 1)]
            )
    with storage.transaction(WHO, now_iso()):
        data = storage.read()
        storage.meta_of(data)["revision"] = history  # the history lines are revisions 1..history
        storage.write(data)
        have = len(data.get("bids", {}))
        docs = [Document(_bid(n), doc_id=n) for n in range(have + 1, bids + 1)]
        if docs:
            repo.db.table("bids").insert_multiple(docs)
    return path
