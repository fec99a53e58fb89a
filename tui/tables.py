"""The console's tables as data: columns and rows of Rich Text, shared by the screen and `board show`.

No textual import here: `board show` must stay fast. Every cell that holds store text is built
with `Text(visible(value))`, so markup and escape codes in the data stay inert.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rich.text import Text

from store import YEAR_LABELS, YEARS, BoardState, Component, money, status_label, visible

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


@dataclass(frozen=True)
class Row:
    key: str  # unique in the table: "2", "5/p4", "total"
    record: str  # the store id ("3.1" for recommendations); "" for the totals row
    cells: tuple[Text, ...]
    part: int | None = None  # 1-based part number for component part rows


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


def text(value: str, style: str = "") -> Text:
    """Store text as a literal cell: control characters made visible, never parsed as markup."""
    return Text(visible(value), style=style)


def status(word: str) -> Text:
    """A status as symbol, word and colour together (never colour alone)."""
    return Text(status_label(word), style=STATUS_STYLES.get(word, ""))


def amount(value: int, style: str = "") -> Text:
    return Text(money(value), style=style, justify="right")


def _target(component: Component, today: dt.date) -> Text:
    cell = text(component.target)
    if component.is_overdue(today):
        cell.append("  ⚠ overdue", style="bold red")
    return cell


def component_rows(state: BoardState, today: dt.date) -> list[Row]:
    rows: list[Row] = []
    for c in state.components:
        cells = (
            Text(str(c.id)),
            text(c.title),
            status(c.status.value),
            _target(c, today),
            text(c.owner),
            text(c.note),
        )
        rows.append(Row(str(c.id), str(c.id), cells))
        for n, part in enumerate(c.parts, start=1):
            part_cells = (
                Text(f"{c.id}.{n}", style="dim"),
                Text("  └ ") + text(part.title),
                status(part.status.value),
                text(part.target),
                Text(""),
                Text(""),
            )
            rows.append(Row(f"{c.id}/p{n}", str(c.id), part_cells, part=n))
    return rows


def bid_rows(state: BoardState) -> list[Row]:
    rows = [
        Row(
            str(b.id),
            str(b.id),
            (
                Text(str(b.id)),
                text(b.title),
                *(amount(b.amounts[y]) for y in YEARS),
                amount(b.total, "bold"),
                status(b.status.value),
                text(b.note),
            ),
        )
        for b in state.bids
    ]
    totals = state.year_totals()
    total_cells = (
        Text(""),
        Text("Total", style="bold"),
        *(amount(totals[y], "bold") for y in YEARS),
        amount(state.grand_total, "bold"),
        Text(""),
        Text(""),
    )
    rows.append(Row("total", "", total_cells))
    return rows


def implication_rows(state: BoardState) -> list[Row]:
    return [
        Row(
            str(i.id),
            str(i.id),
            (
                Text(str(i.id)),
                text(i.name),
                status(i.applies.value),
                text(i.paragraphs),
                text(i.note),
            ),
        )
        for i in state.implications
    ]


def recommendation_rows(state: BoardState) -> list[Row]:
    return [
        Row(r.id, r.id, (Text(r.id), text(r.text), status(r.decision.value), text(r.note)))
        for r in state.recommendations
    ]


def table_rows(state: BoardState, table: str, today: dt.date | None = None) -> list[Row]:
    today = today or dt.date.today()
    if table == "components":
        return component_rows(state, today)
    if table == "bids":
        return bid_rows(state)
    if table == "implications":
        return implication_rows(state)
    return recommendation_rows(state)
