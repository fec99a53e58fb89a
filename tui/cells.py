"""The cells of the console's tables: columns, rows and styled Rich Text, shared by every table.

No textual import here (`board show` uses them). Store text becomes `Text(visible(value))`, so
markup and escape codes in the data stay inert.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text

from store import Frozen

STATUS_STYLES = {
    "not started": "grey62",
    "under development": "yellow",
    "under review": "cyan",
    "complete": "green",
    "superseded": "grey50",
    "proposed": "cyan",
    "recommended": "yellow",
    "approved": "green",
    "reserve": "magenta",
    "deferred": "grey62",
    "rejected": "red",
    "withdrawn": "grey50",
    "pending": "yellow",
    "agreed": "green",
    "amended": "cyan",
    "not agreed": "red",
    "Y": "green",
    "N": "grey62",
    "open": "yellow",
    "done": "green",
    "dropped": "grey50",
}


class Column(Frozen, frozen=True):
    """One column. Its `kind` says how it fits a window (tui/layout.py): "text" columns share the
    spare width and are cut with "…"; "number", "status" and "key" columns are never cut."""

    label: str
    field: str | None = None  # the store field a cell edits; None = not editable
    numeric: bool = False
    width: int | None = None  # a fixed natural width; None = fit the content
    kind: str = "text"  # "text" | "number" | "status" | "key"

    @property
    def flexible(self) -> bool:
        return self.kind == "text" and not self.numeric


class Row:
    """One table row. `texts` (each cell's plain text) is built at once: it is enough for column
    widths, the filter and change marks. The styled `cells` are built on first use, so a table of
    10,000 rows builds Rich Text only for the rows that are drawn (or printed).

    A slotted class, not a frozen dataclass: a 10,000-bid tab builds 10,000 of them and the
    dataclass's frozen __init__ took a third of each row's time.
    """

    __slots__ = ("key", "record", "texts", "make", "part", "_cells")

    def __init__(
        self,
        key: str,  # unique in the table: "2", "5/p4", "total"
        record: str,  # the store id ("3.1" for recommendations); "" for the totals row
        texts: tuple[str, ...],
        make: Callable[[], tuple[Text, ...]],
        part: int | None = None,  # 1-based part number for component part rows
    ) -> None:
        self.key, self.record, self.texts, self.make, self.part = key, record, texts, make, part
        self._cells: tuple[Text, ...] | None = None

    def __repr__(self) -> str:
        return f"Row({self.key!r}, {self.record!r}, {self.texts!r})"

    @property
    def cells(self) -> tuple[Text, ...]:
        if self._cells is None:
            self._cells = self.make()
        return self._cells


def styled(texts: tuple[str, ...], styles: tuple[str, ...], right: int = 0) -> tuple[Text, ...]:
    """Cells from plain texts (already `visible`); the last `right` cells before the status
    and note are right-aligned money."""
    return tuple(
        Text(t, style=s, justify="right" if r else None)
        for t, s, r in zip(texts, styles, right_flags(len(texts), right), strict=True)
    )


def right_flags(count: int, right: int) -> tuple[bool, ...]:
    return tuple(2 <= i < 2 + right for i in range(count))
