"""A writer process for the multi-process money test (a real process, no mocks).

    python -m tests.store_tests.money_writer PATH WHO COUNT SEED

Opens the store, prints `ready`, waits for a line on stdin, then makes COUNT money edits, each
planned from a fresh read: a bid moved one place in priority, or 1 (£'000) reprofiled between two
years. A plan that another process overtook (StaleEdit) is planned again. After each edit it
writes the edit's revision on stdout with one unbuffered `os.write`.
"""

from __future__ import annotations

import os
import random
import sys

from store import YEARS, Repository, StaleEdit, ValidationError, planning


def one_plan(repo: Repository, rnd: random.Random) -> planning.Plan:
    state = repo.state()
    bid = rnd.choice(state.bids)
    if rnd.random() < 0.5:
        rank = max(1, min(len(state.bids), state.priority(bid.id) + rnd.choice((-1, 1))))
        return planning.priority(state, bid.id, rank)
    source = next((y for y in YEARS if bid.amounts[y]), YEARS[0])
    target = rnd.choice([y for y in YEARS if y != source])
    return planning.reprofile(state, bid.id, source, target, 1)


def main(path: str, who: str, count: str, seed: str) -> None:
    repo = Repository.open(path, who=who)
    rnd = random.Random(int(seed))
    os.write(1, b"ready\n")
    sys.stdin.readline()
    done = 0
    while done < int(count):
        try:
            change = repo.apply(one_plan(repo, rnd))
        except (StaleEdit, ValidationError):
            continue  # overtaken, or a bid with nothing left to move: plan again
        if change.action == "multi":
            os.write(1, f"{change.revision}\n".encode())
            done += 1


if __name__ == "__main__":
    main(*sys.argv[1:])
