"""One accepted edit, as the console's undo stack and the command line see it."""

from __future__ import annotations

from typing import Any, Literal

from .frozen import Frozen

# What an accepted edit did; "none" = the value was already there, so nothing was written;
# "multi" = several fields in one revision (`parts`).
ChangeAction = Literal["set", "add", "delete", "none", "multi"]


class Change(Frozen, frozen=True):
    """One accepted edit; `Repository.revert` applies its inverse (undo, and redo of an undo)."""

    table: str
    record: str
    field: str  # "*" for add/delete of a whole record
    old: Any
    new: Any
    revision: int
    action: ChangeAction = "set"
    parts: tuple[Change, ...] = ()  # of a multi-field edit (one revision), in order
