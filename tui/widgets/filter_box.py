"""The filter box under a table: typed text narrows that table; enter keeps it, escape clears it.

It exists only while the filter is being typed. Attributes down, messages up: the box sets its
table's `filter_text` and says so; the screen re-shows the rows and removes the box when done.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input

from .board_table import BoardTable

FILTER_HINT = "Filter: type to narrow the table · enter keeps it · escape clears"


class FilterBox(Input):
    BINDINGS = [Binding("escape", "clear", "Clear the filter", show=False)]

    @dataclass
    class Narrowed(Message):
        """The table's `filter_text` changed: show its rows again."""

        table: BoardTable

    @dataclass
    class Closed(Message):
        """Typing is over (the filter kept or cleared): remove the box, back to the table."""

        box: FilterBox
        table: BoardTable

    def __init__(self, table: BoardTable) -> None:
        super().__init__(table.filter_text, id="filter", placeholder=FILTER_HINT)
        self.table = table

    @on(Input.Changed)
    def _narrow(self, event: Input.Changed) -> None:
        event.stop()
        self.table.filter_text = event.value
        self.post_message(self.Narrowed(self.table))

    @on(Input.Submitted)
    def _keep(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Closed(self, self.table))

    def action_clear(self) -> None:
        self.table.filter_text = ""
        self.post_message(self.Narrowed(self.table))
        self.post_message(self.Closed(self, self.table))
