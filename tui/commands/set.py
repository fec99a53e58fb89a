"""`board set TABLE ID FIELD VALUE`: one validated edit, recorded in the history like a console edit."""

from __future__ import annotations

import argparse

from store import (
    ALIASES,
    NOTHING,
    TABLES,
    Change,
    Repository,
    change_text,
    describe_value,
    field_names,
    parse_value,
    planning,
)
from store.display import one_line

from ..paths import store_path
from . import SUMMARIES
from .output import print_saved

EXAMPLES = """\
examples:
  board set bids 1 2005/06 400
  board set components 5 part4.status complete
  board set recommendations 3.1 decision agreed
  board set bids 4 priority 1        (moves bid 4 to the top, renumbering the others)
  board set components 2 note -- "-see the minutes"   (a VALUE that starts with '-' goes after --)
  board set bids 1 2005/06 410 --expect 400   (saved only if it still holds 400)
"""


def _fields_help() -> str:
    lines = ["tables and their fields:"]
    for table in TABLES:
        aliases = [f"{alias} = {field}" for (t, alias), field in ALIASES.items() if t == table]
        extra = f" (also {', '.join(aliases)})" if aliases else ""
        lines.append(f"  {table}: {', '.join(field_names(table))}{extra}")
    return "\n".join(lines) + "\n\n" + EXAMPLES


def add_parser(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        "set",
        usage="board set [-h] [--store PATH] [--expect OLD] TABLE ID FIELD [--] VALUE",
        help=SUMMARIES["set"],
        description="Change one field, validated by the store and recorded in the history "
        "with your user@host, as a console edit is. Open consoles show it at once.",
        epilog=_fields_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("table", metavar="TABLE", help=", ".join(TABLES))
    parser.add_argument(
        "id", metavar="ID", help="the row number shown in the console (recommendations: 3.1, 3.2)"
    )
    parser.add_argument("field", metavar="FIELD", help="a column name in lower case")
    parser.add_argument("value", metavar="VALUE", help="the new value (money: whole £'000)")
    parser.add_argument(
        "--expect",
        metavar="OLD",
        help="save only if the field still holds OLD (else exit 2 naming its value, who set it "
        "and when): a safe read-modify-write for scripts",
    )
    return parser


def confirmation(change: Change) -> str:
    """`bids 1 2005/06: 350 → 400`, on one line whatever the value holds."""
    if change.action == "none":
        done = f"{describe_value(change.old)} (unchanged)"
    else:
        done = change_text(change.action, change.old, change.new)
    return one_line(f"{change.table} {change.record} {change.field}: {done}")


def run(args: argparse.Namespace) -> int:
    # Validate before opening, so a refused value never creates a missing store.
    parse_value(args.table, args.field, args.value, args.id)
    expected = NOTHING
    if args.expect is not None:
        expected = parse_value(args.table, args.field, args.expect, args.id)
    repo = Repository.open(store_path(args.store), read_only=args.read_only)
    change = repo.set_field(args.table, args.id, args.field, args.value, expected=expected)
    if change.action == "multi":  # a priority: the bids it renumbered too
        text = "\n".join(one_line(line) for line in planning.describe_parts(change.parts))
    else:
        text = confirmation(change)
    return print_saved(text, change.revision)
