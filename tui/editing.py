"""What the console does with a table's intents: edit, cycle, add, remove, undo, redo.

Only this mixin (on the App) calls the store to change it; widgets just post intents.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work

from store import (
    STATUS_FIELD,
    BoardError,
    BoardState,
    Change,
    StaleEdit,
    ValidationError,
    choices,
    parse_value,
)

from .screens.edit import ChoiceScreen, ConfirmScreen, EditScreen
from .tables import COLUMNS, Row
from .widgets.board_table import BoardTable

if TYPE_CHECKING:
    from textual.app import App

    from store import Repository

    class _Base(App[None]):
        """What the mixin uses of BoardApp."""

        repo: Repository
        state: BoardState
        own_revisions: set[int]

        def board_table(self, table: str) -> BoardTable: ...
        def refresh_now(self) -> None: ...

else:
    _Base = object

READ_ONLY_NOTICE = "Read-only console: nothing was changed (open it without --read-only to edit)."
GROWABLE = ("components", "bids")


def cell_field(table: str, row: Row, column: int) -> str | None:
    """The store field behind a cell (parts as `part4.status`), or None if it is derived."""
    field = COLUMNS[table][column].field
    if row.part is None or field is None:
        return field
    return f"part{row.part}.{field}" if field in ("title", "status", "target") else None


def record_value(state: BoardState, table: str, record: str, field: str) -> Any:
    """A field's current value in `state`, as the store holds it (statuses as words)."""
    items: tuple[Any, ...] = getattr(state, table)
    item = next((r for r in items if str(r.id) == record), None)
    if item is None:
        return None
    if field.startswith("part"):
        number, name = field[4:].split(".")
        item, field = item.parts[int(number) - 1], name
    if field in ("2005/06", "2006/07", "2007/08", "after"):
        return item.amounts[field]
    value = getattr(item, field)
    return value.value if hasattr(value, "value") else value


class EditingMixin(_Base):
    """Mixed into BoardApp: it owns the undo/redo stacks of this console's own edits."""

    undo_stack: list[Change]
    redo_stack: list[Change]

    def handle_intent(self, message: BoardTable.Intent) -> None:
        if message.action != "filter" and self.repo.read_only:
            self.notify(READ_ONLY_NOTICE, title="Read-only", severity="warning", markup=False)
            return
        handler = getattr(self, f"intent_{message.action}")
        handler(message.table.table_name, message.row, message.column, message.delta)

    # --- status cycling ------------------------------------------------------------------------
    def intent_cycle(self, table: str, row: Row | None, column: int, delta: int) -> None:
        if row is None or not row.record:
            return
        field = f"part{row.part}.{STATUS_FIELD[table]}" if row.part else STATUS_FIELD[table]
        words = choices(table, field) or []
        current = record_value(self.state, table, row.record, field)
        self.save(table, row.record, field, words[(words.index(current) + delta) % len(words)])

    # --- editing a cell ---------------------------------------------------------------------------
    def intent_edit(self, table: str, row: Row | None, column: int, delta: int) -> None:
        field = cell_field(table, row, column) if row and row.record else None
        if row is None or field is None:
            self.notify("This cell is worked out from others; it cannot be edited.", markup=False)
            return
        self.open_editor(table, row.record, field, COLUMNS[table][column].label)

    @work
    async def open_editor(self, table: str, record: str, field: str, label: str) -> None:
        base = self.state.revision
        current = record_value(self.state, table, record, field)
        dialog = EditScreen(
            f"{table.capitalize()} {record} · {label}" + (f" ({field})" if "." in field else ""),
            "" if current is None else str(current),
            validate=lambda v: _problem(table, record, field, v),
            choices=choices(table, field),
            numeric=isinstance(current, int),
        )
        dialog.target = (table, record, field)  # type: ignore[attr-defined]
        value = await self.push_screen_wait(dialog)
        if value is not None:
            await self.save_checked(table, record, field, value, base)

    async def save_checked(
        self, table: str, record: str, field: str, value: str, base: int
    ) -> None:
        try:
            change = self.repo.set_field(table, record, field, value, base_revision=base)
        except StaleEdit as err:
            if await self._apply_mine(err, value):
                self.save(table, record, field, value, base=None)
            return
        except BoardError as err:
            self._refused(err)
            return
        self._done(change)

    async def _apply_mine(self, err: StaleEdit, mine: str) -> bool:
        question = f"{err} — it is now {err.current!r}. Keep theirs, or apply yours ({mine!r})?"
        answers = {"theirs": f"Keep theirs ({err.current!r})", "mine": f"Apply mine ({mine!r})"}
        return await self.push_screen_wait(ChoiceScreen(question, answers)) == "mine"

    def save(self, table: str, record: str, field: str, value: Any, base: int | None = -1) -> None:
        """Save one field against the revision on screen (or `base`); report a refusal."""
        base_revision = self.state.revision if base == -1 else base
        try:
            change = self.repo.set_field(table, record, field, value, base_revision=base_revision)
        except BoardError as err:
            self._refused(err)
            return
        self._done(change)

    # --- adding and removing rows ------------------------------------------------------------------
    def intent_add(self, table: str, row: Row | None, column: int, delta: int) -> None:
        if table not in GROWABLE:
            self.notify("Rows can be added to Components and Bids only.", markup=False)
            return
        self.add_row(table)

    @work
    async def add_row(self, table: str) -> None:
        kind = "component" if table == "components" else "bid"
        dialog = EditScreen(
            f"New {kind} — title", "", validate=lambda v: _problem(table, "", "title", v)
        )
        title = await self.push_screen_wait(dialog)
        if title is None:
            return
        try:
            change = self.repo.add(table, {"title": title})
        except BoardError as err:
            self._refused(err)
            return
        self._done(change)
        self.board_table(table).select_record(change.record)

    def intent_remove(self, table: str, row: Row | None, column: int, delta: int) -> None:
        if table not in GROWABLE or row is None or not row.record or row.part:
            self.notify("Only whole components and bids can be removed.", markup=False)
            return
        self.remove_row(table, row)

    @work
    async def remove_row(self, table: str, row: Row) -> None:
        base = self.state.revision
        title = record_value(self.state, table, row.record, "title")
        question = f"Remove {table[:-1]} {row.record} '{title}'? It can be undone with u."
        if not await self.push_screen_wait(ConfirmScreen(question)):
            return
        try:
            change = self.repo.delete(table, row.record, base_revision=base)
        except BoardError as err:
            self._refused(err)
            return
        self._done(change)

    # --- undo / redo ------------------------------------------------------------------------------
    def action_undo(self) -> None:
        self._step(self.undo_stack, self.redo_stack, "undo")

    def action_redo(self) -> None:
        self._step(self.redo_stack, self.undo_stack, "redo")

    def _step(self, source: list[Change], target: list[Change], word: str) -> None:
        if self.repo.read_only:
            self.notify(READ_ONLY_NOTICE, title="Read-only", severity="warning", markup=False)
            return
        if not source:
            self.notify(f"Nothing to {word} in this console.", markup=False)
            return
        try:
            inverse = self.repo.revert(source[-1])
        except BoardError as err:
            self.notify(f"Cannot {word}: {err}", severity="error", markup=False)
            return
        source.pop()
        target.append(inverse)
        self._after_edit(inverse)
        self.notify(f"{word.capitalize()}: {_summary(inverse)}", markup=False)

    # --- shared ending ------------------------------------------------------------------------------
    def _done(self, change: Change) -> None:
        if change.action == "none":
            return
        self.undo_stack.append(change)
        self.redo_stack.clear()
        self._after_edit(change)

    def _after_edit(self, change: Change) -> None:
        self.own_revisions.add(change.revision)
        self.refresh_now()

    def _refused(self, err: BoardError) -> None:
        self.notify(str(err), title="Not saved", severity="error", markup=False, timeout=8)


def _problem(table: str, record: str, field: str, value: str) -> str | None:
    try:
        parse_value(table, field, value, record)
    except ValidationError as err:
        return str(err)
    return None


def _summary(change: Change) -> str:
    if change.action == "add":
        return f"{change.table} {change.record} is back"
    if change.action == "delete":
        return f"{change.table} {change.record} removed"
    return f"{change.table} {change.record} {change.field} is {change.new!r} again"
