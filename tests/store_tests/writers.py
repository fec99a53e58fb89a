"""Writer processes for the multi-process tests (real processes, no mocks).

    python -m tests.store_tests.writers edit PATH WHO TABLE ID FIELD COUNT [PREFIX]
    python -m tests.store_tests.writers open-edit PATH WHO
    python -m tests.store_tests.writers hold-lock PATH

`edit` opens the store, prints `ready`, waits for a line on stdin (so every writer starts at
once), then sets TABLE ID FIELD to `PREFIX-0`, `PREFIX-1`, ... COUNT times (COUNT 0: until
killed). A refusal as busy ("not saved, try again") is retried, as a script would. After each
`set_field` returns it writes the edit's number on stdout with one
unbuffered `os.write`: an acknowledged edit is one whose number reached the pipe.
`open-edit` prints `ready` first and opens the store only after the line on stdin (so several
processes open, and migrate, at once), then makes one edit of WHO's own note.
`hold-lock` takes the store's lock, prints `locked` and sleeps until killed.
"""

from __future__ import annotations

import itertools
import os
import sys
import time

from store import Repository, StoreBusy
from store.lock import StoreLock
from store.storage import LockedJSONStorage


def edit(path: str, who: str, table: str, record: str, field: str, count: str, prefix: str) -> None:
    repo = Repository.open(path, who=who)
    os.write(1, b"ready\n")
    sys.stdin.readline()
    numbers = range(int(count)) if int(count) else itertools.count()
    for n in numbers:
        while True:
            try:
                repo.set_field(table, record, field, f"{prefix}-{n}")
                break
            except StoreBusy:  # not saved (the lock file was deleted under it): try again
                continue
        os.write(1, f"{n}\n".encode())


def open_edit(path: str, who: str) -> None:
    os.write(1, b"ready\n")
    sys.stdin.readline()
    Repository.open(path, who=who).set_field("recommendations", "3.2", "note", who)
    os.write(1, b"0\n")


def hold_lock(path: str) -> None:
    with LockedJSONStorage(path).locked():
        os.write(1, b"locked\n")
        time.sleep(3600)


if __name__ == "__main__":
    if os.environ.get("WRITERS_LOCK_FILE_ONLY"):  # as on a filesystem that cannot lock a folder
        StoreLock.prefer_folder = False
    mode, *args = sys.argv[1:]
    if mode == "edit":
        edit(*args) if len(args) == 7 else edit(*args, args[1])
    elif mode == "open-edit":
        open_edit(*args)
    else:
        hold_lock(*args)
