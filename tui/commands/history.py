"""`board history`: the changes, newest first."""

from __future__ import annotations

import argparse
import json

import msgspec
from rich.text import Text

from store import HistoryEntry, Repository, change_text, when
from store.display import one_line

from ..paths import store_path
from . import SUMMARIES
from .output import board_console, print_warnings


def add_parser(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    parser = sub.add_parser("history", help=SUMMARIES["history"])
    parser.add_argument("--limit", type=_count, default=None, metavar="N", help="at most N changes")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    return parser


def _count(text: str) -> int:
    if not text.isdecimal() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of changes (1 or more)")
    return int(text)


def line(entry: HistoryEntry) -> str:
    """`1 Dec 2026 08:07 GMT  who  bids 1 2005/06: 350 → 400`; adds and removals in words."""
    e = entry
    words = change_text(e.action, e.old, e.new, e.table, e.record)
    what = f"{e.table} {e.record} {e.field}: " if e.action == "set" else ""
    return one_line(f"{when(e.at)}  {e.who}  {what}{words}")


def run(args: argparse.Namespace) -> int:
    repo = Repository.open(store_path(args.store))
    entries = repo.history(args.limit)
    print_warnings(repo)
    console = board_console(soft_wrap=True)
    for entry in entries:
        if args.json:
            print(json.dumps(msgspec.structs.asdict(entry), ensure_ascii=False))
        else:
            console.print(Text(line(entry)))
    if not entries and not args.json:
        console.print(Text("No changes yet."))
    return 0
