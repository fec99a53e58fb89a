"""The detail panel: the record under the cursor, every field in full (tui/details.py builds it).

The screen hands it the state and history (attributes down) and, on every cursor move, the
table and row to show. A move costs a dictionary look-up and a few lines of Text, whatever
the table's size: records are indexed by id once per state.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from store import BoardState, HistoryEntry

from ..details import history_text, record_text
from ..tables import Row, history_key

EMPTY = Text("Move the cursor onto a row to see it in full here (d hides this panel).")


class DetailPanel(VerticalScroll, can_focus=False):
    """Shows one record or one change in full; `show_row` follows the cursor."""

    def __init__(self, today: dt.date, id: str | None = None) -> None:
        super().__init__(id=id)
        self.today = today
        self.state: BoardState | None = None
        self.history: list[HistoryEntry] = []
        self._by_id: dict[str, dict[str, Any]] = {}
        self._changes: dict[tuple[str, str], list[HistoryEntry]] | None = None
        self._entries: dict[str, HistoryEntry] | None = None
        self._shown: tuple[str, Row | None] = ("", None)
        self._height = -1  # lines of the text shown (a change of height needs a layout)

    def compose(self) -> ComposeResult:
        yield Static(EMPTY, id="detail-text")

    def set_state(self, state: BoardState, history: list[HistoryEntry]) -> None:
        self.state, self.history = state, history
        self._by_id, self._changes, self._entries = {}, None, None
        self.show_row(*self._shown)

    def show_row(self, table: str, row: Row | None) -> None:
        """Show `row` of `table` (or remember it while the panel is hidden). A full layout of the
        screen costs tens of ms at 10,000 rows, so it is asked for only when the text's height
        changes; moving between records of the same shape only repaints the panel."""
        self._shown = (table, row)
        if not self.is_mounted or not self.visible_now():
            return
        text = self._text(table, row)
        body = self.query_one("#detail-text", Static)
        width = body.content_size.width  # 0 before its first layout: measure it next time
        height = len(text.wrap(self.app.console, width)) if width else -1
        body.update(text, layout=height != self._height or height < 0)
        self._height = height
        self.scroll_home(animate=False)

    def visible_now(self) -> bool:
        return self.display and (self.parent is None or not self.parent.has_class("-no-detail"))

    def reshow(self) -> None:
        """After the panel is shown again: what the cursor is on now."""
        self._height = -1
        self.show_row(*self._shown)

    # --- what to show ------------------------------------------------------------------------
    def _text(self, table: str, row: Row | None) -> Text:
        if row is None or self.state is None or not row.record and table != "history":
            return EMPTY
        if table == "history":
            entry = self._entry(row.key)
            return history_text(entry) if entry else EMPTY
        item = self._record(table, row.record)
        if item is None:
            return EMPTY
        return record_text(table, item, row.part, self._changes_of(table, row), self.today)

    def _record(self, table: str, record: str) -> Any:
        if table not in self._by_id:
            assert self.state is not None
            self._by_id[table] = {str(r.id): r for r in getattr(self.state, table)}
        return self._by_id[table].get(record)

    def _changes_of(self, table: str, row: Row) -> list[HistoryEntry]:
        if self._changes is None:
            self._changes = {}
            for e in self.history:  # newest first
                self._changes.setdefault((e.table, e.record), []).append(e)
        mine = self._changes.get((table, row.record), [])
        if row.part is None:
            return mine
        return [e for e in mine if e.field.startswith(f"part{row.part}.")]

    def _entry(self, key: str) -> HistoryEntry | None:
        if self._entries is None:
            self._entries = {history_key(e): e for e in self.history}
        return self._entries.get(key)
