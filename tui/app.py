"""The console: the App keeps the repository, the theme and the file watcher; `BoardScreen` shows it."""

from __future__ import annotations

import asyncio
import datetime as dt
import gc
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import Any

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.screen import Screen

from store import BoardError, Repository, uk_date

from . import settings
from .keys import TAB_TITLES, TABS
from .screens.board import HISTORY_SHOWN, BoardScreen
from .themes import PROJECTOR
from .typeahead import BACK_AT_MOST, KeysReleased, TypeAhead
from .writes import read_shown

POLL_SECONDS = 2.0


class BoardApp(App[None]):
    """Takes an opened repository (tests hand it a temporary store)."""

    CSS_PATH = "app.tcss"
    TITLE = "Programme Board Console"

    def __init__(
        self,
        repo: Repository,
        *,
        today: dt.date | None = None,
        settings_file: Path | None = None,
        start_folder: Path | None = None,
    ) -> None:
        super().__init__()
        self.repo = repo
        self.start_folder = start_folder or Path.cwd()  # `x` exports under it by default
        self.settings_file = settings_file
        self.today = today or dt.date.today()
        self._collect_after_frame = False  # on_load pauses the collector until the first frame
        # Until the first frame is on screen: what it can do without (app.tcss).
        self.add_class("-first-frame")
        # Set on unmount so the folder watcher's thread stops at once, not at its next timeout.
        self._stop_watch = asyncio.Event()
        self.type_ahead = TypeAhead()  # keys typed while a dialog opens

    def get_default_screen(self) -> BoardScreen:
        return BoardScreen(self.repo, self.today, self.start_folder)

    @property
    def board(self) -> BoardScreen:
        """The console's own screen (always at the bottom of the stack, under any dialog)."""
        screen = self.screen_stack[0]
        assert isinstance(screen, BoardScreen)
        return screen

    # --- keys typed while a dialog opens (typeahead.py) -----------------------------------------
    async def on_event(self, event: events.Event) -> None:
        if self.type_ahead.take(event):
            return
        await super().on_event(event)
        if self.type_ahead.came_back(event):
            self.post_message(KeysReleased())

    @on(KeysReleased)
    async def _hand_on_key(self) -> None:
        key = self.type_ahead.next()
        if key is None:
            return
        key.set_sender(self)
        await super().on_event(key)
        if key.is_printable:
            self.post_message(KeysReleased())
        else:
            late = self.set_timer(BACK_AT_MOST, partial(self.post_message, KeysReleased()))
            self.type_ahead.handed(key, late)

    def on_load(self) -> None:
        # Building the first frame allocates tens of thousands of objects (widgets, styles,
        # strips); each collection they trigger walks every object Textual and the store have
        # made: ~60 ms of the console's first screen. Nothing built for it is garbage yet.
        self._collect_after_frame = gc.isenabled()
        gc.disable()

    def on_mount(self) -> None:
        self.register_theme(PROJECTOR)
        saved = settings.load(self.settings_file).get("theme")
        if saved in self.available_themes:
            self.theme = saved
        self.set_class(self.repo.read_only, "-read-only")
        # A safety net where folder events do not arrive (network shares, inotify limits).
        self.set_interval(POLL_SECONDS, self._poll)

    def on_ready(self) -> None:
        """The first frame is on screen: now start what it did not need."""
        self._collect_again()
        self.remove_class("-first-frame")
        # On Ready, not after the first refresh: the worker's import of watchfiles (and anyio,
        # ~20-40 ms) ran before Textual's first frame when it was started from on_mount.
        self.watch_store()

    def watch_theme(self, theme: str) -> None:
        self.set_class(theme == PROJECTOR.name, "-projector")
        settings.save(self.settings_file, theme=theme)

    def use_projector(self) -> None:
        self.theme = PROJECTOR.name

    # --- command palette ----------------------------------------------------------------------------
    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        # Textual's "Keys" panel would be a second, different help: `?` is the one help screen.
        yield from (c for c in super().get_system_commands(screen) if c.title != "Keys")
        from .screens.past import PastBoardScreen  # loaded with the palette, not the first frame

        if isinstance(screen, PastBoardScreen):  # the past is only looked at
            yield SystemCommand("Back to now", "Leave the past board (escape)", screen.action_close)
            return
        yield SystemCommand("Keys", "Every key and where it works (?)", self.board.action_help)
        board = self.board
        for number, (tab, title) in enumerate(zip(TABS, TAB_TITLES, strict=True), start=1):
            yield SystemCommand(
                f"Go to {title}", f"Open tab {number}", partial(board.action_show_tab, tab)
            )
        yield SystemCommand(
            "Filter table", "Narrow the current table by text (/)", board.action_filter
        )
        yield SystemCommand(
            "Projector theme", "High contrast, bold text for a room", self.use_projector
        )
        yield SystemCommand(
            "Priority order",
            "Bids in priority order with the funding line (p)",
            board.priority_view,
        )
        yield from self._record_commands(board)
        if not self.repo.read_only:
            yield SystemCommand(
                "Reprofile bid",
                "Move money between years of the selected bid (r)",
                board.reprofile,
            )
            yield SystemCommand("Undo", "Undo this console's last edit (u)", board.action_undo)
            yield SystemCommand("Redo", "Redo the last undone edit (U)", board.action_redo)
            yield SystemCommand(
                "Export snapshot", "Write every format to a folder (x)", board.action_export
            )

    def _record_commands(self, board: BoardScreen) -> Iterable[SystemCommand]:
        """Meetings and the past: start, correct, end; open any revision or meeting read-only."""
        record, state = board.record, board.state
        if not self.repo.read_only and state.open_meeting is None:
            yield SystemCommand(
                "Start meeting",
                "Open a meeting: its edits carry its number (m)",
                record.start_meeting,
            )
        elif not self.repo.read_only:
            yield SystemCommand("End meeting", "Close the open meeting (m)", board.action_meeting)
            yield SystemCommand(
                "Correct attendance", "Who is present, apologies", record.correct_attendance
            )
        yield SystemCommand(
            "Board as at a revision…", "Open a past revision read-only", record.ask_as_at
        )
        for m in state.meetings:
            if m.end_revision is not None:
                # No store text here: the palette parses a command's help as markup.
                yield SystemCommand(
                    f"Board as at the end of meeting {m.id}",
                    f"{uk_date(m.date)}, revision {m.end_revision}, read-only",
                    partial(record.open_as_at, m.end_revision),
                )

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
        self._collect_again()  # if the app ended before its first frame
        gc.unfreeze()  # what it froze may be collected now (one process may run many apps)

    def _collect_again(self) -> None:
        """The collector back on once the first frame is shown (as it was before on_load).

        What the first frame and the store's state made lives as long as the console: frozen
        out of later collections, which otherwise walked all of it again (at 10,000 bids a
        collection soon after the first frame took 20-70 ms, a full one 40-90 ms, while the
        Bids tab was opening). Reference counting still frees any of it that is dropped.
        """
        if self._collect_after_frame:
            gc.freeze()
            gc.enable()
        self._collect_after_frame = False

    def _poll(self) -> None:
        if self.repo.identity() != self.board.seen_identity:
            self.reload_store()

    @work(thread=True, exclusive=True, group="reload")
    def reload_store(self) -> None:
        """Read the store and build the tables' rows in a thread; the screen only shows them."""
        try:
            shown = read_shown(self.repo, self.today, HISTORY_SHOWN)
        except BoardError as err:
            self.call_from_thread(self.notify, str(err), severity="error", markup=False)
            return
        self.call_from_thread(self.board.receive, shown)
