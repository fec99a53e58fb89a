"""The console's tables as data: columns and rows of Rich Text, shared by the screen and `board show`.

No textual import here: `board show` must stay fast. Every cell that holds store text is built
with `Text(visible(value))`, so markup and escape codes in the data stay inert.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from rich.text import Text

from store import (
    Action,
    BoardState,
    Component,
    HistoryEntry,
    describe_value,
    gc_paused,
    status_label,
    target_text,
    uk_date,
    visible,
    when,
)

from .bid_rows import BID_COLUMNS, ENVELOPE, LINE, OVER, TOTAL, bid_rows, priority_columns
from .cells import STATUS_STYLES, Column, Row, styled

__all__ = [  # the cells' names, for the modules that take them from here
    "COLUMNS",
    "ENVELOPE",
    "HISTORY_COLUMNS",
    "LINE",
    "OVER",
    "STATUS_STYLES",
    "TOTAL",
    "Column",
    "Row",
    "bid_rows",
    "priority_columns",
    "table_rows",
]

COLUMNS: dict[str, tuple[Column, ...]] = {
    "components": (
        Column("#"),
        Column("Title", "title", width=46),
        Column("Status", "status"),
        Column("Target", "target", width=24),
        Column("Owner", "owner"),
        Column("Note", "note", width=40),
    ),
    "bids": BID_COLUMNS,
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
    "actions": (
        Column("#"),
        Column("Action", "text", width=50),
        Column("Owner", "owner"),
        Column("Due", "due", width=30),
        Column("Status", "status"),
        Column("From", "source"),
    ),
}


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
        rows.append(Row(str(i.id), str(i.id), texts, partial(styled, texts, styles)))
    return rows


def recommendation_rows(state: BoardState) -> list[Row]:
    rows = []
    for r in state.recommendations:
        word = r.decision.value
        texts = (r.id, visible(r.text), status_label(word), visible(r.note))
        styles = ("", "", STATUS_STYLES.get(word, ""), "")
        rows.append(Row(r.id, r.id, texts, partial(styled, texts, styles)))
    return rows


def _action_cells(texts: tuple[str, ...], word: str, day: str, overdue: bool) -> tuple[Text, ...]:
    cells = [Text(t) for t in texts]
    cells[3] = Text(day)
    if overdue:  # the mark alone in red, as for a component's target
        cells[3].append(texts[3].removeprefix(day), style="bold red")
    cells[4] = Text(texts[4], style=STATUS_STYLES.get(word, ""))
    return tuple(cells)


def _action_row(a: Action, today: dt.date) -> Row:
    overdue = a.is_overdue(today)
    day = uk_date(a.due)
    word = a.status.value
    texts = (
        str(a.id),
        visible(a.text),
        visible(a.owner),
        target_text(day, overdue),
        status_label(word),
        a.source,
    )
    return Row(str(a.id), str(a.id), texts, partial(_action_cells, texts, word, day, overdue))


def action_rows(state: BoardState, today: dt.date) -> list[Row]:
    return [_action_row(a, today) for a in state.actions]


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


def table_rows(
    state: BoardState, table: str, today: dt.date | None = None, by_priority: bool = False
) -> list[Row]:
    """A table's rows; `by_priority` shows the bids in priority order with the funding line."""
    with gc_paused():
        return _table_rows(state, table, today or dt.date.today(), by_priority)


def _table_rows(state: BoardState, table: str, today: dt.date, by_priority: bool) -> list[Row]:
    if table == "components":
        return component_rows(state, today)
    if table == "bids":
        return bid_rows(state, by_priority)
    if table == "implications":
        return implication_rows(state)
    if table == "actions":
        return action_rows(state, today)
    return recommendation_rows(state)
