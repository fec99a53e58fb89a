"""The board as it stood at an earlier revision: the main screen, read-only, clearly marked.

Opened from the command palette ("Board as at a revision…", "Board as at the end of meeting
N"); escape returns to the present. It shows one past state and takes no live refresh (the app
hands those to the console's own screen underneath).
"""

from __future__ import annotations

import datetime as dt

from textual.binding import Binding

from store import BoardState, HistoryEntry, Repository, as_at_text

from ..keys import APP_BINDINGS
from ..writes import Shown, shown_for
from .board import HISTORY_SHOWN, BoardScreen


class PastBoardScreen(BoardScreen):
    BINDINGS = [*APP_BINDINGS, Binding("escape", "close", "Back to now")]
    FREEZES_TABS = False  # closed with escape: its widgets and rows are freed then

    def __init__(self, repo: Repository, today: dt.date, past: BoardState) -> None:
        super().__init__(repo, today)
        self.state = past
        self.locked = True
        mark = as_at_text(past.revision, past.changed_at)
        self.notice = f"This is the board {mark}: read-only (escape returns to now)."
        self.add_class("-past")

    def read_now(self) -> Shown:
        """The past state, as it was (the identity is the store's, so the app's poll is quiet)."""
        past = self.state
        return shown_for(past, self.shown_history(), self.today, self.repo.identity(), tables=())

    def shown_history(self) -> list[HistoryEntry]:
        wanted = self.repo.state().revision - self.state.revision + HISTORY_SHOWN
        return [e for e in self.repo.history(wanted) if e.revision <= self.state.revision]

    def mode_text(self) -> str:
        return f"AS AT {as_at_text(self.state.revision, self.state.changed_at)[6:]}, read-only"

    def refresh_now(self) -> None:
        """The past does not change: nothing to read again."""

    def action_close(self) -> None:
        self.dismiss()
