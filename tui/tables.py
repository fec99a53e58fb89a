"""The console's tables as data: columns and rows of Rich Text, shared by the screen and `board show`.

No textual import here: `board show` must stay fast. Every cell that holds store text is built
with `Text(visible(value))`, so markup and escape codes in the data stay inert.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial

from rich.text import Text

from store import (
    YEAR_LABELS,
    YEARS,
    Bid,
    BidStatus,
    BoardState,
    Component,
    HistoryEntry,
    describe_value,
    gc_paused,
    money,
    status_label,
    target_text,
    visible,
    when,
)

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
}


@dataclass(frozen=True)
class Column:
    label: str
    field: str | None = None  # the store field a cell edits; None = not editable
    numeric: bool = False
    width: int | None = None  # the console's column width; None = fit the content


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


COLUMNS: dict[str, tuple[Column, ...]] = {
    "components": (
        Column("#"),
        Column("Title", "title", width=46),
        Column("Status", "status"),
        Column("Target", "target", width=24),
        Column("Owner", "owner"),
        Column("Note", "note", width=40),
    ),
    "bids": (
        Column("#"),
        Column("Bid", "title", width=44),
        *(Column(YEAR_LABELS[y], y, numeric=True) for y in YEARS),
        Column("Total", numeric=True),
        Column("Status", "status"),
        Column("Note", "note", width=40),
    ),
    "implications": (
        Column("#"),
        Column("Implication", "name"),
        Column("Applies", "applies"),
        Column("Paragraphs", "paragraphs", width=36),
        Column("Note", "note", width=40),
    ),
    "recommendations": (
        Column("#"),
        Column("Text", "text", width=60),
        Column("Decision", "decision"),
        Column("Note", "note", width=40),
    ),
}


def _styled(texts: tuple[str, ...], styles: tuple[str, ...], right: int = 0) -> tuple[Text, ...]:
    """Cells from plain texts (already `visible`); the last `right` cells before the status
    and note are right-aligned money."""
    return tuple(
        Text(t, style=s, justify="right" if r else None)
        for t, s, r in zip(texts, styles, _right_flags(len(texts), right), strict=True)
    )


def _right_flags(count: int, right: int) -> tuple[bool, ...]:
    return tuple(2 <= i < 2 + right for i in range(count))


def _component_cells(
    texts: tuple[str, ...], word: str, target_month: str, overdue: bool
) -> tuple[Text, ...]:
    target = Text(target_month)
    if overdue:  # the mark alone in red: what target_text adds to the month
        target.append(texts[3].removeprefix(target_month), style="bold red")
    return (
        Text(texts[0]),
        Text(texts[1]),
        Text(texts[2], style=STATUS_STYLES.get(word, "")),
        target,
        Text(texts[4]),
        Text(texts[5]),
    )


def _part_cells(texts: tuple[str, ...], word: str) -> tuple[Text, ...]:
    return (
        Text(texts[0], style="dim"),
        Text(texts[1]),
        Text(texts[2], style=STATUS_STYLES.get(word, "")),
        Text(texts[3]),
        Text(""),
        Text(""),
    )


def _component_row(c: Component, today: dt.date) -> Row:
    overdue = c.is_overdue(today)
    month = visible(c.target)
    texts = (
        str(c.id),
        visible(c.title),
        status_label(c.status.value),
        target_text(month, overdue),
        visible(c.owner),
        visible(c.note),
    )
    return Row(
        str(c.id),
        str(c.id),
        texts,
        partial(_component_cells, texts, c.status.value, month, overdue),
    )


def component_rows(state: BoardState, today: dt.date) -> list[Row]:
    rows: list[Row] = []
    for c in state.components:
        rows.append(_component_row(c, today))
        for n, part in enumerate(c.parts, start=1):
            texts = (
                f"{c.id}.{n}",
                "  └ " + visible(part.title),
                status_label(part.status.value),
                visible(part.target),
                "",
                "",
            )
            make = partial(_part_cells, texts, part.status.value)
            rows.append(Row(f"{c.id}/p{n}", str(c.id), texts, make, part=n))
    return rows


_BID_STYLES = ("", "", "", "", "", "", "bold")


# Amounts repeat across bids: format each once (lru_cache is C code, ~4x cheaper than the f-string).
_money = lru_cache(maxsize=65_536)(money)
# Per status: its label and the row's styles, instead of enum `.value` and two lookups per row.
_BID_STATUS = {
    s: (status_label(s.value), (*_BID_STYLES, STATUS_STYLES.get(s.value, ""), ""))
    for s in BidStatus
}


def _bid_row(b: Bid) -> Row:
    label, styles = _BID_STATUS[b.status]
    amounts = [b.amounts[y] for y in YEARS]
    key = str(b.id)
    texts = (
        key,
        visible(b.title),
        *map(_money, amounts),
        _money(sum(amounts)),  # = b.total
        label,
        visible(b.note),
    )
    return Row(key, key, texts, partial(_styled, texts, styles, len(YEARS) + 1))


# The last bid rows by Bid object: the store reuses the objects of bids stored unchanged, so a
# live refresh builds rows for the changed bids only. Holding each Bid keeps its id() unique.
_LAST_BID_ROWS: dict[int, tuple[Bid, Row]] = {}


def bid_rows(state: BoardState) -> list[Row]:
    global _LAST_BID_ROWS
    last, now = _LAST_BID_ROWS, {}
    for b in state.bids:
        hit = last.get(id(b))
        now[id(b)] = hit if hit is not None and hit[0] is b else (b, _bid_row(b))
    _LAST_BID_ROWS = now
    rows = [row for _, row in now.values()]
    totals = state.year_totals()
    grand = sum(totals.values())  # = state.grand_total, without summing every bid again
    texts = ("", "Total", *(money(totals[y]) for y in YEARS), money(grand), "", "")
    styles = ("", *["bold"] * (len(YEARS) + 2), "", "")
    rows.append(Row("total", "", texts, partial(_styled, texts, styles, len(YEARS) + 1)))
    return rows


def implication_rows(state: BoardState) -> list[Row]:
    rows = []
    for i in state.implications:
        word = i.applies.value
        texts = (
            str(i.id),
            visible(i.name),
            status_label(word),
            visible(i.paragraphs),
            visible(i.note),
        )
        styles = ("", "", STATUS_STYLES.get(word, ""), "", "")
        rows.append(Row(str(i.id), str(i.id), texts, partial(_styled, texts, styles)))
    return rows


def recommendation_rows(state: BoardState) -> list[Row]:
    rows = []
    for r in state.recommendations:
        word = r.decision.value
        texts = (r.id, visible(r.text), status_label(word), visible(r.note))
        styles = ("", "", STATUS_STYLES.get(word, ""), "")
        rows.append(Row(r.id, r.id, texts, partial(_styled, texts, styles)))
    return rows


HISTORY_COLUMNS = tuple(
    Column(label) for label in ("When (UTC)", "Who", "Table", "#", "Field", "Old", "New")
)


def history_rows(entries: list[HistoryEntry]) -> list[Row]:
    rows = []
    for e in entries:
        values = (when(e.at), e.who, e.table, e.record, e.field, e.old, e.new)
        texts = tuple(
            visible(describe_value(v) if i >= 5 else str(v)) for i, v in enumerate(values)
        )
        rows.append(Row(f"{e.revision}{e.field}", e.record, texts, partial(_plain, texts)))
    return rows


def _plain(texts: tuple[str, ...]) -> tuple[Text, ...]:
    return tuple(Text(t) for t in texts)


def table_rows(state: BoardState, table: str, today: dt.date | None = None) -> list[Row]:
    with gc_paused():
        return _table_rows(state, table, today or dt.date.today())


def _table_rows(state: BoardState, table: str, today: dt.date) -> list[Row]:
    if table == "components":
        return component_rows(state, today)
    if table == "bids":
        return bid_rows(state)
    if table == "implications":
        return implication_rows(state)
    return recommendation_rows(state)
