"""`board show` into a pipe or a file: plain ASCII tables, each row written as soon as it is made.

Rich lays out a whole Table before it prints its first line and wraps every cell: at 100,000 bids
with long notes `board show > file` had not finished after 300 s (3.0 GB), and a wrapped cell
hid its record from `grep`. Here one pass over the rows' plain texts gives the column widths,
then every row goes out on one line, never wrapped or cut, in the layout of Rich's ASCII box.
No Rich console is made (its import alone was ~65 ms of every piped `board show`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TextIO

from rich.cells import set_cell_size

from ..layout import cells, column_widths
from ..tables import TOTAL, Column, Row

# Inside a one-line row a line break or tab would split or shift the row: shown as symbols.
_BREAKS = str.maketrans({"\n": "␊", "\r": "␍", "\t": "␉"})


def flat(text: str) -> str:
    return text if text.isprintable() else text.translate(_BREAKS)


def width(text: str) -> int:
    """Terminal cells (`cells`: no per-character look-up for ASCII, which took most of the time
    of 100,000 rows with 1,900-character notes)."""
    return cells(text)


def widths(columns: Sequence[Column], rows: Iterable[Row]) -> list[int]:
    """Each column as wide as its widest cell or label (terminal cells, not characters)."""
    found = [width(c.label) for c in columns]
    for row in rows:
        for index, text in enumerate(row.texts):
            size = width(flat(text))
            if size > found[index]:
                found[index] = size
    return found


def cut(text: str, size: int) -> str:
    """`text` in at most `size` cells: whole, or cut with "…" (only text columns are ever cut)."""
    if width(text) <= size:
        return text
    return set_cell_size(text, max(size - 1, 0)) + "…"


def line(texts: Sequence[str], columns: Sequence[Column], sizes: Sequence[int]) -> str:
    cells = []
    for text, column, size in zip(texts, columns, sizes, strict=True):
        shown = cut(flat(text), size)
        pad = " " * (size - width(shown))
        cells.append(pad + shown if column.numeric else shown + pad)
    return "| " + " | ".join(cells) + " |"


def rule(sizes: Sequence[int], edge: str = "|", joint: str = "+") -> str:
    return edge + joint.join("-" * (size + 2) for size in sizes) + edge


def write_table(
    out: TextIO, title: str, columns: Sequence[Column], rows: list[Row], room: int | None = None
) -> None:
    """A titled table; the totals row last, below a rule, as Rich's footer. Rows of no record
    (the envelope's) are left out: `show` prints them after the table, in words. Every cell is
    whole, unless `room` (a width asked for) is given: then text columns share it, as in the
    console (tui/layout.py), and a cut text ends in "…"; numbers and statuses are never cut."""
    rows = [row for row in rows if row.record or row.key == TOTAL]
    sizes = widths(columns, rows)
    if room is not None:
        sizes = column_widths(columns, sizes, room - (3 * len(sizes) + 1))
    border = "+" + "-" * (len(rule(sizes)) - 2) + "+"
    out.write(f"{title}\n{border}\n{line([c.label for c in columns], columns, sizes)}\n")
    out.write(rule(sizes) + "\n")
    total = None
    for row in rows:
        if row.key == TOTAL:
            total = row
        else:
            out.write(line(row.texts, columns, sizes) + "\n")
    if total is not None:
        out.write(rule(sizes) + "\n" + line(total.texts, columns, sizes) + "\n")
    out.write(border + "\n")
