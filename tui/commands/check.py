"""`board check`: read and validate the whole store; exit 0 with a summary, or 2 with the reason."""

from __future__ import annotations

import argparse

from store import BoardState, Repository, StoreDamaged, store_file, visible, when

from ..paths import store_path
from . import SUMMARIES


def add_parser(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    return sub.add_parser(
        "check",
        help=SUMMARIES["check"],
        description="Read and validate every record of the store without changing it. Prints "
        "'ok: PATH (...)' and exits 0, or one line naming the file and the problem and exits 2.",
    )


def summary(state: BoardState) -> str:
    counts = (
        f"{len(state.components)} components, {len(state.bids)} bids, "
        f"{len(state.implications)} implications, {len(state.recommendations)} recommendations"
    )
    if not state.revision:
        return f"revision 0, as created; {counts}"
    at = when(state.changed_at)
    head = f"history head {state.head_digest}; " if state.head_digest else ""
    return f"revision {state.revision}, last changed {at} by {state.changed_by}; {head}{counts}"


def run(args: argparse.Namespace) -> int:
    path = store_file(store_path(args.store).absolute())
    if not path.exists():  # check never creates a store: a mistyped path must not pass
        raise StoreDamaged(f"{path}: no store there")
    repo = Repository(path, read_only=True)  # not `open`: check reads and validates it once
    problems = repo.check()
    if problems:
        raise StoreDamaged("; ".join(problems))
    print(visible(f"ok: {repo.path} ({summary(repo.state())})"))
    return 0
