"""A DataTable of one store table: keeps the cursor on its record across refreshes, posts intents up."""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.message import Message
from textual.widgets import DataTable

from ..keys import EDIT_ACTIONS, TABLE_BINDINGS
from ..tables import COLUMNS, Row

HIGHLIGHT = Style(bgcolor="dark_green")


class BoardTable(DataTable[Text]):
    """Rows come down as `tables.Row`s; key presses go up as messages the app acts on."""

    BINDINGS = TABLE_BINDINGS

    @dataclass
    class Intent(Message):
        """The user asked for something on a row: cycle, edit, add, remove or filter."""

        table: BoardTable
        action: str
        row: Row | None
        column: int = 0
        delta: int = 0

    def __init__(self, table: str) -> None:
        super().__init__(
            cursor_type="cell", zebra_stripes=True, fixed_columns=2, id=f"table-{table}"
        )
        self.table_name = table
        self.rows_shown: list[Row] = []
        self.filter_text = ""
        self.highlighted: set[str] = set()

    def on_mount(self) -> None:
        for column in COLUMNS[self.table_name]:
            self.add_column(column.label, key=column.label, width=column.width)

    # --- attributes down -------------------------------------------------------------------
    def show(self, rows: list[Row], highlight: set[str] | None = None) -> None:
        """Show `rows` (filtered), keeping the cursor on the same record and the scroll."""
        self.highlighted = highlight if highlight is not None else self.highlighted
        wanted = [r for r in rows if self._matches(r)]
        current = self.current_row()
        if [r.key for r in wanted] == [r.key for r in self.rows_shown]:
            self._update_changed(wanted)
        else:
            self._rebuild(wanted, current.key if current else None)
        self.rows_shown = wanted

    def _cells(self, row: Row) -> list[Text]:
        if row.key not in self.highlighted:
            return list(row.cells)
        return [_highlighted(cell) for cell in row.cells]

    def _update_changed(self, rows: list[Row]) -> None:
        for old, new in zip(self.rows_shown, rows, strict=True):
            new_cells = self._cells(new)
            if old.cells != new.cells or new.key in self.highlighted or old.key != new.key:
                for index, cell in enumerate(new_cells):
                    self.update_cell(new.key, COLUMNS[self.table_name][index].label, cell)

    def _rebuild(self, rows: list[Row], keep: str | None) -> None:
        scroll_y = self.scroll_y
        self.clear()
        for row in rows:
            self.add_row(*self._cells(row), key=row.key)
        keys = [r.key for r in rows]
        if keep in keys:
            self.move_cursor(row=keys.index(keep), animate=False)
        elif self.cursor_column == 0:
            self.move_cursor(column=1, animate=False)  # the first editable column
        self.scroll_to(y=scroll_y, animate=False)

    def _matches(self, row: Row) -> bool:
        if not self.filter_text or row.key == "total":
            return True
        return self.filter_text.lower() in " ".join(c.plain for c in row.cells).lower()

    def select_record(self, record: str) -> None:
        keys = [r.key for r in self.rows_shown]
        if record in keys:
            self.move_cursor(row=keys.index(record))

    def current_row(self) -> Row | None:
        if not self.rows_shown or not 0 <= self.cursor_row < len(self.rows_shown):
            return None
        return self.rows_shown[self.cursor_row]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Editing keys are disabled (shown dimmed) on a read-only console."""
        if action in EDIT_ACTIONS and getattr(self.app, "read_only", False):
            return None
        return True

    # --- messages up -----------------------------------------------------------------------
    def _intent(self, action: str, delta: int = 0) -> None:
        self.post_message(self.Intent(self, action, self.current_row(), self.cursor_column, delta))

    def action_cycle(self, delta: int) -> None:
        self._intent("cycle", delta)

    def action_edit(self) -> None:
        self._intent("edit")

    def action_add(self) -> None:
        self._intent("add")

    def action_remove(self) -> None:
        self._intent("remove")

    def action_filter(self) -> None:
        self._intent("filter")


def _highlighted(cell: Text) -> Text:
    marked = cell.copy()
    marked.stylize_before(HIGHLIGHT)
    return marked
