"""Column widths that fit the window: one rule for every table the console draws.

Columns of numbers, statuses and ids keep their full width (a cut number or status misleads);
text columns share whatever width is left and end in "…" when cut. A text column never gets
narrower than its heading, so a heading is never cut mid-word. When even that does not fit, the
table scrolls sideways. No textual import: a plain function the tests and the bench can call.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len

if TYPE_CHECKING:
    from .tables import Column, Row

TEXT_FLOOR = 16  # a cut text column still shows this much of its text (or all, when shorter)


def fit_widths(
    natural: Sequence[int],
    flexible: Sequence[bool],
    floors: Sequence[int],
    room: int,
) -> list[int]:
    """Each column's width: `natural` when all fit in `room`; else the flexible columns share
    what the others leave, the narrowest keeping its natural width first (water-filling), and
    none below its floor. `room` 0 means unknown (not yet laid out): natural widths."""
    widths = list(natural)
    spare = room - sum(n for n, f in zip(natural, flexible, strict=True) if not f)
    flex = sorted((i for i, f in enumerate(flexible) if f), key=lambda i: natural[i])
    if room <= 0 or sum(natural[i] for i in flex) <= spare:
        return widths
    while flex:
        share, extra = divmod(max(spare, 0), len(flex))
        if natural[flex[0]] <= share:
            spare -= natural[flex.pop(0)]
            continue
        for rank, i in enumerate(flex):
            widths[i] = max(floors[i], share + (rank < extra))
        break
    return widths


def text_floor(label_width: int, natural: int) -> int:
    """The narrowest a text column may get: its heading, and some of its text."""
    return max(label_width, min(natural, TEXT_FLOOR))


def natural_widths(columns: Sequence[Column], rows: Sequence[Row]) -> list[int]:
    """The width each column needs to show its heading and every cell in full (or its fixed
    width). The rows are read once, turned into columns by `zip` (C code): a pass per column
    over the Bids tab's 10,000 rows took ~25 ms of opening it."""
    by_column = zip(*(r.texts for r in rows), strict=True) if rows else iter(())
    values = [set(texts) for texts in by_column] or [set() for _ in columns]
    return [
        c.width if c.width is not None else _widest(c.label, texts)
        for c, texts in zip(columns, values, strict=True)
    ]


def _widest(label: str, values: set[str]) -> int:
    """Cells of the widest of `label` and `values` (money and statuses repeat: each measured
    once). A column all ASCII, the usual case and found with one check, is as wide as its
    longest text; otherwise each text is measured (`cells`)."""
    ascii = "".join(values).isascii()
    return max(cell_len(label), max(map(len if ascii else cells, values), default=0))


def cells(text: str) -> int:
    """Terminal cells of `text`. ASCII (a flag CPython keeps on every str) needs no look-up per
    character: measuring 10,000 notes that way was ~100 ms of opening the Bids tab."""
    return len(text) if text.isascii() else cell_len(text)


def column_widths(columns: Sequence[Column], natural: Sequence[int], room: int) -> list[int]:
    """`fit_widths` for a table's columns: their kinds say which may be cut."""
    floors = [text_floor(cell_len(c.label), n) for c, n in zip(columns, natural, strict=True)]
    return fit_widths(natural, [c.flexible for c in columns], floors, room)
