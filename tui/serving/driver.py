"""The driver each browser tab's console runs with: Textual's WebDriver, made to end reliably.

`board serve` names it in TEXTUAL_DRIVER (Textual's own way to choose a driver). Textual's
WebDriver leaves its app running when its input ends (the server went away) and ends only
through a message to an app that may never read it; a console started under `nohup` even
inherits an ignored SIGHUP. Here the end of input, the server's "quit", SIGTERM and SIGHUP each
ask the app to exit and, should it still be running a few seconds later, end the process: the
store survives that (every edit is one locked atomic replace), a console nobody watches does not
keep a core busy. Sizes from the page (`?width=`, resize messages) are clamped to what a screen
can be, so `?width=-5` draws a small console instead of crashing it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from typing import Any

from textual import messages
from textual.drivers.web_driver import WebDriver

EXIT_GRACE = 3.0  # seconds an asked-to-exit console has before its process ends
SIZE_LIMITS = {"width": (10, 500), "height": (5, 200)}
DEFAULT_SIZE = {"width": 80, "height": 24}


def clamped(value: object, axis: str) -> int:
    """A terminal dimension from the page: a whole number within SIZE_LIMITS, else the default."""
    low, high = SIZE_LIMITS[axis]
    try:
        number = int(str(value).strip())
    except ValueError:
        return DEFAULT_SIZE[axis]
    return max(low, min(high, number))


def size_from_environment() -> tuple[int, int]:
    """textual-serve passes the page's size as COLUMNS and ROWS."""
    env = os.environ
    return clamped(env.get("COLUMNS", 80), "width"), clamped(env.get("ROWS", 24), "height")


class BrowserDriver(WebDriver):
    """WebDriver that always ends: on the end of its input, "quit", SIGTERM and SIGHUP."""

    def __init__(self, app: Any, **kwargs: Any) -> None:
        kwargs["size"] = kwargs.get("size") or size_from_environment()
        super().__init__(app, **kwargs)
        self._ending = threading.Event()

    def start_application_mode(self) -> None:
        super().start_application_mode()  # it hands SIGINT and SIGTERM to its own exit
        loop = self._loop
        for signum in (signal.SIGTERM, signal.SIGHUP):
            loop.add_signal_handler(signum, self.end)

    def run_input_thread(self) -> None:
        super().run_input_thread()
        self.end()  # input ended: the server closed our stdin, or went away

    def on_meta(self, packet_type: str, payload: dict[str, object]) -> None:
        if packet_type == "quit":
            self.end()
            return
        if packet_type == "resize":
            payload = {**payload, **{k: clamped(payload.get(k), k) for k in SIZE_LIMITS}}
        super().on_meta(packet_type, payload)

    def end(self) -> None:
        """Ask the app to exit (from any thread); end the process if it has not after EXIT_GRACE."""
        if self._ending.is_set():
            return
        self._ending.set()
        deadline = threading.Timer(EXIT_GRACE, os._exit, args=(0,))
        deadline.daemon = True  # a console that exits in time does not wait for it
        deadline.start()
        with contextlib.suppress(RuntimeError):  # a closed loop: the app is on its way out
            self._loop.call_soon_threadsafe(self._app.post_message, messages.ExitApp())
