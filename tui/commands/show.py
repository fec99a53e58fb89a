"""`board show [TABLE]`: every table with the console's columns."""

from __future__ import annotations

import argparse
import os

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from store import (
    YEAR_LABELS,
    BoardState,
    Repository,
    as_at_text,
    decision_requirement,
    money,
    over_under,
    state_at,
    visible,
)

from ..paths import store_path
from ..tables import COLUMNS, TOTAL, table_rows
from .output import board_console

TITLES = {
    "components": "Components",
    "bids": "Capital bids (£'000)",
    "implications": "Implications",
    "recommendations": "Recommendations",
    "actions": "Actions",
}
# Piped output goes to a file or a mail, not a terminal: wide enough that no column is squeezed
# (the console's widest columns, 60 + 58, fit), unless $COLUMNS says otherwise.
PIPE_WIDTH = 160


def add_parser(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        "show",
        help="print every table (or one) as the console shows it",
        description="Print the tables with the console's columns and the bids' totals. Plain "
        "text without colour when the output is not a terminal.",
    )
    parser.add_argument(
        "table", nargs="?", choices=list(COLUMNS), metavar="TABLE", help=", ".join(COLUMNS)
    )
    parser.add_argument(
        "--at",
        type=revision_number,
        default=None,
        metavar="REVISION",
        help="the board as it stood at that revision (the history replayed back)",
    )
    return parser


def revision_number(text: str) -> int:
    if not text.isdecimal():
        raise argparse.ArgumentTypeError(f"{text!r} is not a revision number (0 or more)")
    return int(text)


def as_at_line(state: BoardState) -> str:
    """`As at revision 12 (1 December 2026 10:04 UTC)`: the mark of a board from the past."""
    text = as_at_text(state.revision, state.changed_at)
    return text[:1].upper() + text[1:]


def make_table(name: str, plain: bool) -> Table:
    table = Table(
        title=TITLES[name],
        box=box.ASCII if plain else box.SIMPLE_HEAVY,
        title_justify="left",
        expand=False,
    )
    for column in COLUMNS[name]:
        table.add_column(
            column.label,
            justify="right" if column.numeric else "left",
            max_width=column.width,
        )
    return table


def add_totals(table: Table, cells: tuple[Text, ...]) -> None:
    """Totals as the table's footer: every box style draws a rule above it (a section may not)."""
    for column, cell in zip(table.columns, cells, strict=True):
        column.footer = cell
    table.show_footer = True


def render(
    repo: Repository, tables: list[str], console: Console, state: BoardState | None = None
) -> None:
    state = state or repo.state()
    plain = not console.is_terminal
    report = state.report
    heading = Text(
        visible(f"{report['title']} — {report['decision_maker']}, {report['meeting_date']}")
    )
    console.print(heading, style="bold")
    if state is not repo.state():
        console.print(Text(as_at_line(state)), style="bold reverse")
    requirement = decision_requirement(report)
    if requirement:
        console.print(Text(requirement))
    for name in tables:
        table = make_table(name, plain)
        for row in table_rows(state, name):
            if row.key == TOTAL:
                add_totals(table, row.cells)
            elif row.record:  # the envelope rows are printed after the table, in words
                table.add_row(*row.cells)
        console.print(table)
    if "bids" in tables:
        console.print(Text(f"Grand total: £{money(state.grand_total)}k"))
        for line in envelope_lines(state):
            console.print(Text(line))


def envelope_lines(state: BoardState) -> list[str]:
    """`Envelope 2005/06: 700 (bids 770, 70 over)` for each year that has one."""
    over, totals = state.oversubscription(), state.year_totals()
    return [
        f"Envelope {YEAR_LABELS[y]}: {money(cap)} (bids {money(totals[y])}, {over_under(over[y])})"
        for y, cap in state.envelope.items()
    ]


def make_console() -> Console:
    console = board_console(soft_wrap=False)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console.width = PIPE_WIDTH
    return console


def run(args: argparse.Namespace) -> int:
    repo = Repository.open(store_path(args.store))
    state = None if args.at is None else state_at(repo, args.at)
    render(repo, [args.table] if args.table else list(COLUMNS), make_console(), state)
    return 0
