"""The Bids tab: its table, and the dialogs of the money decision (envelope, priority, reprofile).

Attributes down, messages up: the screen sets `state`; the pane asks the user and posts a plan
(`PlanReady`) for the screen to save as one edit, or `ViewChanged` when the priority view is
toggled. It never calls the store's writing side itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message

from store import YEAR_LABELS, YEARS, BoardState, planning, record_value

from ..edits import REPROFILE_HINT, plan_problem, reprofile_default, reprofile_plan
from ..tables import COLUMNS, ENVELOPE, priority_columns
from .board_table import BidTable, BoardTable


class BidsPane(Vertical):
    """Holds the BidTable and turns its money requests into plans."""

    DEFAULT_CSS = "BidsPane { height: 1fr; }"

    @dataclass
    class PlanReady(Message):
        """Save this plan (made from the state shown) as one edit."""

        make: Callable[[], planning.Plan]

    class ViewChanged(Message):
        """The bids are now shown in the other order: build their rows again."""

    def __init__(self, state: BoardState) -> None:
        super().__init__()
        self._state = state

    @property
    def state(self) -> BoardState:
        return self._state

    @state.setter
    def state(self, state: BoardState) -> None:
        """The board shown; in priority order the year columns widen with its totals."""
        self._state = state
        if self.table.by_priority:
            self.table.columns = priority_columns(state)

    def compose(self) -> ComposeResult:
        yield BidTable()

    @property
    def table(self) -> BidTable:
        return self.query_one(BidTable)

    def _plan(self, make: Callable[[], planning.Plan]) -> None:
        self.post_message(self.PlanReady(make))

    # --- the envelope row: enter on a year sets that year's envelope ---------------------------
    @on(BoardTable.EditRequested)
    def edit_requested(self, message: BoardTable.EditRequested) -> None:
        if message.row is None or message.row.key != ENVELOPE:
            return  # the screen edits the bids' own cells
        message.stop()
        year = COLUMNS["bids"][message.column].field
        if year not in YEARS:
            self.notify("Choose a year's cell on the Envelope row to set its envelope.")
            return
        self.edit_envelope(year)

    @work
    async def edit_envelope(self, year: str) -> None:
        from ..screens.edit import EditScreen  # the dialogs load with the first one opened

        current = self.state.envelope.get(year)
        dialog = EditScreen(
            f"Funding envelope {YEAR_LABELS[year]} (£'000)",
            "" if current is None else str(current),
            validate=lambda v: plan_problem(lambda: planning.parse_envelope(v or "none")),
            hint="enter saves (empty or none clears it) · escape cancels",
        )
        value = await self.app.push_screen_wait(dialog)
        if value is not None:
            self._plan(lambda: planning.envelope(self.state, year, value or "none"))

    # --- priority ---------------------------------------------------------------------------------
    @on(BidTable.PriorityMoveRequested)
    def priority_move_requested(self, message: BidTable.PriorityMoveRequested) -> None:
        row = message.row
        if row is None or not row.record:
            return
        rank = self.state.priority(int(row.record)) + message.delta
        if not 1 <= rank <= len(self.state.bids):
            self.notify(f"Bid {row.record} is already {'first' if rank < 1 else 'last'}.")
            return
        self._plan(lambda: planning.priority(self.state, row.record, rank))

    @on(BidTable.PriorityViewRequested)
    def priority_view_requested(self) -> None:
        self.set_priority_view(not self.table.by_priority)

    def set_priority_view(self, on: bool) -> None:
        table = self.table
        table.by_priority = on
        table.columns = priority_columns(self.state) if on else COLUMNS["bids"]
        table.refresh_header()
        self.post_message(self.ViewChanged())
        self.notify("Priority order, with the funding line" if on else "Bids in the report's order")

    # --- reprofiling ------------------------------------------------------------------------------
    @on(BidTable.ReprofileRequested)
    def reprofile_requested(self, message: BidTable.ReprofileRequested) -> None:
        if message.row is None or not message.row.record:
            self.notify("Choose a bid to reprofile.")
            return
        self.reprofile(message.row.record)

    @work
    async def reprofile(self, record: str) -> None:
        from ..screens.edit import EditScreen

        title = record_value(self.state, "bids", record, "title")
        dialog = EditScreen(
            f"Reprofile bid {record} '{title}' (£'000)",
            reprofile_default(self.state, record),
            validate=lambda v: plan_problem(lambda: reprofile_plan(self.state, record, v)),
            hint=f"{REPROFILE_HINT} · enter moves it · escape cancels",
        )
        text = await self.app.push_screen_wait(dialog)
        if text is not None:
            self._plan(lambda: reprofile_plan(self.state, record, text))
