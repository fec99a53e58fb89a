"""One accepted edit, as the console's undo stack and the command line see it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Change:
    """One accepted edit; `Repository.revert` applies its inverse (undo, and redo of an undo)."""

    table: str
    record: str
    field: str  # "*" for add/delete of a whole record
    old: Any
    new: Any
    revision: int
    action: str = "set"  # set | add | delete | none | multi
    parts: tuple[Change, ...] = ()  # of a multi-field edit (one revision), in order
