"""`board show [TABLE]`: every table with the console's columns.

In a terminal, Rich tables; into a pipe or a file, plain rows written as they are made (plain.py).
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, TextIO

from store import (
    YEAR_LABELS,
    BoardState,
    Repository,
    as_at_text,
    decision_requirement,
    money,
    over_under,
    state_at,
    uk_date,
    visible,
)

from ..layout import column_widths, natural_widths
from ..paths import store_path
from ..tables import COLUMNS, TOTAL, Row, table_rows
from . import SUMMARIES, plain

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

TITLES = {
    "components": "Components",
    "bids": "Capital bids (£'000)",
    "implications": "Implications",
    "recommendations": "Recommendations",
    "actions": "Actions",
}
BORDERS = 3  # a cell's padding and rule in the ASCII and SIMPLE_HEAVY boxes


def add_parser(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        "show",
        help=SUMMARIES["show"],
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
    """`As at revision 12 (1 Dec 2026 10:04 GMT)`: the mark of a board from the past."""
    text = as_at_text(state.revision, state.changed_at)
    return text[:1].upper() + text[1:]


def make_table(name: str, plain: bool, widths: list[int] | None = None) -> Table:
    """A table with the console's columns; `widths` (from tui/layout.py) when the width is set."""
    from rich import box
    from rich.table import Table

    table = Table(
        title=TITLES[name],
        box=box.ASCII if plain else box.SIMPLE_HEAVY,
        title_justify="left",
        expand=False,
    )
    for index, column in enumerate(COLUMNS[name]):
        table.add_column(
            column.label,
            justify="right" if column.numeric else "left",
            no_wrap=True,  # one record, one line: `board show | grep` finds it
            overflow="ellipsis",
            width=widths[index] if widths else None,
        )
    return table


def fitted_widths(name: str, rows: list[Row], width: int) -> list[int]:
    """Column widths for a console `width` wide: the console's rule (numbers and statuses whole,
    text cut with "…")."""
    columns = COLUMNS[name]
    natural = natural_widths(columns, rows)
    return column_widths(columns, natural, width - table_width([0] * len(columns)))


def table_width(widths: list[int]) -> int:
    return sum(widths) + BORDERS * len(widths) + 1


def add_totals(table: Table, cells: tuple[Text, ...]) -> None:
    """Totals as the table's footer: every box style draws a rule above it (a section may not)."""
    for column, cell in zip(table.columns, cells, strict=True):
        column.footer = cell
    table.show_footer = True


def heading(state: BoardState) -> str:
    report = state.report
    return visible(
        f"{report['title']} — {report['decision_maker']}, {uk_date(report['meeting_date'])}"
    )


def grand_total(state: BoardState) -> str:
    return f"Grand total (£'000): {money(state.grand_total)}"


def notes(repo: Repository, state: BoardState) -> list[str]:
    """The lines under the heading: which revision a past board is, what the decision needs."""
    lines = [as_at_line(state)] if state is not repo.state() else []
    requirement = decision_requirement(state.report)
    return lines + ([requirement] if requirement else [])


def render(
    repo: Repository, tables: list[str], console: Console, state: BoardState | None = None
) -> None:
    from rich.text import Text

    state = state or repo.state()
    console.print(Text(heading(state)), style="bold")
    if state is not repo.state():
        console.print(Text(as_at_line(state)), style="bold reverse")
    requirement = decision_requirement(state.report)
    if requirement:
        console.print(Text(requirement))
    for name in tables:
        rows = table_rows(state, name)
        widths = fitted_widths(name, rows, console.width)
        table = make_table(name, not console.is_terminal, widths)
        for row in rows:
            if row.key == TOTAL:
                add_totals(table, row.cells)
            elif row.record:  # the envelope rows are printed after the table, in words
                table.add_row(*row.cells)
        print_wide(console, table, table_width(widths))
    if "bids" in tables:
        console.print(Text(grand_total(state)))
        for line in envelope_lines(state):
            console.print(Text(line))


def write_plain(
    repo: Repository, state: BoardState, tables: list[str], out: TextIO, room: int | None = None
) -> None:
    """What `render` prints, as plain rows streamed to `out` (a pipe or a file): every cell in
    full, unless `room` ($COLUMNS) is given; then long text ends in "…", as in the console."""
    out.write("".join(f"{text}\n" for text in [heading(state), *notes(repo, state)]))
    for name in tables:
        plain.write_table(out, TITLES[name], COLUMNS[name], table_rows(state, name), room)
    if "bids" in tables:
        out.write(grand_total(state) + "\n")
        for line in envelope_lines(state):
            out.write(line + "\n")


def envelope_lines(state: BoardState) -> list[str]:
    """`Envelope 2005/06: 700 (bids 770, 70 over)` for each year that has one."""
    over, totals = state.oversubscription(), state.year_totals()
    return [
        f"Envelope {YEAR_LABELS[y]}: {money(cap)} (bids {money(totals[y])}, {over_under(over[y])})"
        for y, cap in state.envelope.items()
    ]


def print_wide(console: Console, table: Table, width: int) -> None:
    """Print `table` at least `width` wide: wider than the window rather than a cut number."""
    window = console.width
    console.width = max(window, width)
    console.print(table)
    console.width = window


def make_console() -> Console:
    from .output import board_console

    return board_console(soft_wrap=False)


def run(args: argparse.Namespace) -> int:
    repo = Repository.open(store_path(args.store))
    state = None if args.at is None else state_at(repo, args.at)
    tables = [args.table] if args.table else list(COLUMNS)
    if sys.stdout.isatty():
        render(repo, tables, make_console(), state)
    else:
        write_plain(repo, state or repo.state(), tables, sys.stdout, _columns())
    return 0


def _columns() -> int | None:
    """$COLUMNS, when a script asked for a width (a number of at least 1); else None."""
    text = os.environ.get("COLUMNS", "")
    return int(text) if text.isdecimal() and int(text) > 0 else None
