"""The console: six tabs over one repository, edits from the keyboard, live refresh from the file."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import events, on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Static, TabbedContent, TabPane

from store import (
    BoardError,
    BoardState,
    Change,
    HistoryEntry,
    Repository,
    visible,
)

from . import settings
from .editing import READ_ONLY_NOTICE, EditingMixin, record_value
from .keys import APP_BINDINGS, EDIT_ACTIONS, TAB_TITLES, TABS, edit_keys
from .overview import overview_text
from .screens.edit import EditScreen
from .tables import HISTORY_COLUMNS, Row, history_rows, table_rows
from .themes import PROJECTOR
from .widgets.board_table import BoardTable
from .widgets.row_table import RowTable

EDITABLE = ("components", "bids", "implications", "recommendations")
HISTORY_SHOWN = 500
HIGHLIGHT_SECONDS = 4.0
POLL_SECONDS = 2.0
FILTER_HINT = "Filter: type to narrow the table · enter keeps it · escape clears"


class BoardApp(EditingMixin, App[None]):
    """Takes an opened repository (tests hand it a temporary store)."""

    CSS_PATH = "app.tcss"
    AUTO_FOCUS = "#tab-overview-scroll"
    TITLE = "Programme Board Console"
    BINDINGS = APP_BINDINGS

    def __init__(
        self,
        repo: Repository,
        *,
        today: dt.date | None = None,
        settings_file: Path | None = None,
    ) -> None:
        super().__init__()
        self.repo = repo
        self.settings_file = settings_file
        self.today = today or dt.date.today()
        self.state: BoardState = repo.state()
        self.received = 0  # changes from elsewhere since this console opened
        self.own_revisions: set[int] = set()
        self._filtering: BoardTable | None = None
        self._seen_identity: object = None
        # Set on unmount so the folder watcher's thread stops at once, not at its next timeout.
        self._stop_watch = asyncio.Event()
        self._rows: dict[str, list[Row]] = {}  # each table's rows as last shown, unfiltered
        self.undo_stack: list[Change] = []
        self.redo_stack: list[Change] = []

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
            yield RowTable(HISTORY_COLUMNS, cursor_type="row", id="table-history")
        else:
            yield BoardTable(tab)

    def on_mount(self) -> None:
        self.register_theme(PROJECTOR)
        saved = settings.load(self.settings_file).get("theme")
        if saved in self.available_themes:
            self.theme = saved
        self.set_class(self.read_only, "-read-only")
        self.show_state(self.state, self.repo.history(HISTORY_SHOWN))
        self.call_after_refresh(self.watch_store)  # watchfiles' import waits for the first frame
        # A safety net where folder events do not arrive (network shares, inotify limits).
        self.set_interval(POLL_SECONDS, self._poll)

    @property
    def read_only(self) -> bool:
        return self.repo.read_only

    def watch_theme(self, theme: str) -> None:
        self.set_class(theme == PROJECTOR.name, "-projector")
        settings.save(self.settings_file, theme=theme)

    # --- read-only --------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Editing keys are disabled (shown dimmed) on a read-only console."""
        if self.repo.read_only and action in EDIT_ACTIONS:
            return None
        return True

    def on_key(self, event: events.Key) -> None:
        if self.repo.read_only and event.key in edit_keys():
            self.notify(READ_ONLY_NOTICE, title="Read-only", severity="warning", markup=False)

    # --- command palette ----------------------------------------------------------------------------
    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for number, (tab, title) in enumerate(zip(TABS, TAB_TITLES, strict=True), start=1):
            yield SystemCommand(
                f"Go to {title}", f"Open tab {number}", partial(self.action_show_tab, tab)
            )
        yield SystemCommand(
            "Filter table", "Narrow the current table by text (/)", self.action_filter
        )
        yield SystemCommand(
            "Projector theme", "High contrast, bold text for a room", self.use_projector
        )
        if not self.repo.read_only:
            yield SystemCommand("Undo", "Undo this console's last edit (u)", self.action_undo)
            yield SystemCommand("Redo", "Redo the last undone edit (U)", self.action_redo)
            yield SystemCommand(
                "Export snapshot", "Write every format to a folder (x)", self.action_export
            )

    @work
    async def action_export(self) -> None:
        """Ask for a folder (a dated one by default), then write every format there."""
        stamp = dt.datetime.now().strftime("%Y-%m-%d_%H%M%S")
        default = self.repo.path.parent / "exports" / stamp
        dialog = EditScreen(
            "Export snapshot — folder (created if missing)",
            str(default),
            validate=_folder_problem,
            hint="enter writes every format there · escape cancels",
        )
        folder = await self.push_screen_wait(dialog)
        if folder is not None:
            self._write_export(
                Path(folder.strip()).expanduser(), self.export_screenshot(title=self.TITLE)
            )

    @work(thread=True, exclusive=True, group="export")
    def _write_export(self, folder: Path, svg: str) -> None:
        from store import write_bundle  # the export's modules load on first use, not at start-up

        try:
            paths = write_bundle(self.repo, folder, today=self.today, svg=svg)
        except BoardError as err:
            self.call_from_thread(self._refused, err)
            return
        self.own_revisions.add(self.repo.state().revision)  # the snapshot record is ours
        message = f"Snapshot written to {folder} ({len(paths)} files)"
        self.call_from_thread(self.notify, message, title="Exported", markup=False, timeout=10)

    def use_projector(self) -> None:
        self.theme = PROJECTOR.name

    def action_filter(self) -> None:
        active = self.main.query_one(TabbedContent).active
        if active in EDITABLE:
            self.open_filter(self.board_table(active))
        else:
            self.notify("Filter works on Components, Bids, Implications and Recommendations.")

    # --- attributes down ------------------------------------------------------------------------
    @property
    def main(self) -> Screen[Any]:
        """The console's own screen: app-level queries would search a dialog on top of it."""
        return self.screen_stack[0]

    def board_table(self, table: str) -> BoardTable:
        return self.main.query_one(f"#table-{table}", BoardTable)

    def show_state(
        self, state: BoardState, history: list[HistoryEntry], changed: bool = False
    ) -> None:
        """Push a state into every tab; with `changed`, highlight rows that differ from before."""
        self.state = state
        self._seen_identity = self.repo.storage.identity()
        self.main.query_one("#overview-text", Static).update(overview_text(state, self.today))
        for table in EDITABLE:
            rows = table_rows(state, table, self.today)
            marks = _changed_keys(self._rows.get(table, []), rows) if changed else set()
            self._rows[table] = rows
            self.board_table(table).show(rows, marks | self.board_table(table).highlighted)
            if marks:
                self.set_timer(HIGHLIGHT_SECONDS, lambda t=table, m=marks: self._unmark(t, m))
        self._show_history(history)
        self._show_status()

    def _unmark(self, table: str, keys: set[str]) -> None:
        widget = self.board_table(table)
        widget.show(self._rows[table], widget.highlighted - keys)

    def _show_history(self, entries: list[HistoryEntry]) -> None:
        self.main.query_one("#table-history", RowTable).set_rows(history_rows(entries))
        for warning in self.repo.take_warnings():  # each once, not on every reload
            self.notify(warning, severity="warning", markup=False)

    def _show_status(self) -> None:
        """Most important first, so a narrow projector still shows the mode and the last change."""
        s = self.state
        mode = "READ-ONLY" if self.read_only else "editing"
        last = (
            f"last change {s.changed_at[:19].replace('T', ' ')} UTC by {s.changed_by}"
            if s.changed_at
            else "no changes yet"
        )
        text = f"{mode} │ rev {s.revision}, {last} │ {self.received} received │ {self.repo.path}"
        filters = [
            f"{t.table_name} “{t.filter_text}”"
            for t in self.main.query(BoardTable)
            if t.filter_text
        ]
        if filters:
            text = f"filter: {', '.join(filters)} (/ to change) │ {text}"
        self.main.query_one("#status", Static).update(Text(visible(text)))

    # --- navigation -----------------------------------------------------------------------------
    def action_show_tab(self, tab: str) -> None:
        if self.screen is not self.main:
            return  # a dialog is open: number keys belong to it
        self.main.query_one(TabbedContent).active = tab
        target = {"overview": "#tab-overview-scroll", "history": "#table-history"}.get(
            tab, f"#table-{tab}"
        )
        # Synchronously, so keys typed straight after the number (as tmux sends them) land here.
        self.screen.set_focus(self.main.query_one(target))

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        self.push_screen(HelpScreen())

    # --- edits (messages up) --------------------------------------------------------------------
    @on(BoardTable.Intent)
    def on_intent(self, message: BoardTable.Intent) -> None:
        if message.action == "filter":
            self.open_filter(message.table)
        else:
            self.handle_intent(message)

    # --- filter -----------------------------------------------------------------------------------
    def open_filter(self, table: BoardTable) -> None:
        """Show a filter box under the table; it exists only while the filter is being typed."""
        self._filtering = table
        box = Input(table.filter_text, id="filter", placeholder=FILTER_HINT)
        self.main.mount(box, before=self.main.query_one("#status"))
        self.screen.set_focus(box)

    @on(Input.Changed, "#filter")
    def filter_changed(self, event: Input.Changed) -> None:
        table = self._filtering
        if table is not None:
            table.filter_text = event.value
            table.show(self._rows[table.table_name])
            self._show_status()

    @on(Input.Submitted, "#filter")
    def filter_kept(self) -> None:
        self._close_filter()

    def key_escape(self) -> None:
        """Escape in the filter box clears the filter and returns to the table."""
        if isinstance(self.focused, Input) and self.focused.id == "filter":
            self.focused.value = ""
            self._close_filter()

    def _close_filter(self) -> None:
        for box in self.main.query("#filter"):
            box.remove()
        if self._filtering is not None:
            self.screen.set_focus(self._filtering)

    def refresh_now(self) -> None:
        self.show_state(self.repo.state(), self.repo.history(HISTORY_SHOWN))

    # --- live refresh ---------------------------------------------------------------------------
    @work(exclusive=True, group="watch")
    async def watch_store(self) -> None:
        """Notice another process's atomic replace of the store (~15 ms), then reload off-thread."""
        from watchfiles import awatch

        path = self.repo.path
        watch = awatch(
            path.parent, debounce=50, step=10, recursive=False, stop_event=self._stop_watch
        )
        async for changes in watch:
            if any(Path(changed) == path for _, changed in changes):
                self.reload_store()

    def on_unmount(self) -> None:
        self._stop_watch.set()

    def _poll(self) -> None:
        if self.repo.storage.identity() != self._seen_identity:
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
        news = range(self.state.revision + 1, state.revision + 1)
        self.received += sum(1 for rev in news if rev not in self.own_revisions)
        self._warn_open_dialog(state)
        self.show_state(state, history, changed=True)

    def _warn_open_dialog(self, state: BoardState) -> None:
        target = getattr(self.screen, "target", None)
        if not isinstance(self.screen, EditScreen) or target is None:
            return
        before = record_value(self.state, *target)
        after = record_value(state, *target)
        if before != after:
            self.screen.field_changed("" if after is None else str(after), state.changed_by)


def _changed_keys(before: list[Row], after: list[Row]) -> set[str]:
    old = {r.key: r.texts for r in before}
    return {r.key for r in after if old.get(r.key) != r.texts}


def _folder_problem(text: str) -> str | None:
    return None if text.strip() else "Give a folder to write the snapshot into."
