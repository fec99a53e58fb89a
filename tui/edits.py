"""This console's own edits: which revisions it wrote, and its undo and redo stacks.

No textual here: the main screen asks the user and shows the outcome; this keeps the record.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from store import (
    RECORD_NOUNS,
    YEARS,
    BoardError,
    BoardState,
    Change,
    Repository,
    ValidationError,
    meeting_fields,
    parse_value,
    planning,
    record_value,
    split_part,
    visible,
)

if TYPE_CHECKING:  # the tables' modules load with the first table shown, not the first frame
    from .tables import Row

GROWABLE = ("components", "bids", "actions")
KINDS = {table: noun.capitalize() for table, noun in RECORD_NOUNS.items()}
NAME_FIELD = {"implications": "name", "recommendations": "text", "actions": "text"}  # else title
HEADING_TITLE = 40  # characters of the record's title in an edit box's heading
# The fields the console asks for when `a` adds an action, with their labels.
ACTION_FIELDS = (
    ("text", "Action"),
    ("owner", "Owner"),
    ("due", "Due (e.g. 30/11/2004 or 30 Nov 2004)"),
    ("source", "From (e.g. recommendations 3.2; may be empty)"),
)


class EditLog:
    """Every change this console saved, so undo and redo step through its own edits only."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo
        self.own_revisions: set[int] = set()  # live refresh does not count these as received
        self.undo_stack: list[Change] = []
        self.redo_stack: list[Change] = []

    def saved(self, change: Change) -> bool:
        """Remember a new edit (undo-able; it clears redo). False when nothing changed."""
        if change.action == "none":
            return False
        self.undo_stack.append(change)
        self.redo_stack.clear()
        self.own_revisions.add(change.revision)
        return True

    def undo(self) -> Change | None:
        """Revert the last edit (None when there is none); raises BoardError if it cannot."""
        return self._step(self.undo_stack, self.redo_stack)

    def redo(self) -> Change | None:
        return self._step(self.redo_stack, self.undo_stack)

    def _step(self, source: list[Change], target: list[Change]) -> Change | None:
        if not source:
            return None
        inverse = self.repo.revert(source[-1])
        source.pop()
        target.append(inverse)
        self.own_revisions.add(inverse.revision)
        return inverse


def cell_field(table: str, row: Row, column: int) -> str | None:
    """The store field behind a cell (parts as `part4.status`), or None if it is derived."""
    from .tables import COLUMNS

    field = COLUMNS[table][column].field
    if row.part is None or field is None:
        return field
    return f"part{row.part}.{field}" if field in ("title", "status", "target") else None


def problem(
    table: str, record: str, field: str, value: str, state: BoardState | None = None
) -> str | None:
    """What is wrong with typed `value` for the field (the store's own words), or None.
    With `state`, a priority is also checked against the number of bids."""
    if state is not None and (table, field) == ("bids", "priority"):
        return plan_problem(lambda: planning.priority(state, record, value))
    try:
        parse_value(table, field, value, record)
    except ValidationError as err:
        return str(err)
    return None


def summary(change: Change) -> str:
    if change.action == "multi":
        count = len(change.parts)
        return f"{change.table} {change.record} {change.field} ({count} field{'s' * (count > 1)})"
    if change.action == "add":
        return f"{change.table} {change.record} is back"
    if change.action == "delete":
        return f"{change.table} {change.record} removed"
    return f"{change.table} {change.record} {change.field} is {change.new!r} again"


def record_name(state: BoardState, table: str, record: str, part: int | None = None) -> str:
    """`Bid 2 — Local Area Network (LAN) infrastructure upg…`: the record as a heading names it."""
    field = f"part{part}.title" if part is not None else NAME_FIELD.get(table, "title")
    title = str(record_value(state, table, record, field) or "")
    kind = record_kind(table, record, part)
    return f"{kind} — {_shortened(visible(title))}" if title else kind


def record_kind(table: str, record: str, part: int | None = None) -> str:
    """`Bid 2`, `Component 5, part 4`: a record named without its title."""
    kind = f"{KINDS.get(table, table.capitalize())} {record}"
    return f"{kind}, part {part}" if part is not None else kind


def edit_heading(state: BoardState, table: str, record: str, field: str, label: str) -> str:
    """`Bid 2 — Local Area Network … · 2005/06, £'000`: the record, the column and its unit."""
    part = split_part(field)
    name = record_name(state, table, record, part[0] if part else None)
    unit = ", £'000" if isinstance(record_value(state, table, record, field), int) else ""
    return f"{name} · {label}{unit}"


def _shortened(text: str) -> str:
    return text if len(text) <= HEADING_TITLE else text[: HEADING_TITLE - 1].rstrip() + "…"


def action_problem(values: dict[str, str]) -> str | None:
    """The first thing wrong with a new action's fields (the store's own words), or None."""
    for field, value in values.items():
        error = problem("actions", "", field, value) if value.strip() or field == "text" else None
        if error:
            return error
    return None


def meeting_problem(values: dict[str, str]) -> str | None:
    try:
        meeting_fields(**values)
    except ValidationError as err:
        return str(err)
    return None


def revision_problem(text: str, current: int) -> str | None:
    if not text.strip().isdecimal() or not 0 <= int(text) <= current:
        return f"Give a revision from 0 to {current}."
    return None


REPROFILE_HINT = "FROM TO AMOUNT, e.g. 2005/06 2006/07 100 · years: " + ", ".join(YEARS)


def reprofile_plan(state: BoardState, record: str, text: str) -> planning.Plan:
    """`2005/06 2006/07 100` typed in the reprofile dialog, as the plan of one edit."""
    words = text.split()
    if len(words) != 3:
        raise ValidationError(f"type three things: {REPROFILE_HINT}")
    return planning.reprofile(state, record, *words)


def reprofile_default(state: BoardState, record: str) -> str:
    """The dialog's starting text: from the bid's first year with money to the year after."""
    amounts = planning.find_bid(state, record).amounts
    source = next((y for y in YEARS if amounts[y]), YEARS[0])
    target = YEARS[min(YEARS.index(source) + 1, len(YEARS) - 1)]
    return f"{source} {target if target != source else YEARS[0]} "


def plan_problem(make: Callable[[], object]) -> str | None:
    """The store's message if planning an edit fails, else None (for a dialog's validate)."""
    try:
        make()
    except BoardError as err:
        return str(err)
    return None
