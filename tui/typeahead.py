"""Keys typed while a dialog opens reach the dialog, not the board behind it.

Textual hands each key to the focused widget as it arrives, and a widget's binding runs when the
key has bubbled back up to the app, behind the keys typed after it. So `e` then `u` typed in one
burst ran the edit, whose dialog opens a moment later, and then undo on the board: the
secretary's edit undone instead of a `u` typed into the dialog (`e` `ctrl+u` `7` `7` `enter`
switched to the Actions tab). While a dialog is opening the app keeps the keys that arrive and
hands them on, in order, once the dialog has its focus, or after HOLD_AT_MOST if none opens.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from textual import events
from textual.app import App
from textual.message import Message
from textual.timer import Timer

HOLD_AT_MOST = 1.0  # seconds: a dialog that has not opened by then gets no keys of its own
BACK_AT_MOST = 0.2  # seconds to wait for a key handed on to come back up to the app


class KeysReleased(Message):
    """Hand the next held key on (handled in the app's queue, in order)."""


class TypeAhead:
    """The app's held keys: `hold` as a dialog is asked for, `take` each key as it arrives,
    `next` one at a time once the dialog has its focus.

    A printable key is typed by the widget it is handed to, in the order handed, so the next
    key follows at once. Any other key (ctrl+u, backspace, enter) is a binding, run when the key
    comes back up to the app (`came_back`): the next key waits for that, else the digits typed
    after a ctrl+u reached the input before it and were cleared with the rest.
    """

    def __init__(self) -> None:
        self.held: list[events.Key] | None = None
        self._timer: Timer | None = None
        self._handed: events.Key | None = None  # handed on, not yet back

    def hold(self, timer: Timer) -> None:
        if self.held is None:
            self.held = []
            self._wait(None, timer)
        else:
            timer.stop()

    def take(self, event: events.Event) -> bool:
        """Keep `event` if it is a key typed while holding (not one coming back up)."""
        if self.held is None or not isinstance(event, events.Key) or event.is_forwarded:
            return False
        self.held.append(event)
        return True

    def next(self) -> events.Key | None:
        """The first key still held, as a new event to hand on; None when none is left (then
        holding stops). Keys typed meanwhile queue behind the held ones."""
        self._wait(None, None)
        if not self.held:
            self.held = None
            return None
        key = self.held.pop(0)
        return events.Key(key.key, key.character)

    def handed(self, key: events.Key, timer: Timer) -> None:
        """`key` was handed on: the next waits until it comes back up, or until `timer`."""
        self._wait(key, timer)

    def came_back(self, event: events.Event) -> bool:
        """`event` is the key handed on, back at the app (its binding has run)."""
        if self._handed is None or event is not self._handed:
            return False
        self._wait(None, None)
        return True

    def _wait(self, key: events.Key | None, timer: Timer | None) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._handed, self._timer = key, timer


def hold_keys(app: App[Any]) -> None:
    """A dialog is on its way: keys typed from now wait for it (`release_keys`). Only an app
    with a `type_ahead` (the console) holds keys."""
    keys = getattr(app, "type_ahead", None)
    if isinstance(keys, TypeAhead):
        keys.hold(app.set_timer(HOLD_AT_MOST, partial(release_keys, app)))


def release_keys(app: App[Any]) -> None:
    """The dialog has its focus, or none is coming: the app hands the held keys on, in order."""
    if isinstance(getattr(app, "type_ahead", None), TypeAhead):
        app.post_message(KeysReleased())
