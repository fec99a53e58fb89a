"""The console's main screen: seven tabs, the status line, and what each table's requests do.

Frogmouth's `Main(Screen)` is the model: the App keeps the repository, the theme and the file
watcher; this screen composes the tabs and is the only place that asks the store to change.
Tables post one message class per request (`BoardTable.EditRequested`, ...) and never call the
store themselves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static, TabbedContent, TabPane

from store import (
    STATUS_FIELD,
    BoardError,
    BoardState,
    Change,
    HistoryEntry,
    Repository,
    StaleEdit,
    choices,
    record_value,
    replacement,
    uk_date,
    visible,
    when,
)

from ..edits import (
    ACTION_FIELDS,
    GROWABLE,
    EditLog,
    action_problem,
    cell_field,
    problem,
    summary,
)
from ..keys import APP_BINDINGS, TAB_TITLES, TABS, allowed, edit_keys
from ..overview import overview_text
from ..tables import COLUMNS, HISTORY_COLUMNS, Row, history_rows, table_rows
from ..widgets.bids_pane import BidsPane
from ..widgets.board_table import BidTable, BoardTable
from ..widgets.filter_box import FilterBox
from ..widgets.row_table import RowTable
from .edit import ConfirmScreen, ConflictScreen, EditScreen
from .form import FormScreen
from .record import RecordKeeper

EDITABLE = ("components", "bids", "implications", "recommendations", "actions")
HISTORY_SHOWN = 500
HIGHLIGHT_SECONDS = 4.0
READ_ONLY_NOTICE = "Read-only console: nothing was changed (open it without --read-only to edit)."


class BoardScreen(Screen[None]):
    """Shows one repository's state; its tables' requests become edits through the repository."""

    AUTO_FOCUS = "#tab-overview-scroll"
    BINDINGS = APP_BINDINGS

    def __init__(self, repo: Repository, today: dt.date) -> None:
        super().__init__()
        self.repo = repo
        self.today = today
        self.state: BoardState = repo.state()
        self.edits = EditLog(repo)
        self.received = 0  # changes from elsewhere since this console opened
        self.seen_identity: object = None  # the store file as last shown (for the app's poll)
        self.locked = repo.read_only  # no edits from this screen (a read-only console, or the past)
        self.notice = READ_ONLY_NOTICE
        self._rows: dict[str, list[Row]] = {}  # each table's rows as last shown, unfiltered
        self.record = RecordKeeper(self)

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
        elif tab == "bids":
            yield BidsPane(self.state)
        else:
            yield BoardTable(tab)

    def on_mount(self) -> None:
        for table in self.query(BoardTable):
            table.read_only = self.locked
        self.show_state(self.state, self.shown_history())

    def shown_history(self) -> list[HistoryEntry]:
        return self.repo.history(HISTORY_SHOWN)

    # --- read-only ------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return allowed(action, self.locked)

    def on_key(self, event: events.Key) -> None:
        if self.locked and event.key in edit_keys():
            self.notify(self.notice, title="Read-only", severity="warning", markup=False)

    # --- attributes down ------------------------------------------------------------------------
    def board_table(self, table: str) -> BoardTable:
        return self.query_one(f"#table-{table}", BoardTable)

    @property
    def bid_table(self) -> BidTable:
        return self.query_one("#table-bids", BidTable)

    @property
    def bids_pane(self) -> BidsPane:
        return self.query_one(BidsPane)

    def show_state(
        self, state: BoardState, history: list[HistoryEntry], changed: bool = False
    ) -> None:
        """Push a state into every tab; with `changed`, highlight rows that differ from before."""
        self.state = state
        self.bids_pane.state = state
        self.seen_identity = self.repo.identity()
        self.query_one("#overview-text", Static).update(overview_text(state, self.today))
        for table in EDITABLE:
            rows = table_rows(state, table, self.today, self.bid_table.by_priority)
            marks = _changed_keys(self._rows.get(table, []), rows) if changed else set()
            self._rows[table] = rows
            self.board_table(table).show(rows, marks | self.board_table(table).highlighted)
            if marks:
                self.set_timer(HIGHLIGHT_SECONDS, lambda t=table, m=marks: self._unmark(t, m))
        self.query_one("#table-history", RowTable).set_rows(history_rows(history))
        for warning in self.repo.take_warnings():  # each once, not on every reload
            self.notify(warning, severity="warning", markup=False)
        self._show_status()

    def _unmark(self, table: str, keys: set[str]) -> None:
        widget = self.board_table(table)
        widget.show(self._rows[table], widget.highlighted - keys)

    def _show_status(self) -> None:
        """Most important first, so a narrow projector still shows the mode and the last change."""
        s = self.state
        mode = self.mode_text()
        meeting = s.open_meeting
        if meeting is not None:
            mode = f"{mode} │ meeting {meeting.id} open"
        last = (
            f"last change {when(s.changed_at)} UTC by {s.changed_by}"
            if s.changed_at
            else "no changes yet"
        )
        text = f"{mode} │ rev {s.revision}, {last} │ {self.received} received │ {self.repo.path}"
        filters = [
            f"{t.table_name} “{t.filter_text}”" for t in self.query(BoardTable) if t.filter_text
        ]
        if filters:
            text = f"filter: {', '.join(filters)} (/ to change) │ {text}"
        self.query_one("#status", Static).update(Text(visible(text)))

    def mode_text(self) -> str:
        return "READ-ONLY" if self.repo.read_only else "editing"

    def refresh_now(self) -> None:
        self.show_state(self.repo.state(), self.shown_history())

    # --- live refresh (the app's watcher hands over what it read) -------------------------------
    def receive(self, state: BoardState, history: list[HistoryEntry]) -> None:
        if state is self.state:  # the same file as shown (the store hands out one object a file)
            return
        replaced = replacement(self.state, state)
        if replaced:
            self.notify(
                replaced, title="Store replaced", severity="warning", markup=False, timeout=30
            )
        elif state.revision == self.state.revision:
            return
        news = range(self.state.revision + 1, state.revision + 1)
        self.received += sum(1 for rev in news if rev not in self.edits.own_revisions)
        self._warn_open_dialog(state)
        self.show_state(state, history, changed=True)

    def _warn_open_dialog(self, state: BoardState) -> None:
        dialog = self.app.screen
        if not isinstance(dialog, EditScreen | ConflictScreen) or dialog.target is None:
            return
        before = record_value(self.state, *dialog.target)
        after = record_value(state, *dialog.target)
        if before != after:
            dialog.field_changed("" if after is None else str(after), state.changed_by)

    # --- navigation -----------------------------------------------------------------------------
    def action_show_tab(self, tab: str) -> None:
        if self.app.screen is not self:
            return  # a dialog is open: number keys belong to it
        self.query_one(TabbedContent).active = tab
        target = {"overview": "#tab-overview-scroll", "history": "#table-history"}.get(
            tab, f"#table-{tab}"
        )
        # Synchronously, so keys typed straight after the number (as tmux sends them) land here.
        self.set_focus(self.query_one(target))

    def action_help(self) -> None:
        from .help import HelpScreen

        self.app.push_screen(HelpScreen())

    # --- filter -----------------------------------------------------------------------------------
    def action_filter(self) -> None:
        active = self.query_one(TabbedContent).active
        if active in EDITABLE:
            self.open_filter(self.board_table(active))
        else:
            self.notify("Filter works on the tables (tabs 2 to 5 and 7).")

    @on(BoardTable.FilterRequested)
    def filter_requested(self, message: BoardTable.FilterRequested) -> None:
        self.open_filter(message.table)

    def open_filter(self, table: BoardTable) -> None:
        """A filter box under the table (the palette can ask while one is open: keep that one)."""
        for open_box in self.query(FilterBox):
            self.set_focus(open_box)
            return
        box = FilterBox(table)
        self.mount(box, before=self.query_one("#status"))
        self.set_focus(box)

    @on(FilterBox.Narrowed)
    def filter_narrowed(self, message: FilterBox.Narrowed) -> None:
        message.table.show(self._rows[message.table.table_name])
        self._show_status()

    @on(FilterBox.Closed)
    def filter_closed(self, message: FilterBox.Closed) -> None:
        message.box.remove()
        self.set_focus(message.table)

    # --- status cycling -------------------------------------------------------------------------
    @on(BoardTable.CycleRequested)
    def cycle_requested(self, message: BoardTable.CycleRequested) -> None:
        table, row = message.table.table_name, message.row
        if row is None or not row.record:
            return
        field = f"part{row.part}.{STATUS_FIELD[table]}" if row.part else STATUS_FIELD[table]
        words = choices(table, field) or []
        current = record_value(self.state, table, row.record, field)
        new = words[(words.index(current) + message.delta) % len(words)]
        self.save(table, row.record, field, new, base_revision=self.state.revision)

    # --- editing a cell ---------------------------------------------------------------------------
    @on(BoardTable.EditRequested)
    def edit_requested(self, message: BoardTable.EditRequested) -> None:
        table, row = message.table.table_name, message.row
        field = cell_field(table, row, message.column) if row and row.record else None
        if row is None or field is None:
            self.notify("This cell is worked out from others; it cannot be edited.", markup=False)
            return
        self.open_editor(table, row.record, field, COLUMNS[table][message.column].label)

    @work
    async def open_editor(self, table: str, record: str, field: str, label: str) -> None:
        base = self.state.revision
        current = record_value(self.state, table, record, field)
        if (table, field) == ("actions", "due"):
            current = uk_date(current or "")  # typed the UK way, stored as ISO
        dialog = EditScreen(
            f"{table.capitalize()} {record} · {label}" + (f" ({field})" if "." in field else ""),
            "" if current is None else str(current),
            validate=lambda v: problem(table, record, field, v, self.state),
            choices=choices(table, field),
            numeric=isinstance(current, int),
            target=(table, record, field),
        )
        value = await self.app.push_screen_wait(dialog)
        if value is None:
            return
        try:
            change = self.repo.set_field(table, record, field, value, base_revision=base)
        except StaleEdit as err:
            if await self._apply_mine(err, value, (table, record, field)):
                self.save(table, record, field, value, base_revision=None)
            return
        except BoardError as err:
            self.refused(err)
            return
        self._done(change)

    async def _apply_mine(self, err: StaleEdit, mine: str, target: tuple[str, str, str]) -> bool:
        what = " ".join(target)
        theirs = "" if err.current is None else str(err.current)
        dialog = ConflictScreen(what, theirs, err.who, mine, target)
        return await self.app.push_screen_wait(dialog) == "mine"

    def save(
        self, table: str, record: str, field: str, value: Any, base_revision: int | None
    ) -> None:
        """Save one field against `base_revision` (None: whatever is there now); report a refusal."""
        try:
            change = self.repo.set_field(table, record, field, value, base_revision=base_revision)
        except BoardError as err:
            self.refused(err)
            return
        self._done(change)

    # --- the money decision (the Bids pane plans it; saved here as one edit) --------------------
    @on(BidsPane.PlanReady)
    def plan_ready(self, message: BidsPane.PlanReady) -> None:
        """Plan a multi-field edit from the state shown and save it as one revision."""
        try:
            change = self.repo.apply(message.make())
        except BoardError as err:
            self.refused(err)
            return
        self._done(change)

    @on(BidsPane.ViewChanged)
    def bids_view_changed(self) -> None:
        self.show_state(self.state, self.repo.history(HISTORY_SHOWN))

    # --- adding and removing rows ------------------------------------------------------------------
    @on(BoardTable.AddRequested)
    def add_requested(self, message: BoardTable.AddRequested) -> None:
        if message.table.table_name not in GROWABLE:
            self.notify("Rows can be added to Components, Bids and Actions only.", markup=False)
            return
        if message.table.table_name == "actions":
            self.add_action()
        else:
            self.add_row(message.table.table_name)

    @work
    async def add_action(self) -> None:
        dialog = FormScreen(
            "New action",
            [(name, label, "") for name, label in ACTION_FIELDS],
            check=action_problem,
            hint="enter: next field, then add · due as 30/11/2004 · escape cancels",
        )
        values = await self.app.push_screen_wait(dialog)
        if values is not None:
            self._add("actions", {k: v for k, v in values.items() if v.strip()})

    @work
    async def add_row(self, table: str) -> None:
        kind = "component" if table == "components" else "bid"
        dialog = EditScreen(
            f"New {kind} — title", "", validate=lambda v: problem(table, "", "title", v)
        )
        title = await self.app.push_screen_wait(dialog)
        if title is not None:
            self._add(table, {"title": title})

    def _add(self, table: str, fields: dict[str, str]) -> None:
        try:
            change = self.repo.add(table, fields)
        except BoardError as err:
            self.refused(err)
            return
        self._done(change)
        self.board_table(table).select_record(change.record)

    @on(BoardTable.DeleteRequested)
    def delete_requested(self, message: BoardTable.DeleteRequested) -> None:
        table, row = message.table.table_name, message.row
        if table not in GROWABLE or row is None or not row.record or row.part:
            self.notify("Only whole components, bids and actions can be removed.", markup=False)
            return
        self.remove_row(table, row)

    @work
    async def remove_row(self, table: str, row: Row) -> None:
        base = self.state.revision
        title = record_value(
            self.state, table, row.record, "text" if table == "actions" else "title"
        )
        question = f"Remove {table[:-1]} {row.record} '{title}'? It can be undone with u."
        if not await self.app.push_screen_wait(ConfirmScreen(question)):
            return
        try:
            change = self.repo.delete(table, row.record, base_revision=base)
        except BoardError as err:
            self.refused(err)
            return
        self._done(change)

    # --- undo / redo ------------------------------------------------------------------------------
    def action_undo(self) -> None:
        self._step(self.edits.undo, "undo")

    def action_redo(self) -> None:
        self._step(self.edits.redo, "redo")

    def _step(self, step: Callable[[], Change | None], word: str) -> None:
        try:
            inverse = step()
        except BoardError as err:
            self.notify(f"Cannot {word}: {err}", severity="error", markup=False)
            return
        if inverse is None:
            self.notify(f"Nothing to {word} in this console.", markup=False)
            return
        self.refresh_now()
        self.notify(f"{word.capitalize()}: {summary(inverse)}", markup=False)

    # --- the meeting as a record: meetings, the past, snapshots (screens/record.py) --------------
    def action_meeting(self) -> None:
        """m: start a meeting, or end the one that is open."""
        self.record.meeting()

    def action_export(self) -> None:
        self.record.export()

    # --- shared ending ------------------------------------------------------------------------------
    def _done(self, change: Change) -> None:
        if self.edits.saved(change):
            self.refresh_now()

    def refused(self, err: BoardError) -> None:
        self.notify(str(err), title="Not saved", severity="error", markup=False, timeout=8)


def _changed_keys(before: list[Row], after: list[Row]) -> set[str]:
    old = {r.key: r.texts for r in before}
    return {r.key for r in after if old.get(r.key) != r.texts}
