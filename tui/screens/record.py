"""The meeting as a record, from the console: start and end a meeting, correct its attendance,
open the board as at an earlier revision, and write a snapshot (`x`).

A helper the main screen owns (composition, not a mixin): it asks the user through dialogs,
queues the write on the screen's write worker (tui/writes.py), like every edit. Each
flow runs as a worker on the screen, so the dialogs can be awaited; the snapshot's writing
runs in a thread (it takes the store's lock and writes a dozen files).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING

from store import BoardError, Meeting, Repository, state_at, uk_date

from ..edits import meeting_problem, revision_problem
from ..writes import Write
from .edit import ConfirmScreen, EditScreen
from .form import Field, FormScreen

if TYPE_CHECKING:
    from .board import BoardScreen


class RecordKeeper:
    def __init__(self, screen: BoardScreen) -> None:
        self.screen = screen

    @property
    def repo(self) -> Repository:
        return self.screen.repo

    def _run(self, flow: Callable[[], Awaitable[None]], group: str) -> None:
        self.screen.run_worker(flow(), group=group, exclusive=True)

    # --- meetings ------------------------------------------------------------------------------
    def meeting(self) -> None:
        """Start a meeting, or end the one that is open."""
        if self.screen.state.open_meeting is None:
            self.start_meeting()
        else:
            self._run(self._end, "meeting")

    def start_meeting(self) -> None:
        fields = [
            ("title", "Title", "Programme board"),
            ("date", "Date", uk_date(self.screen.today.isoformat())),
            ("present", "Present (; between names)", ""),
            ("apologies", "Apologies (; between names)", ""),
        ]
        self._run(lambda: self._form("Start a meeting", fields, self.repo.start_meeting), "meeting")

    def correct_attendance(self) -> None:
        meeting = self.screen.state.open_meeting
        if meeting is None:
            self.screen.notify("No meeting is open (m starts one).", markup=False)
            return
        fields = [
            ("present", "Present (; between names)", "; ".join(meeting.present)),
            ("apologies", "Apologies (; between names)", "; ".join(meeting.apologies)),
        ]
        title = f"Meeting {meeting.id}: attendance"
        self._run(lambda: self._form(title, fields, self.repo.update_meeting), "meeting")

    async def _form(self, title: str, fields: list[Field], save: Callable[..., Meeting]) -> None:
        hint = "enter: next field, then save · escape cancels"
        dialog = FormScreen(title, fields, check=meeting_problem, hint=hint)
        values = await self.screen.app.push_screen_wait(dialog)
        if values is not None:
            self._write(
                "save",
                lambda: save(**values),
                "Meeting {id} open: every edit now carries its number",
            )

    async def _end(self) -> None:
        meeting = self.screen.state.open_meeting
        if meeting is None:
            return
        question = (
            f"End meeting {meeting.id} ({meeting.title})? Its decision sheet is written with "
            "the next snapshot (x)."
        )
        if await self.screen.app.push_screen_wait(ConfirmScreen(question)):
            self._write("save", self.repo.end_meeting, "Meeting {id} ended")

    def _write(self, word: str, save: Callable[[], Meeting], message: str) -> None:
        """The meeting's write off the event loop (tui/writes.py), like every edit."""
        edits = self.screen.edits

        def run() -> Meeting:  # in the worker thread
            meeting = save()
            edits.own_revisions.add(self.repo.state().revision)  # this console's, not received
            return meeting

        def done(meeting: Meeting) -> None:
            self.screen.notify(message.format(id=meeting.id), markup=False)

        self.screen.write(Write(word, run, remember=False, then=done))

    # --- the board as at an earlier revision ---------------------------------------------------
    def ask_as_at(self) -> None:
        self._run(self._ask_as_at, "as-at")

    async def _ask_as_at(self) -> None:
        current = self.screen.state.revision
        dialog = EditScreen(
            f"Show the board as at revision (0 to {current})",
            str(max(0, current - 1)),
            validate=lambda v: revision_problem(v, current),
            numeric=True,
            hint="type a revision · enter opens it read-only · esc cancels",
            replace=True,
        )
        value = await self.screen.app.push_screen_wait(dialog)
        if value is not None:
            self.open_as_at(int(value))

    def open_as_at(self, revision: int) -> None:
        from .past import PastBoardScreen

        try:
            past = state_at(self.repo, revision)
        except BoardError as err:
            self.screen.notify(
                str(err), title="Cannot show that revision", severity="error", markup=False
            )
            return
        self.screen.app.push_screen(PastBoardScreen(self.repo, self.screen.today, past))

    # --- snapshot (x) ----------------------------------------------------------------------------
    def export(self) -> None:
        self._run(self._export, "export-ask")

    async def _export(self) -> None:
        """Ask for a folder (a dated one by default), then write every format there."""
        stamp = dt.datetime.now().strftime("%Y-%m-%d_%H%M%S")
        # Under the folder the console was started in, where the user will look for it.
        default = self.screen.start_folder / "exports" / stamp
        dialog = EditScreen(
            "Export snapshot — folder (created if missing)",
            str(default),
            validate=_folder_problem,
            hint="enter writes every format there · escape cancels",
        )
        folder = await self.screen.app.push_screen_wait(dialog)
        if folder is not None:
            svg = self.screen.app.export_screenshot(title=self.screen.app.TITLE)
            target = Path(folder.strip()).expanduser()
            self.screen.run_worker(
                lambda: self._write_export(target, svg),
                thread=True,
                exclusive=True,
                group="export",
            )

    def _write_export(self, folder: Path, svg: str) -> None:
        from store import write_bundle  # the export's modules load on first use, not at start-up

        app = self.screen.app
        try:
            paths = write_bundle(self.repo, folder, today=self.screen.today, svg=svg)
        except BoardError as err:
            app.call_from_thread(self.screen.refused, err)
            return
        self.screen.edits.own_revisions.add(self.repo.state().revision)  # the snapshot is ours
        sheets = sum(p.name.startswith("minutes-") and p.suffix == ".md" for p in paths)
        extra = f", with {sheets} decision sheet{'s' * (sheets != 1)}" if sheets else ""
        message = f"Snapshot written to {folder.resolve()} ({len(paths)} files{extra})"
        app.call_from_thread(
            self.screen.notify, message, title="Exported", markup=False, timeout=10
        )


def _folder_problem(text: str) -> str | None:
    return None if text.strip() else "Give a folder to write the snapshot into."
