"""The filter box under a table: always composed (hidden), so `/` can show and focus it at once
and every key typed after `/` lands in it however fast it comes."""

from __future__ import annotations

from textual import on
from textual.binding import Binding
from textual.widgets import Input

from .board_table import BoardTable

FILTER_HINT = "Filter: type to narrow the table · enter keeps it · escape clears"


class FilterBox(Input):
    """Narrows one BoardTable as the user types; enter keeps the filter, escape clears it."""

    BINDINGS = [Binding("escape", "clear", "Clear filter", show=False)]

    def __init__(self, id: str | None = None) -> None:
        super().__init__(placeholder=FILTER_HINT, id=id)
        self.table: BoardTable | None = None

    def open(self, table: BoardTable) -> None:
        """Show the box for `table` and focus it, synchronously (before the next key)."""
        self.table = table
        self.value = table.filter_text
        self.display = True
        self.screen.set_focus(self)

    @on(Input.Changed)
    def _narrow(self, event: Input.Changed) -> None:
        if self.table is not None:
            self.table.set_filter(event.value)

    @on(Input.Submitted)
    def _keep(self) -> None:
        self.close()

    def action_clear(self) -> None:
        self.value = ""
        if self.table is not None:
            self.table.set_filter("")
        self.close()

    def close(self) -> None:
        self.display = False
        if self.table is not None:
            self.screen.set_focus(self.table)
