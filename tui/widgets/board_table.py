"""The console's editable tables: a RowTable whose keys go up to the screen as requests."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from ..edits import GROWABLE
from ..keys import BID_BINDINGS, TABLE_BINDINGS, allowed
from ..tables import COLUMNS, TOTAL, Row, total_of_shown
from ..typeahead import hold_keys
from .row_table import RowTable


class BoardTable(RowTable):
    """Rows come down as `tables.Row`s; key presses go up as one message class per request.

    The screen sets `read_only`; while it is set the editing keys are disabled (shown dimmed).
    """

    BINDINGS = TABLE_BINDINGS

    @dataclass
    class RowRequest(Message):
        """The user asked for something on the row under the cursor (`row` None: no rows)."""

        table: BoardTable
        row: Row | None
        column: int

    class EditRequested(RowRequest):
        """Enter or e: edit the cell under the cursor."""

    @dataclass
    class CycleRequested(RowRequest):
        """Space or S: the row's status to the next (`delta` 1) or previous (-1) word."""

        delta: int

    class AddRequested(RowRequest):
        """a: add a row to this table."""

    class DeleteRequested(RowRequest):
        """delete: remove the row under the cursor."""

    def __init__(self, table: str) -> None:
        super().__init__(COLUMNS[table], fixed_columns=2, id=f"table-{table}")
        self.table_name = table
        self.filter_text = ""
        self.read_only = False
        self.all_rows: list[Row] = []  # unfiltered, as last shown

    # --- attributes down -------------------------------------------------------------------
    def show(self, rows: list[Row], highlight: set[str] | None = None) -> None:
        """Show `rows` (filtered), keeping the cursor on the same record and the scroll."""
        self.highlighted = highlight if highlight is not None else self.highlighted
        self.all_rows = rows
        wanted = self._filtered(rows) if self.filter_text else rows
        self.empty_text = (
            f"No rows match {self.filter_text!r} — escape clears"
            if self.filter_text
            else f"No {self.table_name} yet"
            + (": a adds one." if self.table_name in GROWABLE else ".")
        )
        current = self.current_row()
        keep = current.key if current else None
        self.set_rows(wanted, keep)
        if keep not in self._index and self.cursor_column == 0:
            self.cursor_column = 1  # the first editable column
        elif current is not None and self._index.get(current.key) != self._index_before:
            self.call_after_refresh(self._scroll_cursor_into_view)

    def set_filter(self, text: str) -> None:
        if text != self.filter_text:
            self.filter_text = text
            self.show(self.all_rows)

    def _filtered(self, rows: list[Row]) -> list[Row]:
        """The rows the filter matches; a totals row sums those rows only, and goes when none do."""
        wanted = self.filter_text.lower()
        shown = [r for r in rows if r.record and wanted in " ".join(r.texts).lower()]
        total = next((r for r in reversed(rows) if r.key == TOTAL), None)
        if total is None or not shown:
            return shown
        return [*shown, total_of_shown(shown, self.columns, total)]

    def select_record(self, record: str) -> None:
        if record in self._index:
            self.move_cursor(row=self._index[record])

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that do nothing on this table are hidden (False); editing keys on a read-only
        console are dimmed (None)."""
        if action in ("add", "remove") and self.table_name not in GROWABLE:
            return False
        return allowed(action, self.read_only)

    # --- messages up -----------------------------------------------------------------------
    def action_cycle(self, delta: int) -> None:
        self.post_message(self.CycleRequested(self, self.current_row(), self.cursor_column, delta))

    def action_edit(self) -> None:
        hold_keys(self.app)  # keys typed behind this one go to its dialog (typeahead.py)
        self.post_message(self.EditRequested(self, self.current_row(), self.cursor_column))

    def action_add(self) -> None:
        self.post_message(self.AddRequested(self, self.current_row(), self.cursor_column))

    def action_remove(self) -> None:
        self.post_message(self.DeleteRequested(self, self.current_row(), self.cursor_column))


class BidTable(BoardTable):
    """The Bids tab: its priority keys and the priority view go up as requests too."""

    BINDINGS = BID_BINDINGS

    @dataclass
    class PriorityMoveRequested(BoardTable.RowRequest):
        """[ or ]: the selected bid one place up (`delta` -1) or down (1) in priority."""

        delta: int

    class PriorityViewRequested(BoardTable.RowRequest):
        """p: show the bids in priority order with the funding line (or back in id order)."""

    class ReprofileRequested(BoardTable.RowRequest):
        """r: move money between two years of the selected bid."""

    def __init__(self) -> None:
        super().__init__("bids")
        self.by_priority = False

    def show(self, rows: list[Row], highlight: set[str] | None = None) -> None:
        if self.by_priority:  # a row's running totals are not in its texts, the cache's key
            self.refresh_header()
        super().show(rows, highlight)

    def action_move_priority(self, delta: int) -> None:
        row, column = self.current_row(), self.cursor_column
        self.post_message(self.PriorityMoveRequested(self, row, column, delta))

    def action_priority_view(self) -> None:
        self.post_message(self.PriorityViewRequested(self, self.current_row(), self.cursor_column))

    def action_reprofile(self) -> None:
        self.post_message(self.ReprofileRequested(self, self.current_row(), self.cursor_column))
