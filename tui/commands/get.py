"""`board get TABLE ID FIELD`: one field's stored value, for scripts (with `board set --expect`)."""

from __future__ import annotations

import argparse
import json
import sys

from store import Repository, StoreDamaged, store_file, visible

from ..paths import store_path
from . import SUMMARIES


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "get",
        usage="board get [-h] [--store PATH] TABLE ID FIELD",
        help=SUMMARIES["get"],
        description="Print one field's value as `board set` takes it (money as a plain whole "
        "number of £'000, text as stored), for a script's read-modify-write with "
        "`board set ... --expect OLD`.",
    )
    parser.add_argument("table", metavar="TABLE")
    parser.add_argument("id", metavar="ID")
    parser.add_argument("field", metavar="FIELD")
    return parser


def as_text(value: object) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def run(args: argparse.Namespace) -> int:
    path = store_file(store_path(args.store).absolute())
    if not path.exists():  # reading never creates a store
        raise StoreDamaged(f"{path}: no store there")
    value = as_text(Repository.open(path, read_only=True).value(args.table, args.id, args.field))
    print(visible(value) if sys.stdout.isatty() else value)  # a terminal is never driven by data
    return 0
