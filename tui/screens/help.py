"""`?`: every key, by where it works, from the one keymap."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..keys import APP_BINDINGS, BID_BINDINGS, TABLE_BINDINGS, TABLES_WHERE, described

EXTRA = [
    ("↑ ↓ ← → / j k", "Move the cursor"),
    ("ctrl+p", "Command palette (export, tabs, undo, filter, theme, priority order, reprofile)"),
    ("escape", "Close a dialog or this help without changing anything"),
]


def keys_table() -> Table:
    table = Table(title="Keys", expand=True, show_lines=False)
    table.add_column("Key", style="bold", no_wrap=True)
    table.add_column("What it does")
    table.add_column("Where")
    for keys, what, place in [
        *described(APP_BINDINGS, "everywhere"),
        *described(TABLE_BINDINGS, TABLES_WHERE),
        *described(BID_BINDINGS, "Bids"),
    ]:
        table.add_row(Text(keys), Text(what), Text(place))
    for keys, what in EXTRA:
        table.add_row(Text(keys), Text(what), Text("everywhere"))
    return table


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 90%; height: 90%; border: thick $accent; background: $surface; }
    """
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(keys_table())
