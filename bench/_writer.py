"""Another process editing the store: one edit per line read on stdin, then the time it finished.

python -m bench._writer STORE     (stdin: a bid note per line; stdout: time.time() per edit)
"""

from __future__ import annotations

import sys
import time

from store import Repository


def main() -> None:
    repo = Repository.open(sys.argv[1], who="writer@bench")
    for line in sys.stdin:
        repo.set_field("bids", "1", "note", line.rstrip("\n"))
        sys.stdout.write(f"{time.time()}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
