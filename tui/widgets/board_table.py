"""The console's editable tables: a RowTable whose keys go up to the app as intents."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from ..keys import EDIT_ACTIONS, TABLE_BINDINGS
from ..tables import COLUMNS, Row
from .row_table import RowTable


class BoardTable(RowTable):
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
        super().__init__(COLUMNS[table], fixed_columns=2, id=f"table-{table}")
        self.table_name = table
        self.filter_text = ""

    # --- attributes down -------------------------------------------------------------------
    def show(self, rows: list[Row], highlight: set[str] | None = None) -> None:
        """Show `rows` (filtered), keeping the cursor on the same record and the scroll."""
        self.highlighted = highlight if highlight is not None else self.highlighted
        wanted = [r for r in rows if self._matches(r)] if self.filter_text else rows
        current = self.current_row()
        keep = current.key if current else None
        self.set_rows(wanted, keep)
        if keep not in self._index and self.cursor_column == 0:
            self.cursor_column = 1  # the first editable column
        elif current is not None and self._index.get(current.key) != self._index_before:
            self.call_after_refresh(self._scroll_cursor_into_view)

    def _matches(self, row: Row) -> bool:
        if row.key == "total":
            return True
        return self.filter_text.lower() in " ".join(row.texts).lower()

    def select_record(self, record: str) -> None:
        if record in self._index:
            self.move_cursor(row=self._index[record])

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
