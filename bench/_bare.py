"""The reference app: stock Textual, the console's widgets without the console.

A TabbedContent with six stock DataTables holding the same cells (as Rich Text) as the console's
six tabs, read from a JSON file the parent wrote, and a Footer showing the same keys (the
console's bindings, most without an action here). No store, no validation, no live refresh.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, TabbedContent, TabPane

from tui.keys import APP_BINDINGS, TABLE_BINDINGS

TABS = ("overview", "components", "bids", "implications", "recommendations", "history")


def layout_of(repo: Any, today: Any) -> dict[str, Any]:
    """The console's six tables as plain data: column labels and widths, cells as (text, style)."""
    from tui.overview import overview_text
    from tui.screens.board import HISTORY_SHOWN
    from tui.tables import COLUMNS, HISTORY_COLUMNS, history_rows, table_rows

    state = repo.state()

    def cell(t: Text) -> list[Any]:
        return [t.plain, str(t.style), t.justify or ""]

    tables: dict[str, Any] = {}
    lines = overview_text(state, today).plain.splitlines()
    tables["overview"] = {"columns": [["Overview", None]], "rows": [[[ln, "", ""]] for ln in lines]}
    for name, columns in COLUMNS.items():
        tables[name] = {
            "columns": [[c.label, c.width] for c in columns],
            "rows": [[cell(t) for t in row.cells] for row in table_rows(state, name, today)],
        }
    tables["history"] = {
        "columns": [[c.label, None] for c in HISTORY_COLUMNS],
        "rows": [
            [[t, "", ""] for t in row.texts] for row in history_rows(repo.history(HISTORY_SHOWN))
        ],
    }
    return tables


class BareTable(DataTable[Text]):
    """A stock DataTable whose footer lists the same keys as the console's tables."""

    BINDINGS = TABLE_BINDINGS


class BareApp(App[None]):
    BINDINGS = APP_BINDINGS  # the number keys call show_tab below; the rest only show

    def __init__(self, layout_file: Path) -> None:
        super().__init__()
        self.tables: dict[str, Any] = orjson.loads(layout_file.read_bytes())

    def compose(self) -> ComposeResult:
        with TabbedContent(initial="overview"):
            for number, tab in enumerate(TABS, start=1):
                with TabPane(f"{number} {tab.capitalize()}", id=tab):
                    yield BareTable(id=f"table-{tab}", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        for tab in TABS:
            spec = self.tables[tab]
            table = self.query_one(f"#table-{tab}", DataTable)
            for label, width in spec["columns"]:
                table.add_column(label, width=width)
            table.add_rows(
                [Text(t, style=s, justify=j or None) for t, s, j in row] for row in spec["rows"]
            )

    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        self.screen.set_focus(self.query_one(f"#table-{tab}"))
