"""The console: six tabs over one repository, edits from the keyboard, live refresh from the file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Static, TabbedContent, TabPane

from store import STATUS_FIELD, BoardError, BoardState, HistoryEntry, Repository, visible

from .keys import APP_BINDINGS, TAB_TITLES, TABS
from .overview import overview_text
from .tables import Row, table_rows
from .widgets.board_table import BoardTable

EDITABLE = ("components", "bids", "implications", "recommendations")
HISTORY_SHOWN = 500
HIGHLIGHT_SECONDS = 4.0


class BoardApp(App[None]):
    """Takes an opened repository (tests hand it a temporary store)."""

    CSS_PATH = "app.tcss"
    TITLE = "Programme Board Console"
    BINDINGS = APP_BINDINGS

    def __init__(self, repo: Repository, *, today: dt.date | None = None) -> None:
        super().__init__()
        self.repo = repo
        self.today = today or dt.date.today()
        self.state: BoardState = repo.state()
        self.received = 0  # changes from elsewhere since this console opened
        self.own_revisions: set[int] = set()

    # --- layout ------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with TabbedContent(initial="overview"):
            for number, (tab, title) in enumerate(zip(TABS, TAB_TITLES, strict=True), start=1):
                with TabPane(f"{number} {title}", id=tab):
                    yield from self._tab_body(tab)
        yield Static(id="status", markup=False)
        yield Footer()

    def _tab_body(self, tab: str) -> ComposeResult:
        if tab == "overview":
            with VerticalScroll(id="tab-overview-scroll"):
                yield Static(id="overview-text", markup=False)
        elif tab == "history":
            yield DataTable(id="table-history", cursor_type="row", zebra_stripes=True)
        else:
            yield BoardTable(tab)

    def on_mount(self) -> None:
        history = self.query_one("#table-history", DataTable)
        for label in ("When (UTC)", "Who", "Table", "#", "Field", "Old", "New"):
            history.add_column(label, key=label)
        self.set_class(self.repo.read_only, "-read-only")
        self.show_state(self.state, self.repo.history(HISTORY_SHOWN))
        self.watch_store()

    # --- attributes down ------------------------------------------------------------------------
    def board_table(self, table: str) -> BoardTable:
        return self.query_one(f"#table-{table}", BoardTable)

    def show_state(
        self, state: BoardState, history: list[HistoryEntry], changed: bool = False
    ) -> None:
        """Push a state into every tab; with `changed`, highlight rows that differ from before."""
        old = self.state
        self.state = state
        self.query_one("#overview-text", Static).update(overview_text(state, self.today))
        for table in EDITABLE:
            rows = table_rows(state, table, self.today)
            marks = _changed_keys(table_rows(old, table, self.today), rows) if changed else set()
            self.board_table(table).show(rows, marks | self.board_table(table).highlighted)
            if marks:
                self.set_timer(HIGHLIGHT_SECONDS, lambda t=table, m=marks: self._unmark(t, m))
        self._show_history(history)
        self._show_status()

    def _unmark(self, table: str, keys: set[str]) -> None:
        widget = self.board_table(table)
        widget.show(table_rows(self.state, table, self.today), widget.highlighted - keys)

    def _show_history(self, entries: list[HistoryEntry]) -> None:
        table = self.query_one("#table-history", DataTable)
        table.clear()
        for e in entries:
            cells = (
                e.at[:19].replace("T", " "),
                e.who,
                e.table,
                e.record,
                e.field,
                _describe(e.old),
                _describe(e.new),
            )
            table.add_row(*(Text(visible(c)) for c in cells), key=str(e.revision) + e.field)

    def _show_status(self) -> None:
        s = self.state
        mode = "READ-ONLY" if self.repo.read_only else "editing"
        last = (
            f"last change {s.changed_at[:19].replace('T', ' ')} UTC by {s.changed_by}"
            if s.changed_at
            else "no changes yet"
        )
        text = (
            f"{self.repo.path}  │  {mode}  │  rev {s.revision}, {last}  │  {self.received} received"
        )
        self.query_one("#status", Static).update(Text(visible(text)))

    # --- navigation -----------------------------------------------------------------------------
    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        target = {"overview": "#tab-overview-scroll", "history": "#table-history"}.get(
            tab, f"#table-{tab}"
        )
        # Synchronously, so keys typed straight after the number (as tmux sends them) land here.
        self.screen.set_focus(self.query_one(target))

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        self.push_screen(HelpScreen())

    # --- edits (messages up) --------------------------------------------------------------------
    @on(BoardTable.Intent)
    def handle_intent(self, message: BoardTable.Intent) -> None:
        handler = getattr(self, f"intent_{message.action}", None)
        if handler is not None:
            handler(message)

    def intent_cycle(self, message: BoardTable.Intent) -> None:
        row = message.row
        if row is None or not row.record:
            return
        table = message.table.table_name
        field = f"part{row.part}.{STATUS_FIELD[table]}" if row.part else STATUS_FIELD[table]
        current = self._value(table, row, field)
        self.apply_edit(table, row.record, field, current.step(message.delta))

    def _value(self, table: str, row: Row, field: str) -> Any:
        records: tuple[Any, ...] = {
            "components": self.state.components,
            "bids": self.state.bids,
            "implications": self.state.implications,
            "recommendations": self.state.recommendations,
        }[table]  # type: ignore[assignment]
        record = next(r for r in records if str(r.id) == row.record)
        if row.part:
            return getattr(record.parts[row.part - 1], field.split(".")[1])  # type: ignore[attr-defined]
        return getattr(record, field)

    def apply_edit(self, table: str, record: str, field: str, value: object) -> None:
        try:
            change = self.repo.set_field(
                table, record, field, value, base_revision=self.state.revision
            )
        except BoardError as err:
            self.notify(str(err), title="Not saved", severity="error", markup=False)
            return
        self.own_revisions.add(change.revision)
        self.refresh_now()

    def refresh_now(self) -> None:
        self.show_state(self.repo.state(), self.repo.history(HISTORY_SHOWN))

    # --- live refresh ---------------------------------------------------------------------------
    @work(exclusive=True, group="watch")
    async def watch_store(self) -> None:
        """Notice another process's atomic replace of the store (~15 ms), then reload off-thread."""
        from watchfiles import awatch

        path = self.repo.path
        async for changes in awatch(path.parent, debounce=50, step=10, recursive=False):
            if any(Path(changed) == path for _, changed in changes):
                self.reload_store()

    @work(thread=True, exclusive=True, group="reload")
    def reload_store(self) -> None:
        try:
            state = self.repo.state()
            history = self.repo.history(HISTORY_SHOWN)
        except BoardError as err:
            self.call_from_thread(self.notify, str(err), severity="error", markup=False)
            return
        self.call_from_thread(self._receive, state, history)

    def _receive(self, state: BoardState, history: list[HistoryEntry]) -> None:
        if state.revision == self.state.revision:
            return
        if state.revision not in self.own_revisions:
            self.received += 1
        self.show_state(state, history, changed=True)


def _changed_keys(before: list[Row], after: list[Row]) -> set[str]:
    old = {r.key: r.cells for r in before}
    return {r.key for r in after if old.get(r.key) != r.cells}


def _describe(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, dict):
        return str(value.get("title") or value.get("name") or "record")
    return str(value)
