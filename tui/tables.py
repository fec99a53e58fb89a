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
    change_text,
    describe_value,
    gc_paused,
    money,
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
        Column("#", kind="key"),
        Column("Title", "title"),
        Column("Status", "status", kind="status"),
        Column("Target", "target", kind="status"),
        Column("Owner", "owner"),
        Column("Note", "note"),
    ),
    "bids": BID_COLUMNS,
    "implications": (
        Column("#", kind="key"),
        Column("Implication", "name"),
        Column("Applies", "applies", kind="status"),
        Column("Paragraphs", "paragraphs"),
        Column("Note", "note"),
    ),
    "recommendations": (
        Column("#", kind="key"),
        Column("Text", "text"),
        Column("Decision", "decision", kind="status"),
        Column("Note", "note"),
    ),
    "actions": (
        Column("#", kind="key"),
        Column("Action", "text"),
        Column("Owner", "owner"),
        Column("Due", "due", kind="status"),
        Column("Status", "status", kind="status"),
        Column("From", "source", kind="key"),
    ),
}


def _component_cells(texts: tuple[str, ...], word: str, target_month: str) -> tuple[Text, ...]:
    return (
        Text(texts[0]),
        Text(texts[1]),
        Text(texts[2], style=STATUS_STYLES.get(word, "")),
        _target_cell(texts[3], target_month),
        Text(texts[4]),
        Text(texts[5]),
    )


def _part_cells(texts: tuple[str, ...], word: str, target_month: str) -> tuple[Text, ...]:
    return (
        Text(texts[0], style="dim"),
        Text(texts[1]),
        Text(texts[2], style=STATUS_STYLES.get(word, "")),
        _target_cell(texts[3], target_month),
        Text(""),
        Text(""),
    )


def _target_cell(shown: str, target_month: str) -> Text:
    """A target month, with the overdue mark that target_text adds in red."""
    target = Text(target_month)
    if shown != target_month:
        target.append(shown.removeprefix(target_month), style="bold red")
    return target


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
        partial(_component_cells, texts, c.status.value, month),
    )


def component_rows(state: BoardState, today: dt.date) -> list[Row]:
    rows: list[Row] = []
    for c in state.components:
        rows.append(_component_row(c, today))
        for n, part in enumerate(c.parts, start=1):
            month = visible(part.target)
            texts = (
                f"{c.id}.{n}",
                "  └ " + visible(part.title),
                status_label(part.status.value),
                target_text(month, part.is_overdue(today)),
                "",
                "",
            )
            make = partial(_part_cells, texts, part.status.value, month)
            rows.append(Row(f"{c.id}/p{n}", str(c.id), texts, make, part=n))
    return rows


def total_of_shown(shown: list[Row], columns: tuple[Column, ...], total: Row) -> Row:
    """The totals row for a filtered table: its number columns summed over the rows `shown`,
    its label saying so ("Total of 1 shown"). Works for any table with a "total" row."""
    label = next(i for i, t in enumerate(total.texts) if t and not columns[i].numeric)
    texts = tuple(
        f"Total of {len(shown):,} shown"
        if i == label
        else money(sum(_number(r.texts[i]) for r in shown))
        if c.numeric
        else ""
        for i, c in enumerate(columns)
    )
    styles = tuple("bold" if t else "" for t in texts)
    return Row(TOTAL, "", texts, partial(styled, texts, styles, _numbers(columns)))


def _number(shown: str) -> int:
    return int(shown.replace(",", "")) if shown else 0


def _numbers(columns: tuple[Column, ...]) -> int:
    return sum(1 for c in columns if c.numeric)


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


HISTORY_COLUMNS = (
    Column("When", kind="key"),
    Column("Who"),
    Column("Table", kind="key"),
    Column("#", kind="key"),
    Column("Field", kind="key"),
    Column("Old"),
    Column("New"),
)


def history_key(entry: HistoryEntry) -> str:
    """A History row's key: one change of one field."""
    return f"{entry.revision}{entry.field}"


def history_rows(entries: list[HistoryEntry]) -> list[Row]:
    rows = []
    for e in entries:
        if e.action == "set":
            changed = (e.field, describe_value(e.old), describe_value(e.new))
        else:  # an add or removal in words, not field `*`: "added bid 6 'Social care …'"
            changed = ("—", "—", change_text(e.action, e.old, e.new, e.table, e.record))
        values = (when(e.at), e.who, e.table, e.record, *changed)
        texts = tuple(visible(str(v)) for v in values)
        rows.append(Row(history_key(e), e.record, texts, partial(_plain, texts)))
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
