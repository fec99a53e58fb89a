"""`board import bids FILE.csv`: apply a finance spreadsheet to the bids as one edit."""

from __future__ import annotations

import argparse
from pathlib import Path

from store import BoardError, Repository, planning
from store.display import one_line
from store.import_bids import MAX_BYTES, decode

from ..paths import store_path
from . import SUMMARIES


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "import",
        help=SUMMARIES["import"],
        description="Update existing bids by id and add new ones (an empty id) from a CSV with "
        "the columns of bids.csv, as one recorded, undoable edit. Every row is checked first; "
        "if any is wrong nothing is written and the message names its line and column. "
        "`total`, `priority` and `within_envelope` are derived and ignored. UTF-8 only.",
        epilog="example: board export --format csv -o - ...; board import bids bids.csv",
    )
    parser.add_argument("table", metavar="TABLE", choices=["bids"], help="bids")
    parser.add_argument("file", metavar="FILE", type=Path, help="a CSV file (UTF-8)")
    return parser


def read(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as err:
        raise BoardError(f"{path}: {err.strerror or err}") from None
    return decode(raw, str(path))


def run(args: argparse.Namespace) -> int:
    text = read(args.file)  # before opening: a refused file never creates a store
    repo = Repository.open(store_path(args.store), read_only=args.read_only)
    change = repo.import_bids(text)
    lines = planning.describe_parts(change.parts)
    for line in lines:
        print(one_line(line))
    print(f"imported {args.file.name}: {len(lines)} change(s)" if lines else "nothing to change")
    return 0
