"""`board history`: the changes, newest first."""

from __future__ import annotations

import argparse
import json

from rich.console import Console
from rich.text import Text

from store import HistoryEntry, Repository, visible

from ..paths import store_path


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    parser = sub.add_parser("history", help="list changes, newest first")
    parser.add_argument("--limit", type=int, default=None, metavar="N", help="at most N changes")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    return parser


def describe(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, dict):
        return str(value.get("title") or value.get("name") or "record")
    return str(value)


def line(entry: HistoryEntry) -> str:
    when = entry.at[:19].replace("T", " ")
    what = f"{entry.table} {entry.record} {entry.field}"
    if entry.action == "add":
        change = f"added {describe(entry.new)}"
    elif entry.action == "delete":
        change = f"removed {describe(entry.old)}"
    else:
        change = f"{describe(entry.old)} → {describe(entry.new)}"
    return visible(f"{when}  {entry.who}  {what}: {change}")


def run(args: argparse.Namespace) -> int:
    repo = Repository.open(store_path(args.store))
    entries = repo.history(args.limit)
    console = Console(soft_wrap=True, highlight=False)
    for entry in entries:
        if args.json:
            print(json.dumps(entry.__dict__, ensure_ascii=False))
        else:
            console.print(Text(line(entry)))
    if not entries and not args.json:
        console.print(Text("No changes yet."))
    return 0
