"""One exception family; every message is a single line a board secretary can act on."""

from __future__ import annotations


class BoardError(Exception):
    """Base of every error a user can cause or fix. `str(err)` is the whole message."""


class ValidationError(BoardError):
    """A value, table, record or field that the store does not accept."""


class NotFound(ValidationError):
    """An unknown table, record or field."""


class StaleEdit(BoardError):
    """The field was changed by someone else since this console read it."""

    def __init__(self, message: str, *, who: str, at: str, current: object) -> None:
        super().__init__(message)
        self.who = who
        self.at = at
        self.current = current


class StoreDamaged(BoardError):
    """The file is not a store this version can read; it is left untouched."""


class StoreTooNew(StoreDamaged):
    """The file was written by a newer version of the console."""


class StoreBusy(BoardError):
    """Another process held the lock for too long."""


class StoreUnwritable(BoardError):
    """The operating system refused a write (disk full, no permission); nothing was saved."""


class ReadOnly(BoardError):
    """An edit was attempted on a store opened read-only."""
