"""`board envelope [YEAR AMOUNT|none]`: the funding available per year against the bids."""

from __future__ import annotations

import argparse

from rich import box
from rich.table import Table
from rich.text import Text

from store import YEAR_LABELS, Repository, ValidationError, money, over_under, planning

from ..paths import store_path
from . import SUMMARIES
from .output import board_console


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "envelope",
        usage="board envelope [-h] [--store PATH] [YEAR AMOUNT|none]",
        help=SUMMARIES["envelope"],
        description="Without arguments: per financial year the bids, the funding envelope and "
        "the over/under (bids minus envelope), £'000. With YEAR AMOUNT: set that year's "
        "envelope (`none` clears it), recorded in the history and undoable like any edit.",
    )
    parser.add_argument("year", nargs="?", metavar="YEAR", help="2005/06, 2006/07, 2007/08, after")
    parser.add_argument("amount", nargs="?", metavar="AMOUNT", help="whole £'000, or none")
    return parser


def _cell(value: int | None) -> Text:
    return Text("—" if value is None else money(value), justify="right")


def print_years(repo: Repository) -> None:
    console = board_console(soft_wrap=False)
    table = Table(
        title="Funding envelope (£'000)",
        box=box.SIMPLE_HEAVY if console.is_terminal else box.ASCII,
        title_justify="left",
    )
    for label in ("Year", "Bids", "Envelope", "Over/under"):
        table.add_column(label, justify="left" if label == "Year" else "right")
    for year, bids, cap, over in planning.year_rows(repo.state()):
        table.add_row(
            Text(YEAR_LABELS[year]),
            _cell(bids),
            _cell(cap),
            Text(over_under(over), justify="right"),
        )
    console.print(table)


def run(args: argparse.Namespace) -> int:
    if args.year is not None and args.amount is None:
        raise ValidationError("give the year and the amount (or none), e.g. 2005/06 800")
    if args.year is not None:  # check what was typed before a missing store is created
        planning.parse_year(args.year)
        planning.parse_envelope(args.amount)
    repo = Repository.open(store_path(args.store), read_only=args.read_only)
    if args.year is not None:
        change = repo.apply(planning.envelope(repo.state(), args.year, args.amount))
        for line in planning.describe_parts(change.parts) or ["envelope unchanged"]:
            print(line)
    print_years(repo)
    return 0
