"""`board show [TABLE]`: every table with the console's columns."""

from __future__ import annotations

import argparse

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from store import Repository, money, visible

from ..paths import store_path
from ..tables import COLUMNS, table_rows

TITLES = {
    "components": "Components",
    "bids": "Capital bids (£'000)",
    "implications": "Implications",
    "recommendations": "Recommendations",
}


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    parser = sub.add_parser("show", help="print every table (or one) as the console shows it")
    parser.add_argument("table", nargs="?", choices=list(COLUMNS), help="only this table")
    return parser


def render(repo: Repository, tables: list[str], console: Console) -> None:
    state = repo.state()
    plain = not console.is_terminal
    report = state.report
    heading = Text(
        visible(f"{report['title']} — {report['decision_maker']}, {report['meeting_date']}")
    )
    console.print(heading, style="bold")
    for name in tables:
        table = Table(
            title=TITLES[name],
            box=box.ASCII if plain else box.SIMPLE_HEAVY,
            title_justify="left",
            expand=False,
        )
        for column in COLUMNS[name]:
            table.add_column(column.label, justify="right" if column.numeric else "left")
        for row in table_rows(state, name):
            table.add_row(*row.cells, end_section=row.key == "total" or False)
        console.print(table)
    if "bids" in tables:
        console.print(Text(f"Grand total: £{money(state.grand_total)}k"))


def run(args: argparse.Namespace) -> int:
    repo = Repository.open(store_path(args.store))
    console = Console(soft_wrap=False, highlight=False)
    render(repo, [args.table] if args.table else list(COLUMNS), console)
    return 0
