"""The console's main screen: seven tabs, the status line, and what each table's requests do.

The first frame holds the Overview only: a table tab is built the first time it is shown (or
asked for), from the state shown then, and from then on follows every state like the others.
The tables' modules, the detail panel, the filter box and the dialogs load with the first one.

Frogmouth's `Main(Screen)` is the model: the App keeps the repository, the theme and the file
watcher; this screen composes the tabs and is the only place that asks the store to change.
Tables post one message class per request (`BoardTable.EditRequested`, ...) and never call the
store themselves.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import gc
from collections.abc import Callable
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import ActiveBinding
from textual.containers import Container
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, Static

from store import (
    STATUS_FIELD,
    BoardError,
    BoardState,
    Change,
    Repository,
    StaleEdit,
    accepted_forms,
    choices,
    gc_paused,
    record_value,
    replacement,
    uk_date,
)

from ..edits import (
    ACTION_FIELDS,
    GROWABLE,
    EditLog,
    action_problem,
    cell_field,
    edit_heading,
    problem,
    summary,
)
from ..keys import APP_BINDINGS, TAB_TITLES, TABS, allowed, edit_keys, footer_rank
from ..overview import overview_text
from ..status import status_text
from ..typeahead import release_keys
from ..widgets.footer import KeyFooter
from ..widgets.overview_text import OverviewText
from ..widgets.tab_strip import TabStrip
from ..writes import LOCK_NOTICE_SECONDS, Outcome, Shown, Write, WriteQueue, read_shown

if TYPE_CHECKING:  # loaded with the first table tab (tabs.py) or the first dialog
    from collections.abc import Iterable

    from ..tables import Row
    from ..widgets.bids_pane import BidsPane
    from ..widgets.board_table import BidTable, BoardTable
    from ..widgets.detail_panel import DetailPanel
    from ..widgets.filter_box import FilterBox
    from ..widgets.row_table import RowTable
    from .record import RecordKeeper

EDITABLE = ("components", "bids", "implications", "recommendations", "actions")
HISTORY_SHOWN = 500
HIGHLIGHT_SECONDS = 4.0
WIDE = 160  # columns from which the detail panel sits beside the table rather than below it
READ_ONLY_NOTICE = "Read-only console: nothing was changed (open it without --read-only to edit)."


def pane_id(tab: str) -> str:
    """The id of the widget that holds `tab` (the Overview's is the one that scrolls)."""
    return "overview-text" if tab == "overview" else f"pane-{tab}"


class BoardScreen(Screen[None]):
    """Shows one repository's state; its tables' requests become edits through the repository."""

    AUTO_FOCUS = "#overview-text"  # pane_id("overview")
    BINDINGS = APP_BINDINGS
    # The console's own screen lives as long as the app: what its tabs build is frozen out of
    # the collector's walks (_show_first). A screen that closes must stay collectable.
    FREEZES_TABS = True

    def __init__(self, repo: Repository, today: dt.date, start_folder: Path | None = None) -> None:
        super().__init__(classes="-overview")  # the first tab shown has no detail panel
        self.repo = repo
        self.today = today
        self.start_folder = start_folder or Path.cwd()  # exports go under it by default
        self.state: BoardState = repo.state()
        self.shown: Shown | None = None  # the last state shown, with its rows
        self.edits = EditLog(repo)
        self.writes = WriteQueue(repo, self.edits, today, HISTORY_SHOWN)
        self.received = 0  # changes from elsewhere since this console opened
        self.seen_identity: object = None  # the store file as last shown (for the app's poll)
        self.locked = repo.read_only  # no edits from this screen (a read-only console, or the past)
        self.notice = READ_ONLY_NOTICE
        self.built: set[str] = {"overview"}  # the tabs whose widgets exist (see build_tab)
        self._building = asyncio.Lock()

    # --- layout ------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        # No containers: the footer, the status line and (with the first table) the filter box
        # and the detail panel are split off the screen's edges in this order (app.tcss), and
        # the tab strip and the pane on show fill what is left. Each container had cost the
        # first frame ~6 ms (its styles, its layout, a screen of background drawn under it).
        titles = [f"{number} {title}" for number, title in enumerate(TAB_TITLES, start=1)]
        yield KeyFooter(show_command_palette=False)  # `?` lists ctrl+p; the room goes to keys
        yield Static(id="status", markup=False)
        yield TabStrip(zip(TABS, titles, strict=True), "overview", id="tabs")
        yield OverviewText(id=pane_id("overview"), classes="pane")

    def on_mount(self) -> None:
        self.show_state(self.read_now())

    async def build_tab(self, tab: str) -> None:
        """Mount `tab`'s table the first time it is needed, showing the state shown now."""
        async with self._building:  # a key and a click may ask at once: build once
            if tab in self.built:
                return
            from . import tabs

            if self.detail is None:  # the first table: what every table tab shares
                await self._mount_shared(*tabs.table_parts(self.today))
            pane = Container(*tabs.tab_body(tab, self.state), id=pane_id(tab), classes="pane")
            pane.display = tab == self.active_tab  # a tab built for a command stays hidden
            await self.mount(pane)
            self.built.add(tab)
            for editable in pane.query(tabs.BoardTable):
                editable.read_only = self.locked
            for widget in pane.query("RowTable"):  # the detail panel follows its cursor
                table = cast("RowTable", widget)
                self.watch(table, "current_key", partial(self._cursor_moved, table), init=False)
            if self.shown is not None:
                self._show_first(tab, self.shown)

    def _show_first(self, tab: str, shown: Shown) -> None:
        """A new tab's rows (10,000 Row objects at 10,000 bids) live until the next state: out
        of the collections that walked them again (30-60 ms while the Bids tab opened), as
        the first frame's objects are (BoardApp._collect_again). Frozen once per tab."""
        with gc_paused():
            self._show_tab(tab, shown)
        if self.FREEZES_TABS:
            gc.freeze()

    async def _mount_shared(self, panel: DetailPanel, box: FilterBox) -> None:
        await self.mount(box, after="#status")  # hidden until `/`
        await self.mount(panel, after=box)
        if self.shown is not None:
            panel.set_state(self.shown.state, self.shown.history)

    @cached_property
    def record(self) -> RecordKeeper:
        """Meetings, the past and snapshots (loaded with their first use)."""
        from .record import RecordKeeper

        return RecordKeeper(self)

    @property
    def detail(self) -> DetailPanel | None:
        """The detail panel, once the first table tab is built."""
        found = self.query("#detail")
        return cast("DetailPanel", found.first()) if found else None

    def read_now(self) -> Shown:
        """The store as it is now (the past board shows its own). No table's rows yet: the
        first frame shows the Overview; a tab's rows are made when it is built."""
        return read_shown(self.repo, self.today, HISTORY_SHOWN, tables=())

    # --- which keys work here (the footer shows only those) ---------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "filter" and self.active_tab not in EDITABLE:
            return False
        return allowed(action, self.locked)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The footer's keys, most used first (keys.FOOTER_ORDER), whichever widget has focus."""
        bindings = super().active_bindings
        return dict(sorted(bindings.items(), key=lambda item: footer_rank(item[1].binding.action)))

    @on(TabStrip.Clicked)
    async def tab_clicked(self, event: TabStrip.Clicked) -> None:
        await self.action_show_tab(event.tab)

    @property
    def active_tab(self) -> str:
        """The tab on show (its title marked in the tab strip)."""
        return self.query_one(TabStrip).active

    def show_pane(self, tab: str) -> None:
        """`tab`'s pane on show (built already), every other pane hidden."""
        self.query_one(TabStrip).active = tab
        shown = pane_id(tab)
        for pane in self.query_children(".pane"):
            pane.display = pane.id == shown

    def _tab_shown(self) -> None:
        """What goes with the tab open: its keys in the footer, the detail panel (the Overview
        has no rows: the panel would only take its room) showing the record under the cursor."""
        self.refresh_bindings()
        self.set_class(self._active_table() is None, "-overview")
        self._follow(self._active_table())

    # --- the detail panel -------------------------------------------------------------------------
    def _cursor_moved(self, table: RowTable, key: str | None) -> None:
        if table is self._active_table():
            self._follow(table)

    def _active_table(self) -> RowTable | None:
        active = self.active_tab
        if active == "overview" or active not in self.built:
            return None
        return cast("RowTable", self.query_one(f"#table-{active}"))

    def _follow(self, table: RowTable | None) -> None:
        name = "" if table is None else table.id.removeprefix("table-") if table.id else ""
        if self.detail is not None:
            self.detail.show_row(name, table.current_row() if table else None)

    def action_toggle_detail(self) -> None:
        self.toggle_class("-no-detail")
        if self.detail is not None:
            self.detail.reshow()

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width >= WIDE, "-wide")
        if event.size == self.outer_size:
            # Laid out at this size already: Textual sends the first frame three Resizes of one
            # size, and Screen's handler lays out and redraws the whole screen for each. Its own
            # resume skips the layout on the same test (`_size`); a real change still lays out.
            event.prevent_default()

    def on_key(self, event: events.Key) -> None:
        if self.locked and event.key in edit_keys():
            self.notify(self.notice, title="Read-only", severity="warning", markup=False)

    # --- attributes down ------------------------------------------------------------------------
    def board_table(self, table: str) -> BoardTable:
        return cast("BoardTable", self.query_one(f"#table-{table}"))

    @property
    def bid_table(self) -> BidTable:
        return cast("BidTable", self.query_one("#table-bids"))

    @property
    def bids_pane(self) -> BidsPane:
        return cast("BidsPane", self.query_one("BidsPane"))

    def show_state(self, shown: Shown, changed: bool = False) -> None:
        """Push a state read off the loop into every tab; with `changed`, highlight rows that
        differ from before."""
        state, history = shown.state, shown.history
        self.state, self.shown = state, shown
        self.seen_identity = shown.identity
        self.query_one(OverviewText).update(overview_text(state, self.today))
        for tab in self.built - {"overview"}:  # a tab built later starts from the state then
            self._show_tab(tab, shown, changed)
        if self.detail is not None:
            self.detail.set_state(state, history)
        for warning in self.repo.take_warnings():  # each once, not on every reload
            self.notify(warning, severity="warning", markup=False)
        self._show_status()

    def _show_tab(self, tab: str, shown: Shown, changed: bool = False) -> None:
        """One built tab's rows; with `changed`, rows that differ from before are highlighted."""
        from ..tables import history_rows, table_rows  # loaded with the first table (tabs.py)

        if tab == "history":
            cast("RowTable", self.query_one("#table-history")).set_rows(history_rows(shown.history))
            return
        if tab == "bids":
            self.bids_pane.state = shown.state
        rows = shown.table_rows(tab)
        widget = self.board_table(tab)
        if tab == "bids" and self.bid_table.by_priority:  # rows in id order came ready
            rows = table_rows(shown.state, tab, self.today, True)
        marks = _changed_keys(widget.all_rows, rows) if changed else set()
        widget.show(rows, marks | widget.highlighted)
        if marks:
            self.set_timer(HIGHLIGHT_SECONDS, lambda: self._unmark(tab, marks))

    def _unmark(self, table: str, keys: set[str]) -> None:
        widget = self.board_table(table)
        widget.show(widget.all_rows, widget.highlighted - keys)

    def _show_status(self) -> None:
        waiting = self.writes.waiting_for_lock()
        text = status_text(
            self.state,
            mode=self.mode_text(),
            path=self.repo.path,
            received=self.received,
            writing="waiting" if waiting else "saving" if self.writes.pending else "",
            filters=[
                f"{t.table_name} “{t.filter_text}”"
                for t in cast("Iterable[BoardTable]", self.query("BoardTable"))
                if t.filter_text
            ],
        )
        self.query_one("#status", Static).update(Text(text))

    def mode_text(self) -> str:
        """`editing` or `READ-ONLY`, with `meeting N open` while one is (the past says AS AT)."""
        mode = "READ-ONLY" if self.repo.read_only else "editing"
        meeting = self.state.open_meeting
        return mode if meeting is None else f"{mode} │ meeting {meeting.id} open"

    def refresh_now(self) -> None:
        """Read the store again, off the event loop (the app's reload worker)."""
        reload = getattr(self.app, "reload_store", None)
        if reload is not None:
            reload()

    # --- live refresh (the app's watcher hands over what it read) -------------------------------
    def receive(self, shown: Shown) -> None:
        state = shown.state
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
        self.show_state(shown, changed=True)

    def _warn_open_dialog(self, state: BoardState) -> None:
        from .edit import ConflictScreen, EditScreen

        dialog = self.app.screen
        if not isinstance(dialog, EditScreen | ConflictScreen) or dialog.target is None:
            return
        before = record_value(self.state, *dialog.target)
        after = record_value(state, *dialog.target)
        if before != after:
            dialog.field_changed("" if after is None else str(after), state.changed_by)

    # --- navigation -----------------------------------------------------------------------------
    async def action_show_tab(self, tab: str) -> None:
        if self.app.screen is not self:
            return  # a dialog is open: number keys belong to it
        await self.build_tab(tab)  # before the keys typed after the number are handled
        self.show_pane(tab)
        target = {"overview": f"#{pane_id(tab)}", "history": "#table-history"}.get(
            tab, f"#table-{tab}"
        )
        # Synchronously, so keys typed straight after the number (as tmux sends them) land here.
        self.set_focus(self.query_one(target))
        # In the same turn: the tab's first frame has its keys and its panel.
        self._tab_shown()

    # The palette's bid commands work from any tab, so the Bids tab may not be built yet.
    async def priority_view(self) -> None:
        await self.build_tab("bids")
        self.bid_table.action_priority_view()

    async def reprofile(self) -> None:
        await self.build_tab("bids")
        self.bid_table.action_reprofile()

    def action_help(self) -> None:
        from .help import HelpScreen

        self.app.push_screen(HelpScreen())

    # --- filter -----------------------------------------------------------------------------------
    def action_filter(self) -> None:
        active = self.active_tab
        if active not in EDITABLE:
            self.notify("Filter works on the tables (tabs 2 to 5 and 7).")
            return
        cast("FilterBox", self.query_one("#filter")).open(self.board_table(active))

    @on(Input.Changed, "#filter")
    def filter_changed(self) -> None:
        self._show_status()

    # --- writes, off the event loop (tui/writes.py) ------------------------------------------------
    class Written(Message):
        """A write finished in the worker thread: its change or refusal, and the state after."""

        def __init__(self, outcome: Outcome) -> None:
            super().__init__()
            self.outcome = outcome

    def write(self, write: Write) -> None:
        """Queue a write; the screen keeps working while it waits for the store's lock."""
        if self.writes.put(write):
            self._drain()
        self._show_status()
        self.set_timer(LOCK_NOTICE_SECONDS + 0.05, self._show_status)

    @work(thread=True, group="writes")
    def _drain(self) -> None:
        for outcome in self.writes.drain():
            self.post_message(self.Written(outcome))

    @on(Written)
    def written(self, message: Written) -> None:
        outcome, write = message.outcome, message.outcome.write
        if outcome.shown is not None:
            self.show_state(outcome.shown)
        if isinstance(outcome.error, StaleEdit) and write.retry is not None:
            self._ask_apply_mine(outcome.error, write)
        elif outcome.error is not None:
            self.refused(outcome.error, write.word)
        elif outcome.change is None:
            self.notify(f"Nothing to {write.word} in this console.", markup=False)
        elif write.then is not None:
            write.then(outcome.change)
        self._show_status()

    @work
    async def _ask_apply_mine(self, err: StaleEdit, write: Write) -> None:
        from .edit import ConflictScreen

        target = write.target
        assert target is not None  # only a field's save offers "apply mine", and it names it
        theirs = "" if err.current is None else str(err.current)
        dialog = ConflictScreen(" ".join(target), theirs, err.who, write.mine, target)
        if await self.app.push_screen_wait(dialog) == "mine":
            assert write.retry is not None
            self.write(Write(write.word, write.retry))

    # --- status cycling -------------------------------------------------------------------------
    # The tables' requests are handled by name, not @on(BoardTable...): board_table.py loads with
    # the first table tab (tabs.py), not with the first frame.
    def on_board_table_cycle_requested(self, message: BoardTable.CycleRequested) -> None:
        table, row = message.table.table_name, message.row
        if row is None or not row.record:
            return
        field = f"part{row.part}.{STATUS_FIELD[table]}" if row.part else STATUS_FIELD[table]
        self.write(Write("save", partial(self._cycle, table, row.record, field, message.delta)))

    def _cycle(self, table: str, record: str, field: str, delta: int) -> Change:
        """In the worker: the next word after the stored one (queued presses step on in turn)."""
        state = self.repo.state()
        words = choices(table, field) or []
        current = record_value(state, table, record, field)
        new = words[(words.index(current) + delta) % len(words)]
        return self.repo.set_field(table, record, field, new, base_revision=state.revision)

    # --- editing a cell ---------------------------------------------------------------------------
    def on_board_table_edit_requested(self, message: BoardTable.EditRequested) -> None:
        table, row = message.table.table_name, message.row
        field = cell_field(table, row, message.column) if row and row.record else None
        if row is None or field is None:
            release_keys(self.app)  # no dialog: the keys typed behind go on
            self.notify("This cell is worked out from others; it cannot be edited.", markup=False)
            return
        from ..tables import COLUMNS  # loaded with the table that asks

        self.open_editor(table, row.record, field, COLUMNS[table][message.column].label)

    @work
    async def open_editor(self, table: str, record: str, field: str, label: str) -> None:
        from .edit import EditScreen

        base = self.state.revision
        current = record_value(self.state, table, record, field)
        if (table, field) == ("actions", "due"):
            current = uk_date(current or "")  # typed the UK way, stored as ISO
        dialog = EditScreen(
            edit_heading(self.state, table, record, field, label),
            "" if current is None else str(current),
            validate=lambda v: problem(table, record, field, v, self.state),
            choices=choices(table, field),
            numeric=isinstance(current, int),
            target=(table, record, field),
            forms=accepted_forms(table, field),
        )
        value = await self.app.push_screen_wait(dialog)
        if value is None:
            return
        save = partial(self.repo.set_field, table, record, field, value)
        retry = partial(save, base_revision=None)  # "apply mine": over whatever is there now
        self.write(
            Write(
                "save",
                partial(save, base_revision=base),
                retry=retry,
                mine=value,
                target=(table, record, field),
            )
        )

    # --- the money decision (the Bids pane plans it; saved here as one edit) --------------------
    # Handlers by name, not @on(BidsPane...): bids_pane.py loads with the Bids tab (tabs.py).
    def on_bids_pane_plan_ready(self, message: BidsPane.PlanReady) -> None:
        """Plan a multi-field edit and save it as one revision, off the event loop."""
        make = message.make
        self.write(Write("save", lambda: self.repo.apply(make())))

    def on_bids_pane_view_changed(self) -> None:
        if self.shown is not None:
            self.show_state(self.shown)  # the same state, the bids in the other order

    # --- adding and removing rows ------------------------------------------------------------------
    def on_board_table_add_requested(self, message: BoardTable.AddRequested) -> None:
        if message.table.table_name not in GROWABLE:
            self.notify("Rows can be added to Components, Bids and Actions only.", markup=False)
            return
        if message.table.table_name == "actions":
            self.add_action()
        else:
            self.add_row(message.table.table_name)

    @work
    async def add_action(self) -> None:
        from .form import FormScreen

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
        from .edit import EditScreen

        kind = "component" if table == "components" else "bid"
        dialog = EditScreen(
            f"New {kind} — title", "", validate=lambda v: problem(table, "", "title", v)
        )
        title = await self.app.push_screen_wait(dialog)
        if title is not None:
            self._add(table, {"title": title})

    def _add(self, table: str, fields: dict[str, str]) -> None:
        select = self.board_table(table).select_record
        self.write(
            Write("add", partial(self.repo.add, table, fields), then=lambda c: select(c.record))
        )

    def on_board_table_delete_requested(self, message: BoardTable.DeleteRequested) -> None:
        table, row = message.table.table_name, message.row
        if table not in GROWABLE or row is None or not row.record or row.part:
            self.notify("Only whole components, bids and actions can be removed.", markup=False)
            return
        self.remove_row(table, row)

    @work
    async def remove_row(self, table: str, row: Row) -> None:
        from .edit import ConfirmScreen

        base = self.state.revision
        title = record_value(
            self.state, table, row.record, "text" if table == "actions" else "title"
        )
        question = f"Remove {table[:-1]} {row.record} '{title}'? It can be undone with u."
        if not await self.app.push_screen_wait(ConfirmScreen(question, yes="Remove")):
            return
        self.write(
            Write("remove", partial(self.repo.delete, table, row.record, base_revision=base))
        )

    # --- undo / redo ------------------------------------------------------------------------------
    def action_undo(self) -> None:
        self.write(Write("undo", self.edits.undo, remember=False, then=self._stepped("Undo")))

    def action_redo(self) -> None:
        self.write(Write("redo", self.edits.redo, remember=False, then=self._stepped("Redo")))

    def _stepped(self, word: str) -> Callable[[Change], None]:
        return lambda inverse: self.notify(f"{word}: {summary(inverse)}", markup=False)

    # --- the meeting as a record: meetings, the past, snapshots (screens/record.py) --------------
    def action_meeting(self) -> None:
        """m: start a meeting, or end the one that is open."""
        self.record.meeting()

    def action_export(self) -> None:
        self.record.export()

    # --- shared ending ------------------------------------------------------------------------------
    def refused(self, err: BoardError, word: str = "save") -> None:
        title = "Not saved" if word in ("save", "add", "remove", "export") else f"Cannot {word}"
        self.notify(str(err), title=title, severity="error", markup=False, timeout=8)


def _changed_keys(before: list[Row], after: list[Row]) -> set[str]:
    old = {r.key: r.texts for r in before}
    return {r.key for r in after if old.get(r.key) != r.texts}
