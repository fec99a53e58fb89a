"""`board remove TABLE ID`: remove a row through the store's own `delete` (recorded)."""

from __future__ import annotations

import argparse

from store import ROW_TABLES, Repository, ValidationError

from ..paths import store_path
from . import SUMMARIES
from .set import confirmation

TABLES = ", ".join(ROW_TABLES)


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    parser = sub.add_parser("remove", help=SUMMARIES["remove"])
    parser.add_argument("table", metavar="TABLE", help=TABLES)
    parser.add_argument("id", metavar="ID", help="the row number shown in the console")
    return parser


def run(args: argparse.Namespace) -> int:
    if args.table not in ROW_TABLES:
        raise ValidationError(f"rows can be removed from {TABLES}, not {args.table!r}")
    repo = Repository.open(store_path(args.store), read_only=args.read_only)
    print(confirmation(repo.delete(args.table, args.id)))
    return 0
